"""Word (.docx) inputs: headings and the numbers Word prints, lists, tables, notes, tracked changes, comments."""

from __future__ import annotations

import json

import pytest
from docx.enum.style import WD_STYLE_TYPE

from diffy.cli import main
from diffy.ingest import ReadOptions, load_document
from tests.wordgen import NS, add_xml, level, new_document, notes_part, numbering, para, save, style_numbering


def headings(doc):
    return [(s.heading, s.level) for s in doc.sections if s.heading is not None]


def texts(doc):
    return [p for s in doc.sections for p in s.paragraphs]


@pytest.fixture(scope="module")
def numbered(tmp_path_factory):
    """Headings numbered by a multilevel list linked to Heading 1-3, as Word's "1 / 1.1 / 1.1.1" list writes it:
    the styles name the list, the list's levels name the styles."""
    doc = new_document()
    style_numbering(doc, "Heading 1", 1, 0)
    style_numbering(doc, "Heading 2", 1)  # no level: the list's level linked to the style decides
    style_numbering(doc, "Heading 3", 1)
    add_xml(doc, "".join([
        para("Data Handling Policy", "Title"),
        para("Purpose", "Heading1"), para("Why this policy exists."),
        para("Background", "Heading2"), para("Some history."),
        para("Framework Profile", "Heading2"), para("The profile."),
        para("Definitions", "Heading1"),
        para("Terms", "Heading2"), para("Words defined here."),
        para("Obligations", "Heading1"),
        para("Reporting", "Heading3"), para("A level-3 heading straight under a level-1 one."),
        para("Records", "Heading2"), para("Kept for seven years."),
    ]))
    abstract = ('<w:abstractNum w:abstractNumId="7"><w:multiLevelType w:val="multilevel"/>'
                + level(0, "decimal", "%1.", style="Heading1")
                + level(1, "decimal", "%1.%2", style="Heading2")
                + level(2, "decimal", "%1.%2.%3", style="Heading3")
                + "".join(level(k, "decimal", f"%{k + 1}.") for k in range(3, 9))
                + "</w:abstractNum>")
    nums = '<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>'
    return save(doc, tmp_path_factory.mktemp("word") / "numbered.docx",
                {"word/numbering.xml": numbering(abstract, nums)})


def test_numbered_headings_read_with_the_numbers_word_prints(numbered):
    doc = load_document(numbered)
    assert doc.title == "Data Handling Policy"
    assert headings(doc) == [("1. Purpose", 1), ("1.1 Background", 2), ("1.2 Framework Profile", 2),
                             ("2. Definitions", 1), ("2.1 Terms", 2),  # level 2 restarts under a new level 1
                             ("3. Obligations", 1),
                             ("3.0.1 Reporting", 3),  # a skipped level prints as its start less one, as in Word
                             ("3.1 Records", 2)]
    by = {s.heading: s for s in doc.sections}
    assert by["1.2 Framework Profile"].number == "1.2" and by["1.2 Framework Profile"].title == "Framework Profile"
    assert by["1.2 Framework Profile"].parent == by["1. Purpose"].id
    assert by["1.1 Background"].text == "Some history."


