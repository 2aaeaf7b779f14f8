"""The text of one Word paragraph as Word shows it, with tracked changes accepted or not.

Runs give their text (`w:t`), tabs and line breaks a space, a non-breaking hyphen
a hyphen; hidden text (`w:vanish`, directly or from a style), field codes (the
instructions between a field's begin and separate marks), the mark of a footnote
reference and comment references give none. Insertions (`w:ins`, `w:moveTo`)
are read and deletions (`w:del`, `w:moveFrom`) skipped when changes are
accepted, and the other way round for the original text. Of the alternatives a
file offers for one object (`mc:AlternateContent`) the first is read. Text boxes
are read as paragraphs of their own after the paragraph that anchors them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from diffy.ingest.ooxml import W, w
from diffy.ingest.word_styles import Styles

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"

_SKIP = {w(n) for n in ("pPr", "rPr", "sdtPr", "sdtEndPr", "instrText", "delInstrText", "fldData", "proofErr",
                        "bookmarkStart", "bookmarkEnd", "permStart", "permEnd", "commentReference",
                        "annotationRef", "footnoteRef", "endnoteRef", "separator", "continuationSeparator",
                        "lastRenderedPageBreak", "rubyPr", "rt", "tblPr", "tcPr", "trPr")} | \
        {f"{{{MATH}}}{n}" for n in ("rPr", "ctrlPr", "oMathParaPr")} | {f"{{{MC}}}Fallback"}
_SPACE = {w(n) for n in ("tab", "ptab", "br", "cr")}
_INSERTED = (w("ins"), w("moveTo"))
_DELETED = (w("del"), w("moveFrom"))
_BOXES = (w("drawing"), w("pict"), w("object"))


@dataclass(slots=True)
class Piece:
    """What one paragraph holds: its text, the notes it refers to, text boxes anchored in it, and
    whether it is a line of a table of contents (a TOC field's result)."""

    text: str = ""
    notes: list[tuple[str, str]] = field(default_factory=list)  # (footnote | endnote, note id)
    boxes: list[etree._Element] = field(default_factory=list)  # w:txbxContent elements
    contents: bool = False


@dataclass(slots=True)
class InlineReader:
    accepted: bool
    styles: Styles
    fields: list[list[str]] = field(default_factory=list)  # open fields: [phase (code | result), instruction]
    quotes: dict[str, list[str]] = field(default_factory=dict)  # comment id → its anchored text so far
    open_comments: set[str] = field(default_factory=set)
    comment_at: dict[str, int] = field(default_factory=dict)  # comment id → paragraph where it starts
    paragraph_index: int = 0
    _out: list[str] = field(default_factory=list)
    _piece: Piece = field(default_factory=Piece)
    _hidden: bool = False  # the paragraph style hides its runs

    # ---------------------------------------------------------------- comments
    def start_comment(self, cid: str) -> None:
        self.open_comments.add(cid)
        self.quotes.setdefault(cid, [])
        self.comment_at.setdefault(cid, self.paragraph_index)

    def end_comment(self, cid: str) -> None:
        self.open_comments.discard(cid)

    # ---------------------------------------------------------------- paragraphs
    def paragraph(self, p: etree._Element, style: str | None) -> Piece:
        self._out, self._piece = [], Piece()
        self._hidden = self.styles.hidden(style)
        self._children(p)
        self._piece.text = "".join(self._out)
        for cid in self.open_comments:  # a comment running on into the next paragraph
            self.quotes[cid].append(" ")
        return self._piece

    def _emit(self, text: str) -> None:
        if self.fields:
            if any(f[0] == "code" for f in self.fields):
                return
            if any(f[0] == "result" and f[1].lstrip().upper().startswith("TOC") for f in self.fields):
                self._piece.contents = True
        self._out.append(text)
        for cid in self.open_comments:
            self.quotes[cid].append(text)

    def _children(self, el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == w("r"):
                self._run(child)
            elif tag in _INSERTED:
                if self.accepted:
                    self._children(child)
            elif tag in _DELETED:
                if not self.accepted:
                    self._children(child)
            elif tag == w("commentRangeStart"):
                self.start_comment(child.get(w("id"), ""))
            elif tag == w("commentRangeEnd"):
                self.end_comment(child.get(w("id"), ""))
            elif tag == w("fldSimple"):
                instr = child.get(w("instr"), "")
                self.fields.append(["result", instr])
                self._children(child)
                self.fields.pop()
            elif tag == w("ruby"):
                base = child.find(w("rubyBase"))
                if base is not None:
                    self._children(base)
            elif tag == f"{{{MC}}}AlternateContent":
                choice = child.find(f"{{{MC}}}Choice")
                self._children(choice if choice is not None else child)
            elif tag == f"{{{MATH}}}t":
                self._emit(child.text or "")
            elif tag in _BOXES:
                self._piece.boxes += child.iter(w("txbxContent"))
            else:  # hyperlinks, smart tags, content controls, custom XML, math, bidi runs: their content
                self._children(child)

    def _run(self, r: etree._Element) -> None:
        hidden = self._run_hidden(r)
        for c in r:
            tag = c.tag
            if tag == w("t") or tag == w("delText"):
                if not hidden:
                    self._emit(c.text or "")
            elif tag in _SPACE:
                if not hidden:
                    self._emit(" ")
            elif tag == w("noBreakHyphen"):
                if not hidden:
                    self._emit("-")
            elif tag == w("sym"):
                code = c.get(w("char"), "")
                if not hidden and _symbol(code):
                    self._emit(_symbol(code))
            elif tag == w("fldChar"):
                kind = c.get(w("fldCharType"))
                if kind == "begin":
                    self.fields.append(["code", ""])
                elif kind == "separate" and self.fields:
                    self.fields[-1][0] = "result"
                elif kind == "end" and self.fields:
                    self.fields.pop()
            elif tag == w("instrText"):
                if self.fields and self.fields[-1][0] == "code":
                    self.fields[-1][1] += c.text or ""
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                kind = "footnote" if tag == w("footnoteReference") else "endnote"
                self._piece.notes.append((kind, c.get(w("id"), "")))
            elif tag in _BOXES:
                self._piece.boxes += c.iter(w("txbxContent"))
            elif tag == f"{{{MC}}}AlternateContent":
                choice = c.find(f"{{{MC}}}Choice")
                for box in (choice if choice is not None else c).iter(w("txbxContent")):
                    self._piece.boxes.append(box)
                    break

    def _run_hidden(self, r: etree._Element) -> bool:
        rpr = r.find(w("rPr"))
        if rpr is not None:
            vanish = rpr.find(w("vanish"))
            if vanish is not None:
                return vanish.get(w("val")) not in ("0", "false", "off")
            rstyle = rpr.find(w("rStyle"))
            if rstyle is not None and self.styles.hidden(rstyle.get(w("val"))):
                return True
        return self._hidden


def _symbol(code: str) -> str:
    """The character of a `w:sym`; symbol-font glyphs (U+F000–U+F0FF, bullets and dingbats) are decoration."""
    try:
        n = int(code, 16)
    except ValueError:
        return ""
    if 0xF000 <= n <= 0xF0FF or n < 0x20 or n > 0x10FFFF:
        return ""
    return chr(n)


def is_word(el: etree._Element, name: str) -> bool:
    return el.tag == f"{{{W}}}{name}"
