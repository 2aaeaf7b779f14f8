"""Layouts of real published documents, each drawn small: text set sideways, cover pages, contents
pages, captions, run-in headings, letter-spaced words, footnotes."""

from __future__ import annotations

from reportlab.pdfgen import canvas

from diffy.ingest import ReadOptions, load_document
from tests.pdfgen import PAGE_H, PAGE_W, H, P, R, build_pdf, lorem

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


def test_levels_follow_decimal_depth_and_unnumbered_headings_nest_under_them(tmp_path):
    bold = "Times-Bold"
    blocks = [H("Executive Summary"), P(lorem(60, 1)), H("1.0 Introduction"), P(lorem(80, 2)),
              H("2.0 Basics"), P(lorem(40, 3)), H("2.1 Core", 2), P(lorem(60, 4)), H("2.2 Tiers", 2), P(lorem(40, 5)),
              R([(bold, "Tier 1: Partial")]), P(lorem(50, 6)), R([(bold, "Tier 2: Informed")]), P(lorem(50, 7)),
              H("2.3 Profile", 2), P(lorem(60, 8)), H("Appendix A: Core"), P(lorem(60, 9)),
              H("A.1 Identifiers", 2), P(lorem(60, 10))]
    doc = _read(build_pdf(tmp_path / "l.pdf", blocks))
    assert [(s.heading, s.level) for s in doc.sections if s.heading] == [
        ("Executive Summary", 1), ("1.0 Introduction", 1), ("2.0 Basics", 1), ("2.1 Core", 2), ("2.2 Tiers", 2),
        ("Tier 1: Partial", 3), ("Tier 2: Informed", 3), ("2.3 Profile", 2), ("Appendix A: Core", 1),
        ("A.1 Identifiers", 2)]


def test_run_in_headings_are_split_from_their_paragraphs(tmp_path):
    bold, roman = "Times-Bold", "Times-Roman"
    blocks = [H("3.2 Establishing a Program", 2), P(lorem(40, 1)),
              R([(bold, "Step 1: Prioritize and Scope."), (roman, "The organization identifies its objectives.")]),
              R([(bold, "Step 2: Orient."), (roman, "Once the scope has been determined, the organization goes on.")]),
              R([(bold, "3.2.1 Powerful tools to support brands"), (roman, "."),
                 (roman, "Amazon offers a number of services through the store.")])]
    doc = _read(build_pdf(tmp_path / "r.pdf", blocks))
    got = {s.heading: s.text for s in doc.sections if s.heading}
    assert list(got) == ["3.2 Establishing a Program", "Step 1: Prioritize and Scope.", "Step 2: Orient.",
                         "3.2.1 Powerful tools to support brands."]
    assert got["Step 2: Orient."] == "Once the scope has been determined, the organization goes on."
    assert [s.level for s in doc.sections if s.heading] == [1, 2, 2, 2]


def test_bold_lead_ins_that_are_not_headings(tmp_path):
    bold, roman = "Times-Bold", "Times-Roman"
    item = "Our controls use machine learning. " + lorem(40, 4)
    blocks = [H("1. Introduction"), P(lorem(80, 1)),
              R([(bold, "1. Robust proactive controls."), (roman, item)]),
              R([(bold, "2. Powerful tools."), (roman, "The store is designed to be trusted. " + lorem(40, 5))]),
              R([(bold, "Traffic Not Protected by the Solution."), (roman, "Organizations should consider it. "
                                                                            + lorem(30, 6))], bullet=True),
              H("2. Glossary"),
              R([(bold, "Client Device:"), (roman, "A system used by a remote worker. " + lorem(30, 7))]),
              R([(bold, "Portal:"), (roman, "A server that offers access to applications. " + lorem(30, 8))]),
              R([(bold, "Telecommuting:"), (roman, "See Telework.")]),
              P("The review found that " + lorem(60, 2)), R([(roman, "As Table 2 shows,"), (bold, "Sellers"),
                                                             (roman, "must verify their identity. " + lorem(30, 9))]),
              H("3. Architecture"), P("Figure 2-1. Tunneling Architecture"), P(lorem(80, 3))]
    doc = _read(build_pdf(tmp_path / "n.pdf", blocks))
    assert _headings(doc) == ["1. Introduction", "2. Glossary", "3. Architecture"]
    introduction, glossary, architecture = (s.paragraphs for s in doc.sections)
    assert "1. Robust proactive controls. " + item in introduction  # a list item, not cut in two
    assert any(p.startswith("Client Device: A system used by a remote worker.") for p in glossary)
    assert architecture[0] == "Figure 2-1. Tunneling Architecture"


