"""Section alignment by content.

Sections of two versions are paired by what they say, not by number or place:
each section's body is cut into overlapping three-word shingles weighted by how
rare they are in the two documents (IDF), and the share of a section's weight
found in another section is its *coverage* there. Titles add evidence, which
matters for sections with little body text. A pair is kept when one section is
the other's best match with enough coverage; an old section kept in two or
more pairs was **split**, a new section in two or more pairs was **merged**.
Rewrites too heavy for section-level evidence are caught from paragraphs
(`diffy.comparison.paragraph_votes`): an unpaired subsection of an old section's partner
where several of that section's paragraphs found their closest counterpart is
a part of its split. When the two documents are versions of one series with
versions between them, the pairs those versions trace (`traced`) are evidence
too: one is kept when the two sections' own text does not contradict it.

Relations, decided in this order for each pair (old section o, new section n):

1. `added` (no o) / `removed` (no n);
2. `split`: o appears in two or more pairs; `merged`: n appears in two or more pairs;
3. `moved`: n's parent is not paired with o's parent (the document root counts
   as a parent), or the pair is out of order among its siblings: it is not on
   every longest run of sibling pairs whose old and new orders agree;
4. `renamed`: the heading's title differs (numbering ignored);
5. `edited`: the body text differs (whitespace and quote style ignored: `’` = `'`);
6. `same`: title and body identical.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from diffy.comparison.containers import pair_containers
from diffy.comparison.diff import fold, layout_only
from diffy.comparison.order import not_on_every_lis
from diffy.comparison.paragraph_votes import ParagraphVotes
from diffy.model import Section

SHINGLE = 3
MIN_COVERAGE = 0.3  # share of a section's content that must be found in its partner
SPLIT_COVERAGE = 0.25  # share of a new section that must come from the old one it split from
SPLIT_SHARE = 0.1  # share of the old section that part must hold
TITLE_MATCH = 0.85
MIN_COSINE = 0.3  # vocabulary similarity that pairs two sections that are each other's best match
PART_VOCABULARY = 0.5  # share of a section's weighted vocabulary found in a split or merge partner
PART_COSINE = 0.2
WEAK_COSINE = 0.15  # a mutual best match this similar is kept when it clearly beats the runner-up
MARGIN = 1.3
STRUCTURE_BONUS = 0.1  # evidence added for proximity (see `align`)
POSITION_WEIGHT = 0.02  # a hint only: breaks ties between equally good matches (repeated sections)
LEFTOVER_COSINE = 0.1
LEFTOVER_TITLE = 0.7  # or, short of a clear margin, the titles say the same
TRACED_COSINE = LEFTOVER_COSINE  # a pair the versions in between trace: vocabulary it must still share
# a word (phrase) found in more sections than this is too common to tell sections apart; it is
# left out of the pair indexes (it still weighs in each section's total), keeping the work linear
MAX_DF_WORD, MAX_DF_PHRASE = 50, 20
PART_PARAGRAPH = 0.75  # paragraph similarity (whole or contained) that marks a part of a split or merge
SHARED_PHRASES = 2  # three-word phrases two paragraphs must share before their similarity is worth scoring
CANDIDATE_PARAGRAPHS = 5  # of those, the ones sharing most are scored
# a section whose paragraphs point at a nearby unpaired section: so many of them, this share of its words
PART_VOTES, PART_VOTE_SHARE = 2, 1 / 3

STOPWORDS = frozenset("""a an and are as at be been by for from has have in into is it its of on or that the their
them these this those to was were which will with would shall may should must can could not no any all each
other such than then there they we our us you your he she his her also under upon within without""".split())


@functools.lru_cache(maxsize=16384)
def norm_words(text: str) -> tuple[str, ...]:
    """Words of a text, case aside. Cached, as each section and paragraph is read by several rules;
    `compare` empties the cache first, so one comparison never lives off another's work."""
    return tuple(_NORM_WORD.findall(text.casefold()))


_NORM_WORD = re.compile(r"[^\W_]+")


