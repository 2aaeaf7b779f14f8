"""Alignment on version pairs built for these tests (not Meridian), with known pairings."""

from __future__ import annotations

from diffy.comparison.compare import compare
from diffy.comparison.diff import apply_changes, tokenize, word_changes
from diffy.ingest import load_document

TEXTS = {
    "duties": "Each member state shall designate a national authority responsible for supervising the "
              "application of this regulation and shall notify the Commission of that designation without delay.",
    "records": "Operators shall keep records of every shipment, including its origin, its destination, the "
               "quantities carried and the identity of the carrier, for a period of five years.",
    "reports": "The national authority shall publish an annual report describing the inspections it carried "
               "out, the infringements it found and the penalties it imposed during the preceding year.",
    "fees": "Fees charged for inspections shall be proportionate to the administrative costs actually "
            "incurred and shall be published in advance on the website of the national authority.",
    "appeals": "Any decision of the national authority may be appealed before a court of the member state "
               "within sixty days of its notification to the person concerned.",
    "scope": "This regulation applies to the transport of hazardous waste by road, rail and inland waterway "
             "within the territory of the Union and across its external borders.",
}


def write(tmp_path, name: str, sections: list[tuple[str, str]]) -> str:
    body = "\n\n".join(f"{h}\n\n{t}" for h, t in sections)
    path = tmp_path / name
    path.write_text(f"# Transport Regulation\n\n{body}\n", encoding="utf-8")
    return str(path)


def relations(cmp) -> set[tuple[str | None, str | None, str]]:
    return {(p.old.heading if p.old else None, p.new.heading if p.new else None, p.relation) for p in cmp.pairs}


def test_swapped_and_merged_articles(tmp_path):
    old = write(tmp_path, "old.md", [
        ("## Article 1 Scope", TEXTS["scope"]), ("## Article 2 Authorities", TEXTS["duties"]),
        ("## Article 3 Records", TEXTS["records"]), ("## Article 4 Reports", TEXTS["reports"]),
        ("## Article 5 Fees", TEXTS["fees"]), ("## Article 6 Appeals", TEXTS["appeals"])])
    new = write(tmp_path, "new.md", [
        ("## Article 1 Scope", TEXTS["scope"]), ("## Article 2 Records", TEXTS["records"]),
        ("## Article 3 Authorities", TEXTS["duties"]),
        ("## Article 4 Reporting and fees", TEXTS["reports"] + "\n\n" + TEXTS["fees"]),
        ("## Article 5 Appeals", TEXTS["appeals"])])
    got = relations(compare(load_document(old), load_document(new)))
    assert got == {
        ("Article 1 Scope", "Article 1 Scope", "same"),
        ("Article 2 Authorities", "Article 3 Authorities", "moved"),
        ("Article 3 Records", "Article 2 Records", "moved"),
        ("Article 4 Reports", "Article 4 Reporting and fees", "merged"),
        ("Article 5 Fees", "Article 4 Reporting and fees", "merged"),
        ("Article 6 Appeals", "Article 5 Appeals", "same"),
    }


def test_decimal_split_and_subsection_moved_to_another_parent(tmp_path):
    old = write(tmp_path, "old.md", [
        ("## 1 General", TEXTS["scope"]), ("### 1.1 Authorities", TEXTS["duties"]),
        ("### 1.2 Oversight", TEXTS["reports"] + "\n\n" + TEXTS["fees"]),
        ("## 2 Operators", "Operators carry the obligations set out in this part."),
        ("### 2.1 Appeals", TEXTS["appeals"]), ("### 2.2 Records", TEXTS["records"])])
    new = write(tmp_path, "new.md", [
        ("## 1 General", TEXTS["scope"]), ("### 1.1 Authorities", TEXTS["duties"]),
        ("### 1.2 Reports", TEXTS["reports"]), ("### 1.3 Fees", TEXTS["fees"]),
        ("### 1.4 Appeals", TEXTS["appeals"]),
        ("## 2 Operators", "Operators carry the obligations set out in this part."),
        ("### 2.1 Records", TEXTS["records"])])
    got = relations(compare(load_document(old), load_document(new)))
    assert ("1.2 Oversight", "1.2 Reports", "split") in got
    assert ("1.2 Oversight", "1.3 Fees", "split") in got
    assert ("2.1 Appeals", "1.4 Appeals", "moved") in got
    assert ("2.2 Records", "2.1 Records", "same") in got


def test_renamed_and_edited_section_and_verbatim_paragraph_moved(tmp_path):
    old = write(tmp_path, "old.md", [
        ("## I. Scope", TEXTS["scope"] + "\n\n" + TEXTS["fees"]),
        ("## II. Supervision", TEXTS["duties"] + "\n\n" + TEXTS["reports"]),
        ("## III. Remedies", TEXTS["appeals"] + "\n\n" + TEXTS["records"])])
    edited = TEXTS["duties"].replace("without delay", "within three months")
    new = write(tmp_path, "new.md", [
        ("## I. Scope", TEXTS["scope"]),
        ("## II. National Supervisory Authorities", edited + "\n\n" + TEXTS["reports"] + "\n\n" + TEXTS["fees"]),
        ("## III. Remedies", TEXTS["appeals"] + "\n\n" + TEXTS["records"])])
    cmp = compare(load_document(old), load_document(new))
    got = relations(cmp)
    assert ("II. Supervision", "II. National Supervisory Authorities", "renamed") in got
    assert ("III. Remedies", "III. Remedies", "same") in got
    moves = [c for p in cmp.pairs for c in p.changes if c.kind == "move"]
    assert [m.old for m in moves] == [TEXTS["fees"]]
    renamed = next(p for p in cmp.pairs if p.relation == "renamed")
    assert any(c.old == "without delay" and c.new == "within three months" for c in renamed.changes)
    scope = next(p for p in cmp.pairs if p.old and p.old.heading == "I. Scope")
    assert not [c for c in scope.changes if c.kind == "delete"]  # the fees paragraph moved, not deleted


