"""A comparison's notes as a reader lists them: in document order, each with what it is about, filterable.

Document order is the comparison's own order of section pairs (the outline's), then
where the quote starts in its section; orphaned notes, which stand nowhere, come last
in the order they were written. A filter is words that must all occur, in any case,
in the note, its quote, its section's heading, its tags (`#tag`), its author or its date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from diffy.annotations.attach import Attached
from diffy.comparison.compare import Comparison

NO_HEADING = "(before the first heading)"
ORPHANED_HEADING = "(orphaned)"


@dataclass(frozen=True, slots=True)
class Entry:
    attached: Attached
    heading: str  # the section it stands in, as printed
    quote: str  # whitespace collapsed
    origin: str | None = None  # for a note carried from an earlier comparison: that comparison

    @property
    def haystack(self) -> str:
        ann = self.attached.annotation
        words = [ann.note, self.quote, self.heading, ann.author, ann.created[:10], *(f"#{t}" for t in ann.tags)]
        return "\n".join(words).casefold()


def quote_of(a: Attached) -> str:
    """The note's quote: its new-version words when it has some, else its old-version words."""
    targets = a.annotation.targets
    chosen = next((t for t in targets if t.side == "new"), targets[0])
    return " ".join(chosen.exact.split())


def _position(a: Attached) -> tuple[int, int, int]:
    """(pair index, side, offset): where a placed note's first placed quote starts; orphans last."""
    if a.pair is None:
        return (1 << 30, 0, 0)
    placed = [(t.side, p.start) for t, p in zip(a.annotation.targets, a.placements, strict=True)
              if p.section_id is not None]
    side, start = next((x for x in placed if x[0] == "new"), placed[0] if placed else ("new", 0))
    return (a.pair, 0 if side == "new" else 1, start)


def entries(cmp: Comparison, own: Sequence[Attached], carried: Sequence[tuple[Attached, str]] = ()) -> list[Entry]:
    """Every note, the comparison's own and those carried in (with their origin), in document order."""
    rows = [(a, None) for a in own] + [(a, origin) for a, origin in carried]
    out = []
    for a, origin in rows:
        if a.pair is None:
            heading = ORPHANED_HEADING
        else:
            p = cmp.pairs[a.pair]
            s = p.new or p.old
            heading = (s.heading if s is not None else None) or NO_HEADING
        out.append(Entry(a, heading, quote_of(a), origin))
    order = sorted(range(len(out)), key=lambda k: (_position(out[k].attached), out[k].attached.annotation.created, k))
    return [out[k] for k in order]


def matches(entry: Entry, query: str) -> bool:
    """Whether every word of the query occurs in the entry (case-insensitive); an empty query matches all."""
    hay = entry.haystack
    return all(word in hay for word in query.casefold().split())
