"""A Word file's package, read defensively: the zip, its parts and their relationships.

A .docx is a zip of XML parts. Nothing here trusts the file: a file that is not a
zip (an old binary .doc, or a password-protected .docx, which Word stores as an
OLE container holding an `EncryptedPackage` stream), a damaged zip, a part whose
declared or actual size passes `MAX_PART_BYTES`, or parts adding up to more than
`MAX_TOTAL_BYTES` are refused with an `InputError` that says so. The bytes read
are counted as they are inflated, so a zip that lies about its sizes is stopped
at the cap, never inflated in full. XML is parsed without network access, DTDs or
entity expansion, and with libxml2's default depth and size limits.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from diffy.errors import InputError

MAX_PART_BYTES = 32 << 20  # one XML part, inflated (pandoc writes Meridian 2016, 15 pages, in 67 kB)
MAX_TOTAL_BYTES = 128 << 20  # every part diffy reads from one file, inflated
MAX_ENTRIES = 20_000  # a real .docx has tens of parts

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
                   "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument")
STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          remove_comments=True, remove_pis=True)


def w(name: str) -> str:
    """The Clark name of a WordprocessingML element or attribute: w("p") → "{…main}p"."""
    return f"{{{W}}}{name}"


@dataclass(slots=True)
class Package:
    """An open .docx: its main document part and the parts it points at by relationship type."""

    path: Path
    zf: zipfile.ZipFile
    main: str  # the main document part's name, e.g. "word/document.xml"
    related: dict[str, str] = field(default_factory=dict)  # relationship type (last path part) → part name
    kinds: list[tuple[str, str]] = field(default_factory=list)  # (relationship type, part name), in file order
    read_bytes: int = 0

    def close(self) -> None:
        self.zf.close()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def raw(self, name: str) -> bytes | None:
        """The bytes of part `name` (None if there is no such part), never more than the caps allow."""
        try:
            info = self.zf.getinfo(name)
        except KeyError:
            return None
        if info.file_size > MAX_PART_BYTES:
            raise InputError(self.path, f"is not a document diffy will read: its part {name} would inflate to "
                                        f"{info.file_size / 1e6:.0f} MB (the limit is {MAX_PART_BYTES >> 20} MB)")
        chunks: list[bytes] = []
        got = 0
        try:
            with self.zf.open(info) as fh:
                while chunk := fh.read(1 << 20):
                    got += len(chunk)
                    self.read_bytes += len(chunk)
                    if got > MAX_PART_BYTES or self.read_bytes > MAX_TOTAL_BYTES:
                        raise InputError(self.path, f"is not a document diffy will read: its part {name} inflates "
                                                    f"past the limit of {MAX_PART_BYTES >> 20} MB (a zip bomb?)")
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as e:
            raise InputError(self.path, f"is damaged: its part {name} cannot be read ({e})") from None
        except RuntimeError as e:  # zipfile: "File … is encrypted, password required"
            raise InputError(self.path, f"is encrypted; save an unprotected copy to compare it ({e})") from None
        except NotImplementedError as e:
            raise InputError(self.path, f"uses a zip compression diffy cannot read ({e})") from None
        return b"".join(chunks)

    def xml(self, name: str) -> etree._Element | None:
        """Part `name` parsed as XML (None if absent); a part that is not well-formed XML is damage."""
        data = self.raw(name)
        if data is None:
            return None
        try:
            root = etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as e:
            raise InputError(self.path, f"is damaged: its part {name} is not well-formed XML ({e})") from None
        if root is None:
            raise InputError(self.path, f"is damaged: its part {name} is empty")
        if root.nsmap.get(root.prefix) == STRICT_W or STRICT_W in root.nsmap.values():
            raise InputError(self.path, "is saved as Strict Open XML, which diffy does not read; "
                                        "save it as a Word Document (.docx) instead")
        return root

    def part(self, kind: str) -> etree._Element | None:
        """The part the main document relates to as `kind` (styles, numbering, footnotes, …), parsed."""
        name = self.related.get(kind)
        return self.xml(name) if name else None

    def parts(self, kind: str) -> list[str]:
        """Every part the main document relates to as `kind` (header, footer), in file order."""
        return [name for k, name in self.kinds if k == kind]


def child_val(el: etree._Element | None, name: str) -> str | None:
    """The `w:val` of `el`'s child `w:<name>` (None where either is missing)."""
    if el is None:
        return None
    child = el.find(w(name))
    return child.get(w("val")) if child is not None else None


def as_int(value: str | None) -> int | None:
    """An attribute's integer, or None where it is missing or not a number."""
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def open_package(path: Path) -> Package:
    """Open `path` as a Word package, or say in one line why it is not one."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror or e})") from None
    if not head:
        raise InputError(path, "is empty (0 bytes), not a Word document")
    if head.startswith(OLE_MAGIC):
        if _ole_names_encrypted_package(path):
            raise InputError(path, "is encrypted (a password-protected Word file); "
                                   "save a copy without a password to compare it")
        raise InputError(path, "is an old binary Word file (.doc) or another OLE file, not .docx; "
                               "save it as .docx first")
    if not head.startswith(b"PK"):
        raise InputError(path, "is not a Word document: a .docx is a zip package, and this file is not one")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise InputError(path, f"is damaged: not a readable zip package ({e})") from None
    try:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise InputError(path, f"is not a document diffy will read: its zip holds {len(infos)} entries")
        pkg = Package(path, zf, "")
        pkg.main = _main_part(pkg)
        rels = pkg.xml(_rels_name(pkg.main))
        if rels is not None:
            for rel in rels.iter(f"{{{PKG_REL}}}Relationship"):
                if rel.get("TargetMode") == "External":
                    continue
                target = _resolve(pkg.main, rel.get("Target", ""))
                kind = rel.get("Type", "").rsplit("/", 1)[-1]
                pkg.kinds.append((kind, target))
                pkg.related.setdefault(kind, target)
    except BaseException:
        zf.close()
        raise
    return pkg


def _main_part(pkg: Package) -> str:
    root = pkg.xml("_rels/.rels")
    if root is not None:
        for rel in root.iter(f"{{{PKG_REL}}}Relationship"):
            if rel.get("Type") in OFFICE_DOCUMENT:
                name = _resolve("", rel.get("Target", ""))
                if name in pkg.zf.NameToInfo:
                    return name
    if "word/document.xml" in pkg.zf.NameToInfo:
        return "word/document.xml"
    names = pkg.zf.namelist()
    if any(n.startswith(("xl/", "ppt/")) for n in names):
        raise InputError(pkg.path, "is a spreadsheet or a presentation, not a Word document")
    raise InputError(pkg.path, "is not a Word document: the zip has no word/document.xml")


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _resolve(source: str, target: str) -> str:
    """A relationship target as a part name inside the zip (no leading slash)."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _ole_names_encrypted_package(path: Path) -> bool:
    """Whether an OLE compound file (how Office stores a password-protected .docx) holds an
    `EncryptedPackage` stream: its directory names it in UTF-16, looked for chunk by chunk."""
    name = "EncryptedPackage".encode("utf-16-le")
    tail = b""
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                if name in tail + chunk:
                    return True
                tail = chunk[-len(name):]
    except OSError:
        return False
    return False
