"""`diffy batch`: discovery, outputs, the index, resuming, failures, the local pool and a Dask cluster."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from diffy.cli import main
from diffy.series import read_series
from tests.batchgen import collection, write_series
from tests.conftest import CORPUS, ROOT, needs_shared

SCHEMA = json.loads((ROOT / "docs" / "schema" / "diffy.comparison-1.json").read_text(encoding="utf-8"))


def validate(data: dict) -> None:
    """The comparison against DESIGN.md's contract (docs/schema), and the summary against its own pairs."""
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema (test extra) checks the JSON contract")
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    counts = {r: sum(1 for p in data["pairs"] if p["relation"] == r) for r in data["summary"]["pairs"]}
    assert counts == data["summary"]["pairs"]


def done(err: str) -> list[str]:
    """The pairs a run's progress lines say it compared and recorded."""
    return re.findall(r"^\[ *\d+/\d+\] done +(\S+)", err, re.M)


def outputs(out: Path) -> dict[str, bytes]:
    """Every file of a batch's output folder but its resume records, the index with its timings blanked."""
    files = {}
    for p in sorted(out.rglob("*")):
        rel = p.relative_to(out).as_posix()
        if p.is_file() and not rel.startswith(".state/"):
            files[rel] = p.read_bytes()
    index = json.loads(files.pop("index.json"))
    for row in index["pairs"]:
        row["seconds"] = row["read_seconds"] = 0
    files["index.json"] = json.dumps(index).encode()
    rows = list(csv.DictReader(io.StringIO(files.pop("index.csv").decode())))
    files["index.csv"] = json.dumps([{**r, "seconds": "", "read_seconds": ""} for r in rows]).encode()
    return files


def test_one_json_per_adjacent_pair_as_diffy_diff_prints_it_and_an_index(tmp_path, capsys):
    src = collection(tmp_path / "policies")
    out = tmp_path / "out"
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1"]) == 0
    std = capsys.readouterr()
    assert "7 pairs: 7 compared, 0 current, 0 failed" in std.out
    assert "7 pairs in 3 series: 0 current (skipped), 7 to compare" in std.err
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert index["schema"] == "diffy.batch/1"
    names = [(r["series"], r["old"], r["new"]) for r in index["pairs"]]
    assert names == [("policies/alpha", "2001", "2002"), ("policies/alpha", "2002", "2003"),
                     ("policies/alpha", "2003", "2004"), ("policies/group/beta", "v1", "v2"),
                     ("policies/group/beta", "v2", "v3"), ("policies/group/gamma", "2001", "2002"),
                     ("policies/group/gamma", "2002", "2003")]
    row = index["pairs"][3]
    assert row["outputs"] == ["policies/group/beta/v1--v2.json"] and row["error"] is None
    assert row["old_source"] == str(src / "group" / "beta" / "first.md")
    data = json.loads((out / row["outputs"][0]).read_text(encoding="utf-8"))
    validate(data)
    assert row["pairs"] == data["summary"]["pairs"] and row["words_inserted"] == data["summary"]["words_inserted"]
    scores = [c["significance"]["score"] for p in data["pairs"] for c in p["changes"] if c["kind"] != "move"]
    assert row["top"] and row["top"][0]["score"] == max(scores) and row["significant"] == sum(s >= 0.3 for s in scores)
    # each JSON is byte for byte what `diffy diff OLD NEW --format json` prints
    for r in index["pairs"]:
        assert main(["diff", r["old_source"], r["new_source"], "--format", "json"]) == 1
        assert capsys.readouterr().out == (out / r["outputs"][0]).read_text(encoding="utf-8")
    table = list(csv.DictReader(io.StringIO((out / "index.csv").read_text(encoding="utf-8"))))
    assert [(t["series"], t["old"], t["new"]) for t in table] == names
    assert table[3]["edited"] == str(row["pairs"]["edited"]) and table[3]["top_score"] == str(row["top"][0]["score"])


