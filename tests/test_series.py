"""`diffy series`: clause lineage across the bundled 1979 → 1998 → 2016 series."""

from __future__ import annotations

import json
import re

from diffy.cli import main
from diffy.series import read_series
from tests.conftest import CORPUS, ROOT, needs_shared

SERIES = ROOT / "documents" / "meridian"


def norm(s):
    return re.sub(r"\s+", " ", (s or "").replace("–", "-")).strip() or None


def test_versions_are_ordered_by_the_series_metadata_or_file_names(tmp_path):
    assert [v.label for v in read_series(SERIES)] == ["1979", "1998", "2016"]
    for name in ("2024-05-01.md", "2019-01-10.md", "2021-07-15.md"):
        (tmp_path / name).write_text("# T\n\n## 1 A\n\nText.\n", encoding="utf-8")
    assert [v.label for v in read_series(tmp_path)] == ["2019-01-10", "2021-07-15", "2024-05-01"]


@needs_shared
def test_series_traces_every_1998_heading_back_to_1979_or_its_introduction(capsys):
    assert main(["series", str(SERIES), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [v["label"] for v in data["versions"]] == ["1979", "1998", "2016"]
    got = set()
    seen_1998 = set()
    for clause in data["clauses"]:
        steps = {s["version"]: s for s in clause["steps"]}
        if "1998" in steps and steps["1998"]["event"] != "removed":
            h = norm(steps["1998"]["heading"])
            seen_1998.add(h)
            before = steps.get("1979")
            got.add((norm(before["heading"]) if before and before["event"] != "removed" else None, h))
    truth = json.loads((CORPUS / "meridian" / "truth.json").read_text(encoding="utf-8"))
    pair = next(p for p in truth["pairs"] if p["old"] == "1979" and p["new"] == "1998")
    want = {(norm(s["old"]), norm(s["new"])) for s in pair["sections"] if s["new"] is not None}
    known_new = {n for _, n in want}
    assert known_new <= seen_1998  # every 1998 heading has a lineage
    scored = {(o, n) for o, n in got if n in known_new}
    tp = len(scored & want)
    precision, recall = tp / len(scored), tp / len(want)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.9, (f1, sorted(want - scored), sorted(scored - want))  # measured: 1.0


def test_clause_option_prints_one_clause_version_by_version_with_its_changes(tmp_path, capsys):
    from tests.test_tui_series import V2001, V2010, V2020

    for name, text in (("2001", V2001), ("2010", V2010), ("2020", V2020)):
        (tmp_path / f"{name}.md").write_text(text, encoding="utf-8")
    assert main(["series", str(tmp_path), "--clause", "PILOT"]) == 0
    out = capsys.readouterr().out
    assert "1 with a heading containing 'PILOT'" in out
    lines = [line.strip() for line in out.splitlines() if line.strip()]
    k = lines.index("2001       introduced  2 Pilots")
    assert lines[k + 1] == "2010       renamed     2 Pilotage"
    assert lines[k + 2] == "A pilot [-may board any-] {+shall board every+} vessel entering the harbour."
    assert lines[-2] == "2020       edited      2 Pilotage"
    assert "{+, unless exempted in writing+}" in lines[-1]
    assert main(["series", str(tmp_path), "--clause", "pilot", "--json"]) == 0
    [clause] = json.loads(capsys.readouterr().out)["clauses"]
    assert [s["event"] for s in clause["steps"]] == ["introduced", "renamed", "edited"]
    assert clause["steps"][0]["changes"] == []
    assert [(c["old"], c["new"]) for c in clause["steps"][1]["changes"]] == [("may board any", "shall board every")]
    assert main(["series", str(tmp_path), "--clause", "no such heading"]) == 2
    assert "no clause" in capsys.readouterr().err


def test_a_part_split_off_later_carries_the_history_it_shares_with_its_origin(tmp_path, capsys):
    from tests.test_align import TEXTS, write

    common = [("## 1 General", TEXTS["scope"]), ("### 1.1 Authorities", TEXTS["duties"])]
    write(tmp_path, "2001.md", [*common, ("### 1.2 Oversight", TEXTS["reports"] + "\n\n" + TEXTS["fees"])])
    write(tmp_path, "2010.md", [*common, ("### 1.2 Supervision", TEXTS["reports"] + "\n\n" + TEXTS["fees"])])
    write(tmp_path, "2020.md", [*common, ("### 1.2 Reports", TEXTS["reports"]), ("### 1.3 Fees", TEXTS["fees"])])
    assert main(["series", str(tmp_path), "--json"]) == 0
    clauses = [[(s["version"], s["event"], s["heading"]) for s in c["steps"]]
               for c in json.loads(capsys.readouterr().out)["clauses"]]
    branch = next(c for c in clauses if c[0][1] != "introduced" or any(e == "split-from" for _, e, _ in c))
    # the fees part of 2020 goes back to 2001 through the section it was part of
    assert branch[0] == ("2001", "introduced", "1.2 Oversight")
    assert branch[1] == ("2010", "split-from", "1.2 Supervision")
    assert branch[2][0] == "2020" and branch[2][1] == "split"
    main_line = next(c for c in clauses if c[0][2] == "1.2 Oversight" and c is not branch)
    assert [v for v, _, _ in main_line] == ["2001", "2010", "2020"]
    assert {branch[2][2], main_line[2][2]} == {"1.2 Reports", "1.3 Fees"}
