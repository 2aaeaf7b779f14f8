"""Significance rules: each fires on its own kind of change and says why."""

from __future__ import annotations

import json
import re

from diffy.cli import main
from diffy.comparison.compare import compare
from diffy.comparison.diff import word_changes
from diffy.comparison.significance import FLAG, Terms, assess, defined_terms
from diffy.model import Document, Section


def one(old: str, new: str, terms: Terms | None = None):
    [c] = word_changes(old, new)
    return assess(c, terms or Terms())


def test_modality_negation_scope_numbers_and_terms():
    s = one("The authority shall inspect each vessel.", "The authority may inspect each vessel.")
    assert "modality: shall → may" in s.reasons and s.score >= FLAG
    assert any(r.startswith("negation") for r in one("Fees are due.", "Fees are not due.").reasons)
    assert any(r.startswith("scope") for r in one("in areas surrounding Caldera", "in the region and beyond").reasons)
    assert "numbers: thirty → sixty" in one("within thirty days", "within sixty days").reasons
    terms = Terms(defined=frozenset(defined_terms(['“Vessel” means any ship.'])))
    assert any(r.startswith("defined term: vessel") for r in one("every vessel", "every Vessel here", terms).reasons)
    assert "qualifier dropped: as appropriate" in one("Exercises will be held as appropriate.",
                                                      "Exercises will be held regularly.").reasons
    added = one("Caldera will repel it.", "Caldera will in principle repel it.")
    assert "qualifier added: in principle" in added.reasons
    dated = one("Issued at Tessaly, 14 October 1998", "Issued at Port Anselm, 9 May 2016")
    assert not any(r.startswith("modality") for r in dated.reasons)  # May the month
    assert not any("May" in r or "October" in r for r in dated.reasons if r.startswith("parties"))
    assert "numbers: 14, 1998 → 9, 2016" in dated.reasons
    assert "modality added: may" in one("The authority inspects.", "The authority may inspect.").reasons
    plain = one("The report is published.", "The report is printed.")
    assert plain.score < FLAG and plain.reasons == ()


def test_json_carries_significance_and_significant_filters(tmp_path, capsys):
    (tmp_path / "a.md").write_text("# R\n\n## 1 A\n\nThe authority shall inspect. The report is published.\n")
    (tmp_path / "b.md").write_text("# R\n\n## 1 A\n\nThe authority may inspect. The report is printed.\n")
    assert main(["diff", str(tmp_path / "a.md"), str(tmp_path / "b.md"), "--format", "json"]) == 1
    changes = [c for p in json.loads(capsys.readouterr().out)["pairs"] for c in p["changes"]]
    assert all(set(c["significance"]) == {"score", "reasons"} for c in changes) and len(changes) == 2
    assert main(["diff", str(tmp_path / "a.md"), str(tmp_path / "b.md"), "--format", "json", "--significant"]) == 1
    kept = [c for p in json.loads(capsys.readouterr().out)["pairs"] for c in p["changes"]]
    assert [(c["old"], c["new"]) for c in kept] == [("shall", "may")]


def test_a_change_inside_a_definition_says_which_definition_changed(tmp_path):
    from diffy.comparison.compare import compare
    from diffy.comparison.significance import definition_spans, rank
    from diffy.ingest import load_document

    old = ('# R\n\n## 1 Definitions\n\n“Vessel” means any ship registered in the territory. '
           'The register is public.\n\n## 2 Operators\n\nAn operator (hereinafter “the Operator”) runs a berth.\n')
    new = old.replace("registered in the territory", "registered or operating in the territory")
    new = new.replace("The register is public.", "The register is published.")
    (tmp_path / "a.md").write_text(old, encoding="utf-8")
    (tmp_path / "b.md").write_text(new, encoding="utf-8")
    cmp = compare(load_document(tmp_path / "a.md"), load_document(tmp_path / "b.md"))
    by_text = {r.change.new: r.significance for r in rank(cmp)}
    assert "definition changed: “vessel”" in by_text["or operating"].reasons
    assert by_text["or operating"].score >= FLAG
    assert not any(r.startswith("definition") for r in by_text["published"].reasons)  # the next sentence
    text = cmp.old.sections[-1].text
    [(a, b, term)] = definition_spans(text)
    assert term == "operator" and text[a:b].startswith("An operator") and text[a:b].endswith("berth.")


