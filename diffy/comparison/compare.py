"""`compare(old, new) -> Comparison`: the one entry the CLI, the UI and the exports call."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from diffy.comparison.align import MAX_DF_PHRASE, Link, align, norm_words, relations, shingles, similarity
from diffy.comparison.diff import Change, change_id, word_count
from diffy.comparison.pairdiff import diff_sections
from diffy.comparison.paragraphs import Block
from diffy.model import Document, Section

RELATIONS = ("same", "edited", "renamed", "moved", "split", "merged", "added", "removed")
MOVE_MATCH = 0.6  # paragraph similarity that makes text in another section "the same paragraph"
MIN_MOVE_WORDS = 8


@dataclass(frozen=True, slots=True)
class Aside:
    """A paragraph of a pair's section that is not compared within the pair.

    `reason` is "moved" (the paragraph is reported as a move; `other` is the id of
    the section at the other end) or "part" (in a split or merge, the paragraph
    belongs with another partner of the section).
    """

    side: str  # "old" | "new"
    start: int
    end: int
    reason: str
    other: str | None = None


@dataclass(frozen=True, slots=True)
class Stop:
    """One version between the two compared, where a lineage passes: its label and the heading there."""

    version: str
    heading: str | None

    def __str__(self) -> str:
        return f"{self.version} {self.heading or '(text before the first heading)'}"


@dataclass(frozen=True, slots=True)
class Trace:
    """A pairing the versions between two documents trace: the old section became, version by
    version (`via`), the new one. Evidence for `compare`, kept when the text does not contradict it."""

    old_id: str
    new_id: str
    via: tuple[Stop, ...]


@dataclass(frozen=True, slots=True)
class Pair:
    old: Section | None
    new: Section | None
    relation: str
    similarity: float
    changes: tuple[Change, ...]
    asides: tuple[Aside, ...] = ()
    blocks: tuple[Block, ...] = ()  # which paragraphs were compared with which (see `paragraphs`)
    via: tuple[Stop, ...] = ()  # made on the series' lineage: the clause in each version in between

    @property
    def changed(self) -> bool:
        return self.relation != "same" or bool(self.changes)


@dataclass(frozen=True, slots=True)
class Comparison:
    old: Document
    new: Document
    pairs: tuple[Pair, ...]
    traces: tuple[Trace, ...] = ()  # the lineage evidence it was compared with (none: the two alone)

    @property
    def through(self) -> tuple[str, ...]:
        """The versions in between whose lineage was weighed (every trace passes each of them)."""
        return tuple(s.version for s in self.traces[0].via) if self.traces else ()

    @property
    def by_lineage(self) -> int:
        """How many pairs the lineage made (content alone left them unpaired)."""
        return sum(1 for p in self.pairs if p.via)

    def summary(self) -> dict:
        counts = Counter(p.relation for p in self.pairs)
        ins = dele = 0
        for p in self.pairs:
            for c in p.changes:
                ins += word_count(c.new) if c.kind != "move" else 0
                dele += word_count(c.old) if c.kind != "move" else 0
        return {"pairs": {r: counts.get(r, 0) for r in RELATIONS}, "words_inserted": ins, "words_deleted": dele}

    @property
    def changed(self) -> bool:
        return any(p.changed for p in self.pairs)


@dataclass(frozen=True, slots=True)
class Para:
    section: int
    start: int
    end: int
    words: tuple[str, ...]


def paragraphs(sections: Sequence[Section]) -> list[Para]:
    out = []
    for k, s in enumerate(sections):
        pos = 0
        for p in s.paragraphs:
            out.append(Para(k, pos, pos + len(p), tuple(norm_words(p))))
            pos += len(p) + 2
    return out


@dataclass(frozen=True, slots=True)
class Overrides:
    """A reader's corrections to the alignment, by section id: pairs to force and pairs to forbid."""

    pair: tuple[tuple[str, str], ...] = ()
    unpair: tuple[tuple[str, str], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.pair or self.unpair)


def apply_overrides(links: list[Link], old: Sequence[Section], new: Sequence[Section],
                    overrides: Overrides) -> list[Link]:
    """The links with forbidden pairs removed and forced pairs added; sections left alone become
    added or removed, and a section paired by hand stops being added or removed."""
    oi = {s.id: k for k, s in enumerate(old)}
    ni = {s.id: k for k, s in enumerate(new)}
    banned = {(oi[a], ni[b]) for a, b in overrides.unpair if a in oi and b in ni}
    paired = {(lk.old, lk.new): lk for lk in links if lk.old is not None and lk.new is not None
              and (lk.old, lk.new) not in banned}
    for a, b in overrides.pair:
        if a in oi and b in ni and (oi[a], ni[b]) not in paired:
            paired[(oi[a], ni[b])] = Link(oi[a], ni[b], similarity(old[oi[a]], new[ni[b]]))
    out = sorted(paired.values(), key=lambda lk: (lk.old, lk.new))  # type: ignore[arg-type, return-value]
    with_old = {lk.old for lk in out}
    with_new = {lk.new for lk in out}
    out += [Link(i, None, 0.0) for i in range(len(old)) if i not in with_old]
    out += [Link(None, j, 0.0) for j in range(len(new)) if j not in with_new]
    return out


