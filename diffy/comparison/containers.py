"""Containers pair by their children.

A part or chapter heading with little or no text of its own gives content
evidence nothing to work on, and when its title changed, titles give none
either. Its subsections say where it went: an unpaired section pairs with the
unpaired section of the other version that holds most of its paired
subsections' partners, when that section's own paired subsections come mostly
from it too. Deepest containers first, so a part pairs through chapters that
paired through their articles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from diffy.model import Section

LITTLE_TEXT = 40  # words: a section with less has too little text for content to decide
MAJORITY = 0.5  # share of a container's paired subsections whose partners must sit in one section
MIN_COSINE = 0.1  # containers with more text must not disagree in vocabulary either


def pair_containers(old: Sequence[Section], new: Sequence[Section], kept: set[tuple[int, int]],
                    cosine: Callable[[int, int], float]) -> set[tuple[int, int]]:
    """Pairs (old index, new index) of containers found through their children, beyond `kept`."""
    old_parent = _parents(old)
    new_parent = _parents(new)
    old_children = _children(old_parent, len(old))
    new_children = _children(new_parent, len(new))
    to_new: dict[int, set[int]] = {}
    to_old: dict[int, set[int]] = {}
    for i, j in kept:
        to_new.setdefault(i, set()).add(j)
        to_old.setdefault(j, set()).add(i)
    extra: set[tuple[int, int]] = set()
    depth = [_depth(k, old_parent) for k in range(len(old))]
    for i in sorted(range(len(old)), key=lambda k: (-depth[k], k)):
        if i in to_new or not old_children[i]:
            continue
        home = _majority(old_children[i], to_new, new_parent)
        if home is None or home in to_old or _majority(new_children[home], to_old, old_parent) != i:
            continue
        j = home
        little = min(len(old[i].text.split()), len(new[j].text.split())) < LITTLE_TEXT
        if not little and cosine(i, j) < MIN_COSINE:
            continue
        extra.add((i, j))
        to_new[i] = {j}
        to_old[j] = {i}
    return extra


def _majority(children: Sequence[int], partners: dict[int, set[int]], parent_of: Sequence[int | None]) -> int | None:
    """The section (of the other version) that is the parent of most of the children's partners."""
    votes: Counter[int] = Counter()
    paired = 0
    for c in children:
        homes = {parent_of[p] for p in partners.get(c, ())} - {None}
        if partners.get(c):
            paired += 1
        votes.update(h for h in homes if h is not None)
    if not votes:
        return None
    (home, n), *rest = votes.most_common(2)
    if n < MAJORITY * paired or (rest and rest[0][1] == n):
        return None
    return home


def _parents(sections: Sequence[Section]) -> list[int | None]:
    index = {s.id: k for k, s in enumerate(sections)}
    return [index.get(s.parent) if s.parent is not None else None for s in sections]


def _children(parents: Sequence[int | None], n: int) -> list[list[int]]:
    out: list[list[int]] = [[] for _ in range(n)]
    for k, p in enumerate(parents):
        if p is not None:
            out[p].append(k)
    return out


def _depth(k: int, parents: Sequence[int | None]) -> int:
    d = 0
    p = parents[k]
    while p is not None and d < 64:
        d += 1
        p = parents[p]
    return d
