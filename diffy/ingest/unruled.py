"""Tables drawn without rules, found from how their text lines up.

Word processors and web pages often set tables with no lines at all. Read line
by line, such a table interleaves its cells ("Cooperation in Relief activities
and Carrying relief workers"); read as columns, it loses its rows. A run of
page rows is a table when

- two or more vertical strips (gutters) run through all of it, each with text
  on both sides and an aligned column edge beside it, and text across each
  stands further apart than words do (a river of spaces through justified
  prose, or the grid of a monospaced font, has neither); three columns at least,
  as two side by side are as often prose or notes in a margin;
- it falls into at least three table rows, each starting where whitespace
  crosses every column or where cells of two columns start together on one
  baseline, and nearly every gap inside a column falls where a row starts (in
  columns of prose a paragraph break in one column rarely meets one in the
  other);
- in some table row two or more cells wrap onto several lines, so reading line
  by line would mix them (a list with hanging labels never does), and cells are
  short (five lines or fewer at the median).

Leading and trailing table rows with a single cell are left to the text around
the table (a short line of prose just above it, say). A table that ends a page
may go on at the top of the next (`continuation`).
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Sequence

from diffy.model import TableGrid, Word

Strip = tuple[float, float]
Edges = tuple[list[float], list[float]]  # a row's word starts and word ends, each sorted


def find_unruled_tables(rows: Sequence[list[Word]], size: float,
                        carry: tuple[float, ...] = ()) -> tuple[list[list[Word]], list[TableGrid]]:
    """The page rows left once unruled tables are taken out, and those tables (rows in page order).

    `carry`: the column boundaries of an unruled table that ended the page before.
    """
    keep: list[list[Word]] = []
    tables: list[TableGrid] = []
    if carry:
        rows, top = continuation(rows, carry, size)
        tables += [top] if top is not None else []
    edges = [_edges(r) for r in rows]
    i = 0
    while i < len(rows):
        end, gutters = _grow(rows, edges, i, size)
        if end - i < 3 or not gutters or len(_grow(rows, edges, i + 1, size)[1]) > len(gutters):
            keep.append(rows[i])  # no table here, or a short line just above one hides its gutters
            i += 1
            continue
        two = len(gutters) == 1 and _terms(_columns(rows[i:end], _bounds(gutters)))  # a definition list
        found = _table(rows[i:end], gutters, size) if len(gutters) >= 2 or two else None
        if found is None:  # not a table, and none starts inside the run either
            keep.extend(rows[i:end])
            i = end
            continue
        grid, first, last = found
        keep.extend(rows[i:i + first])
        tables.append(grid)
        keep.extend(rows[i + last:end])
        i = end
    return keep, tables


def _free(strips: list[Strip], row: Sequence[Word], min_width: float) -> list[Strip]:
    """The parts of `strips` that no word of `row` (left to right) crosses, at least `min_width` wide."""
    out = []
    for a, b in strips:
        pos = a
        for w in row:
            if w.x0 >= b:
                break
            if w.x1 <= pos:
                continue
            if w.x0 - pos >= min_width:
                out.append((pos, w.x0))
            pos = max(pos, w.x1)
        if b - pos >= min_width:
            out.append((pos, b))
    return out


def _grow(rows: Sequence[list[Word]], edges: Sequence[Edges], i: int, size: float) -> tuple[int, list[Strip]]:
    """How far a run of rows from `i` keeps the gutters it has established, and those gutters.

    A strip is established once two rows have text on each side of it and two rows have a word
    starting at its right edge or ending at its left edge (a column's aligned side; a space
    between words has neither). An established gutter that a longer line narrows stays established
    while it keeps one of its edges. The run ends at the first row after which no gutter is
    established at half a line's height wide or more (a line of prose crossing the table leaves
    slivers at most); a gutter a row closes while others stand was a space between words that
    happened to line up (repeated cell text), and is dropped.
    """
    left = min(w.x0 for r in rows for w in r)
    right = max(w.x1 for r in rows for w in r)
    strips: list[Strip] = [(left, right)]
    established: list[Strip] = []
    end = i
    for k in range(i, len(rows)):
        nxt = _free(strips, rows[k], 0.25 * size)
        if not nxt:
            break  # nothing left that could become a gutter
        now = [(a, b) for a, b in nxt if a > left and b < right and (
            any(abs(a - e0) < 0.5 or abs(b - e1) < 0.5 for e0, e1 in established)  # narrowed, edge kept
            or _established(edges[i:k + 1], a, b))]
        if established and not any(b - a >= 0.5 * size for a, b in now):
            break  # the row crosses every column edge (or leaves a sliver): the table has ended
        strips, established, end = nxt, now, k + 1
    return end, established


def _crossing(run: Sequence[list[Word]], a: float, b: float) -> float:
    """The median distance between the text either side of a gutter, over rows with text on both."""
    gaps = []
    for r in run:
        before = [w.x1 for w in r if w.x1 <= a + 0.5]
        after = [w.x0 for w in r if w.x0 >= b - 0.5]
        if before and after:
            gaps.append(min(after) - max(before))
    return statistics.median(gaps) if gaps else 0.0


def _edges(row: Sequence[Word]) -> Edges:
    return sorted(w.x0 for w in row), sorted(w.x1 for w in row)


def _established(run: Sequence[Edges], a: float, b: float) -> bool:
    """Two rows have text each side of the strip, and two a word starting at its right edge or two a
    word ending at its left edge."""
    left = right = starting = ending = 0
    for starts, ends in run:
        left += ends[0] <= a
        right += starts[-1] >= b
        starting += _near(starts, b)
        ending += _near(ends, a)
        if left >= 2 and right >= 2 and (starting >= 2 or ending >= 2):
            return True
    return False


def _near(xs: list[float], x: float) -> bool:
    k = bisect.bisect_left(xs, x - 1.5)
    return k < len(xs) and xs[k] <= x + 1.5


def _lines(words: list[Word]) -> list[list[Word]]:
    """Words of one column grouped into lines, each left to right."""
    out: list[list[Word]] = []
    bottom = 0.0
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        if out and w.top < bottom - 0.5 * (w.bottom - w.top):
            out[-1].append(w)
            bottom = max(bottom, w.bottom)
        else:
            out.append([w])
            bottom = w.bottom
    return [sorted(ln, key=lambda w: w.x0) for ln in out]


def _aligned(lines: list[list[Word]]) -> bool:
    """Most lines of a column start (or end) at the same x, as a table column's do."""
    for edge in ([ln[0].x0 for ln in lines], [ln[-1].x1 for ln in lines]):
        common = max(sum(1 for x in edge if abs(x - e) <= 1.5) for e in edge) if edge else 0
        if common >= 0.7 * len(edge):
            return True
    return False


