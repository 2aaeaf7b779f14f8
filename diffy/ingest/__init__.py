"""Turning files into `Document`s: PDFs through pdfplumber, Word files, web pages, plain text and Markdown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from diffy.ingest.options import ReadOptions
from diffy.ingest.source import check_readable, file_sha256, printable
from diffy.model import Document

__all__ = ["ReadOptions", "check_readable", "file_sha256", "load_document", "printable"]

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".rst"}
WORD_SUFFIXES = {".docx", ".docm"}
WEB_SUFFIXES = {".html", ".htm", ".xhtml"}
SUFFIXES = (".pdf", *sorted(TEXT_SUFFIXES | WORD_SUFFIXES | WEB_SUFFIXES))  # every kind of file diffy reads


def load_document(path: str | Path, options: ReadOptions | None = None,
                  progress: Callable[[int, int], None] | None = None) -> Document:
    """Parse a PDF, Word, web page, Markdown or plain-text file into a `Document`, read as `options` say.

    `progress(done, total)` is called as pages are read. A PDF parsed before is
    taken from the cache (`diffy.cache`) unless the options say otherwise; the
    other formats read in well under a second and are never cached (their
    reading also depends on options the cache key does not hold: revisions,
    select, remove).
    """
    options = options or ReadOptions()
    p = Path(path)
    check_readable(p)
    suffix = p.suffix.lower()
    if suffix in TEXT_SUFFIXES | WORD_SUFFIXES | WEB_SUFFIXES:
        if suffix in WORD_SUFFIXES:
            from diffy.ingest.word import parse_word

            doc = parse_word(p, printable(path), file_sha256(p), options)
        elif suffix in WEB_SUFFIXES:
            from diffy.ingest.webpage import parse_webpage

            doc = parse_webpage(p, printable(path), options)
        else:
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
