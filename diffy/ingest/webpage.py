"""Web pages (.html, .htm): the page's text as a browser shows it, read into a `Document`.

The page is parsed by lxml (libxml2's HTML parser, which recovers from broken
markup as browsers do), in the encoding the page declares
(`diffy.ingest.web_encoding`). `--select CSS` keeps only the matching parts,
`--remove CSS` drops parts, and what is not the document (navigation, banners,
footers, cookie notices, …) is dropped (`diffy.ingest.web_chrome`). Then:
headings from `h1`–`h6` and `role="heading"` with `aria-level`; paragraphs
from block elements (text between blocks is a paragraph of its own, as in a
browser); `<br>` is a line break inside a paragraph and two of them in a row a
paragraph break; whitespace collapses as CSS's `white-space: normal` does
(kept line by line in `<pre>`); list items of ordered lists carry the number
the browser prints (`type`, `start`, `reversed`, `value`, an inline
`list-style-type`); `<q>` gets its quotation marks; data tables read row by
row (cells joined by " | ", kind "row"), while tables used for layout (role
presentation, or a heading or a table inside a cell) read as blocks. The
title is a single top-level heading that comes first (as for Markdown); the
page's `<title>` is not the title (it names the browser tab, often with the
site's name, and is not printed on the page). Each paragraph cites its line in the file (page 1).

Pages larger than `MAX_BYTES` or nested deeper than libxml2's 256 levels are
refused with one line saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree, html

from diffy.errors import InputError
from diffy.ingest.headings import parse_label
from diffy.ingest.options import ReadOptions
from diffy.ingest.source import file_sha256
from diffy.ingest.structure import Entry, assemble
from diffy.ingest.text import collapse, normalize
from diffy.ingest.web_chrome import strip_chrome
from diffy.ingest.web_encoding import decode
from diffy.ingest.word_numbering import roman
from diffy.model import Document, Furniture

MAX_BYTES = 16 << 20  # a 14 MB page: 5 s of CPU and 380 MiB (bench/formats.py)
BR = "\u2028"  # a line break from <br> or a newline in <pre>, until the paragraph is cut
_BLOCKS = {"address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div",
           "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "hr", "html",
           "legend", "li", "listing", "main", "menu", "nav", "ol", "p", "plaintext", "pre", "section", "summary",
           "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "xmp", "caption", "h1", "h2", "h3", "h4",
           "h5", "h6", "search", "option", "optgroup", "frameset", "noframes"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_LIST_TYPES = {"1": "decimal", "a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman", "I": "upper-roman"}
_LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:\s*([a-z-]+)", re.I)
_SPACES = re.compile(r"[ \t\n\r\f\u2028]+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")


@dataclass(slots=True)
class _List:
    ordered: bool
    style: str  # decimal | lower-alpha | … | none
    next: int
    step: int  # 1, or -1 for a reversed list


@dataclass(slots=True)
class _Walk:
    """Collects the page's headings, paragraphs and table rows as section entries."""

    entries: list[Entry] = field(default_factory=lambda: [Entry(None, None, None, 0, 1, [])])
    heads: list[tuple[int, int]] = field(default_factory=list)  # (entry index, heading level)
    buf: list[str] = field(default_factory=list)
    line: int | None = None  # the source line of the paragraph being collected
    pre: int = 0  # inside how many <pre>
    heading: int = 0  # the level of the heading being collected (0: none)
    lists: list[_List] = field(default_factory=list)
    cells: list[str] | None = None  # the cells of the data-table row being collected
    tables: list[bool] = field(default_factory=list)  # for each open table: is it a data table
    cell_depth: int = 0  # inside how many cells of data tables
    marker: str = ""  # a list item's number, waiting for the item's first paragraph

    # ------------------------------------------------------------ text
    def text(self, s: str | None, line: int | None) -> None:
        if not s:
            return
        s = s if self.pre else _SPACES.sub(" ", s)
        if self.pre:
            s = s.replace("\r\n", "\n").replace("\n", BR)
        if self.line is None and s.strip():
            self.line = line
        self.buf.append(s)

    def flush(self) -> None:
        """End the paragraph being collected (a block starts or ends)."""
        if self.cell_depth or self.heading:  # blocks inside a cell or a heading: their text runs on
            self.buf.append(" ")
            return
        raw, line = "".join(self.buf), self.line
        self.buf, self.line = [], None
        pieces = re.split(f"{BR}[ \\t]*{BR}", raw) if BR in raw else [raw]
        parts = [t for part in pieces if (t := collapse(normalize(part.replace(BR, " "))))]
        if parts and self.marker:
            parts[0], self.marker = f"{self.marker}{parts[0]}", ""
        for text in parts:
            self.entries[-1].add(text, "text", ((0, 1, line),) if line else ())

    # ------------------------------------------------------------ elements
    def start(self, el: html.HtmlElement) -> None:
        tag = el.tag
        level = _heading_level(el)
        if level and not self.cell_depth:
            self.flush()
            self.heading = level
        elif tag in _BLOCKS or tag == "br":
            if tag == "br":
                self.buf.append(BR)
            else:
                self.flush()
        if tag == "pre":
            self.pre += 1
        elif tag in ("ol", "ul", "menu", "dir"):
            self.lists.append(_new_list(el))
        elif tag == "li":
            if self.cell_depth:  # a list in a table cell: its numbers run on in the cell's text
                self.text(_marker(el, self.lists), el.sourceline)
            else:
                self.marker = _marker(el, self.lists)
        elif tag == "table":
            self.tables.append(_is_data_table(el))
        elif tag == "tr" and self.tables and self.tables[-1] and not self.cell_depth:
            self.cells = []
        elif tag in ("td", "th") and self.tables and self.tables[-1]:
            if self.cell_depth == 0:
                self.buf, self.line = [], self.line or el.sourceline
            self.cell_depth += 1
        elif tag == "q":
            self.buf.append("“")
        self.text(el.text, el.sourceline)

    def end(self, el: html.HtmlElement, tail: bool = True) -> None:
        tag = el.tag
        if tag == "q":
            self.buf.append("”")
        if self.heading and _heading_level(el) == self.heading and not self.cell_depth:
            text = collapse(normalize("".join(self.buf).replace(BR, " ")))
            self.buf, self.line = [], None
            level, self.heading = self.heading, 0
            if text:
                label = parse_label(text)
                number, rest = (label.number, label.rest or None) if label else (None, text)
                self.entries.append(Entry(text, number, rest, level, 1, []))
                self.heads.append((len(self.entries) - 1, level))
        elif tag in ("td", "th") and self.tables and self.tables[-1] and self.cell_depth:
            self.cell_depth -= 1
            if self.cell_depth == 0 and self.cells is not None:
                self.cells.append(collapse(normalize("".join(self.buf).replace(BR, " "))))
                self.buf = []
                self.marker = ""
        elif tag == "tr" and self.tables and self.tables[-1] and not self.cell_depth and self.cells is not None:
            cells, self.cells = self.cells, None
            line, self.line = self.line, None
            if any(cells):
                self.entries[-1].add(" | ".join(cells), "row", ((0, 1, line),) if line else ())
        elif tag in _BLOCKS:
            self.flush()
        if tag == "li":
            self.marker = ""  # an empty item's number prints alone; it says nothing
        if tag == "pre":
            self.pre -= 1
        elif tag in ("ol", "ul", "menu", "dir") and self.lists:
            self.lists.pop()
        elif tag == "table" and self.tables:
            self.tables.pop()
        if tail and el.tail:
            self.text(el.tail, el.sourceline)


