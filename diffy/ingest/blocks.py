"""Lines in reading order → paragraphs and heading candidates.

A paragraph ends at a larger vertical gap, at a change between heading type
and body type, at a new list item or bullet, at a first-line indent after a
finished sentence, or after a short line that ends a sentence. Across a page or
column break the paragraph continues unless the previous line finished a
sentence and the next one starts a new one.
"""

from __future__ import annotations

import dataclasses
import re
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from diffy.ingest.headings import parse_label, titled
from diffy.ingest.layout import Flow, TableBlock, is_bullet
from diffy.ingest.text import close_hyphen_gaps, collapse, join_lines, line_offsets, normalize, vocabulary
from diffy.model import Furniture, Line, Reference, font_family

_TERMINAL = tuple(".!?:;")
# a figure's or table's caption (`Figure 2-4. …`, `Table 5-1: …`, `Exhibit 3`, `Tableau 2 :`, `Abbildung 3`):
# text of its section, never a heading
CAPTION = re.compile(r"^(figure|fig\.|table|exhibit|chart|graph|map|plate|box|diagram|illustration|photo|"
                     r"image|listing|tableau|graphique|sch[ée]ma|encadr[ée]|tabla|cuadro|gr[áa]fico|figura|"
                     r"ilustraci[óo]n|tabela|tabella|tabelle|abbildung|abb\.|grafik|übersicht)"
                     r"\s+[A-Z]{0,3}[-–.]?\d+(?:[-–.]\d+)*[a-z]?(?:[.:—–-]|\s|$)", re.I)
TOC_LINE = re.compile(r"(\.\s?){3,}\s*\(?[\divxlc]+\)?$|\s\.{2,}\s*\d+$", re.I)


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, a table row or a run of heading-type lines, with its first page."""

    text: str
    page: int
    kind: str  # "text" | "row"
    styled: bool = False  # set in heading type (bold or larger than the body)
    size: float = 0.0
    bold: bool = False
    first_line_short: bool = False  # one line that stops well before the column's right edge
    lines: int = 1
    marks: tuple[tuple[int, int, int], ...] = ()  # where each printed line starts: (offset in text, page, line)
    role: str = ""  # never a heading: "cover" (front matter), "contents", "caption", "note" (a footnote)
    font: str = ""  # the typeface of its first line (`font_family`)
    bulleted: bool = False  # a list item marked by a bullet glyph
    run_in: bool = False  # a heading set at the start of its paragraph's first line, the text running on after it
    anchor: tuple[int, int] | None = None  # a footnote's reference: the (page, line) its number is printed on


def build_blocks(flow: Sequence[Flow], body_size: float, body_bold: bool,
                 references: Mapping[int, Sequence[Reference]] | None = None) -> tuple[list[Block], list[Furniture]]:
    """Paragraphs, table rows and footnotes in reading order; `references` are the note numbers taken off
    each page's words (page → references), which tie each footnote to the line that cites it."""
    lines = [f for f in flow if isinstance(f, Line)]
    vocab = _vocabulary(lines)
    gap = _normal_gap(lines)
    blocks: list[Block] = []
    furniture: list[Furniture] = []
    current: list[Line] = []
    prev_table: TableBlock | None = None

    def styled(ln: Line) -> bool:
        return ((ln.bold and not body_bold) or ln.size >= body_size + 0.75) and not labelled(ln, body_bold)

    notes = footnote_lines(flow, body_size)
    pending: list[list[Line]] = []  # footnotes wait until the paragraph they interrupt ends
    cited: dict[str, tuple[int, int]] = {}  # note number → the (page, line) that last cited it
    references = references or {}

    def flush() -> None:
        if current:
            block = _text_block(current, vocab, styled(current[0]))
            blocks.append(dataclasses.replace(block, run_in=True) if current[0].run_in else block)
            current.clear()
        for note in pending:
            blocks.append(_note_block(_text_block(note, vocab, False), cited))
        pending.clear()

    for item in flow:
        if isinstance(item, TableBlock):
            flush()
            rows = list(item.table.rows)
            if prev_table is not None and _continues(prev_table, item, blocks):
                header = prev_table.table.rows[0]
                if rows and rows[0] == header:
                    furniture.append(Furniture(item.page, "table-header", " | ".join(header)))
                    rows = rows[1:]
                if rows and _continued(rows[0]) and blocks and blocks[-1].kind == "row":
                    merged = _merge_rows(_cells(blocks[-1].text), rows.pop(0), vocab)
                    blocks[-1] = Block(_row_text(merged), blocks[-1].page, "row", marks=blocks[-1].marks)
            first = item.number + len(item.table.rows) - len(rows)
            blocks += [Block(_row_text(_clean_cells(r, vocab)), item.page, "row", marks=((0, item.page, first + k),))
                       for k, r in enumerate(rows)]
            prev_table = item
            continue
        if id(item) in notes:
            if not pending or _NOTE_START.match(item.text) or item.page != pending[-1][-1].page:
                pending.append([item])
            else:
                pending[-1].append(item)
            continue
        line = _strip_bullet(item, furniture)
        if line is None:
            continue
        for r in references.get(line.page, ()):
            if line.top - 2 <= r.y <= line.bottom + 1 and line.x0 <= r.x <= line.x1 + 10:
                cited[r.text] = (line.page, line.number)
        opens = not current or _breaks(current[-1], line, gap, styled, alone=len(current) == 1)
        split = split_run_in(line, body_bold) if opens else None
        if split is not None:
            lead, line = split
            flush()
            current.append(lead)
        if current and _breaks(current[-1], line, gap, styled, alone=len(current) == 1):
            flush()
        current.append(line)
        prev_table = None
    flush()
    return [b for b in blocks if b.text], furniture