def compare(old: Document, new: Document, overrides: Overrides | None = None,
            traces: Sequence[Trace] = ()) -> Comparison:
    """Align and diff two documents; `overrides` are a reader's pairing corrections, `traces` the
    pairs the versions between them trace (`diffy.series.evidence`), which the alignment weighs
    as evidence; a reader's correction wins over both."""
    norm_words.cache_clear()
    oi = {s.id: k for k, s in enumerate(old.sections)}
    ni = {s.id: k for k, s in enumerate(new.sections)}
    via = {(oi[t.old_id], ni[t.new_id]): t.via for t in traces if t.old_id in oi and t.new_id in ni}
    links = align(old.sections, new.sections, via.keys())
    if overrides:
        links = apply_overrides(links, old.sections, new.sections, overrides)
    rels = relations(links, old.sections, new.sections)
    moves = find_moves(old.sections, new.sections, links)
    moved_out = {(m.old_id, m.old_offset): m.new_id for m in moves}
    moved_in = {(m.new_id, m.new_offset): m.old_id for m in moves}
    moves_into: dict[str | None, list[Change]] = {}
    for m in moves:
        moves_into.setdefault(m.new_id, []).append(m)
    pairs = []
    first_pair_of_new: dict[int, int] = {}
    partners_of_old: dict[int, list[Section]] = {}
    partners_of_new: dict[int, list[Section]] = {}
    for k, lk in enumerate(links):
        if lk.new is not None:
            first_pair_of_new.setdefault(lk.new, k)
        if lk.old is not None and lk.new is not None:
            partners_of_old.setdefault(lk.old, []).append(new.sections[lk.new])
            partners_of_new.setdefault(lk.new, []).append(old.sections[lk.old])
    for k, (lk, rel) in enumerate(zip(links, rels, strict=True)):
        o = old.sections[lk.old] if lk.old is not None else None
        n = new.sections[lk.new] if lk.new is not None else None
        changes, asides, blocks = pair_changes(o, n, partners_of_old.get(lk.old, []) if lk.old is not None else [],
                                               partners_of_new.get(lk.new, []) if lk.new is not None else [],
                                               moved_out, moved_in)
        if lk.new is not None and n is not None and first_pair_of_new[lk.new] == k:
            changes += moves_into.get(n.id, [])
            asides = [a for a in asides if not (a.side == "new" and a.reason == "moved")]
        changes.sort(key=lambda c: (c.new_offset, c.old_offset))
        pairs.append(Pair(o, n, rel, lk.similarity, tuple(changes), tuple(asides), tuple(blocks),
                          via.get((lk.old, lk.new), ()) if lk.traced else ()))
    return Comparison(old, new, tuple(_ordered(pairs, old.sections, new.sections)), tuple(traces))


def _ordered(pairs: list[Pair], old: Sequence[Section], new: Sequence[Section]) -> list[Pair]:
    """New-document order; a removed section goes after the pair that holds its predecessor."""
    new_pos = {s.id: k for k, s in enumerate(new)}
    old_pos = {s.id: k for k, s in enumerate(old)}
    place = [-1.0] * (len(old) + 1)  # place[i]: furthest new position of old sections before i
    for p in pairs:
        if p.new is not None and p.old is not None:
            i = old_pos[p.old.id]
            place[i + 1] = max(place[i + 1], new_pos[p.new.id])
    for i in range(1, len(place)):
        place[i] = max(place[i], place[i - 1])

    def key(p: Pair) -> tuple[float, float]:
        if p.new is not None:
            return (new_pos[p.new.id], old_pos[p.old.id] if p.old else -1)
        i = old_pos[p.old.id]  # type: ignore[union-attr]
        return (place[i] + 0.5, i)

    return sorted(pairs, key=key)


