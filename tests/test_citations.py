"""Every change cites where it stands: page (the file's own label where it has one) and line, in both
versions; `diffy diff --format json` adds the fields, the Markdown export prints them."""

from __future__ import annotations

import json
import re

import pdfplumber
import pikepdf
import pytest

from diffy.cli import main
from diffy.comparison.cite import Citation, Place, cite
from diffy.comparison.compare import compare
from diffy.model import Document, Section
from tests.conftest import ROOT, parsed
from tests.pdfgen import H, P, build_pdf, lorem

SAMPLE = ROOT / "documents" / "meridian"
CONTRACT = ["id", "kind", "old", "new", "old_offset", "new_offset"]
CITED = ["old_page", "old_line", "new_page", "new_line"]


def _words(text: str) -> list[str]:
    return re.sub(r"[^\w]+", " ", text.replace("’", "'").replace("'", "")).lower().split()


def _printed(path, doc):
    """Per page (0-based), the text of each printed line as pdfplumber reads it, page furniture left out."""
    furniture = {(f.page, " ".join(f.text.split())) for f in doc.furniture}
    with pdfplumber.open(path) as pdf:
        return [[ln["text"] for ln in page.extract_text_lines() if (k, " ".join(ln["text"].split())) not in furniture]
                for k, page in enumerate(pdf.pages, start=1)]


def _contains(haystack: list[str], needle: list[str]) -> bool:
    return any(haystack[i:i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1))


@pytest.fixture(scope="module")
def sample_json():
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["diff", str(SAMPLE / "1998.pdf"), str(SAMPLE / "2016.pdf"), "--format", "json"]) == 1
    return json.loads(buf.getvalue())


def test_each_change_of_the_sample_pair_is_on_the_page_and_line_it_cites(sample_json):
    docs = {"old": parsed(str(SAMPLE / "1998.pdf")), "new": parsed(str(SAMPLE / "2016.pdf"))}
    printed = {side: _printed(SAMPLE / f"{year}.pdf", docs[side]) for side, year in (("old", "1998"), ("new", "2016"))}
    checked = 0
    for p in sample_json["pairs"]:
        for c in p["changes"]:
            assert list(c)[:len(CONTRACT)] == CONTRACT and set(CITED) <= set(c)
            for side in ("old", "new"):
                section_id = c["from_id" if side == "old" else "to_id"] if c["kind"] == "move" else p[f"{side}_id"]
                if section_id is None:
                    assert c[f"{side}_page"] is None and c[f"{side}_line"] is None
                    continue
                section = docs[side].section(section_id)
                page, line = c[f"{side}_page"], c[f"{side}_line"]
                lines = printed[side][page - 1]
                offset = c[f"{side}_offset"]
                prose = section.kind(_paragraph(section, offset)) == "text"
                on_page = _words(" ".join(lines))
                if _words(c[side]):  # the words the change removes (adds) start on that page and line
                    words = _words(c[side])
                    # a table's cells wrap side by side, so pdfplumber's lines mix a row's words with its neighbours'
                    assert _contains(on_page, words[:4]) if prose else set(words[:4]) <= set(on_page), \
                        (side, page, c[side][:60])
                    at_line = [words[0]]
                else:  # nothing on this side: the place is between the words either side
                    before, after = _words(section.text[:offset])[-2:], _words(section.text[offset:])[:2]
                    assert _contains(on_page, before) or _contains(on_page, after), (side, page, c[side][:60])
                    at_line = before[-1:] + after[:1]
                if prose:  # a table row counts as one line, however its cells wrap
                    assert set(at_line) & set(_words(lines[line - 1])), (side, page, line, c[side][:60])
                checked += 1
    assert checked > 200


def _paragraph(section: Section, offset: int) -> int:
    pos = 0
    for k, para in enumerate(section.paragraphs):
        if offset < pos + len(para) + 2:
            return k
        pos += len(para) + 2
    return len(section.paragraphs) - 1


OLD_MD = "# Rules\n\n## 1. Scope\n\nThese rules apply\nto all staff in the region.\n\n## 2. Fees\n\nFees are due.\n"
NEW_MD = "# Rules\n\n## 1. Scope\n\nThese rules apply\nto all staff worldwide.\n\n## 2. Fees\n\nFees are due.\n"


def test_json_adds_page_and_line_after_the_contract_fields(tmp_path, capsys):
    (tmp_path / "a.md").write_text(OLD_MD, encoding="utf-8")
    (tmp_path / "b.md").write_text(NEW_MD, encoding="utf-8")
    assert main(["diff", str(tmp_path / "a.md"), str(tmp_path / "b.md"), "--format", "json"]) == 1
    change = json.loads(capsys.readouterr().out)["pairs"][0]["changes"][0]
    assert list(change) == [*CONTRACT, *CITED, "significance"]
    assert (change["old"], change["new"]) == ("in the region", "worldwide")
    # a Markdown file has one page; the line is the source line
    assert [change[k] for k in CITED] == [1, 6, 1, 6]


def test_pdf_page_labels_are_cited_as_strings(tmp_path, capsys):
    def doc(path, last):
        pdf = build_pdf(path, [H("1. Scope"), P(lorem(700, 4)), P(f"The final rule applies {last}.")])
        with pikepdf.open(pdf, allow_overwriting_input=True) as p:
            p.Root.PageLabels = pikepdf.Dictionary(Nums=[0, pikepdf.Dictionary(S=pikepdf.Name.r),
                                                         1, pikepdf.Dictionary(S=pikepdf.Name.D, P="A-")])
            p.save(pdf)
        return pdf

    old, new = doc(tmp_path / "a.pdf", "in the region"), doc(tmp_path / "b.pdf", "everywhere")
    assert main(["diff", str(old), str(new), "--format", "json"]) == 1
    (change,) = json.loads(capsys.readouterr().out)["pairs"][0]["changes"]
    last = parsed(str(old)).pages
    assert last >= 2 and change["old_page"] == change["new_page"] == f"A-{last - 1}"
    assert isinstance(change["old_line"], int) and change["old_line"] > 1


def test_a_section_without_marks_is_cited_by_its_page():
    def document(text: str) -> Document:
        s = Section("s1", "1. Scope", "1.", "Scope", 1, None, 3, (text,))
        return Document("x.pdf", "0" * 64, 4, None, (s,), page_labels=("i", "ii", "iii", "iv"))

    cmp = compare(document("Staff in the region."), document("Staff worldwide."))
    (change,) = cmp.pairs[0].changes
    where = cite(cmp, cmp.pairs[0], change)
    assert where == Citation(Place(3, "iii", None), Place(3, "iii", None))
    assert str(where) == "p. iii → p. iii"
    assert str(Citation(None, Place(14, "14", 9))) == "— → p. 14, l. 9"
