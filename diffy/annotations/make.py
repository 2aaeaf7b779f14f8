"""Annotations made from what a reader selects: a change, or a paragraph."""

from __future__ import annotations

from collections.abc import Sequence

from diffy.annotations import store
from diffy.annotations.anchor import quote_target
from diffy.annotations.model import Annotation, Target
from diffy.comparison.compare import Pair
from diffy.comparison.diff import Change
from diffy.model import Section


def change_targets(pair: Pair, change: Change) -> tuple[Target, ...]:
    """Quotes for a change: its old words, its new words, or both for a replacement."""
    out = []
    if change.kind != "move" and change.old and pair.old is not None:
        out.append(quote_target("old", pair.old, change.old_offset, change.old_offset + len(change.old), change.id))
    if change.new and pair.new is not None:
        out.append(quote_target("new", pair.new, change.new_offset, change.new_offset + len(change.new), change.id))
    return tuple(out)


def paragraph_target(side: str, section: Section, index: int) -> Target:
    start = sum(len(p) + 2 for p in section.paragraphs[:index])
    return quote_target(side, section, start, start + len(section.paragraphs[index]))


def new_annotation(targets: Sequence[Target], note: str, tags: Sequence[str]) -> Annotation:
    stamp = store.now()
    return Annotation(store.new_id(), stamp, stamp, store.author(), note, clean_tags(tags), tuple(targets))


def clean_tags(tags: Sequence[str]) -> tuple[str, ...]:
    """Tags without '#', spaces or duplicates, in the order given."""
    out = (t.strip().lstrip("#").replace(" ", "-") for t in tags)
    return tuple(dict.fromkeys(t for t in out if t))
