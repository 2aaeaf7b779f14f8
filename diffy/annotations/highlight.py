"""Where a note's quote falls in the rows a front end draws for a pair (`pairview.Row`).

A row's side is a run of segments whose texts, joined, are one paragraph of that
side's section; inline, deleted words from the old paragraph are set among the new
ones, sometimes with a space added. Each segment is found in its paragraph from
where the previous one ended (exactly, else its words without the spaces around
them), and the part of it a quote's span covers is returned, in the segment's own
characters, for the front end to mark.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from diffy.comparison.pairview import DELETED, Row, Segment
from diffy.model import Section

Span = tuple[str, int, int]  # (side, start, end) in that side's section text


def paragraph_starts(sections: Mapping[str, Section | None], rows: Sequence[Row]) -> list[dict[str, int]]:
    """Per row, the offset in each side's section text of the paragraph the row shows on that side."""
    free: dict[str, dict[str, list[int]]] = {}
    for side, section in sections.items():
        by_text: dict[str, list[int]] = {}
        pos = 0
        for para in section.paragraphs if section is not None else ():
            by_text.setdefault(para, []).append(pos)
            pos += len(para) + 2
        free[side] = by_text
    out = []
    for row in rows:
        starts = {}
        for side, segs in (("old", row.old), ("new", row.new)):
            if segs is None:
                continue
            spots = free.get(side, {}).get("".join(s.text for s in segs))
            if spots:
                starts[side] = spots.pop(0)
        out.append(starts)
    return out


def covered(segs: Sequence[Segment], sides: Sequence[str], texts: Mapping[str, str], starts: Mapping[str, int],
            quotes: Sequence[Span]) -> dict[int, tuple[int, int]]:
    """For each segment (by index) a quote overlaps, the part of its text the quote covers.

    `sides[k]` is the side segment k comes from, `texts` each side's section text and `starts`
    where this row's paragraph starts in it.
    """
    out: dict[int, tuple[int, int]] = {}
    cursor = dict(starts)
    for k, (seg, side) in enumerate(zip(segs, sides, strict=True)):
        text, at = texts.get(side), cursor.get(side)
        if text is None or at is None:
            continue
        if text.startswith(seg.text, at):
            pos, lead, size = at, 0, len(seg.text)
        else:
            core = seg.text.strip()
            pos = text.find(core, at) if core else -1
            if pos < 0:
                continue
            lead, size = len(seg.text) - len(seg.text.lstrip()), len(core)
        cursor[side] = pos + size
        for q_side, a, b in quotes:
            if q_side != side or b <= pos or a >= pos + size:
                continue
            lo, hi = max(a, pos) - pos + lead, min(b, pos + size) - pos + lead
            if k in out:
                lo, hi = min(lo, out[k][0]), max(hi, out[k][1])
            out[k] = (lo, hi)
    return out


def inline_sides(row: Row, segs: Sequence[Segment]) -> list[str]:
    """The side each segment of a row drawn inline comes from: deleted words from the old paragraph,
    the rest from the new one (from the old one for a removed paragraph)."""
    rest = "new" if row.new is not None else "old"
    return ["old" if s.kind == DELETED and row.new is not None else rest for s in segs]