def _heading_level(el: html.HtmlElement) -> int:
    if el.tag in _HEADINGS:
        return _HEADINGS[el.tag]
    if (el.get("role") or "").strip().lower() == "heading":
        try:
            return max(1, min(int(el.get("aria-level") or 2), 9))
        except ValueError:
            return 2
    return 0


def _new_list(el: html.HtmlElement) -> _List:
    ordered = el.tag == "ol"
    style = _LIST_TYPES.get(el.get("type") or "", "decimal") if ordered else "disc"
    m = _LIST_STYLE.search(el.get("style") or "")
    if m:
        style = m.group(1).lower()
    reversed_ = ordered and el.get("reversed") is not None
    start = _int(el.get("start"))
    if start is None:
        start = sum(1 for c in el if c.tag == "li") if reversed_ else 1
    return _List(ordered, style, start, -1 if reversed_ else 1)


def _marker(li: html.HtmlElement, lists: list[_List]) -> str:
    """What a browser prints before a list item: its number and a full stop for a numbered list;
    nothing for bullets (bullets are layout, as in PDFs)."""
    if not lists:
        return ""
    lst = lists[-1]
    value = _int(li.get("value"))
    if value is not None and lst.ordered:
        lst.next = value
    n = lst.next
    lst.next += lst.step
    style = lst.style
    m = _LIST_STYLE.search(li.get("style") or "")
    if m:
        style = m.group(1).lower()
    text = list_number(n, style)
    return f"{text}. " if text else ""


def list_number(n: int, style: str) -> str:
    """`n` in CSS list style `style`; "" for bullets and `none`."""
    if style in ("decimal", "decimal-leading-zero"):
        return f"{n:02d}" if style == "decimal-leading-zero" and 0 <= n < 10 else str(n)
    if style in ("lower-alpha", "lower-latin", "upper-alpha", "upper-latin") and n > 0:
        out = ""
        while n > 0:
            n, r = divmod(n - 1, 26)
            out = chr(ord("a") + r) + out
        return out.upper() if style.startswith("upper") else out
    if style in ("lower-roman", "upper-roman") and 0 < n < 4000:
        return roman(n).upper() if style == "upper-roman" else roman(n)
    return ""


