"""The comparison screen: outline of pairs on the left, the selected pair's diff on the right."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, Static, Tree

from diffy.annotations import store
from diffy.comparison.browse import Filter, Match, find_matches, visible_pairs
from diffy.comparison.cite import cite
from diffy.comparison.compare import Comparison, Overrides, Pair
from diffy.comparison.significance import FLAG, Significance, rank
from diffy.comparison.tables import where
from diffy.tui.dialogs import HelpScreen, RankedScreen, RelationPicker, SummaryScreen
from diffy.tui.diffview import DiffView
from diffy.tui.notes import AnnotationActions
from diffy.tui.outline import Outline, OutlineLayout
from diffy.tui.series import SeriesScreen

KEYS: list[Binding] = [
    Binding("n", "next_change", "Next change"),
    Binding("N,p", "previous_change", "Prev change"),
    Binding("right_square_bracket", "next_section", "Next changed section", key_display="]"),
    Binding("left_square_bracket", "previous_section", "Prev changed section", key_display="["),
    Binding("g,home", "first", "First section", show=False),
    Binding("G,end", "last", "Last section", show=False),
    Binding("v", "toggle_mode", "Side by side / inline"),
    Binding("z", "toggle_fold", "Fold unchanged", show=False),
    Binding("slash", "search", "Search", key_display="/"),
    Binding("m", "next_match", "Next match", show=False),
    Binding("M", "previous_match", "Prev match", show=False),
    Binding("c", "changed_only", "Changed only"),
    Binding("r", "relation_filter", "Filter by relation", show=False),
    Binding("f", "text_filter", "Filter by text", show=False),
    Binding("x", "clear_filters", "Clear filters", show=False),
    Binding("s", "summary", "Summary"),
    Binding("a", "annotate", "Annotate"),
    Binding("A", "annotations", "Annotations", show=False),
    Binding("y", "copy", "Copy the sentence, quote or paragraph", show=False),
    Binding("t", "tag_filter", "Filter by tag", show=False),
    Binding("exclamation_mark", "ranked", "Most significant", key_display="!", show=False),
    Binding("S", "significant_only", "Significant only", show=False),
    Binding("H", "history", "Section history in the series", show=False),
    Binding("P", "pair", "Pair by hand", show=False),
    Binding("U", "unpair", "Unpair by hand", show=False),
    Binding("tab", "switch_pane", "Outline / diff", show=False),
    Binding("o", "toggle_outline", "Hide / show the outline", show=False),
    Binding("greater_than_sign", "wider_outline", "Wider outline", key_display=">", show=False),
    Binding("less_than_sign", "narrower_outline", "Narrower outline", key_display="<", show=False),
    Binding("question_mark", "help", "Help", key_display="?"),
    Binding("q", "app.quit", "Quit"),
]
BINDINGS: list[BindingType] = list(KEYS)


def help_rows() -> list[tuple[str, str]]:
    rows = []
    for b in KEYS:
        keys = b.key_display or " / ".join(k for k in b.key.split(","))
        rows.append((keys, b.description))
    rows += [("↑ ↓ / j k", "Move in the outline; the diff follows"),
             ("enter", "From the outline to the diff"),
             ("esc", "Back to the series view (when opened from it)"),
             ("PgUp PgDn space b", "Scroll the diff (when it has the focus; also ↑ ↓ j k, Home End, mouse wheel)"),
             ("ctrl+p", "Command palette (also: change theme)")]
    return rows


class StatusBar(Widget):
    """One line of state: position, mode, filter, search. Repaints without a new layout."""

    text: Text = Text()

    def show(self, text: Text) -> None:
        if text.plain != self.text.plain:
            self.text = text
            self.refresh()

    def render(self) -> Text:
        return self.text


class ComparisonScreen(AnnotationActions, OutlineLayout, Screen[None]):
    BINDINGS = BINDINGS

    def __init__(self, cmp: Comparison, old_label: str, new_label: str, annotations: Path | None = None,
                 focus: tuple[str, str] | None = None) -> None:
        super().__init__()
        self.cmp = cmp
        self.focus_section = focus  # (side, section id) to show first
        self.ann_path = annotations or store.path_for(cmp.old, cmp.new)
        self.attached = []
        self.carried = []
        self.ann_error = None
        self.deleted = []
        self.overrides = self.cmp_overrides = Overrides()
        self._flagged: tuple[Comparison, dict[int, dict[str, Significance]]] | None = None
        self.old_label, self.new_label = old_label, new_label
        self.pair_filter = Filter()
        self.shown: list[int] = list(range(len(cmp.pairs)))
        self.pair_index: int | None = None
        self.hits: list[Match] = []
        self.match_index = -1
        self.search_text = ""
        self.input_mode = ""
        headings: dict[str, str] = {}
        for doc in (cmp.old, cmp.new):
            for s in doc.sections:
                headings.setdefault(s.id, s.heading or "the text before the first heading")
        self.headings = headings

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="title-bar")
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield Outline(self.show_pair, id="outline")
            yield DiffView(self.old_label, self.new_label, id="diff")
        yield StatusBar(id="status")
        yield Input(id="prompt")
        yield Footer()

    def _title(self) -> Text:
        old, new = self.cmp.old, self.cmp.new
        t = Text()
        if (old.title or "") == (new.title or ""):
            t.append(old.title or "(untitled)", style="bold")
            t.append(f"   {self.old_label} → {self.new_label}")
        else:
            t.append(f"{self.old_label}: ", style="bold")
            t.append(old.title or "(untitled)")
            t.append("  →  ")
            t.append(f"{self.new_label}: ", style="bold")
            t.append(new.title or "(untitled)")
        if self.cmp.through:  # paired with the lineage of the series' versions in between
            t.append(f"   · through {', '.join(self.cmp.through)}", style="dim")
        return t

    def on_mount(self) -> None:
        self.query_one("#prompt", Input).display = False
        self.load_annotations()
        self._apply_filter()
        if self.focus_section is not None:
            self.reveal_section(*self.focus_section)
        self.query_one(Outline).focus()
        self.watch(self.app, "theme", lambda *_: self.diff.theme_changed(), init=False)

    @property
    def outline(self) -> Outline:
        return self.query_one(Outline)

    @property
    def diff(self) -> DiffView:
        return self.query_one(DiffView)

    def heading_of(self, section_id: str | None) -> str:
        return self.headings.get(section_id or "", "another section")

    # ------------------------------------------------------------------ showing pairs
    def show_pair(self, k: int | None) -> None:
        if k == self.pair_index and k is not None:
            return
        self.pair_index = k
        with self.app.batch_update():
            self.diff.search_text = self.search_text
            self.diff.show_pair(self.cmp.pairs[k] if k is not None else None, self.heading_of)
            self._show_notes()
            self._status()

    def _show_notes(self) -> None:
        k = self.pair_index
        flagged = self.flagged().get(k, {}) if k is not None else {}
        if k is None or not (flagged or any(a.pair == k for a in self.attached)
                             or any(c.attached.pair == k for c in self.carried)):
            return
        rows, annotated = self.pair_notes(k, self.diff.row_for, self.diff.change_row)
        cells = {c.id: where(c) for c in self.cmp.pairs[k].changes}
        for cid, sig in flagged.items():  # the rule that fired, under the change it fired on
            row = self.diff.change_row.get(cid)
            if row is not None:
                line = Text(f"  ⚑ {sig.score:.2f} ", style="bold magenta")
                if cells.get(cid):
                    line.append(f"{cells[cid]}: ", style="magenta")
                line.append("; ".join(sig.reasons), style="magenta")
                rows.setdefault(row, []).insert(0, line)
        self.diff.set_notes(rows, annotated, self.quote_spans(k))

    def flagged(self) -> dict[int, dict[str, Significance]]:
        """Per pair, the changes scored significant, with their significance (computed once per comparison)."""
        if self._flagged is None or self._flagged[0] is not self.cmp:
            table: dict[int, dict[str, Significance]] = {}
            for r in rank(self.cmp):
                if r.significance.score >= FLAG:
                    table.setdefault(r.pair, {})[r.change.id] = r.significance
            self._flagged = (self.cmp, table)
        return self._flagged[1]

    def action_significant_only(self) -> None:
        self.pair_filter = replace(self.pair_filter, significant=not self.pair_filter.significant)
        self._apply_filter()

    def annotations_changed(self) -> None:
        self.pair_index = None if self.pair_index is not None and self.pair_index >= len(self.cmp.pairs) \
            else self.pair_index
        k, current, top = self.pair_index, self.diff.current, self.diff.top
        self._apply_filter()
        self.diff.set_notes({}, set())
        self._show_notes()
        if k is not None and k == self.pair_index and current in self.diff.change_row:
            self.diff.go_to_change(current)  # the reader stays at the change just annotated
            self.diff.scroll_body(top)

    def reveal(self, k: int) -> None:
        """Select pair k, clearing the filter if it hides it."""
        if k not in self.shown:
            self.pair_filter = Filter()
            self._apply_filter()
        self._select(k)

    def filter_by_tag(self, tag: str | None) -> None:
        if tag is not None:
            self.pair_filter = replace(self.pair_filter, tag=None if tag == "*" else tag)
            self._apply_filter()

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        if event.node.data is not None:
            self.show_pair(event.node.data)
            self.diff.focus()

    def _select(self, k: int) -> None:
        self.show_pair(k)
        self.outline.select_pair(k)

    def _status(self) -> None:
        parts = []
        if self.pair_index is not None and self.pair_index in self.shown:
            parts.append(f"section {self.shown.index(self.pair_index) + 1}/{len(self.shown)}")
        d = self.diff
        if d.change_order:
            pos = d.change_order.index(d.current) + 1 if d.current in d.change_row else 0
            n = len(d.change_order)
            parts.append(f"change {pos}/{n}" if pos else f"{n} change" + ("" if n == 1 else "s"))
            if pos and d.pair is not None:  # where the current change stands in both versions
                change = next((c for c in d.pair.changes if c.id == d.current), None)
                if change is not None:
                    parts.append(str(cite(self.cmp, d.pair, change)))
        parts.append("side by side" if d.side_by_side else "inline")
        if self.pair_filter.active:
            parts.append(f"filter: {self.pair_filter.describe()}")
        if self.search_text:
            n = len(self.hits)
            where = f"{self.match_index + 1}/{n}" if n and self.match_index >= 0 else f"{n} matches"
            parts.append(f"search {self.search_text!r}: {where}")
        self.query_one(StatusBar).show(Text(" · ".join(parts)))

    # ------------------------------------------------------------------ filters
    def _apply_filter(self) -> None:
        flagged = self.flagged() if self.pair_filter.significant else {}
        self.shown = [k for k in visible_pairs(self.cmp, self.pair_filter, self.tags_by_pair())
                      if not self.pair_filter.significant or k in flagged]
        self.outline.show(self.cmp, self.shown, self.notes_per_pair())
        if not self.shown:
            self.pair_index = None
            self.diff.show_pair(None, self.heading_of)
            self.notify("No section matches the filter; x clears it.", severity="warning")
        else:
            keep = self.pair_index if self.pair_index in self.shown else self.shown[0]
            self.pair_index = None
            self._select(keep)
        self._status()

    def action_changed_only(self) -> None:
        self.pair_filter = replace(self.pair_filter, changed_only=not self.pair_filter.changed_only)
        self._apply_filter()

    def action_relation_filter(self) -> None:
        def chosen(rel: str | None) -> None:
            if rel is not None:
                self.pair_filter = replace(self.pair_filter, relation=None if rel == "*" else rel)
                self._apply_filter()

        self.app.push_screen(RelationPicker(), chosen)

    def action_text_filter(self) -> None:
        self._prompt("filter", "Show sections containing…", self.pair_filter.text)

    def action_clear_filters(self) -> None:
        self.pair_filter = Filter()
        self._apply_filter()

    # ------------------------------------------------------------------ navigation
    def _next_pair(self, forward: bool, wanted: Callable[[Pair], bool]) -> int | None:
        """The nearest shown pair after (before) the current one for which `wanted(pair)` holds."""
        pos = self.shown.index(self.pair_index) if self.pair_index in self.shown else -1
        if forward:
            later = self.shown[pos + 1:]
        else:
            later = list(reversed(self.shown[:pos])) if pos >= 0 else []
        return next((k for k in later if wanted(self.cmp.pairs[k])), None)

    def _step_change(self, forward: bool) -> None:
        """Next (previous) change, continuing into the next (previous) section that has changes."""
        if not self.diff.step(forward):
            k = self._next_pair(forward, lambda p: bool(p.changes))
            if k is None:
                self.notify("No more changes." if forward else "No earlier changes.", timeout=2)
                return
            self._select(k)
            self.diff.step(forward)
        self._status()

    def _step_section(self, forward: bool) -> None:
        k = self._next_pair(forward, lambda p: p.changed)
        if k is None:
            self.notify("No more changed sections." if forward else "No earlier changed sections.", timeout=2)
        else:
            self._select(k)

    def action_next_change(self) -> None:
        self._step_change(True)

    def action_previous_change(self) -> None:
        self._step_change(False)

    def action_next_section(self) -> None:
        self._step_section(True)

    def action_previous_section(self) -> None:
        self._step_section(False)

    def action_first(self) -> None:
        if self.shown:
            self._select(self.shown[0])

    def action_last(self) -> None:
        if self.shown:
            self._select(self.shown[-1])

    def action_toggle_mode(self) -> None:
        self.diff.set_mode(not self.diff.side_by_side)
        self._status()

    def action_toggle_fold(self) -> None:
        self.diff.set_folded(not self.diff.folded)

    def action_switch_pane(self) -> None:
        (self.diff if self.outline.has_focus else self.outline).focus()

    # ------------------------------------------------------------------ search
    def action_search(self) -> None:
        self._prompt("search", "Search both documents…", self.search_text)

    def _prompt(self, mode: str, placeholder: str, value: str) -> None:
        box = self.query_one("#prompt", Input)
        self.input_mode = mode
        box.placeholder = placeholder
        box.value = value
        box.display = True
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.input.display = False
        value = event.value.strip()
        if self.input_mode == "filter":
            self.pair_filter = replace(self.pair_filter, text=value)
            self._apply_filter()
        else:
            self.search_text = value
            self.hits = find_matches(self.cmp, value)
            self.match_index = -1
            self.diff.set_query(value)
            if value and not self.hits:
                self.notify(f"Not found: {value}", severity="warning", timeout=3)
            elif value:
                self._go_match(True)
        self.outline.focus()
        self._status()

    def key_escape(self) -> None:
        box = self.query_one("#prompt", Input)
        if box.display:
            box.display = False
            self.outline.focus()
        elif len(self.app.screen_stack) > 2 and isinstance(self.app.screen_stack[-2], SeriesScreen):
            self.app.pop_screen()  # back to the series view this comparison was opened from

    def action_history(self) -> None:
        pair = self.cmp.pairs[self.pair_index] if self.pair_index is not None else None
        if pair is None:
            self.notify("Select a section first.", severity="warning")
            return
        side, section = ("new", pair.new) if pair.new is not None else ("old", pair.old)
        self.app.show_history(self.cmp, side, section.id)  # type: ignore[union-attr]

    def match_span(self) -> tuple[str, int, int] | None:
        """(side, start, end) of the search match last jumped to, while it is the one in view."""
        if not self.hits or self.match_index < 0 or not self.search_text or self.diff.current is not None:
            return None
        m = self.hits[self.match_index]
        if m.pair != self.pair_index or m.side == "heading":
            return None
        return m.side, m.offset, m.offset + len(self.search_text)

    def _go_match(self, forward: bool) -> None:
        if not self.hits:
            self.notify("No search; press / to search.", timeout=2)
            return
        n = len(self.hits)
        self.match_index = (self.match_index + (1 if forward else -1)) % n
        m = self.hits[self.match_index]
        if m.pair not in self.shown:
            self.pair_filter = Filter()
            self._apply_filter()
        self._select(m.pair)
        self.diff.go_to_change(None)  # the match, not a change, is now what `a` annotates
        if m.side != "heading":
            self.diff.go_to_offset(m.side, m.offset)
        self._status()

    def action_next_match(self) -> None:
        self._go_match(True)

    def action_previous_match(self) -> None:
        self._go_match(False)

    # ------------------------------------------------------------------ dialogs
    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(help_rows()))

    def action_ranked(self) -> None:
        def go(choice: tuple[int, str] | None) -> None:
            if choice is not None:
                self.reveal(choice[0])
                self.diff.go_to_change(choice[1])
                self._status()

        self.app.push_screen(RankedScreen(self.cmp), go)

    def action_summary(self) -> None:
        def go(k: int | None) -> None:
            if k is not None:
                self.reveal(k)
                self.diff.focus()

        self.app.push_screen(SummaryScreen(self.cmp), go)
