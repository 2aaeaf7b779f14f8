"""Searching and filtering a comparison ignore case and quote style."""

from __future__ import annotations

from diffy.comparison.browse import Filter, find_matches, visible_pairs
from diffy.comparison.compare import compare
from diffy.ingest import load_document


def _comparison(tmp_path):
    old = tmp_path / "a.md"
    new = tmp_path / "b.md"
    old.write_text("# Rules\n\n## 1. Scope\n\nThe Parties’ obligations extend to Caldera’s waters.\n\n"
                   "## 2. Fees\n\n“Fees” are charged for inspections.\n", encoding="utf-8")
    new.write_text("# Rules\n\n## 1. Scope\n\nThe Parties' obligations extend to Caldera's waters and airspace.\n\n"
                   "## 2. Fees\n\nFees are charged for every inspection.\n", encoding="utf-8")
    return compare(load_document(old), load_document(new))


def test_a_search_with_a_straight_apostrophe_finds_curly_ones_and_keeps_offsets(tmp_path):
    cmp = _comparison(tmp_path)
    matches = find_matches(cmp, "CALDERA'S")
    scope = cmp.pairs[matches[0].pair]
    assert [(m.side, m.offset) for m in matches] == [("old", scope.old.text.index("Caldera’s")),
                                                     ("new", scope.new.text.index("Caldera's"))]


def test_the_text_filter_ignores_quote_style(tmp_path):
    cmp = _comparison(tmp_path)
    kept = visible_pairs(cmp, Filter(text="“inspections”"))  # the old text has it unquoted: no match
    assert kept == []
    assert [cmp.pairs[k].new.heading for k in visible_pairs(cmp, Filter(text='"fees" are'))] == ["2. Fees"]
