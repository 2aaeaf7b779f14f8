"""Paragraph-level evidence for splits and merges that section-level similarity misses.

When a section is divided, each part is much smaller than the whole, so the
whole resembles neither part very much. Its paragraphs do: each paragraph is
matched to the most similar paragraph anywhere in the other document (TF-IDF
cosine over content words), and a section *votes* for the section holding that
best match. Several votes for the same section, from paragraphs that make up a
fair share of the text, are evidence that text went there.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from diffy.model import Section

MIN_WORDS = 8  # shorter paragraphs say too little to vote
MIN_PARAGRAPH_COSINE = 0.15
MAX_DF = 20  # words in more paragraphs than this are left out of the index (linear work)


Words = Callable[[str], Sequence[str]]


def _tokens(text: str, stopwords: frozenset[str], norm_words: Words) -> Counter[str]:
    return Counter(w for w in norm_words(text) if w not in stopwords)


class ParagraphVotes:
    """For each section of one side, how its paragraphs' best matches fall on the other side."""

    def __init__(self, old: Sequence[Section], new: Sequence[Section], stopwords: frozenset[str],
                 norm_words: Words) -> None:
        old_paras = [(k, p) for k, s in enumerate(old) for p in s.paragraphs if len(p.split()) >= MIN_WORDS]
        new_paras = [(k, p) for k, s in enumerate(new) for p in s.paragraphs if len(p.split()) >= MIN_WORDS]
        old_tf = [_tokens(p, stopwords, norm_words) for _, p in old_paras]
        new_tf = [_tokens(p, stopwords, norm_words) for _, p in new_paras]
        df: Counter[str] = Counter()
        for tf in (*old_tf, *new_tf):
            df.update(tf.keys())
        n = len(old_tf) + len(new_tf)
        idf = {w: math.log(1 + n / c) for w, c in df.items()}
        ov = [_unit(tf, idf) for tf in old_tf]
        nv = [_unit(tf, idf) for tf in new_tf]
        self.old_words = [sum(len(p.split()) for p in s.paragraphs) for s in old]
        self.new_words = [sum(len(p.split()) for p in s.paragraphs) for s in new]
        self.old_votes = _votes(ov, nv, [k for k, _ in old_paras], [k for k, _ in new_paras],
                                [len(p.split()) for _, p in old_paras], df)
        self.new_votes = _votes(nv, ov, [k for k, _ in new_paras], [k for k, _ in old_paras],
                                [len(p.split()) for _, p in new_paras], df)

    def old_to(self, i: int, j: int) -> tuple[int, float]:
        """(paragraphs of old section i whose best match is in new section j, their share of i's words)."""
        count, words = self.old_votes.get((i, j), (0, 0))
        return count, words / self.old_words[i] if self.old_words[i] else 0.0

    def new_from(self, j: int, i: int) -> tuple[int, float]:
        """(paragraphs of new section j whose best match is in old section i, their share of j's words)."""
        count, words = self.new_votes.get((j, i), (0, 0))
        return count, words / self.new_words[j] if self.new_words[j] else 0.0


def _unit(tf: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    v = {w: (1 + math.log(c)) * idf[w] for w, c in tf.items()}
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {w: x / norm for w, x in v.items()}


def _votes(src, dst, src_section, dst_section, src_words, df) -> dict[tuple[int, int], tuple[int, int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for k, v in enumerate(dst):
        for w in v:
            if df[w] <= MAX_DF:
                index[w].append(k)
    out: dict[tuple[int, int], tuple[int, int]] = {}
    for a, v in enumerate(src):
        dot: dict[int, float] = defaultdict(float)
        for w, x in v.items():
            for b in index.get(w, ()):
                dot[b] += x * dst[b][w]
        if not dot:
            continue
        b, best = max(dot.items(), key=lambda kv: (kv[1], -kv[0]))
        if best < MIN_PARAGRAPH_COSINE:
            continue
        key = (src_section[a], dst_section[b])
        count, words = out.get(key, (0, 0))
        out[key] = (count + 1, words + src_words[a])
    return out
