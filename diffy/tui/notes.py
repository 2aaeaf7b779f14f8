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
from diffy.annotations.anchor import quote_target
from diffy.annotations.attach import Attached, attach, note_row
from diffy.annotations.carry import Carried, carry
from diffy.annotations.make import change_targets, clean_tags, new_annotation, paragraph_target
from diffy.annotations.model import Annotation, Target
from diffy.comparison.browse import version_label
from diffy.comparison.compare import Comparison, Overrides, compare
from diffy.errors import DiffyError
from diffy.tui.annotate import AnnotateScreen, AnnotationsScreen, NoteInput, SectionPicker, TagPicker, describe

CARRIED = "carried:"  # list ids of notes carried from the previous comparison


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
            text.append(" ".join(a.annotation.note.split()), style="italic" if origin is None else "italic dim")
            if a.annotation.tags:
                text.append("  " + " ".join(f"#{t}" for t in a.annotation.tags), style="cyan")
            if a.status != "anchored":
                text.append(f"  ({a.status})", style="yellow")
            if origin is not None and not origin.survives:
                text.append("  (gone from the new version)", style="yellow")
            rows.setdefault(row, []).append(text)
        return rows, changes

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
    def selection(self) -> tuple[Target, ...]:
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
                return (quote_target(side, section, start, end),)
        change = next((c for c in pair.changes if c.id == self.diff.current), None)
        if change is not None:
            return change_targets(pair, change)
        spot = self.diff.paragraph_at_top()
        section = (pair.new if spot[0] == "new" else pair.old) if spot else None
        if spot is None or section is None:
            return ()
        return (paragraph_target(spot[0], section, spot[1]),)

    def action_annotate(self) -> None:
        targets = self.selection()
        if not targets:
            self.notify("Select a section, a change or a search match first.", severity="warning")
            return
        quote = next((t.exact for t in targets if t.side == "new"), targets[0].exact)

        def save(result: NoteInput | None) -> None:
            if result is not None:
                ann = new_annotation(targets, result.note, result.tags)
                if self._write(lambda af: af.annotations.append(ann)):
                    self.notify("Annotation saved.", timeout=2)

        self.app.push_screen(AnnotateScreen(quote, known_tags=self.known_tags()), save)

    def action_annotations(self) -> None:
        def rows() -> list[tuple[str, Text]]:
            out = []
            tag = self.pair_filter.tag
            for a in self.attached:
                if tag and tag not in a.annotation.tags:
                    continue  # the outline's tag filter applies to the list too
                p = self.cmp.pairs[a.pair] if a.pair is not None else None
                s = (p.new or p.old) if p is not None else None
                heading = (s.heading or "(before the first heading)") if s else "(orphaned)"
                out.append((a.annotation.id, describe(a, heading)))
            for c in self.carried:  # read-only: they belong to the earlier comparison's file
                if tag and tag not in c.attached.annotation.tags:
                    continue
                p = self.cmp.pairs[c.attached.pair] if c.attached.pair is not None else None
                s = (p.new or p.old) if p is not None else None
                text = Text(f"↪ from {c.origin} (read-only) ", style="bold")
                text.append_text(describe(c.attached, (s.heading if s else None) or "(before the first heading)"))
                out.append((CARRIED + c.attached.annotation.id, text))
            return out

        self.app.push_screen(AnnotationsScreen(rows, self.edit_annotation, self.delete_annotation, self.undo_delete,
                                               self.reattach_annotation), self.jump_to_annotation)

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

    def jump_to_annotation(self, ann_id: str | None) -> None:
        if ann_id and ann_id.startswith(CARRIED):
            c = self._carried_note(ann_id)
            a = c.attached if c is not None else None
        else:
            a = next((a for a in self.attached if a.annotation.id == ann_id), None)
        if a is None:
            return
        if a.pair is None:
            self.notify("That annotation is orphaned: its text is in neither version.", severity="warning")
            return
        self.reveal(a.pair)
        diff = self.diff
        if a.change is not None:
            diff.go_to_change(a.change)
        else:
            for t, p in zip(a.annotation.targets, a.placements, strict=True):
                if p.section_id is not None:
                    diff.go_to_offset(t.side, p.start)
                    break

    def reattach_annotation(self, ann_id: str) -> bool:
        """Aim an annotation (an orphan, typically) at what is selected now."""
        if self._refuse_carried(ann_id):
            return False
        targets = self.selection()
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

        def save(result: NoteInput | None) -> None:
            if result is None:
                return
            updated = replace(ann, note=result.note, tags=clean_tags(result.tags), updated=store.now())

            def change(af: store.AnnotationFile) -> None:
                af.annotations = [updated if x.id == ann_id else x for x in af.annotations]

            if self._write(change):
                self.notify("Annotation updated.", timeout=2)
                screen = self.app.screen
                if isinstance(screen, AnnotationsScreen):
                    screen.refill()

        self.app.push_screen(AnnotateScreen(ann.targets[0].exact, ann.note, ann.tags, self.known_tags()), save)

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
