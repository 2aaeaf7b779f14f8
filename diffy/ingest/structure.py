"""Paragraph blocks → title, headings with levels → the flat section list of a `Document`."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence

from diffy.ingest.blocks import _TOC, Block
from diffy.ingest.headings import Label, LevelTracker, parse_label
from diffy.model import Section

MAX_HEADING_WORDS = 40
MAX_UNNUMBERED_WORDS = 16
MAX_PLAIN_HEADING_WORDS = 14


def _typo(b: Block) -> tuple[float, bool]:
    return (round(b.size), b.bold)


def is_typographic_heading(b: Block) -> bool:
    if b.kind != "text" or not b.styled or _TOC.search(b.text):
        return False
    words = b.text.split()
    if not any(ch.isalpha() for ch in b.text) or len(words) > MAX_HEADING_WORDS:
        return False
    if b.text.endswith((",", ";")):
        return False
    label = parse_label(b.text)
    if label is None:
        return len(words) <= MAX_UNNUMBERED_WORDS and not b.text.endswith(".") or len(words) <= 4
    return bool(label.rest) or len(words) == 1


def is_plain_heading(b: Block) -> bool:
    """A numbered heading set in body type: one short line with no closing punctuation."""
    if b.kind != "text" or b.lines > 2 or _TOC.search(b.text):
        return False
    label = parse_label(b.text)
    if label is None or not label.rest:
        return False
    words = b.text.split()
    if len(words) > MAX_PLAIN_HEADING_WORDS or b.text.endswith((".", ",", ";", ":")):
        return False
    first = label.rest.lstrip("\"'“(")[:1]
    return first.isupper() and (b.lines == 1 and b.first_line_short or b.styled)


def build_sections(blocks: Sequence[Block], fallback_title: str | None = None) -> tuple[str | None, list[Section]]:
    blocks = list(blocks)
    title = None
    if blocks and blocks[0].page == 1 and blocks[0].styled and blocks[0].kind == "text":
        first = blocks[0]
        if parse_label(first.text) is None and len(first.text.split()) <= MAX_HEADING_WORDS:
            title = first.text
            blocks = blocks[1:]
    if title is None:
        title = fallback_title

    typographic = [is_typographic_heading(b) for b in blocks]
    numbered_typo = sum(1 for b, h in zip(blocks, typographic, strict=True) if h and parse_label(b.text))
    if numbered_typo >= 2 or sum(typographic) >= 3:
        flags = typographic
    else:
        flags = [t or is_plain_heading(b) for b, t in zip(blocks, typographic, strict=True)]

    labels: list[Label | None] = [parse_label(b.text) if f else None for b, f in zip(blocks, flags, strict=True)]
    typo_levels = _typography_levels(blocks, flags, labels)
    tracker = LevelTracker()
    sections: list[Section] = []
    used_ids: set[str] = set()
    path: list[tuple[int, str, str]] = []  # (level, normalized heading, id)
    paragraphs: list[str] = []
    current: dict | None = {"heading": None, "number": None, "title": None, "level": 0, "page": 1}

    def close() -> None:
        if current is None:
            return
        if current["heading"] is None and not paragraphs:
            return
        sections.append(_section(current, paragraphs, path, used_ids))

    for b, is_heading, label in zip(blocks, flags, labels, strict=True):
        if not is_heading:
            if current is not None and current["heading"] is None and not paragraphs:
                current["page"] = b.page
            paragraphs.append(b.text)
            continue
        close()
        paragraphs = []
        if label is not None:
            level = tracker.numbered(label, _typo(b))
            number, rest = label.number, label.rest
        else:
            level = tracker.unnumbered(_unnumbered_level(_typo(b), typo_levels), _typo(b))
            number, rest = None, b.text
        current = {"heading": b.text, "number": number, "title": rest or None, "level": level, "page": b.page}
    close()
    return title, sections


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


def _section(cur: dict, paragraphs: list[str], path: list, used: set[str]) -> Section:
    level = cur["level"]
    while path and path[-1][0] >= level:
        path.pop()
    parent = path[-1][2] if path and level > 0 else None
    key = "/".join([p[1] for p in path] + [norm_key(cur["heading"] or "")])
    prefix = _slug(cur["number"] or ("preamble" if cur["heading"] is None else cur["title"] or "s"))
    sid = f"{prefix}-{hashlib.sha1(key.encode()).hexdigest()[:6]}"
    n = 2
    while sid in used:
        sid = f"{prefix}-{hashlib.sha1(f'{key}#{n}'.encode()).hexdigest()[:6]}"
        n += 1
    used.add(sid)
    if level > 0:
        path.append((level, norm_key(cur["heading"]), sid))
    return Section(sid, cur["heading"], cur["number"], cur["title"], level, parent, cur["page"], tuple(paragraphs))


def norm_key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub("[\u2010-\u2015\u2212]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def _slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", norm_key(text)).strip("-")
    return s[:24].rstrip("-") or "s"