def test_a_run_in_list_item_is_a_heading_when_the_contents_lists_it(tmp_path):
    bold, roman = "Times-Bold", "Times-Roman"
    contents = contents_page([("1. Introduction", 2), ("2. Powerful tools", 2), ("3. Holding bad actors", 2)])
    blocks = [R([(bold, "1. Introduction."), (roman, "Amazon offers many services.")]),
              R([(bold, "2. Powerful tools."), (roman, "The store is designed to be trusted.")]),
              R([(bold, "3. Holding bad actors."), (roman, "When Amazon finds abuse, it acts.")])]
    doc = _read(build_pdf(tmp_path / "c.pdf", blocks, front=[contents]))
    assert _headings(doc) == ["Table of Contents", "1. Introduction.", "2. Powerful tools.",
                              "3. Holding bad actors."]


def test_a_glossary_set_in_two_columns_reads_term_by_term(tmp_path):
    terms = [("Category", "The subdivision of a Function into groups of cybersecurity outcomes, closely tied to"
                          " programmatic needs and particular activities."),
             ("Critical Infrastructure", "Systems and assets, whether physical or virtual, so vital that their"
                                         " incapacity would have a debilitating impact on security."),
             ("Cybersecurity", "The process of protecting information by preventing, detecting, and responding to"
                               " attacks."),
             ("Detect (function)", "Develop and implement the activities to identify the occurrence of an event.")]
    lines = [("Helvetica-Bold", 14, 72, 72, "Appendix B: Glossary")]
    y = 110.0
    from reportlab.pdfbase.pdfmetrics import stringWidth
    for term, definition in terms:
        words, rows = definition.split(), [""]
        for w in words:
            if stringWidth(f"{rows[-1]} {w}", "Times-Roman", 11) > 330:
                rows.append("")
            rows[-1] = f"{rows[-1]} {w}".strip()
        term_rows = [term] if stringWidth(term, "Times-Bold", 11) < 90 else term.split(" ", 1)
        for k, row in enumerate(rows):
            lines.append(("Times-Roman", 11, 180, y + 14 * k, row))
        for k, row in enumerate(term_rows):
            lines.append(("Times-Bold", 11, 72, y + 14 * k, row))
        y += 14 * max(len(rows), len(term_rows)) + 12
    doc = _read(build_pdf(tmp_path / "g.pdf", [], front=[lines]))
    assert _headings(doc) == ["Appendix B: Glossary"]
    section = doc.sections[0]
    assert section.kinds == ("row",) * 4
    assert section.paragraphs[1] == "Critical Infrastructure | " + terms[1][1]


