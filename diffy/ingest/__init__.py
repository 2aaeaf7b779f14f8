"""Turning files into `Document`s: PDFs through pdfplumber, and plain text or Markdown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from diffy.ingest.source import check_readable, file_sha256, printable
from diffy.model import Document

__all__ = ["check_readable", "file_sha256", "load_document", "printable"]

if TYPE_CHECKING:
    from diffy.ingest.document import Limits

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".rst"}


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
