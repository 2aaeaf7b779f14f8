"""Tables compared as tables: rows paired by content and key cell, changes reported inside cells.

A table is a run of a section's "row" paragraphs (cells joined by " | ", as
ingest writes them). What is layout, never content: the separators, empty
cells (a PDF table read with more column boundaries than it has columns),
spacing, bullet glyphs at the start of a cell, and how a cell's text wraps over
printed lines. So rows are read as *logical rows*: a printed row whose key cell
is empty (or, in a table keyed by identifiers such as `ID.AM-1` or `3.2`, does
not start with one) continues the row above it, and a cell's text is the text of
its column over all the row's lines.

Rows pair by identical content first, then by key (the row's identifier, else
its first cell, when it names one row on each side), then by word similarity.
A paired row out of order (not on every longest in-order run of paired rows, so
two swapped rows are both moved) is reported as moved; an unpaired row as added
or removed; a paired row whose cells differ gets word changes inside its cells,
each naming the row and the column (and the column's header where the table's
first row is one).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from diffy.comparison.diff import Change, Context, Token, change_id, fold, tokenize, word_changes
from diffy.comparison.order import not_on_every_lis
from diffy.comparison.paragraphs import Block, best_pairs

# a bullet glyph opening a cell: typographic bullets, and the private-use glyphs of Symbol and
# Wingdings fonts (U+F0B7 and friends) that PDFs print as bullets
BULLET = re.compile(r"(?:[\u2022\u2023\u2043\u2219\u25aa\u25ab\u25a0\u25a1\u25cf\u25cb\u25e6\u00b7\uf000-\uf0ff]"
                    r"|[-*\u2013\u2014](?=\s))\s*")
# a row identifier: `ID.AM-1`, `PR.AC-3`, `RS.AN-5`, `3.2.1`, `A.8.1.1`, `12`
KEY = re.compile(r"(?:[A-Z][A-Za-z]{0,5}[.\-])*[A-Z]{0,6}[.\-]?\d+(?:[.\-]\d+)*[a-z]?(?=$|[\s:.,)])")
KEY_SHARE = 0.2  # a column is the table's key column when this share of its rows (and 2) start with a key
ROW_MATCH = 0.5  # word similarity at which two rows are the same row, edited
HEADER_WORDS = 5  # a first row whose cells are all this short (and not keys) is the header
NAME_WORDS = 8
SEG = 4096  # segment numbers of cell fragments: paragraph × SEG + column


@dataclass(frozen=True, slots=True)
class Cell:
    text: str  # as printed, a bullet at its start left out
    start: int  # offsets of that text in the section's text
    end: int
    column: int  # 1-based, counting empty cells
    para: int  # the paragraph (printed row) it stands in


@dataclass(frozen=True, slots=True)
class Row:
    """A logical row: a printed row and the lines that continue it."""

    paras: tuple[int, ...]
    cells: tuple[Cell, ...]  # non-empty cells, column by column, line by line within a column
    name: str
    content: tuple[str, ...]  # each non-empty column's text, folded: what decides "the same row"
    groups: tuple[Cell, ...] = ()  # cells left of the key column: labels of a group of rows (see below)

    @property
    def words(self) -> list[str]:
        return [w for c in self.content for w in c.split()]

    @property
    def span(self) -> tuple[int, int]:
        return min(c.start for c in self.cells), max(c.end for c in self.cells)


@dataclass(frozen=True, slots=True)
class Table:
    """A table's logical rows. In a table keyed by identifiers in column k, the columns left of k
    hold labels of groups of rows (`Function`, `Category`), printed once over the rows they span
    and wrapped differently by each edition: they are compared as one text down the table, and
    the rows on the rest of their cells."""

    rows: tuple[Row, ...]
    header: tuple[str, ...]  # column names by column (1-based index - 1); empty if none
    key_column: int | None = None


def cells_of(text: str, base: int, para: int) -> list[Cell]:
    """The cells of a printed row whose text starts at `base` in the section's text."""
    out = []
    pos = 0
    for column, raw in enumerate(text.split("|"), start=1):
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        m = BULLET.match(body)
        if m:
            lead += m.end()
            body = body[m.end():]
        if body:
            start = base + pos + lead
            out.append(Cell(body, start, start + len(body), column, para))
        pos += len(raw) + 1
    return out


