"""Page layout: words → rows → page furniture removed → columns → lines in reading order.

Pure functions over `Page` objects; nothing here knows about pdfplumber.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from diffy.ingest.headings import parse_label
from diffy.ingest.unruled import find_unruled_tables
from diffy.model import Furniture, Line, Page, TableGrid, Word

EDGE_ZONE = 0.10  # top and bottom tenth of a page may hold running headers and footers
EDGE_ROWS = 3  # at most this many rows from each edge are furniture candidates
NUMBER_ZONE = 0.15  # a page's first or last row within this share of the height may be its page number
CONTINUED = re.compile(r"^\(?\s*(cont(inued|['’]d|\.)?)(\s+(on|from)\s+(the\s+)?(next|previous|following)\s+page)?"
                       r"\s*\)?\.?$", re.I)  # "(Cont'd on next page)", "(continued)", "Continued on next page"

BULLETS = frozenset("•◦▪▫■□●○◆◇►▸‣⁃∙·*➢✓✔-–—!")  # "!": a Wingdings bullet read as text


_BULLET_BLOCKS = ((0x2190, 0x21FF), (0x25A0, 0x25FF), (0x2600, 0x27BF), (0x2B00, 0x2BFF),  # arrows, shapes,
                  (0xE000, 0xF8FF))  # dingbats; private use, where symbol fonts (Wingdings, Symbol) put bullets


STRIP_SHARE = 0.9  # pieces of a strip that are labels or bullets, for it to be no column of text
_DINGBAT_FONT = re.compile(r"wingdings|webdings|dingbats", re.I)


def is_bullet(token: str, fontname: str = "") -> bool:
    """A glyph that marks a list item: a bullet sign, an arrow, a shape or dingbat, a private-use
    character (a symbol font's bullet, e.g. U+F0B7, U+F03C), or any one glyph set in a dingbat font
    (Wingdings' arrow is an `h`, Wingdings 2's square a `¢`, as extracted); not a sign such as © or °."""
    if len(token) != 1:
        return False
    return token in BULLETS or any(a <= ord(token) <= b for a, b in _BULLET_BLOCKS) or \
        bool(fontname and _DINGBAT_FONT.search(fontname))

_PAGE_NUMBER = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^[\s\-–—|]*(page|p\.|pg\.?)?\s*\d{1,4}[\s\-–—|]*$",
        r"^[\s\-–—|]*[ivxlcdm]{1,7}[\s\-–—|]*$",
        r"^(page\s+)?\d{1,4}\s*(of|/)\s*\d{1,4}$",
        r"^.{0,80}\bpage\s+\d{1,4}(\s*(of|/)\s*\d{1,4})?$",
        r"^page\s+\d{1,4}(\s*(of|/)\s*\d{1,4})?\b.{0,80}$",
    )
]


@dataclass(frozen=True, slots=True)
class TableBlock:
    """A ruled table in the reading flow."""

    table: TableGrid
    page: int
    column: int
    number: int = 0  # the page line its first row is counted as

    @property
    def top(self) -> float:
        return self.table.bbox[1]


Flow = Line | TableBlock


def is_page_number(text: str) -> bool:
    text = text.strip()
    return bool(text) and len(text) <= 120 and any(p.match(text) for p in _PAGE_NUMBER)


# ------------------------------------------------------------------ rows
def group_rows(words: Sequence[Word]) -> list[list[Word]]:
    """Group words into rows of vertically overlapping words, each sorted left to right."""
    rows: list[list[Word]] = []
    spans: list[tuple[float, float]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        h = max(w.bottom - w.top, 0.1)
        placed = False
        for i in range(len(rows) - 1, max(-1, len(rows) - 4), -1):
            top, bottom = spans[i]
            overlap = min(bottom, w.bottom) - max(top, w.top)
            if overlap >= 0.5 * min(h, bottom - top):
                rows[i].append(w)
                spans[i] = (min(top, w.top), max(bottom, w.bottom))
                placed = True
                break
        if not placed:
            rows.append([w])
            spans.append((w.top, w.bottom))
    for r in rows:
        r.sort(key=lambda w: w.x0)
    return rows


def row_text(row: Sequence[Word]) -> str:
    return " ".join(w.text for w in row)


# ------------------------------------------------------------------ furniture
def _signature(text: str) -> str:
    t = re.sub(r"\d+", "#", text.lower())
    t = re.sub(r"\b[ivxlcdm]{1,7}\b", "#", t)
    return re.sub(r"\s+", " ", t).strip()


def find_furniture(pages: Sequence[Page], rows_by_page: Sequence[list[list[Word]]]):
    """Return (ids of furniture words, Furniture records).

    A row near the top or bottom edge of a page is furniture when it is a page
    number in any common style, or when the same text (digits ignored) stands
    near the same edge on enough pages: running headers and footers, also those
    that differ between odd and even pages.
    """
    candidates: list[tuple[int, str, list[Word]]] = []  # (page index, zone, row)
    for i, (page, rows) in enumerate(zip(pages, rows_by_page, strict=True)):
        ordered = sorted(rows, key=lambda r: min(w.top for w in r))
        top = [r for r in ordered[:EDGE_ROWS] if max(w.bottom for w in r) <= page.height * EDGE_ZONE]
        bottom = [r for r in ordered[-EDGE_ROWS:] if min(w.top for w in r) >= page.height * (1 - EDGE_ZONE)]
        # a page number alone on the page's first or last row may stand further in (Word often sets it
        # at 89 % of the height, below the last line of text)
        if ordered and not top and min(w.top for w in ordered[0]) <= page.height * NUMBER_ZONE and \
                is_page_number(row_text(ordered[0])):
            top = [ordered[0]]
        if ordered and not bottom and max(w.bottom for w in ordered[-1]) >= page.height * (1 - NUMBER_ZONE) and \
                is_page_number(row_text(ordered[-1])) and ordered[-1] is not (top[0] if top else None):
            bottom = [ordered[-1]]
        for r in ordered[-EDGE_ROWS:]:  # "(Cont'd on next page)" at the foot, wherever it stands
            if CONTINUED.match(row_text(r)) and not any(r is b for b in bottom):
                bottom.append(r)
        candidates += [(i, "header", r) for r in top]
        candidates += [(i, "footer", r) for r in bottom if not any(r is t for t in top)]
    seen: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i, zone, row in candidates:
        seen[(zone, _signature(row_text(row)))].add(i)
    needed = max(2, math.ceil(0.3 * len(pages)))
    ids: set[int] = set()
    records = []
    for i, zone, row in candidates:
        text = row_text(row)
        if is_page_number(text):
            kind = "page-number"
        elif CONTINUED.match(text):
            kind = "continued"
        elif len(seen[(zone, _signature(text))]) >= needed:
            kind = zone
        else:
            continue
        ids.update(id(w) for w in row)
        records.append(Furniture(pages[i].number, kind, text))
    return ids, records


# ------------------------------------------------------------------ columns
def find_gutters(rows: Sequence[Sequence[Word]], size: float) -> list[tuple[float, float]]:
    """Vertical strips that separate text columns on a page, left to right."""
    if len(rows) < 6:
        return []
    x_min = min(w.x0 for r in rows for w in r)
    x_max = max(w.x1 for r in rows for w in r)
    width = int(x_max - x_min) + 1
    if width < 100:
        return []
    delta = [0] * (width + 2)
    for r in rows:
        spans = sorted((int(w.x0 - x_min), int(w.x1 - x_min) + 1) for w in r)
        start, end = spans[0]
        for a, b in spans[1:]:
            if a > end:
                delta[start] += 1
                delta[end] -= 1
                start, end = a, b
            else:
                end = max(end, b)
        delta[start] += 1
        delta[end] -= 1
    cover = []
    running = 0
    for x in range(width + 1):
        running += delta[x]
        cover.append(running)
    limit = max(1, 0.2 * len(rows))
    min_width = max(6.0, 0.8 * size)
    gutters = []
    low_from: int | None = None
    for x in range(width + 1):
        low = cover[x] <= limit
        if low and low_from is None:
            low_from = x
        if (not low or x == width) and low_from is not None:
            if x - low_from >= min_width and low_from > 0.1 * width and x < 0.9 * width:
                gutters.append((x_min + low_from, x_min + x))
            low_from = None
    gutters = [g for g in gutters if _both_sides_used(rows, g)]
    return _text_columns(gutters, rows, x_min, x_max)


def _text_columns(gutters: list[tuple[float, float]], rows: Sequence[Sequence[Word]], x_min: float,
                  x_max: float) -> list[tuple[float, float]]:
    """The gutters left once no column between them is a mere strip of numbering labels or bullets
    beside the text (a contents page's or a hanging layout's "1.1", "2.2.1", "A.", "•"), which is read
    with the line it stands on. One piece in ten may be something else (a page number in the header)."""
    gutters = list(gutters)
    while gutters:
        edges = [x_min] + [v for g in gutters for v in g] + [x_max]
        strips = []
        for k in range(len(gutters) + 1):
            lo, hi = edges[2 * k], edges[2 * k + 1]
            pieces = [inside for r in rows if (inside := [w for w in r if w.x0 >= lo - 1 and w.x1 <= hi + 1])]
            if pieces and sum(map(_label_or_bullet, pieces)) >= STRIP_SHARE * len(pieces):
                strips.append(k)
        if not strips:
            break
        del gutters[min(strips[0], len(gutters) - 1)]
    return gutters


def _label_or_bullet(words: Sequence[Word]) -> bool:
    """A label, a bullet, or a short word that starts a line and stands left of the gutter only because
    the items of the list around it are indented past their labels ("Il", "la")."""
    if len(words) == 1 and (is_bullet(words[0].text, words[0].fontname) or
                            (len(words[0].text) <= 2 and words[0].text.isalpha())):
        return True
    label = parse_label(" ".join(w.text for w in words))
    return label is not None and not label.rest


def _both_sides_used(rows, gutter) -> bool:
    left = sum(1 for r in rows if any(w.x1 <= gutter[0] + 1 for w in r))
    right = sum(1 for r in rows if any(w.x0 >= gutter[1] - 1 for w in r))
    return left >= 3 and right >= 3


def _spans(row: Sequence[Word], gutters) -> bool:
    return any(w.x0 < g0 - 1 and w.x1 > g1 + 1 for w in row for g0, g1 in gutters)


def _column_of(w: Word, gutters) -> int:
    centre = (w.x0 + w.x1) / 2
    return sum(1 for g0, g1 in gutters if centre > (g0 + g1) / 2)


# ------------------------------------------------------------------ reading order
def page_flow(page: Page, rows: list[list[Word]], body_size: float, carry: tuple[float, ...] = ()) -> list[Flow]:
    """Lines and tables of one page in reading order (columns left to right within bands).

    `carry`: the column boundaries of an unruled table that ended the page before.
    """
    rows, unruled = find_unruled_tables(rows, body_size, carry)
    tables = list(page.tables) + unruled
    gutters = find_gutters(rows + _table_rows(tables, body_size), body_size)
    items: list[tuple[float, list[Word] | TableGrid]] = [(min(w.top for w in r), r) for r in rows]
    items += [(t.bbox[1], t) for t in tables]
    items.sort(key=lambda it: it[0])
    flow: list[Flow] = []
    band: list[list[Word] | TableGrid] = []

    def flush() -> None:
        if not band:
            return
        columns: dict[int, list] = defaultdict(list)
        for it in band:
            if isinstance(it, TableGrid):
                col = _column_of(Word("", it.bbox[0], it.bbox[2], 0, 0), gutters)
                columns[col].append(it)
            else:
                for w in it:
                    columns[_column_of(w, gutters)].append(w)
        for col in sorted(columns):
            members = columns[col]
            ws = [m for m in members if isinstance(m, Word)]
            parts: list[tuple[float, Flow]] = []
            lines = [Line(tuple(r), page.number, col) for r in group_rows(ws)]
            if lines:
                x0, x1 = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
                lines = [Line(ln.words, ln.page, col, x0, x1) for ln in lines]
            parts += [(ln.top, ln) for ln in lines]
            parts += [(m.bbox[1], TableBlock(m, page.number, col)) for m in members if isinstance(m, TableGrid)]
            parts.sort(key=lambda p: p[0])
            flow.extend(p[1] for p in parts)
        band.clear()

    full_x0 = min((w.x0 for r in rows for w in r), default=0.0)
    full_x1 = max((w.x1 for r in rows for w in r), default=page.width)
    for _, it in items:
        if gutters and isinstance(it, list) and _spans(it, gutters):
            flush()
            flow.append(Line(tuple(it), page.number, -1, full_x0, full_x1))
        elif gutters and isinstance(it, TableGrid) and _table_spans(it, gutters):
            flush()
            flow.append(TableBlock(it, page.number, -1))
        else:
            band.append(it)
    flush()
    if not gutters:  # one column: every line shares the page's text box
        flow = [
            Line(f.words, f.page, 0, full_x0, full_x1) if isinstance(f, Line) else f for f in flow
        ]
    return flow


def _table_rows(tables: Sequence[TableGrid], size: float) -> list[list[Word]]:
    """Tables stand in for the rows of text they occupy when columns are found."""
    out = []
    step = max(size * 1.2, 1.0)
    for t in tables:
        x0, top, x1, bottom = t.bbox
        y = top
        while y < bottom:
            out.append([Word("", x0, x1, y, min(y + step, bottom))])
            y += step
    return out


def _table_spans(t: TableGrid, gutters) -> bool:
    return any(t.bbox[0] < g0 - 1 and t.bbox[2] > g1 + 1 for g0, g1 in gutters)


def _in_table(w: Word, tables: Sequence[TableGrid]) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return any(t.bbox[0] <= cx <= t.bbox[2] and t.bbox[1] <= cy <= t.bbox[3] for t in tables)


def body_font_size(pages: Sequence[Page]) -> float:
    sizes: Counter[float] = Counter()
    for p in pages:
        for w in p.words:
            sizes[round(w.size, 1)] += len(w.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _numbered(items: list[Flow]) -> list[Flow]:
    """A page's lines and tables numbered in reading order: a line counts one, a table one a row."""
    out: list[Flow] = []
    n = 1
    for f in items:
        out.append(dataclasses.replace(f, number=n))
        n += len(f.table.rows) if isinstance(f, TableBlock) else 1
    return out


def analyse(pages: Sequence[Page], body: float) -> tuple[list[Flow], list[Furniture]]:
    """The whole document's lines and tables in reading order, and what was removed as layout.

    `body` is the body-text font size (`body_font_size`).
    """
    rows_by_page = []
    for p in pages:
        words = [w for w in p.words if not _in_table(w, p.tables)] if p.tables else list(p.words)
        rows_by_page.append(group_rows(words))
    furniture_ids, furniture = find_furniture(pages, rows_by_page)
    furniture += [Furniture(p.number, "watermark", t) for p in pages for t in p.watermarks]
    furniture += [Furniture(p.number, "sideways", t) for p in pages for t in p.sideways]
    furniture += [Furniture(p.number, "note-mark", r.text) for p in pages for r in p.references]
    flow: list[Flow] = []
    carry: tuple[float, ...] = ()  # an unruled table may go on at the top of the next page
    for p, rows in zip(pages, rows_by_page, strict=True):
        kept = []
        for r in rows:
            r = [w for w in r if id(w) not in furniture_ids]
            if r:
                kept.append(r)
        items = _numbered(page_flow(p, kept, body, carry))
        last = items[-1] if items else None
        carry = last.table.columns if isinstance(last, TableBlock) else ()
        flow.extend(items)
    return flow, furniture
