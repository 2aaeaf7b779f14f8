"""Bad Word files and web pages: one line on stderr and exit 2 (or a bounded read), fast, in bounded memory.

Each case runs `diffy parse` in a child process that reports its own peak memory, under a time limit."""

from __future__ import annotations

import io
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.wordgen import add_xml, new_document, para, save

SECONDS = 10
PEAK_MB = 400
_CHILD = ("import resource, sys\nfrom diffy.cli import main\nrc = main(sys.argv[1:])\n"
          "print('peak-kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\nsys.exit(rc)\n")


def _limit_memory() -> None:  # in the child: a runaway read fails at 2 GiB instead of taking the machine
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def parse_bounded(path: Path) -> tuple[int, list[str]]:
    """(exit status, stderr lines) of `diffy parse path`, checked to finish in SECONDS within PEAK_MB."""
    start = time.monotonic()
    p = subprocess.run([sys.executable, "-c", _CHILD, "parse", str(path)], capture_output=True, text=True,
                       timeout=SECONDS * 3, cwd=ROOT, preexec_fn=_limit_memory)
    elapsed = time.monotonic() - start
    lines = p.stderr.splitlines()
    peak = [int(line.split()[1]) for line in lines if line.startswith("peak-kb ")]
    assert peak, p.stderr
    assert elapsed < SECONDS, f"took {elapsed:.1f} s"
    assert peak[0] < PEAK_MB * 1024, f"peak memory {peak[0] // 1024} MB"
    return p.returncode, [line for line in lines if not line.startswith("peak-kb ")]


def refused(path: Path, problem: str) -> None:
    code, lines = parse_bounded(path)
    assert code == 2
    assert len(lines) == 1 and lines[0].startswith(f"diffy: {path}: ") and problem in lines[0], lines
    assert "Traceback" not in lines[0]


@pytest.fixture(scope="module")
def good_docx(tmp_path_factory) -> bytes:
    doc = new_document()
    add_xml(doc, para("Scope", "Heading1") + para("All staff. " * 200) + para("Review", "Heading1") + para("Yearly."))
    return save(doc, tmp_path_factory.mktemp("limits") / "good.docx").read_bytes()


def _repack(good: bytes, name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, data if info.filename == name else zin.read(info.filename))
    return out.getvalue()


def test_a_docx_that_is_not_a_zip(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_text("Meeting notes, saved with the wrong name.\n")
    refused(path, "is not a Word document: a .docx is a zip package")


def test_a_truncated_docx(tmp_path, good_docx):
    path = tmp_path / "cut.docx"
    path.write_bytes(good_docx[: len(good_docx) // 2])
    refused(path, "is damaged")


def test_a_docx_with_a_corrupt_part(tmp_path, good_docx):
    with zipfile.ZipFile(io.BytesIO(good_docx)) as z:
        info = z.getinfo("word/document.xml")
    data = bytearray(good_docx)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 20, start + info.compress_size - 4, 7):
        data[k] ^= 0x5A
    path = tmp_path / "corrupt.docx"
    path.write_bytes(bytes(data))
    refused(path, "is damaged: its part word/document.xml")


def test_an_encrypted_docx(tmp_path, good_docx):
    from msoffcrypto.format.ooxml import OOXMLFile

    path = tmp_path / "locked.docx"
    with path.open("wb") as out:
        OOXMLFile(io.BytesIO(good_docx)).encrypt("secret", out)  # as Word saves a password-protected file
    refused(path, "is encrypted (a password-protected Word file)")


def test_an_old_binary_doc_named_docx(tmp_path):
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    refused(path, "is an old binary Word file (.doc)")


def test_a_part_that_would_inflate_past_the_limit(tmp_path, good_docx):
    body = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    bomb = _repack(good_docx, "word/document.xml", body + b" " * (40 << 20) + b"</w:body></w:document>")
    assert len(bomb) < 200_000  # 40 MB of spaces pack into a small file
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb)
    refused(path, "its part word/document.xml would inflate to 42 MB (the limit is 32 MB)")


def test_a_part_whose_zip_entry_lies_about_its_size(tmp_path, good_docx):
    """The declared size is small, the data inflates far past it: reading stops at the declared size."""
    body = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    bomb = bytearray(_repack(good_docx, "word/document.xml", body + b" " * (40 << 20) + b"</w:body></w:document>"))
    name = b"word/document.xml"
    at = bomb.find(b"PK\x03\x04")
    while at >= 0:  # local header (size at +22) and central directory entry (size at +24) of the part
        if bomb[at + 30: at + 30 + len(name)] == name:
            bomb[at + 22: at + 26] = (20_000).to_bytes(4, "little")
        at = bomb.find(b"PK\x03\x04", at + 4)
    at = bomb.find(b"PK\x01\x02")
    while at >= 0:
        if bomb[at + 46: at + 46 + len(name)] == name:
            bomb[at + 24: at + 28] = (20_000).to_bytes(4, "little")
        at = bomb.find(b"PK\x01\x02", at + 4)
    path = tmp_path / "liar.docx"
    path.write_bytes(bytes(bomb))
    refused(path, "is damaged: its part word/document.xml cannot be read")


def test_xml_nested_thousands_deep_in_a_docx(tmp_path, good_docx):
    deep = (b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            + b"<w:customXml>" * 5000 + b"<w:p/>" + b"</w:customXml>" * 5000 + b"</w:body></w:document>")
    path = tmp_path / "deep.docx"
    path.write_bytes(_repack(good_docx, "word/document.xml", deep))
    refused(path, "is damaged: its part word/document.xml is not well-formed XML")


def test_entity_expansion_in_a_docx_is_not_performed(tmp_path, good_docx):
    entities = ['<!ENTITY a "lol lol lol lol lol lol lol lol lol lol">']
    entities += [f'<!ENTITY {chr(98 + k)} "{f"&{chr(97 + k)};" * 10}">' for k in range(8)]  # i: 10^9 characters
    lol = (f'<?xml version="1.0"?><!DOCTYPE d [{"".join(entities)}]>'.encode()
           + b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           + b"<w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>")
    path = tmp_path / "lol.docx"
    path.write_bytes(_repack(good_docx, "word/document.xml", lol))
    code, lines = parse_bounded(path)  # read without expanding (no text: refused) or refused as damaged
    assert code == 2 and len(lines) == 1 and lines[0].startswith(f"diffy: {path}: ")


def test_a_web_page_of_tens_of_megabytes(tmp_path):
    path = tmp_path / "huge.html"
    with path.open("wb") as fh:
        fh.write(b"<html><body>")
        for _ in range(24):
            fh.write(b"<p>" + b"words " * (1 << 17) + b"</p>\n")
        fh.write(b"</body></html>")
    refused(path, "is 19 MB, more than the 16 MB diffy reads from a web page")


def test_a_web_page_nested_thousands_deep(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 5000 + "text" + "</div>" * 5000 + "<p>after</p></body></html>")
    refused(path, "is nested more than 256 elements deep")