def test_a_series_term_file_adds_scope_actor_and_qualifier_terms(tmp_path):
    (tmp_path / "significance.json").write_text(json.dumps(
        {"scope": ["Littoral"], "actors": ["Oriel"], "qualifiers": ["Save In  Emergencies"]}), encoding="utf-8")
    terms = Terms.load(tmp_path)
    s = one("Patrols cover the coast save in emergencies.", "Patrols cover the littoral and Oriel.", terms)
    assert "qualifier dropped: save in emergencies" in s.reasons
    assert "scope added: littoral" in s.reasons and any("Oriel" in r for r in s.reasons)
    assert not any(r.startswith("qualifier") for r in one("save in emergencies", "always").reasons)  # not a default
    (tmp_path / "significance.json").write_text("{broken", encoding="utf-8")
    assert Terms.load(tmp_path) == Terms()  # a broken term file costs the extra terms only


def _ranked(tmp_path, old: str, new: str):
    from diffy.comparison.compare import compare
    from diffy.comparison.significance import rank
    from diffy.ingest import load_document

    (tmp_path / "a.md").write_text(old, encoding="utf-8")
    (tmp_path / "b.md").write_text(new, encoding="utf-8")
    return rank(compare(load_document(tmp_path / "a.md"), load_document(tmp_path / "b.md")))


def test_contents_pages_page_numbers_and_footnote_numbers_never_rank(tmp_path):
    old = ("# Report\n\n## Contents\n\n1 Scope .......... 3\n\n2 Duties .......... 5\n\n"
           "## 1 Scope\n\nThe rules cover all products34 sold in the region, as set out on page 12.\n\n"
           "## Notes\n\n34 See the annex.\n")
    new = ("# Report\n\n## Contents\n\n1 Scope .......... 4\n\n2 Duties .......... 7\n\n"
           "## 1 Scope\n\nThe rules cover all products38 sold in the region, as set out on page 14.\n\n"
           "## Notes\n\n38 See the annex.\n")
    ranked = _ranked(tmp_path, old, new)
    assert ranked and all(r.significance.score == 0 for r in ranked)
    why = {r.change.new: r.significance.reasons for r in ranked}
    assert why["4"] == ("not ranked: contents page",)
    assert why["products38"] == ("not ranked: footnote number",)
    assert why["14"] == ("not ranked: page number",)
    assert why["38"] == ("not ranked: numbering",)  # the label opening a paragraph (a note in a PDF)
    from diffy.comparison.diff import Change
    from diffy.comparison.unranked import why_unranked
    from diffy.model import Section

    notes = [Section("n", "Notes", None, "Notes", 1, None, 1, (f"{k} See the annex.",), ("note",)) for k in (34, 38)]
    pair = type("P", (), {"old": notes[0], "new": notes[1]})()
    assert why_unranked(Change("c", "replace", "34", "38", 0, 0), pair) == "footnote number"


def test_a_rewritten_section_does_not_push_targeted_edits_out_of_the_top(tmp_path):
    rewritten_old = " ".join(
        f"Article {k}: the Ministry and the Agency will review item {k} each year, and the Council will "
        f"publish the results within {k + 10} days for all regions." for k in range(1, 9))
    rewritten_new = " ".join(
        f"Clause {k}: the Board and the Office should assess matter {k} twice a year, and the Assembly may "
        f"release its findings after {k + 20} weeks for every district." for k in range(1, 9))
    body = ("## 1 Duties\n\nThe operator shall inspect each vessel before departure.\n\n"
            "## 2 Fees\n\nFees are due within thirty days of the invoice.\n\n"
            "## 3 Appeals\n\nAn appeal is heard by the harbour court.\n\n"
            "## 4 Procedure\n\n{rewritten}\n")
    old = "# Port Rules\n\n" + body.format(rewritten=rewritten_old)
    new = ("# Port Rules\n\n" + body.format(rewritten=rewritten_new)
           .replace("shall inspect", "may inspect").replace("thirty days", "ninety days")
           .replace("is heard", "is not heard"))
    ranked = _ranked(tmp_path, old, new)
    order = [r.change.new for r in ranked]
    rewrite = [k for k, r in enumerate(ranked) if "Office" in r.change.new]
    assert len(rewrite) >= 4  # the rewrite is several strong changes …
    # … of which only the two strongest rank above the targeted edits elsewhere
    assert max(order.index(x) for x in ("may", "ninety", "not")) < rewrite[2], [
        (r.change.new[:30], r.significance.score) for r in ranked[:6]]


