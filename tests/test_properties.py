"""Invariants, checked on generated texts with hypothesis."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diffy.annotations.anchor import ANCHORED, place, quote_target
from diffy.comparison.compare import compare
from diffy.comparison.diff import apply_changes, fold, tokenize, word_changes
from diffy.export.json import comparison_to_dict
from diffy.model import Document, Section

WORDS = st.sampled_from("the shall may not any region state party treaty force area, Caldera's Caldera’s 1998 5% (a) § "
                        "— “quoted” [bold] {++x++} | # * _ <b> défense naïve".split())
TEXT = st.lists(WORDS, min_size=0, max_size=60).map(" ".join)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def doc(paragraphs: list[str], heading: str = "1. Scope") -> Document:
    s = Section("s1", heading, "1", heading[3:], 1, None, 1, tuple(p for p in paragraphs if p.strip()))
    return Document("x", "0" * 64, 1, "T", (s,))


@FAST
@given(TEXT, TEXT)
def test_applying_the_changes_to_the_old_text_gives_the_new_text(old, new):
    """… up to quote style, which is not a change (`Caldera’s` = `Caldera's`)."""
    changes = word_changes(old, new)
    assert [fold(t) for t in apply_changes(old, changes)] == [fold(t.text) for t in tokenize(new)]


@FAST
@given(TEXT)
def test_identical_inputs_have_no_changes(text):
    assert word_changes(text, text) == []


# the edited region and the rest draw on different words, so the diff has one right answer
ELSEWHERE = st.lists(st.sampled_from("alpha beta gamma delta epsilon zeta eta theta".split()),
                     max_size=12).map(" ".join)
# (words are not repeated here: with "shall shall shall" → "may shall shall may" several diffs are
# equally right, and which one diff-match-patch picks can depend on text elsewhere)
HERE = st.lists(st.sampled_from("shall may not any region treaty force 1998 [bold] {++x++} <b> naïve".split()),
                max_size=12, unique=True).map(" ".join)
ANCHOR = " and the parties will consult each other regularly on every matter of common concern to them both "


@FAST
@given(ELSEWHERE, ELSEWHERE, HERE, HERE)
def test_change_ids_are_stable_under_unrelated_edits(left, left_edited, old_mid, new_mid):
    """A change's id survives an edit elsewhere in the text (beyond its three words of context)."""
    old = left + ANCHOR + old_mid + ANCHOR
    first = word_changes(old, left + ANCHOR + new_mid + ANCHOR)
    second = word_changes(old, left_edited + ANCHOR + new_mid + ANCHOR)
    boundary = len(left + ANCHOR)
    mid_first = {c.id for c in first if c.old_offset >= boundary}
    mid_second = {c.id for c in second if c.old_offset >= boundary}
    assert mid_first == mid_second


@FAST
@given(st.lists(TEXT, min_size=1, max_size=4), st.data())
def test_an_annotation_anchors_onto_identical_text_at_its_place(paragraphs, data):
    d = doc(paragraphs)
    section = d.sections[0]
    text = section.text
    if not text.strip():
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    if not text[start:end].strip() or text[start].isspace() or text[end - 1].isspace():
        return
    p = place(quote_target("new", section, start, end), d)
    assert p.status == ANCHORED and p.section_id == section.id
    assert " ".join(text[p.start:p.end].split()) == " ".join(text[start:end].split())
    if text.count(text[start:end]) == 1:
        assert (p.start, p.end) == (start, end)


@FAST
@given(st.lists(TEXT, min_size=1, max_size=3), st.lists(TEXT, min_size=1, max_size=3))
def test_json_output_round_trips_through_the_model(old_paras, new_paras):
    cmp = compare(doc(old_paras), doc(new_paras))
    data = json.loads(json.dumps(comparison_to_dict(cmp)))
    assert data == comparison_to_dict(cmp)
    for p_json, p in zip(data["pairs"], cmp.pairs, strict=True):
        assert p_json["relation"] == p.relation
        assert [c["id"] for c in p_json["changes"]] == [c.id for c in p.changes]
        o = p.old.text if p.old else ""
        for c_json, c in zip(p_json["changes"], p.changes, strict=True):
            if c.kind != "move" and c.old:
                assert o[c_json["old_offset"]:c_json["old_offset"] + len(c_json["old"])] == c_json["old"]
