"""Pairing the paragraphs of two versions of a section, so each is diffed against its counterpart.

A section pair is compared paragraph by paragraph: identical paragraphs pair
first (in order; identical paragraphs found out of order — not on every longest
in-order run, so two swapped paragraphs are both moved — were moved within the
section), then the paragraphs between them pair by word similarity, in order.
A paragraph left over beside a pair whose other side contains most of its words
joins that pair: one paragraph split in two, or two merged into one, is diffed
as one stretch of text; so does one beside a pair whose other side runs on past
the pair's paragraph with words the left-over one matches (two paragraphs
printed as one, a break lost at a page's end, the first of them rewritten).
The rest of each stretch between pairs — rewritten, added or removed paragraphs
— is diffed as one stretch too, so a sentence kept from a rewritten paragraph
still shows as kept.

All of it is near linear in the number of paragraphs: candidates come from an
index of the words the paragraphs share (`best_pairs`), never from comparing
every paragraph with every other.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from diffy.comparison.order import not_on_every_lis

MATCH = 0.4  # word similarity at which two paragraphs between identical ones are counterparts
MOVE_MATCH = 0.8  # similarity at which a paragraph found out of order counts as moved within the section
MOVE_WORDS = 8  # shorter paragraphs (list labels, one-line items) are never reported as moved
CONTAINED = 0.5  # share of a left-over paragraph's words found in a neighbour's counterpart: a split or merge
CANDIDATES = 8  # counterparts scored per paragraph
ALL_PAIRS = 2500  # up to this many (old, new) combinations, every one is scored; beyond, an index picks them
COMMON = 30  # a word in more paragraphs than this does not propose candidates


@dataclass(frozen=True, slots=True)
class Block:
    """Paragraphs of the old and the new section compared as one (indexes in order; either side may
    be empty). `moved`: paired out of order, i.e. moved within the section. `row` names a
    table row (see `diffy.comparison.tables`)."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    moved: bool = False
    row: str | None = None


def similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """Word-level similarity of two word lists, 0–1 (Indel distance, as difflib's ratio)."""
    return fuzz.ratio(a, b) / 100 if a and b else 0.0


def best_pairs(old: Sequence[Sequence[str]], new: Sequence[Sequence[str]], threshold: float,
               ordered: bool = True, olds: Sequence[int] | None = None, news: Sequence[int] | None = None,
               kinds: tuple[Sequence[str], Sequence[str]] | None = None) -> list[tuple[int, int, float]]:
    """(i, j, similarity) pairs of word lists at `threshold` or above, best first, each index used
    once; with `ordered`, the pairs never cross (i < i' exactly when j < j'). `olds`/`news` limit
    the indexes considered; with `kinds`, only items of the same kind pair."""
    ko, kn = kinds if kinds is not None else ((), ())
    olds = list(range(len(old))) if olds is None else list(olds)
    news = list(range(len(new))) if news is None else list(news)
    if not olds or not news:
        return []
    scored: list[tuple[float, int, int]] = []
    if len(olds) * len(news) <= ALL_PAIRS:
        for i in olds:
            for j in news:
                if kinds is not None and ko[i] != kn[j]:
                    continue
                s = similarity(old[i], new[j])
                if s >= threshold:
                    scored.append((s, i, j))
    else:
        index: dict[str, list[int]] = defaultdict(list)
        for j in news:
            for w in set(new[j]):
                index[w].append(j)
        for i in olds:
            hits: Counter[int] = Counter()
            for w in set(old[i]):
                js = index.get(w, ())
                if len(js) <= COMMON:
                    hits.update(js)
            for j, _ in hits.most_common(CANDIDATES):
                if kinds is not None and ko[i] != kn[j]:
                    continue
                s = similarity(old[i], new[j])
                if s >= threshold:
                    scored.append((s, i, j))
    return _uncrossed([(i, j, sc) for sc, i, j in scored], ordered)


