"""Reading PDFs: the only module that imports pdfplumber (and pikepdf).

It turns a file into `Page` objects (typed words with font and position,
ruled tables, diagonal watermark text) and turns every failure into an
`InputError` that says what is wrong in a user's words.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from diffy.errors import InputError
from diffy.ingest.glyphs import WORD_GAP, Spaces, is_tilted, join_split_words, page_turn, sideways_lines, turn_char
from diffy.model import Page, Reference, TableGrid, Word

# pdfminer logs every oddity it meets in damaged files; diffy reports problems itself.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

_CID = re.compile(r"\(cid:\d+\)")

_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (a Word or OpenDocument file?)",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file",
    b"<!DOCTYPE html": "an HTML page",
    b"<html": "an HTML page",
}


def sniff(path: Path) -> None:
    """Reject files that are plainly not PDFs, before pdfminer gets confused by them."""
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a PDF file") from None
    except PermissionError:
        raise InputError(path, "cannot be read (permission denied)") from None
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror or e})") from None
    if not head:
        raise InputError(path, "is empty (0 bytes), not a PDF")
    if b"%PDF-" not in head:
        for magic, what in _MAGIC.items():
            if head.lstrip().lower().startswith(magic.lower()):
                raise InputError(path, f"is not a PDF: it is {what}")
        raise InputError(path, "is not a PDF file (no %PDF header)")


@contextmanager
def open_pdf(path: Path, password: str | None = None) -> Iterator[pdfplumber.PDF]:
    """Open a PDF with pdfplumber, repairing it with pikepdf (qpdf) when pdfminer cannot."""
    sniff(path)
    try:
        pdf = pdfplumber.open(path, password=password or "")
        pages = pdf.pages  # forces the page tree to be read
        del pages
    except (PdfminerException, RecursionError, ValueError, KeyError, TypeError) as e:
        if _is_password_problem(e):
            raise InputError(path, _password_message(password)) from None
        if "root" in str(e).lower():
            # no document catalog at all: the structure is gone, and a rebuilt file
            # would be a guess at its content rather than the document itself
            raise InputError(path, _damage_message(e)) from None
        pdf = _open_repaired(path, password, e)
    try:
        yield pdf
    finally:
        pdf.close()


def _is_password_problem(e: BaseException) -> bool:
    while e is not None:
        if isinstance(e, PDFPasswordIncorrect):
            return True
        e = e.__cause__ or e.__context__ or (e.args[0] if e.args and isinstance(e.args[0], BaseException) else None)  # type: ignore[assignment]
    return False


def _password_message(password: str | None) -> str:
    if password:
        return "is encrypted and the password given is wrong"
    return "is encrypted and needs a password; give it with --password"


def _open_repaired(path: Path, password: str | None, first: BaseException) -> pdfplumber.PDF:
    import pikepdf

    try:
        with pikepdf.open(path, password=password or "") as src:
            buf = io.BytesIO()
            src.save(buf)
    except pikepdf.PasswordError:
        raise InputError(path, _password_message(password)) from None
    except Exception:  # qpdf could not repair it either: report what pdfminer said
        raise InputError(path, _damage_message(first)) from None
    buf.seek(0)
    try:
        pdf = pdfplumber.open(buf)
        pdf.pages  # noqa: B018
    except Exception:
        raise InputError(path, _damage_message(first)) from None
    return pdf


def _damage_message(e: BaseException) -> str:
    text = str(e).lower()
    if "root" in text:
        return ("is damaged: its document catalog cannot be found (broken cross-reference "
                "table?); it cannot be read safely")
    if "recursion" in text:
        return "is damaged (its cross-reference table loops); it cannot be read"
    return "is damaged or truncated (corrupt PDF structure); it cannot be read"


def read_page(pdf: pdfplumber.PDF, index: int) -> Page:
    """Extract one page (0-based index) into a `Page`."""
    page = pdf.pages[index]
    try:
        return _read_page(page, index)
    finally:
        page.flush_cache()


def read_page_safely(pdf: pdfplumber.PDF, index: int) -> Page:
    """`read_page`, except that a page whose content cannot be parsed comes back marked unreadable:
    one broken content stream should not sink the document."""
    try:
        return read_page(pdf, index)
    except InputError:
        raise
    except (RecursionError, ValueError, KeyError, TypeError, AttributeError, IndexError, ZeroDivisionError):
        return Page(index + 1, 612.0, 792.0, (), unreadable=True)
    except Exception as e:
        if e.__class__.__module__.startswith(("pdfminer", "pdfplumber")):
            return Page(index + 1, 612.0, 792.0, (), unreadable=True)
        raise


def read_range(path: Path, password: str | None, start: int, stop: int) -> list[Page]:
    """Pages start..stop-1 of the PDF, each read as in a single process."""
    with open_pdf(path, password) as pdf:
        return [read_page_safely(pdf, i) for i in range(start, stop)]


def _read_page(page, index: int) -> Page:
    chars = page.chars
    if _overprinted(chars):  # text printed twice over itself (a heavier look): read it once
        page = page.dedupe_chars(tolerance=1, extra_attrs=("fontname", "size"))
        chars = page.chars
    tilted = [c for c in chars if is_tilted(c)]
    watermarks: tuple[str, ...] = (_join_chars(tilted),) if tilted else ()
    width, height = float(page.width), float(page.height)
    level = [c for c in chars if not is_tilted(c)] if tilted else chars
    turn = page_turn(level)
    if turn:  # the page is set sideways (a landscape table drawn turned): read it turned upright
        aside = [c for c in level if c.get("upright", True)]
        width, height = height, width
    else:  # text across the reading direction (a margin notice, a stamp, a spine) is not body text
        aside = [c for c in level if not c.get("upright", True)]
    sideways = sideways_lines(aside) if aside else ()
    if tilted or aside:
        dropped = {id(c) for c in tilted} | {id(c) for c in aside}
        page = page.filter(lambda obj: id(obj) not in dropped)
    # words are not split where only the size changes (small capitals mix two sizes in one word);
    # each word takes the font and size of most of its characters. Producers that write no space
    # characters (TeX, many typesetters) leave only a gap between words, which a tight justified line
    # shrinks to a fifth of an em: a gap wider than 0.15 em ends a word (the default, 3 pt whatever
    # the size, ran such lines together). Words are extracted a font run at a time, then the pieces
    # of one printed word are joined again (`join_split_words`).
    settings = dict(keep_blank_chars=False, use_text_flow=False, x_tolerance_ratio=WORD_GAP)
    chars = page.chars
    if turn:
        from pdfplumber.utils.text import WordExtractor

        chars = [turn_char(c, turn, float(page.width), float(page.height)) for c in chars]
        extractor = WordExtractor(**settings, extra_attrs=["fontname"])  # type: ignore[arg-type]
        pieces = extractor.extract_words(chars, return_chars=True)
    else:
        pieces = page.extract_words(**settings, return_chars=True, extra_attrs=["fontname"])
    raw = join_split_words(pieces, Spaces(chars))
    words = []
    references = tuple(Reference(w["text"], float(w["x0"]), (float(w["top"]) + float(w["bottom"])) / 2)
                       for w in raw if w.get("reference"))
    for w in raw:
        if w.get("reference"):
            continue
        fontname, size = _dominant_font(w["chars"])
        text = _CID.sub("", w["text"])
        if not text.strip():
            if not w["text"].strip():
                continue
            text = "\u2022"  # an unmapped glyph on its own: almost always a bullet
        words.append(
            Word(text, float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]),
                 fontname, size)
        )
    tables = _tables(page, words) if words and not turn and _has_grid(page) else ()
    return Page(index + 1, width, height, tuple(words), tables, watermarks, sideways, references)


def _overprinted(chars: list[dict]) -> bool:
    """Whether some glyph is printed twice at one place (a tenth of a point apart at most)."""
    seen = set()
    for c in chars:
        key = (c["text"], round(c["x0"], 1), round(c["top"], 1))
        if key in seen and not c["text"].isspace():
            return True
        seen.add(key)
    return False


def _dominant_font(chars: list[dict]) -> tuple[str, float]:
    first = chars[0]
    font, size = first.get("fontname", ""), first.get("size", 0.0)
    if len(chars) == 1:
        return str(font), float(size)
    if all(c.get("fontname", "") == font and c.get("size", 0.0) == size for c in chars):
        return str(font), round(float(size), 2)  # most words are set in one font
    counts: dict[tuple[str, float], int] = {}
    for c in chars:
        key = (str(c.get("fontname", "")), round(float(c.get("size", 0.0)), 2))
        counts[key] = counts.get(key, 0) + 1
    return max(counts, key=counts.__getitem__)


def _join_chars(chars: list[dict]) -> str:
    return "".join(c["text"] for c in chars).strip()


def _has_grid(page) -> bool:
    """Cheap test before the table finder: at least two horizontal and two vertical rules."""
    objs = page.objects
    if not objs.get("line") and not objs.get("rect"):
        return False
    edges = page.edges
    horizontal = sum(1 for e in edges if e["orientation"] == "h")
    vertical = len(edges) - horizontal
    return horizontal >= 2 and vertical >= 2


def _closing_lines(page) -> list[dict]:
    """Horizontal lines that close tables broken at a page or column end.

    A table row cut by a page break keeps its vertical rules but loses its
    bottom rule, so the table finder would drop the row; draw the missing rule.
    """
    edges = page.edges
    horizontal = [e for e in edges if e["orientation"] == "h"]
    by_bottom: dict[int, list[dict]] = {}
    for e in edges:
        if e["orientation"] == "v":
            by_bottom.setdefault(round(e["bottom"]), []).append(e)
    lines = []
    for y, verticals in by_bottom.items():
        if len(verticals) < 2:
            continue
        x0 = min(e["x0"] for e in verticals)
        x1 = max(e["x1"] for e in verticals)
        closed = any(abs(h["top"] - y) <= 2 and h["x0"] <= x0 + 2 and h["x1"] >= x1 - 2 for h in horizontal)
        if not closed:
            lines.append({"x0": x0, "x1": x1, "top": float(y), "bottom": float(y), "width": x1 - x0,
                          "height": 0.0, "orientation": "h", "object_type": "line"})
    return lines


def _tables(page, words: list[Word]) -> tuple[TableGrid, ...]:
    """Ruled tables on the page, their cells filled from the words already extracted."""
    found = []
    settings = {"explicit_horizontal_lines": _closing_lines(page)}
    for t in page.find_tables(settings):
        rows = []
        for row in t.rows:
            cells = tuple(_cell_text(words, bbox) if bbox else "" for bbox in row.cells)
            if any(cells):
                rows.append(cells)
        if len(rows) < 2 or max(len(r) for r in rows) < 2:
            continue  # a box around a paragraph, not a table
        found.append(TableGrid(tuple(float(v) for v in t.bbox), tuple(rows)))  # type: ignore[arg-type]
    return tuple(found)


def _cell_text(words: list[Word], bbox) -> str:
    x0, top, x1, bottom = bbox
    inside = [w for w in words
              if x0 <= (w.x0 + w.x1) / 2 <= x1 and top <= (w.top + w.bottom) / 2 <= bottom]
    lines: list[list[Word]] = []
    for w in sorted(inside, key=lambda w: (w.top, w.x0)):
        if lines and w.top < lines[-1][0].bottom - 0.5 * (w.bottom - w.top):
            lines[-1].append(w)
        else:
            lines.append([w])
    return "\n".join(" ".join(w.text for w in sorted(ln, key=lambda w: w.x0)) for ln in lines)


def page_labels(pdf: pdfplumber.PDF) -> tuple[str, ...]:
    """The file's own page labels (`iv`, `A-3`), one per page; empty when it has none or they are
    just the page indexes."""
    try:
        labels = tuple(str(x) for x in itertools.islice(pdf.doc.get_page_labels(), len(pdf.pages)))
    except Exception as e:  # PDFNoPageLabels, or a damaged label tree: cite pages by index
        if e.__class__.__module__.startswith(("pdfminer", "pdfplumber")) or isinstance(e, (KeyError, TypeError,
                                                                                              ValueError)):
            return ()
        raise
    if all(label == str(k + 1) for k, label in enumerate(labels)):
        return ()
    return labels
