"""A series of versions: their order, and each clause's lineage from version to version.

Versions come from the folder's `series.json` (in its order, or by date when
dates are given), else from the file names (a year or date in the name, else the
name). Adjacent versions are compared; a clause's lineage follows its section
through those comparisons: where it was introduced, and in each later version
its heading there and how it got there (same, edited, renamed, moved, split,
merged), until it is removed or the series ends. Where a section was split or
merged, the lineage follows the most similar partner and says so; each further
part of a split has a lineage of its own, which carries the history it shares
with the section it split from (up to a `split-from` step) and goes on from there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from diffy.comparison.compare import Comparison
from diffy.errors import UsageError

SUFFIXES = (".pdf", ".md", ".txt", ".docx", ".html", ".htm")  # what a series folder's versions may be


@dataclass(frozen=True, slots=True)
class Version:
    label: str
    path: Path
    date: str | None = None


def read_series(folder: Path) -> list[Version]:
    meta = folder / "series.json"
    if meta.is_file():
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
            versions = [Version(str(v.get("label") or Path(v["file"]).stem), folder / v["file"], v.get("date"))
                        for v in data.get("versions", [])]
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
            raise UsageError(f"{meta}: cannot be read as a series description ({e})") from None
        if all(v.date for v in versions):
            versions.sort(key=lambda v: str(v.date))
    else:
        files = [p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file()]
        versions = sorted((Version(p.stem, p) for p in files), key=lambda v: (version_key(v.path.name), v.label))
    if len(versions) < 2:
        raise UsageError(f"{folder}: a series needs at least two versions, found {len(versions)}")
    return versions


def version_key(name: str) -> str:
    """What orders a version file named `name` in a folder without `series.json`: the date or year in
    the name (`2024-05-01`, `1998`), else the name itself."""
    m = re.search(r"(1[89]|20)\d\d(?:[-_.]?\d\d(?:[-_.]?\d\d)?)?", name)
    return m.group(0) if m else name


@dataclass(frozen=True, slots=True)
class Step:
    version: str
    heading: str | None  # None: not present in this version
    event: str  # introduced | same | edited | renamed | moved | split | merged | removed
    section_id: str | None = None

    @property
    def title(self) -> str:
        """The heading to show for this step: "—" once removed, and a name for the text before the
        first heading."""
        if self.event == "removed":
            return "—"
        return self.heading or "(text before the first heading)"


def lineages(versions: Sequence[Version], comparisons: Sequence[Comparison]) -> list[list[Step]]:
    """Every clause's steps, one per version from its introduction to its removal or the last version."""
    forward: list[dict[str, tuple[str | None, str, float]]] = []  # per comparison: old id → (new id, relation)
    backward: list[dict[str, str]] = []  # per comparison: new id → old id
    for cmp in comparisons:
        fw: dict[str, tuple[str | None, str, float]] = {}
        bw: dict[str, tuple[str, float]] = {}
        for p in cmp.pairs:
            if p.old is not None:
                new_id = p.new.id if p.new is not None else None
                if p.old.id not in fw or p.similarity > fw[p.old.id][2]:
                    fw[p.old.id] = (new_id, p.relation, p.similarity)
            if p.new is not None and p.old is not None:
                if p.new.id not in bw or p.similarity > bw[p.new.id][1]:
                    bw[p.new.id] = (p.old.id, p.similarity)
        forward.append(fw)
        backward.append({k: v[0] for k, v in bw.items()})
    headings = [{s.id: s.heading for s in (cmp.old.sections)} for cmp in comparisons]
    headings.append({s.id: s.heading for s in comparisons[-1].new.sections})
    starts: list[tuple[int, str, str | None]] = []  # (version, section id, the section it split from)
    for v, cmp in enumerate(comparisons):
        if v == 0:
            starts += [(0, s.id, None) for s in cmp.old.sections]
        for s in cmp.new.sections:
            origin = backward[v].get(s.id)
            if origin is None:
                starts.append((v + 1, s.id, None))
            elif forward[v].get(origin, (None,))[0] != s.id:  # a further part of a split: a branch
                starts.append((v + 1, s.id, origin))
    relation_of = [{(p.old.id if p.old else None, p.new.id if p.new else None): p.relation for p in cmp.pairs}
                   for cmp in comparisons]
    out = []
    before: dict[tuple[int, str], list[Step]] = {}  # (version, section id) → the steps of its lineage before it
    for v, sid, origin in starts:
        if origin is None:
            steps = [Step(versions[v].label, headings[v].get(sid), "introduced", sid)]
            first = v  # the version of steps[0]
        else:  # a branch: the history it shares with the section it split from, then its own
            shared = before.get((v - 1, origin), [])
            first = v - 1 - len(shared)
            steps = [*shared,
                     Step(versions[v - 1].label, headings[v - 1].get(origin), "split-from", origin),
                     Step(versions[v].label, headings[v].get(sid), relation_of[v - 1].get((origin, sid), "split"),
                          sid)]
        cur: str | None = sid
        merged_away = False
        for k in range(v, len(comparisons)):
            nxt, relation, _ = forward[k].get(cur or "", (None, "removed", 0.0))
            if nxt is None:
                steps.append(Step(versions[k + 1].label, None, "removed"))
                break
            if backward[k].get(nxt) != cur:  # merged into a section whose main line comes from elsewhere
                steps.append(Step(versions[k + 1].label, headings[k + 1].get(nxt), relation, nxt))
                merged_away = True
                break
            steps.append(Step(versions[k + 1].label, headings[k + 1].get(nxt), relation, nxt))
            cur = nxt
        for i, step in enumerate(steps[:-1] if merged_away else steps):  # the main line through each section
            if step.section_id is not None and step.event != "split-from":
                before.setdefault((first + i, step.section_id), steps[:i])
        out.append(steps)
    return out


def lineage_to_dict(steps: Sequence[Step]) -> dict:
    return {"heading": next((s.heading for s in reversed(steps) if s.heading is not None), None),
            "steps": [{"version": s.version, "heading": s.heading, "event": s.event} for s in steps]}
