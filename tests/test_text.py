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
