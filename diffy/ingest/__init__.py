"""Turning files into `Document`s: PDFs through pdfplumber, and plain text or Markdown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from diffy.ingest.options import ReadOptions
from diffy.ingest.source import check_readable, file_sha256, printable
from diffy.model import Document

__all__ = ["ReadOptions", "check_readable", "file_sha256", "load_document", "printable"]

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".rst"}


def load_document(path: str | Path, options: ReadOptions | None = None,
                  progress: Callable[[int, int], None] | None = None) -> Document:
    """Parse a PDF, Markdown or plain-text file into a `Document`, read as `options` say.

    `progress(done, total)` is called as pages are read. A PDF parsed before is
    taken from the cache (`diffy.cache`) unless the options say otherwise.
    """
    options = options or ReadOptions()
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

    sha = file_sha256(p)
    if options.cached:
        hit = store.get(sha, printable(path))
        if hit is not None:
            if progress is not None:
                progress(hit.pages, hit.pages)
            return hit
    doc = parse_pdf(p, printable(path), options, progress, sha)
    if options.cached:
        store.put(doc)
    return doc