def _page_with_notes(path, note_number: int, continued: bool = False):
    """A heading, a paragraph whose first line carries a raised note number, a second section, and the
    note at the page foot in small type under a short rule."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    c.setFont("Times-Bold", 14)
    c.drawString(72, PAGE_H - 90, "1. Scope")
    body = ["The store prohibits counterfeit products", "and it removes listings that infringe the rights",
            "of brand owners, as the policy sets out in detail.", ""] + \
           [f"{lorem(9, k)[:-1]} and more" for k in range(6)]
    y = 120.0
    for k, line in enumerate(body):
        c.setFont("Times-Roman", 11)
        c.drawString(72, PAGE_H - y, line)
        if k == 0:
            x = 72 + stringWidth(line, "Times-Roman", 11) + 0.3
            c.setFont("Times-Roman", 7)
            c.drawString(x, PAGE_H - y + 4, str(note_number))
        y += 14 if line else 8
    c.setFont("Times-Bold", 14)
    c.drawString(72, PAGE_H - y - 20, "2. Enforcement")
    c.setFont("Times-Roman", 11)
    c.drawString(72, PAGE_H - y - 44, "Sellers who break the rules lose their accounts.")
    c.line(72, 700, 216, 700)
    c.setFont("Times-Roman", 7)
    c.drawString(72, PAGE_H - 712, str(note_number))
    c.setFont("Times-Roman", 9)
    c.drawString(84, PAGE_H - 714, "Counterfeit Products Policy, published by the store in 2023.")
    if continued:
        c.setFont("Times-Italic", 11)
        c.drawString(430, PAGE_H - 740, "(Cont’d on next page)")
    c.showPage()
    c.save()
    return path


def test_footnotes_stay_apart_from_the_text_and_renumbering_is_no_change(tmp_path):
    from diffy.comparison import compare

    old = _read(_page_with_notes(tmp_path / "o.pdf", 34))
    scope = old.sections[0]
    assert scope.heading == "1. Scope"
    assert scope.paragraphs[0] == ("The store prohibits counterfeit products and it removes listings that infringe "
                                   "the rights of brand owners, as the policy sets out in detail.")
    assert scope.paragraphs[-1] == "Counterfeit Products Policy, published by the store in 2023."
    assert scope.kinds[-1] == "note" and len(old.sections) == 2
    assert ("note-mark", "34") in [(f.kind, f.text) for f in old.furniture]
    new = _read(_page_with_notes(tmp_path / "n.pdf", 38, continued=True))
    assert "Cont" not in " ".join(s.text for s in new.sections)
    assert ("continued", "(Cont’d on next page)") in [(f.kind, f.text) for f in new.furniture]
    assert not compare(old, new).changed


def test_bare_numbers_head_sections_where_the_run_shows(tmp_path):
    blocks = [H("(i) Security", 2), P(lorem(40, 1)), P("I Risks"), P(lorem(60, 2)), P("II Mitigations"),
              P(lorem(60, 3)), H("4 Scope"), P(lorem(50, 4)),
              H("5 Cooperation in Situations That Affect the Security of Either Party"), P(lorem(50, 5)),
              P("3 Apples"), P(lorem(30, 6))]
    doc = _read(build_pdf(tmp_path / "b.pdf", blocks))
    got = [(s.heading, s.number, s.level) for s in doc.sections if s.heading]
    assert got == [("(i) Security", "(i)", 1), ("I Risks", "I", 2), ("II Mitigations", "II", 2), ("4 Scope", "4", 1),
                   ("5 Cooperation in Situations That Affect the Security of Either Party", "5", 1)]
    assert "3 Apples" in doc.sections[-1].paragraphs  # alone, it is a line of text


def test_a_date_set_apart_under_the_title_is_not_a_heading(tmp_path):
    first = [("Times-Bold", 12, 140, 72, "THE DIGITAL MILLENNIUM COPYRIGHT ACT OF 1998"),
             ("Times-Bold", 13, 220, 90, "U.S. Copyright Office Summary"),
             ("Times-Bold", 12, 260, 130, "December 1998")]
    doc = _read(build_pdf(tmp_path / "d.pdf", [H("INTRODUCTION"), P(lorem(120, 1)), H("TITLE I: TREATIES"),
                                                   P(lorem(80, 2))], front=[first]))
    assert doc.title == "THE DIGITAL MILLENNIUM COPYRIGHT ACT OF 1998 U.S. Copyright Office Summary"
    assert _headings(doc) == ["INTRODUCTION", "TITLE I: TREATIES"]
    assert doc.sections[0].text == "December 1998"


def test_a_numbered_list_of_headings_in_smaller_type_nests_inside_its_section(tmp_path):
    bold = "Times-Bold"
    blocks = [H("1. Overview"), P(lorem(60, 1)), H("2. Systems"), P(lorem(40, 2)), H("2.4 Updates to models", 2),
              P(lorem(60, 3)), R([(bold, "1. Recommender Systems")]), P(lorem(50, 4)),
              R([(bold, "2. Ranking of search results")]), P(lorem(50, 5)), H("2.5 Next steps", 2), P(lorem(40, 6)),
              H("3. Outlook"), P(lorem(40, 7))]
    doc = _read(build_pdf(tmp_path / "n.pdf", blocks))
    assert [(s.heading, s.level) for s in doc.sections if s.heading] == [
        ("1. Overview", 1), ("2. Systems", 1), ("2.4 Updates to models", 2), ("1. Recommender Systems", 3),
        ("2. Ranking of search results", 3), ("2.5 Next steps", 2), ("3. Outlook", 1)]


def test_hanging_labels_and_dingbat_bullets_are_read_with_their_lines(tmp_path):
    """Headings whose numbers hang in the margin beside bullet items set in a dingbat font (the
    bullet a `l` in ZapfDingbats, as extracted): the strip of numbers and bullets is no column."""
    path = tmp_path / "h.pdf"
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    y = PAGE_H - 72
    items = ["the blood is sampled from an artery and analysed within the hour", "the first reading is",
             "a second reading confirms the first one before any treatment begins", "la", "it is repeated"]
    for number, title in (("III.", "RESPIRATORY DISORDERS"), ("A.", "Clinical diagnosis"), ("B.", "Causes")):
        c.setFont("Helvetica-Bold", 13 if number == "III." else 11)
        c.drawString(72, y, number)
        c.drawString(96, y, title)
        y -= 24
        for text in items:
            c.setFont("ZapfDingbats", 8)
            c.drawString(72, y, "l")
            c.setFont("Times-Roman", 10)
            c.drawString(96, y, text)
            y -= 15
        y -= 10
    c.showPage()
    c.save()
    doc = _read(path)
    assert [(s.heading, s.level) for s in doc.sections if s.heading] == [
        ("III. RESPIRATORY DISORDERS", 1), ("A. Clinical diagnosis", 2), ("B. Causes", 2)]
    assert "l the" not in _body(doc) and doc.sections[-1].text.startswith("the blood is sampled")


def test_text_printed_twice_over_itself_is_read_once(tmp_path):
    path = tmp_path / "o.pdf"
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    c.setFont("Helvetica-Bold", 14)
    for _ in range(2):  # a heavier look by printing the heading twice at the same place
        c.drawString(72, PAGE_H - 72, "1. Circulation and Metabolism")
    c.setFont("Times-Roman", 11)
    c.drawString(72, PAGE_H - 100, "The body keeps its acid-base balance within narrow limits.")
    c.showPage()
    c.save()
    doc = _read(path)
    assert [(s.heading, s.text) for s in doc.sections] == [
        ("1. Circulation and Metabolism", "The body keeps its acid-base balance within narrow limits.")]


def test_captions_in_other_languages_are_text_not_headings(tmp_path):
    bold = "Times-Bold"
    blocks = [H("1. Mesures"), P(lorem(60, 1)), R([(bold, "Tableau 1 : Valeurs normales des variables")]),
              P(lorem(40, 2)), R([(bold, "Abbildung 2: Aufbau des Rahmens")]), P(lorem(40, 3)), H("2. Suite"),
              P(lorem(40, 4))]
    doc = _read(build_pdf(tmp_path / "c.pdf", blocks))
    assert [s.heading for s in doc.sections if s.heading] == ["1. Mesures", "2. Suite"]
    assert "Tableau 1: Valeurs normales des variables" in _body(doc)  # the space French sets before a colon aside