def _norm(text: str) -> str:
    return " ".join(fold(t.text) for t in tokenize(text) if not BULLET.fullmatch(t.text))


def _short(text: str) -> str:
    head = text.split(":", 1)[0].strip() if 0 < text.find(":") <= 60 else text
    words = head.split()
    return " ".join(words[:NAME_WORDS]) + (" …" if len(words) > NAME_WORDS else "")


def read_table(paragraphs: Sequence[str], starts: Sequence[int], indexes: Sequence[int]) -> Table:
    """The table made of paragraphs `indexes` (printed rows; `starts`: each paragraph's offset)."""
    lines = [cells_of(paragraphs[k], starts[k], k) for k in indexes]
    header: tuple[str, ...] = ()
    first = lines[0] if lines else []
    if len(lines) >= 2 and len(first) >= 2 and all(
            len(c.text.split()) <= HEADER_WORDS and not KEY.match(c.text) for c in first):
        names = {c.column: c.text for c in first}
        header = tuple(names.get(k, "") for k in range(1, max(names) + 1))
    key_col = _key_column(lines[1:] if header else lines)
    groups: list[list[list[Cell]]] = []
    for n, cells in enumerate(lines):
        if header and n == 0:
            groups.append([cells])
            continue
        if groups and not (header and len(groups) == 1) and cells and _continues(cells, key_col):
            groups[-1].append(cells)
        else:
            groups.append([cells])
    rows = []
    for n, group in enumerate(groups):
        every = sorted((c for line in group for c in line), key=lambda c: (c.column, c.para))
        if not every:
            continue
        is_header = bool(header) and n == 0
        cells = [c for c in every if is_header or key_col is None or c.column >= key_col]
        labels = [c for c in every if c not in cells]
        by_column: dict[int, list[str]] = defaultdict(list)
        for c in cells:
            by_column[c.column].append(_norm(c.text))
        content = tuple(" ".join(by_column[k]) for k in sorted(by_column))
        name = "header" if is_header else _name(group, key_col)
        rows.append(Row(tuple(sorted({c.para for c in every})), tuple(cells or labels), name, content,
                        tuple(labels) if cells else ()))
    return Table(tuple(rows), header, key_col)


def _key_column(lines: Sequence[Sequence[Cell]]) -> int | None:
    """The column whose cells start with row identifiers, if the table has one."""
    counts: Counter[int] = Counter(c.column for cells in lines for c in cells if KEY.match(c.text))
    if not counts:
        return None
    column, n = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return column if n >= max(2, KEY_SHARE * len(lines)) else None


def _continues(cells: Sequence[Cell], key_col: int | None) -> bool:
    """A printed row that carries on the row above it: no key of its own."""
    if key_col is None:
        return cells[0].column > 1
    own = next((c for c in cells if c.column == key_col), None)
    return own is None or not KEY.match(own.text)


def _name(group: Sequence[Sequence[Cell]], key_col: int | None) -> str:
    first = group[0]
    if key_col is not None:
        own = next((c for c in first if c.column == key_col), None)
        if own is not None and (m := KEY.match(own.text)):
            return m.group()
    return _short(first[0].text) if first else ""


def row_tokens(row: Row, text: str, cells: Sequence[Cell] | None = None) -> list[Token]:
    """The row's words (or those of `cells`), column by column; each cell fragment is a segment."""
    out: list[Token] = []
    for c in row.cells if cells is None else cells:
        out += [Token(t.text, t.start, t.end, c.para * SEG + c.column) for t in tokenize(text, c.start, c.end)
                if not BULLET.fullmatch(t.text)]
    return out


@dataclass(frozen=True, slots=True)
class TableDiff:
    changes: list[Change]
    blocks: list[Block]


