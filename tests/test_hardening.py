"""Hostile text, faults while writing, and awkward paths."""

from __future__ import annotations

import errno
import os
import re

import pytest
from markdown_it import MarkdownIt

from diffy.annotations import store
from diffy.cli import main
from tests.pdfgen import H, P, build_pdf

MARKUP = ("Notice [bold red]urgent[/] and [link=https://evil.example]click[/link] with <script>alert(1)</script> "
          "<b>bold</b> [x](javascript:alert(1)) ![img](http://evil.example/i.png) # heading | cell | `tick` "
          "{++critic++} {--gone--} {>>note<<} ~~strike~~")


@pytest.fixture(scope="module")
def hostile_pair(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    old = build_pdf(d / "old.pdf", [H("1. Notices"), P("Plain words about notices and nothing else at all.")])
    new = build_pdf(d / "new.pdf", [H("1. Notices"), P(MARKUP)])
    return old, new


def test_text_output_shows_markup_literally(hostile_pair, capsys):
    old, new = hostile_pair
    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    assert "[bold red]urgent[/]" in out and "[link=https://evil.example]click[/link]" in out


def test_export_rendered_as_html_has_no_active_content(hostile_pair, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("DIFFY_WORKSPACE", str(tmp_path))
    old, new = hostile_pair
    assert main(["annotate", str(old), str(new), "--quote", "<script>alert(1)</script>",
                 "--note", "<img src=x onerror=alert(1)> [y](javascript:z)", "--tag", "<b>t</b>"]) == 0
    capsys.readouterr()
    for style in ("critic", "gfm"):
        assert main(["export", str(old), str(new), "--style", style]) == 0
        html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(capsys.readouterr().out)
        for bad in ("<script", "javascript:", "<b>", "<img"):
            assert bad not in html, (style, bad)


async def test_the_ui_shows_markup_literally(hostile_pair):
    from diffy.comparison.compare import compare
    from diffy.ingest import load_document
    from diffy.tui.app import DiffyApp
    from diffy.tui.diffview import DiffView

    old, new = hostile_pair
    app = DiffyApp(comparison=compare(load_document(old), load_document(new)), labels=("old", "new"))
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(DiffView)
        await pilot.press("v")
        text = re.sub(r"\s+", "", "\n".join(view.row_text(k) for kind, k, _ in view.items if kind == "row"))
        assert "[boldred]urgent[/]" in text and "[link=https://evil.example]click[/link]" in text


def test_export_survives_a_full_disk(hostile_pair, tmp_path, monkeypatch, capsys):
    old, new = hostile_pair
    out = tmp_path / "report.md"
    out.write_text("previous report\n", encoding="utf-8")
    real_fsync = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert main(["export", str(old), str(new), "-o", str(out), "--force"]) == 2
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert "No space left on device" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "previous report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # no partial file left beside it


def test_annotation_save_survives_a_full_disk(hostile_pair, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DIFFY_WORKSPACE", str(tmp_path))
    old, new = hostile_pair
    assert main(["annotate", str(old), str(new), "--quote", "Plain words", "--note", "first"]) == 0
    path = store.default_path(old, new)
    before = path.read_bytes()
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left")))
    assert main(["annotate", str(old), str(new), "--quote", "Plain words", "--note", "second"]) == 2
    assert "No space left" in capsys.readouterr().err
    assert path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if p.suffix == ".tmp"]


def test_read_only_folder_as_the_system_reports_it(hostile_pair, tmp_path, monkeypatch, capsys):
    """What a read-only folder does to any user but root: creating the temporary file fails."""
    import tempfile

    old, new = hostile_pair

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    assert main(["export", str(old), str(new), "-o", str(tmp_path / "r.md")]) == 2
    assert "cannot be written (Permission denied)" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
def test_read_only_folder(hostile_pair, tmp_path, capsys):
    old, new = hostile_pair
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert main(["export", str(old), str(new), "-o", str(folder / "r.md")]) == 2
        assert "cannot be written" in capsys.readouterr().err
    finally:
        folder.chmod(0o700)


def test_awkward_paths_give_clear_errors(tmp_path, hostile_pair, capsys):
    old, _ = hostile_pair
    weird = os.fsencode(str(tmp_path)) + b"/caf\xe9-\xff.pdf"  # not UTF-8
    with open(weird, "wb") as fh:
        fh.write(old.read_bytes())
    assert main(["parse", os.fsdecode(weird)]) == 0
    capsys.readouterr()
    link = tmp_path / "link.pdf"
    link.symlink_to(old)
    assert main(["parse", str(link)]) == 0
    capsys.readouterr()
    dangling = tmp_path / "dangling.pdf"
    dangling.symlink_to(tmp_path / "gone.pdf")
    assert main(["parse", str(dangling)]) == 2
    assert "no such file" in capsys.readouterr().err
    long = tmp_path / ("x" * 300 + ".pdf")
    assert main(["parse", str(long)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("diffy: ") and err.count("\n") == 1
    assert main(["parse", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err
