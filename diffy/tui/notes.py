"""The comparison screen's annotation actions: annotate, list, edit, delete and undo, filter by tag.

Every write goes through `diffy.annotations.store.editing` (locked, atomic). A file
that cannot be read makes annotations read-only for the session, with the reason
shown; it is never written over.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text

from diffy.annotations import store
from diffy.annotations.attach import Attached, attach, note_row
from diffy.annotations.carry import Carried, carry
from diffy.annotations.highlight import Span
from diffy.annotations.listing import Entry, entries, quote_of
from diffy.annotations.make import change_targets, clean_tags, new_annotation, paragraph_target
from diffy.annotations.model import Annotation, Target
from diffy.annotations.shape import SENTENCE, Quote, shape
from diffy.annotations.shape import quote_of as quote_of_target
from diffy.comparison.browse import version_label
from diffy.comparison.compare import Comparison, Overrides, compare
from diffy.errors import DiffyError
from diffy.tui.annotate import (
    CARRIED,
    AnnotateScreen,
    AnnotationsScreen,
    NoteInput,
    NoteListActions,
    SectionPicker,
    TagPicker,
    excerpt,
)

QUOTE_IN_DIFF = 70  # characters of a note's quote shown with it under its paragraph


def placed_spans(a: Attached) -> list[Span]:
    """Where a note's quotes stand now, as (side, start, end) in their sections' text."""
    return [(t.side, p.start, p.end) for t, p in zip(a.annotation.targets, a.placements, strict=True)
            if p.section_id is not None]


class AnnotationActions:
    """Mixed into the comparison screen, which provides cmp, diff, the filter and navigation."""

    cmp: Comparison
    cmp_overrides: Overrides  # the corrections `cmp` was computed with
    overrides: Overrides
    ann_path: Path
    attached: list[Attached]
    carried: list[Carried]  # notes of the comparison before this one in a series, read-only here
    ann_error: str | None
    deleted: list[Annotation]
    old_label: str
    new_label: str

    if TYPE_CHECKING:  # provided by the screen and by Textual
        app: Any
        diff: Any
        pair_index: int | None
        pair_filter: Any

        def notify(self, message: str, **kwargs: Any) -> None: ...

        def reveal(self, k: int) -> None: ...

        def match_span(self) -> tuple[str, int, int] | None: ...

        def filter_by_tag(self, tag: str | None) -> None: ...

        def annotations_changed(self) -> None: ...  # the screen redraws outline and diff

    def load_annotations(self) -> None:
        self.ann_error = None
        try:
            af = store.load(self.ann_path)
        except DiffyError as e:
            self.ann_error = str(e)
            self.attached = []
            self.notify(f"{e} — annotations are read-only this session", severity="error", timeout=20)
            return
        self.overrides = store.overrides_of(af)
        if self.overrides != self.cmp_overrides:  # the file's pairing corrections apply to this comparison
            self.cmp = compare(self.cmp.old, self.cmp.new, self.overrides, self.cmp.traces)
            self.cmp_overrides = self.overrides
        self.attached = attach(self.cmp, af.annotations)
        self.carried, warnings = carry(self.cmp, self.ann_path.parent, self.ann_path, version_label)
        for w in warnings:
            self.notify(f"{w} — its notes are not shown here", severity="warning", timeout=10)

    def tags_by_pair(self) -> dict[int, frozenset[str]]:
        out: dict[int, set[str]] = {}
        for a in self.attached:
            if a.pair is not None:
                out.setdefault(a.pair, set()).update(a.annotation.tags)
        return {k: frozenset(v) for k, v in out.items()}

    def notes_per_pair(self) -> dict[int, int]:
        """How many notes each pair shows: its own and those carried from the previous comparison."""
        out: dict[int, int] = {}
        for a in [*self.attached, *(c.attached for c in self.carried)]:
            if a.pair is not None:
                out[a.pair] = out.get(a.pair, 0) + 1
        return out

    def known_tags(self) -> list[str]:
        return sorted({t for a in self.attached for t in a.annotation.tags})

    def pair_notes(self, k: int | None, row_for: Callable[[str, int], int | None],
                   change_row: dict[str, int]) -> tuple[dict[int, list[Text]], set[str]]:
        """Notes of pair k by the row they belong under, and the annotated change ids."""
        rows: dict[int, list[Text]] = {}
        changes: set[str] = set()
        own = [(a, None) for a in self.attached]
        for a, origin in [*own, *((c.attached, c) for c in self.carried)]:
            if k is None or a.pair != k:
                continue
            if a.change is not None and a.change in change_row:
                changes.add(a.change)
            row = note_row(a, change_row, row_for)
            if row is None:
                continue
            text = Text("  ✎ ", style="bold")
            if origin is not None:
                text = Text(f"  ↪ {origin.origin}: ", style="bold")
            text.append(f"“{excerpt(quote_of(a), QUOTE_IN_DIFF)}” — ", style="bold dim")
            text.append(" ".join(a.annotation.note.split()), style="italic" if origin is None else "italic dim")
            if a.annotation.tags:
                text.append("  " + " ".join(f"#{t}" for t in a.annotation.tags), style="cyan")
            if a.status != "anchored":
                text.append(f"  ({a.status})", style="yellow")
            if origin is not None and not origin.survives:
                text.append("  (gone from the new version)", style="yellow")
            rows.setdefault(row, []).append(text)
        return rows, changes

    def quote_spans(self, k: int | None) -> dict[str, list[Span]]:
        """Per change of pair k, the quotes of the notes on it, where they stand (highlighted while the
        change is current)."""
        out: dict[str, list[Span]] = {}
        for a in [*self.attached, *(c.attached for c in self.carried)]:
            if k is not None and a.pair == k and a.change is not None:
                out.setdefault(a.change, []).extend(placed_spans(a))
        return out

    # ------------------------------------------------------------------ writing
    def _write(self, change: Callable[[store.AnnotationFile], None]) -> bool:
        if self.ann_error is not None:
            self.notify(f"Not saved: {self.ann_error}", severity="error", timeout=10)
            return False
        try:
            with store.editing(self.ann_path, self.cmp.old, self.cmp.new) as af:
                change(af)
        except DiffyError as e:
            self.notify(f"Not saved: {e}", severity="error", timeout=10)
            return False
        self.load_annotations()
        self.annotations_changed()
        return True

    # ------------------------------------------------------------------ actions
    def selected_quotes(self) -> tuple[Quote, ...]:
        """What `a` annotates: the search match just jumped to (a span), else the current change,
        else the paragraph at the top of the diff."""
        if self.pair_index is None:
            return ()
        pair = self.cmp.pairs[self.pair_index]
        span = self.match_span()
        if span is not None:
            side, start, end = span
            section = pair.old if side == "old" else pair.new
            if section is not None:
                return (Quote(side, section, start, end),)
        change = next((c for c in pair.changes if c.id == self.diff.current), None)
        if change is not None:
            return tuple(quote_of_target(t, pair.old if t.side == "old" else pair.new)  # type: ignore[arg-type]
                         for t in change_targets(pair, change))
        spot = self.diff.paragraph_at_top()
        section = (pair.new if spot[0] == "new" else pair.old) if spot else None
        if spot is None or section is None:
            return ()
        return (quote_of_target(paragraph_target(spot[0], section, spot[1]), section),)

    def selection(self) -> tuple[Target, ...]:
        return tuple(q.target() for q in self.selected_quotes())

    @property
    def side_labels(self) -> dict[str, str]:
        return {"old": self.old_label, "new": self.new_label}

    def action_annotate(self) -> None:
        quotes = self.selected_quotes()
        if not quotes:
            self.notify("Select a section, a change or a search match first.", severity="warning")
            return

        def save(result: NoteInput | None) -> None:
            if result is not None:
                ann = new_annotation([q.target() for q in result.quotes or quotes], result.note, result.tags)
                if self._write(lambda af: af.annotations.append(ann)):
                    self.notify("Annotation saved.", timeout=2)

        self.app.push_screen(AnnotateScreen(quotes, known_tags=self.known_tags(), labels=self.side_labels), save)

    def placed_quotes(self, a: Attached) -> tuple[Quote, ...]:
        """A note's quotes where they stand now (none unless every one of them is found)."""
        docs = {"old": self.cmp.old, "new": self.cmp.new}
        out = []
        for t, p in zip(a.annotation.targets, a.placements, strict=True):
            section = next((s for s in docs[t.side].sections if s.id == p.section_id), None)
            if section is None:
                return ()
            out.append(quote_of_target(t, section, p.start, p.end))
        return tuple(out)

    def action_annotations(self) -> None:
        def rows() -> list[Entry]:
            tag = self.pair_filter.tag  # the outline's tag filter applies to the list too
            carried = [(c.attached, c.origin) for c in self.carried]  # read-only: the earlier comparison's
            return [e for e in entries(self.cmp, self.attached, carried)
                    if not tag or tag in e.attached.annotation.tags]

        back = (self.pair_index, self.diff.current, self.diff.top)
        selected = self.selection()  # what `r` re-attaches to, whatever the list shows behind it meanwhile

        def closed(ann_id: str | None) -> None:
            if ann_id:
                self.jump_to_annotation(ann_id)
            elif back[0] is not None and back[0] < len(self.cmp.pairs):  # closed: back where the reader was
                self.reveal(back[0])
                self.diff.go_to_change(back[1])
                self.diff.scroll_body(back[2])

        actions = NoteListActions(self.edit_annotation, self.delete_annotation, self.undo_delete,
                                  lambda ann_id: self.reattach_annotation(ann_id, selected),
                                  self.preview_annotation, self.copy_quote)
        self.app.push_screen(AnnotationsScreen(rows, actions), closed)

    # ------------------------------------------------------------------ copying
    def action_copy(self) -> None:
        """Copy to the clipboard what is selected, as a reader would paste it into a memo: the quote of
        the note gone to; else the whole sentence holding the current change (as the new version reads
        it; as the old one did for a deletion) or the search match; else the paragraph at the top."""
        pair = self.cmp.pairs[self.pair_index] if self.pair_index is not None else None
        if pair is None:
            self.notify("Select a section first.", severity="warning")
            return
        focused = self.diff.focused_quotes
        if focused:
            side, start, end = next((q for q in focused if q[0] == "new"), focused[0])
            section = pair.old if side == "old" else pair.new
            if section is not None:
                self._copy(section.text[start:end], f"the note's quote ({self.side_labels[side]})")
                return
        quotes = self.selected_quotes()
        if not quotes:
            self.notify("Nothing to copy: select a change, a search match or a paragraph.", severity="warning")
            return
        whole = self.match_span() is not None or self.diff.current is not None
        q = next((q for q in quotes if q.side == "new"), quotes[0])
        if whole:
            [q] = shape([q], SENTENCE)
        what = "sentence" if whole else "paragraph"
        if whole and "\n\n" in q.exact.strip():
            what = "passage"
        self._copy(q.exact, f"the {self.side_labels[q.side]} {what}")

    def copy_quote(self, ann_id: str) -> None:
        """Copy a note's quote (its new-version words, else its old-version words)."""
        a = self._note(ann_id)
        if a is not None:
            self._copy(quote_of(a), "the note's quote")

    def _copy(self, text: str, what: str) -> None:
        flat = " ".join(text.split())
        self.app.copy_to_clipboard(flat)
        n = len(flat)
        self.notify(f"Copied {what}, {n} character{'' if n == 1 else 's'}: “{excerpt(flat, 80)}”", timeout=4)

    def _note(self, ann_id: str) -> Attached | None:
        """The note a list id names: one of this comparison's, or a carried one (`carried:<id>`)."""
        if ann_id.startswith(CARRIED):
            c = self._carried_note(ann_id)
            return c.attached if c is not None else None
        return next((a for a in self.attached if a.annotation.id == ann_id), None)

    def preview_annotation(self, ann_id: str) -> None:
        """The note highlighted in the list: its section shown behind the list, its quote highlighted."""
        a = self._note(ann_id)
        if a is not None and a.pair is not None:
            self.jump_to_annotation(ann_id, quiet=True)

    def _refuse_carried(self, ann_id: str) -> bool:
        """True, having said why, when `ann_id` names a carried note (read-only here)."""
        if not ann_id.startswith(CARRIED):
            return False
        c = self._carried_note(ann_id)
        origin = c.origin if c is not None else "earlier"
        self.notify(f"This note belongs to the {origin} comparison; open that one to change it.",
                    severity="warning", timeout=5)
        return True

    def _carried_note(self, list_id: str) -> Carried | None:
        """The carried note a list id (`carried:<id>`) names."""
        bare = list_id[len(CARRIED):]
        return next((c for c in self.carried if c.attached.annotation.id == bare), None)

    def jump_to_annotation(self, ann_id: str | None, quiet: bool = False) -> None:
        """Show a note's section with its quote highlighted (at its change, when it is about one)."""
        a = self._note(ann_id) if ann_id else None
        if a is None:
            return
        if a.pair is None:
            if not quiet:
                self.notify("That annotation is orphaned: its text is in neither version.", severity="warning")
            return
        self.reveal(a.pair)
        diff = self.diff
        diff.go_to_change(a.change)
        if a.change is None:
            for t, p in zip(a.annotation.targets, a.placements, strict=True):
                if p.section_id is not None:
                    diff.go_to_offset(t.side, p.start)
                    break
        diff.focus_quotes(placed_spans(a))

    def reattach_annotation(self, ann_id: str, targets: tuple[Target, ...]) -> bool:
        """Aim an annotation (an orphan, typically) at these targets (what was selected)."""
        if self._refuse_carried(ann_id):
            return False
        if not targets:
            self.notify("Select the text it belongs to first (a change, a paragraph or a search match).",
                        severity="warning")
            return False

        def change(af: store.AnnotationFile) -> None:
            af.annotations = [replace(x, targets=targets, updated=store.now()) if x.id == ann_id else x
                              for x in af.annotations]

        if self._write(change):
            self.notify("Annotation re-attached.", timeout=2)
            return True
        return False

    def edit_annotation(self, ann_id: str) -> None:
        if self._refuse_carried(ann_id):
            return
        a = next((a for a in self.attached if a.annotation.id == ann_id), None)
        if a is None:
            return
        ann = a.annotation

        quotes = self.placed_quotes(a)

        def save(result: NoteInput | None) -> None:
            if result is None:
                return
            targets = tuple(q.target() for q in result.quotes) if result.quotes != quotes else ann.targets
            updated = replace(ann, note=result.note, tags=clean_tags(result.tags), targets=targets,
                              updated=store.now())

            def change(af: store.AnnotationFile) -> None:
                af.annotations = [updated if x.id == ann_id else x for x in af.annotations]

            if self._write(change):
                self.notify("Annotation updated.", timeout=2)
                screen = self.app.screen
                if isinstance(screen, AnnotationsScreen):
                    screen.refill()

        self.app.push_screen(AnnotateScreen(quotes, ann.note, ann.tags, self.known_tags(), self.side_labels,
                                            fixed_quote=ann.targets[0].exact, title="Edit the annotation"), save)

    def delete_annotation(self, ann_id: str) -> None:
        if self._refuse_carried(ann_id):
            return
        gone: list[Annotation] = []

        def change(af: store.AnnotationFile) -> None:
            gone.extend(x for x in af.annotations if x.id == ann_id)
            af.annotations = [x for x in af.annotations if x.id != ann_id]

        if self._write(change) and gone:
            self.deleted.extend(gone)
            self.notify("Annotation deleted (u in the list undoes).", timeout=3)

    def undo_delete(self) -> bool:
        if not self.deleted:
            return False
        ann = self.deleted.pop()
        return self._write(lambda af: af.annotations.append(ann))

    def action_tag_filter(self) -> None:
        tags = self.known_tags()
        if not tags:
            self.notify("No tags yet: annotate a change with a to add some.", timeout=3)
            return
        self.app.push_screen(TagPicker(tags), self.filter_by_tag)

    # ------------------------------------------------------------------ manual alignment
    def action_unpair(self) -> None:
        pair = self.cmp.pairs[self.pair_index] if self.pair_index is not None else None
        if pair is None or pair.old is None or pair.new is None:
            self.notify("Select a pair of two sections to unpair.", severity="warning")
            return
        o, n = pair.old.id, pair.new.id
        if self._write(lambda af: store.set_override(af, "unpair", o, n)):
            self.notify("Unpaired; kept in the annotation file (P pairs them again).", timeout=3)
            self.reveal_section("old", o)

    def action_pair(self) -> None:
        pair = self.cmp.pairs[self.pair_index] if self.pair_index is not None else None
        if pair is None or (pair.old is not None) == (pair.new is not None):
            self.notify("Select an added or removed section to pair it by hand.", severity="warning")
            return
        mine = pair.old or pair.new
        side = "old" if pair.old is not None else "new"
        other = self.cmp.new if side == "old" else self.cmp.old
        choices = [(s.id, "  " * max(s.level - 1, 0) + (s.heading or "(text before the first heading)"))
                   for s in other.sections]

        def chosen(other_id: str | None) -> None:
            if other_id is None or mine is None:
                return
            o, n = (mine.id, other_id) if side == "old" else (other_id, mine.id)
            if self._write(lambda af: store.set_override(af, "pair", o, n)):
                self.notify("Paired by hand; kept in the annotation file (U unpairs).", timeout=3)
                self.reveal_section("old", o)

        heading = (mine.heading if mine else None) or "(text before the first heading)"
        self.app.push_screen(SectionPicker(f"Pair “{heading}” with a section of the {'new' if side == 'old' else 'old'}"
                                           " version", choices), chosen)

    def reveal_section(self, side: str, section_id: str) -> None:
        for k, p in enumerate(self.cmp.pairs):
            s = p.old if side == "old" else p.new
            if s is not None and s.id == section_id:
                self.reveal(k)
                return