def compare_tables(old: Table | None, new: Table | None, old_text: str, new_text: str, old_id: str | None,
                   new_id: str | None, seen: dict[str, int], context: Context) -> TableDiff:
    """Row by row: moved, added and removed rows, and word changes inside the cells of paired rows."""
    a = list(old.rows) if old else []
    b = list(new.rows) if new else []
    pairs = _pair_rows(a, b)
    by_old = sorted(pairs.items())
    moved = {by_old[k][0] for k in not_on_every_lis([j for _, j in by_old])}
    changes: list[Change] = []
    for i, j in by_old:
        r, s = a[i], b[j]
        if i in moved:
            (o0, o1), (n0, n1) = r.span, s.span
            changes.append(Change(change_id("move", old_text[o0:o1], new_text[n0:n1], r.name, s.name, seen), "move",
                                  old_text[o0:o1], new_text[n0:n1], o0, n0, old_id, new_id, row=s.name))
        if r.content != s.content:
            found = word_changes(old_text, new_text, row_tokens(r, old_text), row_tokens(s, new_text),
                                 seen=seen, context=context)
            changes += [_in_cell(c, r, s, old, new) for c in found]
    for i in range(len(a)):
        if i not in pairs:
            o0, o1 = a[i].span
            before, after = context(o0, o1)
            changes.append(Change(change_id("delete", old_text[o0:o1], "", before, after, seen), "delete",
                                  old_text[o0:o1], "", o0, _insertion_point(i, pairs, a, b, new_text),
                                  row=a[i].name))
    paired_new = set(pairs.values())
    for j in range(len(b)):
        if j not in paired_new:
            n0, n1 = b[j].span
            at = _old_point(j, pairs, a, b, old_text)
            before, after = context(at, at)
            changes.append(Change(change_id("insert", "", new_text[n0:n1], before, after, seen), "insert", "",
                                  new_text[n0:n1], at, n0, row=b[j].name))
    changes += _group_changes(a, b, old, new, old_text, new_text, seen, context)
    return TableDiff(changes, _row_blocks(a, b, pairs, moved))


def _group_changes(a: Sequence[Row], b: Sequence[Row], old: Table | None, new: Table | None, old_text: str,
                   new_text: str, seen: dict[str, int], context: Context) -> list[Change]:
    """The group labels (cells left of the key column) compared as one text down each table; each
    change is told by the row where it stands."""
    ta = [t for r in a for t in row_tokens(r, old_text, r.groups)]
    tb = [t for r in b for t in row_tokens(r, new_text, r.groups)]
    if not ta and not tb:
        return []
    where = {"old": _cell_owners(a, old), "new": _cell_owners(b, new)}
    out = []
    for c in word_changes(old_text, new_text, ta, tb, seen=seen, context=context):
        starts, owners = where["new"] if c.new else where["old"]
        k = bisect.bisect_right(starts, c.new_offset if c.new else c.old_offset) - 1
        row, cell, name = owners[k] if k >= 0 else (None, None, None)
        out.append(replace(c, row=row, column=cell, column_name=name))
    return out


def _cell_owners(rows: Sequence[Row], table: Table | None
                 ) -> tuple[list[int], list[tuple[str, int, str | None]]]:
    """Group-label cells by start offset: (starts, [(row name, column, column header)])."""
    header = table.header if table else ()
    cells = sorted((c.start, r.name, c.column) for r in rows for c in r.groups)
    return [x[0] for x in cells], [(name, col, header[col - 1] if col <= len(header) and header[col - 1] else None)
                                   for _, name, col in cells]


def _in_cell(c: Change, r: Row, s: Row, old: Table | None, new: Table | None) -> Change:
    """The change with its row and column (new side; old side for a deletion)."""
    if c.new:
        column, table = _column_at(s, c.new_offset), new
    else:
        column, table = _column_at(r, c.old_offset), old
    header = table.header if table else ()
    name = header[column - 1] if column and column <= len(header) and header[column - 1] else None
    return replace(c, row=s.name, column=column, column_name=name)


