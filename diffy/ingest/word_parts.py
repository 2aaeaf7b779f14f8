"""The parts of a Word file around its body: footnotes and endnotes, comments, headers and footers, and the
count of its tracked changes."""

from __future__ import annotations

from lxml import etree

from diffy.ingest.ooxml import Package, as_int, child_val, w
from diffy.ingest.text import collapse, normalize
from diffy.ingest.word_styles import Styles
from diffy.ingest.word_text import InlineReader
from diffy.model import Comment, Furniture, Revisions

_REVISION_FORMATTING = tuple(w(n) for n in ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange",
                                            "tcPrChange", "numberingChange"))


def notes(root: etree._Element | None, tag: str, styles: Styles, accepted: bool) -> dict[str, str]:
    """Each footnote's (or endnote's) text by id, tracked changes read as in the body; separators are not
    notes."""
    if root is None:
        return {}
    out = {}
    reader = InlineReader(accepted, styles)
    for note in root.iter(w(tag)):
        if note.get(w("type")) not in (None, "normal"):
            continue
        texts = [reader.paragraph(p, child_val(p.find(w("pPr")), "pStyle")).text for p in note.iter(w("p"))]
        out[note.get(w("id"), "")] = collapse(normalize(" ".join(texts)))
    return out


def note_formats(pkg: Package) -> dict[str, tuple[str, int]]:
    """How footnotes and endnotes are numbered (Word's defaults: 1, 2, 3 and i, ii, iii)."""
    formats = {"footnote": ("decimal", 1), "endnote": ("lowerRoman", 1)}
    settings = pkg.part("settings")
    if settings is not None:
        for kind in formats:
            pr = settings.find(w(f"{kind}Pr"))
            if pr is not None:
                fmt = child_val(pr, "numFmt") or formats[kind][0]
                formats[kind] = (fmt, as_int(child_val(pr, "numStart")) or 1)
    return formats


def furniture(pkg: Package, styles: Styles, accepted: bool) -> list[Furniture]:
    out: list[Furniture] = []
    for kind in ("header", "footer"):
        for name in pkg.parts(kind):
            root = pkg.xml(name)
            if root is None:
                continue
            reader = InlineReader(accepted, styles)
            text = collapse(normalize(" ".join(reader.paragraph(p, None).text for p in root.iter(w("p")))))
            if text and all(f.text != text or f.kind != kind for f in out):
                out.append(Furniture(1, kind, text))
    return out


def revisions(roots: list[etree._Element], read: str) -> Revisions | None:
    counts = {"ins": 0, "del": 0, "moveTo": 0, "formatting": 0}
    authors: set[str] = set()
    for root in roots:
        for el in root.iter(w("ins"), w("del"), w("moveTo"), *_REVISION_FORMATTING):
            name = el.tag.rsplit("}", 1)[-1]
            counts[name if name in counts else "formatting"] += 1
            if el.get(w("author")):
                authors.add(el.get(w("author"), ""))
    if not any(counts.values()):
        return None
    return Revisions(counts["ins"], counts["del"], counts["moveTo"], counts["formatting"], tuple(sorted(authors)),
                     read)


def comments(root: etree._Element | None, reader: InlineReader, styles: Styles, indexes: list[int],
             entry_of: dict[int, int], section_of: dict[int, str]) -> list[Comment]:
    """The comments with their text, the text they are anchored to and the id of the section where that
    starts; `indexes` are the paragraphs read (a paragraph joined into the next has the index it kept), and
    `entry_of` and `section_of` say which entry each went into and which section each entry became."""
    if root is None:
        return []
    out = []
    body_reader = InlineReader(True, styles)
    para_entry = {k: entry_of.get(k) for k in indexes}
    for c in root.iter(w("comment")):
        cid = c.get(w("id"), "")
        text = collapse(normalize(" ".join(body_reader.paragraph(p, None).text for p in c.iter(w("p")))))
        quote = collapse(normalize("".join(reader.quotes.get(cid, []))))
        at = reader.comment_at.get(cid)
        entry = nearest_entry(at, para_entry) if at is not None else None
        out.append(Comment(c.get(w("author"), ""), c.get(w("date")), text, quote,
                           section_of.get(entry) if entry is not None else None))
    return out


def nearest_entry(at: int, para_entry: dict[int, int | None]) -> int | None:
    """The entry of paragraph `at`, or of the nearest paragraph before it that went into one."""
    for k in range(at, -1, -1):
        if para_entry.get(k) is not None:
            return para_entry[k]
    return 0