def test_reasons_name_what_changed_on_each_side():
    s = one("in areas surrounding Caldera", "in the region and beyond")
    assert "scope: areas, surrounding → beyond, region" in s.reasons
    both = one("The parties will consult in any region.", "The parties will consult in any region or zone.")
    assert not any(r.startswith("modality") for r in both.reasons)  # `will` is on both sides: no modal change


def test_reasons_read_as_the_change_does():
    """One side's words giving way to the other's read `old → new`; a side with none is not named
    (`modality added: will`, never `— → will`)."""
    assert "modality: can → will" in one("The parties can consult.", "The parties will consult.").reasons
    assert "modality added: can, will" in one("The parties consult.",
                                              "The parties can consult and will report.").reasons
    assert "modality dropped: shall" in one("The authority shall inspect.", "The authority inspects.").reasons
    # only the numbers that differ, in the order printed: `two` on both sides is no change
    assert "numbers: 1997 → 2014" in one("the two Declarations of 1997", "the two Declarations of 2014").reasons
    assert "parties dropped: Tessaly" in one("Issued at Tessaly today.", "Issued today.").reasons
    wide = one("in the area", "in any region, all territories, every airspace and the high seas")
    assert "scope: area → airspace, all, any, every and 4 more" in wide.reasons
    assert "qualifier: primarily → as appropriate" in one("support will be given primarily",
                                                          "support will be given as appropriate").reasons


def test_no_reason_on_the_sample_names_an_empty_side():
    from diffy.comparison.compare import compare
    from diffy.comparison.significance import rank
    from tests.conftest import ROOT, parsed

    cmp = compare(parsed(str(ROOT / "documents/meridian/1998.pdf")), parsed(str(ROOT / "documents/meridian/2016.pdf")))
    reasons = [why for r in rank(cmp) for why in r.significance.reasons]
    assert reasons and not [why for why in reasons if "—" in why or "…" in why]
    assert any(why.startswith("modality: ") and " → " in why for why in reasons)


def test_whole_added_sections_are_listed_apart_from_targeted_edits():
    from diffy.comparison.significance import rank, targeted_first

    old = Document("a.md", "0" * 64, 1, None, (
        Section("s1", "1 Scope", "1", "Scope", 1, None, 1, ("The authority shall inspect each vessel once a year.",)),))
    new = Document("b.md", "1" * 64, 1, None, (
        Section("s1", "1 Scope", "1", "Scope", 1, None, 1, (
            "The authority shall inspect each vessel once a year where appropriate.",)),
        Section("s2", "2 Appeals", "2", "Appeals", 1, None, 1, (
            "A decision of the authority may be appealed within ten days to the court, which must not refuse it.",)),))
    cmp = compare(old, new)
    ranked = rank(cmp)
    assert cmp.pairs[ranked[0].pair].relation == "added"  # the new section outscores the edit ...
    edits, whole = targeted_first(cmp, ranked, 30)
    assert [cmp.pairs[r.pair].relation for r in edits] == ["edited"]  # ... but the edit comes first
    assert whole and all(cmp.pairs[r.pair].relation == "added" for r in whole)


def _reasons(old: str, new: str) -> list[str]:
    return [r for c in word_changes(old, new) for r in assess(c, Terms()).reasons]


def test_numbers_that_name_a_document_a_part_or_a_link_are_not_quantities(tmp_path):
    ranked = _ranked(tmp_path, "# G\n\n## 1 Scope\n\nApply NIST SP 800-53 Revision 4 as in Section 3.3 of the guide.\n",
                     "# G\n\n## 1 Scope\n\nApply NIST SP 800-63 Revision 5 as in Section 4.1 of the guide.\n")
    reasons = [r for x in ranked for r in x.significance.reasons]
    assert ranked and not any(r.startswith("numbers") for r in reasons)  # with the words before the change
    reasons = _reasons("See www.example.org/guide/2014 and ISO/IEC 27001:2013.",
                       "See www.example.org/guide/2018 and ISO/IEC 27001:2022.")
    assert not any(r.startswith("numbers") for r in reasons)
    assert "numbers: 30 → 60" in one("Report within 30 days.", "Report within 60 days.").reasons
    assert "numbers: 2016 → 2018" in one("in the years 2014-2016", "in the years 2014-2018").reasons  # a range of years