def test_a_rerun_skips_current_pairs_and_redoes_only_what_changed(tmp_path, capsys):
    src = collection(tmp_path / "policies")
    out = tmp_path / "out"
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1"]) == 0
    first = outputs(out)
    capsys.readouterr()
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    assert "7 current (skipped), 0 to compare" in err and not done(err)
    assert outputs(out) == first
    middle = src / "alpha" / "2002.md"
    middle.write_text(middle.read_text(encoding="utf-8").replace("shall", "may"), encoding="utf-8")
    (out / "policies/group/gamma/2002--2003.json").write_text("{}", encoding="utf-8")  # an output spoiled
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    assert "4 current (skipped), 3 to compare" in err
    redone = sorted(done(err))
    assert redone == ["policies/alpha/2001--2002", "policies/alpha/2002--2003", "policies/group/gamma/2002--2003"]
    # reading options that change what a document says (a web page's parts, Word revisions) are in the keys
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1", "--remove", "nav"]) == 0
    assert "0 current (skipped), 7 to compare" in capsys.readouterr().err
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1", "--revisions", "original,accepted"]) == 2
    assert "--revisions takes one value here" in capsys.readouterr().err


def test_an_unreadable_document_is_an_error_row_and_the_batch_goes_on(tmp_path, capsys):
    src = collection(tmp_path / "policies")
    (src / "alpha" / "2003.pdf").write_bytes(b"%PDF-1.7\nthis is not a PDF at all\n")
    (src / "alpha" / "2003.md").unlink()
    out = tmp_path / "out"
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1"]) == 2
    std = capsys.readouterr()
    assert std.err.strip().splitlines()[-1] == f"diffy: {out / 'index.csv'}: 2 of 7 pairs failed (their rows say why)"
    rows = json.loads((out / "index.json").read_text(encoding="utf-8"))["pairs"]
    failed = [r for r in rows if r["error"]]
    assert [(r["old"], r["new"]) for r in failed] == [("2002", "2003"), ("2003", "2004")]
    assert all(r["error"].startswith(str(src / "alpha" / "2003.pdf") + ": ") for r in failed)
    assert all(r["outputs"] == [] and r["pairs"] is None for r in failed)
    assert sum(1 for r in rows if not r["error"] and (out / r["outputs"][0]).is_file()) == 5
    assert "Traceback" not in std.err
    # failures are tried again on the next run; the rest is current
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1"]) == 2
    assert "5 current (skipped), 2 to compare" in capsys.readouterr().err


