"""The PDF pipeline: pages → layout → paragraphs → sections."""

from __future__ import annotations

import dataclasses
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from diffy.errors import InputError
from diffy.ingest.blocks import build_blocks
from diffy.ingest.contents import mark_contents
from diffy.ingest.front import front_matter
from diffy.ingest.layout import analyse, body_font_size
from diffy.ingest.options import ReadOptions
from diffy.ingest.parallel import read_parallel, worker_count
from diffy.ingest.pdf import open_pdf, page_labels, read_page_safely
from diffy.ingest.source import file_sha256
from diffy.ingest.structure import build_sections
from diffy.model import Document, Page

Progress = Callable[[int, int], None]  # (pages read, pages in the document)


def parse_pdf(path: Path, source: str, options: ReadOptions | None = None, progress: Progress | None = None,
              sha256: str | None = None) -> Document:
    """Parse a PDF. Pages are read in `options.jobs` worker processes (None: as many as help)."""
    options = options or ReadOptions()
    password = options.password
    deadline = time.monotonic() + options.time_limit
    with open_pdf(path, password) as pdf:
        n = len(pdf.pages)
        if n == 0:
            raise InputError(path, "has no pages (empty PDF)")
        if n > options.max_pages:
            raise InputError(path, f"has {n} pages, more than the limit of {options.max_pages}; "
                                   "raise it with --max-pages")
        labels = page_labels(pdf)
        workers = worker_count(options.jobs, n)
        pages: list[Page] = []
        if workers == 1:
            for i in range(n):
                pages.append(read_page_safely(pdf, i))
                if progress is not None:
                    progress(i + 1, n)
                if time.monotonic() > deadline and i + 1 < n:
                    raise over_time(path, options, i + 1, n)
    if workers > 1:
        pages = read_parallel(path, password, n, workers, progress, deadline)
        if time.monotonic() > deadline:
            raise over_time(path, options, n, n)
    doc = document_from_pages(pages, source, sha256 or file_sha256(path), path)
    return dataclasses.replace(doc, page_labels=labels)


def over_time(path: Path, options: ReadOptions, done: int, n: int) -> InputError:
    return InputError(path, f"took over {options.time_limit:g} s to read ({done} of {n} pages done; a pathological "
                            "PDF?); raise the limit with --time-limit")


def document_from_pages(pages: list[Page], source: str, sha256: str,
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
    blocks, more = build_blocks(flow, body_size, body_bold, {p.number: p.references for p in pages if p.references})
    title, blocks = front_matter(mark_contents(blocks))
    sections = build_sections(blocks)
    return Document(source, sha256, len(pages), title, tuple(sections), tuple(furniture + more))