def shingles(words: Sequence[str]) -> Counter[tuple[str, ...]]:
    if len(words) < SHINGLE:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


# numbering before a title, in any style: `1 `, `1.`, `1.0`, `2.3.1`, `I.`, `A)`, `(a)`, `Section 1`,
# `§ 1`, `Article 3 –`, `Chapter IV:`, `Appendix B`; a lone letter or roman numeral only with its
# punctuation or keyword (`A Framework for …` keeps its `A`)
_KEYWORD = r"(?:(?:section|sec\.|article|art\.|chapter|part|clause|appendix|annex|schedule|title|rule)\s+|§+\s*)"
_NUMBERING = re.compile(
    rf"^\s*(?:{_KEYWORD}(?:\d+[a-z]?(?:[.\-]\d+)*|[ivxlcdm]+\b|[a-z]\b)"
    r"|\(?(?:\d+[a-z]?(?:\.\d+)*)\)?(?=[\s.:)\-\u2013\u2014]|$)"
    r"|\(?(?:[ivxlcdm]+|[a-z])[.)])"
    r"[\s.:)\-\u2013\u2014]*", re.I)


def title_words(text: str) -> str:
    """A heading's title as compared: numbering in any style, case and punctuation left out."""
    rest = text
    for _ in range(3):  # `Part II. 3. Scope`
        m = _NUMBERING.match(rest)
        if not m or not m.group().strip():
            break
        rest = rest[m.end():]
    return " ".join(norm_words(rest))


def title_key(s: Section) -> str:
    return title_words(s.title or s.heading or "")


@dataclass(frozen=True, slots=True)
class Link:
    old: int | None  # index into the old document's sections
    new: int | None
    similarity: float
    traced: bool = False  # paired on the evidence of the versions in between (see `align`)


class Affinity:
    """IDF-weighted shingle overlap between every old and every new section."""

    def __init__(self, old: Sequence[Section], new: Sequence[Section]) -> None:
        self.old_sh = [shingles(norm_words(s.text)) for s in old]
        self.new_sh = [shingles(norm_words(s.text)) for s in new]
        df: Counter[tuple[str, ...]] = Counter()
        for sh in (*self.old_sh, *self.new_sh):
            df.update(sh.keys())
        n = len(old) + len(new)
        self.idf = {k: math.log(1 + n / c) for k, c in df.items()}
        self.old_mass = [self._mass(sh) for sh in self.old_sh]
        self.new_mass = [self._mass(sh) for sh in self.new_sh]
        index: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for j, sh in enumerate(self.new_sh):
            for k in sh:
                if df[k] <= MAX_DF_PHRASE:
                    index[k].append(j)
        self.shared: dict[tuple[int, int], float] = defaultdict(float)
        for i, sh in enumerate(self.old_sh):
            for k, c in sh.items():
                for j in index.get(k, ()):
                    self.shared[(i, j)] += min(c, self.new_sh[j][k]) * self.idf[k]
        self._unigrams(old, new)

    def _unigrams(self, old: Sequence[Section], new: Sequence[Section]) -> None:
        """Vocabulary overlap (TF-IDF cosine and coverage): evidence that survives rewording."""
        old_tf = [Counter(w for w in norm_words(s.text) if w not in STOPWORDS) for s in old]
        new_tf = [Counter(w for w in norm_words(s.text) if w not in STOPWORDS) for s in new]
        df: Counter[str] = Counter()
        for tf in (*old_tf, *new_tf):
            df.update(tf.keys())
        n = len(old) + len(new)
        idf = {w: math.log(1 + n / c) for w, c in df.items()}

        def vec(tf: Counter) -> dict[str, float]:
            return {w: (1 + math.log(c)) * idf[w] for w, c in tf.items()}

        ov = [vec(tf) for tf in old_tf]
        nv = [vec(tf) for tf in new_tf]
        on = [math.sqrt(sum(x * x for x in v.values())) or 1.0 for v in ov]
        nn = [math.sqrt(sum(x * x for x in v.values())) or 1.0 for v in nv]
        self.uni_old_mass = [sum(c * idf[w] for w, c in tf.items()) for tf in old_tf]
        self.uni_new_mass = [sum(c * idf[w] for w, c in tf.items()) for tf in new_tf]
        index: dict[str, list[int]] = defaultdict(list)
        for j, tf in enumerate(new_tf):
            for w in tf:
                if df[w] <= MAX_DF_WORD:
                    index[w].append(j)
        dot: dict[tuple[int, int], float] = defaultdict(float)
        self.uni_shared: dict[tuple[int, int], float] = defaultdict(float)
        for i, tf in enumerate(old_tf):
            for w, c in tf.items():
                for j in index.get(w, ()):
                    dot[(i, j)] += ov[i][w] * nv[j][w]
                    self.uni_shared[(i, j)] += min(c, new_tf[j][w]) * idf[w]
        self.cos = {k: v / (on[k[0]] * nn[k[1]]) for k, v in dot.items()}

    def uni_cov_old(self, i: int, j: int) -> float:
        return self.uni_shared.get((i, j), 0.0) / self.uni_old_mass[i] if self.uni_old_mass[i] else 0.0

    def uni_cov_new(self, i: int, j: int) -> float:
        return self.uni_shared.get((i, j), 0.0) / self.uni_new_mass[j] if self.uni_new_mass[j] else 0.0

    def cosine(self, i: int, j: int) -> float:
        return self.cos.get((i, j), 0.0)

    def _mass(self, sh: Counter) -> float:
        return sum(c * self.idf[k] for k, c in sh.items())

    def cov_old(self, i: int, j: int) -> float:
        return self.shared.get((i, j), 0.0) / self.old_mass[i] if self.old_mass[i] else 0.0

    def cov_new(self, i: int, j: int) -> float:
        return self.shared.get((i, j), 0.0) / self.new_mass[j] if self.new_mass[j] else 0.0


