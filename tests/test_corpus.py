"""Extraction against the evaluation corpus in ../shared (skipped when it is absent)."""

from __future__ import annotations

import csv
import importlib.util
import json
import re

import pytest

from diffy.cli import main
from diffy.export.json import document_to_dict
from tests.conftest import CORPUS, SHARED, needs_shared, parsed

pytestmark = needs_shared

MERIDIAN = CORPUS / "meridian"


def _score():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("layout", ["plain", "twocol", "mono"])
@pytest.mark.parametrize("version", ["1979", "1998", "2016"])
def test_meridian_extraction_is_exact(version, layout):
    score = _score()
    doc = document_to_dict(parsed(str(MERIDIAN / "pdf" / f"{version}.{layout}.pdf")))
    title, truth = score.read_source(str(MERIDIAN / "src" / f"{version}.md"))
    assert score.norm(doc["title"]) == score.norm(title)
    want = [(lvl, score.norm(h)) for lvl, h, _ in truth if h]
    got = [(s["level"], score.norm(s["heading"])) for s in doc["sections"] if s["heading"]]
    assert got == want
    ref = [w for _, h, b in truth for w in score.words(h) + score.words(b)]
    hyp = [w for s in doc["sections"] for w in score.words(s["heading"]) + score.words(s["text"])]
    missing, extra = score.word_diff_counts(ref, hyp)
    assert (missing + extra) / len(ref) <= 0.001


def _expectations():
    if not CORPUS.is_dir():
        return []
    with open(CORPUS / "hostile" / "EXPECT.tsv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@pytest.mark.parametrize("row", _expectations(), ids=lambda r: r["file"])
def test_hostile_file_behaves_as_expected(row, capsys):
    path = str(CORPUS / "hostile" / row["file"])
    code = main(["parse", path])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    if row["expect"] == "parse":
        assert code == 0 and out.strip()
    elif row["expect"] == "error":
        assert code == 2
        assert len(err.strip().splitlines()) == 1 and row["file"] in err
        assert re.search(row["message_should_mention"], err, re.I), err
    else:
        assert code in (0, 2)
        if code == 2:
            assert re.search(row["message_should_mention"], err, re.I), err
    if row["password"]:
        assert main(["parse", path, "--password", row["password"]]) == 0
        capsys.readouterr()


WILD = sorted((CORPUS / "wild").glob("*.pdf")) if CORPUS.is_dir() else []


@pytest.mark.parametrize("path", WILD, ids=lambda p: p.name)
def test_wild_pdf_parses_with_text(path, capsys):
    assert main(["parse", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    words = sum(len(s["text"].split()) + len((s["heading"] or "").split()) for s in doc["sections"])
    assert words >= 5  # issue-1054 holds only a masthead of 8 lines
    assert doc["pages"] >= 1


@pytest.mark.parametrize("layouts", [("plain", "twocol"), ("twocol", "mono")], ids="-".join)
def test_same_text_in_two_layouts_diffs_as_identical(layouts):
    from diffy.comparison.compare import compare

    for version in ("1998", "2016"):
        a, b = (parsed(str(MERIDIAN / "pdf" / f"{version}.{lay}.pdf")) for lay in layouts)
        cmp = compare(a, b)
        assert {p.relation for p in cmp.pairs} == {"same"}
        assert not any(p.changes for p in cmp.pairs)


def _text_pairs():
    if not CORPUS.is_dir():
        return []
    out = []
    for series in sorted((CORPUS / "versions").iterdir()):
        files = sorted(f for f in series.iterdir() if f.suffix in (".md", ".txt"))
        out += list(zip(files, files[1:], strict=False))
    return out


@pytest.mark.parametrize("pair", _text_pairs(), ids=lambda p: f"{p[0].parent.name}/{p[0].stem}-{p[1].stem}")
def test_successive_text_versions_compare(pair, capsys):
    assert main(["diff", str(pair[0]), str(pair[1]), "--format", "json"]) == 1
    cmp = json.loads(capsys.readouterr().out)
    assert cmp["pairs"] and cmp["summary"]["words_inserted"] + cmp["summary"]["words_deleted"] > 0
