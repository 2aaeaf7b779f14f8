"""The comparison rules on version pairs generated for them: containers pair by their children,
numbering style is not content, heavy rewrites pair, tables compare as tables, changes are
sentence-true."""

from __future__ import annotations

import json

from diffy.cli import main
from diffy.comparison.compare import compare
from diffy.ingest import load_document
from tests.test_align import TEXTS, relations


def write(tmp_path, name: str, body: str) -> str:
    path = tmp_path / name
    path.write_text(f"# Transport Regulation\n\n{body.strip()}\n", encoding="utf-8")
    return str(path)


def cmp_of(tmp_path, old: str, new: str):
    return compare(load_document(write(tmp_path, "old.md", old)), load_document(write(tmp_path, "new.md", new)))


def test_a_renamed_container_pairs_through_its_subsections(tmp_path):
    old = f"""
## Part I General Provisions

### Article 1 Scope

{TEXTS["scope"]}

## Part II Obligations of Operators

### Article 2 Records

{TEXTS["records"]}

### Article 3 Fees

{TEXTS["fees"]}
"""
    new = old.replace("Part II Obligations of Operators", "Part II Duties of Carriers")
    got = relations(cmp_of(tmp_path, old, new))
    assert ("Part II Obligations of Operators", "Part II Duties of Carriers", "renamed") in got
    assert ("Article 2 Records", "Article 2 Records", "same") in got  # not moved: their parents pair
    assert ("Article 3 Fees", "Article 3 Fees", "same") in got
    assert not any(r in ("added", "removed") for _, _, r in got)


def test_a_container_does_not_pair_with_a_section_holding_none_of_its_children(tmp_path):
    old = f"""
## Part I General

### Article 1 Scope

{TEXTS["scope"]}

## Part II Operators

### Article 2 Records

{TEXTS["records"]}
"""
    new = f"""
## Part I General

### Article 1 Scope

{TEXTS["scope"]}

### Article 2 Records

{TEXTS["records"]}

## Part II Research Grants

### Article 3 Grants

Universities may apply for grants that fund research into safer containers for hazardous cargo.
"""
    got = relations(cmp_of(tmp_path, old, new))
    assert ("Part II Operators", None, "removed") in got
    assert (None, "Part II Research Grants", "added") in got


def test_a_numbering_style_switch_alone_is_no_change(tmp_path):
    styles = [("1", "1."), ("2.", "2.0"), ("III.", "Section 3"), ("Section 4", "§ 4"), ("5", "Article 5 –")]
    names = ["Scope", "Authorities", "Records", "Reports", "Appeals"]
    bodies = [TEXTS[k] for k in ("scope", "duties", "records", "reports", "appeals")]
    old = "\n\n".join(f"## {a} {t}\n\n{b}" for (a, _), t, b in zip(styles, names, bodies, strict=True))
    new = "\n\n".join(f"## {n} {t}\n\n{b}" for (_, n), t, b in zip(styles, names, bodies, strict=True))
    cmp = cmp_of(tmp_path, old, new)
    assert [p.relation for p in cmp.pairs] == ["same"] * 5
    assert not cmp.changed


def test_a_heavily_rewritten_section_under_its_title_pairs_and_unrelated_ones_do_not(tmp_path):
    old = f"""
## 1 Scope

{TEXTS["scope"]}

## 2 Enforcement

Where an operator fails to keep the required records, the national authority may suspend its licence
until the omission has been remedied and may impose a fine proportionate to the gravity of the breach.

A suspended operator may ask the national authority to review the suspension, and the authority shall
decide on that request within thirty days of receiving it.

## 3 Fees

{TEXTS["fees"]}
"""
    new = f"""
## 1 Scope

{TEXTS["scope"]}

## 2 Enforcement

Inspectors of the national authority can enter an operator's premises at any reasonable hour. An
operator whose records are incomplete loses its licence for as long as the breach lasts, and pays a
fine set by the authority.

Operators can contest a suspension before the authority, which has one month to answer.

## 3 Research Grants

Universities may apply for grants that fund research into safer containers for hazardous cargo,
awarded each spring by a panel of independent experts.
"""
    got = relations(cmp_of(tmp_path, old, new))
    assert ("2 Enforcement", "2 Enforcement", "edited") in got
    assert ("3 Fees", None, "removed") in got
    assert (None, "3 Research Grants", "added") in got


TABLE_OLD = """
## 1 Tariffs

The tariffs below apply from the first day of the year.

| Code | Goods | Duty |
|---|---|---|
| T-1 | Crude oil in bulk | 2 % |
| T-2 | Refined fuels | 3 % |
| T-3 | Liquefied gas | 4 % |
| T-4 | Chemicals in drums | 5 % |
"""

TABLE_NEW = """
## 1 Tariffs

The tariffs below apply from the first day of the year.

| Code | Goods | Duty |
|---|---|---|
| T-1 | Crude oil in bulk | 2 % |
| T-3 | Liquefied gas | 4 % |
| T-2 | Refined fuels | 3 % |
| T-4 | Chemicals in drums | 6 % |
| T-5 | Batteries | 1 % |
"""


