"""Shaping a quote: a word more or fewer at either end, the sentence, the paragraph (headless)."""

from __future__ import annotations

import pytest

from diffy.annotations.shape import (
    FEWER_AFTER,
    FEWER_BEFORE,
    MORE_AFTER,
    MORE_BEFORE,
    PARAGRAPH,
    SENTENCE,
    Quote,
    fewer_after,
    fewer_before,
    more_after,
    more_before,
    paragraph,
    sentence,
    shape,
)
from diffy.model import Section

TEXT = ("The parties shall consult, e.g. through the U.S. Embassy, as set out in Art. 5 of the treaty. "
        "Cooperation is not limited by geography! It covers space and cyberspace.\n\n"
        "1. Each party may request consultations.\n\n"
        "Nothing here applies to “third countries.” Others do.")


def span(text: str, words: str) -> tuple[int, int]:
    at = text.index(words)
    return at, at + len(words)


def cut(text: str, se: tuple[int, int]) -> str:
    return text[se[0]:se[1]]


def test_a_word_more_before_and_after_stays_in_the_paragraph():
    s, e = span(TEXT, "limited by")
    assert cut(TEXT, more_before(TEXT, s, e)) == "not limited by"
    assert cut(TEXT, more_after(TEXT, s, e)) == "limited by geography!"  # punctuation stays with its word
    s, e = span(TEXT, "Each party")
    assert cut(TEXT, more_before(TEXT, s, e)) == "1. Each party"
    assert more_before(TEXT, *more_before(TEXT, s, e)) == more_before(TEXT, s, e)  # not into the paragraph before
    s, e = span(TEXT, "cyberspace.")
    assert more_after(TEXT, s, e) == (s, e)  # the paragraph's end


def test_a_span_inside_a_word_first_takes_the_whole_word():
    s, e = span(TEXT, "eograph")
    assert cut(TEXT, more_before(TEXT, s, e)) == "geograph"
    assert cut(TEXT, more_after(TEXT, s, e)) == "eography!"


def test_a_word_fewer_never_empties_the_quote():
    s, e = span(TEXT, "space and cyberspace")
    assert cut(TEXT, fewer_before(TEXT, s, e)) == "and cyberspace"
    assert cut(TEXT, fewer_after(TEXT, s, e)) == "space and"
    one = span(TEXT, "space")
    assert fewer_before(TEXT, *one) == one and fewer_after(TEXT, *one) == one


def test_sentence_skips_abbreviations_initials_and_list_markers():
    s, e = span(TEXT, "Embassy")
    assert cut(TEXT, sentence(TEXT, s, e)) == ("The parties shall consult, e.g. through the U.S. Embassy, as set out "
                                              "in Art. 5 of the treaty.")
    assert cut(TEXT, sentence(TEXT, *span(TEXT, "geography"))) == "Cooperation is not limited by geography!"
    assert cut(TEXT, sentence(TEXT, *span(TEXT, "party may"))) == "1. Each party may request consultations."
    assert cut(TEXT, sentence(TEXT, *span(TEXT, "third"))) == "Nothing here applies to “third countries.”"
    # a span over two sentences takes both; a whole sentence stays as it is
    both = sentence(TEXT, *span(TEXT, "geography! It covers"))
    assert cut(TEXT, both) == "Cooperation is not limited by geography! It covers space and cyberspace."
    assert sentence(TEXT, *both) == both


def test_paragraph_takes_every_paragraph_the_span_touches():
    assert cut(TEXT, paragraph(TEXT, *span(TEXT, "It covers"))) == TEXT.split("\n\n")[0]
    s, _ = span(TEXT, "cyberspace")
    _, e = span(TEXT, "Each party")
    assert cut(TEXT, paragraph(TEXT, s, e)) == "\n\n".join(TEXT.split("\n\n")[:2])


def test_quotes_of_a_change_keep_its_id_while_they_cover_it():
    old = Section("s1", "2 Scope", "2", "Scope", 1, None, 1, ("Notify the Commission without delay.",))
    new = Section("s2", "2 Scope", "2", "Scope", 1, None, 1, ("Notify the Commission within one month.",))
    quotes = (Quote("old", old, *span(old.text, "without delay"), "c1", span(old.text, "without delay")),
              Quote("new", new, *span(new.text, "within one month"), "c1", span(new.text, "within one month")))
    wide = shape(quotes, SENTENCE)
    assert [q.exact for q in wide] == [old.text, new.text]
    assert all(q.target().change_id == "c1" for q in wide)
    grown = shape(quotes, MORE_BEFORE)
    assert [q.exact for q in grown] == ["Commission without delay", "Commission within one month"]
    moved_off = shape(shape(shape(grown, FEWER_AFTER), FEWER_AFTER), FEWER_AFTER)
    assert [q.exact for q in moved_off] == ["Commission", "Commission"]
    assert [q.target().change_id for q in moved_off] == [None, None]  # no longer about the change
    assert [q.exact for q in shape(quotes, MORE_AFTER)] == ["without delay.", "within one month."]
    assert [q.exact for q in shape(quotes, FEWER_BEFORE)] == ["delay", "one month"]
    assert shape(quotes, PARAGRAPH)[1].exact == new.text
    with pytest.raises(ValueError, match="unknown shaping step"):
        shape(quotes, "chapter")
