"""Turning files into `Document`s: PDFs through pdfplumber, and plain text or Markdown."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from diffy.errors import InputError
from diffy.model import Document

if TYPE_CHECKING:
    from diffy.ingest.document import Limits

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".rst"}


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def printable(path: str | Path) -> str:
    """The path as text that can always be printed (bytes that are not UTF-8 become U+FFFD)."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def check_readable(path: Path) -> None:
    try:
        exists, is_dir = path.exists(), path.is_dir()
    except OSError as e:  # a name too long, a loop of symlinks, …
        raise InputError(printable(path), f"cannot be opened ({e.strerror or e})") from None
    if not exists:
        raise InputError(path, "no such file")
    if is_dir:
        raise InputError(path, "is a directory, not a document")
    try:
        with path.open("rb"):
            pass
    except PermissionError:
        raise InputError(path, "cannot be read (permission denied)") from None
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror or e})") from None


def load_document(path: str | Path, password: str | None = None,
                  progress: Callable[[int, int], None] | None = None, *,
                  cache: bool = True, jobs: int | None = None, limits: Limits | None = None) -> Document:
    """Parse a PDF, Markdown or plain-text file into a `Document`.

    `progress(done, total)` is called as pages are read. A PDF parsed before is
    taken from the cache (`diffy.cache`) unless `cache` is false or a password
    is given; `jobs` sets the worker processes for page extraction (None: automatic).
    """
    p = Path(path)
    check_readable(p)
    if p.suffix.lower() in TEXT_SUFFIXES:
        from diffy.ingest.plaintext import parse_text_file

        doc = parse_text_file(p, printable(path))
        if progress is not None:
            progress(1, 1)
        return doc
    from diffy import cache as store
    from diffy.ingest.document import parse_pdf

    use_cache = cache and not password
    sha = file_sha256(p)
    if use_cache:
        hit = store.get(sha, printable(path))
        if hit is not None:
            if progress is not None:
                progress(hit.pages, hit.pages)
            return hit
    from diffy.ingest.document import Limits

    doc = parse_pdf(p, printable(path), password, progress, jobs, sha, limits or Limits())
    if use_cache:
        store.put(doc)
    return doc
