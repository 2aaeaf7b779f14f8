"""Plain-text and Markdown inputs.

Markdown `#` headings give levels directly (a single leading `# ` heading is the
title); bold-only lines count as headings; other text goes through the same
numbering rules as PDFs. reStructuredText-style underlined headings are
recognised in plain text. Front matter (`---` or `+++` blocks) is dropped.
"""

from __future__ import annotations

import re
from pathlib import Path

from diffy.errors import InputError
from diffy.ingest.blocks import Block
from diffy.ingest.headings import parse_label
from diffy.ingest.source import file_sha256
from diffy.ingest.structure import Entry, assemble, build_sections, leading_title
from diffy.ingest.text import collapse, line_offsets, normalize
from diffy.model import Document

_ATX = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_UNDERLINE = re.compile(r"^([=\-~^*+#\"'`:.])\1{2,}\s*$")
_LIST = re.compile(r"^\s*[-*+•]\s+")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(.+?)\1\s*:?\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def read_text(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise InputError(path, "is a binary file, not text")
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def strip_front_matter(text: str) -> str:
    m = re.match(r"\A(---|\+\+\+)\s*\n.*?\n\1\s*(\n|\Z)", text, re.S)
    return text[m.end():] if m else text


def clean_inline(text: str) -> str:
    """Markdown inline syntax that is presentation, not wording: links keep their text."""
    text = _LINK.sub(lambda m: m.group(1), text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|~<>])", r"\1", text)  # backslash escapes: "1\." is "1."
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    return collapse(normalize(text))


Marks = tuple[tuple[int, int, int], ...]  # (offset in the paragraph, page 1, source line) per source line


def line_marks(text: str, lines: list[tuple[int, str]]) -> Marks:
    """Where each source line of a paragraph starts in its cleaned text, with its line number; a line
    whose first word is not found (markup that spans lines) is left to the mark before it."""
    offsets = line_offsets(text, [clean_inline(line) for _, line in lines])
    return tuple((off, 1, number) for (number, _), off in zip(lines, offsets, strict=True) if off is not None)


def _paragraphs(lines: list[tuple[int, str]]) -> list[tuple[str, str, Marks]]:
    """Blank-line separated paragraphs, as (text, kind, marks of their source lines); list items and
    table rows each stand alone."""
    out: list[tuple[str, str, Marks]] = []
    buf: list[tuple[int, str]] = []

    def flush() -> None:
        if buf:
            text = clean_inline(" ".join(ln for _, ln in buf))
            out.append((text, "text", line_marks(text, buf)))
            buf.clear()

    for number, line in lines:
        if not line.strip():
            flush()
        elif line.lstrip().startswith("|"):
            flush()
            if not _TABLE_RULE.match(line.strip()):
                cells = [clean_inline(c) for c in line.strip().strip("|").split("|")]
                out.append((" | ".join(cells), "row", ((0, 1, number),)))
        else:
            if _LIST.match(line):
                flush()
                line = _LIST.sub("", line)
            buf.append((number, line.strip()))
    flush()
    return [p for p in out if p[0]]


def _add_paragraphs(entry: Entry, lines: list[tuple[int, str]]) -> None:
    for text, kind, marks in _paragraphs(lines):
        entry.add(text, kind, marks)


def parse_markdown(text: str) -> tuple[str | None, list[Entry]]:
    body_text = strip_front_matter(text)
    skipped = text[: len(text) - len(body_text)].count("\n")  # line numbers stay those of the file
    lines = list(enumerate(body_text.splitlines(), start=skipped + 1))
    heads = [(i, len(m.group(1)), m.group(2)) for i, (_, ln) in enumerate(lines) if (m := _ATX.match(ln))]
    title = None
    top = min((h for _, h, _ in heads), default=1)
    if heads and sum(1 for _, h, _ in heads if h == top) == 1 and heads[0][1] == top:
        title = clean_inline(heads[0][2])
        del lines[heads[0][0]]
        top += 1
    entries = [Entry(None, None, None, 0, 1, [])]
    body: list[tuple[int, str]] = []
    last_atx = 0  # level of the last `#` heading; bold-line headings sit one below it
    for lineno, line in lines:
        m = _ATX.match(line)
        bold = _BOLD_LINE.match(line) if not m else None
        if m or (bold and len(bold.group(2).split()) <= 12):
            _add_paragraphs(entries[-1], body)
            body = []
            if m:
                heading, level = clean_inline(m.group(2)), max(1, len(m.group(1)) - top + 1)
                last_atx = level
            else:
                assert bold is not None
                heading, level = clean_inline(bold.group(2)), last_atx + 1
            if not heading:
                continue
            label = parse_label(heading)
            number, rest = (label.number, label.rest or None) if label else (None, heading)
            entries.append(Entry(heading, number, rest, level, 1, []))
        else:
            body.append((lineno, line))
    _add_paragraphs(entries[-1], body)
    return title, entries


def parse_plain(text: str) -> list[Block]:
    """Plain text: paragraphs by blank lines; headings by numbering, or by rst underlines."""
    lines = text.splitlines()
    blocks: list[Block] = []
    underline_rank: dict[str, int] = {}
    i = 0
    buf: list[tuple[int, str]] = []  # (source line, text) of the paragraph so far

    def flush() -> None:
        if buf:
            joined = clean_inline(" ".join(s.strip() for _, s in buf))
            short = len(buf) == 1 and len(buf[0][1].strip()) < 72
            blocks.append(Block(joined, 1, "text", False, 10.0, False, short, len(buf), line_marks(joined, buf)))
            buf.clear()

    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if line.strip() and _UNDERLINE.match(nxt) and len(nxt.strip()) >= len(line.strip()) * 0.6 and not buf:
            rank = underline_rank.setdefault(nxt.strip()[0], len(underline_rank))
            blocks.append(Block(clean_inline(line), 1, "text", True, 20.0 - rank, True, True, 1, ((0, 1, i + 1),)))
            i += 2
            continue
        if _UNDERLINE.match(line) and not buf:
            i += 1  # an overline or a transition
            continue
        if not line.strip():
            flush()
        else:
            if _LIST.match(line):
                flush()
                line = _LIST.sub("", line)
            buf.append((i + 1, line))
        i += 1
    flush()
    return blocks


def parse_text_file(path: Path, source: str) -> Document:
    text = read_text(path)
    if not text.strip():
        raise InputError(path, "is empty: there is no text to compare")
    if path.suffix.lower() in {".md", ".markdown"}:
        title, entries = parse_markdown(text)
        sections = assemble(entries)
    else:
        title, blocks = leading_title(parse_plain(text))
        sections = build_sections(blocks)
    return Document(source, file_sha256(path), 1, title, tuple(sections))