def test_a_table_compares_as_rows_and_cells(tmp_path):
    cmp = cmp_of(tmp_path, TABLE_OLD, TABLE_NEW)
    [pair] = [p for p in cmp.pairs if p.changes]
    got = {(c.kind, c.row, c.column, c.column_name, c.old, c.new) for c in pair.changes}
    assert ("replace", "T-4", 3, "Duty", "5", "6") in got  # a changed cell, named by row and column
    assert ("insert", "T-5", None, None, "", "T-5 | Batteries | 1 %") in got  # an added row
    moved = sorted(c.row for c in pair.changes if c.kind == "move")
    assert moved == ["T-2", "T-3"]  # two rows swapped: both moved
    assert len(pair.changes) == 4  # nothing else: no separators, no cell re-read as changed


def test_table_layout_is_not_a_change(tmp_path):
    # the same rows with bullets, wider spacing, empty columns, and a cell wrapped over two printed rows
    old = "## 1 Tariffs\n\n| Code | Goods | Duty |\n|---|---|---|\n| T-1 | Crude oil in bulk | 2 % |\n" \
          "| T-2 | • Refined fuels | 3 % |\n"
    new = "## 1 Tariffs\n\n| Code | Goods | | Duty |\n|---|---|---|---|\n| T-1 | Crude oil | | 2 % |\n" \
          "| | in bulk | | |\n| T-2 |   Refined   fuels | | 3 % |\n"
    cmp = cmp_of(tmp_path, old, new)
    assert [c for p in cmp.pairs for c in p.changes] == []


def test_table_changes_in_json_text_and_markdown_name_row_and_column(tmp_path, capsys):
    a, b = write(tmp_path, "a.md", TABLE_OLD), write(tmp_path, "b.md", TABLE_NEW)
    assert main(["diff", a, b, "--format", "json"]) == 1
    changes = [c for p in json.loads(capsys.readouterr().out)["pairs"] for c in p["changes"]]
    cell = next(c for c in changes if c["kind"] == "replace")
    assert (cell["row"], cell["column"], cell["column_name"]) == ("T-4", 3, "Duty")
    added = next(c for c in changes if c["kind"] == "insert")
    assert added["row"] == "T-5" and "column" not in added
    prose = [c for c in changes if "row" not in c]
    assert prose == []
    assert main(["diff", a, b]) == 1
    text = capsys.readouterr().out
    assert 'row "T-4", column 3 (Duty): [-5-] {+6+}' in text
    assert 'row "T-5" added: T-5 | Batteries | 1 %' in text
    assert 'row "T-2" moved' in text
    assert main(["diff", a, b, "--format", "markdown"]) == 1
    md = capsys.readouterr().out
    assert 'row “T-4”, column 3 \\(Duty\\): ~~5~~ **6** %' in md  # parentheses escaped, as all text is
    assert main(["export", a, b, "-o", str(tmp_path / "table.md")]) == 0  # gfm: the rows as a table
    table = (tmp_path / "table.md").read_text(encoding="utf-8")
    assert "| T-4 | T-4 |" in table and "~~5~~ <ins>6</ins> %" in table
    assert "| T-5 | <ins>T-5</ins> | <ins>Batteries</ins> | <ins>1 %</ins> |" in table
    assert main(["export", a, b, "-o", str(tmp_path / "out.md"), "--style", "critic"]) == 0
    exported = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert '- row “T-4”, column 3 \\(Duty\\): {~~5~>6~~} %' in exported
    assert '- row “T-5” added: {++T-5 \\| Batteries \\| 1 %++}' in exported
    assert '- row “T-2” moved' in exported


def test_an_unchanged_sentence_between_two_edits_stays_outside_the_changes(tmp_path):
    kept = "The Guidelines further describe, in general terms, how responsibilities are to be shared."
    old = (f"## 1 Aim\n\nThe two countries shall consult each other in situations in areas surrounding "
           f"Caldera that affect its security. {kept} Cooperation will be limited to the forms listed "
           "in the Annex and will be reviewed every five years.\n")
    new = (f"## 1 Aim\n\nThe two countries will coordinate closely in any situation, anywhere in the "
           f"world, that affects the peace and security of either. {kept} Cooperation takes whatever "
           "form each situation requires and is reviewed as the alliance sees fit.\n")
    cmp = cmp_of(tmp_path, old, new)
    changes = [c for p in cmp.pairs for c in p.changes]
    assert len(changes) >= 2
    assert not any("further describe" in c.old or "further describe" in c.new for c in changes)