def align(old: Sequence[Section], new: Sequence[Section],
          traced: Collection[tuple[int, int]] = ()) -> list[Link]:
    """Pair sections of two documents; unpaired ones come back as added or removed links.

    Two rounds. The first pairs sections on content and titles alone. The second
    adds a little evidence for *proximity* — a new section that lies within the
    new home of the old section's own partner or of one of its ancestors — as a
    reader expects subsections to travel with their section, and then places the
    old sections still left over: text rarely vanishes from a revision, so an old
    section whose vocabulary clearly points at one new section is merged into it.

    `traced` are pairs (old index, new index) that the versions between the two
    trace, section to section: a lineage. Content alone can miss them (a clause
    rewritten twice over keeps too little of its first wording for the rules
    above), yet a reader who followed the clause version by version knows it is
    one. The lineage fills gaps only: a traced pair is made when content left at
    least one of its sections unpaired (removed or added), never to rewire two
    sections that both found partners by their own text (chained splits and
    merges pair every part with every part, and repeated sections cross over),
    and only when the two sections still share vocabulary as an absorbed
    leftover must (`TRACED_COSINE`) and at least one phrase. Where they share
    nothing, the lineage ran through text that a version in between added, and
    the pair is not made.
    """
    pairing = _Pairing(old, new, Affinity(old, new))
    first = pairing.pair(set())
    kept = pairing.pair(first)
    paired_old, paired_new = {i for i, _ in kept}, {j for _, j in kept}
    by_lineage = {(i, j) for i, j in traced
                  if (i not in paired_old or j not in paired_new) and pairing.supports(i, j)}
    kept |= by_lineage
    kept |= pair_containers(old, new, kept, pairing.aff.cosine)
    links = [Link(i, j, similarity(old[i], new[j]), (i, j) in by_lineage) for i, j in sorted(kept)]
    paired_old = {i for i, _ in kept}
    paired_new = {j for _, j in kept}
    links += [Link(i, None, 0.0) for i in range(len(old)) if i not in paired_old]
    links += [Link(None, j, 0.0) for j in range(len(new)) if j not in paired_new]
    return links


