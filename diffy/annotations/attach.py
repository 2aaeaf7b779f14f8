"""Placing a comparison's annotations: on which pair and change each one now stands."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from diffy.annotations.anchor import ORPHANED, Placement, status
from diffy.annotations.model import Annotation
from diffy.comparison.compare import Comparison


@dataclass(frozen=True, slots=True)
class Attached:
    annotation: Annotation
    status: str  # anchored | fuzzy | orphaned
    placements: tuple[Placement, ...]
    pair: int | None  # index into comparison.pairs
    change: str | None  # id of the change it is about, if any


def change_at(cmp: Comparison, side: str, section_id: str, start: int, end: int,
              prefer: str | None = None) -> tuple[int | None, str | None]:
    """(pair index, change id) of the first change on `side` of that section overlapping [start, end),
    or of the change `prefer` names when it is one of those (a quote widened from a change to its
    sentence stays about that change); (first pair holding the section, None) when no change overlaps."""
    home = None
    first: tuple[int, str] | None = None
    for k, p in enumerate(cmp.pairs):
        s = p.old if side == "old" else p.new
        if s is None or s.id != section_id:
            continue
        home = k if home is None else home
        for c in p.changes:
            if side == "old":
                if c.kind == "move":
                    continue
                a, text = c.old_offset, c.old
            else:
                a, text = c.new_offset, c.new
            if text and a < end and a + len(text) > start:
                if prefer is None or c.id == prefer:
                    return k, c.id
                first = first or (k, c.id)
    return first if first is not None else (home, None)


def attach(cmp: Comparison, annotations: Sequence[Annotation]) -> list[Attached]:
    docs = {"old": cmp.old, "new": cmp.new}
    out = []
    for a in annotations:
        state, placements = status(a.targets, docs)
        pair = change = None
        if state != ORPHANED:
            for t, p in zip(a.targets, placements, strict=True):
                if p.section_id is None:
                    continue
                k, cid = change_at(cmp, t.side, p.section_id, p.start, p.end, t.change_id)
                if pair is None or (change is None and cid is not None):
                    pair, change = k, cid
        out.append(Attached(a, state, tuple(placements), pair, change))
    return out


def note_row(a: Attached, change_row: Mapping[str, int], row_for: Callable[[str, int], int | None]) -> int | None:
    """The row of its pair's view a note is shown under: its change's row, else the row holding its quote.

    `change_row` maps change ids to rows (`pairview.change_rows`), `row_for(side, offset)` finds a row.
    """
    if a.change is not None and a.change in change_row:
        return change_row[a.change]
    for t, p in zip(a.annotation.targets, a.placements, strict=True):
        if p.section_id is not None:
            row = row_for(t.side, p.start)
            if row is not None:
                return row
    return None
