"""The document model: frozen dataclasses shared by every part of diffy.

Layout objects (`Word`, `Line`) carry positions in PDF points with the origin at
the top left of the page, as pdfplumber reports them.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    fontname: str = ""
    size: float = 0.0

    @property
    def bold(self) -> bool:
        return is_bold_font(self.fontname)

    def __reduce__(self):
        # pages travel from extraction workers by pickle: plain constructor arguments are the cheapest form
        return (Word, (self.text, self.x0, self.x1, self.top, self.bottom, self.fontname, self.size))


@functools.lru_cache(maxsize=4096)
def is_bold_font(fontname: str) -> bool:
    name = fontname.split("+", 1)[-1].lower()
    return any(k in name for k in ("bold", "black", "heavy", "semibold", "demi")) or name.endswith(
        ("-b", ",b")
    )


_STYLE_WORDS = re.compile(r"(?i)(bold|book|italic|oblique|regular|medium|light|semibold|demibold|black|heavy|"
                          r"condensed|narrow|roman|mt|ps)+$")


@functools.lru_cache(maxsize=4096)
def font_family(fontname: str) -> str:
    """The typeface a font belongs to, its weight and style left off: `ABCDEF+TimesNewRomanPS-BoldMT`,
    `TimesNewRomanPSMT` → `TimesNewRoman`; `Arial,Bold` → `Arial`."""
    name = re.split(r"[-,]", fontname.split("+", 1)[-1], maxsplit=1)[0]
    return _STYLE_WORDS.sub("", name) or name


@dataclass(frozen=True, slots=True)
class TableGrid:
    """A table found on a page: its box and its rows of cell texts."""

    bbox: tuple[float, float, float, float]
    rows: tuple[tuple[str, ...], ...]
    columns: tuple[float, ...] = ()  # a table set without rules: the x of each boundary between columns


@dataclass(frozen=True, slots=True)
class Reference:
    """A note number printed raised after a word: its text and where it stands on the page."""

    text: str
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class Page:
    """What the PDF reader hands to the layout analysis for one page."""

    number: int  # 1-based
    width: float
    height: float
    words: tuple[Word, ...]
    tables: tuple[TableGrid, ...] = ()
    watermarks: tuple[str, ...] = ()
    sideways: tuple[str, ...] = ()  # text set across the reading direction (margin notices, stamps), removed
    references: tuple[Reference, ...] = ()  # raised note numbers taken off the words they follow (products³⁴)
    unreadable: bool = False  # the page's content could not be parsed (a damaged stream)


@dataclass(frozen=True, slots=True)
class Line:
    """A line of text within one column of one page; its summary fields are computed once."""

    words: tuple[Word, ...]
    page: int
    column: int = 0
    col_x0: float = 0.0
    col_x1: float = 0.0
    bulleted: bool = False  # a bullet glyph (dropped as layout) started this line
    number: int = 0  # the line's number on its page, in reading order (page furniture not counted)
    run_in: bool = False  # a bold lead-in split off the line it opened: a possible run-in heading
    text: str = field(init=False, compare=False)
    x0: float = field(init=False, compare=False)
    x1: float = field(init=False, compare=False)
    top: float = field(init=False, compare=False)
    bottom: float = field(init=False, compare=False)
    size: float = field(init=False, compare=False)  # dominant font size, weighted by characters
    fontname: str = field(init=False, compare=False)  # dominant font
    bold: bool = field(init=False, compare=False)

    def __post_init__(self) -> None:
        ws = self.words
        put = object.__setattr__
        put(self, "text", " ".join(w.text for w in ws))
        put(self, "x0", ws[0].x0)
        put(self, "x1", ws[-1].x1)
        put(self, "top", min(w.top for w in ws))
        put(self, "bottom", max(w.bottom for w in ws))
        weights: dict[tuple[str, float], int] = {}
        for w in ws:
            key = (w.fontname, round(w.size, 1))
            weights[key] = weights.get(key, 0) + len(w.text)
        font, size = max(weights, key=weights.__getitem__)
        put(self, "size", size)
        put(self, "fontname", font)
        put(self, "bold", is_bold_font(font))


@dataclass(frozen=True, slots=True)
class Furniture:
    """Text removed as page layout rather than content, kept so a user can see it."""

    page: int
    kind: str  # header | footer | page-number | continued | watermark | sideways | note-mark | bullet | table-header
    text: str


@dataclass(frozen=True, slots=True)
class Mark:
    """Where a printed line of a section's text starts: `offset` into `Section.text`, the page
    (1-based index into the file) and the line on that page (1-based, in reading order, page
    furniture not counted)."""

    offset: int
    page: int
    line: int


PARAGRAPH_KINDS = ("text", "row", "note")  # prose; a table row (cells joined by " | "); a footnote


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the body text under it (not its subsections).

    `heading` is None only for the text before the first heading (level 0). `kinds` names each
    paragraph's kind (`PARAGRAPH_KINDS`; empty: all prose); `marks` says where its printed lines
    start, in order (empty where the input has no lines to cite).
    """

    id: str
    heading: str | None
    number: str | None
    title: str | None
    level: int
    parent: str | None
    page: int
    paragraphs: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    marks: tuple[Mark, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def kind(self, index: int) -> str:
        """The kind of paragraph `index`."""
        return self.kinds[index] if index < len(self.kinds) else "text"

    def position(self, offset: int) -> Mark | None:
        """The printed line that holds character `offset` of `text` (None without marks)."""
        if not self.marks:
            return None
        k = bisect.bisect_right([m.offset for m in self.marks], offset) - 1
        return self.marks[max(k, 0)]


@dataclass(frozen=True, slots=True)
class Comment:
    """A reviewer's comment in a Word file: listed with the document, never part of its text."""

    author: str
    date: str | None  # as the file gives it (ISO 8601), None where it gives none
    text: str
    quote: str  # the text the comment is anchored to ("" for a comment on a point)
    section: str | None  # id of the section where that text starts


@dataclass(frozen=True, slots=True)
class Revisions:
    """Tracked changes a Word file holds, and how its text was read (`read`: "accepted", their result; or
    "original", the text as it was before them)."""

    insertions: int
    deletions: int
    moves: int
    formatting: int
    authors: tuple[str, ...]
    read: str


@dataclass(frozen=True, slots=True)
class Document:
    source: str
    sha256: str
    pages: int
    title: str | None
    sections: tuple[Section, ...]
    furniture: tuple[Furniture, ...] = field(default=())
    page_labels: tuple[str, ...] = ()  # the file's own page labels (`iv`, `A-3`), one per page; empty if none
    comments: tuple[Comment, ...] = ()
    revisions: Revisions | None = None  # None: the file holds no tracked changes

    def page_label(self, page: int) -> str:
        """How page `page` (1-based index) is cited: its printed label where the file gives one."""
        if 0 < page <= len(self.page_labels) and self.page_labels[page - 1]:
            return self.page_labels[page - 1]
        return str(page)

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)