def test_a_condition_in_other_words_is_a_qualifier():
    s = one("Staff will encrypt data, in circumstances where such measures are appropriate, at rest.",
            "Staff will encrypt data at rest.")
    assert "qualifier dropped: where such measures are appropriate" in s.reasons and s.score >= FLAG
    assert "qualifier added: if it is practicable" in one("Keep logs.", "Keep logs if it is practicable.").reasons
    assert not any(r.startswith("qualifier") for r in _reasons("Ask us.", "Ask us where to find the applicable law."))
    listed = one("Test plans where appropriate.", "Test plans.")
    assert "qualifier dropped: where appropriate" in listed.reasons


def test_a_line_that_only_dates_the_document_never_ranks(tmp_path):
    head = "# Guidelines\n\n## Signature\n\n"
    ranked = _ranked(tmp_path, head + "Tessaly, 14 October 1998\n\nIssued on 14 October 1998 by the Council.\n\n"
                     "Signed by the Joint Council at Tessaly, 14 October 1998\n",
                     head + "Port Anselm, 9 May 2016\n\nIssued on 9 May 2016 by the Council.\n\n"
                     "Signed by the Joint Council at Port Anselm, 9 May 2016\n")
    why = [((r.change.old, r.change.new), r.significance) for r in ranked]
    dated = [s for (o, n), s in why if "Tessaly" in o or "Anselm" in n]
    assert len(dated) == 2 and all(s.reasons == ("not ranked: date line",) for s in dated)
    assert any(s.score > 0 and any(r.startswith("numbers") for r in s.reasons) for _, s in why)  # in a sentence


def _doc(name: str, *sections: tuple[str, tuple[str, ...]]) -> Document:
    return Document(name, name[0] * 64, 1, None, tuple(
        Section(f"s{k}", heading, str(k), heading.split(" ", 1)[1], 1, None, 1, paragraphs)
        for k, (heading, paragraphs) in enumerate(sections, 1)))


def test_text_moved_and_reworded_ranks_on_its_rewording_and_text_moved_as_it_was_does_not():
    from diffy.comparison.significance import rank

    kept = "Each side will then carry out the preparations that correspond to the level chosen by both."
    moved = "As the situation requires, the two Governments shall establish common standards for readiness."
    filler = ("The forces will meet twice a year to review training, exercises and the use of shared facilities "
              "in the light of experience.")
    old = _doc("a.md", ("1 Operations", (filler, moved, kept)), ("2 Standards", ("Standards are set jointly.",)))
    for reworded, expect in ((moved, 0), (moved.replace("shall", "may"), 1)):
        new = _doc("b.md", ("1 Operations", (filler,)), ("2 Standards", ("Standards are set jointly.", reworded, kept)))
        cmp = compare(old, new)
        moves = [c for p in cmp.pairs for c in p.changes if c.kind == "move"]
        assert moves, "the paragraphs should be found moved"
        ranked = [r for r in rank(cmp) if r.change.kind == "move"]
        assert len(ranked) == expect
        if expect:
            assert ranked[0].significance.reasons[:2] == ("moved and reworded", "modality: shall → may")


def test_a_term_renamed_throughout_ranks_once_and_keeps_its_score():
    from diffy.comparison.significance import assess_pair

    paragraphs = [f"Clause {k}: the operator ASE will file item {w} with the regulator each quarter."
                  for k, w in enumerate(("alpha", "beta", "gamma", "delta"), 1)]
    old = _doc("a.md", ("1 Duties", tuple(paragraphs)), ("2 Rights", ("Intellectual property stays with ASE.",
                                                                      "Intellectual property rules apply.",
                                                                      "Intellectual property is protected.")),
               ("3 Licence", tuple(f"Under this licence you may {v} the work." for v in ("copy", "share", "adapt"))))
    new = _doc("b.md", ("1 Duties", tuple(p.replace("ASE", "AEU").replace("each quarter", "every month")
                                          for p in paragraphs)),
               ("2 Rights", ("IP stays with AEU.", "IP rules apply.", "IP is protected.")),
               ("3 Licence", tuple(f"Under the Applicable licence you may {v} the work." for v in ("copy", "share",
                                                                                                   "adapt"))))
    cmp = compare(old, new)
    terms = Terms.for_comparison(cmp)
    renamed = [(c, s) for p in cmp.pairs for c, s in zip(p.changes, assess_pair(p, terms), strict=True)
               if any(r.startswith("renamed throughout") for r in s.reasons)]
    # the first of each; `IP` only spells out `intellectual property`, `this` → `the Applicable` is a small word
    assert {(c.old, c.new): [r for r in s.reasons if r.startswith("renamed")] for c, s in renamed} == {
        ("ASE", "AEU"): ["renamed throughout: 5 times"],
        ("each quarter", "every month"): ["renamed throughout: 4 times"]}
    assert not any("in its section" in r for _, s in renamed for r in s.reasons)  # not decayed with the section's
    # a name renamed (capitalised on both sides: who the document speaks of) weighs as a modality shift,
    # where a common term's renaming with the same party change would score 0.55
    assert next(s.score for c, s in renamed if c.old == "ASE") >= 0.8


