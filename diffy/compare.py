"""`compare(old, new) -> Comparison`: the one entry the CLI, the UI and the exports call."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from diffy.align import Link, align, norm_words, relations
from diffy.diff import Change, Token, change_id, tokenize, word_changes
from diffy.model import Document, Section

RELATIONS = ("same", "edited", "renamed", "moved", "split", "merged", "added", "removed")
MOVE_MATCH = 0.6  # paragraph similarity that makes text in another section "the same paragraph"
MIN_MOVE_WORDS = 8


@dataclass(frozen=True, slots=True)
class Pair:
    old: Section | None
    new: Section | None
    relation: str
    similarity: float
    changes: tuple[Change, ...]

    @property
    def changed(self) -> bool:
        return self.relation != "same" or bool(self.changes)


@dataclass(frozen=True, slots=True)
class Comparison:
    old: Document
    new: Document
    pairs: tuple[Pair, ...]

    def summary(self) -> dict:
        counts = Counter(p.relation for p in self.pairs)
        ins = dele = 0
        for p in self.pairs:
            for c in p.changes:
                ins += len(c.new.split()) if c.kind != "move" else 0
                dele += len(c.old.split()) if c.kind != "move" else 0
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


def compare(old: Document, new: Document) -> Comparison:
    links = align(old.sections, new.sections)
    rels = relations(links, old.sections, new.sections)
    moves = find_moves(old.sections, new.sections, links)
    moved_out = {(m.old_id, m.old_offset) for m in moves}
    moved_in = {(m.new_id, m.new_offset) for m in moves}
    pairs = []
    first_pair_of_new: dict[int, int] = {}
    for k, lk in enumerate(links):
        if lk.new is not None:
            first_pair_of_new.setdefault(lk.new, k)
    for k, (lk, rel) in enumerate(zip(links, rels, strict=True)):
        o = old.sections[lk.old] if lk.old is not None else None
        n = new.sections[lk.new] if lk.new is not None else None
        changes = pair_changes(o, n, links, lk, moved_out, moved_in, old.sections, new.sections)
        if lk.new is not None and n is not None and first_pair_of_new[lk.new] == k:
            changes += [m for m in moves if m.new_id == n.id]
        changes.sort(key=lambda c: (c.new_offset, c.old_offset))
        pairs.append(Pair(o, n, rel, lk.similarity, tuple(changes)))
    return Comparison(old, new, tuple(_ordered(pairs, old.sections, new.sections)))


def _ordered(pairs: list[Pair], old: Sequence[Section], new: Sequence[Section]) -> list[Pair]:
    """New-document order; a removed section goes after the pair that holds its predecessor."""
    new_pos = {s.id: k for k, s in enumerate(new)}
    old_pos = {s.id: k for k, s in enumerate(old)}
    place: dict[int, float] = {}
    for p in pairs:
        if p.new is not None and p.old is not None:
            place.setdefault(old_pos[p.old.id], new_pos[p.new.id])

    def key(p: Pair) -> tuple[float, float]:
        if p.new is not None:
            return (new_pos[p.new.id], old_pos[p.old.id] if p.old else -1)
        i = old_pos[p.old.id]  # type: ignore[union-attr]
        before = max((place[j] for j in range(i) if j in place), default=-1)
        return (before + 0.5, i)

    return sorted(pairs, key=key)


def _tokens_outside(text: str, skip: Sequence[tuple[int, int]]) -> list[Token]:
    toks = tokenize(text)
    return [t for t in toks if not any(a <= t.start < b for a, b in skip)]


def pair_changes(o, n, links, lk: Link, moved_out, moved_in, old_secs, new_secs) -> list[Change]:
    old_text = o.text if o else ""
    new_text = n.text if n else ""
    skip_old = [(s, e) for (sid, s), e in _spans(o, moved_out)] if o else []
    skip_new = [(s, e) for (sid, s), e in _spans(n, moved_in)] if n else []
    old_tokens = _tokens_outside(old_text, skip_old)
    new_tokens = _tokens_outside(new_text, skip_new)
    if o is not None and n is not None:
        # in a split or merge, compare only the paragraphs that went to (came from) the partner
        partners_of_old = [x.new for x in links if x.old == lk.old and x.new is not None]
        partners_of_new = [x.old for x in links if x.new == lk.new and x.old is not None]
        if len(partners_of_old) > 1:
            old_tokens = _keep_paragraphs(o, old_tokens, n, [new_secs[j] for j in partners_of_old])
        if len(partners_of_new) > 1:
            new_tokens = _keep_paragraphs(n, new_tokens, o, [old_secs[i] for i in partners_of_new])
    return word_changes(old_text, new_text, old_tokens, new_tokens)


def _spans(section: Section, marks) -> list[tuple[tuple[str, int], int]]:
    out = []
    pos = 0
    for p in section.paragraphs:
        if (section.id, pos) in marks:
            out.append(((section.id, pos), pos + len(p)))
        pos += len(p) + 2
    return out


def _keep_paragraphs(section: Section, tokens: list[Token], partner: Section, rivals: Sequence[Section]) -> list[Token]:
    """Tokens of the paragraphs of `section` that match `partner` better than the other partners."""
    keep: list[tuple[int, int]] = []
    pos = 0
    for p in section.paragraphs:
        scores = [fuzz.partial_ratio(p, r.text) if r.text else 0 for r in rivals]
        mine = fuzz.partial_ratio(p, partner.text) if partner.text else 0
        if mine >= max(scores, default=0):
            keep.append((pos, pos + len(p)))
        pos += len(p) + 2
    return [t for t in tokens if any(a <= t.start < b for a, b in keep)]


def find_moves(old: Sequence[Section], new: Sequence[Section], links: Sequence[Link]) -> list[Change]:
    """Paragraphs that now stand in a new section not paired with their old section."""
    paired = {(lk.old, lk.new) for lk in links}
    old_paras = [p for p in paragraphs(old) if len(p.words) >= MIN_MOVE_WORDS]
    new_paras = [p for p in paragraphs(new) if len(p.words) >= MIN_MOVE_WORDS]
    index: dict[tuple[str, ...], list[int]] = {}
    for j, q in enumerate(new_paras):
        for k in range(len(q.words) - 2):
            index.setdefault(q.words[k:k + 3], []).append(j)
    moves: list[Change] = []
    seen: dict[str, int] = {}
    used_new: set[int] = set()
    for p in old_paras:
        hits: Counter[int] = Counter()
        for k in range(len(p.words) - 2):
            for j in set(index.get(p.words[k:k + 3], ())):
                hits[j] += 1
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
