"""Finding an annotation's quote again: exactly, then fuzzily, else the note is an orphan.

Quotes are matched on text with whitespace collapsed, so the same document parsed
from another layout always anchors exactly. In a newer version the exact quote is
tried first in every section (several occurrences are told apart by the prefix
and suffix around them, the section heading and the offset); failing that, the
closest passage by rapidfuzz alignment, scored on the quote itself (mostly), the
prefix and suffix around it, and whether it sits in a section of the same
heading, is accepted above a threshold. Below it the annotation is orphaned: kept,
listed, and never dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from diffy.annotations.model import Target
from diffy.model import Document, Section

CONTEXT = 32  # characters of prefix and suffix kept with a quote
FUZZY_MIN = 0.75  # combined score at which a fuzzy match is accepted
QUOTE_WEIGHT, CONTEXT_WEIGHT, HEADING_WEIGHT = 0.75, 0.15, 0.10

ANCHORED, FUZZY, ORPHANED = "anchored", "fuzzy", "orphaned"


@dataclass(frozen=True, slots=True)
class Placement:
    status: str  # anchored | fuzzy | orphaned
    section_id: str | None = None
    start: int = 0
    end: int = 0
    score: float = 0.0


def quote_target(side: str, section: Section, start: int, end: int, change_id: str | None = None) -> Target:
    """A target for text[start:end] of a section, with its context."""
    text = section.text
    return Target(side, text[start:end], text[max(0, start - CONTEXT):start], text[end:end + CONTEXT],
                  section.id, section.heading, start, end, change_id)


def find_exact(doc: Document, quote: str) -> list[tuple[Section, int, int]]:
    """Every (section, start, end) where the quote stands, whitespace-insensitive."""
    out: list[tuple[Section, int, int]] = []
    needle = " ".join(quote.split())
    if not needle:
        return out
    for s in doc.sections:
        flat, index = _flatten(s.text)
        pos = flat.find(needle)
        while pos >= 0:
            out.append((s, index[pos], index[pos + len(needle) - 1] + 1))
            pos = flat.find(needle, pos + 1)
    return out


def _flatten(text: str) -> tuple[str, list[int]]:
    """Text with whitespace runs made single spaces, and each character's offset in the original."""
    chars: list[str] = []
    index: list[int] = []
    space = False
    for k, ch in enumerate(text):
        if ch.isspace():
            if not space and chars:
                chars.append(" ")
                index.append(k)
            space = True
        else:
            chars.append(ch)
            index.append(k)
            space = False
    return "".join(chars), index


def place(target: Target, doc: Document) -> Placement:
    """Where `target` stands in `doc` (the document of its side)."""
    hits = find_exact(doc, target.exact)
    if hits:
        s, start, end = max(hits, key=lambda h: _context_score(target, *h))
        return Placement(ANCHORED, s.id, start, end, 1.0)
    return _fuzzy(target, doc.sections)


def _context_score(t: Target, s: Section, start: int, end: int) -> float:
    text = s.text
    pre = fuzz.ratio(t.prefix, text[max(0, start - CONTEXT):start]) / 100 if t.prefix else 1.0
    suf = fuzz.ratio(t.suffix, text[end:end + CONTEXT]) / 100 if t.suffix else 1.0
    same = 1.0 if (t.heading is not None and s.heading == t.heading) or s.id == t.section_id else 0.0
    near = 1.0 / (1.0 + abs(start - t.start) / 1000)
    return pre + suf + same + 0.1 * near


def _fuzzy(t: Target, sections: Sequence[Section]) -> Placement:
    quote = " ".join(t.exact.split())
    if len(quote) < 8:
        return Placement(ORPHANED)
    best = Placement(ORPHANED)
    for s in sections:
        if not s.text:
            continue
        m = fuzz.partial_ratio_alignment(quote, s.text, score_cutoff=60)
        if m is None:
            continue
        start, end = m.dest_start, m.dest_end
        text = s.text
        ctx = ((fuzz.ratio(t.prefix, text[max(0, start - CONTEXT):start]) if t.prefix else 100)
               + (fuzz.ratio(t.suffix, text[end:end + CONTEXT]) if t.suffix else 100)) / 200
        heading = 1.0 if t.heading is not None and s.heading == t.heading else 0.0
        score = QUOTE_WEIGHT * m.score / 100 + CONTEXT_WEIGHT * ctx + HEADING_WEIGHT * heading
        if score > best.score:
            best = Placement(FUZZY, s.id, start, end, round(score, 4))
    return best if best.score >= FUZZY_MIN else Placement(ORPHANED, score=best.score)


def status(targets: Sequence[Target], docs: dict[str, Document]) -> tuple[str, list[Placement]]:
    """The placement of each target and the annotation's status: the weakest of its targets."""
    placements = [place(t, docs[t.side]) for t in targets]
    order = [ANCHORED, FUZZY, ORPHANED]
    worst = max((order.index(p.status) for p in placements), default=2)
    return order[worst], placements