def test_reasons_found_together_count_less_than_independent_evidence():
    from diffy.comparison.significance import FURTHER, WEIGHTS, Evidence, weigh

    both = weigh(Evidence((("modality", "modality: shall → may"), ("negation", "negation added")), None, 3, False))
    assert both.score == round(1 - (1 - WEIGHTS["modality"]) * (1 - WEIGHTS["negation"] * FURTHER), 4)
    assert both.reasons == ("modality: shall → may", "negation added")


def test_a_long_run_without_spaces_is_read_token_by_token():
    """A path-like run of 21,000 characters (a pasted blob, a long URL) is one token to test for a link,
    not a pattern to backtrack over: this returns at once (the old pattern took minutes)."""
    from diffy.comparison.quantities import numbers

    assert numbers("a/b" * 7000 + " within 5 days", [], lambda w: False) == ["5"]
    assert numbers("see example.org/a/b/c" + "/d" * 5000 + " for 12 sellers", [], lambda w: False) == ["12"]


def test_quantities_stay_quantities_beside_the_reference_rules():
    from diffy.comparison.quantities import numbers

    def nums(text: str) -> list[str]:
        return numbers(text, [], lambda w: False)

    assert nums("IN NO EVENT SHALL OUR LIABILITY EXCEED 100 DOLLARS") == ["100"]  # a clause in capitals
    assert nums("A fine of SEK 500") == ["500"]  # an amount, not a name and its number
    assert nums("under Section 12, 30 days before") == ["30"]  # the reference ends at its own number
    assert nums("as set out in Annex 2 and 50 euros") == ["50"]
    assert nums("due by 12/31/2020") == ["12", "31", "2020"]  # a date, not a link
    assert nums("$5m within 72h") == ["$5", "72"]
    assert nums("100-250 employees") == ["100", "250"] and nums("1,000-5,000 people") == ["1,000", "5,000"]
    assert nums("the FY2025 budget") == ["FY2025"]
    assert nums("Sections 3, 4 and 5.") == [] and nums("CCS CSC 3, 10") == []
    # a list label inside a paragraph (a list read as one) is numbering, a number ending a sentence is not
    assert nums("identity documents. 2. Information about someone's health within 30 days") == ["30"]
    assert nums("do not post content that: 1. Depicts violence") == []
    assert nums("Fees rose by 12. The board agreed.") == ["12"]
    assert numbers("4. Evading rate limits", [], lambda w: False, "the network. ") == []
    # the numbers of a postal address name a place; a year before capitals still counts
    assert nums("Keizersgracht 62, 1015CS") == nums("Looiersgracht 43, 1016 VR Amsterdam") == []
    assert nums("Reddit, Inc., 548 Market Street, Suite 16093, San Francisco, CA 94104") == []
    assert nums("548 Market Street, #16093, San Francisco") == [] and nums("our #1 goal") == ["1"]
    assert nums("In 2019 EU regulators met 3 times") == ["2019", "3"]


def test_a_deadline_or_a_named_decision_is_no_date_line():
    from diffy.comparison.unranked import _date_line

    for text in ("- Phase out coal by December 2030.", "Deadline: 30 June 2020", "The programme ends in May 2025.",
                 "All vehicles electric by January 2030", "Commission Decision 2019/1937",
                 "Universal Declaration 1948", "This offer expires on 31 December 2024."):
        assert not _date_line(text, text), text
        when = re.search(r"\d{1,2} \w+ \d{4}|\w+ \d{4}", text)
        assert not _date_line(text, when.group() if when else text), text  # only its date changed
    for text in ("Tessaly, 14 October 1998", "Washington, DC, April 27, 2015", "Version 1.1 April 16, 2018",
                 "Effective July 1, 2026. Last Revised May 26, 2026", "Published: 2023-08-25"):
        assert _date_line(text), text


