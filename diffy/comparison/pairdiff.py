"""The changes of one section pair: paragraphs paired by content, then diffed word by word;
tables row by row and cell by cell.

Each section's paragraphs are cut into *units*: a prose paragraph (or a
footnote) is one unit, a run of table rows is one table. Units pair with units
of the same kind (`diffy.comparison.paragraphs`); each block of paired prose is
diffed word by word, so every diff stays the size of a paragraph or two (a
passage rewritten over several paragraphs can be one change, but never one that
holds an unchanged sentence); a pair of tables is compared row by row, and no
change spans two cells (`diffy.comparison.tables`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from diffy.comparison.diff import Change, Context, Token, change_id, fold, token_context, tokenize, word_changes
from diffy.comparison.paragraphs import Block, pair_paragraphs
from diffy.comparison.tables import BULLET, compare_tables, read_table
from diffy.model import Section

TABLE, TEXT = "table", "text"


@dataclass(frozen=True, slots=True)
class PairDiff:
    changes: list[Change]
    blocks: list[Block]  # how the paragraphs were compared (what a side-by-side view shows beside what)


def starts(section: Section | None) -> list[int]:
    """Offset of each paragraph in the section's text."""
    out, pos = [], 0
    for p in section.paragraphs if section is not None else ():
        out.append(pos)
        pos += len(p) + 2
    return out


def pair_words(text: str) -> tuple[str, ...]:
    """Words as paragraphs are paired: case, punctuation and quote style aside."""
    return tuple(re.findall(r"[^\W_]+", fold(text).casefold()))


def paragraph_tokens(section: Section, k: int, start: int) -> list[Token]:
    """The words of paragraph `k` (a segment of its own); bullet glyphs are layout, not words."""
    end = start + len(section.paragraphs[k])
    return [t for t in tokenize(section.text, start, end, seg=k) if not BULLET.fullmatch(t.text)]


def _units(section: Section, skip: Collection[int]) -> list[tuple[str, list[int]]]:
    units: list[tuple[str, list[int]]] = []
    for k in range(len(section.paragraphs)):
        if k in skip:
            continue
        kind = TABLE if section.kind(k) == "row" else TEXT
        if kind == TABLE and units and units[-1][0] == TABLE and units[-1][1][-1] == k - 1:
            units[-1][1].append(k)
        else:
            units.append((kind, [k]))
    return units


def diff_sections(o: Section | None, n: Section | None, skip_old: Collection[int] = (),
                  skip_new: Collection[int] = ()) -> PairDiff:
    """The changes turning `o` into `n` (either may be None: a section added or removed), leaving out
    the paragraphs `skip_old`/`skip_new` (compared elsewhere: moved, or another part of a split)."""
    old_starts, new_starts = starts(o), starts(n)
    old_keep = [k for k in range(len(o.paragraphs)) if k not in skip_old] if o else []
    new_keep = [k for k in range(len(n.paragraphs)) if k not in skip_new] if n else []
    if o is not None and n is not None and not skip_old and not skip_new and o.kinds == n.kinds and [
            fold(p).split() for p in o.paragraphs] == [fold(p).split() for p in n.paragraphs]:
        return PairDiff([], [Block((k,), (k,)) for k in old_keep])  # the same text: nothing to diff

    @functools.cache
    def old_paragraph(k: int) -> list[Token]:
        return paragraph_tokens(o, k, old_starts[k]) if o else []

    @functools.cache
    def new_paragraph(k: int) -> list[Token]:
        return paragraph_tokens(n, k, new_starts[k]) if n else []

    context = _Lazy(lambda: token_context([t for k in old_keep for t in old_paragraph(k)]))
    seen: dict[str, int] = {}
    if o is None or n is None:  # a whole section added or removed: one change
        whole = word_changes(o.text if o else "", n.text if n else "", [t for k in old_keep for t in old_paragraph(k)],
                             [t for k in new_keep for t in new_paragraph(k)], seen=seen, context=context, split=False)
        return PairDiff(whole, [Block((k,), ()) for k in old_keep] + [Block((), (k,)) for k in new_keep])
    old_units, new_units = _units(o, skip_old), _units(n, skip_new)
    words_old = [_unit_words(o, paras) for _, paras in old_units]
    words_new = [_unit_words(n, paras) for _, paras in new_units]
    unit_blocks = pair_paragraphs(words_old, words_new, ([k for k, _ in old_units], [k for k, _ in new_units]))
    changes: list[Change] = []
    blocks: list[Block] = []
    for ub in unit_blocks:
        paras_old = [p for u in ub.old for p in old_units[u][1]]
        paras_new = [p for u in ub.new for p in new_units[u][1]]
        kind = old_units[ub.old[0]][0] if ub.old else new_units[ub.new[0]][0]
        if kind == TABLE:
            told = read_table(o.paragraphs, old_starts, paras_old) if paras_old else None
            tnew = read_table(n.paragraphs, new_starts, paras_new) if paras_new else None
            td = compare_tables(told, tnew, o.text, n.text, o.id, n.id, seen, context)
            changes += td.changes
            blocks += td.blocks
            continue
        blocks.append(Block(tuple(paras_old), tuple(paras_new), ub.moved))
        if ub.moved:  # one move change, its text as it was and as it is (as for a move between sections)
            changes.append(_moved(o, n, paras_old[0], paras_new[0], old_starts, new_starts, seen))
            continue
        if [fold(o.paragraphs[k]).split() for k in paras_old] == [fold(n.paragraphs[k]).split() for k in paras_new]:
            continue  # identical paragraphs
        a = [t for k in paras_old for t in old_paragraph(k)]
        b = [t for k in paras_new for t in new_paragraph(k)]
        # a rewritten passage may be one change over several paragraphs; unchanged sentences still show
        changes += word_changes(o.text, n.text, a, b, seen=seen, context=context, split=False)
    return PairDiff(changes, blocks)


class _Lazy:
    """A change-id context made only when a first change needs it (most paragraphs do not change)."""

    def __init__(self, make: Callable[[], Context]) -> None:
        self.make = make
        self.made: Context | None = None

    def __call__(self, start: int, end: int) -> tuple[str, str]:
        if self.made is None:
            self.made = self.make()
        return self.made(start, end)


def _unit_words(section: Section, paras: Sequence[int]) -> tuple[str, ...]:
    text = " ".join(section.paragraphs[k] for k in paras)
    return pair_words(text)


def _moved(o: Section, n: Section, i: int, j: int, old_starts: Sequence[int], new_starts: Sequence[int],
           seen: dict[str, int]) -> Change:
    """A paragraph moved within the section: reported once, at its new place."""
    old_s, new_s = o.paragraphs[i], n.paragraphs[j]
    return Change(change_id("move", old_s, new_s, o.id, n.id, seen), "move", old_s, new_s, old_starts[i],
                  new_starts[j], o.id, n.id)

