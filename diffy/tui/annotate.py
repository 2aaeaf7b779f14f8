"""Dialogs for annotations: write or edit one, list them all, pick a tag."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from diffy.annotations.listing import Entry, matches
from diffy.annotations.shape import (
    FEWER_AFTER,
    FEWER_BEFORE,
    MORE_AFTER,
    MORE_BEFORE,
    PARAGRAPH,
    SENTENCE,
    Quote,
    shape,
)
from diffy.tui.dialogs import ChoiceScreen

CARRIED = "carried:"  # list ids of notes carried from an earlier comparison


@dataclass(frozen=True, slots=True)
class NoteInput:
    note: str
    tags: tuple[str, ...]
    quotes: tuple[Quote, ...] = ()  # the quotes as the reader shaped them (none: not shapeable)


def split_tags(value: str) -> tuple[str, ...]:
    return tuple(t for t in re.split(r"[\s,]+", value.strip()) if t)


class TagSuggester(Suggester):
    """Completes the tag being typed (the last word) from the tags already used."""

    def __init__(self, known: Sequence[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.known = sorted(set(known))

    async def get_suggestion(self, value: str) -> str | None:
        if not value or value[-1] in " ,":
            return None
        last = re.split(r"[\s,]+", value)[-1].lstrip("#")
        for tag in self.known:
            if tag.casefold().startswith(last.casefold()) and tag != last:
                return value[: len(value) - len(last)] + tag
        return None


def excerpt(text: str, limit: int) -> str:
    """Text with whitespace collapsed, elided in the middle beyond `limit` characters, so that both
    ends of a quote stay visible."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    head = (limit - 1) * 3 // 5
    return flat[:head].rstrip() + " … " + flat[len(flat) - (limit - 1 - head):].lstrip()


SHAPE_HELP = ("← → a word more before / after · shift+← shift+→ a word fewer before / after · "
              "s the sentence · p the paragraph · r as selected")


