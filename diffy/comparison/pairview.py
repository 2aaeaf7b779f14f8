"""What a front end shows for one section pair: aligned paragraph rows of marked-up segments.

Headless (no Textual, no Rich): the UI renders these rows, tests read them.

A `Row` holds an old paragraph and the new paragraph it corresponds to (either
may be missing), as the comparison paired them (`Pair.blocks`): a rewritten
paragraph sits beside its successor, an added one beside a gap, a table row
beside its counterpart, with a label naming the row and the cells that
changed. Each side is a list of `Segment`s: unchanged text, deleted or inserted
words (with the id of their change), text moved in from another section, or
text that is shown for context but compared elsewhere (moved away, or belonging
to another part of a split or merge).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from diffy.comparison.compare import Pair, paragraph_spans
from diffy.comparison.paragraphs import Block

SAME, DELETED, INSERTED, MOVED_IN, ASIDE = "same", "deleted", "inserted", "moved-in", "aside"
MATCH = 40  # paragraph similarity (0-100) below which two paragraphs are not shown side by side
MAX_CELLS = 250_000  # paragraph pairs scored at most; beyond, paragraphs are matched in order
FOLD_MIN = 3  # runs of at least this many unchanged paragraphs are folded


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    kind: str  # same | deleted | inserted | moved-in | aside
    change: str | None = None  # change id for deleted, inserted and moved-in text
    note: str | None = None  # for aside text: why it is not compared here


@dataclass(frozen=True, slots=True)
class Row:
    old: tuple[Segment, ...] | None  # None: no paragraph on this side
    new: tuple[Segment, ...] | None
    anchors: tuple[tuple[int, str], ...] = ()  # (new-side position, change id): where deletions go inline
    label: str | None = None  # a changed table row: `row "ID.AM-1", moved; changed: column 2 (Category)`
    moves: tuple[str, ...] = ()  # ids of the moves within the table that brought this row here

    @property
    def changed(self) -> bool:
        sides = (self.old, self.new)
        if self.moves or any(s is None for s in sides):
            return True
        return any(seg.kind != SAME for side in sides for seg in side or ())

    @property
    def change_ids(self) -> tuple[str, ...]:
        seen: dict[str, None] = dict.fromkeys(self.moves)
        for side in (self.old, self.new):
            for seg in side or ():
                if seg.change:
                    seen.setdefault(seg.change)
        return tuple(seen)


def _marks(pair: Pair, side: str, heading_of: Callable[[str | None], str]
           ) -> list[tuple[int, int, str, str | None, str | None]]:
    """(start, end, kind, change id, note) spans on one side of the pair, sorted."""
    out: list[tuple[int, int, str, str | None, str | None]] = []
    for c in pair.changes:
        if side == "old" and c.kind != "move" and c.old:
            out.append((c.old_offset, c.old_offset + len(c.old), DELETED, c.id, None))
        elif c.kind == "move" and _within(pair, c):  # a paragraph moved within the section
            if c.row is None and side == "old":
                out.append((c.old_offset, c.old_offset + len(c.old), ASIDE, None, "moved within this section"))
            elif c.row is None:
                out.append((c.new_offset, c.new_offset + len(c.new), MOVED_IN, c.id, "moved here within this section"))
        elif side == "new" and c.new:
            kind = MOVED_IN if c.kind == "move" else INSERTED
            note = f"moved here from {heading_of(c.old_id)}" if c.kind == "move" else None
            out.append((c.new_offset, c.new_offset + len(c.new), kind, c.id, note))
    for a in pair.asides:
        if a.side == side:
            where = heading_of(a.other)
            if a.reason == "moved":
                note = f"moved to {where}" if side == "old" else f"moved here from {where}"
            else:
                note = f"compared with {where}"
            out.append((a.start, a.end, ASIDE, None, note))
    return sorted(out)


def _within(pair: Pair, c) -> bool:
    """A move inside the pair's own sections (a paragraph or a table row that changed places)."""
    return pair.old is not None and pair.new is not None and c.old_id == pair.old.id and c.new_id == pair.new.id


def _segments(text: str, start: int, end: int, marks) -> tuple[Segment, ...]:
    segs: list[Segment] = []
    pos = start
    for a, b, kind, cid, note in marks:
        a, b = max(a, start), min(b, end)
        if b <= a or a < pos:
            continue
        if a > pos:
            segs.append(Segment(text[pos:a], SAME))
        segs.append(Segment(text[a:b], kind, cid, note))
        pos = b
    if pos < end:
        segs.append(Segment(text[pos:end], SAME))
    return tuple(s for s in segs if s.text)