def _is_data_table(table: html.HtmlElement) -> bool:
    """A table of data (read row by row), not one that lays out the page."""
    if (table.get("role") or "").lower() in ("presentation", "none"):
        return False
    for cell in table.iter("td", "th"):
        if _owner_table(cell) is not table:
            continue
        if any(True for _ in cell.iter("table", "h1", "h2", "h3", "h4", "h5", "h6")):
            return False
    return True


def _owner_table(cell: html.HtmlElement) -> html.HtmlElement | None:
    for a in cell.iterancestors():
        if a.tag == "table":
            return a
    return None


def _int(value: str | None) -> int | None:
    try:
        return int(value.strip()) if value is not None else None
    except ValueError:
        return None


def read_page(path: Path) -> bytes:
    """The file's bytes, refused past `MAX_BYTES` (checked before and while reading)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(path, f"is {size / 1e6:.0f} MB, more than the {MAX_BYTES >> 20} MB diffy reads from a "
                                   "web page; save only the part that holds the document")
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror or e})") from None
    if len(data) > MAX_BYTES:
        raise InputError(path, f"is more than the {MAX_BYTES >> 20} MB diffy reads from a web page")
    return data


def _not_a_page(path: Path, data: bytes) -> None:
    """Refuse what is plainly another kind of file under a web page's name."""
    if data.startswith(b"%PDF-"):
        raise InputError(path, "is a PDF, not a web page; name it .pdf to compare it")
    if data.startswith(b"PK\x03\x04"):
        raise InputError(path, "is a zip package (a Word file?), not a web page")
    head = data[:4096]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "is a binary file, not a web page")


def parse_html(path: Path, data: bytes) -> html.HtmlElement:
    _not_a_page(path, data)
    text, _ = decode(data)
    text = _XML_DECLARATION.sub("", text, count=1)
    if not text.strip():
        raise InputError(path, "is empty: there is no text to compare")
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as e:
        raise InputError(path, f"cannot be read as a web page ({e})") from None
    for err in parser.error_log:
        if err.type_name == "ERR_RESOURCE_LIMIT" or "depth" in err.message.lower():
            raise InputError(path, "is nested more than 256 elements deep (broken or hostile markup); "
                                   "diffy does not read it")
    return root


def parse_webpage(path: Path, source: str, options: ReadOptions | None = None) -> Document:
    options = options or ReadOptions()
    data = read_page(path)
    root = parse_html(path, data)
    body = root.find("body")
    base = body if body is not None else root
    if options.select:
        roots = _outermost(base.cssselect(options.select))
        if not roots:
            raise InputError(path, f"--select {options.select!r} matches nothing in the page")
    else:
        roots = [base]
    furniture: list[Furniture] = []
    for selector in options.remove:
        for root_el in roots:
            for el in root_el.cssselect(selector):
                if el not in roots and el.getparent() is not None:
                    furniture.append(Furniture(1, "removed", _short(" ".join(el.itertext()))))
                    el.drop_tree()
    furniture += strip_chrome(roots)
    walk = _Walk()
    for r in roots:
        for event, el in etree.iterwalk(r, events=("start", "end")):
            if not isinstance(el.tag, str):
                continue
            if event == "start":
                walk.start(el)
            else:
                walk.end(el, tail=el is not r)  # the text after a selected part is not part of it
    walk.flush()
    title = _title(walk)
    entries = walk.entries
    if not any(e.paragraphs for e in entries) and len(entries) == 1:
        raise InputError(path, "has no text to compare (an empty page, or everything in it was dropped)")
    return Document(source, file_sha256(path), 1, title, tuple(assemble(entries)),
                    tuple(furniture))


def _title(walk: _Walk) -> str | None:
    """Take the title out of the headings (a single top-level heading that comes first) and set the
    others' levels relative to the top level left."""
    heads = walk.heads
    title = None
    if heads:
        top = min(level for _, level in heads)
        tops = [k for k, level in heads if level == top]
        if len(tops) == 1 and tops[0] == heads[0][0]:
            k = tops[0]
            title = walk.entries[k].heading
            gone = walk.entries.pop(k)
            walk.entries[k - 1].paragraphs += gone.paragraphs  # text under the title is text before the headings
            walk.entries[k - 1].kinds += gone.kinds
            walk.entries[k - 1].marks += gone.marks
            heads = [(i - 1 if i > k else i, level) for i, level in heads if i != k]
    top = min((level for _, level in heads), default=1)
    for i, level in heads:
        walk.entries[i].level = max(1, level - top + 1)
    return title


def _outermost(found: list[html.HtmlElement]) -> list[html.HtmlElement]:
    ids = {id(e) for e in found}
    return [e for e in found if not any(id(a) in ids for a in e.iterancestors())]


def _short(text: str) -> str:
    text = collapse(text)
    return text if len(text) <= 160 else text[:157] + "…"