def test_list_numbers_follow_instances_overrides_and_formats(tmp_path):
    doc = new_document()
    items = [(20, 0, "first"), (20, 1, "sub one"), (20, 1, "sub two"), (20, 0, "second"),
             (21, 0, "a new list"), (22, 0, "goes on"), (23, 0, "from five"), (0, 0, "not numbered"),
             (40, 0, "Scope"), (40, 1, "Terms"), (41, 0, "a bullet")]
    add_xml(doc, "".join(para(text, extra_ppr=f'<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr>')
                         for num, lvl, text in items))
    abstracts = (
        '<w:abstractNum w:abstractNumId="10">' + level(0, "lowerLetter", "(%1)") + level(1, "lowerRoman", "(%2)")
        + "</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="30">' + level(0, "upperRoman", "Article %1")
        + level(1, "decimal", "%1.%2", extra="<w:isLgl/>") + "</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="31">' + level(0, "bullet", "•") + "</w:abstractNum>")
    nums = ('<w:num w:numId="20"><w:abstractNumId w:val="10"/></w:num>'
            '<w:num w:numId="21"><w:abstractNumId w:val="10"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            '<w:num w:numId="22"><w:abstractNumId w:val="10"/></w:num>'
            '<w:num w:numId="23"><w:abstractNumId w:val="10"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
            '<w:num w:numId="40"><w:abstractNumId w:val="30"/></w:num>'
            '<w:num w:numId="41"><w:abstractNumId w:val="31"/></w:num>')
    path = save(doc, tmp_path / "lists.docx", {"word/numbering.xml": numbering(abstracts, nums)})
    assert texts(load_document(path)) == [
        "(a) first", "(i) sub one", "(ii) sub two", "(b) second",
        "(a) a new list",  # an instance that overrides the start restarts the list
        "(b) goes on",  # one that does not shares the abstract list's count
        "(e) from five", "not numbered",
        "Article I Scope", "1.1 Terms",  # isLgl: the level prints every number in decimal
        "a bullet"]  # bullets are layout, as in PDFs


def test_heading_styles_outline_levels_and_what_is_not_text(tmp_path):
    doc = new_document()
    clause = doc.styles.add_style("Clause Heading", WD_STYLE_TYPE.PARAGRAPH)
    clause.base_style = doc.styles["Heading 2"]
    toc = doc.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)  # Word's built-in name for a contents line
    doc.sections[0].header.paragraphs[0].text = "ACME Corp — Internal"
    doc.sections[0].footer.paragraphs[0].text = "Confidential"
    add_xml(doc, "".join([
        para("Records Policy", "Title"), para("Contents", "TOCHeading"), para("Scope 1", toc.style_id),
        para("Scope", extra_ppr='<w:outlineLvl w:val="0"/>'),  # a Normal paragraph given an outline level
        para("Applies to all staff."),
        para("Retention", "ClauseHeading"),  # a custom style based on Heading 2
        '<w:p><w:r><w:t xml:space="preserve">Keep it</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr>'
        '<w:t xml:space="preserve"> (a hidden drafting note)</w:t></w:r><w:r><w:tab/><w:t>for seven</w:t></w:r>'
        '<w:r><w:br/><w:t>years, see page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGEREF _Toc1 \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>4</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>; e</w:t><w:noBreakHyphen/><w:t>mail too.</w:t></w:r>'
        '</w:p>',
    ]))
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Record", "Period"
    table.cell(1, 0).paragraphs[0].text = "Payroll"
    table.cell(1, 0).paragraphs[0].style = doc.styles["Heading 1"]  # a heading style in a cell is cell text
    table.cell(1, 1).text = "7 years"
    path = save(doc, tmp_path / "styles.docx")
    got = load_document(path)
    assert headings(got) == [("Scope", 1), ("Retention", 2)]
    assert got.sections[-1].paragraphs == ("Keep it for seven years, see page 4; e-mail too.",
                                           "Record | Period", "Payroll | 7 years")
    assert got.sections[-1].kinds == ("text", "row", "row")
    assert {(f.kind, f.text) for f in got.furniture} >= {("header", "ACME Corp — Internal"),
                                                         ("footer", "Confidential"), ("contents", "Scope 1")}
    assert "Contents" not in " ".join(texts(got))


def test_tables_nested_and_merged_cells(tmp_path):
    doc = new_document()
    add_xml(doc, para("Schedule", "Heading1"))
    table = doc.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Category"
    table.cell(0, 2).text = "Examples"
    table.cell(1, 0).text, table.cell(1, 1).text = "Identity", "Name"
    inner = table.cell(1, 2).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "passport", "licence"
    got = load_document(save(doc, tmp_path / "tables.docx"))
    assert got.sections[-1].paragraphs == ("Category | Examples", "Identity | Name | passport licence")


