"""The parse cache and parallel page extraction."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from diffy import cache
from diffy.cli import main
from diffy.ingest import ReadOptions, load_document
from diffy.ingest.document import parse_pdf
from diffy.ingest.parallel import worker_count
from tests.conftest import ROOT
from tests.pdfgen import H, P, build_pdf, lorem


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(folder))
    return folder


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory):
    blocks = []
    for k in range(1, 25):
        blocks += [H(f"{k}. Part {k}"), P(lorem(180, seed=k)), P(lorem(120, seed=100 + k))]
    return build_pdf(tmp_path_factory.mktemp("long") / "long.pdf", blocks, title="Long Document")


@pytest.fixture(scope="module")
def short_pdf(tmp_path_factory):
    return build_pdf(tmp_path_factory.mktemp("short") / "short.pdf",
                     [H("1. Scope"), P(lorem(60, seed=1)), H("2. Duties"), P(lorem(60, seed=2))])


def entries(folder):
    return sorted((folder / "documents").glob("*.json"))


def test_second_load_comes_from_the_cache_under_the_new_name(cache_dir, short_pdf, tmp_path):
    first = load_document(short_pdf)
    assert len(entries(cache_dir)) == 1
    copy = tmp_path / "renamed.pdf"
    copy.write_bytes(short_pdf.read_bytes())
    seen = []
    again = load_document(copy, progress=lambda done, total: seen.append((done, total)))
    assert again.source == str(copy)
    assert again.sections == first.sections and again.title == first.title and again.furniture == first.furniture
    assert seen == [(first.pages, first.pages)]  # no page was read


def test_no_cache_neither_reads_nor_writes(cache_dir, short_pdf):
    load_document(short_pdf, ReadOptions(cache=False))
    assert entries(cache_dir) == []


def test_a_corrupt_entry_is_discarded_and_rebuilt(cache_dir, short_pdf):
    good = load_document(short_pdf)
    [entry] = entries(cache_dir)
    entry.write_text('{"schema": "diffy.cache/1", "parser": "' + cache.PARSER_VERSION + '", "document": {"sec',
                     encoding="utf-8")
    assert load_document(short_pdf).sections == good.sections
    assert json.loads(entry.read_text(encoding="utf-8"))["document"]["sha256"] == good.sha256


def test_an_entry_for_other_content_or_another_parser_is_not_trusted(cache_dir, short_pdf, monkeypatch):
    good = load_document(short_pdf)
    [entry] = entries(cache_dir)
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["document"]["sha256"] = "0" * 64
    data["document"]["sections"] = []
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert load_document(short_pdf).sections == good.sections
    monkeypatch.setattr(cache, "PARSER_VERSION", "999")
    assert cache.get(good.sha256, "x") is None  # a new parser never reads an old entry


def test_encrypted_documents_are_never_cached(cache_dir, tmp_path):
    locked = build_pdf(tmp_path / "locked.pdf", [H("1. Secret"), P(lorem(40))], encrypt="pw")
    load_document(locked, ReadOptions(password="pw"))
    assert entries(cache_dir) == []


def test_cache_command_shows_and_clears(cache_dir, short_pdf, capsys):
    load_document(short_pdf)
    assert main(["cache"]) == 0
    out = capsys.readouterr().out
    assert str(cache_dir) in out and "1 cached document," in out
    assert main(["cache", "clear"]) == 0
    assert "removed 1 cached document" in capsys.readouterr().out
    assert entries(cache_dir) == []


def test_two_processes_filling_the_cache_at_once(cache_dir, long_pdf):
    cmd = [sys.executable, "-m", "diffy", "parse", str(long_pdf), "--json", "--jobs", "1"]
    procs = [subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [e for _, e in outs]
    assert len({o for o, _ in outs}) == 1
    assert len(entries(cache_dir)) == 1
    assert list((cache_dir / "documents").glob("*.tmp")) == []
    assert load_document(long_pdf).sha256 in entries(cache_dir)[0].name


def test_parallel_extraction_gives_the_same_document(long_pdf):
    seen = []
    serial = parse_pdf(long_pdf, "x", ReadOptions(jobs=1))
    parallel = parse_pdf(long_pdf, "x", ReadOptions(jobs=2), progress=lambda done, total: seen.append((done, total)))
    assert serial.pages >= 12
    assert parallel == serial
    assert seen[-1] == (serial.pages, serial.pages)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_worker_count(monkeypatch):
    assert worker_count(1, 100) == 1
    assert worker_count(3, 2) == 2
    assert worker_count(None, 5) == 1  # short documents stay in one process
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    assert worker_count(None, 400) == 4  # one per core
    assert worker_count(None, 13) == 2  # at least six pages each
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0}, raising=False)
    assert worker_count(None, 400) == 1


def test_jobs_must_be_positive(capsys):
    with pytest.raises(SystemExit):
        main(["parse", "x.pdf", "--jobs", "0"])
    assert "must be 1 or more" in capsys.readouterr().err
