"""Annotations: the file on disk, anchoring, and `diffy annotate` / `diffy annotations`."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest

from diffy.annotations import store
from diffy.annotations.anchor import ANCHORED, FUZZY, ORPHANED, find_exact, place, quote_target
from diffy.annotations.model import Annotation
from diffy.cli import main
from diffy.ingest import load_document
from tests.conftest import CORPUS, ROOT, needs_shared

OLD = """# Rules

## 1 Scope

These rules apply to every vessel registered in the territory, whatever its size.

## 2 Inspections

The authority shall inspect each vessel once a year and may inspect it at any other time.

## 3 Fees

Fees are due within thirty days of the inspection.
"""

NEW = """# Rules

## 1 Scope

These rules apply to every vessel registered or operating in the territory, whatever its size.

## 2 Inspections

The authority shall inspect each vessel twice a year and may inspect it at any other time.

## 3 Charges

Charges are payable at the office of the authority.
"""


@pytest.fixture
def ws(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV_WORKSPACE, str(tmp_path))
    (tmp_path / "old.md").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.md").write_text(NEW, encoding="utf-8")
    return tmp_path


def annotate(ws, *args) -> int:
    return main(["annotate", str(ws / "old.md"), str(ws / "new.md"), *args])


def listed(ws, capsys) -> dict:
    capsys.readouterr()
    assert main(["annotations", str(ws / "old.md"), str(ws / "new.md"), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_annotate_prints_an_id_and_the_file_records_the_quote(ws, capsys):
    assert annotate(ws, "--quote", "shall inspect each vessel twice a year", "--note", "Inspections double.",
                    "--tag", "frequency", "--tag", "inspections") == 0
    ann_id = capsys.readouterr().out.strip()
    path = store.default_path(ws / "old.md", ws / "new.md")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema"] == "diffy.annotations/1"
    [a] = data["annotations"]
    assert a["id"] == ann_id and a["tags"] == ["frequency", "inspections"] and a["note"] == "Inspections double."
    assert list(a) == ["id", "created", "updated", "author", "tags", "note", "targets"]
    [t] = a["targets"]
    assert t["side"] == "new" and t["heading"] == "2 Inspections"
    assert t["exact"] == "shall inspect each vessel twice a year"
    assert t["prefix"].endswith("The authority ") and t["suffix"].startswith(" and may")
    assert t["change_id"]  # "once" → "twice" is a change, and the note is about it
    assert a["author"]
    assert listed(ws, capsys)["annotations"][0]["status"] == ANCHORED


def test_absent_and_ambiguous_quotes_are_errors_that_say_so(ws, capsys):
    assert annotate(ws, "--quote", "no such words here", "--note", "x") == 2
    assert "is not in either version" in capsys.readouterr().err
    assert annotate(ws, "--quote", "whatever its size", "--note", "x") == 2
    assert "in both versions; say which with --side" in capsys.readouterr().err
    assert annotate(ws, "--quote", "vessel", "--side", "new", "--note", "x") == 2
    assert "appears 2 times in the new version" in capsys.readouterr().err
    assert not (store.default_path(ws / "old.md", ws / "new.md")).exists()


def test_annotations_follow_their_text_and_orphans_are_kept(ws, capsys):
    assert annotate(ws, "--quote", "Fees are due within thirty days", "--side", "old", "--note", "gone") == 0
    assert annotate(ws, "--quote", "registered or operating", "--note", "widened") == 0
    # a newer "new" version: the scope sentence is reworded a little, the fees text is unrelated
    (ws / "new.md").write_text(NEW.replace("registered or operating", "registered or operating lawfully"),
                               encoding="utf-8")
    (ws / "old.md").write_text(OLD.replace("Fees are due within thirty days of the inspection.",
                                           "Nothing is payable."), encoding="utf-8")
    states = {a["note"]: a["status"] for a in listed(ws, capsys)["annotations"]}
    assert states == {"gone": ORPHANED, "widened": ANCHORED}
    (ws / "new.md").write_text(NEW.replace("registered or operating in", "registered, or operated, in"),
                               encoding="utf-8")
    states = {a["note"]: a["status"] for a in listed(ws, capsys)["annotations"]}
    assert states["widened"] == FUZZY
    assert len(json.loads((store.default_path(ws / "old.md", ws / "new.md")).read_text())["annotations"]) == 2


def test_a_quote_anchors_at_its_own_place_among_repeats(tmp_path):
    text = "# T\n\n## 1 A\n\nThe same clause. Then more words here. The same clause. Final words.\n"
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    doc = load_document(tmp_path / "a.md")
    hits = find_exact(doc, "The same clause.")
    assert len(hits) == 2
    for section, start, end in hits:
        target = quote_target("new", section, start, end)
        p = place(target, doc)
        assert (p.status, p.start, p.end) == (ANCHORED, start, end)


def test_an_unreadable_file_is_an_error_and_is_left_untouched(ws, capsys):
    path = store.default_path(ws / "old.md", ws / "new.md")
    path.parent.mkdir()
    for content in ('{"schema": "diffy.annotations/1", "annotations": [', '{"schema": "diffy.annotations/7"}',
                    '{"hello": 1}', '{"schema": "diffy.annotations/1", "annotations": [{"id": "x"}]}'):
        path.write_text(content, encoding="utf-8")
        before = path.stat().st_mtime_ns
        assert annotate(ws, "--quote", "twice a year", "--note", "x") == 2
        err = capsys.readouterr().err
        assert store.default_path(ws / "old.md", ws / "new.md").name in err and "left untouched" in err
        assert path.read_text(encoding="utf-8") == content and path.stat().st_mtime_ns == before


def test_newer_schema_message(ws, capsys):
    path = store.default_path(ws / "old.md", ws / "new.md")
    path.parent.mkdir()
    path.write_text('{"schema": "diffy.annotations/9", "annotations": []}', encoding="utf-8")
    assert main(["annotations", str(ws / "old.md"), str(ws / "new.md")]) == 2
    assert "written by a newer diffy" in capsys.readouterr().err


def test_annotations_option_and_workspace_discovery(tmp_path, monkeypatch):
    monkeypatch.delenv(store.ENV_WORKSPACE, raising=False)
    (tmp_path / "proj" / "documents").mkdir(parents=True)
    deep = tmp_path / "proj" / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert store.workspace() == tmp_path / "proj"
    assert store.default_path("x/1998.pdf", "y/2016.pdf") == tmp_path / "proj" / "annotations" / "x-1998--y-2016.json"
    assert store.default_path("docs/1998.pdf", "docs/2016.pdf").name == "docs-1998--2016.json"
    (tmp_path / "old.md").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.md").write_text(NEW, encoding="utf-8")
    mine = tmp_path / "mine.json"
    assert main(["annotate", str(tmp_path / "old.md"), str(tmp_path / "new.md"), "--quote", "twice a year",
                 "--note", "n", "--annotations", str(mine)]) == 0
    assert len(json.loads(mine.read_text())["annotations"]) == 1


def test_concurrent_writers_never_lose_each_others_annotations(ws):
    cmd = [sys.executable, "-m", "diffy", "annotate", str(ws / "old.md"), str(ws / "new.md"), "--quote",
           "twice a year", "--note"]
    env = {**os.environ, store.ENV_WORKSPACE: str(ws)}
    procs = [subprocess.Popen([*cmd, f"note {k}"], cwd=ROOT, env=env, stdout=subprocess.PIPE) for k in range(6)]
    ids = {p.communicate(timeout=120)[0].decode().strip() for p in procs}
    data = json.loads((store.default_path(ws / "old.md", ws / "new.md")).read_text(encoding="utf-8"))
    assert {a["id"] for a in data["annotations"]} == ids and len(ids) == 6


def test_sigkill_never_corrupts_the_file_or_loses_a_returned_annotation(ws):
    """Kill `diffy annotate` at random moments, over and over (bounded to about 20 s)."""
    rng = random.Random(7)
    env = {**os.environ, store.ENV_WORKSPACE: str(ws)}
    path = store.default_path(ws / "old.md", ws / "new.md")
    returned: set[str] = set()
    deadline = time.monotonic() + 20
    k = 0
    while time.monotonic() < deadline and k < 40:
        k += 1
        p = subprocess.Popen([sys.executable, "-m", "diffy", "annotate", str(ws / "old.md"), str(ws / "new.md"),
                              "--quote", "twice a year", "--note", f"note {k}"], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            out, _ = p.communicate(timeout=rng.uniform(0.05, 1.2))
            if p.returncode == 0:
                returned.add(out.decode().strip())
        except subprocess.TimeoutExpired:
            p.send_signal(signal.SIGKILL)
            p.communicate()
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))  # always whole, valid JSON
            assert returned <= {a["id"] for a in data["annotations"]}
    assert returned, "no annotate run finished: the bound is too tight for this machine"


def test_annotation_round_trip(tmp_path):
    doc = load_document_md(tmp_path)
    s = doc.sections[1]
    t = quote_target("old", s, 4, 20, "c123")
    a = Annotation("a1", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "me", "note\nwith two lines",
                   ("x", "y"), (t,))
    f = store.AnnotationFile({"source": "o", "sha256": "1"}, {"source": "n", "sha256": "2"}, [a])
    path = tmp_path / "a.json"
    store.save(path, f)
    assert store.load(path).annotations == [a]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def load_document_md(tmp_path):
    (tmp_path / "d.md").write_text(OLD, encoding="utf-8")
    return load_document(tmp_path / "d.md")


@needs_shared
def test_a_copy_of_an_annotation_file_anchors_on_another_layout(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(store.ENV_WORKSPACE, str(tmp_path))
    pdf = CORPUS / "meridian" / "pdf"
    mine = tmp_path / "a.json"
    quotes = [("old", "does not extend to situations elsewhere"), ("new", "is not defined by geographic area"),
              ("old", "Where an attack is limited in scale, Caldera will in principle repel it by its own means.")]
    for side, q in quotes:
        assert main(["annotate", str(pdf / "1998.plain.pdf"), str(pdf / "2016.plain.pdf"), "--quote", q,
                     "--side", side, "--note", "n", "--annotations", str(mine)]) == 0
    capsys.readouterr()
    assert main(["annotations", str(pdf / "1998.twocol.pdf"), str(pdf / "2016.twocol.pdf"), "--json",
                 "--annotations", str(mine)]) == 0
    states = [a["status"] for a in json.loads(capsys.readouterr().out)["annotations"]]
    assert states == [ANCHORED] * 3


def _notes_of(old, new, capsys) -> list[str]:
    capsys.readouterr()
    assert main(["annotations", str(old), str(new), "--json"]) == 0
    return [a["note"] for a in json.loads(capsys.readouterr().out)["annotations"]]


def test_two_unrelated_pairs_named_alike_never_share_notes(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(store.ENV_WORKSPACE, str(tmp_path))
    pairs = []
    for org, text in (("harbour", OLD), ("airport", OLD.replace("vessel", "aircraft"))):
        folder = tmp_path / org / "reports"  # the same folder and file names for both
        folder.mkdir(parents=True)
        (folder / "2023.md").write_text(text, encoding="utf-8")
        (folder / "2024.md").write_text(text.replace("once", "three times"), encoding="utf-8")
        pairs.append((folder / "2023.md", folder / "2024.md"))
    (h_old, h_new), (a_old, a_new) = pairs
    assert main(["annotate", str(h_old), str(h_new), "--quote", "three times", "--note", "harbour note"]) == 0
    assert _notes_of(a_old, a_new, capsys) == []  # not shown on the unrelated pair, not even as orphaned
    assert main(["annotate", str(a_old), str(a_new), "--quote", "three times", "--note", "airport note"]) == 0
    assert _notes_of(h_old, h_new, capsys) == ["harbour note"]
    assert _notes_of(a_old, a_new, capsys) == ["airport note"]
    files = {p.name for p in (tmp_path / "annotations").glob("*.json")}
    assert "reports-2023--2024.json" in files and len(files) == 2
    assert any(re.fullmatch(r"reports-2023--2024-[0-9a-f]{8}\.json", f) for f in files)


def test_a_document_replaced_by_a_newer_version_keeps_its_notes(ws, capsys):
    assert annotate(ws, "--quote", "shall inspect each vessel twice a year", "--note", "Inspections double.") == 0
    (ws / "new.md").write_text(NEW + "\n## 9 Review\n\nThese rules are reviewed every five years.\n",
                               encoding="utf-8")
    assert _notes_of(ws / "old.md", ws / "new.md", capsys) == ["Inspections double."]


def test_files_named_the_old_way_move_to_the_new_name_with_every_note(tmp_path, monkeypatch, capsys):
    """The bundled notes, under the names diffy gave them before (`1998--2016.json`)."""
    monkeypatch.setenv(store.ENV_WORKSPACE, str(tmp_path))
    docs = tmp_path / "documents" / "meridian"
    docs.mkdir(parents=True)
    for v in ("1979", "1998", "2016"):
        shutil.copy(ROOT / "documents" / "meridian" / f"{v}.pdf", docs)
    (tmp_path / "annotations").mkdir()
    for old, new in (("1979", "1998"), ("1998", "2016")):
        (tmp_path / "annotations" / f"{old}--{new}.json").write_bytes(
            (ROOT / "annotations" / f"meridian-{old}--{new}.json").read_bytes())
    monkeypatch.chdir(tmp_path)
    for old, new in (("1979", "1998"), ("1998", "2016")):
        bundled = ROOT / "annotations" / f"meridian-{old}--{new}.json"
        want = [a["note"] for a in json.loads(bundled.read_text(encoding="utf-8"))["annotations"]]
        assert sorted(_notes_of(docs / f"{old}.pdf", docs / f"{new}.pdf", capsys)) == sorted(want) and want
        assert not (tmp_path / "annotations" / f"{old}--{new}.json").exists()
        assert (tmp_path / "annotations" / f"meridian-{old}--{new}.json").read_bytes() == bundled.read_bytes()


def test_an_unreadable_file_under_the_old_name_is_left_as_it_is(ws, capsys):
    legacy = ws / "annotations" / "old--new.json"
    legacy.parent.mkdir()
    legacy.write_text("{ not json", encoding="utf-8")
    assert main(["annotations", str(ws / "old.md"), str(ws / "new.md")]) == 2
    assert "old--new.json" in capsys.readouterr().err and legacy.read_text(encoding="utf-8") == "{ not json"