def test_word_changes_rebuild_the_new_text_and_ids_are_stable():
    a = "The parties shall consult in situations in areas surrounding Caldera. Reports are annual."
    b = "The parties may consult in situations in the Asia-Pacific region and beyond. Reports are annual."
    changes = word_changes(a, b)
    assert apply_changes(a, changes) == [t.text for t in tokenize(b)]
    assert [(c.kind, c.old, c.new) for c in changes] == [
        ("replace", "shall", "may"),
        ("replace", "areas surrounding Caldera", "the Asia-Pacific region and beyond")]
    edited_elsewhere = word_changes(a + " Fees apply.", b + " Fees do not apply.")
    assert [c.id for c in edited_elsewhere][:2] == [c.id for c in changes]
    assert word_changes(a, a) == []


def test_reworded_paragraphs_that_left_for_a_new_subsection_make_a_split(tmp_path):
    # Two of the old section's three paragraphs were rewritten into a new subsection of its
    # successor: too reworded for the section as a whole to match, but each paragraph's
    # closest counterpart anywhere in the new text is there.
    old = write(tmp_path, "old.md", [
        ("## 1 Scope", TEXTS["scope"]),
        ("## 2 Enforcement", TEXTS["duties"] + "\n\n"
         "Where an operator fails to keep the required records, the national authority may suspend its "
         "licence until the omission has been remedied and may impose a fine.\n\n"
         "A suspended operator may ask the national authority to review the suspension, and the authority "
         "shall decide on that request within thirty days."),
        ("## 3 Appeals", TEXTS["appeals"])])
    new = write(tmp_path, "new.md", [
        ("## 1 Scope", TEXTS["scope"]),
        ("## 2 Enforcement", TEXTS["duties"].replace("without delay", "within one month")),
        ("### 2.1 Inspections", "Inspectors may enter the premises of an operator at any reasonable hour and "
                                "examine vehicles, containers and documents relating to shipments."),
        ("### 2.2 Sanctions", "The authority can suspend the licence of an operator who omits required "
                              "records, and can fine it, until that failure is remedied.\n\n"
                              "Operators whose licence is suspended can request a review; the authority "
                              "must rule on the request in no more than thirty days."),
        ("## 3 Appeals", TEXTS["appeals"])])
    got = relations(compare(load_document(old), load_document(new)))
    assert got == {
        ("1 Scope", "1 Scope", "same"),
        ("2 Enforcement", "2 Enforcement", "split"),
        ("2 Enforcement", "2.2 Sanctions", "split"),
        (None, "2.1 Inspections", "added"),
        ("3 Appeals", "3 Appeals", "same"),
    }


def test_manual_overrides_unpair_and_force_pairs(tmp_path):
    from diffy.comparison.compare import Overrides

    old = load_document(write(tmp_path, "old.md", [("## 1 Scope", TEXTS["scope"]), ("## 2 Fees", TEXTS["fees"])]))
    new = load_document(write(tmp_path, "new.md", [("## 1 Scope", TEXTS["scope"]), ("## 2 Charges", TEXTS["fees"]),
                                                   ("## 3 Appeals", TEXTS["appeals"])]))
    ids = {s.heading: s.id for s in (*old.sections, *new.sections)}
    assert ("2 Fees", "2 Charges", "renamed") in relations(compare(old, new))
    cut = Overrides(unpair=((ids["2 Fees"], ids["2 Charges"]),))
    assert relations(compare(old, new, cut)) >= {("2 Fees", None, "removed"), (None, "2 Charges", "added")}
    forced = Overrides(pair=((ids["2 Fees"], ids["3 Appeals"]),))
    got = relations(compare(old, new, forced))
    assert ("2 Fees", "3 Appeals", "split") in got and ("2 Fees", "2 Charges", "split") in got


def test_a_removed_section_sharing_a_word_or_two_with_another_is_removed_not_merged(tmp_path):
    old = write(tmp_path, "old.md", [
        ("## 1 Scope", "These rules apply to vessels in the harbour and its approaches."),
        ("## 2 Pilotage", "A pilot shall board every vessel entering the harbour."),
        ("## 3 Fuel", "Vessels shall not take on fuel at night.")])
    new = write(tmp_path, "new.md", [
        ("## 1 Scope", "These rules apply to vessels in the harbour, its approaches and the anchorage."),
        ("## 2 Pilotage", "A pilot shall board every vessel entering the harbour, unless exempted in writing.")])
    got = relations(compare(load_document(old), load_document(new)))
    assert ("3 Fuel", None, "removed") in got, got


def test_quote_style_is_not_a_change(tmp_path):
    """One producer curls quotes another leaves straight: the same text, the same section."""
    straight = "The Parties' obligations under the \"Agreement\" continue; Caldera's duties do not."
    curly = "The Parties’ obligations under the “Agreement” continue; Caldera’s duties do not."
    assert word_changes(straight, curly) == []
    assert [(c.old, c.new) for c in word_changes(straight, curly.replace("continue", "end"))] == [("continue", "end")]
    old = write(tmp_path, "a.md", [("1. Scope", straight), ("2. Fees", TEXTS["fees"])])
    new = write(tmp_path, "b.md", [("1. Scope", curly), ("2. Fees", TEXTS["fees"])])
    pairs = compare(load_document(old), load_document(new)).pairs
    assert {(p.relation, len(p.changes)) for p in pairs} == {("same", 0)}