def match_paragraphs(old: Sequence[str], new: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """An in-order matching of paragraphs that maximises total similarity; gaps are None."""
    n, m = len(old), len(new)
    if n * m > MAX_CELLS:
        k = min(n, m)
        return [(i, i) for i in range(k)] + [(i, None) for i in range(k, n)] + [(None, j) for j in range(k, m)]
    sim = [[fuzz.ratio(a, b) for b in new] for a in old]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            s = sim[i][j]
            take = best[i + 1][j + 1] + s if s >= MATCH else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    out: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        s = sim[i][j]
        if s >= MATCH and best[i][j] == best[i + 1][j + 1] + s:
            out.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            out.append((i, None))
            i += 1
        else:
            out.append((None, j))
            j += 1
    out += [(k, None) for k in range(i, n)] + [(None, k) for k in range(j, m)]
    return out


def build_rows(pair: Pair, heading_of: Callable[[str | None], str] = lambda section_id: section_id or "another section"
               ) -> list[Row]:
    """The pair's paragraphs in rows, as the comparison paired them, each side cut into marked segments.

    `heading_of(section_id)` names another section in notes ("moved to …").
    """
    o, n = pair.old, pair.new
    old_text, new_text = (o.text if o else ""), (n.text if n else "")
    old_spans, new_spans = paragraph_spans(o), paragraph_spans(n)
    old_marks, new_marks = _marks(pair, "old", heading_of), _marks(pair, "new", heading_of)
    rows = []
    for olds, news, label in _layout(pair):
        for k in range(max(len(olds), len(news))):
            i = olds[k] if k < len(olds) else None
            j = news[k] if k < len(news) else None
            old_segs = _segments(old_text, *old_spans[i], old_marks) if i is not None else None
            new_segs = _segments(new_text, *new_spans[j], new_marks) if j is not None else None
            anchors: tuple[tuple[int, str], ...] = ()
            if i is not None and j is not None:
                anchors = _anchors(pair, old_spans[i], new_spans[j])
            moves = tuple(c.id for c in pair.changes if c.kind == "move" and c.row is not None and _within(pair, c)
                          and j is not None
                          and new_spans[j][0] <= c.new_offset < max(new_spans[j][1], new_spans[j][0] + 1))
            rows.append(Row(old_segs, new_segs, anchors, label if k == 0 else None, moves))
    return rows


def _layout(pair: Pair) -> list[tuple[tuple[int, ...], tuple[int, ...], str | None]]:
    """(old paragraphs, new paragraphs, label) in reading order: the pair's blocks, and between them
    the paragraphs compared elsewhere (moved, or another part of a split), where they stand."""
    o, n = pair.old, pair.new
    n_old, n_new = len(o.paragraphs) if o else 0, len(n.paragraphs) if n else 0
    if not pair.blocks:  # a pair made without blocks: paragraphs matched in order by similarity
        matching = match_paragraphs(o.paragraphs if o else (), n.paragraphs if n else ())
        return [((i,) if i is not None else (), (j,) if j is not None else (), None) for i, j in matching]
    # a paragraph moved within the section shows at its old place and at its new one
    covered_old = {i for b in pair.blocks if not (b.moved and b.row is None) for i in b.old}
    covered_new = {j for b in pair.blocks for j in b.new}
    out: list[tuple[tuple[int, ...], tuple[int, ...], str | None]] = []
    io = jn = 0

    def rest(upto_old: int, upto_new: int) -> None:
        nonlocal io, jn
        for i in range(io, upto_old):
            if i not in covered_old:
                out.append(((i,), (), None))
        for j in range(jn, upto_new):
            if j not in covered_new:
                out.append(((), (j,), None))
        io, jn = max(io, upto_old), max(jn, upto_new)

    for b in pair.blocks:
        if b.moved and b.row is None:
            out.append(((), b.new, None))
            continue
        if not b.moved:
            rest(b.old[0] if b.old else io, b.new[0] if b.new else jn)
        out.append((b.old, b.new, _label(pair, b, paragraph_spans(o), paragraph_spans(n))))
        if not b.moved:
            io, jn = max(io, b.old[-1] + 1 if b.old else io), max(jn, b.new[-1] + 1 if b.new else jn)
    rest(n_old, n_new)
    return out


def _label(pair: Pair, block: Block, old_spans: Sequence[tuple[int, int]],
           new_spans: Sequence[tuple[int, int]]) -> str | None:
    """A changed table row's label: its name, whether it moved, came or went, and which cells changed."""
    if block.row is None:
        return None

    def inside(offset: int, spans: Sequence[tuple[int, int]], paras: Sequence[int]) -> bool:
        return any(spans[k][0] <= offset <= spans[k][1] for k in paras)

    label = f'row "{block.row}"'
    if block.moved:
        label += ", moved"
    elif not block.old:
        label += ", added"
    elif not block.new:
        label += ", removed"
    cells = sorted({(c.column, c.column_name or "") for c in pair.changes if c.column is not None and (
        inside(c.new_offset, new_spans, block.new) if c.new else inside(c.old_offset, old_spans, block.old))})
    if cells:
        label += "; changed: " + ", ".join(f"column {k}" + (f" ({name})" if name else "") for k, name in cells)
    return label if block.moved or not (block.old and block.new) or cells else None  # unchanged rows: none


def _anchors(pair: Pair, old_span: tuple[int, int], new_span: tuple[int, int]) -> tuple[tuple[int, str], ...]:
    """Where, in the new paragraph, each deletion from the old paragraph belongs (offsets within it)."""
    out = []
    for c in pair.changes:
        if c.kind == "move" or not c.old:
            continue
        if c.old_offset < old_span[1] and c.old_offset + len(c.old) > old_span[0]:
            pos = min(max(c.new_offset, new_span[0]), new_span[1]) - new_span[0]
            out.append((pos, c.id))
    return tuple(out)


def inline(row: Row) -> tuple[Segment, ...]:
    """One row as a single run of text: the new paragraph with deleted words where they stood."""
    if row.new is None:
        return row.old or ()
    if row.old is None:
        return row.new
    deleted: dict[str, list[Segment]] = {}
    for seg in row.old:
        if seg.kind == DELETED and seg.change:
            deleted.setdefault(seg.change, []).append(seg)
    anchors = sorted(row.anchors)
    out: list[Segment] = []
    pos = k = 0
    for seg in row.new:
        start, end = pos, pos + len(seg.text)
        cut = start  # deletions anchored inside an unchanged run split it; others go just before
        while k < len(anchors) and anchors[k][0] < end:
            at, cid = anchors[k]
            k += 1
            if seg.kind == SAME and at > cut:
                out.append(Segment(seg.text[cut - start:at - start], SAME))
                cut = at
            out += deleted.pop(cid, [])
        out.append(Segment(seg.text[cut - start:], seg.kind, seg.change, seg.note))
        pos = end
    for rest in deleted.values():
        out += rest
    return _spaced([s for s in out if s.text])


def _spaced(segs: list[Segment]) -> tuple[Segment, ...]:
    """A space before and after deleted words that would otherwise run into the word beside them
    ("operation" + deleted "or to an … effort" + ", they" reads "operation or to an … effort, they")."""
    out = list(segs)
    for k, seg in enumerate(out):
        if seg.kind != DELETED:
            continue
        text = seg.text
        if k and text[:1].isalnum() and out[k - 1].text[-1:].isalnum():
            text = " " + text
        if k + 1 < len(out) and not text[-1].isspace() and out[k + 1].text[:1].isalnum():
            text += " "
        out[k] = Segment(text, seg.kind, seg.change, seg.note)
    return tuple(out)


def change_rows(rows: Sequence[Row]) -> dict[str, int]:
    """The row each change is first shown in, in the order a reader meets the changes."""
    out: dict[str, int] = {}
    for k, row in enumerate(rows):
        for cid in row.change_ids:
            out.setdefault(cid, k)
    return out


def row_for(pair: Pair | None, rows: Sequence[Row], side: str, offset: int) -> int | None:
    """The row holding this character offset of the pair's old or new section text."""
    section = None if pair is None else (pair.old if side == "old" else pair.new)
    if section is None:
        return None
    target, pos = 0, 0
    for idx, para in enumerate(section.paragraphs):
        if offset < pos + len(para) + 2:
            target = idx
            break
        pos += len(para) + 2
    seen = -1
    for k, row in enumerate(rows):
        if (row.old if side == "old" else row.new) is not None:
            seen += 1
            if seen == target:
                return k
    return None


def fold(rows: Sequence[Row], keep: Collection[int] = (), shown: Callable[[Row], bool] = lambda row: row.changed
         ) -> list[tuple[str, int, int]]:
    """The rows as drawn: ("row", k, 0), or ("fold", first row, count) for a run of at least `FOLD_MIN`
    rows that are not `shown` (unchanged, by default) and not in `keep` (rows with notes)."""
    items: list[tuple[str, int, int]] = []
    k = 0
    while k < len(rows):
        if not shown(rows[k]) and k not in keep:
            end = k
            while end < len(rows) and not shown(rows[end]) and end not in keep:
                end += 1
            if end - k >= FOLD_MIN:
                items.append(("fold", k, end - k))
                k = end
                continue
        items.append(("row", k, 0))
        k += 1
    return items
