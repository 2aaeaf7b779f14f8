"""Paragraph blocks → title, headings with levels → the flat section list of a `Document`."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from diffy.ingest.blocks import TOC_LINE, Block
from diffy.ingest.contents import entry_key
from diffy.ingest.headings import DATE_LINE, Label, LevelTracker, bare_label, parse_label, title_case, titled
from diffy.model import Mark, Section

MAX_HEADING_WORDS = 40
MAX_UNNUMBERED_WORDS = 16
MAX_PLAIN_HEADING_WORDS = 14
MAX_BOLD_SENTENCE_LINES = 3  # a bold sentence of its own heads what follows (NIST's recommendations); a
# bold paragraph longer than this is emphasis


def _typo(b: Block) -> tuple[float, bool, str]:
    """How a heading is set: size, weight, typeface."""
    return (round(b.size), b.bold, b.font)


MULTI_LEVEL = ("decimal:2", "decimal:3", "decimal:4", "decimal:5", "kw:", "§:")


def is_typographic_heading(b: Block, listed: frozenset[str] = frozenset()) -> bool:
    """A heading set in its own type. `listed`: the keys of the document's contents entries."""
    if b.kind != "text" or not b.styled or b.bulleted or b.role or TOC_LINE.search(b.text):
        return False
    words = b.text.split()
    if not any(ch.isalpha() for ch in b.text) or len(words) > MAX_HEADING_WORDS:
        return False
    if b.text.endswith((",", ";")):
        return False
    label = parse_label(b.text)
    if b.run_in:  # numbered run-ins are headings when their numbering is a heading's (3.2.2, Article 5) or
        # the contents lists them; "1. Robust proactive controls." opening a paragraph is a list item
        if label is None:
            return True
        return label.candidates[0][0].startswith(MULTI_LEVEL) or entry_key(b.text) in listed
    if label is None:
        if DATE_LINE.match(b.text):
            return False  # a date set apart ("December 1998") dates the document, it heads nothing
        if b.text.endswith(".") and len(words) > 4:  # a sentence set in bold on a line of its own
            return b.lines <= MAX_BOLD_SENTENCE_LINES and len(words) <= MAX_HEADING_WORDS and \
                not b.text[:1].islower()  # not the end of a bold paragraph
        if b.text.endswith(":") and len(words) >= 4:
            return False  # a bold line introducing what follows ("Comments may be submitted to:")
        return len(words) <= MAX_UNNUMBERED_WORDS
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


BARE_RUN_SPAN = 40  # blocks within which a bare number's neighbour in its run must stand
BARE_MAX_WORDS = 8


def bare_runs(blocks: Sequence[Block], flags: Sequence[bool]) -> dict[int, Label]:
    """Lines that open with a bare number and a title (`I Risks` then `II Mitigations`; `4 Scope`,
    `5 Cooperation …`), set as headings or short and heading some text, where the run shows: a line of
    the same style numbered one less stands close before it, or one more close after it. A lone
    numbered line is a list item or a page's stray number."""
    found: dict[int, Label] = {}
    for k, b in enumerate(blocks):
        if b.kind != "text" or b.role or b.bulleted or b.lines > 2:
            continue
        label = bare_label(b.text)
        if label is None or b.text.endswith((".", ",", ";", ":")):
            continue
        if flags[k] or (len(b.text.split()) <= BARE_MAX_WORDS and k + 1 < len(blocks) and
                        blocks[k + 1].kind == "text" and not flags[k + 1]):
            found[k] = label  # a heading already (set in its own type) gets its number; a line in body type
            # that heads some text becomes one
    confirmed: dict[int, Label] = {}
    for k, label in found.items():
        style, value = label.candidates[0]
        if any(abs(j - k) <= BARE_RUN_SPAN and other.candidates[0][0] == style and
               other.candidates[0][1] - value == (1 if j > k else -1) for j, other in found.items()):
            confirmed[k] = label  # the number before it stands before it, or the one after after it
    return confirmed


