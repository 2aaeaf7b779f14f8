"""The parsed-document cache: a PDF is parsed once per content and parser version.

Entries live in the user cache folder (`platformdirs`), or in `$DIFFY_CACHE_DIR`
when set. Each entry is a JSON file named by the file's SHA-256 and the parser
version, so a changed file or a new parser never meets an old entry. Entries are
written to a temporary file and renamed into place, so two diffy processes can
fill the cache at once and a reader never sees half an entry; an entry that does
not read back as a valid document of the expected hash is deleted and rebuilt.
Documents opened with a password are never cached (their text would sit on disk
unencrypted).
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from diffy.files import atomic_write
from diffy.model import Document, Furniture, Mark, Section

# bump when ingestion output changes for the same input: old entries are then never read
PARSER_VERSION = "18"
SCHEMA = "diffy.cache/1"
ENV = "DIFFY_CACHE_DIR"


def cache_dir() -> Path:
    override = os.environ.get(ENV)
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("diffy", appauthor=False))


def _entry(sha256: str) -> Path:
    return cache_dir() / "documents" / f"{sha256}-p{PARSER_VERSION}.json"


def get(sha256: str, source: str) -> Document | None:
    """The cached document for this content hash, named `source`; None on a miss."""
    path = _entry(sha256)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError:
        return None
    try:
        doc = _from_dict(json.loads(raw), sha256, source)
    except (ValueError, KeyError, TypeError, AttributeError):
        doc = None
    if doc is None:
        with contextlib.suppress(OSError):
            path.unlink()  # corrupt or foreign: discard; the caller parses afresh
    return doc


def put(doc: Document) -> None:
    """Store a parsed document; a cache that cannot be written is silently skipped."""
    path = _entry(doc.sha256)
    body = asdict(doc)
    del body["source"]  # the same content may be opened under any name
    data = {"schema": SCHEMA, "parser": PARSER_VERSION, "document": body}
    try:
        atomic_write(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    except OSError:
        return  # a read-only or full cache folder costs speed, never correctness


def _from_dict(data: dict, sha256: str, source: str) -> Document | None:
    if data.get("schema") != SCHEMA or data.get("parser") != PARSER_VERSION:
        return None
    d = data["document"]
    if d["sha256"] != sha256:
        return None
    sections = tuple(Section(s["id"], s["heading"], s["number"], s["title"], int(s["level"]), s["parent"],
                             int(s["page"]), tuple(str(p) for p in s["paragraphs"]),
                             tuple(str(k) for k in s["kinds"]),
                             tuple(Mark(int(m["offset"]), int(m["page"]), int(m["line"])) for m in s["marks"]))
                     for s in d["sections"])
    furniture = tuple(Furniture(int(f["page"]), str(f["kind"]), str(f["text"])) for f in d["furniture"])
    labels = tuple(str(label) for label in d["page_labels"])
    return Document(source, sha256, int(d["pages"]), d["title"], sections, furniture, labels)


@dataclass(frozen=True, slots=True)
class Usage:
    folder: Path
    entries: int
    bytes: int


def usage() -> Usage:
    folder = cache_dir() / "documents"
    files = list(folder.glob("*.json")) if folder.is_dir() else []
    size = 0
    for f in files:
        with contextlib.suppress(OSError):
            size += f.stat().st_size
    return Usage(cache_dir(), len(files), size)


def clear() -> int:
    """Delete every entry (and stray temporary files); returns how many entries went."""
    folder = cache_dir() / "documents"
    gone = 0
    if not folder.is_dir():
        return 0
    for f in list(folder.iterdir()):
        if f.suffix in (".json", ".tmp") and f.is_file():
            with contextlib.suppress(OSError):
                f.unlink()
                gone += f.suffix == ".json"
    return gone
