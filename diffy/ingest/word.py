"""Word (.docx) inputs: the document's own structure, read into a `Document`.

Headings are paragraphs whose style (or a style it is based on) or own
properties give an outline level (Heading 1–9 and styles built on them); a
`Title` paragraph is the title, or else a single top-level heading that comes
first (as for Markdown); the file's title property is not (it is not printed,
and templates leave stale ones). Headings and list items carry the numbers Word prints
for them (`diffy.ingest.word_numbering`). Tables read row by row (cells joined
by " | ", kind "row"; a table inside a cell is read into that cell), footnotes
and endnotes at the end of the section that refers to them (kind "note"), a
table of contents and the headers and footers are furniture, and comments are
listed with the document, never mixed into its text. Tracked changes are read
accepted, or as the text was before them with `revisions="original"`
(`diffy.ingest.word_text`); where a paragraph mark is deleted (or, for the
original text, inserted) the paragraph runs on into the next one, which keeps
its own style. Word files have no lines or pages until Word lays them out, so
every section is on page 1 and paragraphs have no line marks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from diffy.errors import InputError
from diffy.ingest import word_parts as parts
from diffy.ingest.headings import parse_label
from diffy.ingest.ooxml import as_int, child_val, open_package, w
from diffy.ingest.options import ReadOptions
from diffy.ingest.structure import Entry, assemble
from diffy.ingest.text import collapse, normalize
from diffy.ingest.word_numbering import Numbering, format_number
from diffy.ingest.word_styles import Styles
from diffy.ingest.word_text import InlineReader, Piece
from diffy.model import Document, Furniture

_TOC_GALLERY = ("table of contents",)


@dataclass(slots=True)
class Para:
    """One paragraph as read, before paragraphs are joined where their marks are gone and numbered."""

    text: str
    style: str | None
    outline: int | None  # the paragraph's own w:outlineLvl
    num_id: str | None  # its own w:numPr
    num_level: int | None
    where: tuple[int, int] | None  # (table row, cell) for a paragraph in a table; None in the body
    mark_gone: bool  # its paragraph mark does not exist in the text being read: it runs on into the next
    notes: list[tuple[str, str]] = field(default_factory=list)
    contents: bool = False  # a line of a table of contents
    index: int = 0


@dataclass(slots=True)
class _Walker:
    """Reads the body's paragraphs and tables in order into `paras`."""

    reader: InlineReader
    styles: Styles
    accepted: bool
    paras: list[Para] = field(default_factory=list)
    row_cells: dict[int, int] = field(default_factory=dict)  # table row → its number of cells

    def blocks(self, container: etree._Element, where: tuple[int, int] | None = None,
               contents: bool = False) -> None:
        for child in container:
            tag = child.tag
            if tag == w("p"):
                self.paragraph(child, where, contents)
            elif tag == w("tbl"):
                self.table(child, where, contents)
            elif tag == w("sdt"):
                body = child.find(w("sdtContent"))
                if body is not None:
                    self.blocks(body, where, contents or _is_contents_control(child))
            elif tag in (w("customXml"), w("ins"), w("moveTo")) or (tag in (w("del"), w("moveFrom")) and
                                                                     not self.accepted):
                self.blocks(child, where, contents)  # block-level wrappers (a tracked change around a table)
            elif tag == w("commentRangeStart"):
                self.reader.start_comment(child.get(w("id"), ""))
            elif tag == w("commentRangeEnd"):
                self.reader.end_comment(child.get(w("id"), ""))

    def paragraph(self, p: etree._Element, where: tuple[int, int] | None, contents: bool) -> None:
        ppr = p.find(w("pPr"))
        props = ppr
        mark_gone = False
        if ppr is not None:
            change = ppr.find(w("pPrChange"))
            if change is not None and not self.accepted and change.find(w("pPr")) is not None:
                props = change.find(w("pPr"))  # the paragraph's properties before the change
            mark = ppr.find(w("rPr"))
            if mark is not None:
                if self.accepted:
                    mark_gone = mark.find(w("del")) is not None or mark.find(w("moveFrom")) is not None
                else:
                    mark_gone = mark.find(w("ins")) is not None or mark.find(w("moveTo")) is not None
        style = child_val(props, "pStyle")
        outline = as_int(child_val(props, "outlineLvl"))
        num_id = num_level = None
        numpr = props.find(w("numPr")) if props is not None else None
        if numpr is not None:
            num_id, num_level = child_val(numpr, "numId"), as_int(child_val(numpr, "ilvl"))
        self.reader.paragraph_index = len(self.paras)
        piece: Piece = self.reader.paragraph(p, style)
        self.paras.append(Para(piece.text, style, outline, num_id, num_level, where, mark_gone, piece.notes,
                               contents or piece.contents or self.styles.is_contents(style), len(self.paras)))
        self.reader.paragraph_index = len(self.paras)  # a comment starting between paragraphs: the next one
        for box in piece.boxes:  # text boxes anchored here read after it
            self.blocks(box, where, contents)

    def table(self, tbl: etree._Element, where: tuple[int, int] | None, contents: bool) -> None:
        for tr in _rows(tbl):
            trpr = tr.find(w("trPr"))
            if trpr is not None and trpr.find(w("del" if self.accepted else "ins")) is not None:
                continue  # a row deleted (or, for the original text, inserted) by a tracked change
            if where is not None:  # a table in a cell: its text belongs to that cell
                for tc in _cells(tr):
                    self.blocks(tc, where, contents)
                continue
            row = len(self.row_cells)
            cells = _cells(tr)
            self.row_cells[row] = len(cells)
            for k, tc in enumerate(cells):
                self.blocks(tc, (row, k), contents)


