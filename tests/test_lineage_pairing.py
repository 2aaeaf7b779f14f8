"""Two versions of one series that are not neighbours are paired with the series' lineage as evidence
(`diffy.series.evidence`); two documents that are not in one series are compared exactly as before."""

from __future__ import annotations

import json
import shutil

from textual.widgets import Static

from diffy.cli import main
from diffy.comparison.compare import Stop, Trace, compare
from diffy.series import history
from diffy.series.evidence import chain, span
from diffy.tui.app import DiffyApp
from diffy.tui.screen import ComparisonScreen
from tests.conftest import ROOT, parsed
from tests.test_tui import settle, visible_text

SERIES = ROOT / "documents" / "meridian"
OLD, MID, NEW = (str(SERIES / f"{v}.pdf") for v in ("1979", "1998", "2016"))
PAIR_KEYS = {"old", "new", "old_id", "new_id", "relation", "similarity", "changes"}


def diff_json(capsys, *args: str) -> dict:
    assert main(["diff", *args, "--format", "json"]) == 1
    return json.loads(capsys.readouterr().out)


def pairs_of(data: dict, old_start: str, new_start: str) -> list[dict]:
    return [p for p in data["pairs"] if (p["old"] or "").startswith(old_start)
            and (p["new"] or "").startswith(new_start)]


def test_1979_to_2016_pairs_iii_with_iv_b_through_1998_v(capsys):
    data = diff_json(capsys, OLD, NEW)
    assert data["schema"] == "diffy.comparison/1" and data["through"] == ["1998"]
    assert all(PAIR_KEYS <= p.keys() for p in data["pairs"])  # the contract's fields, "via" only added
    (pair,) = pairs_of(data, "III. Meridian–Caldera Cooperation", "B. Responses to Emerging Threats")
    assert pair["relation"] == "split" and pair["changes"]
    assert [s["version"] for s in pair["via"]] == ["1998"]
    assert pair["via"][0]["heading"].startswith("V. Cooperation in Situations in Areas Surrounding Caldera")
    new_ids = {s["id"]: s for s in _parse(capsys, NEW)["sections"]}
    assert new_ids[new_ids[pair["new_id"]]["parent"]]["number"] == "IV"  # B. is IV.B
    # 1979 III is no longer reported removed, nor 2016 IV.B added
    assert not pairs_of(data, "III. Meridian", "") or all(p["new"] for p in pairs_of(data, "III. Meridian", ""))
    assert not any(p["old"] is None and p["new"].startswith("B. Responses") for p in data["pairs"] if p["new"])


