"""Paragraph blocks → title, headings with levels → the flat section list of a `Document`."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from diffy.ingest.blocks import TOC_LINE, Block
from diffy.ingest.headings import Label, LevelTracker, parse_label, title_case, titled
from diffy.model import Mark, Section

MAX_HEADING_WORDS = 40
MAX_UNNUMBERED_WORDS = 16
MAX_PLAIN_HEADING_WORDS = 14


def _typo(b: Block) -> tuple[float, bool]:
    return (round(b.size), b.bold)


def is_typographic_heading(b: Block) -> bool:
    if b.kind != "text" or not b.styled or TOC_LINE.search(b.text):
        return False
    words = b.text.split()
    if not any(ch.isalpha() for ch in b.text) or len(words) > MAX_HEADING_WORDS:
        return False
    if b.text.endswith((",", ";")):
        return False
    label = parse_label(b.text)
    if label is None:
        return len(words) <= MAX_UNNUMBERED_WORDS and not b.text.endswith(".") or len(words) <= 4
    # a label alone ("IV.", "Article 3", "CHAPTER II", "§ 4") heads what follows; its title may be the next line
    return bool(label.rest) or len(words) == 1 or label.candidates[0][0].startswith(("kw:", "§:"))


def is_plain_heading(b: Block) -> bool:
    """A numbered heading set in body type: one short line with no closing punctuation, or a
    longer title (up to three lines) in Title Case with none."""
    if b.kind != "text" or b.lines > 3 or TOC_LINE.search(b.text):
        return False
    label = parse_label(b.text)
    if label is None or not label.rest:
        return False
    words = b.text.split()
    keyword = label.candidates[0][0].startswith(("kw:", "§:"))  # Section 5, Article 3, § 4: a full stop is usual
    closing = (",", ";", ":") if keyword else (".", ",", ";", ":")
    if len(words) <= MAX_HEADING_WORDS and not b.text.endswith(closing) and title_case(label.rest):
        return True
    if b.lines > 2:
        return False
    if len(words) > MAX_PLAIN_HEADING_WORDS or b.text.endswith((",", ";", ":")):
        return False
    if b.text.endswith(".") and (len(words) > 8 or b.lines > 1):
        return False  # a sentence, unless it is a short line of its own ("0. Definitions.")
    first = label.rest.lstrip("\"'“(")[:1]
    return first.isupper() and (b.lines == 1 and b.first_line_short or b.styled)


def leading_title(blocks: Sequence[Block]) -> tuple[str | None, list[Block]]:
    """A text file's title: its first block when it is set apart (an underlined heading) and unnumbered."""
    blocks = list(blocks)
    if blocks and blocks[0].styled and blocks[0].kind == "text":
        first = blocks[0]
        if parse_label(first.text) is None and len(first.text.split()) <= MAX_HEADING_WORDS:
            return first.text, blocks[1:]
    return None, blocks


def build_sections(blocks: Sequence[Block]) -> list[Section]:
    """The flat section list: headings found among the blocks, levels from numbering and type."""
    blocks = list(blocks)
    typographic = [is_typographic_heading(b) and not b.role for b in blocks]
    numbered_typo = sum(1 for b, h in zip(blocks, typographic, strict=True) if h and parse_label(b.text))
    if numbered_typo >= 2 or sum(typographic) >= 3:
        # headings are set in their own type here; numbered lines in body type are list items,
        # unless they read as titles and head some text (a lower level set in italics or body type)
        flags = [t or (not b.role and is_plain_heading(b) and titled(b.text) and k + 1 < len(blocks)
                       and not typographic[k + 1])
                 for k, (b, t) in enumerate(zip(blocks, typographic, strict=True))]
    else:
        flags = [t or (not b.role and is_plain_heading(b)) for b, t in zip(blocks, typographic, strict=True)]

    labels: list[Label | None] = [parse_label(b.text) if f else None for b, f in zip(blocks, flags, strict=True)]
    typo_levels = _typography_levels(blocks, flags, labels)
    tracker = LevelTracker()
    entries: list[Entry] = [Entry(None, None, None, 0, 1, [])]
    bare_label: Entry | None = None  # a label set alone ("Article 3"), whose title may follow on its own line
    for b, is_heading, label in zip(blocks, flags, labels, strict=True):
        if bare_label is not None and is_heading and label is None and not bare_label.paragraphs and \
                len(b.text.split()) <= MAX_UNNUMBERED_WORDS and b.page == bare_label.page:
            bare_label.heading, bare_label.title = f"{bare_label.heading} {b.text}", b.text
            bare_label = None
            continue
        bare_label = None
        if not is_heading:
            if entries[-1].heading is None and not entries[-1].paragraphs:
                entries[-1].page = b.page
            entries[-1].add(b.text, "note" if b.role == "note" else b.kind, b.marks)
        elif label is not None:
            level = tracker.numbered(label, _typo(b))
            entries.append(Entry(b.text, label.number, label.rest or None, level, b.page, []))
            bare_label = entries[-1] if not label.rest else None
        else:
            level = tracker.unnumbered(_unnumbered_level(_typo(b), typo_levels), _typo(b))
            entries.append(Entry(b.text, None, b.text, level, b.page, []))
    return assemble(entries)


