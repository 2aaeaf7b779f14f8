"""The rows a front end draws for one pair (the terminal UI and the HTML report share them)."""

from __future__ import annotations

import re

from diffy.comparison.compare import compare
from diffy.comparison.pairview import DELETED, SAME, build_rows, change_rows, fold, inline, row_for
from diffy.model import Document, Section
from tests.conftest import ROOT

SERIES = ROOT / "documents" / "meridian"


def doc(*paragraphs: str) -> Document:
    s = Section("s1", "1. Scope", "1.", "Scope", 1, None, 1, tuple(paragraphs))
    return Document("x.md", "0" * 64, 1, None, (s,))


def test_inline_keeps_deleted_words_apart_from_the_words_either_side():
    cmp = compare(doc("They contribute to an operation or to a relief effort, they will help."),
                  doc("They contribute to an operation, they will help."))
    (row,) = build_rows(cmp.pairs[0])
    text = "".join(s.text for s in inline(row))
    assert "operation or to a relief effort, they" in text
    deleted = [s.text for s in inline(row) if s.kind == DELETED]
    assert deleted == [" or to a relief effort"]


def test_folds_change_rows_and_rows_for_offsets():
    same = [f"Paragraph {k} says the same thing in both versions of the text." for k in range(5)]
    cmp = compare(doc("The first rule applies here.", *same, "The last rule applies."),
                  doc("The first rule applies everywhere.", *same, "The last rule applies always."))
    pair = cmp.pairs[0]
    rows = build_rows(pair)
    crow = change_rows(rows)
    assert list(crow.values()) == [0, 6] and list(crow) == [c.id for c in pair.changes]
    assert fold(rows) == [("row", 0, 0), ("fold", 1, 5), ("row", 6, 0)]
    # a row with a note is never folded; a run shorter than three is not folded
    assert fold(rows, keep={4}) == [("row", 0, 0), ("fold", 1, 3), ("row", 4, 0), ("row", 5, 0), ("row", 6, 0)]
    assert fold(rows, shown=lambda row: False)[0] == ("fold", 0, 7)
    offset = pair.new.text.index("Paragraph 2")
    assert row_for(pair, rows, "new", offset) == 3 and row_for(pair, rows, "old", 0) == 0
    assert all(seg.kind == SAME for seg in rows[3].new or ())


def test_inline_never_joins_two_words_on_the_bundled_series(parse):
    """Every word of both versions of a pair reads as a whole word in the pair's inline text (a deletion
    beside an insertion once read `meansand,` for `means and,`)."""
    word = re.compile(r"\w+")
    for old, new in (("1979", "1998"), ("1998", "2016"), ("1979", "2016")):
        cmp = compare(parse(str(SERIES / f"{old}.pdf")), parse(str(SERIES / f"{new}.pdf")))
        for pair in cmp.pairs:
            rows = build_rows(pair)
            shown = set(word.findall(" ".join("".join(s.text for s in inline(r)) for r in rows)))
            printed = {w for r in rows for side in (r.old or (), r.new or ()) for s in side
                       for w in word.findall(s.text)}
            assert printed <= shown, (pair.old and pair.old.heading, sorted(printed - shown)[:5])