def test_a_moved_list_item_renumbered_is_moved_as_it_was():
    from diffy.comparison.diff import Change

    moved = "the two Governments shall establish common standards for readiness."
    same = assess(Change("m", "move", f"3. The {moved}", f"1. The {moved}", 0, 0, "a", "b"), Terms())
    assert same.score == 0
    edited = assess(Change("m", "move", f"3. The {moved}", f"1. The {moved.replace('shall', 'may')}", 0, 0, "a", "b"),
                    Terms())
    assert edited.reasons[:2] == ("moved and reworded", "modality: shall → may")


def test_a_party_written_in_lower_case_elsewhere_is_still_a_party_inside_a_sentence():
    from collections import Counter

    from diffy.comparison.significance import Vocabulary, _actors

    terms = Terms(vocabulary=Vocabulary(Counter(), Counter(), 1, 1, frozenset({"council", "should"})))
    assert _actors("decided by the Council", terms) == {"Council"}
    assert _actors("Should the Council decide. Council members vote", terms) == {"Council"}


def test_an_undertaking_replaced_after_a_modal_ranks_and_plainer_words_do_not():
    """What a party is to do changes when the words after its modal verb are replaced (`will conduct
    studies on` → `will prepare`); `utilize` → `use` says the same in plainer words."""
    old = _doc("a.md", ("1 Planning", ("The two forces will conduct studies on a bilateral plan.",
                                       "Exercises will be conducted as appropriate.",
                                       "The Council reviews the studies each year.")),
               ("2 Tools", ("Operators should utilize the register.", "Inspectors should utilize the log.",
                            "As the network grows, our policies will evolve as well.")))
    new = _doc("b.md", ("1 Planning", ("The two forces will prepare a bilateral plan.",
                                       "Exercises will be enhanced.",
                                       "The Council assesses the studies each year.")),
               ("2 Tools", ("Operators should use the register.", "Inspectors should use the log.",
                            "As the network grows, our policies will, too.")))
    cmp = compare(old, new)
    terms = Terms.for_comparison(cmp)
    reasons = {(c.old, c.new): s.reasons for p in cmp.pairs for c in p.changes
               for s in [assess(c, terms, p)]}
    assert "undertaking: conduct studies on → prepare" in reasons[("conduct studies on", "prepare")]
    assert "undertaking: conducted as appropriate → enhanced" in reasons[("conducted as appropriate", "enhanced")]
    assert assess(next(c for p in cmp.pairs for c in p.changes if c.new == "prepare"), terms,
                  cmp.pairs[0]).score >= FLAG
    # no modal before it; plainer words (made twice, too); punctuation after a modal: no undertaking
    assert not any(r.startswith("undertaking") for r in reasons[("reviews", "assesses")])
    assert not any(r.startswith("undertaking") for (o, n), rs in reasons.items() if o == "utilize" for r in rs)
    assert not any(r.startswith("undertaking") for r in reasons[("evolve as well", ", too")])
    assert [c.new for p in cmp.pairs for c in p.changes if c.old == "utilize"] == ["use", "use"]
    # a modal replaced is modality, not an undertaking
    assert not any(r.startswith("undertaking") for r in one("It will inspect.", "It may inspect.").reasons)


def test_a_renaming_with_an_article_or_in_the_plural_is_the_same_renaming():
    from diffy.comparison.significance import assess_pair

    lines = ("A Connector may read files.", "Connectors run in the cloud.", "Each Connector is listed.",
             "Disable a Connector at any time.")
    old = _doc("a.md", ("1 Apps", lines))
    new = _doc("b.md", ("1 Apps", tuple(ln.replace("A Connector", "An App").replace("a Connector", "an App")
                                         .replace("Connector", "App") for ln in lines)))
    cmp = compare(old, new)
    terms = Terms.for_comparison(cmp)
    renamed = [r for p in cmp.pairs for s in assess_pair(p, terms) for r in s.reasons if r.startswith("renamed")]
    assert {(c.old, c.new) for p in cmp.pairs for c in p.changes} == {
        ("A Connector", "An App"), ("Connectors", "Apps"), ("Connector", "App"), ("a Connector", "an App")}
    assert renamed == ["renamed throughout: 4 times"]


