"""A series' lineage as evidence for pairing two versions that are not neighbours.

Comparing 1979 with 2016 directly, content alone may see a clause removed and
another added where the series, version by version, follows one clause (1979
III → 1998 V → 2016 IV.B): each step was a moderate rewrite, the two ends share
too little wording. When both documents are versions of one series with
versions between them, the pairs of the comparisons in between, chained, are
handed to `compare` as `Trace`s; the alignment keeps each one that the two
sections' own text does not contradict (`diffy.comparison.align`). Two
documents that are not in one series, or that are neighbours in it, are
compared exactly as before.

A folder is a series when its `series.json` lists both files, or, without one,
when every version file there is named by its own version (a date, a year or a
version number), as `diffy series` orders them; a folder of renderings of one
version (`1979.plain.pdf`, `1979.mono.pdf`) or of unrelated files is not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from diffy.comparison.compare import Comparison, Overrides, Stop, Trace, compare
from diffy.errors import UsageError
from diffy.model import Document
from diffy.series.lineage import Version, read_series, version_key

_NUMBERED = re.compile(r"\d")


def span(old: Path, new: Path) -> list[Version] | None:
    """The versions from `old` to `new` (both included, in the direction of the comparison) when both
    are versions of one series with at least one version between them; else None."""
    folder = old.resolve().parent
    if new.resolve().parent != folder:
        return None
    try:
        versions = read_series(folder)
    except UsageError:
        return None
    if not (folder / "series.json").is_file():
        keys = [version_key(v.path.name) for v in versions]
        if not all(_NUMBERED.search(k) for k in keys) or len(set(keys)) != len(keys):
            return None
    where = {v.path.resolve(): k for k, v in enumerate(versions)}
    i, j = where.get(old.resolve()), where.get(new.resolve())
    if i is None or j is None or abs(i - j) < 2:
        return None
    return versions[i:j + 1] if i < j else versions[j:i + 1][::-1]


def traces(comparisons: Sequence[Comparison], labels: Sequence[str]) -> tuple[Trace, ...]:
    """The pairs a chain of comparisons (version 0 → 1 → … → n) traces from version 0 to version n:
    every pair of one comparison followed into the pairs of the next. `labels` name the versions in
    between (n - 1 of them). Where several paths lead from one section to another, the one whose
    pairs are most similar along the way is kept, so `via` names the likeliest route."""
    if len(comparisons) < 2:
        return ()
    # reach[old id][section id in the current version] = (the stops so far, the path's similarity)
    reach: dict[str, dict[str, tuple[tuple[Stop, ...], float]]] = {}
    for p in comparisons[0].pairs:
        if p.old is not None and p.new is not None:
            _keep(reach.setdefault(p.old.id, {}), p.new.id, (), p.similarity)
    for k, cmp in enumerate(comparisons[1:]):
        onward: dict[str, list[tuple[str, float]]] = {}
        for p in cmp.pairs:
            if p.old is not None and p.new is not None:
                onward.setdefault(p.old.id, []).append((p.new.id, p.similarity))
        heading = {s.id: s.heading for s in cmp.old.sections}
        nxt: dict[str, dict[str, tuple[tuple[Stop, ...], float]]] = {}
        for a, here in reach.items():
            for b, (stops, strength) in here.items():
                for z, sim in onward.get(b, ()):
                    _keep(nxt.setdefault(a, {}), z, (*stops, Stop(labels[k], heading.get(b))), strength * sim)
        reach = nxt
    return tuple(Trace(a, z, stops) for a, ends in reach.items() for z, (stops, _) in ends.items())


def _keep(ends: dict[str, tuple[tuple[Stop, ...], float]], target: str, stops: tuple[Stop, ...],
          strength: float) -> None:
    if target not in ends or strength > ends[target][1]:
        ends[target] = (stops, strength)


def chain(documents: Sequence[Document], labels: Sequence[str]) -> tuple[Trace, ...]:
    """The traces from the first document to the last through those between (labelled `labels`)."""
    steps = [compare(a, b) for a, b in zip(documents, documents[1:], strict=False)]
    return traces(steps, labels)


def compare_in_series(old: Document, new: Document, load: Callable[[Path], Document],
                      overrides: Overrides | None = None) -> Comparison:
    """`compare(old, new)`, with the lineage of the series both belong to as evidence when they are
    versions of one series with versions between them; `load` reads a version in between (cached,
    as every document read)."""
    versions = span(Path(old.source), Path(new.source))
    if versions is None:
        return compare(old, new, overrides)
    between = [load(v.path) for v in versions[1:-1]]
    found = chain([old, *between, new], [v.label for v in versions[1:-1]])
    return compare(old, new, overrides, found)
