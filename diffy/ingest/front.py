"""Front matter of a printed document: cover pages and the title.

A cover page is one of the leading pages that holds no prose (no paragraph of body text) and no
contents entries: a title, authors, dates, series names, an agency, a letter-spaced banner. Its
lines are front matter, kept as text before the first heading, never headings. The title is the
first run of the first page's largest type at its head (before its first paragraph of prose), when
that type is at least `TITLE_MIN_STEP` larger than the body, else a first line set in heading
type; never a numbered heading, a contents heading or the heading of the text right below it in a
type the document's headings use. Where the first page prints no such line (it is already the
contents, or the body), the document has no title.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence

from diffy.ingest.blocks import Block
from diffy.ingest.headings import DATE_LINE, parse_label

TITLE_MIN_STEP = 1.0  # a title is set at least this many points larger than the body (the real corpus's
# are 8 to 19 points larger; Meridian's plain layout 7) ...
TITLE_MAX_WORDS = 40  # ... and is no longer than this (the longest real title seen had 14 words)
TITLE_MAX_LINES = 4
PROSE_CHARS = 150  # a paragraph of body text this long (about 25 words; counted in characters so that
PROSE_CHARS_2_LINES = 70  # Chinese and Japanese count too), or this long on two lines or more
_SENTENCE = re.compile(r"[.!?;:。！？；：]")


def body_size(blocks: Sequence[Block]) -> float:
    """The size most of the text is set in (tables' cells carry no size of their own)."""
    sizes: Counter[float] = Counter()
    for b in blocks:
        if b.kind == "text":
            sizes[round(b.size, 1)] += len(b.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def is_prose(b: Block, body: float) -> bool:
    """A paragraph of body text: body type, long enough, with a sentence in it (not an address or a list
    of names)."""
    n = len(b.text)
    return b.kind == "text" and not b.styled and b.size <= body + 0.5 and bool(_SENTENCE.search(b.text)) and \
        (n >= PROSE_CHARS or (b.lines >= 2 and n >= PROSE_CHARS_2_LINES))


def cover_pages(blocks: Sequence[Block], body: float) -> set[int]:
    """The leading pages that hold neither prose nor contents entries."""
    pages: dict[int, list[Block]] = {}
    for b in blocks:
        pages.setdefault(b.page, []).append(b)
    covers: set[int] = set()
    for page in sorted(pages):
        if any(is_prose(b, body) or b.kind != "text" or b.role == "contents" for b in pages[page]):
            break
        covers.add(page)
    if len(covers) == len(pages):  # a document that is all short lines has no cover, only text
        return set()
    return covers


def front_matter(blocks: Sequence[Block]) -> tuple[str | None, list[Block]]:
    """The document's title, and its blocks with the title taken out and cover lines marked as such."""
    body = body_size(blocks)
    covers = cover_pages(blocks, body)
    run = _title_run(blocks, body)
    title = " ".join(b.text for b in run) or None
    taken = {id(b) for b in run}
    out = [dataclasses.replace(b, role="cover") if b.page in covers else b for b in blocks if id(b) not in taken]
    return title, out


def _title_run(blocks: Sequence[Block], body: float) -> list[Block]:
    """The blocks that print the title: at the head of the first page (before its first paragraph of
    prose), the first run of its largest type when that is larger than the body, else a first line set
    in heading type; never a numbered heading, a contents heading or a heading of the text below it."""
    first = min((b.page for b in blocks), default=1)
    head: list[Block] = []
    for b in blocks:
        if b.page != first or is_prose(b, body) or b.kind != "text" or b.role == "contents":
            break
        head.append(b)
    lettered = [k for k, b in enumerate(head) if sum(ch.isalpha() for ch in b.text) >= 3]
    if not lettered:
        return []
    top = max(head[k].size for k in lettered)
    if top >= body + TITLE_MIN_STEP:  # the largest type, and the lines set in it right after
        start = next(k for k in lettered if abs(head[k].size - top) < 0.5)
        run = [head[start]]
        for b in head[start + 1:]:
            if abs(b.size - top) >= 0.5 or b.bold != run[0].bold or DATE_LINE.match(b.text):
                break  # (a date under the title dates the document)
            run.append(b)
    elif head[0].styled:  # no larger type: a first line set in heading type, alone
        run = [head[0]]
    else:
        return []
    if run[0].text[:1].islower():
        return []  # the end of a sentence, not a title
    nxt = blocks[len(head)] if len(head) < len(blocks) else None
    words = sum(len(b.text.split()) for b in run)
    if any(parse_label(b.text) or b.lines > TITLE_MAX_LINES or b.text.endswith((",", ";", ":")) for b in run) \
            or words > TITLE_MAX_WORDS or (nxt is not None and nxt.role == "contents" and run[-1] is head[-1]):
        return []
    if nxt is not None and run[-1] is head[-1] and is_prose(nxt, body) and _heading_type(run[-1], blocks):
        return []  # it heads the text below it, in the type the document's headings are set in
    return run


def _heading_type(b: Block, blocks: Sequence[Block]) -> bool:
    """Whether the block's type is used again, on later pages, for lines that head text."""
    return any(o.page > b.page and o.styled and abs(o.size - b.size) < 0.5 and o.bold == b.bold for o in blocks)
