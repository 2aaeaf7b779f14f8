"""The PDF pipeline: pages → layout → paragraphs → sections."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from diffy.errors import InputError
from diffy.ingest.blocks import build_blocks
from diffy.ingest.layout import analyse, body_font_size
from diffy.ingest.parallel import read_parallel, worker_count
from diffy.ingest.pdf import metadata_title, open_pdf, read_page_safely
from diffy.ingest.source import file_sha256
from diffy.ingest.structure import build_sections
from diffy.model import Document, Page

MAX_PAGES = 5000
MAX_SECONDS = 300.0

Progress = Callable[[int, int], None]  # (pages read, pages in the document)


@dataclass(frozen=True, slots=True)
class Limits:
    """Guards against pathological files: most pages read, and seconds spent reading one document."""

    max_pages: int = MAX_PAGES
    max_seconds: float = MAX_SECONDS


def parse_pdf(path: Path, source: str, password: str | None = None, progress: Progress | None = None,
              jobs: int | None = None, sha256: str | None = None, limits: Limits = Limits()) -> Document:
    """Parse a PDF. Pages are read in `jobs` worker processes (None: as many as help)."""
    deadline = time.monotonic() + limits.max_seconds
    with open_pdf(path, password) as pdf:
        n = len(pdf.pages)
        if n == 0:
            raise InputError(path, "has no pages (empty PDF)")
        if n > limits.max_pages:
            raise InputError(path, f"has {n} pages, more than the limit of {limits.max_pages}; "
                                   "raise it with --max-pages")
        fallback_title = metadata_title(pdf)
        workers = worker_count(jobs, n)
        pages: list[Page] = []
        if workers == 1:
            for i in range(n):
                pages.append(read_page_safely(pdf, i))
                if progress is not None:
                    progress(i + 1, n)
                if time.monotonic() > deadline and i + 1 < n:
                    raise over_time(path, limits, i + 1, n)
    if workers > 1:
        pages = read_parallel(path, password, n, workers, progress, deadline)
        if time.monotonic() > deadline:
            raise over_time(path, limits, n, n)
    return document_from_pages(pages, source, sha256 or file_sha256(path), fallback_title, path)


def over_time(path: Path, limits: Limits, done: int, n: int) -> InputError:
    return InputError(path, f"took over {limits.max_seconds:g} s to read ({done} of {n} pages done; a pathological "
                            "PDF?); raise the limit with --time-limit")


def document_from_pages(pages: list[Page], source: str, sha256: str, fallback_title: str | None,
                        path: Path | str) -> Document:
    if not any(p.words for p in pages):
        broken = sum(p.unreadable for p in pages)
        if broken:
            raise InputError(path, f"is damaged: {broken} of {len(pages)} pages could not be read and the "
                                   "rest have no text; it cannot be read")
        raise InputError(path, "has no text layer (scanned image?); run OCR first, e.g. ocrmypdf")
    body_size = body_font_size(pages)
    flow, furniture = analyse(pages, body_size)
    bold: Counter[bool] = Counter()
    for p in pages:
        for w in p.words:
            bold[w.bold] += len(w.text)
    body_bold = bold[True] > bold[False]
    blocks, more = build_blocks(flow, body_size, body_bold)
    title, sections = build_sections(blocks, fallback_title)
    return Document(source, sha256, len(pages), title, tuple(sections), tuple(furniture + more))
