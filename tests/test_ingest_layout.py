"""Layout quirks, each in a small generated PDF: furniture, columns, hyphenation, headings."""

from __future__ import annotations

import re

from diffy.ingest import ReadOptions, load_document
from tests.pdfgen import H, P, build_pdf, lorem


def words(doc) -> list[str]:
    return [w for s in doc.sections for w in ((s.heading or "") + " " + s.text).split()]


def body(doc) -> str:
    return " ".join(" ".join(filter(None, (s.heading, s.text))) for s in doc.sections)


def long_doc(n_sections: int = 6, words_each: int = 160):
    blocks = []
    for i in range(1, n_sections + 1):
        blocks += [H(f"Article {i}. Provision number {i}", 1), P(lorem(words_each, i))]
        blocks.append(P(lorem(words_each // 2, i + 7)))
    return blocks


def test_odd_even_headers_and_page_numbers_are_furniture(tmp_path):
    def header(page):
        text = "Odd Page Running Title" if page % 2 else "Even Page Running Title — Annex"
        return [(text, 72, 40)]

    def footer(page):
        styles = [f"- {page} -", f"Page {page} of 9", f"DOC-1234 / page {page}", f"{page}"]
        x = 300 if page % 2 else 540  # centred, then in the corner
        return [(styles[page % 4], x, 760)]

    pdf = build_pdf(tmp_path / "f.pdf", long_doc(10), header=header, footer=footer)
    doc = load_document(pdf)
    text = body(doc)
    assert doc.pages >= 4
    assert "Running Title" not in text
    assert not re.search(r"\bpage \d", text, re.I)
    assert not re.search(r"- \d+ -", text)
    kinds = {f.kind for f in doc.furniture}
    assert {"header", "page-number"} <= kinds
    assert any("Odd Page" in f.text for f in doc.furniture)
    assert any("Even Page" in f.text for f in doc.furniture)


def test_diagonal_watermark_is_removed_and_kept_as_furniture(tmp_path):
    pdf = build_pdf(tmp_path / "w.pdf", long_doc(2, 80), watermark="DRAFT")
    doc = load_document(pdf)
    assert "DRAFT" not in body(doc)
    assert any(f.kind == "watermark" and f.text == "DRAFT" for f in doc.furniture)


def test_article_headings_levels_and_title(tmp_path):
    blocks = [
        H("Article 1 Scope", 1), P(lorem(60, 1)),
        H("1.1 Application", 2), P(lorem(40, 2)),
        H("1.1.1 Exceptions", 3), P(lorem(30, 3)),
        H("1.2 Definitions", 2), P(lorem(40, 4)),
        H("Article 2 Obligations", 1), P(lorem(50, 5)),
        H("§ 3 Penalties", 2), P(lorem(40, 6)),
    ]
    doc = load_document(build_pdf(tmp_path / "a.pdf", blocks, title="The Sample Convention"))
    assert doc.title == "The Sample Convention"
    got = [(s.heading, s.level) for s in doc.sections if s.heading]
    assert got == [("Article 1 Scope", 1), ("1.1 Application", 2), ("1.1.1 Exceptions", 3),
                   ("1.2 Definitions", 2), ("Article 2 Obligations", 1), ("§ 3 Penalties", 2)]
    a1 = doc.sections[0]
    assert (a1.number, a1.title, a1.parent) == ("Article 1", "Scope", None)
    assert doc.sections[1].parent == a1.id
    assert doc.sections[2].parent == doc.sections[1].id


def test_roman_letter_and_paren_numbering_nest(tmp_path):
    blocks = [
        H("I. General", 1), P(lorem(30)),
        H("A. Purpose", 2), P(lorem(30)),
        H("B. Principles", 2), P(lorem(30)),
        H("(1) First principle", 3), P(lorem(20)),
        H("(2) Second principle", 3), P(lorem(20)),
        H("C. Review", 2), P(lorem(20)),
        H("II. Cooperation", 1), P(lorem(30)),
        H("i. Preliminary matters", 2), P(lorem(20)),
        H("ii. Further matters", 2), P(lorem(20)),
    ]
    doc = load_document(build_pdf(tmp_path / "r.pdf", blocks))
    got = [(s.number, s.level) for s in doc.sections if s.heading]
    assert got == [("I", 1), ("A", 2), ("B", 2), ("(1)", 3), ("(2)", 3), ("C", 2), ("II", 1),
                   ("i", 2), ("ii", 2)]


def test_list_items_keep_labels_and_stay_body_text(tmp_path):
    blocks = [
        H("1. Measures", 1),
        P("The parties will take the following measures."),
        P("(a) Supply. Stores will be obtained locally wherever that is possible and economical for both.", 12),
        P("(b) Transport. Reinforcements will be carried by air and by sea as the situation requires.", 12),
        H("2. Review", 1), P(lorem(20)),
    ]
    doc = load_document(build_pdf(tmp_path / "l.pdf", blocks))
    assert [s.heading for s in doc.sections] == ["1. Measures", "2. Review"]
    paras = doc.sections[0].paragraphs
    assert paras[1].startswith("(a) Supply.") and paras[2].startswith("(b) Transport.")


def test_two_and_three_columns_read_in_order(tmp_path):
    for columns in (2, 3):
        sentences = [f"Sentence number {i} of the running text continues here." for i in range(120)]
        blocks = [H("1. Columns", 1), P(" ".join(sentences[:60])), P(" ".join(sentences[60:]))]
        doc = load_document(build_pdf(tmp_path / f"c{columns}.pdf", blocks, columns=columns))
        numbers = [int(n) for n in re.findall(r"Sentence number (\d+)", body(doc))]
        assert numbers == list(range(120)), columns
        assert len(doc.sections[0].paragraphs) == 2


def test_line_end_hyphenation(tmp_path):
    filler = "word " * 11
    blocks = [
        H("1. Hyphens", 1),
        P("A whole-of-government approach is used here, and the self-defense rule applies."),
        P(f"{filler}the govern|ment and the whole-of-|government approach and the self-|defense "
          f"rule and {filler} also the govern|ment again"),
    ]
    doc = load_document(build_pdf(tmp_path / "h.pdf", blocks, margin=180))
    text = doc.sections[0].text
    assert "govern-" not in text and "government and" in text
    assert text.count("whole-of-government") == 2
    assert text.count("self-defense") == 2


def test_ruled_table_becomes_rows_of_cells(tmp_path):
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    path = tmp_path / "t.pdf"
    styles = getSampleStyleSheet()
    data = [["Function", "Field"], ["Relief", "Refugees and displaced persons"], ["Rescue", "Search at sea"]]
    table = Table(data)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    story = [Paragraph("1. Annex", styles["Heading1"]), Paragraph(lorem(30), styles["BodyText"]), table]
    SimpleDocTemplate(str(path), pagesize=letter).build(story)
    doc = load_document(path)
    rows = [p for s in doc.sections for p in s.paragraphs if " | " in p]
    assert rows == ["Function | Field", "Relief | Refugees and displaced persons", "Rescue | Search at sea"]


def test_footnotes_do_not_split_a_paragraph_that_runs_over_the_page(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "fn.pdf"
    c = canvas.Canvas(str(path), pagesize=(612, 792))
    first = [f"running text line {i} of the paragraph that carries on" for i in range(40)]
    second = [f"continued line {i} of the same paragraph goes on" for i in range(5)]
    c.setFont("Times-Bold", 14)
    c.drawString(72, 740, "1. Obligations")
    y = 715
    for line in first:
        c.setFont("Times-Roman", 11)
        c.drawString(72, y, line)
        y -= 14
    c.setFont("Times-Roman", 8)
    c.drawString(72, 60, "1 See the annex for the list of parties concerned.")
    c.showPage()
    y = 740
    for line in second:
        c.setFont("Times-Roman", 11)
        c.drawString(72, y, line)
        y -= 14
    c.drawString(72, y - 20, "A new paragraph starts here after a gap.")
    c.save()
    doc = load_document(path)
    paras = doc.sections[0].paragraphs
    assert paras[0].startswith("running text line 0")
    assert paras[0].endswith("continued line 4 of the same paragraph goes on")
    assert paras[1] == "A new paragraph starts here after a gap."
    # the footnote stands at the end of its section, marked as a note, without its number
    assert paras[2] == "See the annex for the list of parties concerned."
    assert doc.sections[0].kinds == ("text", "text", "note")


def test_justified_text_reads_as_one_paragraph(tmp_path):
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    text = lorem(180, 3)
    style = ParagraphStyle("j", fontName="Times-Roman", fontSize=11, leading=14, alignment=TA_JUSTIFY)
    path = tmp_path / "j.pdf"
    SimpleDocTemplate(str(path)).build([Paragraph("Article 1 Scope", ParagraphStyle("h", fontName="Times-Bold",
                                                                                     fontSize=14)),
                                        Paragraph(text, style)])
    doc = load_document(path)
    assert doc.sections[0].heading == "Article 1 Scope"
    assert doc.sections[0].paragraphs == (text,)


def test_small_capitals_stay_whole_words(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "sc.pdf"
    c = canvas.Canvas(str(path), pagesize=(612, 792))
    x = 72
    for word in ("THE", "DIGITAL", "ACT"):  # first letter larger, the rest in smaller capitals
        c.setFont("Times-Bold", 15)
        c.drawString(x, 700, word[0])
        x += c.stringWidth(word[0], "Times-Bold", 15)
        c.setFont("Times-Bold", 12)
        c.drawString(x, 700, word[1:])
        x += c.stringWidth(word[1:], "Times-Bold", 12) + 6
    c.setFont("Times-Roman", 11)
    c.drawString(72, 670, "Body text of the summary follows the title here.")
    c.save()
    doc = load_document(path)
    assert doc.title == "THE DIGITAL ACT"


def test_numbered_titles_in_italic_or_body_type_under_bold_headings(tmp_path, monkeypatch):
    import tests.pdfgen as pdfgen

    monkeypatch.setitem(pdfgen.HEADING, 3, ("Times-Italic", 11.0))  # the lowest level: body size, italic
    blocks = [
        H("I. Cooperation", 1), P(lorem(40)),
        H("A. Measures from Peacetime", 2), P(lorem(30)),
        H("1. Maritime Security", 3), P(lorem(30, 1)),
        H("2. Air and Missile Defense", 3), P(lorem(30, 2)),
        P("(a) Use of facilities at ports and airfields"), P(lorem(20, 3)),  # a list item, not a title
        H("B. Review", 2), P(lorem(30, 4)),
    ]
    doc = load_document(build_pdf(tmp_path / "i.pdf", blocks))
    got = [(s.heading, s.level) for s in doc.sections if s.heading]
    assert got == [("I. Cooperation", 1), ("A. Measures from Peacetime", 2), ("1. Maritime Security", 3),
                   ("2. Air and Missile Defense", 3), ("B. Review", 2)]
    home = next(s for s in doc.sections if s.heading == "2. Air and Missile Defense")
    assert any(p.startswith("(a) Use of facilities") for p in home.paragraphs)


def test_a_numbered_title_in_italic_that_ends_a_page_heads_the_next_page(tmp_path, monkeypatch):
    import pdfplumber

    import tests.pdfgen as pdfgen

    monkeypatch.setitem(pdfgen.HEADING, 3, ("Times-Italic", 11.0))
    for n in range(580, 640, 3):  # filler long enough that the title is the last line of page 1
        blocks = [H("I. Cooperation", 1), H("A. Measures from Peacetime", 2), P(lorem(n)),
                  H("1. Maritime Security", 3), P(lorem(60, 1)), H("2. Air Defense", 3), P(lorem(30, 2))]
        path = build_pdf(tmp_path / f"p{n}.pdf", blocks, keep_with_next=False)
        with pdfplumber.open(path) as pdf:
            if pdf.pages[0].extract_text().rstrip().endswith("1. Maritime Security"):
                break
    else:
        raise AssertionError("no filler length put the title at the foot of page 1")
    doc = load_document(path, ReadOptions(cache=False))
    assert [s.heading for s in doc.sections if s.heading] == [
        "I. Cooperation", "A. Measures from Peacetime", "1. Maritime Security", "2. Air Defense"]
    assert next(s for s in doc.sections if s.heading == "1. Maritime Security").text == lorem(60, 1)


def test_a_long_numbered_title_in_body_type_wrapping_over_two_lines(tmp_path, monkeypatch):
    import tests.pdfgen as pdfgen

    for level in (1, 2):
        monkeypatch.setitem(pdfgen.HEADING, level, pdfgen.BODY)  # headings told apart only by numbering
    long_title = ("III. Cooperation in the Case of Situations Outside the Territory Which Will Have an "
                  "Important Influence on the Security of Both Parties")
    blocks = [H("I. Scope", 1), P(lorem(40)), H("II. Consultation", 1), P(lorem(40, 1)),
              H(long_title, 1), P(lorem(40, 2)), H("IV. Review", 1), P(lorem(30, 3))]
    doc = load_document(build_pdf(tmp_path / "b.pdf", blocks))
    assert [s.heading for s in doc.sections if s.heading] == ["I. Scope", "II. Consultation", long_title,
                                                              "IV. Review"]


def test_a_label_on_its_own_line_takes_the_title_below_it(tmp_path):
    from diffy.comparison.compare import compare

    texts = {
        "Subject matter": "This Regulation lays down rules on the marketing of things within the internal market.",
        "Purpose": "Its purpose is to protect consumers from hazardous goods sold through online platforms.",
        "Scope": "It applies to every thing placed on the market, whether sold new, second-hand or leased.",
        "Definitions": "For the purposes of this Regulation, a provider means any person supplying things.",
    }

    def regulation(titles):
        blocks = [H("CHAPTER I", 1), H("GENERAL PROVISIONS", 1)]
        for i, t in enumerate(titles, 1):
            blocks += [H(f"Article {i}", 2), H(t, 3), P(" ".join([texts[t]] * 4)), P(texts[t])]  # multi-line
        return blocks

    old = load_document(build_pdf(tmp_path / "o.pdf", regulation(["Subject matter", "Scope", "Definitions"]),
                                  title="Regulation on Things"))
    assert [(s.heading, s.number, s.title, s.level) for s in old.sections if s.heading] == [
        ("CHAPTER I GENERAL PROVISIONS", "CHAPTER I", "GENERAL PROVISIONS", 1),
        ("Article 1 Subject matter", "Article 1", "Subject matter", 2),
        ("Article 2 Scope", "Article 2", "Scope", 2),
        ("Article 3 Definitions", "Article 3", "Definitions", 2)]
    assert all("Article" not in s.text for s in old.sections)  # no label left behind in a section's text
    new = load_document(build_pdf(tmp_path / "n.pdf", regulation(["Subject matter", "Purpose", "Scope",
                                                                  "Definitions"]), title="Regulation on Things"))
    pairs = {(p.old.heading if p.old else None, p.new.heading if p.new else None) for p in compare(old, new).pairs}
    assert {("Article 2 Scope", "Article 3 Scope"), ("Article 3 Definitions", "Article 4 Definitions"),
            (None, "Article 2 Purpose")} <= pairs
