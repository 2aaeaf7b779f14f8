"""The annotation file of a comparison: where it lives, reading it, and writing it safely.

One JSON file per comparison, under the workspace's `annotations/` folder (the
workspace is the nearest folder upward holding `annotations/` or `documents/`,
else the current folder; `$DIFFY_WORKSPACE` overrides), named after the documents'
folder and names and found by the documents it records (`path_for`). The file has a schema
version, stable key order and one annotation per block, so `git diff` reads
well. Every change is a read-modify-write under a lock file, so two diffy
processes never lose each other's annotations, and is written to a temporary
file that is flushed, fsynced and renamed over the old one, so a crash leaves
either the old file or the new one, never half of one. A file that cannot be
read, or was written by a newer diffy, raises `AnnotationFileError` and is
never written over.
"""

from __future__ import annotations

import contextlib
import getpass
import glob
import hashlib
import json
import os
import re
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from diffy.annotations.model import Annotation, annotation_from_dict, annotation_to_dict
from diffy.comparison.compare import Overrides
from diffy.errors import InputError
from diffy.files import atomic_write
from diffy.model import Document

SCHEMA_NAME = "diffy.annotations"
SCHEMA_VERSION = 1
ENV_WORKSPACE = "DIFFY_WORKSPACE"
LOCK_TIMEOUT = 30.0


class AnnotationFileError(InputError):
    """An annotation file that cannot be used; it is left exactly as it is."""


@dataclass
class AnnotationFile:
    old: dict = field(default_factory=dict)  # {"source": …, "sha256": …} of the versions annotated
    new: dict = field(default_factory=dict)
    annotations: list[Annotation] = field(default_factory=list)
    overrides: dict = field(default_factory=lambda: {"pair": [], "unpair": []})


def workspace(start: Path | None = None) -> Path:
    override = os.environ.get(ENV_WORKSPACE)
    if override:
        return Path(override)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "annotations").is_dir() or (folder / "documents").is_dir():
            return folder
    return here


def default_path(old: str | Path, new: str | Path) -> Path:
    """`annotations/<folder>-<old name>--<new name>.json` in the workspace: the name a new comparison's
    file takes (`path_for` finds the file a comparison already has)."""
    return workspace() / "annotations" / f"{base_name(old, new)}.json"


def base_name(old: str | Path, new: str | Path) -> str:
    """`meridian-1998--2016` for documents/meridian/1998.pdf → 2016.pdf; each file's folder when the two
    lie in different folders (`drafts-v2--final-v3`); the names alone for files in the current folder."""
    o, n = Path(old), Path(new)
    fo, fn = _folder(o), _folder(n)
    if fo == fn:
        return f"{fo}-{o.stem}--{n.stem}" if fo else f"{o.stem}--{n.stem}"
    return f"{fo + '-' if fo else ''}{o.stem}--{fn + '-' if fn else ''}{n.stem}"


def _folder(path: Path) -> str:
    name = path.resolve().parent.name if path.parent != Path(".") else ""
    return re.sub(r"[^\w.-]+", "_", name)


def candidates(folder: Path, old: str | Path, new: str | Path) -> list[Path]:
    """The files that may hold a comparison's notes, in order: its own name, the same name with a
    digest (two unrelated comparisons whose files and folders are named alike), and the name diffy
    gave such files before (`<old name>--<new name>.json`, moved to the new name when found)."""
    base = base_name(old, new)
    digests = sorted(p for p in folder.glob(glob.escape(base) + "-*.json") if _DIGESTED.fullmatch(p.stem[len(base):]))
    legacy = folder / _legacy_name(old, new)
    return [folder / f"{base}.json", *digests, *([legacy] if legacy.name != f"{base}.json" else [])]


def _legacy_name(old: str | Path, new: str | Path) -> str:
    return f"{Path(old).stem}--{Path(new).stem}.json"


_DIGESTED = re.compile(r"-[0-9a-f]{8}")


def belongs(af: AnnotationFile, old: tuple[str, str], new: tuple[str, str], base: Path | None = None) -> bool:
    """Whether the file holds notes of the comparison old → new (each given as (source, sha256)): each
    version it records is that file by its content (the same SHA-256) or by its place (the same path:
    a file replaced by a newer version of the document keeps its notes, which re-anchor). A file that
    records no versions (written by hand) belongs to whatever its name says."""
    if not af.old and not af.new:
        return True
    return all(_same_document(rec, source, sha, base) for rec, (source, sha) in ((af.old, old), (af.new, new)))


def _same_document(recorded: dict, source: str, sha256: str, base: Path | None) -> bool:
    if not recorded:
        return True
    if recorded.get("sha256") and recorded["sha256"] == sha256:
        return True
    was = recorded.get("source")
    if not was:
        return False
    if str(was) == str(source):
        return True
    places = [Path(was)] if Path(was).is_absolute() else [Path(was), (base or workspace()) / was]
    here = Path(source).resolve()
    return any(p.resolve() == here for p in places)