@dataclass(slots=True)
class Entry:
    """A section while it is being collected."""

    heading: str | None
    number: str | None
    title: str | None
    level: int
    page: int
    paragraphs: list[str]
    kinds: list[str] = field(default_factory=list)
    marks: list[list[tuple[int, int, int]]] = field(default_factory=list)  # per paragraph: (offset, page, line)

    def add(self, text: str, kind: str = "text", marks: Sequence[tuple[int, int, int]] = ()) -> None:
        self.paragraphs.append(text)
        self.kinds.append(kind)
        self.marks.append(list(marks))


def section_marks(e: Entry) -> tuple[Mark, ...]:
    """The entry's line marks as offsets into its section's text (paragraphs joined by a blank line)."""
    out: list[Mark] = []
    at = 0
    for k, p in enumerate(e.paragraphs):
        if k < len(e.marks):
            out += [Mark(at + off, page, line) for off, page, line in e.marks[k]]
        at += len(p) + 2
    return tuple(out)


def assemble(entries: Sequence[Entry]) -> list[Section]:
    """Sections with stable ids and parent links; an empty leading level-0 entry is dropped."""
    sections: list[Section] = []
    used: set[str] = set()
    path: list[tuple[int, str, str]] = []  # (level, normalized heading, id)
    for e in entries:
        if e.heading is None and not e.paragraphs:
            continue
        while path and path[-1][0] >= e.level:
            path.pop()
        parent = path[-1][2] if path and e.level > 0 else None
        key = "/".join([p[1] for p in path] + [norm_key(e.heading or "")])
        prefix = _slug(e.number or ("preamble" if e.heading is None else e.title or "s"))
        sid = f"{prefix}-{hashlib.sha1(key.encode()).hexdigest()[:6]}"
        n = 2
        while sid in used:
            sid = f"{prefix}-{hashlib.sha1(f'{key}#{n}'.encode()).hexdigest()[:6]}"
            n += 1
        used.add(sid)
        if e.level > 0:
            path.append((e.level, norm_key(e.heading or ""), sid))
        kinds = tuple(e.kinds) if any(k != "text" for k in e.kinds) else ()
        sections.append(Section(sid, e.heading, e.number, e.title, e.level, parent, e.page, tuple(e.paragraphs),
                                kinds, section_marks(e)))
    return sections


def _typography_levels(blocks, flags, labels) -> dict[tuple, set[int]]:
    tracker = LevelTracker()
    levels: dict[tuple, set[int]] = {}
    for b, f, label in zip(blocks, flags, labels, strict=True):
        if f and label is not None:
            levels.setdefault(_typo(b), set()).add(tracker.numbered(label, _typo(b)))
    return levels


def _unnumbered_level(typo: tuple, levels: dict[tuple, set[int]]) -> int:
    if typo in levels:
        return min(levels[typo])
    if not levels or all(typo > t for t in levels):
        return 1
    smaller = [min(v) for t, v in levels.items() if t < typo]
    return min(smaller) if smaller else max(max(v) for v in levels.values()) + 1


def norm_key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub("[\u2010-\u2015\u2212]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def _slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", norm_key(text)).strip("-")
    return s[:24].rstrip("-") or "s"
