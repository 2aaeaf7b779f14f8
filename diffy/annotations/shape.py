"""Shaping a quote before it is saved: a word more or fewer at either end, the whole sentence, the whole paragraph.

What a reader selects (a search match, a change, a paragraph) is rarely exactly
what they mean to quote: the search term is a fragment of the clause, a change
is a few words of it. These functions move the ends of a span of a section's
text (paragraphs separated by a blank line, as `Section.text` holds them) and
never return an empty span. A word is a run of non-space characters, so
punctuation stays with its word; growing by words stops at the edges of the
paragraph. Sentences end at `.`, `!` or `?` (closing quotes and brackets
included) before a space and a capital, a digit or an opening quote, except after
initials (`U.S.`), common abbreviations (`No.`, `Art.`, `e.g.`) and a list
marker opening the paragraph (`1.`, `(a)`).

A `Quote` is one such span on one side of a pair; a change's note has one per
side, and every shaping step applies to each, so the old and new quotes of a
replacement grow together.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from diffy.annotations.anchor import quote_target
from diffy.annotations.model import Target
from diffy.model import Section

ABBREVIATIONS = frozenset(
    "no nos art arts sec secs para paras cf vs viz e.g i.e al approx ch fig figs vol vols pp p st mr mrs ms dr "
    "prof gen col lt inc ltd co corp dept jan feb mar apr jun jul aug sep sept oct nov dec".split())
_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_MARKER = re.compile(r"\(?(?:\d{1,3}|[A-Za-z]|[ivxlcdmIVXLCDM]{1,5})[.)]")
_INITIALS = re.compile(r"(?:[A-Za-z]\.){2,}")

# the shaping steps a front end offers, by name
MORE_BEFORE, MORE_AFTER, FEWER_BEFORE, FEWER_AFTER = "more-before", "more-after", "fewer-before", "fewer-after"
SENTENCE, PARAGRAPH = "sentence", "paragraph"
STEPS = (MORE_BEFORE, MORE_AFTER, FEWER_BEFORE, FEWER_AFTER, SENTENCE, PARAGRAPH)


def paragraph_bounds(text: str, at: int) -> tuple[int, int]:
    """Start and end of the paragraph holding offset `at` (paragraphs are separated by a blank line)."""
    before = text.rfind("\n\n", 0, at)
    start = before + 2 if before >= 0 else 0
    after = text.find("\n\n", at)
    return start, after if after >= 0 else len(text)


def more_before(text: str, start: int, end: int) -> tuple[int, int]:
    """One more word before the span; a span starting inside a word first takes the rest of that word."""
    floor = paragraph_bounds(text, start)[0]
    k = start
    if not (k > floor and not text[k - 1].isspace() and k < len(text) and not text[k].isspace()):
        while k > floor and text[k - 1].isspace():
            k -= 1
    while k > floor and not text[k - 1].isspace():
        k -= 1
    return k, end


def more_after(text: str, start: int, end: int) -> tuple[int, int]:
    """One more word after the span; a span ending inside a word first takes the rest of that word."""
    ceiling = paragraph_bounds(text, max(end - 1, start))[1]
    k = end
    if not (k < ceiling and not text[k].isspace() and k > 0 and not text[k - 1].isspace()):
        while k < ceiling and text[k].isspace():
            k += 1
    while k < ceiling and not text[k].isspace():
        k += 1
    return start, k


def fewer_before(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without its first word; a span of one word stays as it is."""
    k = start
    while k < end and text[k].isspace():
        k += 1
    while k < end and not text[k].isspace():
        k += 1
    while k < end and text[k].isspace():
        k += 1
    return (k, end) if k < end else (start, end)


def fewer_after(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without its last word; a span of one word stays as it is."""
    k = end
    while k > start and text[k - 1].isspace():
        k -= 1
    while k > start and not text[k - 1].isspace():
        k -= 1
    while k > start and text[k - 1].isspace():
        k -= 1
    return (start, k) if k > start else (start, end)


def sentence_ends(text: str, start: int, end: int) -> list[int]:
    """Offsets just after each sentence's closing punctuation in text[start:end] (the paragraph's end
    not included)."""
    out = []
    for m in _END.finditer(text, start, end):
        dot = word_start = m.start()
        while word_start > start and not text[word_start - 1].isspace():
            word_start -= 1
        word = text[word_start:m.end()].rstrip("\"'”’)]")
        bare = word.rstrip(".!?").lstrip("(\"'“‘[").lower()
        if text[dot] == "." and (bare in ABBREVIATIONS or _INITIALS.fullmatch(word)
                                 or (word_start == start and _MARKER.fullmatch(word))):
            continue
        out.append(m.end())
    return out


def sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole sentence (or sentences) the span touches, within its paragraph(s)."""
    first = paragraph_bounds(text, start)
    last = paragraph_bounds(text, max(end - 1, start))
    new_start = first[0]
    for e in sentence_ends(text, *first):
        if e <= start:
            new_start = e
    while new_start < start and text[new_start].isspace():
        new_start += 1
    new_end = next((e for e in sentence_ends(text, *last) if e >= end), last[1])
    return min(new_start, start), max(new_end, end)


def paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole paragraph (or paragraphs) the span touches."""
    return paragraph_bounds(text, start)[0], paragraph_bounds(text, max(end - 1, start))[1]


SHAPERS = {MORE_BEFORE: more_before, MORE_AFTER: more_after, FEWER_BEFORE: fewer_before,
           FEWER_AFTER: fewer_after, SENTENCE: sentence, PARAGRAPH: paragraph}


@dataclass(frozen=True, slots=True)
class Quote:
    """A span of one side's section text, and the change it was selected from (its id is kept in the
    saved target while the span still overlaps that change's words)."""

    side: str
    section: Section
    start: int
    end: int
    change_id: str | None = None
    change_span: tuple[int, int] | None = None

    @property
    def exact(self) -> str:
        return self.section.text[self.start:self.end]

    def shaped(self, step: str) -> Quote:
        start, end = SHAPERS[step](self.section.text, self.start, self.end)
        return replace(self, start=start, end=end)

    def target(self) -> Target:
        keep = self.change_span is not None and self.start < self.change_span[1] and self.end > self.change_span[0]
        change = self.change_id if keep or (self.change_span is None and self.change_id) else None
        return quote_target(self.side, self.section, self.start, self.end, change)


def quote_of(target: Target, section: Section, start: int | None = None, end: int | None = None) -> Quote:
    """The quote a target stands for in `section` (at `start`/`end` where it was found again, else at
    the target's own offsets)."""
    a = target.start if start is None else start
    b = target.end if end is None else end
    span = (a, b) if target.change_id else None
    return Quote(target.side, section, a, b, target.change_id, span)


def shape(quotes: Sequence[Quote], step: str) -> tuple[Quote, ...]:
    """Every quote shaped by the same step (a replacement's old and new quotes grow together)."""
    if step not in SHAPERS:
        raise ValueError(f"unknown shaping step {step!r}; expected one of {', '.join(STEPS)}")
    return tuple(q.shaped(step) for q in quotes)