def test_a_broken_series_description_is_an_error_row(tmp_path, capsys):
    src = collection(tmp_path / "policies")
    (src / "group" / "beta" / "series.json").write_text("{not json", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1"]) == 2
    rows = json.loads((out / "index.json").read_text(encoding="utf-8"))["pairs"]
    [bad] = [r for r in rows if r["error"]]
    assert bad["series"] == "policies/group/beta" and "cannot be read as a series description" in bad["error"]
    assert len(rows) == 6 and "1 of 6 pairs failed" in capsys.readouterr().err


@pytest.mark.parametrize("case", ["out is a file", "out is someone else's", "no dir", "dir is a file", "no series",
                                  "same names"])
def test_a_bad_out_or_dir_is_one_line_and_exit_2(tmp_path, capsys, case):
    src = collection(tmp_path / "policies")
    out = tmp_path / "out"
    dirs = [str(src)]
    if case == "out is a file":
        out.write_text("x", encoding="utf-8")
        expected = f"diffy: {out}: is a file, not a folder for the batch's outputs"
    elif case == "out is someone else's":
        out.mkdir()
        (out / "thesis.tex").write_text("x", encoding="utf-8")
        expected = f"diffy: {out}: is not empty and not a diffy batch folder (it has no .state)"
    elif case == "no dir":
        dirs = [str(tmp_path / "missing")]
        expected = f"diffy: {tmp_path / 'missing'}: no such folder"
    elif case == "dir is a file":
        dirs = [str(src / "alpha" / "2001.md")]
        expected = f"diffy: {src / 'alpha' / '2001.md'}: is not a folder of versions"
    elif case == "no series":
        (tmp_path / "empty" / "sub").mkdir(parents=True)
        (tmp_path / "empty" / "sub" / "only.md").write_text("# One\n", encoding="utf-8")
        dirs = [str(tmp_path / "empty")]
        expected = f"diffy: {tmp_path / 'empty'}: no series found"
    else:
        write_series(tmp_path / "elsewhere" / "policies" / "alpha", 9, 2)
        dirs = [str(src), str(tmp_path / "elsewhere" / "policies")]
        expected = f"diffy: {tmp_path / 'elsewhere' / 'policies' / 'alpha'}: its series would be written where"
    assert main(["batch", *dirs, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(expected) and len(err.strip().splitlines()) == 1
    if case == "out is someone else's":
        assert sorted(p.name for p in out.iterdir()) == ["thesis.tex"]


def test_discovery_skips_hidden_folders_and_the_output_folder_inside_a_dir(tmp_path, capsys):
    src = collection(tmp_path / "policies")
    write_series(src / ".drafts", 5, 2)
    out = src / "batch-out"
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1"]) == 0
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1"]) == 0  # its own outputs are not a series
    assert "7 pairs in 3 series: 7 current" in capsys.readouterr().err


def test_pairs_all_compares_every_pair_and_keeps_the_adjacent_ones(tmp_path, capsys):
    src = collection(tmp_path / "policies")
    out = tmp_path / "out"
    assert main(["batch", str(src / "alpha"), "-o", str(out), "--jobs", "1"]) == 0
    assert main(["batch", str(src / "alpha"), "-o", str(out), "--jobs", "1", "--pairs", "all"]) == 0
    assert "6 pairs in 1 series: 3 current (skipped), 3 to compare" in capsys.readouterr().err
    rows = json.loads((out / "index.json").read_text(encoding="utf-8"))["pairs"]
    assert [(r["old"], r["new"]) for r in rows] == [("2001", "2002"), ("2001", "2003"), ("2001", "2004"),
                                                   ("2002", "2003"), ("2002", "2004"), ("2003", "2004")]


def test_exports_are_what_diffy_export_writes_with_the_pairs_notes(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("DIFFY_WORKSPACE", str(tmp_path))
    series = tmp_path / "documents" / "policy"
    v1, v2, v3 = write_series(series, 4, 3)
    quote = " ".join(v1.read_text(encoding="utf-8").split("## 1. Scope\n\n")[1].split()[:8])
    assert main(["annotate", str(v1), str(v2), "--quote", quote, "--side", "old", "--note",
                 "A <b>note</b> on [the] scope", "--tag", "scope"]) == 0
    capsys.readouterr()
    out = tmp_path / "out"
    batch = ["batch", str(tmp_path / "documents"), "-o", str(out), "--jobs", "1", "--format", "markdown",
             "--format", "html"]
    assert main(batch) == 0
    capsys.readouterr()
    for old, new in ((v1, v2), (v2, v3)):  # the second carries the first's note
        for fmt, suffix in (("markdown", ".md"), ("html", ".html")):
            assert main(["export", str(old), str(new), "--format", fmt]) == 0
            expected = capsys.readouterr().out
            written = (out / "documents" / "policy" / f"{old.stem}--{new.stem}{suffix}").read_text(encoding="utf-8")
            assert written == expected
    md = (out / "documents/policy/2001--2002.md").read_text(encoding="utf-8")
    assert "A &lt;b&gt;note&lt;/b&gt; on \\[the\\] scope" in md and "<b>" not in md
    assert "↪ 2001 → 2002" in (out / "documents/policy/2002--2003.md").read_text(encoding="utf-8")
    # a new note makes the exports out of date, not the JSON
    assert main(["annotate", str(v1), str(v2), "--quote", quote, "--side", "old", "--note", "again"]) == 0
    capsys.readouterr()
    assert main(batch) == 0
    assert "0 current (skipped), 2 to compare" in capsys.readouterr().err


def test_the_csv_index_cannot_run_formulas_and_the_summary_prints_no_escapes():
    from diffy.batch.index import index_csv, summary_table

    row = {"series": "=HYPERLINK(\"http://x\")", "old": "-2+3", "new": "@SUM(A1)", "old_pages": 1, "new_pages": 1,
           "pairs": {"edited": 1}, "words_inserted": 3, "words_deleted": 1, "significant": 1,
           "top": [{"score": 0.5, "section": "\x1b[31mred\x1b[0m", "old": "a", "new": "b", "reasons": []}],
           "seconds": 0.1, "read_seconds": 0.0, "error": None, "outputs": []}
    [cells] = list(csv.DictReader(io.StringIO(index_csv([row]))))
    assert cells["series"] == "'=HYPERLINK(\"http://x\")" and cells["old"] == "'-2+3" and cells["new"] == "'@SUM(A1)"
    assert cells["words_inserted"] == "3"
    table = summary_table([row])
    assert "\x1b" not in table and "red" in table


def test_the_local_pool_writes_what_one_process_writes(tmp_path):
    src = collection(tmp_path / "policies")
    one, two = tmp_path / "one", tmp_path / "two"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for out, jobs in ((one, "1"), (two, "2")):
        run = subprocess.run([sys.executable, "-m", "diffy", "batch", str(src), "-o", str(out), "--jobs", jobs,
                              "--format", "markdown"], capture_output=True, text=True, env=env, timeout=120)
        assert run.returncode == 0, run.stderr
    assert outputs(one) == outputs(two)
    assert len([k for k in outputs(one) if k.endswith(".md")]) == 7


def _finished(out: Path) -> set[str]:
    state = out / ".state"
    return {p.relative_to(state).with_suffix("").as_posix() for p in state.rglob("*.json")}


def _kill_when(proc: subprocess.Popen, log: Path, pairs_done: int, jitter: float) -> None:
    """Kill -9 `proc` once its progress shows `pairs_done` more pairs done, `jitter` seconds later."""
    import time

    while len(done(log.read_text())) < pairs_done and proc.poll() is None:
        time.sleep(0.002)
    time.sleep(jitter)
    proc.kill()


def test_kill_9_at_random_moments_then_rerun_gives_the_same_files_and_redoes_no_finished_pair(tmp_path):
    import random

    src = tmp_path / "policies"
    for k in range(4):
        write_series(src / f"s{k}", 10 + k, 4, sections=8, paragraphs=4)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "diffy", "batch", str(src), "--jobs", "1", "--format", "markdown", "-o"]
    ref = subprocess.run([*cmd, str(tmp_path / "ref")], capture_output=True, text=True, env=env, timeout=120)
    assert ref.returncode == 0, ref.stderr
    out = tmp_path / "out"
    rng = random.Random(19)
    done_in: dict[str, int] = {}  # pair → the run that printed it done
    finished_before: set[str] = set()
    for run in range(11):
        log = tmp_path / f"run-{run}.err"
        with log.open("w") as err:
            proc = subprocess.Popen([*cmd, str(out)], stdout=subprocess.DEVNULL, stderr=err, env=env)
            if run < 10:  # at a random moment: while starting, or a pair or two in, mid-write or between
                _kill_when(proc, log, rng.choice([0, 0, 1, 1, 2]), rng.uniform(0, 0.03))
            proc.wait(timeout=120)
        for pair in done(log.read_text()):
            assert pair not in finished_before, f"run {run} computed {pair} again after it had finished"
            assert pair not in done_in
            done_in[pair] = run
        finished_before = _finished(out)
    assert proc.returncode == 0
    assert not list(out.rglob(".*.tmp"))
    assert outputs(out) == outputs(tmp_path / "ref")
    assert _finished(out) == _finished(tmp_path / "ref") and len(_finished(out)) == 12
    assert len(set(done_in.values())) >= 5  # the pairs were done over several runs, not all in one


def test_after_kill_9_the_pools_workers_leave(tmp_path):
    import time

    psutil = pytest.importorskip("psutil", reason="psutil (with Dask, in the test extra) finds the pool's workers")
    src = tmp_path / "policies"
    for k in range(3):
        write_series(src / f"s{k}", 20 + k, 4, sections=8, paragraphs=4)
    log = tmp_path / "err"
    with log.open("w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "diffy", "batch", str(src), "--jobs", "2", "-o",
                                 str(tmp_path / "out")], stdout=subprocess.DEVNULL, stderr=err,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        while not done(log.read_text()) and proc.poll() is None:
            time.sleep(0.005)
        helpers = psutil.Process(proc.pid).children(recursive=True)
        proc.kill()
        proc.wait()
    assert len(helpers) >= 3  # the fork server and the two workers (and a resource tracker)
    gone, alive = psutil.wait_procs(helpers, timeout=5)
    assert not alive


def test_a_dask_cluster_writes_what_the_local_pool_writes(tmp_path, capsys):
    pytest.importorskip("distributed", reason="Dask (the cluster extra, in the test extra) is not installed")
    from distributed import LocalCluster

    src = collection(tmp_path / "policies")
    (src / "alpha" / "2002-06.pdf").write_bytes(b"not a pdf")  # between 2002 and 2003: two error rows
    local, dask = tmp_path / "local", tmp_path / "dask"
    assert main(["batch", str(src), "-o", str(local), "--jobs", "2", "--format", "markdown"]) == 2
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        assert main(["batch", str(src), "-o", str(dask), "--format", "markdown",
                     "--scheduler", cluster.scheduler_address]) == 2
    assert outputs(dask) == outputs(local)
    assert "2 of 8 pairs failed" in capsys.readouterr().err


def test_no_scheduler_there_is_one_line(tmp_path, capsys, monkeypatch):
    pytest.importorskip("distributed", reason="Dask (the cluster extra, in the test extra) is not installed")
    monkeypatch.setattr("diffy.batch.cluster.CONNECT_TIMEOUT", "0.5s")
    src = collection(tmp_path / "policies")
    assert main(["batch", str(src), "-o", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("diffy: tcp://127.0.0.1:9: cannot reach a Dask scheduler there") and "Traceback" not in err
    assert main(["batch", str(src), "-o", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9",
                 "--jobs", "2"]) == 2
    assert "give one or the other" in capsys.readouterr().err


def _plan(src: Path):
    from diffy.batch.discover import find_series
    from diffy.batch.jobs import plan

    return plan(find_series([src]))


def test_workers_killed_mid_batch_are_replaced_and_their_tasks_run_again(tmp_path):
    psutil = pytest.importorskip("psutil", reason="psutil (with Dask, in the test extra) finds the pool's workers")
    from diffy.batch.local import run_local
    from diffy.ingest import ReadOptions

    jobs = _plan(collection(tmp_path / "policies"))
    results = []
    for job, result in run_local(jobs, ReadOptions(jobs=1), workers=2):
        if not results:  # the pool's workers are the children of its fork server, a child of this process
            servers = [c for c in psutil.Process().children() if "forkserver" in " ".join(c.cmdline())]
            workers = [w for server in servers for w in server.children()]
            assert len(workers) == 2
            for w in workers:
                w.kill()
        results.append((job.name, result.error))
    assert sorted(results) == sorted((job.name, None) for job in jobs)


def test_a_task_in_flight_when_the_pool_breaks_twice_fails_with_a_row(tmp_path):
    from concurrent.futures import Future

    from diffy.batch.local import _Scheduler
    from diffy.ingest import ReadOptions

    jobs = _plan(collection(tmp_path / "policies"))

    class Pool:
        def submit(self, fn, *args):
            return Future()

    s = _Scheduler(jobs, ReadOptions(jobs=1), workers=1)
    s.fill(Pool())
    assert len(s.running) == 2 and all(isinstance(item, type(jobs[0].old)) for item, _ in s.running.values())
    assert s.restart(Pool()) == [] and len(s.running) == 2  # the first death: both reads go again
    assert s.restart(Pool()) == [] and not s.running  # the second: they fail, as reads …
    assert all(r.error and "died twice" in r.error for r in s.reads.values())
    s.fill(Pool())  # … so the pair that needed them runs and reports the failure
    [args] = [args for item, args in s.running.values() if item is s_first(jobs)]
    assert "died twice" in args[1].error and "died twice" in args[2].error


def s_first(jobs):
    from diffy.batch.local import work_order

    return work_order(jobs)[0]


@needs_shared
def test_the_corpus_batch_has_one_valid_json_per_adjacent_pair_and_an_error_row_for_a_broken_copy(tmp_path, capsys):
    """The one corpus-wide check: ../shared/corpus/versions, documents/ and real/amazon-dsa (the same files as
    a versions series, nested one folder deeper) in one batch, with a copy of a series that has a broken file
    added. (The rest of ../shared/corpus/real, 200 pages of PDF more, is batched by hand: see the README.)"""
    copy = tmp_path / "broken" / "contributor-covenant"
    shutil.copytree(CORPUS / "versions" / "contributor-covenant", copy)
    (copy / "1.5.pdf").write_bytes((CORPUS / "versions" / "amazon-dsa-risk-assessment" / "2023.pdf").read_bytes()[:900])
    out = tmp_path / "out"
    dirs = [CORPUS / "versions", CORPUS / "real" / "amazon-dsa", ROOT / "documents", tmp_path / "broken"]
    assert main(["batch", *map(str, dirs), "-o", str(out), "--jobs", "2"]) == 2
    assert "2 of 30 pairs failed" in capsys.readouterr().err
    rows = json.loads((out / "index.json").read_text(encoding="utf-8"))["pairs"]
    expected = []
    for d in dirs:
        for folder in sorted({p.parent for p in d.rglob("*") if p.suffix in (".pdf", ".md", ".txt")}):
            names = [v.label for v in read_series(folder)]
            base = f"{d.name}/{folder.relative_to(d).as_posix()}".removesuffix("/.")
            expected += [(base, a, b) for a, b in zip(names, names[1:], strict=False)]
    assert [(r["series"], r["old"], r["new"]) for r in rows] == expected
    failed = [(r["old"], r["new"]) for r in rows if r["error"]]
    assert failed == [("1.4", "1.5"), ("1.5", "2.0")]
    on_disk = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json")
                     if ".state" not in p.parts and p.name != "index.json")
    assert on_disk == sorted(r["outputs"][0] for r in rows if not r["error"])
    for rel in on_disk:
        validate(json.loads((out / rel).read_text(encoding="utf-8")))


def test_progress_lines_say_done_failed_and_the_time_left_by_bytes(monkeypatch):
    from diffy.batch import progress

    clock = iter([0.0, 10.0, 20.0])
    monkeypatch.setattr(progress.time, "monotonic", lambda: next(clock))
    buf = io.StringIO()
    p = progress.progress_for(5, buf)  # not a terminal: plain lines
    p.begin(todo=3, series=2, failed=1, weight=1000)
    p.pair("s/a--b", 2.5, weight=250)  # a quarter of the bytes in 10 s: 30 s left, though a third of the pairs
    p.pair("s/b--c", 0.1, error="s/c.pdf: is damaged\x1b[2J", weight=250)
    assert buf.getvalue().splitlines() == [
        "5 pairs in 2 series: 1 current (skipped), 3 to compare, 1 failed before starting",
        "[1/3] done    s/a--b  2.5 s  1 failed, about 0:30 left",
        "[2/3] failed  s/b--c: s/c.pdf: is damaged [2J"]


def test_each_document_is_read_once_a_run_even_under_two_names(tmp_path, capsys, monkeypatch):
    import diffy.batch.local as local

    src = collection(tmp_path / "policies")
    shutil.copytree(src / "alpha", src / "alpha-copy")  # the same four files again
    (src / "alpha" / "2002-06.pdf").write_bytes(b"not a pdf")
    (src / "alpha-copy" / "2002-06.pdf").write_bytes(b"not a pdf")
    reads = []
    real = local.read_document
    monkeypatch.setattr(local, "read_document", lambda doc, options: reads.append(doc.source) or real(doc, options))
    assert main(["batch", str(src), "-o", str(tmp_path / "out"), "--jobs", "1"]) == 2
    assert len(reads) == 5 + 3 + 3  # alpha's five files (its copy's are the same), beta's three, gamma's three
    rows = json.loads((tmp_path / "out" / "index.json").read_text(encoding="utf-8"))["pairs"]
    for series in ("policies/alpha", "policies/alpha-copy"):  # each error names its own file
        errors = {r["error"] for r in rows if r["series"] == series and r["error"]}
        assert errors == {f"{src / series.split('/')[1] / '2002-06.pdf'}: is not a PDF file (no %PDF header)"}
    copy = {r["new"]: r["new_source"] for r in rows if r["series"] == "policies/alpha-copy"}
    assert copy["2004"] == str(src / "alpha-copy" / "2004.md")
    data = json.loads((tmp_path / "out" / "policies/alpha-copy/2003--2004.json").read_text(encoding="utf-8"))
    assert data["new"]["source"] == str(src / "alpha-copy" / "2004.md")
    capsys.readouterr()
