"""Notes from the comparison before this one, shown where their quoted text survives.

In a series, comparing A → B is followed by comparing B → C. A note made on
A → B quotes text of A or of B; where that quote still stands in C (exactly, or
fuzzily when it was edited) the note is shown on B → C beside it, and where it
stands in B but is gone from C it is shown on B's side, so the reader sees what
became of the passage they once wrote about. Carried notes are read-only here:
they belong to the earlier comparison's file, which is only ever read.

The earlier comparisons are the annotation files in the same folder whose new
version is this comparison's old version (the same file hash, or, for files
that do not record one, the same file name).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from diffy.annotations import store
from diffy.annotations.anchor import ORPHANED, place
from diffy.annotations.attach import Attached, change_at
from diffy.annotations.model import Annotation
from diffy.comparison.compare import Comparison
from diffy.errors import DiffyError
from diffy.model import Document


@dataclass(frozen=True, slots=True)
class Carried:
    attached: Attached  # placed on this comparison; its targets point into this comparison's versions
    origin: str  # the comparison it was written on, e.g. "1979 → 1998"
    survives: bool  # the quote stands in this comparison's new version


def same_version(recorded: dict, path: str, sha256: str) -> bool:
    """Whether an annotation file's record of one version (`{"source", "sha256"}`) is this file: the
    same hash, or for a record without one, the same file name."""
    if recorded.get("sha256"):
        return recorded["sha256"] == sha256
    return bool(recorded.get("source")) and Path(str(recorded["source"])).name == Path(path).name


def earlier_files(folder: Path, old: Document, new: Document, exclude: Path | None = None
                  ) -> tuple[list[tuple[Path, store.AnnotationFile]], list[str]]:
    """The readable annotation files in `folder` whose new version is `old`, and a
    warning for each file named like an earlier comparison (`*--<old name>.json`) that could not
    be read (it is skipped, never written)."""
    found: list[tuple[Path, store.AnnotationFile]] = []
    warnings: list[str] = []
    if not folder.is_dir():
        return found, warnings
    skip = exclude.resolve() if exclude is not None else None
    for path in sorted(folder.glob("*.json")):
        if skip is not None and path.resolve() == skip:
            continue
        try:
            af = store.load(path)
        except DiffyError as e:
            if path.stem.endswith("--" + Path(old.source).stem):  # by its name, an earlier comparison
                warnings.append(str(e))
            continue
        if is_earlier(af, (old.source, old.sha256), (new.source, new.sha256)):
            found.append((path, af))
    return found, warnings


def is_earlier(af: store.AnnotationFile, old: tuple[str, str], new: tuple[str, str]) -> bool:
    """Whether `af` holds notes of a comparison just before old → new (each given as (source, sha256)):
    its new version is `old`, and it is not the same comparison the other way round."""
    return (bool(af.annotations) and same_version(af.new, *old)
            and not same_version(af.old, *new))


def _carry_one(cmp: Comparison, ann: Annotation) -> tuple[Attached, bool] | None:
    """The annotation placed on `cmp`: each quote where it survives in the new version, else where it
    still stands in the old one; None when none of its quotes is in either."""
    docs = {"old": cmp.old, "new": cmp.new}
    targets, placements = [], []
    survives = False
    for t in ann.targets:
        for side in ("new", "old"):
            moved = replace(t, side=side, change_id=None)
            p = place(moved, docs[side])
            if p.status != ORPHANED:
                section = next(s for s in docs[side].sections if s.id == p.section_id)
                targets.append(replace(moved, section_id=section.id, heading=section.heading, start=p.start,
                                       end=p.end))
                placements.append(p)
                survives = survives or side == "new"
                break
    if not targets:
        return None
    pair = change = None
    for t, p in zip(targets, placements, strict=True):
        k, cid = change_at(cmp, t.side, p.section_id or "", p.start, p.end)
        if pair is None or (change is None and cid is not None):
            pair, change = k, cid
    worst = "fuzzy" if any(p.status == "fuzzy" for p in placements) else "anchored"
    placed = replace(ann, targets=tuple(targets))
    return Attached(placed, worst, tuple(placements), pair, change), survives


def carry(cmp: Comparison, folder: Path, exclude: Path | None = None,
          label=lambda source: Path(source).stem) -> tuple[list[Carried], list[str]]:
    """Notes of the earlier comparisons in `folder` placed on `cmp` (see the module's docs),
    and warnings for annotation files there that could not be read.

    `label(source)` names a version from its recorded file path.
    """
    files, warnings = earlier_files(folder, cmp.old, cmp.new, exclude)
    return carry_from(cmp, [(origin_of(af, label), af) for _, af in files]), warnings


def origin_of(af: store.AnnotationFile, label=lambda source: Path(source).stem) -> str:
    """The comparison an annotation file was written on, e.g. "1979 → 1998"."""
    return f"{label(af.old.get('source') or '?')} → {label(af.new.get('source') or '?')}"


def carry_from(cmp: Comparison, files: Sequence[tuple[str, store.AnnotationFile]]) -> list[Carried]:
    """The notes of already-read earlier annotation files, each given with its origin, placed on `cmp`."""
    out: list[Carried] = []
    for origin, af in files:
        for ann in af.annotations:
            placed = _carry_one(cmp, ann)
            if placed is not None:
                out.append(Carried(placed[0], origin, placed[1]))
    return out