def _span(line: list[Word]) -> Strip:
    return min(w.top for w in line), max(w.bottom for w in line)


def _columns(run: Sequence[list[Word]], bounds: Sequence[float]) -> list[list[list[Word]]]:
    """The run's lines in each column between the boundaries."""
    columns: list[list[Word]] = [[] for _ in range(len(bounds) + 1)]
    for r in run:
        for w in r:
            columns[sum(1 for g in bounds if (w.x0 + w.x1) / 2 > g)].append(w)
    return [_lines(c) for c in columns]


def _table(run: Sequence[list[Word]], gutters: list[Strip], size: float) -> tuple[TableGrid, int, int] | None:
    """The run read as a table, with the first and last page rows it uses, or None."""
    spaces = [b.x0 - a.x1 for lines in _columns(run, _bounds(gutters)) for ln in lines
              for a, b in zip(ln, ln[1:], strict=False)]
    space = statistics.median(spaces) if spaces else 0.0
    if spaces:  # across a gutter, text stands further apart than words do; across a river through
        # prose (or the grid of a monospaced font) it stands one space apart
        gutters = [(a, b) for a, b in gutters if _crossing(run, a, b) >= 1.5 * space]
    bounds = _bounds(gutters)
    col_lines = _columns(run, bounds)
    terms = len(col_lines) == 2 and _terms(col_lines)
    if len(col_lines) < 3 and not terms:
        return None  # two columns side by side are as often prose, or notes in a margin
    if not all(_aligned(lines) for lines in col_lines[1:]):
        return None  # a river of spaces through justified prose, not a column edge
    # the normal space between lines (in a definition list, between the lines of the definitions: its
    # few, short terms stand as far apart as the entries do)
    gaps = [_span(b)[0] - _span(a)[1] for lines in (col_lines[1:] if terms else col_lines)
            for a, b in zip(lines, lines[1:], strict=False)]
    if not gaps:
        return None
    threshold = statistics.median(gaps) + 0.2 * size
    starts, table = _cut(col_lines, threshold, size)
    if terms and len(starts) < 2:  # a list of one-line entries set without space between them
        starts, table = _term_rows(col_lines, size)
    breaks = [(_span(a)[1], _span(b)[0]) for lines in col_lines for a, b in zip(lines, lines[1:], strict=False)
              if _span(b)[0] - _span(a)[1] > threshold]
    tol = 0.3 * size
    on_row = sum(1 for b0, b1 in breaks if any(b0 - tol <= r <= b1 + tol for r in starts))
    if len(starts) < 2 or on_row < 0.8 * len(breaks):
        return None
    if not terms and not any(sum(1 for cell in row if len(cell) > 1) >= 2 for row in table):
        return None  # read line by line, no two cells would mix
    if statistics.median(len(cell) for row in table for cell in row if cell) > 5:
        return None  # a table's cells are short; paragraphs side by side are columns of prose
    filled = [k for k, row in enumerate(table) if sum(1 for cell in row if cell) > 1 and not _prose(row, space)]
    first_row, last_row = filled[0], filled[-1]
    if last_row - first_row < 2:
        return None
    first = _row_index(run, table, first_row, first=True)
    last = _row_index(run, table, last_row, first=False)
    return _grid(table[first_row:last_row + 1], bounds), first, last