class _Pairing:
    def __init__(self, old: Sequence[Section], new: Sequence[Section], aff: Affinity) -> None:
        self.old, self.new, self.aff = old, new, aff
        self.titles_old = [title_key(s) for s in old]
        self.titles_new = [title_key(s) for s in new]
        index_old = {s.id: k for k, s in enumerate(old)}
        index_new = {s.id: k for k, s in enumerate(new)}
        self.old_ancestors = [_ancestors(k, old, index_old) for k in range(len(old))]
        self.new_subtree: list[list[int]] = [[k] for k in range(len(new))]  # a section and its descendants
        for k in range(len(new)):
            for a in _ancestors(k, new, index_new):
                self.new_subtree[a].append(k)
        self.near: set[tuple[int, int]] = set()
        self._para_cache: dict[tuple[int, int], bool] = {}
        self._votes: ParagraphVotes | None = None
        self.old_span, self.new_span = max(len(old) - 1, 1), max(len(new) - 1, 1)

    def title_sim(self, i: int, j: int) -> float:
        a, b = self.titles_old[i], self.titles_new[j]
        return fuzz.token_sort_ratio(a, b) / 100 if a and b else 0.0

    def title_overlap(self, i: int, j: int) -> float:
        a, b = self.titles_old[i], self.titles_new[j]
        return fuzz.token_set_ratio(a, b) / 100 if a and b else 0.0

    def score(self, i: int, j: int) -> float:
        aff = self.aff
        t = self.title_sim(i, j)
        return (aff.cosine(i, j) + 0.5 * max(aff.cov_old(i, j), aff.cov_new(i, j))
                + (0.5 * t if t >= TITLE_MATCH else 0.0) + 0.2 * self.title_overlap(i, j)
                + (STRUCTURE_BONUS if (i, j) in self.near else 0.0)
                + POSITION_WEIGHT * (1.0 - abs(i / self.old_span - j / self.new_span)))

    def title_pairs(self) -> set[tuple[int, int]]:
        """Pairs of sections whose titles share a word that is not among the commonest."""
        index: dict[str, list[int]] = defaultdict(list)
        for j, t in enumerate(self.titles_new):
            for w in set(t.split()) - STOPWORDS:
                index[w].append(j)
        pairs: set[tuple[int, int]] = set()
        for i, t in enumerate(self.titles_old):
            for w in set(t.split()) - STOPWORDS:
                if len(index.get(w, ())) <= MAX_DF_WORD:
                    pairs.update((i, j) for j in index.get(w, ()))
        return pairs

    def shared_paragraph(self, i: int, j: int) -> bool:
        """A part of a split or merge carries at least one recognisably same paragraph."""
        key = (i, j)
        if key not in self._para_cache:
            news = [q for q in self.new[j].paragraphs if len(q.split()) >= 8]
            index: dict[tuple[str, ...], list[int]] = defaultdict(list)
            for k, q in enumerate(news):
                for sh in set(shingles(norm_words(q))):
                    index[sh].append(k)
            found = False
            for p in (p for p in self.old[i].paragraphs if len(p.split()) >= 8):
                # only paragraphs sharing a few phrases are scored (the scoring is the costly part)
                hits = Counter(k for sh in set(shingles(norm_words(p))) for k in index.get(sh, ()))
                cut = 100 * PART_PARAGRAPH
                if any(fuzz.ratio(p, news[k], score_cutoff=cut) or fuzz.partial_ratio(p, news[k], score_cutoff=cut)
                       for k, n in hits.most_common(CANDIDATE_PARAGRAPHS) if n >= SHARED_PHRASES):
                    found = True
                    break
            self._para_cache[key] = found
        return self._para_cache[key]

    def proximity(self, kept: set[tuple[int, int]]) -> set[tuple[int, int]]:
        """(i, j) where j lies within the partner of i or of one of i's (non-root) ancestors."""
        partners: dict[int, list[int]] = defaultdict(list)
        for a, b in kept:
            partners[a].append(b)
        near: set[tuple[int, int]] = set()
        for i in range(len(self.old)):
            for a in (i, *self.old_ancestors[i]):
                for home in partners.get(a, ()):
                    near.update((i, j) for j in self.new_subtree[home])
        return near

    def pair(self, previous: set[tuple[int, int]]) -> set[tuple[int, int]]:
        old, new, aff = self.old, self.new, self.aff
        self.near = self.proximity(previous) if previous else set()
        candidates: dict[tuple[int, int], float] = {k: self.score(*k) for k in aff.cos}
        for i, j in self.title_pairs():  # headings with little text: titles carry the evidence
            if (i, j) not in candidates and (old[i].level > 0) == (new[j].level > 0):
                if self.title_sim(i, j) >= TITLE_MATCH:
                    candidates[(i, j)] = self.score(i, j)
        ranked_new: dict[int, list[tuple[float, int]]] = defaultdict(list)
        ranked_old: dict[int, list[tuple[float, int]]] = defaultdict(list)
        for (i, j), sc in candidates.items():
            ranked_new[i].append((sc, j))
            ranked_old[j].append((sc, i))
        for lst in (*ranked_new.values(), *ranked_old.values()):
            lst.sort(reverse=True)
        best_new = {i: lst[0][1] for i, lst in ranked_new.items()}
        best_old = {j: lst[0][1] for j, lst in ranked_old.items()}

        def clear(lst: list[tuple[float, int]]) -> bool:
            return len(lst) < 2 or lst[0][0] >= MARGIN * lst[1][0]

        def strong(i: int, j: int) -> bool:
            if aff.cov_old(i, j) >= MIN_COVERAGE or aff.cov_new(i, j) >= MIN_COVERAGE:
                return True
            if aff.cosine(i, j) >= MIN_COSINE:
                return True
            if self.title_sim(i, j) >= TITLE_MATCH and _little_text(old[i], new[j], aff, i, j):
                return True
            # reworded beyond shared phrases, but clearly each other's best match
            return aff.cosine(i, j) >= WEAK_COSINE and clear(ranked_new[i]) and clear(ranked_old[j])

        kept = {(i, j) for i, j in best_new.items() if best_old.get(j) == i and strong(i, j)}
        for (i, j) in candidates:  # the other partners: parts of a split or a merge
            if (i, j) in kept:
                continue
            if best_new.get(i) == j and (aff.cov_old(i, j) >= MIN_COVERAGE or (
                    aff.uni_cov_old(i, j) >= PART_VOCABULARY and aff.cosine(i, j) >= PART_COSINE)):
                if self.shared_paragraph(i, j):
                    kept.add((i, j))  # most of o went into n, which also holds other text: a merge
            elif best_old.get(j) == i and (
                    aff.cov_new(i, j) >= SPLIT_COVERAGE and aff.cov_old(i, j) >= SPLIT_SHARE
                    or aff.uni_cov_new(i, j) >= PART_VOCABULARY and aff.cosine(i, j) >= PART_COSINE):
                if self.shared_paragraph(i, j):
                    kept.add((i, j))  # much of n came from o, whose text also went elsewhere: a split
        if previous:
            kept |= self._leftovers(kept, ranked_new, ranked_old, clear)
            kept |= self._voted_parts(kept)
        return kept

    def supports(self, i: int, j: int) -> bool:
        """The two sections' text does not contradict pairing them: some rarer vocabulary and at
        least one phrase in common."""
        return self.aff.shared.get((i, j), 0.0) > 0.0 and self.aff.cosine(i, j) >= TRACED_COSINE

    def _voted_parts(self, kept: set[tuple[int, int]]) -> set[tuple[int, int]]:
        """Parts of a split found by paragraph votes: a new subsection of an old section's partner,
        otherwise unpaired, where several of the old section's paragraphs found their best match."""
        if self._votes is None:
            self._votes = ParagraphVotes(self.old, self.new, STOPWORDS, norm_words)
        paired_new = {j for _, j in kept}
        extra: set[tuple[int, int]] = set()
        for i, home in kept:
            for j in self.new_subtree[home][1:]:
                if j in paired_new:
                    continue
                count, share = self._votes.old_to(i, j)
                if count >= PART_VOTES and share >= PART_VOTE_SHARE:
                    extra.add((i, j))
        return extra

    def _leftovers(self, kept, ranked_new, ranked_old, clear) -> set[tuple[int, int]]:
        aff = self.aff
        paired_old = {i for i, _ in kept}
        extra: set[tuple[int, int]] = set()
        for i in range(len(self.old)):
            if i in paired_old or not ranked_new.get(i):
                continue
            j = ranked_new[i][0][1]
            if aff.shared.get((i, j), 0.0) <= 0.0:
                continue  # not one phrase in common: a word or two shared by chance, not absorbed text
            if aff.cosine(i, j) >= LEFTOVER_COSINE and (
                    clear(ranked_new[i]) or (i, j) in self.near or self.title_overlap(i, j) >= LEFTOVER_TITLE):
                extra.add((i, j))  # an old section absorbed into the new section it most resembles
        return extra