def _rejoin_run_ins(blocks: list[Block], flags: list[bool]) -> tuple[list[Block], list[bool]]:
    """A bold lead-in split off as a possible run-in heading that is not one (a numbered list item's
    opening words) goes back to the front of its paragraph."""
    out: list[Block] = []
    out_flags: list[bool] = []
    k = 0
    while k < len(blocks):
        b = blocks[k]
        if b.run_in and not flags[k] and k + 1 < len(blocks) and blocks[k + 1].kind == "text" \
                and not blocks[k + 1].role:
            nxt = blocks[k + 1]
            shift = len(b.text) + 1
            marks = b.marks + tuple((off + shift, page, line) for off, page, line in nxt.marks[1:] if off > 0)
            out.append(dataclasses.replace(nxt, text=f"{b.text} {nxt.text}", page=b.page, marks=marks,
                                           lines=nxt.lines))
            out_flags.append(flags[k + 1])
            k += 2
            continue
        out.append(b)
        out_flags.append(flags[k])
        k += 1
    return out, out_flags


def _body_type(blocks: Sequence[Block]) -> tuple[float, str]:
    """The (size, typeface) most of the text is set in."""
    types: Counter[tuple[float, str]] = Counter()
    for b in blocks:
        types[(round(b.size), b.font)] += len(b.text)
    return types.most_common(1)[0][0] if types else (0, "")


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
    listed = frozenset(entry_key(b.text) for b in blocks if b.role == "contents")
    typographic = [is_typographic_heading(b, listed) for b in blocks]
    numbered_typo = sum(1 for b, h in zip(blocks, typographic, strict=True) if h and parse_label(b.text))
    if numbered_typo >= 2 or sum(typographic) >= 3:
        # headings are set in their own type here; numbered lines in body type are list items,
        # unless they read as titles and head some text (a lower level set in italics or body type)
        flags = [t or (not b.role and is_plain_heading(b) and titled(b.text) and k + 1 < len(blocks)
                       and not typographic[k + 1])
                 for k, (b, t) in enumerate(zip(blocks, typographic, strict=True))]
    else:
        flags = [t or (not b.role and is_plain_heading(b)) for b, t in zip(blocks, typographic, strict=True)]

    blocks, flags = _rejoin_run_ins(blocks, flags)
    labels: list[Label | None] = [parse_label(b.text) if f else None for b, f in zip(blocks, flags, strict=True)]
    for k, bare in bare_runs(blocks, flags).items():
        flags[k], labels[k] = True, bare
    tracker = LevelTracker(_body_type(blocks))
    entries: list[Entry] = [Entry(None, None, None, 0, 1, [])]
    bare_label: Entry | None = None  # a label set alone ("Article 3"), whose title may follow on its own line
    notes: list[Block] = []  # footnotes wait for the end of their section: the one that cites them
    holder: dict[tuple[int, int], int] = {}  # (page, line) of each paragraph line → its entry

    def close() -> None:
        for n in notes:
            at = holder.get(n.anchor, len(entries) - 1) if n.anchor else len(entries) - 1
            entries[at].add(n.text, "note", n.marks)
        notes.clear()

    for b, is_heading, label in zip(blocks, flags, labels, strict=True):
        if b.role == "note":
            notes.append(b)
            continue
        if is_heading:
            close()
        if bare_label is not None and is_heading and label is None and not bare_label.paragraphs and \
                len(b.text.split()) <= MAX_UNNUMBERED_WORDS and b.page == bare_label.page:
            bare_label.heading, bare_label.title = f"{bare_label.heading} {b.text}", b.text
            bare_label = None
            continue
        bare_label = None
        if not is_heading:
            if entries[-1].heading is None and not entries[-1].paragraphs:
                entries[-1].page = b.page
            entries[-1].add(b.text, b.kind, b.marks)
            holder.update(((page, line), len(entries) - 1) for _, page, line in b.marks)
        elif label is not None:
            level = tracker.numbered(label, _typo(b))
            entries.append(Entry(b.text, label.number, label.rest or None, level, b.page, []))
            bare_label = entries[-1] if not label.rest else None
        else:
            level = tracker.unnumbered(_typo(b))
            entries.append(Entry(b.text, None, b.text, level, b.page, []))
    close()
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


def norm_key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub("[\u2010-\u2015\u2212]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def _slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", norm_key(text)).strip("-")
    return s[:24].rstrip("-") or "s"