def _rows(tbl: etree._Element) -> list[etree._Element]:
    out = []
    for child in tbl:
        if child.tag == w("tr"):
            out.append(child)
        elif child.tag in (w("sdt"), w("customXml")):
            body = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if body is not None:
                out += [tr for tr in body if tr.tag == w("tr")]
    return out


def _cells(tr: etree._Element) -> list[etree._Element]:
    out = []
    for child in tr:
        if child.tag == w("tc"):
            out.append(child)
        elif child.tag in (w("sdt"), w("customXml")):
            body = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if body is not None:
                out += [tc for tc in body if tc.tag == w("tc")]
    return out


def _is_contents_control(sdt: etree._Element) -> bool:
    pr = sdt.find(w("sdtPr"))
    gallery = pr.find(f"{w('docPartObj')}/{w('docPartGallery')}") if pr is not None else None
    return gallery is not None and (gallery.get(w("val")) or "").strip().lower() in _TOC_GALLERY


def parse_word(path: Path, source: str, sha256: str, options: ReadOptions | None = None) -> Document:
    """Read a .docx file as `options.revisions` says (accepted or original text)."""
    options = options or ReadOptions()
    accepted = options.revisions == "accepted"
    with open_package(path) as pkg:
        root = pkg.xml(pkg.main)
        body = root.find(w("body")) if root is not None else None
        if body is None:
            raise InputError(path, "is damaged: its main part has no document body")
        styles = Styles.from_xml(pkg.part("styles"))
        numbering = Numbering.from_xml(pkg.part("numbering"), lambda sid: _style_num(styles, sid))
        reader = InlineReader(accepted, styles)
        walker = _Walker(reader, styles, accepted)
        walker.blocks(body)
        note_roots = {kind: pkg.part(f"{kind}s") for kind in ("footnote", "endnote")}
        notes = {kind: parts.notes(r, kind, styles, accepted) for kind, r in note_roots.items()}
        note_formats = parts.note_formats(pkg)
        comments_root = pkg.part("comments")
        furniture = parts.furniture(pkg, styles, accepted)
        revisions = parts.revisions([root, *(r for r in note_roots.values() if r is not None)], options.revisions)
    paras = _join_runs_on(walker.paras)
    entries, title, note_refs = _entries(paras, walker.row_cells, styles, numbering, notes, note_formats)
    if not any(e.paragraphs or e.heading for e in entries):
        raise InputError(path, "has no text to compare (an empty Word document)")
    sections = assemble(entries)
    section_of: dict[int, str] = {}  # entry index → section id (assemble drops an empty leading entry)
    kept = iter(sections)
    for k, e in enumerate(entries):
        if e.heading is not None or e.paragraphs:
            section_of[k] = next(kept).id
    comments = parts.comments(comments_root, reader, styles, [p.index for p in paras], note_refs, section_of)
    furniture += [Furniture(1, "contents", p.text) for p in paras if p.contents and p.text]
    return Document(source, sha256, 1, title, tuple(sections), tuple(furniture),
                    comments=tuple(comments), revisions=revisions)