def test_paragraphs_are_diffed_with_their_counterparts(tmp_path):
    # a paragraph inserted before an edited one: the edit is a small change, the new paragraph an insertion
    p1 = TEXTS["duties"]
    p2 = TEXTS["records"]
    old = f"## 1 Duties\n\n{p1}\n\n{p2}\n"
    new = f"## 1 Duties\n\n{TEXTS['appeals']}\n\n{p1.replace('without delay', 'within a month')}\n\n{p2}\n"
    [pair] = [p for p in cmp_of(tmp_path, old, new).pairs if p.changes]
    got = [(c.kind, c.old, c.new) for c in pair.changes]
    assert got == [("insert", "", TEXTS["appeals"]), ("replace", "without delay", "within a month")]


def test_a_paragraph_moved_within_its_section_is_a_move(tmp_path):
    old = f"## 1 Duties\n\n{TEXTS['duties']}\n\n{TEXTS['records']}\n\n{TEXTS['reports']}\n"
    new = f"## 1 Duties\n\n{TEXTS['records']}\n\n{TEXTS['reports']}\n\n{TEXTS['duties']}\n"
    cmp = cmp_of(tmp_path, old, new)
    [pair] = [p for p in cmp.pairs if p.changes]
    assert [(c.kind, c.old) for c in pair.changes] == [("move", TEXTS["duties"])]
    assert cmp.summary()["words_deleted"] == cmp.summary()["words_inserted"] == 0


def test_a_paragraph_moved_within_its_section_shows_where_it_was_and_where_it_is(tmp_path):
    from diffy.comparison.pairview import ASIDE, MOVED_IN, build_rows

    old = f"## 1 Duties\n\n{TEXTS['duties']}\n\n{TEXTS['records']}\n\n{TEXTS['reports']}\n"
    edited = TEXTS["duties"].replace("without delay", "at once")
    new = f"## 1 Duties\n\n{TEXTS['records']}\n\n{TEXTS['reports']}\n\n{edited}\n"
    [pair] = [p for p in cmp_of(tmp_path, old, new).pairs if p.changes]
    [move] = pair.changes  # one move, its text as it was and as it is, as between sections
    assert (move.kind, move.old, move.new) == ("move", TEXTS["duties"], edited)
    rows = build_rows(pair)
    assert [(r.old is not None, r.new is not None) for r in rows] == [(True, False), (True, True), (True, True),
                                                                    (False, True)]
    assert rows[0].old[0].kind == ASIDE and rows[0].old[0].note == "moved within this section"
    assert rows[-1].new[0].kind == MOVED_IN and rows[-1].new[0].change == move.id


def test_a_word_split_or_joined_by_a_space_is_no_change(tmp_path):
    # one version prints a space inside a word or around a hyphen (`localeS election`, `SI - 4`)
    old = tmp_path / "old.md"
    new = tmp_path / "new.md"
    old.write_text("# T\n\n## 1 Scope\n\nSee https://x.example/help?localeSelection=en and control SI-4 now.\n\n"
                   "## 2 Fees\n\nFees are due in thirty days.\n", encoding="utf-8")
    new.write_text("# T\n\n## 1 Scope\n\nSee https://x.example/help?localeS election=en and control SI - 4 now.\n\n"
                   "## 2 Fees\n\nFees are due in fourteen days.\n", encoding="utf-8")
    cmp = compare(load_document(old), load_document(new))
    scope, fees = cmp.pairs
    assert scope.relation == "same" and not scope.changes
    assert [(c.old, c.new) for c in fees.changes] == [("thirty", "fourteen")]


def test_two_paragraphs_printed_as_one_the_first_rewritten_diff_against_each_other(tmp_path):
    """A paragraph break lost (as at a page's end) between a rewritten paragraph and the next: the
    rewritten one is diffed against its new wording inside the joined paragraph, not removed beside it."""
    first = ("A bilateral coordination mechanism, set up in advance under normal circumstances and bringing "
             "together the relevant agencies of both countries, will be used to coordinate the activities of "
             "the two Governments in the event of an armed attack. The mechanism will be activated only when "
             "such an attack is imminent or has occurred.")
    rewritten = ("The two Governments will establish a standing coordination framework, in place of the bilateral "
                 "coordination mechanism, involving the relevant agencies of both countries. The framework will "
                 "be available from peacetime and will be used to coordinate the activities of the two "
                 "Governments in any situation that bears on their security.")
    second = ("Procedures for the operation of the mechanism, including the designation of its members and the "
              "location of its coordination centers, will be agreed in advance by the two Governments.")
    old = f"## 1 Coordination\n\n{first}\n\n{second}\n"
    new = f"## 1 Coordination\n\n{rewritten} {second.replace('the mechanism', 'the framework')}\n"
    [pair] = [p for p in cmp_of(tmp_path, old, new).pairs if p.changes]
    # replaced where it stood, not a passage removed and another added
    assert not [c for c in pair.changes if c.kind in ("delete", "insert") and len((c.old or c.new).split()) >= 10]
    assert any(c.kind == "replace" and "activated" in c.old for c in pair.changes)
    assert any(c.kind == "replace" and "standing coordination framework" in c.new for c in pair.changes)
