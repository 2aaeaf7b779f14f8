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
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from diffy.annotations.attach import Attached
from diffy.tui.dialogs import ChoiceScreen


@dataclass(frozen=True, slots=True)
class NoteInput:
    note: str
    tags: tuple[str, ...]


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


class AnnotateScreen(ModalScreen[NoteInput | None]):
    """A multi-line note and tags for a quote; ctrl+s saves, escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def __init__(self, quote: str, note: str = "", tags: Sequence[str] = (), known_tags: Sequence[str] = ()) -> None:
        super().__init__()
        self.quote, self.note, self.tags, self.known = quote, note, tuple(tags), tuple(known_tags)

    def compose(self) -> ComposeResult:
        excerpt = " ".join(self.quote.split())
        excerpt = excerpt if len(excerpt) <= 300 else excerpt[:299] + "…"
        with Vertical(id="annotate", classes="dialog"):
            yield Static(Text("Annotate", style="bold"), classes="dialog-title")
            yield Static(Text(f"“{excerpt}”", style="italic"), id="quote")
            yield TextArea(self.note, id="note", soft_wrap=True)
            yield Input(" ".join(self.tags), id="tags", placeholder="tags, separated by spaces",
                        suggester=TagSuggester(self.known))
            yield Static(Text("ctrl+s saves · esc cancels · → accepts a suggested tag", style="dim"))

    def on_mount(self) -> None:
        self.query_one("#note", TextArea).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        note = self.query_one("#note", TextArea).text.strip()
        tags = split_tags(self.query_one("#tags", Input).value)
        if not note and not tags:
            self.notify("Write a note or a tag first (esc cancels).", severity="warning")
            return
        self.dismiss(NoteInput(note, tags))

    def action_cancel(self) -> None:
        self.dismiss(None)


def describe(a: Attached, heading: str) -> Text:
    ann = a.annotation
    mark = {"anchored": "●", "fuzzy": "◐", "orphaned": "○"}.get(a.status, "?")
    t = Text(f"{mark} {a.status:<8} ", style="bold" if a.status == "anchored" else "yellow")
    t.append(" ".join(f"#{tag}" for tag in ann.tags) or "(no tags)", style="cyan")
    t.append(f"  {heading}\n    ", style="dim")
    note = " ".join(ann.note.split())
    t.append(note if len(note) < 160 else note[:159] + "…")
    return t


class AnnotationsScreen(ModalScreen[str | None]):
    """Every annotation of the comparison: enter jumps to it, e edits, d deletes, u undoes a delete."""

    BINDINGS = [Binding("escape,q", "close", "Close"), Binding("e", "edit", "Edit"),
                Binding("d", "delete", "Delete"), Binding("u", "undo", "Undo delete"),
                Binding("r", "reattach", "Re-attach here")]

    def __init__(self, rows: Callable[[], list[tuple[str, Text]]], edit: Callable[[str], None],
                 delete: Callable[[str], None], undo: Callable[[], bool],
                 reattach: Callable[[str], bool] | None = None) -> None:
        super().__init__()
        self.rows, self.edit, self.delete, self.undo, self.reattach = rows, edit, delete, undo, reattach

    def compose(self) -> ComposeResult:
        with Vertical(id="annotations", classes="dialog"):
            yield Static(Text("Annotations", style="bold"), classes="dialog-title")
            yield OptionList(id="annotation-list")
            yield Static(Text("enter: go to · e: edit · d: delete · u: undo delete · r: re-attach to what is "
                              "selected behind this list · esc: close", style="dim"))

    def on_mount(self) -> None:
        self.refill()

    def refill(self) -> None:
        options = self.query_one(OptionList)
        keep = options.highlighted
        options.clear_options()
        rows = self.rows()
        if rows:
            options.add_options([Option(text, id=ann_id) for ann_id, text in rows])
            options.highlighted = min(keep or 0, len(rows) - 1)
        else:
            options.add_option(Option(Text("No annotations yet: press a on a change to add one.", style="dim"),
                                      id="", disabled=True))
        options.focus()

    def _current(self) -> str | None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id or None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        ann_id = self._current()
        if ann_id:
            self.edit(ann_id)

    def action_delete(self) -> None:
        ann_id = self._current()
        if ann_id:
            self.delete(ann_id)
            self.refill()

    def action_reattach(self) -> None:
        ann_id = self._current()
        if ann_id and self.reattach is not None and self.reattach(ann_id):
            self.refill()

    def action_undo(self) -> None:
        if self.undo():
            self.refill()
        else:
            self.notify("Nothing to undo.", timeout=2)


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