def _uncrossed(scored: list[tuple[int, int, float]], ordered: bool) -> list[tuple[int, int, float]]:
    """Greedily, best first: pairs whose indexes are still free (and, `ordered`, that cross no pair kept)."""
    scored = sorted(scored, key=lambda t: (-t[2], t[0], t[1]))
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    keys: list[int] = []  # accepted old indexes, sorted
    partner: dict[int, int] = {}
    out = []
    for i, j, s in scored:
        if i in taken_old or j in taken_new:
            continue
        if ordered:
            k = bisect.bisect_left(keys, i)
            if (k > 0 and partner[keys[k - 1]] > j) or (k < len(keys) and partner[keys[k]] < j):
                continue
            keys.insert(k, i)
            partner[i] = j
        taken_old.add(i)
        taken_new.add(j)
        out.append((i, j, s))
    return out


def _contained(part: Sequence[str], whole: Sequence[str]) -> bool:
    """Most of `part`'s word pairs (counted with repeats) are found in `whole`."""
    want = Counter(zip(part, part[1:], strict=False))
    if not want:
        return False
    have = Counter(zip(whole, whole[1:], strict=False))
    return sum(min(c, have[w]) for w, c in want.items()) >= CONTAINED * sum(want.values())


def pair_paragraphs(old: Sequence[Sequence[str]], new: Sequence[Sequence[str]],
                    kinds: tuple[Sequence[str], Sequence[str]] | None = None) -> list[Block]:
    """Blocks covering every paragraph of both sides (given as word lists), in the new order; a
    paragraph only in the old version comes after the block holding the one before it. With
    `kinds` (one per paragraph on each side), only paragraphs of the same kind pair."""
    ko, kn = kinds if kinds is not None else ([""] * len(old), [""] * len(new))
    exact: dict[tuple[str, tuple[str, ...]], list[int]] = defaultdict(list)
    for j, q in enumerate(new):
        exact[(kn[j], tuple(q))].append(j)
    cand: list[tuple[int, int]] = []
    for i, p in enumerate(old):
        js = exact.get((ko[i], tuple(p)))
        if js:
            cand.append((i, js.pop(0)))
    out_of_order = set(not_on_every_lis([j for _, j in cand]))
    keep = {k for k in range(len(cand)) if k not in out_of_order}
    anchors = [cand[k] for k in sorted(keep)]
    pairs: dict[int, int] = dict(anchors)
    moved = {i: j for k, (i, j) in enumerate(cand) if k not in keep and len(old[i]) >= MOVE_WORDS}
    # between identical paragraphs: counterparts by similarity, in order
    bounds = [(-1, -1), *anchors, (len(old), len(new))]
    taken_new = set(pairs.values()) | set(moved.values())
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:], strict=False):
        olds = [i for i in range(i0 + 1, i1) if i not in moved]
        news = [j for j in range(j0 + 1, j1) if j not in taken_new]
        for i, j, _ in best_pairs(old, new, MATCH, True, olds, news, (ko, kn)):
            pairs[i] = j
    # edited paragraphs moved out of order
    left_old = [i for i in range(len(old)) if i not in pairs and i not in moved and len(old[i]) >= MOVE_WORDS]
    taken_new = set(pairs.values()) | set(moved.values())
    left_new = [j for j in range(len(new)) if j not in taken_new and len(new[j]) >= MOVE_WORDS]
    for i, j, _ in best_pairs(old, new, MOVE_MATCH, False, left_old, left_new, (ko, kn)):
        moved[i] = j
    return _blocks(old, new, pairs, moved, ko, kn)