TERM_COLUMN_SHARE = 0.4  # a definition list's terms take at most this share of its width


def _terms(col_lines: list[list[list[Word]]]) -> bool:
    """Two columns that are a definition list (a glossary, a list of acronyms): a narrow left column
    of terms, every word of it bold, beside definitions in body type."""
    left = [w for ln in col_lines[0] for w in ln]
    right = [w for ln in col_lines[1] for w in ln]
    if not left or not right or not all(w.bold for w in left) or sum(w.bold for w in right) > 0.2 * len(right):
        return False
    if sum(sum(ch.isalpha() for ch in w.text) >= 2 for w in left) < 0.5 * len(left):
        return False  # numbers beside entries (a contents page), not terms
    x0, x1 = min(w.x0 for w in left + right), max(w.x1 for w in left + right)
    return max(w.x1 for w in left) - x0 <= TERM_COLUMN_SHARE * (x1 - x0)


def _term_rows(col_lines: list[list[list[Word]]], size: float) -> tuple[list[float], list]:
    """A definition list's rows when nothing but the terms shows where they start: a row at every term
    line that begins on the baseline of a definition line."""
    tol = 0.3 * size
    tops = [_span(ln)[0] for ln in col_lines[1]]
    starts = [t for ln in col_lines[0][1:] if any(abs((t := _span(ln)[0]) - d) <= tol for d in tops)]
    return starts, _rows_at(col_lines, starts, tol)


def _prose(row: list[list[list[Word]]], space: float) -> bool:
    """A row that is one line of text a gutter happens to cross between two words (the last line
    of a paragraph just above a table, say)."""
    cells = [cell for cell in row if cell]
    tops = [_span(c[0])[0] for c in cells]
    if any(len(cell) > 1 for cell in cells) or max(tops) - min(tops) > 1:
        return False
    return all(b[0][0].x0 - a[0][-1].x1 < 1.5 * space for a, b in zip(cells, cells[1:], strict=False))


