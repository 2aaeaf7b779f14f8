"""The series view: every clause of a series of versions, and the chosen one's history.

Left, the clauses (each with its heading and a one-line lineage); right, the
chosen clause version by version: how it got into each version, its heading
there, and what changed on the way (deleted words struck, inserted underlined,
unchanged paragraphs folded). `o` opens the comparison of any two versions at
the clause (on the new side when the older version lacks it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, RichLog, Static
from textual.widgets.option_list import Option

from diffy.comparison.diff import search_key
from diffy.comparison.pairview import build_rows, inline
from diffy.series.history import Entry, Series, history, timeline
from diffy.tui.dialogs import ChoiceScreen, HelpScreen
from diffy.tui.styles import BADGES, palette, segments_text

SERIES_KEYS: list[Binding] = [
    Binding("o", "open_pair", "Open two versions"),
    Binding("c", "changed_only", "Changed clauses only"),
    Binding("f,slash", "filter", "Filter by text", key_display="f"),
    Binding("x", "clear", "Clear filter", show=False),
    Binding("tab", "switch_pane", "Clauses / history", show=False),
    Binding("question_mark", "help", "Help", key_display="?"),
    Binding("escape", "back", "Back", show=False),
    Binding("q", "app.quit", "Quit"),
]
EVENT_COLOURS = {"introduced": "added", "split-from": "split"}
FOLD_MIN = 2  # unchanged paragraphs folded into one line from this many on


def event_badge(event: str) -> Text:
    _, fg, bg = BADGES.get(EVENT_COLOURS.get(event, event), (event, "#202020", "#a0a0a0"))
    label = "part of" if event == "split-from" else event
    return Text(f" {label} ", style=Style(color=fg, bgcolor=bg, bold=True))


def clause_label(steps) -> Text:
    heading = next((s.heading for s in reversed(steps) if s.heading is not None), None)
    t = Text(heading or "(text before the first heading)")
    t.append("\n  " + timeline(steps), style="dim")
    return t


def entry_text(entry: Entry, previous_label: str | None, styles, heading_of: Callable[[str | None], str]) -> Text:
    """One version of a clause: a header line, then its text or what changed since the previous version."""
    step = entry.step
    out = Text.assemble(Text(f"{step.version} ", style="bold"), event_badge(step.event), " ")
    out.append(step.title, style="bold")
    out.append("\n")
    old_heading = entry.previous.heading if entry.previous is not None else None
    if entry.section is not None and entry.previous is not None and old_heading != entry.section.heading:
        out.append(f"Heading in {previous_label}: {old_heading or '(none)'}\n", style="dim")
    if step.event == "removed":
        out.append(f"Not in {step.version}: removed after {previous_label}.\n", style="italic")
        return out
    if step.event == "split-from":
        out.append(f"In {step.version} it was part of this section; it stands alone from the next version.\n",
                   style="italic")
    if entry.pair is None or step.event == "introduced":
        for para in entry.section.paragraphs if entry.section else ():
            out.append(para + "\n\n")
        return out
    if not entry.pair.changes:
        out.append(f"Unchanged since {previous_label}.\n", style="italic")
        return out
    out.append(f"Changes since {previous_label}: {len(entry.pair.changes)}\n\n", style="italic")
    same = 0
    for row in build_rows(entry.pair, heading_of):
        if not row.changed:
            same += 1
            continue
        _fold(out, same)
        same = 0
        out.append_text(segments_text(inline(row), styles))
        out.append("\n\n")
    _fold(out, same)
    return out


def _fold(out: Text, n: int) -> None:
    if n >= FOLD_MIN:
        out.append(f"⋯ {n} unchanged paragraphs\n\n", style="dim")
    elif n:
        out.append("⋯ 1 unchanged paragraph\n\n", style="dim")


class SeriesScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = list(SERIES_KEYS)

    @dataclass
    class OpenVersions(Message):
        """The reader chose two versions to compare, opened at the pair holding `focus` (side, section id)."""

        old: int
        new: int
        focus: tuple[str, str] | None

    def __init__(self, series: Series, clause: int | None = None) -> None:
        super().__init__()
        self.series = series
        self.clause = clause
        self.changed_only = False
        self.text_filter = ""
        self.shown: list[int] = []
        self.history_text = Text()

    def compose(self) -> ComposeResult:
        first = self.series.documents[-1]
        title = Text(first.title or self.series.folder.name, style="bold")
        title.append("   " + " → ".join(self.series.labels) + f"   {len(self.series.clauses)} clauses")
        yield Static(title, id="title-bar")
        with Horizontal(id="panes"):
            yield OptionList(id="clauses")
            yield RichLog(id="history", wrap=True, markup=False, highlight=False, auto_scroll=False, min_width=20)
        yield Input(id="prompt", placeholder="Show clauses whose headings or text contain…")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#prompt", Input).display = False
        self._fill(self.clause)
        self.query_one("#clauses", OptionList).focus()
        self.watch(self.app, "theme", lambda *_: self.show_clause(self.clause), init=False)

    # ------------------------------------------------------------------ clause list
    def _matches(self, k: int) -> bool:
        steps = self.series.clauses[k]
        unchanged = steps[0].event == "introduced" and len(steps) == len(self.series.versions) and \
            all(s.event == "same" for s in steps[1:])  # in every version, never changed
        if self.changed_only and unchanged:
            return False
        if self.text_filter:
            needle = search_key(self.text_filter)
            texts = [e.section.text for e in history(self.series, k) if e.section is not None]
            texts += [s.heading or "" for s in steps]
            return any(needle in search_key(t) for t in texts)
        return True

    def _fill(self, select: int | None) -> None:
        self.shown = [k for k in range(len(self.series.clauses)) if self._matches(k)]
        box = self.query_one("#clauses", OptionList)
        box.clear_options()
        box.add_options([Option(clause_label(self.series.clauses[k]), id=str(k)) for k in self.shown])
        if not self.shown:
            self.show_clause(None)
            return
        at = self.shown.index(select) if select in self.shown else 0
        box.highlighted = at
        self.show_clause(self.shown[at])

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self.show_clause(int(event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#history").focus()

    def select_clause(self, clause: int | None) -> None:
        """Show that clause, clearing the filters when they hide it."""
        if clause is not None and clause not in self.shown:
            self.changed_only, self.text_filter = False, ""
        self._fill(clause)

    def show_clause(self, clause: int | None) -> None:
        self.clause = clause
        self.history_text = self._history(clause)
        self._draw()

    def _draw(self) -> None:
        """The history into the pane: a line-based log, so a long history costs only the lines in view."""
        log = self.query_one("#history", RichLog)
        log.clear()
        log.write(self.history_text, scroll_end=False)
        log.scroll_home(animate=False)

    def on_resize(self) -> None:
        self.call_after_refresh(self._draw)  # wrapped anew for the new width

    def _history(self, clause: int | None) -> Text:
        if clause is None:
            return Text("No clause matches the filter (x clears it).", style="italic")
        styles = palette(self.app.theme_variables)
        entries = history(self.series, clause)
        headings = {s.id: s.heading for e in entries for v in (e.version - 1, e.version) if v >= 0
                    for s in self.series.documents[v].sections}

        def heading_of(section_id: str | None) -> str:
            return headings.get(section_id or "") or "another section"

        out = Text()
        for k, entry in enumerate(entries):
            previous = self.series.labels[entry.version - 1] if entry.version > 0 else None
            if k:
                out.append("─" * 40 + "\n", style="dim")
            out.append_text(entry_text(entry, previous, styles, heading_of))
        return out

    # ------------------------------------------------------------------ actions
    def action_changed_only(self) -> None:
        self.changed_only = not self.changed_only
        self._fill(self.clause)
        self.notify("Clauses that changed in the series" if self.changed_only else "All clauses", timeout=2)

    def action_filter(self) -> None:
        box = self.query_one("#prompt", Input)
        box.value = self.text_filter
        box.display = True
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.input.display = False
        self.text_filter = event.value.strip()
        self._fill(self.clause)
        self.query_one("#clauses").focus()

    def action_clear(self) -> None:
        self.changed_only, self.text_filter = False, ""
        self._fill(self.clause)

    def action_switch_pane(self) -> None:
        clauses = self.query_one("#clauses")
        (self.query_one("#history") if clauses.has_focus else clauses).focus()

    def action_back(self) -> None:
        box = self.query_one("#prompt", Input)
        if box.display:
            box.display = False
            self.query_one("#clauses").focus()
        elif len(self.app.screen_stack) > 2:  # back to the comparison the series view was opened from
            self.app.pop_screen()

    def action_help(self) -> None:
        rows = [(b.key_display or " / ".join(b.key.split(",")), b.description) for b in SERIES_KEYS]
        rows += [("↑ ↓", "Choose a clause; its history follows"), ("enter", "From the clauses to the history")]
        self.app.push_screen(HelpScreen(rows))

    def action_open_pair(self) -> None:
        labels = self.series.labels
        options = [Option(Text(f"{labels[i]} → {labels[j]}"), id=f"{i}:{j}")
                   for i in range(len(labels)) for j in range(i + 1, len(labels))]

        def chosen(choice: str | None) -> None:
            if choice is None:
                return
            i, j = (int(x) for x in choice.split(":"))
            old, new = self._section_in(i), self._section_in(j)
            self.post_message(self.OpenVersions(i, j, ("old", old) if old else ("new", new) if new else None))

        self.app.push_screen(ChoiceScreen("Compare two versions", options, "version-pairs"), chosen)

    def _section_in(self, version: int) -> str | None:
        if self.clause is None:
            return None
        label = self.series.labels[version]
        return next((s.section_id for s in self.series.clauses[self.clause]
                     if s.version == label and s.section_id and s.event != "removed"), None)