def _note_block(b: Block, cited: Mapping[str, tuple[int, int]]) -> Block:
    """A footnote, marked as a note, tied to the line that cites it, without its number (a renumbered
    note is no change)."""
    m = _NOTE_START.match(b.text)
    if not m or m.end() >= len(b.text):
        return dataclasses.replace(b, role="note")
    cut = m.end()
    marks = tuple((max(off - cut, 0), page, line) for off, page, line in b.marks)
    return dataclasses.replace(b, text=b.text[cut:], marks=marks, role="note", anchor=cited.get(m.group(1)))


MAX_RUN_IN_WORDS = 25  # the longest run-in heading seen in the corpus has 11 words


def _bold_lead(line: Line, body_bold: bool) -> int:
    """How many words of bold type open the line, when body text runs on after them (0 if none do)."""
    if body_bold or line.bulleted:
        return 0
    k = 0
    while k < len(line.words) and line.words[k].bold:
        k += 1
    return k if k < len(line.words) else 0


def split_run_in(line: Line, body_bold: bool) -> tuple[Line, Line] | None:
    """A run-in heading: two bold words or more that open the line and end with a full stop, with body
    text running on after them on the same line (`Step 6: Determine, Analyze, and Prioritize Gaps. The
    organization compares ...`), split off as a line of its own. Not in a bulleted item, nor where the
    body itself is bold."""
    k = _bold_lead(line, body_bold)
    if k < 2 or k > MAX_RUN_IN_WORDS or not line.words[k - 1].text.endswith("."):
        return None
    if line.words[k].text[:1].islower():
        return None  # a bold phrase running into its own sentence, not a heading before a new one
    return (Line(line.words[:k], line.page, line.column, line.col_x0, line.col_x1, number=line.number, run_in=True),
            Line(line.words[k:], line.page, line.column, line.col_x0, line.col_x1, number=line.number))


def labelled(line: Line, body_bold: bool) -> bool:
    """A line that opens with a bold term or label and a colon, its definition or value running on after
    it (`Client Device: A system used by ...`, `Date of Incident: 01/09/2015`): body text, whatever
    type most of it is set in. (Every such lead-in in the corpus is a glossary term or a form's label.)"""
    k = _bold_lead(line, body_bold)
    return k > 0 and line.words[k - 1].text.endswith(":")


_NOTE_START = re.compile(r"^(\d{1,3}|[*†‡§¶]+)[.)]?\s")


def footnote_lines(flow: Sequence[Flow], body_size: float) -> set[int]:
    """Ids of footnote lines: the run of small-type lines below all body text at a page's foot."""
    by_page: dict[int, list[Line]] = {}
    for f in flow:
        if isinstance(f, Line):
            by_page.setdefault(f.page, []).append(f)
    notes: set[int] = set()
    for lines in by_page.values():
        body = [ln for ln in lines if ln.size > body_size - 1.0]
        if not body:
            continue
        floor = max(ln.bottom for ln in body)
        small = [ln for ln in lines if ln.size <= body_size - 1.0 and ln.top >= floor]
        if small and any(_NOTE_START.match(ln.text) for ln in small):
            notes.update(id(ln) for ln in small)
    return notes


def _strip_bullet(line: Line, furniture: list[Furniture]) -> Line | None:
    """Drop a bullet glyph that starts a line (layout), remembering that it started an item."""
    words = line.words
    if words and is_bullet(words[0].text, words[0].fontname) and (len(words) > 1 or words[0].text != "-"):
        furniture.append(Furniture(line.page, "bullet", words[0].text))
        words = words[1:]
        if not words:
            return None
        return Line(words, line.page, line.column, line.col_x0, line.col_x1, bulleted=True, number=line.number)
    return line


