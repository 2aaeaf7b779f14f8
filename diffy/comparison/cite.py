"""Where a change stands in each version: the page (as the file labels it) and the line on that page.

A change is cited where it starts: on the old side at the first word it removes
(for an insertion, the word it is inserted before), on the new side at the first
word it adds (for a deletion, where the words were); punctuation that opens a
change (the full stop of the sentence before) is skipped, so the line cited is
the one that holds its first word. A move is cited in the
sections it left and entered. Lines are counted per page in reading order, page
furniture not counted (`Section.marks`). A section without marks (an input with
no lines to cite) falls back to the page its heading is on, with no line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diffy.comparison.compare import Comparison, Pair
from diffy.comparison.diff import Change
from diffy.model import Document, Section

_WORDISH = re.compile(r"[^\W_]")


@dataclass(frozen=True, slots=True)
class Place:
    """One side of a citation."""

    page: int  # 1-based index into the file
    label: str  # how the page is cited: the file's own label where it has one, else the index
    line: int | None  # line on that page; None where the section has no marks

    def __str__(self) -> str:
        return f"p. {self.label}" + (f", l. {self.line}" if self.line is not None else "")


@dataclass(frozen=True, slots=True)
class Citation:
    old: Place | None  # None: the change has no old side (a section that was added)
    new: Place | None

    def __str__(self) -> str:
        """`p. 12, l. 4 → p. 14, l. 9` (a missing side is a dash)."""
        return f"{self.old or '—'} → {self.new or '—'}"


def place(doc: Document, section: Section, offset: int) -> Place:
    """Where character `offset` of the section's text is printed."""
    mark = section.position(offset)
    if mark is None:  # no marks (nothing to cite lines from): the section's own page
        return Place(section.page, doc.page_label(section.page), None)
    return Place(mark.page, doc.page_label(mark.page), mark.line)


def _section(doc: Document, section_id: str | None) -> Section | None:
    if section_id is None:
        return None
    try:
        return doc.section(section_id)
    except KeyError:
        return None


def _first_word(text: str) -> int:
    """Offset of the first letter or digit in `text` (0 when it has none)."""
    m = _WORDISH.search(text)
    return m.start() if m else 0


def cite(cmp: Comparison, pair: Pair, change: Change) -> Citation:
    """The change's citation in both versions."""
    if change.kind == "move":  # offsets are into the sections the text left and entered
        old, new = _section(cmp.old, change.old_id), _section(cmp.new, change.new_id) or pair.new
    else:
        old, new = pair.old, pair.new
    old_at, new_at = change.old_offset + _first_word(change.old), change.new_offset + _first_word(change.new)
    return Citation(place(cmp.old, old, old_at) if old is not None else None,
                    place(cmp.new, new, new_at) if new is not None else None)


def page_value(doc: Document, p: Place | None) -> int | str | None:
    """A page in JSON: the file's label (a string) where the document has page labels, else the index."""
    if p is None:
        return None
    return p.label if doc.page_labels else p.page