def _column_at(row: Row, offset: int) -> int | None:
    for cell in row.cells:
        if cell.start <= offset < cell.end or offset == cell.end:
            return cell.column
    return None


def _pair_rows(a: Sequence[Row], b: Sequence[Row]) -> dict[int, int]:
    pairs: dict[int, int] = {}
    exact: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j, s in enumerate(b):
        exact[s.content].append(j)
    for i, r in enumerate(a):
        js = exact.get(r.content)
        if js:
            pairs[i] = js.pop(0)
    taken = set(pairs.values())
    names_a = Counter(r.name for i, r in enumerate(a) if i not in pairs)
    names_b = Counter(s.name for j, s in enumerate(b) if j not in taken)
    where_b = {s.name: j for j, s in enumerate(b) if j not in taken}
    for i, r in enumerate(a):
        if i not in pairs and r.name and names_a[r.name] == 1 and names_b.get(r.name) == 1:
            pairs[i] = where_b[r.name]
    taken = set(pairs.values())
    words_a = [r.words for r in a]
    words_b = [s.words for s in b]
    for i, j, _ in best_pairs(words_a, words_b, ROW_MATCH, False, [i for i in range(len(a)) if i not in pairs],
                              [j for j in range(len(b)) if j not in taken]):
        pairs[i] = j
    return pairs


def _insertion_point(i: int, pairs: dict[int, int], a: Sequence[Row], b: Sequence[Row], new_text: str) -> int:
    """Where a removed row stood, in the new text: after the new partner of the paired row above it."""
    before = [pairs[k] for k in range(i) if k in pairs]
    return b[max(before)].span[1] if before else (b[0].span[0] if b else 0)


def _old_point(j: int, pairs: dict[int, int], a: Sequence[Row], b: Sequence[Row], old_text: str) -> int:
    """Where an added row goes, in the old text: after the old partner of the paired row above it."""
    back = {v: k for k, v in pairs.items()}
    before = [back[k] for k in range(j) if k in back]
    return a[max(before)].span[1] if before else (a[0].span[0] if a else 0)


def _row_blocks(a: Sequence[Row], b: Sequence[Row], pairs: dict[int, int], moved: set[int]) -> list[Block]:
    """One block per row, in the new order; a removed row after the row that preceded it."""
    back = {j: i for i, j in pairs.items()}
    blocks: list[Block] = []
    placed: set[int] = set()

    def removed_up_to(limit: int) -> None:
        for i in range(limit):
            if i not in pairs and i not in placed:
                placed.add(i)
                blocks.append(Block(a[i].paras, (), row=a[i].name))

    for j, s in enumerate(b):
        i = back.get(j)
        if i is not None and i not in moved:
            removed_up_to(i)
        blocks.append(Block(a[i].paras if i is not None else (), s.paras, moved=i in moved, row=s.name))
    removed_up_to(len(a))
    return blocks


def where(c: Change, quotes: tuple[str, str] = ('"', '"')) -> str | None:
    """Where a table change stands, for a reader: `row "ID.AM-1", column 3 (Informative References)`
    (None for a change outside tables)."""
    if c.row is None:
        return None
    out = f"row {quotes[0]}{c.row}{quotes[1]}"
    if c.column is not None:
        out += f", column {c.column}" + (f" ({c.column_name})" if c.column_name else "")
    return out


def row_event(c: Change) -> str | None:
    """What happened to a whole row: "added", "removed" or "moved" (None for a change inside cells)."""
    if c.row is None or c.column is not None:
        return None
    return {"insert": "added", "delete": "removed", "move": "moved"}.get(c.kind)


def cell_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The cell of a row paragraph that holds text[start:end]: (its start, its end) in `text`."""
    left = max(text.rfind("|", 0, start), text.rfind("\n", 0, start)) + 1
    stops = [k for k in (text.find("|", end), text.find("\n", end)) if k >= 0]
    return left, min(stops) if stops else len(text)
