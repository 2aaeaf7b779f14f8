"""A series read into memory, and one clause's history version by version.

Headless: the `diffy series` command and the UI's series view both read the
series through `read` and show a clause through `history`. Each `Entry` is one
version of the clause: its section there, how it got there (introduced, same,
edited, renamed, moved, split, merged, removed) and the pair of the adjacent
comparison that leads to it, whose changes say what changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from diffy.comparison.compare import Comparison, Pair, compare
from diffy.comparison.diff import search_key
from diffy.model import Document, Section
from diffy.series.evidence import chain, traces
from diffy.series.lineage import Step, Version, lineages, read_series


@dataclass(frozen=True)
class Series:
    folder: Path
    versions: list[Version]
    documents: list[Document]
    comparisons: list[Comparison]  # comparisons[i]: versions[i] → versions[i + 1]
    clauses: list[list[Step]]

    @property
    def labels(self) -> list[str]:
        return [v.label for v in self.versions]

    def index_of(self, label: str) -> int:
        return self.labels.index(label)

    def compare(self, i: int, j: int) -> Comparison:
        """Versions i → j: the adjacent comparison when there is one, else computed now with the
        lineage through the versions between as evidence (`diffy.series.evidence`), as `diffy diff`
        computes it."""
        if j == i + 1:
            return self.comparisons[i]
        if abs(j - i) < 2:
            return compare(self.documents[i], self.documents[j])
        labels = self.labels[min(i, j) + 1:max(i, j)]
        if i < j:
            found = traces(self.comparisons[i:j], labels)
        else:  # backwards: the chain of comparisons from the later version to the earlier
            found = chain(self.documents[j:i + 1][::-1], labels[::-1])
        return compare(self.documents[i], self.documents[j], traces=found)

    def clauses_named(self, text: str) -> list[int]:
        """The clauses with a heading, in any version, containing `text` (case and quote style ignored)."""
        needle = search_key(text)
        return [k for k, steps in enumerate(self.clauses) if any(needle in search_key(s.heading or "") for s in steps)]

    def clause_of(self, version: int, section_id: str) -> int | None:
        """The clause whose lineage holds that section of that version (its main line first)."""
        label = self.labels[version]
        return next((k for k, steps in enumerate(self.clauses)
                     if any(s.version == label and s.section_id == section_id and s.event != "split-from"
                            for s in steps)), None)


def read(folder: Path, load: Callable[[int, Version], Document],
         stage: Callable[[str], None] = lambda text: None) -> Series:
    """The series in `folder`: every version read with `load(k, version)`, adjacent versions compared."""
    versions = read_series(folder)
    docs = [load(k, v) for k, v in enumerate(versions)]
    comparisons = []
    for a in range(len(docs) - 1):
        stage(f"Comparing {versions[a].label} → {versions[a + 1].label}…")
        comparisons.append(compare(docs[a], docs[a + 1]))
    return Series(folder, versions, docs, comparisons, lineages(versions, comparisons))


@dataclass(frozen=True, slots=True)
class Entry:
    version: int  # index into the series' versions
    step: Step
    section: Section | None  # the clause's section in this version (None once removed)
    pair: Pair | None  # the pair of the comparison from the previous version that leads here
    previous: Section | None  # the clause's section in the previous version


def history(series: Series, clause: int) -> list[Entry]:
    steps = series.clauses[clause]
    start = series.index_of(steps[0].version)
    out: list[Entry] = []
    prev: Section | None = None
    for k, step in enumerate(steps):
        v = start + k
        section = _section(series.documents[v], step.section_id)
        pair = None
        if k > 0:
            pair = _pair(series.comparisons[v - 1], prev, section)
        out.append(Entry(v, step, section, pair, prev))
        prev = section
    return out


def _section(doc: Document, section_id: str | None) -> Section | None:
    return next((s for s in doc.sections if s.id == section_id), None) if section_id else None


def _pair(cmp: Comparison, old: Section | None, new: Section | None) -> Pair | None:
    ids = (old.id if old else None, new.id if new else None)
    for p in cmp.pairs:
        if (p.old.id if p.old else None, p.new.id if p.new else None) == ids:
            return p
    return None


def timeline(steps: Sequence[Step]) -> str:
    """A clause's lineage in one line: "1979 introduced · 1998 edited · 2016 renamed" (a version where
    it was still part of the section it later split from reads "part of")."""
    return " · ".join(f"{s.version} {'part of' if s.event == 'split-from' else s.event}" for s in steps)