def _join_runs_on(paras: list[Para]) -> list[Para]:
    """Paragraphs whose mark is gone run on into the next one (in the same place), which keeps its style."""
    out: list[Para] = []
    carry: Para | None = None
    for p in paras:
        if carry is not None:
            if carry.where == p.where:
                p.text = carry.text + p.text
                p.notes = carry.notes + p.notes
                p.index = carry.index
            else:
                out.append(carry)
            carry = None
        if p.mark_gone:
            carry = p
        else:
            out.append(p)
    if carry is not None:
        out.append(carry)
    return out


def _entries(paras: list[Para], row_cells: dict[int, int], styles: Styles, numbering: Numbering,
             notes: dict[str, dict[str, str]], note_formats: dict[str, tuple[str, int]]
             ) -> tuple[list[Entry], str | None, dict[int, int]]:
    """The section entries, the title, and for each paragraph's index the entry it went into."""
    texts: list[tuple[Para, str]] = []
    for p in paras:  # numbering counts every numbered paragraph in document order, tables included
        mark = None
        num = _numbering_of(p, styles, numbering)
        if num is not None:
            mark = numbering.next_label(*num)
        body = collapse(normalize(p.text))
        texts.append((p, mark.before(body) if mark is not None and body else body))
    heads = {k: lvl for k, (p, text) in enumerate(texts) if text and p.where is None and not p.contents
             and (lvl := _outline_of(p, styles)) is not None}
    title = None
    title_at = next((k for k, (p, text) in enumerate(texts) if text and p.where is None and not p.contents
                     and styles.is_title(p.style) and all(h > k for h in heads if h != k)), None)
    if title_at is None and heads:  # else a single top-level heading that comes first, as in Markdown
        top = min(heads.values())
        tops = [k for k, lvl in heads.items() if lvl == top]
        if len(tops) == 1 and tops[0] == min(heads):
            title_at = tops[0]
    if title_at is not None:
        title = texts[title_at][1]
        heads.pop(title_at, None)
    top = min(heads.values(), default=0)
    entries = [Entry(None, None, None, 0, 1, [])]
    entry_of: dict[int, int] = {}
    pending: list[tuple[str, str]] = []
    counters = {"footnote": 0, "endnote": 0}

    def flush_notes() -> None:
        for kind, nid in pending:
            text = notes[kind].get(nid)
            if text is None:
                continue
            fmt, start = note_formats[kind]
            mark = format_number(start + counters[kind], fmt)
            counters[kind] += 1
            entries[-1].add(f"{mark} {text}", "note")
        pending.clear()

    rows: dict[int, list[str]] = {}
    for p, text in texts:
        if p.where is not None and text and not p.contents:
            cells = rows.setdefault(p.where[0], [""] * row_cells.get(p.where[0], 0))
            cells[p.where[1]] = f"{cells[p.where[1]]} {text}".strip()
    for k, (p, text) in enumerate(texts):
        if k == title_at or p.contents:
            continue
        if k in heads:
            flush_notes()
            label = parse_label(text)
            number, rest = (label.number, label.rest or None) if label else (None, text)
            entries.append(Entry(text, number, rest, max(1, heads[k] - top + 1), 1, []))
        elif p.where is not None:
            cells = rows.pop(p.where[0], [])  # the row is added where its first paragraph stands
            if any(cells):
                entries[-1].add(" | ".join(cells), "row")
        elif text:
            entries[-1].add(text)
        entry_of[p.index] = len(entries) - 1
        pending += [n for n in p.notes if n not in pending]
    flush_notes()
    return entries, title, entry_of


def _numbering_of(p: Para, styles: Styles, numbering: Numbering) -> tuple[str, int] | None:
    from_style = styles.numbering(p.style)
    num_id = p.num_id if p.num_id is not None else (from_style[0] if from_style else None)
    if num_id is None or num_id == "0":
        return None
    level = p.num_level
    if level is None and from_style is not None and from_style[0] == num_id:
        level = from_style[1]
    if level is None and p.style:
        level = numbering.level_for_style(num_id, p.style)
    return num_id, level or 0


def _outline_of(p: Para, styles: Styles) -> int | None:
    if p.outline is not None:
        return p.outline if 0 <= p.outline <= 8 else None
    return styles.outline_level(p.style)


def _style_num(styles: Styles, style_id: str) -> str | None:
    num = styles.numbering(style_id)
    return num[0] if num else None
