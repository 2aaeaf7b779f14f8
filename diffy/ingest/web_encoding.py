"""A saved web page's encoding, from the page itself, as a browser finds it.

A byte order mark decides; else the page's own declaration — `<meta
charset=…>`, `<meta http-equiv="Content-Type" content="…; charset=…">` or an
XML declaration — looked for in the head (a saved page has no HTTP header to
say it); else UTF-8 if the bytes are valid UTF-8, else windows-1252 (what
browsers fall back to for Western pages). Labels mean what the WHATWG Encoding
standard says: `iso-8859-1`, `latin1` and `ascii` are windows-1252, and a page
cannot declare UTF-16 in its own ASCII bytes (such a declaration means UTF-8).
"""

from __future__ import annotations

import codecs
import re

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_META = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9._:\-]+)", re.I)
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*\bencoding\s*=\s*[\"']([A-Za-z0-9._:\-]+)", re.I)
_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_HEAD_END = re.compile(rb"</head\s*>|<body\b", re.I)
PRESCAN = 64 << 10  # how far into the file the declaration is looked for
_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii", "iso_8859-1",
                 "cp819", "ibm819", "windows-1252", "cp1252", "x-cp1252", "x-user-defined"}


def sniff(data: bytes) -> tuple[str, int]:
    """The page's encoding and how many bytes of byte order mark to skip."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    declared = declared_encoding(data[:PRESCAN])
    if declared:
        return declared, 0
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "windows-1252", 0
    return "utf-8", 0


def declared_encoding(head: bytes) -> str | None:
    m = _XML_DECL.match(head)
    if m:
        found = _known(m.group(1))
        if found:
            return found
    head = _COMMENT.sub(b"", head)
    end = _HEAD_END.search(head)
    for m in _META.finditer(head[: end.end() if end else len(head)]):
        found = _known(m.group(1))
        if found:
            return found
    return None


def _known(label: bytes) -> str | None:
    name = label.decode("ascii", "replace").strip().lower()
    if name in _WINDOWS_1252:
        return "windows-1252"
    if name.startswith(("utf-16", "utf16")):
        return "utf-8"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes) -> tuple[str, str]:
    """The page's text and the encoding it was read in (bytes that are not valid in it become U+FFFD)."""
    encoding, skip = sniff(data)
    return data[skip:].decode(encoding, errors="replace"), encoding