def test_a_date_line_whose_date_moved_elsewhere_never_ranks():
    """`Effective: April 29, 2025 (previous version)` → `(Previous version)`, the new date on a line of
    its own: what is left of the old date line is no change of wording; a version line without a date
    stays ranked on its numbers."""
    old = _doc("a.md", ("1 Terms", ("Effective: April 29, 2025 (previous version)", "You may cancel at any time.")))
    new = _doc("b.md", ("1 Terms", ("January 16, 2026", "(Previous version)", "You may cancel within 30 days.")))
    cmp = compare(old, new)
    terms = Terms.for_comparison(cmp)
    reasons = {(c.old, c.new): assess(c, terms, p).reasons for p in cmp.pairs for c in p.changes}
    dated = [rs for (o, n), rs in reasons.items() if "April" in o or "January" in n]
    assert dated and all(rs == ("not ranked: date line",) for rs in dated), reasons
    assert any(r.startswith("numbers") for (o, n), rs in reasons.items() if "30 days" in n for r in rs)
    undated = compare(_doc("a.md", ("1 Terms", ("Version 2",))), _doc("b.md", ("1 Terms", ("Version 3",))))
    [(p, c)] = [(p, c) for p in undated.pairs for c in p.changes]
    assert not any(r.startswith("not ranked") for r in assess(c, Terms.for_comparison(undated), p).reasons)


def test_a_change_of_the_company_a_text_names_is_a_legal_entity_change():
    old = _doc("a.md", ("1 Parties", ("These Terms are an agreement between you and OpenAI, L.L.C. and its "
                                      "affiliates.",
                                      "Payments go to Acme, L.L.C. each month.")))
    new = _doc("b.md", ("1 Parties", ("These Terms are an agreement between you and OpenAI OpCo, LLC and its "
                                      "affiliates.",
                                      "Payments go to Acme, LLC each month.")))
    cmp = compare(old, new)
    terms = Terms.for_comparison(cmp)
    reasons = {(c.old, c.new): assess(c, terms, p).reasons for p in cmp.pairs for c in p.changes}
    entity = [r for rs in reasons.values() for r in rs if r.startswith("legal entity")]
    assert entity == ["legal entity: OpenAI → OpenAI OpCo"], reasons
    assert ("L.L.C.", "LLC") in reasons  # Acme's form written another way: a change, but no entity changed


def _pair_changes(old: tuple[str, ...], new: tuple[str, ...]) -> list[tuple[str, str, tuple[str, ...], float]]:
    cmp = compare(_doc("a.md", ("1 Terms", old)), _doc("b.md", ("1 Terms", new)))
    terms = Terms.for_comparison(cmp)
    return [(c.old, c.new, s.reasons, s.score) for p in cmp.pairs for c in p.changes for s in [assess(c, terms, p)]]