def _breaks(prev: Line, line: Line, normal_gap: float, styled, alone: bool = False) -> bool:
    if line.bulleted:
        return True
    if styled(prev) != styled(line):
        return True
    label = parse_label(line.text)
    if TOC_LINE.search(prev.text):
        return True
    size = max(line.size, 1.0)
    same_flow = prev.page == line.page and prev.column == line.column and line.top > prev.top
    ended = prev.text.rstrip("\"'”’)").endswith(_TERMINAL)
    starts_new = line.text[:1].isupper() or line.text[:1] in "\"“(" or label is not None
    if styled(prev):
        # a heading wraps onto the next line unless that line starts a heading of its own
        if label is not None or not same_flow:
            return True
        return line.top - prev.bottom > max(normal_gap, 0.0) + 0.5 * size
    width = max(prev.col_x1 - prev.col_x0, 1.0)
    short = prev.x1 < prev.col_x1 - max(0.1 * width, 3 * size)
    indented = line.x0 > (prev.x0 if same_flow else line.col_x0) + 0.6 * size
    if same_flow and line.top - prev.bottom > normal_gap + 0.3 * size:
        return True
    if label is not None and ended:
        return True
    if not same_flow and alone and short and starts_new and titled(prev.text):
        return True  # a numbered title in body type that ends a page heads what follows, not joins it
    # a new sentence on an indented line, or after a short last line, starts a paragraph;
    # otherwise the paragraph goes on, also across a column or page break
    return ended and starts_new and (indented or short)


def _normal_gap(lines: Sequence[Line]) -> float:
    gaps = [
        b.top - a.bottom
        for a, b in zip(lines, lines[1:], strict=False)
        if a.page == b.page and a.column == b.column and b.top > a.top and abs(a.size - b.size) < 0.5
    ]
    gaps = [g for g in gaps if -5 < g < 50]
    return statistics.median(gaps) if gaps else 2.0


def _vocabulary(lines: Sequence[Line]) -> frozenset[str]:
    """Words of the document, leaving out the halves of words broken at line ends."""
    words: list[str] = []
    broken_next = False
    for ln in lines:
        ws = [w.text for w in ln.words]
        if broken_next and ws:
            ws = ws[1:]
        broken_next = bool(ws) and ws[-1].endswith(("-", "\u2010", "\u00ad"))
        if broken_next:
            ws = ws[:-1]
        words += ws
    return vocabulary(normalize(w) for w in words)


def _text_block(lines: Sequence[Line], vocab: frozenset[str], is_styled: bool) -> Block:
    text = close_hyphen_gaps(collapse(normalize(join_lines([ln.text for ln in lines], vocab))))
    first = lines[0]
    width = max(first.col_x1 - first.col_x0, 1.0)
    short = len(lines) == 1 and first.x1 < first.col_x1 - 0.1 * width
    return Block(text, first.page, "text", is_styled, first.size, first.bold, short, len(lines),
                 line_marks(text, lines), role="caption" if CAPTION.match(text) else "",
                 font=font_family(first.fontname), bulleted=first.bulleted)


def line_marks(text: str, lines: Sequence[Line]) -> tuple[tuple[int, int, int], ...]:
    """Where each printed line starts in the paragraph's text, with its page and line (a line not found
    keeps the place of the line before it)."""
    marks = []
    at = 0
    for ln, off in zip(lines, line_offsets(text, [normalize(ln.text) for ln in lines]), strict=True):
        at = off if off is not None else at
        marks.append((at, ln.page, ln.number))
    return tuple(marks)


def _continued(row: Sequence[str]) -> bool:
    """A table row that goes on from the row a page break cut: its first cell is empty, or every
    cell it has picks up mid-sentence (in lower case)."""
    filled = [c for c in row if c]
    return bool(filled) and (not row[0] or all(c[:1].islower() for c in filled))


def _cells(row_text: str) -> list[str]:
    return row_text.split(" | ")


def _row_text(cells: Sequence[str]) -> str:
    return " | ".join(cells)


def _clean_cells(cells: Sequence[str], vocab: frozenset[str]) -> list[str]:
    return [collapse(normalize(join_lines(c.split("\n"), vocab))) for c in cells]


def _merge_rows(prev: list[str], cont: Sequence[str], vocab: frozenset[str]) -> list[str]:
    out = list(prev) + [""] * max(0, len(cont) - len(prev))
    for i, cell in enumerate(cont):
        if cell:
            out[i] = collapse(normalize(join_lines([out[i], *cell.split("\n")], vocab)))
    return out


def _continues(prev: TableBlock, cur: TableBlock, blocks: Sequence[Block]) -> bool:
    """A table that picks up where the previous one (the last thing read) left off."""
    width = lambda t: max(len(r) for r in t.table.rows)  # noqa: E731
    return bool(blocks) and blocks[-1].kind == "row" and width(prev) == width(cur)