class QuoteBox(Widget, can_focus=True):
    """The quote a note is about, as it stands; with the focus, keys widen or narrow it."""

    DEFAULT_CSS = """
    QuoteBox { height: auto; padding: 0 1; margin-bottom: 1; border-left: outer $primary-darken-2; }
    QuoteBox:focus { border-left: outer $accent; background: $boost; }
    """
    BINDINGS = [
        Binding("left,h", f"shape('{MORE_BEFORE}')", "Word more before", show=False),
        Binding("right,l", f"shape('{MORE_AFTER}')", "Word more after", show=False),
        Binding("shift+left,H", f"shape('{FEWER_BEFORE}')", "Word fewer before", show=False),
        Binding("shift+right,L", f"shape('{FEWER_AFTER}')", "Word fewer after", show=False),
        Binding("s", f"shape('{SENTENCE}')", "Whole sentence", show=False),
        Binding("p", f"shape('{PARAGRAPH}')", "Whole paragraph", show=False),
        Binding("r", "reset", "As selected", show=False),
    ]

    def __init__(self, quotes: Sequence[Quote], labels: dict[str, str], fixed: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.selected = self.quotes = tuple(quotes)
        self.labels, self.fixed = labels, fixed

    def render(self) -> Text:
        if not self.quotes:
            return Text(f"“{excerpt(self.fixed, 300)}”", style="italic")
        out = Text()
        limit = 300 // len(self.quotes)
        for k, q in enumerate(self.quotes):
            if k:
                out.append("\n")
            if len(self.quotes) > 1:
                out.append(f"{self.labels.get(q.side, q.side)}: ", style="bold")
            out.append(f"“{excerpt(q.exact, limit)}”", style="italic")
            words = len(q.exact.split())
            out.append(f"  {words} word{'' if words == 1 else 's'}", style="dim")
        return out

    def action_shape(self, step: str) -> None:
        if self.quotes:
            self.quotes = shape(self.quotes, step)
            self.refresh(layout=True)

    def action_reset(self) -> None:
        self.quotes = self.selected
        self.refresh(layout=True)


class AnnotateScreen(ModalScreen[NoteInput | None]):
    """A quote to shape, a multi-line note and tags; ctrl+s saves, escape cancels.

    The note has the focus first; shift+tab reaches the quote, whose keys widen or narrow it
    (`QuoteBox`). An existing note opens with the cursor after its last character, to go on writing.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def __init__(self, quotes: Sequence[Quote] = (), note: str = "", tags: Sequence[str] = (),
                 known_tags: Sequence[str] = (), labels: dict[str, str] | None = None, fixed_quote: str = "",
                 title: str = "Annotate") -> None:
        super().__init__()
        self.quotes, self.note, self.tags, self.known = tuple(quotes), note, tuple(tags), tuple(known_tags)
        self.labels, self.fixed_quote, self.title_text = labels or {}, fixed_quote, title

    def compose(self) -> ComposeResult:
        with Vertical(id="annotate", classes="dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            yield QuoteBox(self.quotes, self.labels, self.fixed_quote, id="quote")
            yield TextArea(self.note, id="note", soft_wrap=True)
            yield Input(" ".join(self.tags), id="tags", placeholder="tags, separated by spaces",
                        suggester=TagSuggester(self.known))
            keys = "ctrl+s saves · esc cancels · → accepts a suggested tag"
            if self.quotes:
                keys += "\nshift+tab to the quote, then " + SHAPE_HELP
            else:
                keys += "\n(the quote is not found in either version, so it cannot be reshaped)"
            yield Static(Text(keys, style="dim"), id="annotate-keys")

    def on_mount(self) -> None:
        note = self.query_one("#note", TextArea)
        note.focus()
        note.move_cursor(note.document.end)  # editing goes on after what is written

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        note = self.query_one("#note", TextArea).text.strip()
        tags = split_tags(self.query_one("#tags", Input).value)
        if not note and not tags:
            self.notify("Write a note or a tag first (esc cancels).", severity="warning")
            return
        self.dismiss(NoteInput(note, tags, self.query_one(QuoteBox).quotes))

    def action_cancel(self) -> None:
        self.dismiss(None)


def describe(entry: Entry) -> Text:
    """A note in the list: where it stands and its tags; what it quotes; the note; who wrote it, when."""
    a = entry.attached
    ann = a.annotation
    mark = {"anchored": "●", "fuzzy": "◐", "orphaned": "○"}.get(a.status, "?")
    t = Text()
    if entry.origin is not None:
        t.append(f"↪ from {entry.origin} (read-only) ", style="bold")
    t.append(f"{mark} ", style="bold" if a.status == "anchored" else "yellow")
    if a.status != "anchored":
        t.append(f"{a.status} ", style="yellow")
    t.append(entry.heading, style="bold")
    t.append("  " + (" ".join(f"#{tag}" for tag in ann.tags) or "(no tags)"), style="cyan")
    t.append(f"\n    “{excerpt(entry.quote, 150)}”", style="italic dim")
    t.append("\n    " + excerpt(ann.note, 200))
    t.append(f"\n    {ann.author or 'unknown'} · {ann.created[:10]}", style="dim")
    if ann.updated[:10] != ann.created[:10]:
        t.append(f" (edited {ann.updated[:10]})", style="dim")
    return t


@dataclass(frozen=True, slots=True)
class NoteListActions:
    """What the notes list does to a note, by its id (the comparison screen provides them)."""

    edit: Callable[[str], None]
    delete: Callable[[str], None]
    undo: Callable[[], bool]
    reattach: Callable[[str], bool]
    preview: Callable[[str], None]  # the note highlighted: show its quote in the diff behind the list
    copy: Callable[[str], None]


class AnnotationsScreen(ModalScreen[str | None]):
    """Every note of the comparison in document order, filtered as the reader types.

    The filter box has the focus first; ↓ moves to the list, where enter goes to a note, e edits,
    d deletes, u undoes a delete, r re-attaches, y copies the quote and / returns to the filter.
    The note under the cursor is shown, its quote highlighted, in the diff behind the list.
    """

    BINDINGS = [Binding("escape", "close", "Close"), Binding("q", "close", "Close", show=False),
                Binding("down", "to_list", "To the list", show=False),
                Binding("slash", "to_filter", "Filter", show=False),
                Binding("e", "edit", "Edit"), Binding("d", "delete", "Delete"), Binding("u", "undo", "Undo delete"),
                Binding("r", "reattach", "Re-attach here"), Binding("y", "copy", "Copy the quote")]

    def __init__(self, rows: Callable[[], list[Entry]], actions: NoteListActions) -> None:
        super().__init__()
        self.rows, self.actions = rows, actions
        self.shown_ids: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="annotations", classes="dialog"):
            yield Static(Text("Annotations", style="bold"), classes="dialog-title")
            yield Input(id="note-filter", placeholder="type to filter: words of a note or its quote, #tag, author")
            yield OptionList(id="annotation-list")
            yield Static(Text("↓: to the list · enter: go to · e: edit · d: delete · u: undo delete · y: copy the "
                              "quote · r: re-attach to what is selected behind this list · /: filter · esc: close",
                              style="dim"))

    def on_mount(self) -> None:
        self.refill()
        self.query_one("#note-filter", Input).focus()

    def refill(self) -> None:
        options = self.query_one(OptionList)
        keep = options.highlighted
        query = self.query_one("#note-filter", Input).value
        every = self.rows()
        rows = [e for e in every if matches(e, query)]
        options.clear_options()
        self.shown_ids = [list_id(e) for e in rows]
        if rows:
            options.add_options([Option(describe(e), id=list_id(e)) for e in rows])
            options.highlighted = min(keep or 0, len(rows) - 1)
        elif every:
            options.add_option(Option(Text(f"No note matches “{query}”.", style="dim"), id="", disabled=True))
        else:
            options.add_option(Option(Text("No annotations yet: press a on a change to add one.", style="dim"),
                                      id="", disabled=True))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "note-filter":
            self.query_one(OptionList).highlighted = None
            self.refill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        ann_id = self._current()
        if ann_id:
            self.dismiss(ann_id)

    def _current(self) -> str | None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id or None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.actions.preview(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(event.option.id)

    def action_to_list(self) -> None:
        self.query_one(OptionList).focus()

    def action_to_filter(self) -> None:
        self.query_one("#note-filter", Input).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        ann_id = self._current()
        if ann_id:
            self.actions.edit(ann_id)

    def action_delete(self) -> None:
        ann_id = self._current()
        if ann_id:
            self.actions.delete(ann_id)
            self.refill()

    def action_reattach(self) -> None:
        ann_id = self._current()
        if ann_id and self.actions.reattach(ann_id):
            self.refill()

    def action_undo(self) -> None:
        if self.actions.undo():
            self.refill()
        else:
            self.notify("Nothing to undo.", timeout=2)

    def action_copy(self) -> None:
        ann_id = self._current()
        if ann_id:
            self.actions.copy(ann_id)


def list_id(entry: Entry) -> str:
    """The list's id of a note: its own id, or `carried:<id>` for a note carried from an earlier comparison."""
    return (CARRIED if entry.origin is not None else "") + entry.attached.annotation.id


class TagPicker(ChoiceScreen):
    """Show only sections holding an annotation with the chosen tag ("*": every section)."""

    def __init__(self, tags: Sequence[str]) -> None:
        options = [Option(Text("all sections"), id="*")]
        options += [Option(Text(f"#{t}", style="cyan"), id=t) for t in sorted(set(tags))]
        super().__init__("Show sections annotated with", options, "tags-dialog")


class SectionPicker(ChoiceScreen):
    """Choose a section of the other version to pair with by hand; returns its id."""

    def __init__(self, title: str, sections: Sequence[tuple[str, str]]) -> None:
        super().__init__(title, [Option(Text(heading), id=sid) for sid, heading in sections], "sections-dialog")