def _parse(capsys, path: str) -> dict:
    assert main(["parse", path, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_no_lineage_and_the_text_header(capsys):
    alone = diff_json(capsys, OLD, NEW, "--no-lineage")
    assert "through" not in alone and not any("via" in p for p in alone["pairs"])
    assert any(p["old"] and p["old"].startswith("III. Meridian") and p["new"] is None for p in alone["pairs"])
    assert main(["diff", OLD, NEW]) == 1
    text = capsys.readouterr().out
    assert "paired with its lineage through 1998" in text
    line = next(x for x in text.splitlines() if x.startswith("@@") and "B. Responses to Emerging" in x)
    assert "III. Meridian" in line and "via 1998 V. Cooperation in Situations" in line


def test_documents_not_in_one_series_are_compared_exactly_as_before(tmp_path, capsys):
    apart = [tmp_path / "a" / "1979.pdf", tmp_path / "b" / "2016.pdf"]  # two folders
    renderings = tmp_path / "r"  # renderings of each version: a repeated version, not a series
    for path, source in ((apart[0], OLD), (apart[1], NEW)):
        path.parent.mkdir()
        shutil.copy(source, path)
    renderings.mkdir()
    for v, source in (("1979", OLD), ("1998", MID), ("2016", NEW)):
        for layout in ("plain", "mono"):
            shutil.copy(source, renderings / f"{v}.{layout}.pdf")
    cases = [apart, [renderings / "1979.plain.pdf", renderings / "2016.plain.pdf"],
             [SERIES / "1979.pdf", SERIES / "1998.pdf"]]  # neighbours in a series: nothing between
    for old, new in cases:
        assert span(old, new) is None
        got = diff_json(capsys, str(old), str(new))
        assert "through" not in got and got == diff_json(capsys, str(old), str(new), "--no-lineage")
    # and as the comparison of the two alone, pair for pair
    direct = compare(parsed(OLD), parsed(NEW))
    got = diff_json(capsys, str(apart[0]), str(apart[1]))
    assert [(p["old_id"], p["new_id"], p["relation"]) for p in got["pairs"]] == [
        (p.old.id if p.old else None, p.new.id if p.new else None, p.relation) for p in direct.pairs]


def test_a_folder_is_a_series_by_its_metadata_or_by_names_that_each_give_a_version(tmp_path):
    for name in ("2019-01-10.md", "2021-07-15.md", "2024-05-01.md", "notes.md"):
        (tmp_path / name).write_text("# T\n\n## 1 A\n\nText.\n", encoding="utf-8")
    assert span(tmp_path / "2019-01-10.md", tmp_path / "2024-05-01.md") is None  # notes.md names no version
    (tmp_path / "notes.md").unlink()
    versions = span(tmp_path / "2019-01-10.md", tmp_path / "2024-05-01.md")
    assert [v.label for v in versions] == ["2019-01-10", "2021-07-15", "2024-05-01"]
    backwards = span(tmp_path / "2024-05-01.md", tmp_path / "2019-01-10.md")
    assert [v.label for v in backwards] == ["2024-05-01", "2021-07-15", "2019-01-10"]
    assert span(tmp_path / "2019-01-10.md", tmp_path / "2021-07-15.md") is None  # neighbours
    assert [v.label for v in span(SERIES / "2016.pdf", SERIES / "1979.pdf")] == ["2016", "1998", "1979"]


def test_the_lineage_fills_gaps_only_where_the_text_agrees():
    old, mid, new = parsed(OLD), parsed(MID), parsed(NEW)
    traced = chain([old, mid, new], ["1998"])
    heads = {s.id: s.heading for s in (*old.sections, *new.sections)}
    named = {(heads[t.old_id], heads[t.new_id]) for t in traced}
    by_lineage = {(p.old.heading, p.new.heading) for p in compare(old, new, traces=traced).pairs if p.via}
    direct = {(p.old.heading, p.new.heading) for p in compare(old, new).pairs if p.old and p.new}

    def find(pairs, a: str, b: str) -> bool:
        return any(x and y and x.startswith(a) and y.startswith(b) for x, y in pairs)

    # chained through 1998 3. (a split there): the 2016 part holds only text 1998 added, shares nothing
    assert find(named, "2. Bilateral Exercises", "C. Educational") and not find(by_lineage, "2. Bilateral", "C.")
    # chained through 1998 4. (a merge, then a split): both ends already paired by their own text
    assert find(named, "(2) Command", "4. Operational Support") and find(direct, "(2) Command", "B. Enhanced")
    assert not find(by_lineage, "(2) Command", "4. Operational")
    # what content left unpaired and the text supports is made
    assert find(by_lineage, "I. Posture for Deterrence", "A. Cooperative Measures from Peacetime")
    assert not (by_lineage & direct)


def test_a_reader_s_correction_wins_over_the_lineage():
    from diffy.comparison.compare import Overrides

    old, mid, new = parsed(OLD), parsed(MID), parsed(NEW)
    traced = chain([old, mid, new], ["1998"])
    made = next(p for p in compare(old, new, traces=traced).pairs if p.via)
    undo = Overrides(unpair=((made.old.id, made.new.id),))
    cmp = compare(old, new, undo, traced)
    assert not any(p.old and p.new and (p.old.id, p.new.id) == (made.old.id, made.new.id) for p in cmp.pairs)


def test_a_trace_naming_sections_the_documents_lack_is_ignored():
    old, new = parsed(OLD), parsed(NEW)
    stray = (Trace("no-such-old", new.sections[1].id, (Stop("1998", "X"),)),)
    assert [(p.old, p.new, p.relation) for p in compare(old, new, traces=stray).pairs] == [
        (p.old, p.new, p.relation) for p in compare(old, new).pairs]


def test_the_series_view_opens_1979_to_2016_as_diff_pairs_it():
    series = history.read(SERIES, lambda k, v: parsed(str(v.path)))
    ends = series.compare(0, 2)
    made = {(p.old.id, p.new.id) for p in ends.pairs if p.via}
    by_cli = compare(series.documents[0], series.documents[2],
                     traces=chain(series.documents, ["1998"]))
    assert made == {(p.old.id, p.new.id) for p in by_cli.pairs if p.via} and made
    assert ends.through == ("1998",)


async def test_compare_ui_names_the_lineage_in_its_headers():
    app = DiffyApp(SERIES / "1979.pdf", SERIES / "2016.pdf")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ComparisonScreen) and app.screen.pair_index is not None,
                     timeout=60)
        screen = app.screen
        assert "through 1998" in str(screen.query_one("#title-bar", Static).render())
        k = next(i for i, p in enumerate(screen.cmp.pairs)
                 if p.via and (p.old.heading or "").startswith("III.") and (p.new.heading or "").startswith("B. Resp"))
        screen.reveal(k)
        await settle(pilot, lambda: screen.pair_index == k)
        assert "via 1998 V. Cooperation in Situations" in visible_text(app)