def test_review_findings_on_the_undertaking_entity_address_and_date_rules():
    from diffy.comparison.entities import _ENTITY
    from diffy.comparison.quantities import numbers

    def nums(text: str) -> list[str]:
        return numbers(text, [], lambda w: False)

    def reasons(old: tuple[str, ...], new: tuple[str, ...], prefix: str) -> list[str]:
        return [r for _, _, rs, _ in _pair_changes(old, new) for r in rs if r.startswith(prefix)]

    # numbers that are quantities, beside the address and label rules
    assert nums("We will notify you via email at least 30 days before") == ["30"]
    assert nums("up to 1000GB of storage") == ["1000"] and nums("3 Supreme Court judges") == ["3"]
    assert nums("Minimum age: 13. Younger users need consent") == ["13"]
    assert nums("Via Roma 12, Milano") == nums("rue de la Paix 5, Paris") == []
    assert nums("In 2018, 2019 EU regulators met") == ["2018", "2019"]
    # read with the words after the change: a house number, a postcode, a list's first label
    assert reasons(("Write to us at 548 Market Street, San Francisco.", "Our office: Keizersgracht 62, 1015CS.",
                    "Do not post content that: Shows gore."),
                   ("Write to us at 550 Market Street, San Francisco.", "Our office: Keizersgracht 62, 1016CS.",
                    "Do not post content that: 1. Shows gore."), "numbers") == []
    # the company named changes where only the name is replaced; not where a window cut a name,
    # nor where the legal form is only written another way
    assert reasons(("These Terms are between you and Facebook, Inc. and govern use.",
                    "Services are provided by Northwind Trading Company Ltd, established in Leeds, and you agree.",
                    "Invoices come from Acme Limited each month."),
                   ("These Terms are between you and Meta Platforms, Inc. and govern use.",
                    "Services are provided by Northwind Trading Company Ltd, based in Leeds, and you consent.",
                    "Invoices come from Acme Ltd each month."), "legal entity") == [
        "legal entity: Facebook → Meta Platforms"]
    assert reasons(("Google Inc. provides the service.",), ("Google LLC provides the service.",),
                   "legal entity") == ["legal entity: Google Inc → Google LLC"]
    # the word opening a sentence is no part of a name where the documents write it in lower case, nor
    # is a small word; a name with a small word inside is none; AB before a number is a bill, not a form
    assert reasons(("Contact Acme Inc. for help.", "You may contact us by email."),
                   ("Email Acme Inc. for help.", "You may contact us by email."), "legal entity") == []
    assert reasons(("The Walt Disney Company Inc. owns it.",), ("The Fox Corporation Inc. owns it.",),
                   "legal entity") == ["legal entity: Walt Disney Company → Fox Corporation"]
    assert reasons(("Our Liability Is Limited here.",), ("Our Liability Is Capped here.",), "legal entity") == []
    assert reasons(("As California AB 375 requires.",), ("As California AB 1355 requires.",), "legal entity") == []
    assert reasons(("The wind farm is run by Ørsted A/S under licence.",),
                   ("The wind farm is run by Equinor ASA under licence.",), "legal entity") == [
        "legal entity: Ørsted → Equinor"]
    # set in emphasis and followed by its address, as a markdown page prints it
    assert reasons(("_OpenAI, L.L.C._ 1455 3rd Street, San Francisco",),
                   ("_OpenAI OpCo, LLC_ 1455 3rd Street, San Francisco",), "legal entity") == [
        "legal entity: OpenAI → OpenAI OpCo"]
    # a run of capitals is searched from word starts only: this returns at once (it took 13 s before)
    assert _ENTITY.findall("A" * 20000 + " " + "THE-SOFTWARE-IS-PROVIDED-" * 800 + " " + "_A" * 5000) == []
    # undertakings: plainer words or a spelling are none, `May` the month is no modal, an adverb after the
    # modal is passed over, and the first of two equal replacements stands for both
    assert reasons(("Staff should utilize the portal.",), ("Staff should use the portal.",), "undertaking") == []
    assert reasons(("We will supply goods.", "We will store your data."), ("We will supply services.",
                                                                          "We will share your data."),
                   "undertaking") == ["undertaking: store → share"]  # `supply` is no adverb; `store` no respelling
    assert reasons(("Members shall recieve the report.", "It opens in May next year.",
                    "We will promptly notify you of a breach.", "We may share your data.",
                    "In short, we may share your data."),
                   ("Members shall receive the report.", "It opens in May this year.",
                    "We will promptly conceal a breach.", "We may sell your data.",
                    "In short, we may sell your data."), "undertaking") == [
        "undertaking: notify you of → conceal", "undertaking: share → sell"]
    # a status put where a date line was is a change
    [(_, _, why, _)] = _pair_changes(("Effective: April 29, 2025", "Fees apply."), ("Draft version", "Fees apply."))
    assert why != ("not ranked: date line",)
    # a common term renamed is no name, though its first use opens a sentence
    lines = ("Users may post.", "Each user can vote.", "A user may leave.", "Every user may report.")
    got = _pair_changes(lines, tuple(ln.replace("Users", "Customers").replace("user", "customer") for ln in lines))
    [score] = [sc for _, _, rs, sc in got if any(r.startswith("renamed") for r in rs)]
    assert score < 0.8


def test_a_signing_line_whose_date_or_signing_word_changed_never_ranks():
    got = _pair_changes(("Approved by the Joint Security Council at Tessaly, 27 November 1979",
                         "Final version adopted by the Board, 3 March 2024"),
                        ("Issued by the Joint Security Council at Tessaly, 14 October 1998",
                         "Draft version adopted by the Board, 3 March 2024"))
    why = {(o, n): rs for o, n, rs, _ in got}
    assert why[("Approved", "Issued")] == why[("27 November 1979", "14 October 1998")] == ("not ranked: date line",)
    assert why[("Final", "Draft")] != ("not ranked: date line",)  # a status changed
