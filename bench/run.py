"""All of diffy's performance figures in one run, as a table of ratios.

    python bench/run.py [--scales 1,10,40] [--repeat 3] [--skip-ui]

Needs the test extra (reportlab draws the scaled documents). Whole-process
figures run `python -m diffy …` as a user would (interpreter start and imports
included) and take the best of `--repeat` wall-clock runs; in-process figures
use CPU time. Rows:

1. cold `diffy parse --no-cache` against bare pdfplumber `extract_words` on the
   same file (both as whole processes), on the sample's 2016 version;
2. `--jobs 2` against `--jobs 1` on ../shared/corpus/wild/i1040nr.pdf (50
   pages), `diffy parse --no-cache`, whole processes;
3. warm against cold `diffy diff --format json` of the sample pair (whole
   processes), and in process (one job, CPU time) a cache hit against a parse;
4. align + diff against ingest of the sample pair (in process), and with ../shared beside the
   checkout, of the longest real pair of ../shared/corpus/real; align + diff of NIST CSF 1.0 → 1.1;
5. end-to-end `diffy diff --format json` of the sample pair, cold and warm;
6. scaling: the sample pair's sections repeated k times (each copy with its own
   words beyond the pair's 200 commonest, as in bench/compare.py), drawn as PDFs,
   then `diffy diff --format json --no-cache` as a whole process: pages per
   side, seconds, seconds per page, and peak memory (max RSS);
7. UI key press to repaint (bench/ui.py), unless `--skip-ui`;
8. the HTML report of the sample pair (bench/report.py): size, first paint in
   headless Chromium, printing with --print-to-pdf; unless `--skip-report` or
   Chromium is not installed;
9. `diffy batch` over ../shared/corpus/versions: pairs per minute with --jobs 1
   and --jobs 2 (warm and cold parse cache) and the Dask scheduler's overhead
   per pair on a LocalCluster (bench/batch.py), unless `--skip-batch`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from compare import common_words, measure_real, scaled  # noqa: E402

from diffy.comparison.compare import compare  # noqa: E402
from diffy.ingest import ReadOptions, load_document  # noqa: E402
from diffy.model import Document  # noqa: E402

SAMPLE = ROOT / "documents" / "meridian"
WILD = ROOT.parent / "shared" / "corpus" / "wild" / "i1040nr.pdf"
BARE = ("import sys, pdfplumber\n"
        "with pdfplumber.open(sys.argv[1]) as pdf:\n"
        "    for p in pdf.pages:\n"
        "        p.extract_words(); p.flush_cache()\n")


def run(args: list[str], env: dict[str, str]) -> tuple[float, int]:
    """(wall seconds, peak RSS in KiB) of one process."""
    t = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - t
    if proc.returncode not in (0, 1):
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}): {err[-400:]}")
    return seconds, usage.ru_maxrss


def best(args: list[str], env: dict[str, str], repeat: int, before=None) -> tuple[float, int]:
    runs = []
    for _ in range(repeat):
        if before:
            before()
        runs.append(run(args, env))
    return min(r[0] for r in runs), max(r[1] for r in runs)


def cpu(fn, *args):
    t = time.process_time()
    out = fn(*args)
    return time.process_time() - t, out


def draw(doc: Document, path: Path) -> Path:
    from tests.pdfgen import H, P, build_pdf

    blocks: list = []
    for s in doc.sections:
        if s.heading:
            blocks.append(H(s.heading.replace("|", "/"), max(1, min(s.level, 4))))
        blocks += [P(p.replace("|", "/")) for p in s.paragraphs]
    return build_pdf(path, blocks, title=doc.title)


def pages_of(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def row(name: str, a: float, b: float, unit: str = "s") -> None:
    print(f"{name:<58} {a:9.3f} {unit}  vs {b:9.3f} {unit}   ratio {a / b:6.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scales", default="1,10,40")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-ui", action="store_true")
    ap.add_argument("--skip-report", action="store_true")
    ap.add_argument("--skip-batch", action="store_true")
    args = ap.parse_args()
    py = sys.executable
    old_pdf, new_pdf = SAMPLE / "1998.pdf", SAMPLE / "2016.pdf"
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DIFFY_CACHE_DIR": str(Path(tmp) / "cache")}

        def clear() -> None:
            subprocess.run([py, "-m", "diffy", "cache", "clear"], cwd=ROOT, env=env, capture_output=True, check=True)

        print(f"{'figure':<58} {'diffy':>11}     {'against':>11}")
        diffy_parse, _ = best([py, "-m", "diffy", "parse", str(new_pdf), "--no-cache"], env, args.repeat)
        bare, _ = best([py, "-c", BARE, str(new_pdf)], env, args.repeat)
        row("1. cold parse --no-cache / bare pdfplumber (2016.pdf)", diffy_parse, bare)
        one_job, _ = best([py, "-m", "diffy", "parse", str(new_pdf), "--no-cache", "--jobs", "1"], env, args.repeat)
        row("   the same with --jobs 1", one_job, bare)
        if WILD.is_file():
            j2, _ = best([py, "-m", "diffy", "parse", str(WILD), "--no-cache", "--jobs", "2"], env, args.repeat)
            j1, _ = best([py, "-m", "diffy", "parse", str(WILD), "--no-cache", "--jobs", "1"], env, args.repeat)
            row("2. parse --jobs 2 / --jobs 1 (i1040nr.pdf, 50 pages)", j2, j1)
        else:
            print("2. skipped: ../shared/corpus/wild/i1040nr.pdf is not here")
        diff_args = [py, "-m", "diffy", "diff", str(old_pdf), str(new_pdf), "--format", "json"]
        cold, _ = best(diff_args, env, args.repeat, before=clear)
        warm, _ = best(diff_args, env, args.repeat)
        row("3. warm / cold diffy diff --format json (sample pair)", warm, cold)
        os.environ["DIFFY_CACHE_DIR"] = env["DIFFY_CACHE_DIR"]
        fresh = ReadOptions(cache=False, jobs=1)
        parse_t = min(cpu(lambda: (load_document(old_pdf, fresh), load_document(new_pdf, fresh)))[0]
                      for _ in range(args.repeat))
        hit_t = min(cpu(lambda: (load_document(old_pdf), load_document(new_pdf)))[0] for _ in range(args.repeat))
        row("   in process: cache hit / parse (sample pair)", hit_t, parse_t)
        old, new = load_document(old_pdf), load_document(new_pdf)
        compare(old, new)
        cmp_t = min(cpu(compare, old, new)[0] for _ in range(args.repeat))
        row("4. align + diff / ingest (sample pair, in process)", cmp_t, parse_t)
        real = measure_real(args.repeat)
        if real:
            longest = max(real, key=lambda r: r.words)
            row(f"   the same, longest real pair ({longest.name})", longest.compare, longest.ingest)
            csf = next((r for r in real if r.name.startswith("nist-csf")), None)
            if csf is not None:
                print(f"{'   align + diff of ' + csf.name + ' (in process)':<58} {csf.compare:9.3f} s")
        else:
            print("   real pairs skipped: ../shared/corpus/real is not here")
        print(f"{'5. diffy diff --format json, sample pair: cold, warm':<58} {cold:9.3f} s       {warm:9.3f} s")
        print()
        print(f"{'6. scale':<10} {'pages/side':>10} {'seconds':>9} {'s/page':>8} {'× 1×':>6} {'peak MiB':>9}")
        common = common_words(old, new)
        first = None
        for k in (int(x) for x in args.scales.split(",")):
            a = draw(scaled(old, k, common), Path(tmp) / f"old-{k}.pdf")
            b = draw(scaled(new, k, common), Path(tmp) / f"new-{k}.pdf")
            pages = max(pages_of(a), pages_of(b))
            secs, rss = run([py, "-m", "diffy", "diff", str(a), str(b), "--format", "json", "--no-cache"], env)
            first = first or secs / pages
            print(f"{k:<10} {pages:10d} {secs:9.1f} {secs / pages:8.3f} {secs / pages / first:6.2f} {rss / 1024:9.0f}")
    if not args.skip_ui:
        from ui import measure, report, report_series

        print()
        report("7. UI, sample pair", *asyncio.run(measure(compare(old, new), 20)))
        report_series(20)
    if not args.skip_report:
        import shutil

        print("\n8. HTML report, sample pair")
        if shutil.which("chromium") or shutil.which("chromium-browser"):
            subprocess.run([py, str(ROOT / "bench" / "report.py"), "--repeat", "5", "--scales", "1"], cwd=ROOT,
                           check=True)
        else:
            print("skipped: Chromium is not installed")
    if not args.skip_batch:
        import batch

        print()
        print("9. diffy batch over ../shared/corpus/versions")
        if batch.CORPUS.is_dir():
            with tempfile.TemporaryDirectory() as tmp:
                env = {**os.environ, "DIFFY_CACHE_DIR": str(Path(tmp) / "cache"), "PYTHONPATH": str(ROOT)}
                batch.batch(batch.CORPUS, Path(tmp) / "out", env, "--jobs", "2")  # fill the parse cache
                batch.speed(batch.CORPUS, Path(tmp), env, args.repeat, cold=False)
                batch.speed(batch.CORPUS, Path(tmp), env, 1, cold=True)
                batch.cluster(batch.CORPUS, Path(tmp), env, args.repeat)
        else:
            print("   skipped: ../shared/corpus/versions is not here")


if __name__ == "__main__":
    main()
