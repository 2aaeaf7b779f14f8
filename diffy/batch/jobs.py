"""A batch's work: one `Job` per pair of versions, each with the key that says whether its outputs are current.

Everything a job's outputs depend on goes into its key: both files' SHA-256,
the names the outputs give them, the reading options that change a document's
text (Word revisions, a web page's --select and --remove), the series'
`significance.json`, the exports asked for and, for exports, the annotation
files whose notes they show, and the diffy that computes them (its version, the parser version and a fingerprint of
its code). A pair whose recorded key is the same is not computed again.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from diffy import __version__
from diffy.annotations import store
from diffy.annotations.carry import is_earlier, origin_of
from diffy.batch.discover import Series, file_names, pairs_of
from diffy.comparison.browse import version_label
from diffy.errors import DiffyError
from diffy.ingest import ReadOptions, check_readable, file_sha256, printable


@dataclass(frozen=True, slots=True)
class Doc:
    """One version's file as the tasks see it."""

    path: str  # absolute: where a worker reads it
    source: str  # the path as given: how the outputs name it
    sha256: str = ""
    size: int = 0
    error: str | None = None  # it cannot be read (found before any work starts)

    @property
    def content(self) -> tuple[str, str]:
        """What reading the file gives depends on: its bytes and its kind (the same bytes as .md and as .txt
        read differently). Two files with the same content are read once."""
        return (self.sha256, Path(self.path).suffix.lower()) if self.sha256 else (self.path, "")


@dataclass(frozen=True, slots=True)
class Notes:
    """The annotations an export shows: the comparison's own file (when it records these versions) and the
    files of the comparisons just before it, each with its origin ("1979 → 1998")."""

    own: store.AnnotationFile | None = None
    earlier: tuple[tuple[str, store.AnnotationFile], ...] = ()


@dataclass(frozen=True, slots=True)
class Job:
    series: str  # the series' name, also the folder of its outputs
    name: str  # the stem of the pair's output files: "2023--2024"
    labels: tuple[str, str]  # the versions' labels
    old: Doc
    new: Doc
    formats: tuple[str, ...]  # exports besides the JSON
    notes: Notes
    key: str

    @property
    def docs(self) -> tuple[Doc, Doc]:
        return self.old, self.new

    @property
    def terms_folder(self) -> str:
        """Where the series' `significance.json` is looked for (as `diffy diff` does: beside the new version)."""
        return str(Path(self.new.path).parent)


@functools.cache
def code_fingerprint() -> str:
    """This diffy: its version, its parser version and a hash of its code (the UI's aside)."""
    from diffy.cache import PARSER_VERSION

    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if not rel.startswith("tui/"):
            h.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return f"{__version__}+p{PARSER_VERSION}+{h.hexdigest()[:16]}"


def plan(series: Sequence[Series], formats: Sequence[str] = (), every: bool = False,
         notes_dir: Path | None = None, warn: Callable[[str], object] = lambda text: None,
         read: ReadOptions | None = None) -> list[Job]:
    """The jobs of every series, in order: each version with the next (`every`: with every later one).
    `read`: how the documents will be read (the options that change what is read are part of the keys)."""
    reading = _reading(read or ReadOptions())
    docs: dict[Path, Doc] = {}
    annotation_files = _annotation_files(notes_dir, warn) if formats else {}
    out = []
    for s in series:
        names = file_names(s.versions)
        for i, j in pairs_of(s.versions, every):
            old, new = (_doc(s.versions[k].path, docs) for k in (i, j))
            notes = _notes(notes_dir, annotation_files, old, new, s.name, warn) if formats else Notes()
            labels = (s.versions[i].label, s.versions[j].label)
            key = _key(old, new, labels, tuple(formats), notes, Path(new.path).parent / "significance.json",
                       reading)
            out.append(Job(s.name, f"{names[i]}--{names[j]}", labels, old, new, tuple(formats), notes, key))
    return out


def _doc(path: Path, seen: dict[Path, Doc]) -> Doc:
    where = path.resolve()
    if where not in seen:
        source = printable(path)
        try:
            check_readable(path)
            seen[where] = Doc(str(where), source, file_sha256(path), path.stat().st_size)
        except DiffyError as e:
            seen[where] = Doc(str(where), source, error=str(e))
        except OSError as e:
            seen[where] = Doc(str(where), source, error=f"{source}: cannot be read ({e.strerror or e})")
    return seen[where]


def _annotation_files(folder: Path | None, warn: Callable[[str], object]) -> dict[Path, store.AnnotationFile]:
    """The readable annotation files in `folder`, read once; a warning for each file that cannot be read."""
    found: dict[Path, store.AnnotationFile] = {}
    if folder is None or not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.json")):
        try:
            found[path] = store.load(path)
        except DiffyError as e:
            warn(f"{e}; its notes are not in the exports")
    return found


def _notes(folder: Path | None, files: dict[Path, store.AnnotationFile], old: Doc, new: Doc, series: str,
           warn: Callable[[str], object]) -> Notes:
    if folder is None or old.error or new.error:
        return Notes()
    versions = ((old.source, old.sha256), (new.source, new.sha256))
    named = [p for p in store.candidates(folder, old.source, new.source) if p in files]
    own_path = next((p for p in named if store.belongs(files[p], *versions, base=folder.parent)), None)
    own = files.get(own_path) if own_path is not None else None
    if own is None and named:
        warn(f"{printable(named[0])}: records other versions than {series} "
             f"{Path(old.source).name} → {Path(new.source).name}; its notes are not in that pair's exports")
    earlier = tuple((origin_of(af, version_label), af) for path, af in files.items()
                    if path != own_path and is_earlier(af, (old.source, old.sha256), (new.source, new.sha256)))
    return Notes(own, earlier)


def _reading(read: ReadOptions) -> list:
    """The reading options that change a document's text (Word revisions, a web page's parts)."""
    return [read.revisions, read.select, list(read.remove)]


def _key(old: Doc, new: Doc, labels: tuple[str, str], formats: tuple[str, ...], notes: Notes,
         terms: Path, reading: list) -> str:
    try:
        terms_hash = file_sha256(terms) if terms.is_file() else None
    except OSError:
        terms_hash = None  # unreadable: the comparison goes without it, as `diffy diff` does
    data = {"diffy": code_fingerprint(), "old": [old.source, old.sha256], "new": [new.source, new.sha256],
            "labels": list(labels), "formats": list(formats), "terms": terms_hash, "reading": reading,
            "notes": [store.dumps(notes.own) if notes.own else None,
                      [[origin, store.dumps(af)] for origin, af in notes.earlier]]}
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