def continuation(rows: Sequence[list[Word]], bounds: tuple[float, ...],
                 size: float) -> tuple[list[list[Word]], TableGrid | None]:
    """The top of a page read with the columns of the table that ended the page before.

    The rows that cross no column boundary, if they fill two columns or more (a heading alone
    fits in the first column and is not taken), are the table's continuation: the rest of a row
    the page break cut, a repeated header, further rows.
    """
    n = 0
    while n < len(rows) and not any(w.x0 < x - 1 and w.x1 > x + 1 for w in rows[n] for x in bounds):
        n += 1
    col_lines = _columns(rows[:n], bounds)
    if sum(1 for lines in col_lines if lines) < 2:
        return list(rows), None
    gaps = [_span(b)[0] - _span(a)[1] for lines in col_lines for a, b in zip(lines, lines[1:], strict=False)]
    _, table = _cut(col_lines, (statistics.median(gaps) if gaps else 0.0) + 0.2 * size, size)
    return list(rows[n:]), _grid(table, bounds)


def _bounds(gutters: Sequence[Strip]) -> tuple[float, ...]:
    return tuple(sorted((a + b) / 2 for a, b in gutters))


def _cut(col_lines: list[list[list[Word]]], threshold: float,
         size: float) -> tuple[list[float], list[list[list[list[Word]]]]]:
    """Where table rows start (after the first), and the rows: each a list of cells, each cell a
    list of lines.

    A row starts where whitespace crosses every column, or where cells in two columns or more
    start on the same line after a gap in their columns and no line of any column runs across
    (cells set on one baseline grid with no space between rows, as TeX sets them).
    """
    spans = sorted(_span(ln) for lines in col_lines for ln in lines)
    starts: list[float] = []
    reach = spans[0][1]
    for top, bottom in spans[1:]:
        if top - reach > threshold:
            starts.append(top)
        reach = max(reach, bottom)
    tol = 0.3 * size
    fresh = [_span(ln)[0] for lines in col_lines for k, ln in enumerate(lines)
             if k and _span(ln)[0] - _span(lines[k - 1])[1] > threshold]
    for y in sorted(set(fresh)):
        if any(abs(y - r) <= tol for r in starts) or sum(1 for f in fresh if abs(f - y) <= tol) < 2:
            continue
        if not any(t < y - tol and b > y + tol for t, b in spans):
            starts.append(y)
    starts.sort()
    return starts, _rows_at(col_lines, starts, tol)


def _rows_at(col_lines: list[list[list[Word]]], starts: list[float], tol: float) -> list[list[list[list[Word]]]]:
    """The columns' lines cut into table rows at `starts`: each row a list of cells, each a list of lines."""
    table: list[list[list[list[Word]]]] = [[[] for _ in col_lines] for _ in range(len(starts) + 1)]
    for c, lines in enumerate(col_lines):
        for ln in lines:
            table[sum(1 for r in starts if _span(ln)[0] >= r - tol)][c].append(ln)
    return table


def _grid(table: list[list[list[list[Word]]]], bounds: tuple[float, ...]) -> TableGrid:
    words = [w for row in table for cell in row for ln in cell for w in ln]
    cells = tuple(tuple("\n".join(" ".join(w.text for w in ln) for ln in cell) for cell in row) for row in table)
    bbox = (min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words),
            max(w.bottom for w in words))
    return TableGrid(bbox, cells, bounds)


def _row_index(run: Sequence[list[Word]], table, k: int, *, first: bool) -> int:
    """Page rows before table row k (first=True), or up to and including it (first=False)."""
    ids = {id(w) for cell in table[k] for ln in cell for w in ln}
    hits = [n for n, r in enumerate(run) if any(id(w) in ids for w in r)]
    return hits[0] if first else hits[-1] + 1