def _blocks(old: Sequence[Sequence[str]], new: Sequence[Sequence[str]], pairs: dict[int, int],
            moved: dict[int, int], ko: Sequence[str], kn: Sequence[str]) -> list[Block]:
    """In-order pairs grown by the left-over paragraphs they contain, gaps between them, moves."""
    groups = [([i], [j]) for i, j in sorted(pairs.items())]
    free_old = {i for i in range(len(old)) if i not in pairs and i not in moved}
    taken = set(pairs.values()) | set(moved.values())
    free_new = {j for j in range(len(new)) if j not in taken}
    for g in groups:  # a left-over paragraph beside a pair, contained in the pair's other side
        kind = ko[g[0][0]]
        for side, free, mine, kinds, theirs, other in ((0, free_old, old, ko, new, 1), (1, free_new, new, kn, old, 0)):
            whole = [w for k in g[other] for w in theirs[k]]
            for step in (-1, 1):
                k = (g[side][0] if step < 0 else g[side][-1]) + step
                while k in free and kinds[k] == kind and _contained(mine[k], whole):
                    free.discard(k)
                    if step < 0:
                        g[side].insert(0, k)
                    else:
                        g[side].append(k)
                    k += step
    _join_surplus(groups, old, new, free_old, free_new, ko, kn)
    blocks: list[Block] = []
    io = jn = 0  # next old / new paragraph not yet placed
    for g_old, g_new in groups:
        blocks += _gap([i for i in range(io, g_old[0]) if i in free_old],
                       [j for j in range(jn, g_new[0]) if j in free_new], ko, kn)
        blocks.append(Block(tuple(g_old), tuple(g_new)))
        io, jn = g_old[-1] + 1, g_new[-1] + 1
    blocks += _gap([i for i in range(io, len(old)) if i in free_old],
                   [j for j in range(jn, len(new)) if j in free_new], ko, kn)
    return _place_moves(blocks, moved)


def _join_surplus(groups: list[tuple[list[int], list[int]]], old: Sequence[Sequence[str]],
                  new: Sequence[Sequence[str]], free_old: set[int], free_new: set[int],
                  ko: Sequence[str], kn: Sequence[str]) -> None:
    """A left-over paragraph beside a pair whose other side holds the pair's paragraph and runs on past
    it with words of its own that the left-over one matches (`MATCH`) — two paragraphs printed as one,
    a break lost at a page's end, the first of them rewritten — joins the pair, so it is diffed against
    those words rather than removed beside them. Not where the other side has a paragraph left over
    next to it (that would be its counterpart)."""
    sides = ((old, ko, free_old, new, free_new), (new, kn, free_new, old, free_old))
    for n, g in enumerate(groups):
        for side, (mine, kinds, free, theirs, their_free) in enumerate(sides):
            other = 1 - side
            for step in (-1, 1):
                k = (g[side][0] if step < 0 else g[side][-1]) + step
                if k not in free or kinds[k] != kinds[g[side][0]]:
                    continue
                near = groups[n + step][other] if 0 <= n + step < len(groups) else None
                lo, hi = (near[-1] if near else -1, g[other][0]) if step < 0 else \
                    (g[other][-1], near[0] if near else len(theirs))
                if any(j in their_free for j in range(lo + 1, hi)):
                    continue
                here = [w for i in g[side] for w in mine[i]]
                whole = [w for j in g[other] for w in theirs[j]]
                if len(whole) <= len(here):
                    continue  # the other side does not run on past it
                rest = whole[:len(whole) - len(here)] if step < 0 else whole[len(here):]
                if _contained(here, whole) and similarity(mine[k], rest) >= MATCH:
                    free.discard(k)
                    if step < 0:
                        g[side].insert(0, k)
                    else:
                        g[side].append(k)


def _gap(gap_old: list[int], gap_new: list[int], ko: Sequence[str], kn: Sequence[str]) -> list[Block]:
    """The left-over paragraphs between two pairs: one block per kind, diffed as one stretch."""
    kinds = dict.fromkeys([ko[i] for i in gap_old] + [kn[j] for j in gap_new])
    return [Block(tuple(i for i in gap_old if ko[i] == k), tuple(j for j in gap_new if kn[j] == k)) for k in kinds]


def _place_moves(blocks: list[Block], moved: dict[int, int]) -> list[Block]:
    """Moved paragraphs go where they now stand (by new index)."""
    if not moved:
        return blocks
    firsts = [b.new[0] if b.new else -1 for b in blocks]
    out: list[tuple[float, int, Block]] = []
    last = -1.0
    for k, b in enumerate(blocks):  # blocks without new paragraphs keep their place after the one before
        last = float(firsts[k]) if firsts[k] >= 0 else last + 1e-6
        out.append((last, k, b))
    out += [(float(j), -1, Block((i,), (j,), moved=True)) for i, j in moved.items()]
    return [b for _, _, b in sorted(out, key=lambda t: (t[0], t[1]))]
