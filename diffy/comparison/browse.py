"""Headless helpers for browsing a comparison: filters, search and version labels.

The terminal UI calls these; they know nothing about Textual.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from diffy.comparison.compare import Comparison, Pair
from diffy.comparison.diff import search_key, word_count

NO_HEADING = "(text before the first heading)"


def pair_heading(p: Pair) -> str:
    """The heading a pair is listed under: the new one, else the old one."""
    s = p.new if p.new is not None else p.old
    return (s.heading if s is not None else None) or NO_HEADING


def pair_level(p: Pair) -> int:
    s = p.new if p.new is not None else p.old
    return s.level if s is not None else 0


@dataclass(frozen=True, slots=True)
class Filter:
    changed_only: bool = False
    relation: str | None = None
    text: str = ""
    tag: str | None = None  # only pairs holding an annotation with this tag
    significant: bool = False  # only pairs holding a change scored significant (applied by the UI)

    @property
    def active(self) -> bool:
        return (self.changed_only or self.relation is not None or bool(self.text) or self.tag is not None
                or self.significant)

    def describe(self) -> str:
        parts = []
        if self.changed_only:
            parts.append("changed only")
        if self.relation:
            parts.append(f"relation: {self.relation}")
        if self.text:
            parts.append(f"text: {self.text!r}")
        if self.tag:
            parts.append(f"tag: #{self.tag}")
        if self.significant:
            parts.append("significant only")
        return " · ".join(parts)

    def keeps(self, p: Pair, tags: frozenset[str] = frozenset()) -> bool:
        if self.tag is not None and self.tag not in tags:
            return False
        if self.changed_only and not p.changed:
            return False
        if self.relation is not None and p.relation != self.relation:
            return False
        if self.text:
            needle = search_key(self.text)
            hay = [s.heading or "" for s in (p.old, p.new) if s] + [s.text for s in (p.old, p.new) if s]
            if not any(needle in search_key(h) for h in hay):
                return False
        return True


def visible_pairs(cmp: Comparison, flt: Filter, tags: dict[int, frozenset[str]] | None = None) -> list[int]:
    """Indexes of the pairs the filter keeps; `tags` gives the annotation tags held by each pair."""
    tags = tags or {}
    return [k for k, p in enumerate(cmp.pairs) if flt.keeps(p, tags.get(k, frozenset()))]


@dataclass(frozen=True, slots=True)
class Match:
    pair: int  # index into comparison.pairs
    side: str  # "old" | "new" | "heading"
    offset: int  # character offset in the section's text (0 for a heading)


def find_matches(cmp: Comparison, query: str) -> list[Match]:
    """Every occurrence of `query` (case and quote style ignored) in both documents, in outline order.

    A section that appears in several pairs (a split or merge) is searched once,
    in its first pair.
    """
    needle = search_key(query)
    if not needle:
        return []
    seen: set[tuple[str, str]] = set()
    out: list[Match] = []
    for k, p in enumerate(cmp.pairs):
        for side, s in (("old", p.old), ("new", p.new)):
            if s is None or (side, s.id) in seen:
                continue
            seen.add((side, s.id))
            if needle in search_key(s.heading or "") and not any(m.pair == k and m.side == "heading" for m in out):
                out.append(Match(k, "heading", 0))
            hay = search_key(s.text)
            pos = hay.find(needle)
            while pos >= 0:
                out.append(Match(k, side, pos))
                pos = hay.find(needle, pos + len(needle))
    return out


def version_label(path: str | Path) -> str:
    """A short name for one version: its label in the folder's `series.json`, else the file name."""
    p = Path(path)
    meta = p.parent / "series.json"
    if meta.is_file():
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
            for v in data.get("versions", []):
                if isinstance(v, dict) and v.get("file") == p.name and v.get("label"):
                    return str(v["label"])
        except (OSError, ValueError, AttributeError):
            pass  # the metadata is a convenience; a broken file only costs the label
    return p.stem


def section_stats(p: Pair) -> tuple[int, int]:
    """(words inserted, words deleted) in one pair, moves excluded."""
    ins = sum(word_count(c.new) for c in p.changes if c.kind != "move")
    dele = sum(word_count(c.old) for c in p.changes if c.kind != "move")
    return ins, dele


def relation_counts(pairs: Sequence[Pair]) -> dict[str, int]:
    from diffy.comparison.compare import RELATIONS

    return {r: sum(1 for p in pairs if p.relation == r) for r in RELATIONS}
