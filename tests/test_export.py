"""`diffy export`: annotated Markdown, CriticMarkup or GFM; golden files, CommonMark, injection-proof."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from diffy.annotations import store
from diffy.annotations.anchor import find_exact, quote_target
from diffy.annotations.model import Annotation
from diffy.cli import main
from diffy.ingest import load_document
from tests.conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"

OLD = """# Port Rules

## 1 Scope

These rules apply to every vessel in the port of Tessaly, whatever its size.

## 2 Inspections

The harbour master shall inspect each vessel once a year.

## 3 Fees

Fees are due within thirty days.
"""

NEW = """# Port Rules

## 1 Scope

These rules apply to every vessel in any port of the region, whatever its size.

## 2 Inspections

The harbour master may inspect each vessel twice a year.

## 3 Fees

Fees are due within thirty days.

## 4 Appeals

A decision of the harbour master may be appealed within ten days.
"""

HOSTILE = """# Notice <script>alert(1)</script>

## 1 Text

Click [here](javascript:alert(1)) or see ![img](http://x/y.png) and <b>bold</b> <img src=x onerror=alert(1)>.
# not a heading | not | a cell | `code` {++critic++} {--gone--} {>>note<<} ~~strike~~ **star**
"""


def annotation(doc, side: str, quote: str, note: str, tags: tuple[str, ...], k: int) -> Annotation:
    [(section, start, end)] = find_exact(doc, quote)
    stamp = "2026-01-01T00:00:00Z"
    return Annotation(f"a{k:012d}", stamp, stamp, "tester", note, tags, (quote_target(side, section, start, end),))


@pytest.fixture
def pair(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV_WORKSPACE, str(tmp_path))
    monkeypatch.chdir(tmp_path)
    Path("2019.md").write_text(OLD, encoding="utf-8")
    Path("2024.md").write_text(NEW, encoding="utf-8")
    old, new = load_document("2019.md"), load_document("2024.md")
    anns = [annotation(new, "new", "any port of the region", "Scope leaves the port of Tessaly.",
                       ("geographic-scope",), 1),
            annotation(new, "new", "may inspect", "Shall becomes may: inspection is no longer a duty.",
                       ("modality",), 2),
            annotation(old, "old", "Fees are due within thirty days.", "Unchanged, noted for the record.",
                       ("fees",), 3)]
    store.save(store.default_path("2019.md", "2024.md"), store.AnnotationFile(annotations=anns))
    return tmp_path


@pytest.mark.parametrize("style", ["critic", "gfm"])
def test_export_matches_the_golden_file(pair, capsys, style):
    assert main(["export", "2019.md", "2024.md", "--style", style]) == 0
    out = capsys.readouterr().out
    golden = GOLDEN / f"export-{style}.md"
    assert out == golden.read_text(encoding="utf-8"), f"export differs from {golden}; read the diff first"


def test_filters_by_tag_and_only_annotated(pair, capsys):
    assert main(["export", "2019.md", "2024.md", "--tags", "modality", "--only-annotated"]) == 0
    out = capsys.readouterr().out
    assert "~~shall~~ <ins>may</ins>" in out and "Shall becomes may" in out
    assert "Scope leaves" not in out and "### added" not in out


def test_output_file_needs_force_to_replace(pair, capsys):
    assert main(["export", "2019.md", "2024.md", "-o", "out.md"]) == 0
    first = Path("out.md").read_text(encoding="utf-8")
    assert main(["export", "2019.md", "2024.md", "-o", "out.md", "--style", "gfm"]) == 2
    assert "add --force" in capsys.readouterr().err
    assert Path("out.md").read_text(encoding="utf-8") == first
    assert main(["export", "2019.md", "2024.md", "-o", "out.md", "--style", "gfm", "--force"]) == 0
    assert "~~" in Path("out.md").read_text(encoding="utf-8")


def test_document_text_cannot_inject_markdown_or_html(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(store.ENV_WORKSPACE, str(tmp_path))
    (tmp_path / "a.md").write_text("# Notice\n\n## 1 Text\n\nPlain words.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(HOSTILE, encoding="utf-8")
    for style in ("critic", "gfm"):
        assert main(["export", str(tmp_path / "a.md"), str(tmp_path / "b.md"), "--style", style]) == 0
        md = capsys.readouterr().out
        html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(md)
        for bad in ("<script", "javascript:", "<b>", "<img", "<h1>not a heading", "<code>code</code>", "<del>strike"):
            assert bad not in html, (style, bad)
        tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(md)
        assert not [t for t in tokens if t.type == "link_open" and not t.attrGet("href").startswith("#")]


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    return ROOT / "documents" / "meridian"


def test_bundled_export_is_commonmark_with_the_geographic_scope_note(bundled, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv(store.ENV_WORKSPACE, raising=False)
    assert main(["export", str(bundled / "1998.pdf"), str(bundled / "2016.pdf"), "--style", "critic"]) == 0
    critic = capsys.readouterr().out
    assert "{~~" in critic and "{>>" in critic and "`#geographic-scope`" in critic
    assert "| measure | count |" in critic and "## Tag index" in critic
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(critic)
    assert any(t.type == "table_open" for t in tokens)
    assert main(["export", str(bundled / "1998.pdf"), str(bundled / "2016.pdf")]) == 0  # gfm, the default
    gfm = capsys.readouterr().out
    assert "~~" in gfm and "> **Note**" in gfm and "{~~" not in gfm
    notes = json.loads((ROOT / "annotations" / "meridian-1998--2016.json").read_text(encoding="utf-8"))["annotations"]
    assert any("geographic-scope" in a["tags"] for a in notes)


def test_the_default_export_renders_as_a_redline_on_gfm_hosts(pair, capsys):
    """Parsed as GitHub renders it: each replacement's old words struck, its new words underlined and
    not struck; each note a block of its own with its author, date and tags."""
    assert main(["export", "2019.md", "2024.md"]) == 0
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(capsys.readouterr().out)
    struck = re.findall(r"<s>(.*?)</s>", html)
    inserted = re.findall(r"<ins>(.*?)</ins>", html)
    assert "shall" in struck and "may" in inserted and "Tessaly" in struck and "the region" in inserted
    assert not any("<s>" in x for x in inserted) and not any("<ins>" in x for x in struck)
    notes = re.findall(r"<blockquote>\s*<p>(.*?)</p>\s*</blockquote>", html, re.S)
    assert len(notes) == 3 and all("(tester, 2026-01-01)" in n for n in notes)
    assert any("Shall becomes may" in n and "#modality" in n for n in notes)


def test_a_changed_table_stays_a_table_with_its_changed_cells_marked(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(store.ENV_WORKSPACE, str(tmp_path))
    table = "| Port | Fee | Due |\n|---|---|---|\n| Tessaly | 40 | monthly |\n| Arden | 25 | yearly |\n"
    (tmp_path / "a.md").write_text("# Fees\n\n## 1 Fees\n\nThe fees are:\n\n" + table, encoding="utf-8")
    (tmp_path / "b.md").write_text("# Fees\n\n## 1 Fees\n\nThe fees are:\n\n" + table.replace("| 40 |", "| 45 |")
                                   .replace("| Arden | 25 | yearly |\n", "") + "| Belmont | 30 | yearly |\n",
                                   encoding="utf-8")
    assert main(["export", str(tmp_path / "a.md"), str(tmp_path / "b.md")]) == 0
    md = capsys.readouterr().out
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(md.split("## Changes", 1)[1])
    assert any(t.type == "table_open" for t in tokens)
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(md.split("## Changes", 1)[1])
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    assert any("<s>40</s>" in r and "<ins>45</ins>" in r and "Tessaly" in r for r in rows)
    assert any("<s>Arden</s>" in r for r in rows) and any("<ins>Belmont</ins>" in r for r in rows)