def _ancestors(k: int, sections: Sequence[Section], index: dict[str, int]) -> list[int]:
    out = []
    parent = sections[k].parent
    while parent is not None and parent in index:
        p = index[parent]
        out.append(p)
        parent = sections[p].parent
    return out


def _little_text(o: Section, n: Section, aff: Affinity, i: int, j: int) -> bool:
    """Either side has too little body for content to decide, or the bodies do not disagree."""
    return len(o.text.split()) < 40 or len(n.text.split()) < 40 or aff.shared.get((i, j), 0) > 0


def similarity(o: Section, n: Section) -> float:
    a = " ".join(filter(None, (o.title, o.text)))
    b = " ".join(filter(None, (n.title, n.text)))
    return round(fuzz.ratio(" ".join(a.split()), " ".join(b.split())) / 100, 4)


def relations(links: Sequence[Link], old: Sequence[Section], new: Sequence[Section]) -> list[str]:
    """The relation of each link, by the rules in this module's docstring."""
    old_count = Counter(lk.old for lk in links if lk.old is not None and lk.new is not None)
    new_count = Counter(lk.new for lk in links if lk.old is not None and lk.new is not None)
    old_pos = {s.id: k for k, s in enumerate(old)}
    new_pos = {s.id: k for k, s in enumerate(new)}
    pairs = {(old[lk.old].id, new[lk.new].id) for lk in links if lk.old is not None and lk.new is not None}
    out_of_order = _out_of_order(links, old, new, old_count, new_count, old_pos, new_pos)
    result = []
    for k, lk in enumerate(links):
        if lk.old is None:
            result.append("added")
            continue
        if lk.new is None:
            result.append("removed")
            continue
        o, n = old[lk.old], new[lk.new]
        if old_count[lk.old] > 1:
            result.append("split")
        elif new_count[lk.new] > 1:
            result.append("merged")
        elif (o.parent is None) != (n.parent is None) or (
                o.parent is not None and (o.parent, n.parent) not in pairs) or k in out_of_order:
            result.append("moved")
        elif title_key(o) != title_key(n):
            result.append("renamed")
        elif fold(o.text).split() != fold(n.text).split() and not layout_only(o.text, n.text):
            result.append("edited")
        else:
            result.append("same")
    return result


def _out_of_order(links, old, new, old_count, new_count, old_pos, new_pos) -> set[int]:
    """Links of one-to-one pairs that are not on every longest in-order run among their siblings."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for k, lk in enumerate(links):
        if lk.old is None or lk.new is None or old_count[lk.old] > 1 or new_count[lk.new] > 1:
            continue
        groups[(old[lk.old].parent, new[lk.new].parent)].append(k)
    moved: set[int] = set()
    for members in groups.values():
        members.sort(key=lambda k: old_pos[old[links[k].old].id])
        seq = [new_pos[new[links[k].new].id] for k in members]
        moved.update(members[i] for i in not_on_every_lis(seq))
    return moved
