"""Word files for the tests: python-docx builds the package; raw WordprocessingML goes in where
python-docx has no API (numbering definitions as Word writes them, tracked changes, footnotes)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.oxml import parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W_NS}"'
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def new_document():
    return docx.Document()


def add_xml(doc, xml: str) -> None:
    """Append body-level WordprocessingML (paragraphs, tables) written without the namespace declaration."""
    body = doc.element.body
    sect = body.find(f"{{{W_NS}}}sectPr")
    holder = parse_xml(f"<w:body {NS}>{xml}</w:body>")
    for el in list(holder):
        if sect is not None:
            sect.addprevious(el)
        else:
            body.append(el)


def para(text: str, style: str | None = None, extra_ppr: str = "") -> str:
    """One paragraph of plain runs, as XML."""
    ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") + extra_ppr
    return f'<w:p>{f"<w:pPr>{ppr}</w:pPr>" if ppr else ""}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def style_numbering(doc, style_name: str, num_id: int, ilvl: int | None = None) -> None:
    """Number every paragraph in a style, as Word's multilevel lists linked to heading styles do."""
    ppr = doc.styles[style_name].element.get_or_add_pPr()
    level = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
    ppr.insert(0, parse_xml(f'<w:numPr {NS}>{level}<w:numId w:val="{num_id}"/></w:numPr>'))


def numbering(abstracts: str, nums: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering {NS}>{abstracts}{nums}'
            "</w:numbering>").encode()


def level(ilvl: int, fmt: str, text: str, start: int = 1, style: str | None = None, extra: str = "") -> str:
    link = f'<w:pStyle w:val="{style}"/>' if style else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{link}{extra}'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{360 * (ilvl + 1)}" w:hanging="360"/></w:pPr></w:lvl>')


def save(doc, path: Path, parts: dict[str, bytes] | None = None, rels: dict[str, str] | None = None) -> Path:
    """Save, then put raw parts into the package (`rels`: part name → relationship type, for parts the
    main document must point at)."""
    doc.save(path)
    if parts:
        replace_parts(path, parts, rels or {})
    return path


def replace_parts(path: Path, parts: dict[str, bytes], rels: dict[str, str]) -> None:
    with zipfile.ZipFile(path) as zin:
        items = {i.filename: zin.read(i.filename) for i in zin.infolist()}
    for name, rel_type in rels.items():
        if name in items:
            continue
        target = name.removeprefix("word/")
        rel = f'<Relationship Id="rIdT{len(items)}" Type="{RELS}/{rel_type}" Target="{target}"/>'
        items["word/_rels/document.xml.rels"] = items["word/_rels/document.xml.rels"].replace(
            b"</Relationships>", rel.encode() + b"</Relationships>")
        content = f"application/vnd.openxmlformats-officedocument.wordprocessingml.{rel_type}+xml"
        override = f'<Override PartName="/{name}" ContentType="{content}"/>'
        types = items["[Content_Types].xml"]
        items["[Content_Types].xml"] = types.replace(b"</Types>", override.encode() + b"</Types>")
    items.update(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in items.items():
            zout.writestr(name, data)


def notes_part(kind: str, notes: dict[int, str]) -> bytes:
    """footnotes.xml or endnotes.xml with Word's two separator notes and `notes` (id → text)."""
    body = "".join(f'<w:{kind} w:id="{nid}"><w:p><w:r><w:{kind}Ref/></w:r><w:r><w:t xml:space="preserve"> {text}'
                   f"</w:t></w:r></w:p></w:{kind}>" for nid, text in notes.items())
    seps = (f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
            f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
            f"</w:{kind}>")
    return f'<?xml version="1.0" encoding="UTF-8"?><w:{kind}s {NS}>{seps}{body}</w:{kind}s>'.encode()
