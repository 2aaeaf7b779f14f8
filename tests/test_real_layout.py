"""Layouts of real published documents, each drawn small: text set sideways, cover pages, contents
pages, captions, run-in headings, letter-spaced words, footnotes."""

from __future__ import annotations

from reportlab.pdfgen import canvas

from diffy.ingest import ReadOptions, load_document
from tests.pdfgen import PAGE_H, PAGE_W, H, P, build_pdf, lorem

NOTICE = "This publication is available free of charge from: https://doi.org/10.0000/EXAMPLE"


def _read(path):
    return load_document(path, ReadOptions(cache=False))


def _body(doc) -> str:
    return " ".join(" ".join(filter(None, [s.heading, s.text])) for s in doc.sections)


def test_a_notice_set_sideways_in_the_margin_is_furniture_not_text(tmp_path):
    def notice(c: canvas.Canvas, page: int) -> None:
        c.saveState()
        c.setFont("Helvetica", 9)
        c.translate(30, PAGE_H - 200)
        c.rotate(-90)  # reads down the page, beside the body text
        c.drawString(0, 0, NOTICE)
        c.restoreState()

    blocks = [H("1. Introduction"), P(lorem(120, 1)), H("1.1 Audience"), P(lorem(300, 2)), H("1.2 Structure"),
              P(lorem(200, 3))]
    doc = _read(build_pdf(tmp_path / "s.pdf", blocks, draw=notice, margin=60))
    assert [s.heading for s in doc.sections] == ["1. Introduction", "1.1 Audience", "1.2 Structure"]
    body = _body(doc)
    assert "publication" not in body and "charge" not in body
    sideways = [f for f in doc.furniture if f.kind == "sideways"]
    assert len(sideways) == doc.pages >= 2 and all(f.text == NOTICE for f in sideways)


def test_a_page_set_sideways_reads_turned_upright(tmp_path):
    path = tmp_path / "t.pdf"
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    c.translate(72, 72)
    c.rotate(90)  # a landscape page drawn turned on a portrait sheet: it reads up the page
    lines = [("Helvetica-Bold", 14, "Annex 2: Reporting Schedule")] + [("Helvetica", 11, ln) for ln in (
        "Each party reports its monthly totals to the joint committee within ten days of",
        "the end of the month, and the committee publishes the combined figures once a",
        "quarter. Figures that are revised after publication are marked as revised.")]
    y = -40.0
    for font, size, text in lines:
        c.setFont(font, size)
        c.drawString(0, y, text)
        y -= 20
    c.showPage()
    c.save()
    doc = _read(path)
    assert [s.heading for s in doc.sections] == ["Annex 2: Reporting Schedule"]
    assert doc.sections[0].text == " ".join(text for _, _, text in lines[1:])
    assert not [f for f in doc.furniture if f.kind == "sideways"]


COVER = [("Helvetica-Bold", 20, 250, 80, "NIST Special Publication 800-99"),
         ("Helvetica-Bold", 28, 120, 150, "Guide to Telework"),
         ("Helvetica-Bold", 28, 120, 185, "and Remote Access Security"),
         ("Helvetica", 14, 380, 300, "Jane Roe"), ("Helvetica", 14, 380, 318, "John Doe"),
         ("Helvetica", 16, 150, 480, "C O M P U T E R   S E C U R I T Y"),
         ("Helvetica", 14, 430, 520, "July 2016")]
BODY = [H("1. Introduction"), P(lorem(150, 1)), H("1.1 Audience"), P(lorem(120, 2)), H("2. Overview"),
        P(lorem(200, 3))]


def _headings(doc):
    return [s.heading for s in doc.sections if s.heading]


def test_a_cover_page_gives_the_title_and_holds_no_headings(tmp_path):
    doc = _read(build_pdf(tmp_path / "c.pdf", BODY, front=[COVER]))
    assert doc.title == "Guide to Telework and Remote Access Security"
    assert _headings(doc) == ["1. Introduction", "1.1 Audience", "2. Overview"]
    assert "Jane Roe John Doe" in doc.sections[0].text and doc.sections[0].heading is None


def contents_page(entries, leaders=True, heading="Table of Contents"):
    lines = [("Helvetica-Bold", 11, 72, 72, heading)]
    for k, (text, page) in enumerate(entries):
        lines.append(("Helvetica", 11, 72, 100 + 16 * k,
                      f"{text} {'.' * 60} {page}" if leaders else f"{text}{' ' * 12}{page}"))
    return lines


def test_a_contents_page_lists_entries_that_are_never_headings(tmp_path):
    entries = [("1. Introduction", 2), ("1.1 Audience", 2), ("2. Overview", 3)]
    for leaders in (True, False):
        doc = _read(build_pdf(tmp_path / f"t{leaders}.pdf", BODY, front=[contents_page(entries, leaders)]))
        assert doc.title is None  # the first page is the contents: no title is printed
        assert _headings(doc) == ["Table of Contents", "1. Introduction", "1.1 Audience", "2. Overview"]
        assert doc.sections[0].paragraphs == ("1. Introduction", "1.1 Audience", "2. Overview")


def test_renumbered_contents_pages_are_no_change(tmp_path):
    from diffy.comparison import compare

    old = _read(build_pdf(tmp_path / "o.pdf", BODY, front=[COVER, contents_page([("1. Introduction", 3),
                                                                                ("1.1 Audience", 3),
                                                                                ("2. Overview", 4)])]))
    foreword = [("Helvetica", 11, 72, 72, "A page added before the contents moves every page on by one.")]
    new = _read(build_pdf(tmp_path / "n.pdf", BODY, front=[COVER, foreword, contents_page([("1. Introduction", 4),
                                                                                         ("1.1 Audience", 4),
                                                                                         ("2. Overview", 5)])]))
    toc = [p for p in compare(old, new).pairs if (p.new and p.new.heading) == "Table of Contents"]
    assert toc and toc[0].relation == "same" and not toc[0].changes
