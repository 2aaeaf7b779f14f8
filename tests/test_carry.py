"""Notes made on one comparison of a series, shown on the next where their quoted text survives."""

from __future__ import annotations

import json
import re

import pytest

from diffy.annotations import store
from diffy.annotations.carry import carry
from diffy.cli import main
from diffy.comparison.compare import compare
from diffy.ingest import load_document
from tests.test_annotations import NEW, OLD

NEWER = """# Rules

## 1 Scope

These rules apply to every vessel registered or operating in the territory or its waters, whatever its size.

## 2 Inspections

The authority may inspect a vessel at any time.

## 3 Charges

Charges are payable at the office of the authority.
"""


@pytest.fixture
def series(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV_WORKSPACE, str(tmp_path))
    for name, text in (("v1", OLD), ("v2", NEW), ("v3", NEWER)):
        (tmp_path / f"{name}.md").write_text(text, encoding="utf-8")
    return tmp_path


def run(series, *args) -> int:
    return main([args[0], str(series / f"{args[1]}.md"), str(series / f"{args[2]}.md"), *args[3:]])


def carried_json(series, capsys, old="v2", new="v3") -> list[dict]:
    capsys.readouterr()
    assert run(series, "annotations", old, new, "--json") == 0
    return json.loads(capsys.readouterr().out)["carried"]


def test_notes_follow_their_quote_into_the_next_comparison(series, capsys):
    assert run(series, "annotate", "v1", "v2", "--quote", "registered or operating", "--note", "widened",
               "--tag", "scope") == 0
    assert run(series, "annotate", "v1", "v2", "--quote", "twice a year", "--note", "doubled") == 0
    assert run(series, "annotate", "v1", "v2", "--quote", "Fees are due within thirty days", "--side", "old",
               "--note", "fees gone") == 0
    carried = {c["note"]: c for c in carried_json(series, capsys)}
    # "registered or operating" still stands in v3: shown on the new side of v2 → v3
    assert carried["widened"]["survives"] and carried["widened"]["targets"][0]["side"] == "new"
    assert carried["widened"]["from"] == "v1 → v2" and carried["widened"]["tags"] == ["scope"]
    assert carried["widened"]["placements"][0]["status"] == "anchored"
    # "twice a year" is gone from v3: shown where it stands in v2, marked as gone
    assert not carried["doubled"]["survives"] and carried["doubled"]["targets"][0]["side"] == "old"
    # the v1 quote did not survive into v2, so it has nothing to stand on in v2 → v3
    assert "fees gone" not in carried
    # the earlier file is only read
    before = (store.default_path(series / "v1.md", series / "v2.md")).read_bytes()
    capsys.readouterr()
    assert run(series, "annotations", "v2", "v3") == 0
    out = capsys.readouterr().out
    assert "carried from v1 → v2 (read-only; where the quoted text still stands): 2" in out
    assert "(gone from the new version)" in out
    assert (store.default_path(series / "v1.md", series / "v2.md")).read_bytes() == before
    assert not (store.default_path(series / "v2.md", series / "v3.md")).exists()


def test_only_the_comparison_ending_at_this_old_version_is_carried(series, capsys):
    assert run(series, "annotate", "v1", "v2", "--quote", "registered or operating", "--note", "widened") == 0
    assert carried_json(series, capsys, "v1", "v3") == []  # v1 → v2 does not end at v1
    assert carried_json(series, capsys, "v2", "v1") == []  # the same comparison the other way round


def test_a_broken_earlier_file_is_named_and_left_alone(series, capsys):
    path = store.default_path(series / "v1.md", series / "v2.md")
    path.parent.mkdir()
    path.write_text("{ not json", encoding="utf-8")
    capsys.readouterr()
    assert run(series, "annotations", "v2", "v3") == 0
    err = capsys.readouterr().err
    assert path.name in err and "not valid JSON" in err and "not carried" in err
    assert path.read_text(encoding="utf-8") == "{ not json"


def test_carried_notes_land_on_the_pair_and_change_they_are_about(series, capsys):
    assert run(series, "annotate", "v1", "v2", "--quote", "twice a year", "--note", "doubled") == 0
    v2, v3 = (load_document(series / f"{n}.md") for n in ("v2", "v3"))
    cmp = compare(v2, v3)
    [c], warnings = carry(cmp, series / "annotations")
    assert warnings == []
    pair = cmp.pairs[c.attached.pair]
    assert pair.old is not None and pair.old.heading == "2 Inspections"
    change = next(ch for ch in pair.changes if ch.id == c.attached.change)
    assert "twice a year" in change.old  # the rewritten inspection rule deletes the quoted words


def test_export_shows_carried_notes_beside_their_text(series, capsys):
    assert run(series, "annotate", "v1", "v2", "--quote", "registered or operating", "--note", "widened",
               "--tag", "scope") == 0
    assert run(series, "annotate", "v1", "v2", "--quote", "twice a year", "--note", "doubled") == 0
    capsys.readouterr()
    assert run(series, "export", "v2", "v3", "--style", "critic") == 0
    critic = capsys.readouterr().out
    assert "| notes carried from v1 → v2 | 2 |" in critic and "| annotations | 0 |" in critic
    assert "{>>↪ v1 → v2: doubled<<} *(gone from the new version)*" in critic
    assert run(series, "export", "v2", "v3", "--tags", "scope") == 0  # gfm, the default
    gfm = capsys.readouterr().out
    assert re.search(r"> \*\*↪ v1 → v2\*\* \(.+, \d{4}-\d\d-\d\d\): widened — `#scope`", gfm) and "doubled" not in gfm
