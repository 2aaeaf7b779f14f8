"""Finding a batch's series: every folder of versions under the folders given.

A folder is a series when it holds a `series.json` or two or more documents
(the order and labels are `diffy series`'s: `diffy.series.read_series`).
Folders are walked in name order, nested ones included; hidden folders and the
batch's own output folder are skipped. A series is named by the folder given,
then its path below it (`versions/cc-by-sa`), which is also where its outputs
go; a folder whose versions cannot be listed (a broken `series.json`) is kept
as a series with an error, so the batch reports it and goes on.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from diffy.errors import UsageError
from diffy.ingest import printable
from diffy.series.lineage import SUFFIXES, Version, read_series


@dataclass(frozen=True, slots=True)
class Series:
    name: str  # "versions/cc-by-sa": the folder given, then the path below it
    folder: Path  # as given (relative to the current folder when the argument was)
    versions: tuple[Version, ...] = ()
    error: str | None = None  # the versions could not be listed


def find_series(dirs: Sequence[str | Path], skip: Path | None = None) -> list[Series]:
    """Every series under `dirs`, in order (folders in name order); `skip` (the output folder) is not searched."""
    skipped = skip.resolve() if skip is not None else None
    found: list[Series] = []
    for d in dirs:
        root = Path(d)
        if not root.exists():
            raise UsageError(f"{printable(root)}: no such folder")
        if not root.is_dir():
            raise UsageError(f"{printable(root)}: is not a folder of versions")
        base = root.resolve().name or "root"
        for folder in _folders(root, skipped):
            rel = folder.relative_to(root).as_posix()
            name = base if rel == "." else f"{base}/{rel}"
            found.append(_series(name, folder))
    names: dict[str, Path] = {}
    for s in found:
        if s.name in names:
            raise UsageError(f"{printable(s.folder)}: its series would be written where that of "
                             f"{printable(names[s.name])} is ({s.name}); give folders with different names")
        names[s.name] = s.folder
    if not found:
        where = ", ".join(printable(d) for d in dirs)
        raise UsageError(f"{where}: no series found (a folder with a series.json, or two or more documents: "
                         f"{' '.join(SUFFIXES)})")
    return found


def _folders(root: Path, skipped: Path | None) -> list[Path]:
    out = []
    for here, subdirs, files in os.walk(root, onerror=None):
        folder = Path(here)
        if skipped is not None and folder.resolve() == skipped:
            subdirs[:] = []
            continue
        subdirs[:] = sorted(d for d in subdirs if not d.startswith(".") and d != "__pycache__")
        docs = [f for f in files if Path(f).suffix.lower() in SUFFIXES and not f.startswith(".")]
        if "series.json" in files or len(docs) >= 2:
            out.append(folder)
    return out


def _series(name: str, folder: Path) -> Series:
    try:
        return Series(name, folder, tuple(read_series(folder)))
    except UsageError as e:
        return Series(name, folder, error=str(e))


def pairs_of(versions: Sequence[Version], every: bool = False) -> list[tuple[int, int]]:
    """Which versions are compared: each with the next, or (`every`) each with every later one."""
    n = len(versions)
    if every:
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    return [(i, i + 1) for i in range(n - 1)]


_UNSAFE = re.compile(r"[^\w.+-]+")


def file_names(versions: Sequence[Version]) -> list[str]:
    """A name for each version in output file names: its label made safe for a file name (`/`, spaces and
    the like become `_`); labels that still collide get the version's place in the series (`2024-3`)."""
    safe = [_UNSAFE.sub("_", v.label).strip("._") or "version" for v in versions]
    return [f"{name}-{k + 1}" if safe.count(name) > 1 else name for k, name in enumerate(safe)]