def pair_changes(o: Section | None, n: Section | None, partners_of_old: Sequence[Section],
                 partners_of_new: Sequence[Section], moved_out: dict[tuple[str | None, int], str | None],
                 moved_in: dict[tuple[str | None, int], str | None]
                 ) -> tuple[list[Change], list[Aside], list[Block]]:
    """Word changes of one pair, the paragraphs left out of it, and how its paragraphs were compared.

    Paragraphs reported as moves are left out. In a split (merge), only the
    paragraphs of the old (new) section that belong with this partner are
    compared, so each part shows its own changes.
    """
    asides = _marked(o, moved_out, "old") + _marked(n, moved_in, "new")
    if o is not None and n is not None:
        if len(partners_of_old) > 1:
            asides += _other_parts(o, n, partners_of_old, "old", asides)
        if len(partners_of_new) > 1:
            asides += _other_parts(n, o, partners_of_new, "new", asides)
    skip = {side: {k for k, (a, _) in enumerate(paragraph_spans(s)) if (side, a) in {(x.side, x.start) for x in asides}}
            for side, s in (("old", o), ("new", n))}
    result = diff_sections(o, n, skip["old"], skip["new"])
    return result.changes, sorted(asides, key=lambda a: (a.side, a.start)), result.blocks


def paragraph_spans(section: Section | None) -> list[tuple[int, int]]:
    """Character spans of the section's paragraphs in its `text` (none for no section)."""
    out: list[tuple[int, int]] = []
    pos = 0
    for p in section.paragraphs if section is not None else ():
        out.append((pos, pos + len(p)))
        pos += len(p) + 2
    return out


def _marked(section: Section | None, marks: dict[tuple[str | None, int], str | None], side: str) -> list[Aside]:
    """The section's paragraphs whose (section id, offset) is a key of `marks`: moved paragraphs."""
    if section is None:
        return []
    return [Aside(side, a, b, "moved", marks[(section.id, a)])
            for a, b in paragraph_spans(section) if (section.id, a) in marks]


def _other_parts(section: Section, partner: Section, partners: Sequence[Section], side: str,
                 already: Sequence[Aside]) -> list[Aside]:
    """Paragraphs of `section` that belong with another of its partners: the one they share most
    with (on a tie, or sharing nothing with any, the first partner), so that each paragraph of a
    split or merged section is compared, and counted, in one part only."""
    partner_shingles = [set(shingles(norm_words(r.text))) for r in partners]
    mine = partners.index(partner)
    taken = {(a.side, a.start) for a in already}
    out = []
    for (a, b), p in zip(paragraph_spans(section), section.paragraphs, strict=True):
        if (side, a) in taken:
            continue
        sh = shingles(norm_words(p))
        shares = [sum(c for x, c in sh.items() if x in other) for other in partner_shingles]
        best = max(range(len(shares)), key=lambda k: shares[k])  # the first of the best
        if best != mine:
            out.append(Aside(side, a, b, "part", partners[best].id))
    return out


def find_moves(old: Sequence[Section], new: Sequence[Section], links: Sequence[Link]) -> list[Change]:
    """Paragraphs that now stand in a new section not paired with their old section."""
    paired = {(lk.old, lk.new) for lk in links}
    old_paras = [p for p in paragraphs(old) if len(p.words) >= MIN_MOVE_WORDS]
    new_paras = [p for p in paragraphs(new) if len(p.words) >= MIN_MOVE_WORDS]
    index: dict[tuple[str, ...], list[int]] = {}
    for j, q in enumerate(new_paras):
        for k in range(len(q.words) - 2):
            index.setdefault(q.words[k:k + 3], []).append(j)
    # phrases found in very many paragraphs cannot point at one of them
    index = {k: sorted(set(v)) for k, v in index.items() if len(set(v)) <= MAX_DF_PHRASE}
    moves: list[Change] = []
    seen: dict[str, int] = {}
    used_new: set[int] = set()
    for p in old_paras:
        hits: Counter[int] = Counter()
        for k in range(len(p.words) - 2):
            hits.update(index.get(p.words[k:k + 3], ()))
        best, best_sim = None, 0.0
        for j, _ in hits.most_common(5):
            q = new_paras[j]
            sim = fuzz.ratio(" ".join(p.words), " ".join(q.words)) / 100
            if sim > best_sim:
                best, best_sim = j, sim
        if best is None or best_sim < MOVE_MATCH or best in used_new:
            continue
        q = new_paras[best]
        if (p.section, q.section) in paired:
            continue
        # the paragraph also stays (edited) in a partner of its old section: not a move
        if any(lk.old == p.section and lk.new is not None and _contains(new[lk.new], p.words) for lk in links):
            continue
        used_new.add(best)
        o, n = old[p.section], new[q.section]
        old_s, new_s = o.text[p.start:p.end], n.text[q.start:q.end]
        moves.append(Change(change_id("move", old_s, new_s, o.id, n.id, seen), "move", old_s, new_s,
                            p.start, q.start, o.id, n.id))
    return moves


def _contains(section: Section, words: Sequence[str]) -> bool:
    return fuzz.partial_ratio(" ".join(words), " ".join(norm_words(section.text))) >= 90
