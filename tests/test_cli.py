from __future__ import annotations

import json
import subprocess
import sys

from diffy.cli import main
from tests.conftest import ROOT

SAMPLE = ROOT / "documents" / "meridian" / "1998.pdf"


def test_parse_outline_lists_headings_with_pages(capsys):
    assert main(["parse", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("The Guidelines for Meridian–Caldera Defense Cooperation\n")
    assert "IV. Actions in Response to an Armed Attack against Caldera  · p. 3" in out
    assert "\n  1. Information Sharing and Policy Consultations  · p. 2" in out


def test_parse_json_follows_the_contract(capsys):
    assert main(["parse", str(SAMPLE), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert list(doc) == ["schema", "source", "sha256", "pages", "title", "sections"]
    assert doc["schema"] == "diffy.document/1" and doc["pages"] == 11
    first, iv = doc["sections"][0], next(s for s in doc["sections"] if s["number"] == "IV")
    assert first["heading"] is None and first["level"] == 0
    assert first["text"].startswith("Issued by the Joint Security Council")
    assert list(iv) == ["id", "heading", "number", "title", "level", "parent", "page", "text"]
    assert iv["title"] == "Actions in Response to an Armed Attack against Caldera" and iv["level"] == 1
    child = next(s for s in doc["sections"] if s["parent"] == iv["id"])
    assert child["level"] == 2
    assert "\n\n" in iv["text"] or len(iv["text"].split()) > 20


def test_parse_furniture_shows_what_was_removed(capsys):
    assert main(["parse", str(SAMPLE), "--furniture"]) == 0
    out = capsys.readouterr().out
    assert "Removed as page layout:" in out and "page-number  - 3 -" in out


def test_bad_inputs_give_one_line_and_status_2(tmp_path, capsys):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    text = tmp_path / "notes.pdf"
    text.write_text("just some notes\n")
    cases = {
        str(tmp_path / "missing.pdf"): "no such file",
        str(tmp_path): "is a directory",
        str(empty): "empty (0 bytes)",
        str(text): "not a PDF",
    }
    for path, message in cases.items():
        assert main(["parse", path]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and path in err and message in err


def test_encrypted_pdf_needs_its_password(tmp_path, capsys):
    from tests.pdfgen import H, P, build_pdf

    pdf = build_pdf(tmp_path / "secret.pdf", [H("1. Secret", 1), P("Classified words here.")], encrypt="pw")
    assert main(["parse", str(pdf)]) == 2
    assert "needs a password" in capsys.readouterr().err
    assert main(["parse", str(pdf), "--password", "nope"]) == 2
    assert "password given is wrong" in capsys.readouterr().err
    assert main(["parse", str(pdf), "--password", "pw"]) == 0
    assert "1. Secret" in capsys.readouterr().out


def test_python_dash_m_runs_without_traceback(tmp_path):
    p = subprocess.run([sys.executable, "-m", "diffy", "parse", str(tmp_path / "nope.pdf")],
                       capture_output=True, text=True)
    assert p.returncode == 2 and p.stderr.strip().endswith("no such file") and "Traceback" not in p.stderr


def test_markdown_input(tmp_path, capsys):
    md = tmp_path / "policy.md"
    md.write_text("---\nlayout: x\n---\n# Policy\n\nIntro [text](http://x).\n\n"
                  "## 1. Scope\n\n- item one\n- item two\n\n### 1.1 Detail\n\n"
                  "| a | b |\n|---|---|\n| c | d |\n", encoding="utf-8")
    assert main(["parse", str(md), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["title"] == "Policy"
    assert [(s["heading"], s["level"]) for s in doc["sections"]] == [(None, 0), ("1. Scope", 1), ("1.1 Detail", 2)]
    assert doc["sections"][0]["text"] == "Intro text."
    assert doc["sections"][1]["text"] == "item one\n\nitem two"
    assert doc["sections"][2]["text"] == "a | b\n\nc | d"


DUTIES = "## 2. Duties\n\nStaff shall report incidents.\n"
OLD_MD = "# Policy\n\n## 1. Scope\n\nThis policy applies to all staff in the region.\n\n" + DUTIES
NEW_MD = "# Policy\n\n## 1. Scope\n\nThis policy applies to all staff worldwide.\n\n" + DUTIES


def test_diff_exit_codes_follow_gnu_diff(tmp_path, capsys):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(OLD_MD, encoding="utf-8")
    b.write_text(NEW_MD, encoding="utf-8")
    assert main(["diff", str(a), str(a)]) == 0
    assert main(["diff", str(a), str(b)]) == 1
    out = capsys.readouterr().out
    assert "[-in the region-] {+worldwide+}" in out
    assert "2 section pairs: 1 same, 1 edited; 1 words inserted, 3 deleted" in out
    assert main(["diff", str(a), str(tmp_path / "missing.md")]) == 2


def test_diff_json_follows_the_contract(tmp_path, capsys):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(OLD_MD, encoding="utf-8")
    b.write_text(NEW_MD, encoding="utf-8")
    assert main(["diff", str(a), str(b), "--format", "json"]) == 1
    cmp = json.loads(capsys.readouterr().out)
    assert list(cmp) == ["schema", "old", "new", "summary", "pairs"]
    assert cmp["schema"] == "diffy.comparison/1"
    assert cmp["summary"]["pairs"]["edited"] == 1 and cmp["summary"]["words_inserted"] == 1
    pair = cmp["pairs"][0]
    assert list(pair) == ["old", "new", "old_id", "new_id", "relation", "similarity", "changes"]
    assert pair["old"] == "1. Scope" and pair["relation"] == "edited" and 0 < pair["similarity"] < 1
    change = pair["changes"][0]
    assert change["kind"] == "replace" and change["old"] == "in the region" and change["new"] == "worldwide"
    old_text = "This policy applies to all staff in the region."
    assert old_text[change["old_offset"]:].startswith("in the region")


def test_diff_markdown_escapes_document_text(tmp_path, capsys):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(OLD_MD, encoding="utf-8")
    b.write_text(NEW_MD.replace("worldwide", "[worldwide](javascript:alert(1)) <b>now</b>"), encoding="utf-8")
    assert main(["diff", str(a), str(b), "--format", "markdown"]) == 1
    out = capsys.readouterr().out
    assert "## Summary" in out and "| edited | 1 |" in out
    assert "<b>" not in out and "](javascript" not in out


def test_markdown_bold_headings_are_siblings_and_escapes_are_undone(tmp_path, capsys):
    md = tmp_path / "terms.md"
    md.write_text("# Terms\n\nIntro.\n\n**1\\. Access**\n\nYou may use it.\n\n**2\\. Privacy**\n\nWe keep data.\n",
                  encoding="utf-8")
    assert main(["parse", str(md), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [(s["heading"], s["level"], s["number"]) for s in doc["sections"][1:]] == [
        ("1. Access", 1, "1"), ("2. Privacy", 1, "2")]


def test_demo_without_a_terminal_prints_the_sample_comparison(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "@@ " in out and "section pairs:" in out and "run diffy in a terminal" in out


def test_compare_with_a_missing_file_fails_before_the_ui(capsys, tmp_path):
    assert main(["compare", str(tmp_path / "nope.pdf"), str(tmp_path / "nope2.pdf")]) == 2
    assert "nope.pdf: no such file" in capsys.readouterr().err


def test_the_ui_commands_without_a_terminal_say_what_to_run_instead(capsys, tmp_path):
    (tmp_path / "a.md").write_text("# T\n\n## 1 A\n\nText.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# T\n\n## 1 A\n\nMore text.\n", encoding="utf-8")
    assert main(["compare", str(tmp_path / "a.md"), str(tmp_path / "b.md")]) == 2
    assert "needs a terminal; `diffy diff OLD NEW` prints the comparison as text" in capsys.readouterr().err
    assert main(["series", str(tmp_path), "--ui"]) == 2
    assert "needs a terminal; `diffy series DIR` prints the lineages as text" in capsys.readouterr().err