def test_footnotes_and_endnotes_close_their_section(tmp_path):
    doc = new_document()
    add_xml(doc, "".join([
        para("Scope", "Heading1"),
        '<w:p><w:r><w:t>Staff</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>'
        '<w:r><w:t xml:space="preserve"> must comply.</w:t></w:r></w:p>',
        para("Contractors too."),
        para("Review", "Heading1"),
        '<w:p><w:r><w:t>Yearly.</w:t></w:r><w:r><w:endnoteReference w:id="1"/></w:r>'
        '<w:r><w:footnoteReference w:id="2"/></w:r></w:p>',
    ]))
    path = save(doc, tmp_path / "notes.docx",
                {"word/footnotes.xml": notes_part("footnote", {1: "Including temporary staff.", 2: "At least."})
                 .replace(b"At least.", b'At </w:t></w:r><w:del w:id="9" w:author="Ana"><w:r><w:delText>most'
                                        b'</w:delText></w:r></w:del><w:ins w:id="10" w:author="Ana"><w:r><w:t>least'
                                        b"</w:t></w:r></w:ins><w:r><w:t>."),
                 "word/endnotes.xml": notes_part("endnote", {1: "See the annex."})},
                {"word/footnotes.xml": "footnotes", "word/endnotes.xml": "endnotes"})
    got = load_document(path)
    scope, review = got.sections
    assert scope.paragraphs == ("Staff must comply.", "Contractors too.", "1 Including temporary staff.")
    assert scope.kinds == ("text", "text", "note")
    assert review.paragraphs == ("Yearly.", "i See the annex.", "2 At least.")  # endnotes count i, ii, iii
    original = load_document(path, ReadOptions(revisions="original"))  # a note's tracked change, as in the body
    assert original.sections[1].paragraphs[-1] == "2 At most."
    assert got.revisions is not None and (got.revisions.insertions, got.revisions.deletions) == (1, 1)


def _tracked(tmp_path):
    doc = new_document()
    ana, ben = 'w:author="Ana" w:date="2024-03-01T10:00:00Z"', 'w:author="Ben" w:date="2024-03-02T10:00:00Z"'
    add_xml(doc, "".join([
        para("Terms of Service", "Title"), para("Notice", "Heading1"),
        f'<w:p><w:r><w:t xml:space="preserve">Each party </w:t></w:r>'
        f'<w:del w:id="1" {ana}><w:r><w:delText>shall</w:delText></w:r></w:del>'
        f'<w:ins w:id="2" {ben}><w:r><w:t>may</w:t></w:r></w:ins>'
        f'<w:r><w:t xml:space="preserve"> notify the other</w:t></w:r>'
        f'<w:ins w:id="3" {ben}><w:r><w:t xml:space="preserve"> within 30 days</w:t></w:r></w:ins>'
        f'<w:r><w:t>.</w:t></w:r></w:p>',
        # a paragraph inserted whole: its text and its mark
        f'<w:p><w:pPr><w:rPr><w:ins w:id="4" {ben}/></w:rPr></w:pPr>'
        f'<w:ins w:id="5" {ben}><w:r><w:t>Notices may be sent by e-mail.</w:t></w:r></w:ins></w:p>',
        # a heading deleted whole: its text runs on into the next paragraph, which keeps its own style
        f'<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:rPr><w:del w:id="6" {ana}/></w:rPr></w:pPr>'
        f'<w:del w:id="7" {ana}><w:r><w:delText>Fees</w:delText></w:r></w:del></w:p>',
        para("No fee is charged."),
        # two paragraphs joined by deleting the mark between them
        f'<w:p><w:pPr><w:rPr><w:del w:id="8" {ana}/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">Keep it </w:t>'
        f'</w:r></w:p>',
        para("short."),
    ]))
    first = doc.paragraphs[2]
    doc.add_comment(first.runs, text="Is 30 days enough?", author="Cleo", initials="C")
    return save(doc, tmp_path / "draft.docx")


def test_tracked_changes_accepted_by_default_original_on_request(tmp_path):
    path = _tracked(tmp_path)
    accepted = load_document(path)
    assert headings(accepted) == [("Notice", 1)]
    assert accepted.sections[0].paragraphs == ("Each party may notify the other within 30 days.",
                                               "Notices may be sent by e-mail.", "No fee is charged.",
                                               "Keep it short.")
    original = load_document(path, ReadOptions(revisions="original"))
    assert headings(original) == [("Notice", 1), ("Fees", 1)]
    assert original.sections[0].paragraphs == ("Each party shall notify the other.",)
    assert original.sections[1].paragraphs == ("No fee is charged.", "Keep it", "short.")
    r = accepted.revisions
    assert r is not None and (r.insertions, r.deletions, r.authors, r.read) == (4, 4, ("Ana", "Ben"), "accepted")
    assert original.revisions is not None and original.revisions.read == "original"


