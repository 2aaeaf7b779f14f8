"""Where text stands in the file: each section knows the page and line each printed line starts on,
and the file's own page labels, so a change can be cited as a reader finds it."""

from __future__ import annotations

import pdfplumber
import pikepdf

from diffy.ingest import ReadOptions, load_document
from tests.pdfgen import H, P, build_pdf, lorem


def _printed_lines(path):
    """(page, line number, first word) of every printed line, as pdfplumber sees them top to bottom."""
    out = []
    with pdfplumber.open(path) as pdf:
        for k, page in enumerate(pdf.pages, start=1):
            lines = page.extract_text_lines()
            out += [(k, n, ln["text"].split()[0]) for n, ln in enumerate(lines, start=1)]
    return out


def test_each_line_of_a_section_is_marked_with_its_page_and_line(tmp_path):
    blocks = [H("1. Scope"), P(lorem(300, 1)), H("2. Definitions"), P(lorem(400, 2)), P(lorem(200, 3))]
    path = build_pdf(tmp_path / "m.pdf", blocks)
    doc = load_document(path, ReadOptions(cache=False))
    printed = _printed_lines(path)
    marks = [(m.page, m.line, s.text[m.offset:].split()[0]) for s in doc.sections for m in s.marks]
    headings = {(ln[0], ln[1]) for ln in printed if ln[2] in ("1.", "2.")}
    assert [ln for ln in printed if (ln[0], ln[1]) not in headings] == marks
    assert {m[0] for m in marks} == {1, 2}  # the text runs onto a second page


def test_page_labels_come_from_the_file(tmp_path):
    path = build_pdf(tmp_path / "l.pdf", [H("1. Scope"), P(lorem(900, 4))])
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        assert len(pdf.pages) >= 3
        pdf.Root.PageLabels = pikepdf.Dictionary(Nums=[0, pikepdf.Dictionary(S=pikepdf.Name.r),
                                                       1, pikepdf.Dictionary(S=pikepdf.Name.D, P="A-")])
        pdf.save(path)
    doc = load_document(path, ReadOptions(cache=False))
    assert doc.page_labels[:3] == ("i", "A-1", "A-2")
    assert doc.page_label(2) == "A-1"
    assert load_document(path).page_labels == doc.page_labels  # kept by the parse cache
    plain = load_document(build_pdf(tmp_path / "n.pdf", [P("Nothing but text.")]))
    assert plain.page_labels == () and plain.page_label(1) == "1"


def test_text_files_cite_their_source_lines(tmp_path):
    (tmp_path / "a.md").write_text("# Title\n\n## 1. Scope\n\nFirst line\ngoes on.\n\n| a | b |\n|---|---|\n"
                                   "| c | d |\n\n- an item\n", encoding="utf-8")
    (section,) = load_document(tmp_path / "a.md").sections
    assert [(m.line, section.text[m.offset:].split()[0]) for m in section.marks] == \
        [(5, "First"), (6, "goes"), (8, "a"), (10, "c"), (12, "an")]
    assert section.kinds == ("text", "row", "row", "text")