def path_for(old: Document, new: Document, folder: Path | None = None) -> Path:
    """The annotation file of the comparison old → new: the first candidate (see `candidates`) that
    belongs to it, a file under the old scheme moved to its new name first; else a new file, under the
    comparison's own name, or with a digest of the two paths when another comparison has that name.
    A file that cannot be read is returned as it is, so that its error is reported and it is never
    written over."""
    folder = folder or workspace() / "annotations"
    pair = ((old.source, old.sha256), (new.source, new.sha256))
    own = folder / f"{base_name(old.source, new.source)}.json"
    for path in candidates(folder, old.source, new.source):
        if not path.exists():
            continue
        try:
            af = load(path)
        except AnnotationFileError:
            return path
        if belongs(af, *pair, base=folder.parent):  # under the old scheme's name: moved to its own
            return _moved(path, own) if path != own and path.name == _legacy_name(old.source, new.source) else path
    if not own.exists():
        return own
    places = "\0".join(str(Path(d.source).resolve()) for d in (old, new))
    return folder / f"{own.stem}-{hashlib.sha256(places.encode()).hexdigest()[:8]}.json"


def _moved(legacy: Path, target: Path) -> Path:
    """Move a file named under the old scheme to its new name, never over another file: the new path,
    or the old one where the move cannot be made (a read-only folder)."""
    from filelock import FileLock, Timeout

    try:
        with FileLock(str(legacy) + ".lock", timeout=LOCK_TIMEOUT):
            os.link(legacy, target)  # fails if the target exists: nothing is written over
            os.unlink(legacy)
        with contextlib.suppress(OSError):
            os.unlink(str(legacy) + ".lock")
        return target
    except (OSError, Timeout):
        return target if target.exists() and not legacy.exists() else legacy


def author() -> str:
    try:
        out = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, timeout=2)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass  # no git: fall back to the login name
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def new_id() -> str:
    return "a" + uuid.uuid4().hex[:12]


def load(path: Path) -> AnnotationFile:
    """The file's content; an empty file object when it does not exist yet."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return AnnotationFile()
    except (OSError, UnicodeDecodeError) as e:
        raise AnnotationFileError(path, f"cannot be read ({e}); it was left untouched") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        raise AnnotationFileError(path, f"is not valid JSON (line {e.lineno}: {e.msg}); it was left "
                                        "untouched; fix or move it and try again") from None
    if not isinstance(data, dict) or not str(data.get("schema", "")).startswith(SCHEMA_NAME + "/"):
        raise AnnotationFileError(path, "is not a diffy annotation file; it was left untouched")
    try:
        version = int(str(data["schema"]).split("/", 1)[1])
    except ValueError:
        raise AnnotationFileError(path, f"has an unknown schema {data['schema']!r}; it was left untouched") from None
    if version > SCHEMA_VERSION:
        raise AnnotationFileError(path, f"was written by a newer diffy (schema {data['schema']}); "
                                        "it was left untouched; upgrade diffy to use it")
    try:
        anns = [annotation_from_dict(a) for a in data.get("annotations", [])]
        overrides = data.get("overrides") or {"pair": [], "unpair": []}
        for key in ("pair", "unpair"):
            entries = overrides.setdefault(key, [])
            if not isinstance(entries, list) or not all(
                    isinstance(e, list) and len(e) == 2 and all(isinstance(x, str) for x in e) for e in entries):
                raise ValueError(f"overrides.{key} must be a list of [old section id, new section id]")
        return AnnotationFile(dict(data.get("old") or {}), dict(data.get("new") or {}), anns, dict(overrides))
    except (ValueError, TypeError, AttributeError) as e:
        raise AnnotationFileError(path, f"is not valid: {e}; it was left untouched") from None


def dumps(af: AnnotationFile) -> str:
    data = {"schema": f"{SCHEMA_NAME}/{SCHEMA_VERSION}", "old": af.old, "new": af.new,
            "annotations": [annotation_to_dict(a) for a in af.annotations], "overrides": af.overrides}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def save(path: Path, af: AnnotationFile) -> None:
    """Write atomically (see `diffy.files.atomic_write`)."""
    atomic_write(path, dumps(af))


@contextlib.contextmanager
def editing(path: Path, old: Document | None = None, new: Document | None = None) -> Iterator[AnnotationFile]:
    """Read, let the caller change, and write back the file, holding its lock throughout."""
    from filelock import FileLock, Timeout

    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT):
            af = load(path)
            if old is not None:
                af.old = {"source": old.source, "sha256": old.sha256}
            if new is not None:
                af.new = {"source": new.source, "sha256": new.sha256}
            yield af
            save(path, af)
    except Timeout:
        raise AnnotationFileError(path, f"is locked by another diffy for over {LOCK_TIMEOUT:.0f} s") from None
    except OSError as e:
        raise AnnotationFileError(path, f"cannot be written ({e.strerror or e}); the previous version is "
                                        "unchanged") from None


def overrides_of(af: AnnotationFile) -> Overrides:
    """The file's manual alignment corrections, for `compare`."""
    return Overrides(tuple((a, b) for a, b in af.overrides.get("pair", [])),
                     tuple((a, b) for a, b in af.overrides.get("unpair", [])))


def set_override(af: AnnotationFile, kind: str, old_id: str, new_id: str) -> None:
    """Record a manual pair ("pair") or unpair ("unpair"), undoing the opposite one if present."""
    other = "unpair" if kind == "pair" else "pair"
    entry = [old_id, new_id]
    af.overrides[other] = [e for e in af.overrides.get(other, []) if e != entry]
    if entry not in af.overrides.setdefault(kind, []):
        af.overrides[kind].append(entry)
