"""Tables of contents, lists of figures and lists of tables.

An entry is a short line that ends in a page reference (`12`, `iv`, `ES-1`, `2-3`, `A-4`), either
after a dot leader (`1.1 Purpose ........ 3`) or after a title that the document prints again later
as a line of its own (`2.1 Pinterest 4`, where a wrapped entry may carry its page number in the
middle). Entries come in runs: three or more, close together, make a contents list. They are
never headings; they stay the text of the section that lists them (the `Table of Contents`),
with leaders and page numbers taken off, so pages renumbered between two versions are no change.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Mapping, Sequence

from diffy.ingest.blocks import Block

PAGE_REF = r"(?:[A-Z]{1,3}[-–]\d{1,4}|\d{1,3}[-–]\d{1,4}|\d{1,4}|[ivxlcdm]{1,7})"
_LEADER = re.compile(rf"^(?P<entry>.*?\S)\s*(?:(?:\.\s?){{3,}}|…+|_{{3,}})\s*\(?(?P<page>{PAGE_REF})\)?$", re.I)
_TRAILING = re.compile(rf"^(?P<entry>.*\S)\s+(?P<page>{PAGE_REF})$", re.I)
_MIDDLE = re.compile(r"^(?P<head>.*\S)\s+(?P<page>\d{1,4})\s+(?P<tail>[a-z].*)$")  # a wrapped entry
MIN_RUN = 3  # entries that make a list (two lines ending in numbers are a coincidence)
MAX_GAP = 2  # other blocks allowed between two entries of one list (group labels, a wrapped line)
MAX_ENTRY_LINES = 3
MAX_ENTRY_WORDS = 40


def entry_key(text: str) -> str:
    """A line as compared with contents entries: case, punctuation and spacing aside."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\W_]+", " ", text).strip()


def _entry_shaped(b: Block) -> bool:
    return b.kind == "text" and b.lines <= MAX_ENTRY_LINES and len(b.text.split()) <= MAX_ENTRY_WORDS


def entry_text(b: Block, at: int, last: Mapping[str, int]) -> str | None:
    """The entry's text without leader and page number, when block `at` is a contents entry; `last` says
    where the document last prints each line as a block of its own (an entry's title comes again later)."""
    if not _entry_shaped(b):
        return None
    m = _LEADER.match(b.text)
    if m:
        return m.group("entry")
    m = _TRAILING.match(b.text)
    if m and last.get(entry_key(m.group("entry")), -1) > at:
        return m.group("entry")
    m = _MIDDLE.match(b.text)
    if m and last.get(entry_key(f"{m.group('head')} {m.group('tail')}"), -1) > at:
        return f"{m.group('head')} {m.group('tail')}"
    return None


def _split_lines(b: Block) -> list[Block]:
    """A block whose lines each end in a page reference, as a block per line (entries printed without
    leaders run together into one paragraph)."""
    if b.kind != "text" or b.lines < 2 or len(b.marks) != b.lines:
        return [b]
    cuts = [m[0] for m in b.marks] + [len(b.text)]
    lines = [b.text[cuts[k]:cuts[k + 1]].strip() for k in range(b.lines)]
    if sum(bool(_TRAILING.match(ln)) for ln in lines) < max(2, 0.6 * len(lines)) or not all(lines):
        return [b]
    return [dataclasses.replace(b, text=ln, lines=1, marks=((0, b.marks[k][1], b.marks[k][2]),),
                                first_line_short=True) for k, ln in enumerate(lines)]


def mark_contents(blocks: Sequence[Block]) -> list[Block]:
    """The blocks with every contents entry marked (role "contents") and its page reference dropped."""
    blocks = [part for b in blocks for part in _split_lines(b)]
    last: dict[str, int] = {}  # where the document last prints each short line as a block of its own
    for k, b in enumerate(blocks):
        if b.kind == "text" and len(b.text.split()) <= MAX_ENTRY_WORDS:
            last[entry_key(b.text)] = k
    entries = {k: text for k, b in enumerate(blocks) if (text := entry_text(b, k, last)) is not None}
    marked: set[int] = set()
    run: list[int] = []
    for k in sorted(entries) + [len(blocks) + MAX_GAP + 1]:
        if run and k - run[-1] > MAX_GAP + 1:
            if len(run) >= MIN_RUN:
                marked.update(run)
                for j in range(run[0], run[-1]):  # inside a list, a line ending in a page number is an entry
                    if j not in entries and _entry_shaped(blocks[j]) and (m := _TRAILING.match(blocks[j].text)):
                        entries[j] = m.group("entry")
                        marked.add(j)
            run = []
        run.append(k)
    return [dataclasses.replace(b, text=entries[k], role="contents", styled=False) if k in marked else b
            for k, b in enumerate(blocks)]