def test_comments_are_listed_never_mixed_into_the_text(tmp_path):
    doc = load_document(_tracked(tmp_path))
    assert len(doc.comments) == 1
    c = doc.comments[0]
    assert (c.author, c.text, c.section) == ("Cleo", "Is 30 days enough?", doc.sections[0].id)
    assert c.quote.startswith("Each party") and "within 30 days" in c.quote
    assert "enough" not in " ".join(texts(doc))


def test_parse_says_the_file_has_tracked_changes_and_lists_comments(tmp_path, capsys):
    path = _tracked(tmp_path)
    assert main(["parse", str(path)]) == 0
    out = capsys.readouterr().out
    assert "has tracked changes: 4 insertions, 4 deletions by Ana, Ben; read with them accepted" in out
    assert "1 comment (listed below; not part of the text)" in out
    assert "Cleo (" in out and ": Is 30 days enough?" in out
    assert main(["parse", str(path), "--json", "--revisions", "original"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["revisions"] == {"insertions": 4, "deletions": 4, "moves": 0, "formatting": 0,
                                 "authors": ["Ana", "Ben"], "read": "original"}
    assert data["comments"][0]["author"] == "Cleo" and data["comments"][0]["section"] == data["sections"][0]["id"]
    assert data["sections"][0]["text"] == "Each party shall notify the other."


def test_a_draft_compared_with_itself_shows_its_tracked_changes(tmp_path, capsys):
    path = str(_tracked(tmp_path))
    assert main(["diff", path, path]) == 0  # both sides accepted: the same text
    capsys.readouterr()
    assert main(["diff", path, path, "--revisions", "original,accepted", "--format", "json"]) == 1
    cmp = json.loads(capsys.readouterr().out)
    changes = [(c["old"], c["new"]) for p in cmp["pairs"] for c in p["changes"]]
    assert ("shall", "may") in changes
    assert main(["parse", path, "--revisions", "original,accepted"]) == 2  # one document takes one value
    assert "--revisions takes one value here" in capsys.readouterr().err


def test_a_move_and_a_deleted_table_row(tmp_path):
    doc = new_document()
    a = 'w:author="Ana"'
    add_xml(doc, "".join([
        para("Scope", "Heading1"),
        f'<w:p><w:moveFrom w:id="1" {a}><w:r><w:t>Moved sentence.</w:t></w:r></w:moveFrom>'
        f'<w:r><w:t xml:space="preserve"> Stays.</w:t></w:r></w:p>',
        f'<w:p><w:r><w:t xml:space="preserve">Here. </w:t></w:r><w:moveTo w:id="2" {a}><w:r><w:t>Moved sentence.'
        f'</w:t></w:r></w:moveTo></w:p>',
        f'<w:tbl {NS}><w:tr><w:tc><w:p><w:r><w:t>kept</w:t></w:r></w:p></w:tc></w:tr>'
        f'<w:tr><w:trPr><w:del w:id="3" {a}/></w:trPr><w:tc><w:p><w:del w:id="4" {a}><w:r><w:delText>gone'
        f'</w:delText></w:r></w:del></w:p></w:tc></w:tr></w:tbl>',
    ]))
    path = save(doc, tmp_path / "moves.docx")
    assert load_document(path).sections[0].paragraphs == ("Stays.", "Here. Moved sentence.", "kept")
    assert load_document(path, ReadOptions(revisions="original")).sections[0].paragraphs == (
        "Moved sentence. Stays.", "Here.", "kept", "gone")
    assert load_document(path).revisions.moves == 1


def test_revisions_option_is_validated():
    from diffy.errors import UsageError

    with pytest.raises(UsageError, match="revisions must be one of accepted, original"):
        ReadOptions(revisions="final")
