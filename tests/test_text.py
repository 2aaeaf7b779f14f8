from diffy.ingest.headings import parse_label, roman_value
from diffy.ingest.text import join_lines, normalize, vocabulary


def test_normalize_ligatures_and_invisible_characters():
    assert normalize("ﬁnal eﬀect") == "final effect"
    assert normalize("co\u00adoperation\u200b") == "cooperation"


def test_join_lines_dehyphenates_only_real_breaks():
    vocab = vocabulary("the whole-of-government approach and cooperation".split())
    assert join_lines(["the govern-", "ment"], vocab) == "the government"
    assert join_lines(["a whole-of-", "government approach"], vocab) == "a whole-of-government approach"
    assert join_lines(["coop\u2010", "eration"], vocab) == "cooperation"
    assert join_lines(["Meridian\u2013", "Caldera"], vocab) == "Meridian\u2013Caldera"
    assert join_lines(["from 1998 \u2013", "2016"], vocab) == "from 1998 \u2013 2016"


def test_labels():
    assert parse_label("IV. Actions").number == "IV"
    assert parse_label("(1) Concept").number == "(1)"
    assert parse_label("Article 3 Scope").number == "Article 3"
    assert parse_label("3.2.1 Exceptions").candidates == (("decimal:3", 1),)
    assert parse_label("§ 4 Penalties").number == "§ 4"
    assert parse_label("Section VI, for the contingencies") is None
    assert parse_label("Caldera will act") is None
    assert roman_value("xiv") == 14 and roman_value("iiv") is None
    # "2.0 Scope" heads the 2.x sections: the level of "2.", not of "2.1"
    assert parse_label("2.0 Scope").candidates == (("decimal:1", 2),)
    assert parse_label("2.1 Terms").candidates == (("decimal:2", 1),)
    # a dash or colon after the label separates it from the title
    assert parse_label("Section 1 – Definitions.").rest == "Definitions."
    assert parse_label("Article 2: Scope").rest == "Scope"
    assert parse_label("1. -5 degrees").rest == "-5 degrees"


def test_plain_text_headings_with_dashes_full_stops_and_zero_decimals(tmp_path):
    from diffy.ingest import load_document

    (tmp_path / "p.txt").write_text(
        "Section 1 – Definitions.\n\nThe terms below have these meanings in this licence.\n\n"
        "Section 2 – Disclaimer of Warranties and Limitation of Liability.\n\nThe work is offered as it is.\n\n"
        "1.0 Purpose\n\nThis policy sets out how records are kept.\n\n"
        "1.1 Audience\n\nIt applies to every member of staff.\n\n"
        "2.0 Scope\n\nIt covers paper and electronic records.\n", encoding="utf-8")
    doc = load_document(tmp_path / "p.txt")
    assert [(s.heading, s.level) for s in doc.sections if s.heading] == [
        ("Section 1 – Definitions.", 1), ("Section 2 – Disclaimer of Warranties and Limitation of Liability.", 1),
        ("1.0 Purpose", 2), ("1.1 Audience", 3), ("2.0 Scope", 2)]
