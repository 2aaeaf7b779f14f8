"""`diffy batch` benchmark: pairs per minute with --jobs 1 and --jobs 2, the Dask scheduler's overhead per
pair, and (`--kill N`) kill -9 at random moments then rerun.

    python bench/batch.py [--corpus ../shared/corpus/versions] [--repeat 2] [--skip-cluster] [--kill 10]

Every figure runs `python -m diffy batch …` as a whole process into a new
output folder (interpreter start and imports included), best of `--repeat`:

1. warm: the parse cache already holds every document (comparing dominates);
2. cold: an empty parse cache (the PDFs are parsed too);
   with each, the seconds its tasks took by the index (comparing and reading
   every pair): when they grow from --jobs 1 to --jobs 2 the two cores were not
   both free, and their share of twice the wall time says how busy the pool
   kept its two workers;
3. the same warm batch through a Dask LocalCluster (two worker processes of one
   thread each, started beforehand as a real cluster would be) against the
   local pool with --jobs 2: the difference per pair is the scheduler's
   overhead (task submission, moving documents and results, the client);
   and the same on 60 tiny generated pairs, where comparing costs almost nothing;
4. `--kill N`: N runs of the warm batch killed with SIGKILL at random moments
   (while starting, or after 1 to 3 more pairs, with a random delay of up to
   50 ms so that some land mid-write), each followed by the next run,
   then a final run: whether the outputs are byte-identical to an uninterrupted
   run, and how many pairs were computed again after their record was written.

The machine is shared, so the load average before and after each figure is
printed with it; read the ratios, and measure when the load is low.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "versions"
DONE = re.compile(r"^\[ *\d+/\d+\] done +(\S+)", re.M)


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def batch(corpus: Path, out: Path, env: dict[str, str], *extra: str) -> float:
    """Wall seconds of one whole `diffy batch` into a new folder `out`."""
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "diffy", "batch", str(corpus), "-o", str(out), *extra],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"diffy batch failed ({proc.returncode}): {proc.stderr[-600:]}")
    return seconds


def best(repeat: int, fn, *args) -> float:
    return min(fn(*args) for _ in range(repeat))


def pairs_in(out: Path) -> int:
    import json

    return len(json.loads((out / "index.json").read_text(encoding="utf-8"))["pairs"])


def task_seconds(out: Path) -> float:
    """The seconds the batch's tasks took, from its index: each pair's comparing and reading (a document
    shared by two pairs counts in both; in the versions corpus those are texts read in milliseconds)."""
    import json

    rows = json.loads((out / "index.json").read_text(encoding="utf-8"))["pairs"]
    return sum(r["seconds"] + r["read_seconds"] for r in rows)


def speed(corpus: Path, tmp: Path, env: dict[str, str], repeat: int, cold: bool) -> int:
    cache = Path(env["DIFFY_CACHE_DIR"])

    tasks: dict[str, float] = {}

    def run(jobs: str) -> float:
        if cold:
            shutil.rmtree(cache, ignore_errors=True)
        seconds = batch(corpus, tmp / "out", env, "--jobs", jobs)
        tasks[jobs] = min(tasks.get(jobs, float("inf")), task_seconds(tmp / "out"))
        return seconds

    before = load()
    one = best(repeat, run, "1")
    ideal = two_free_cores(corpus, tmp / "out")
    two = best(repeat, run, "2")
    n = pairs_in(tmp / "out")
    name = "cold (empty parse cache)" if cold else "warm (documents in the parse cache)"
    print(f"{name}, {n} pairs   [{before} → {load()}]")
    print(f"  --jobs 1  {one:7.2f} s  {60 * n / one:7.1f} pairs/min   tasks {tasks['1']:6.1f} s")
    print(f"  --jobs 2  {two:7.2f} s  {60 * n / two:7.1f} pairs/min   tasks {tasks['2']:6.1f} s   "
          f"speed-up {one / two:.2f}×, workers busy {100 * tasks['2'] / two / 2:.0f} % of the time")
    print(f"  two free cores, from --jobs 1's task times in the pool's order: {ideal:.2f} s of tasks, "
          f"speed-up at most {tasks['1'] / ideal:.2f}× (an estimate, not a measurement)")
    return n


def two_free_cores(corpus: Path, out: Path) -> float:
    """How long the tasks of the last run into `out` would take on two free cores: its pairs' task seconds
    handed, in the order the pool starts them, to whichever of two workers is free first."""
    import json

    from diffy.batch.discover import find_series
    from diffy.batch.jobs import plan
    from diffy.batch.local import work_order

    rows = {(r["series"], f"{r['old']}--{r['new']}"): r["seconds"] + r["read_seconds"]
            for r in json.loads((out / "index.json").read_text(encoding="utf-8"))["pairs"]}
    free = [0.0, 0.0]
    for job in work_order(plan(find_series([corpus]))):
        k = free.index(min(free))
        free[k] += rows[job.series, "--".join(job.labels)]
    return max(free)


def cluster(corpus: Path, tmp: Path, env: dict[str, str], repeat: int) -> None:
    try:
        from distributed import LocalCluster
    except ImportError:
        print("3. skipped: Dask is not installed (pip install 'diffy[cluster]')")
        return
    from tests.batchgen import write_series

    tiny = tmp / "tiny"
    for k in range(12):
        write_series(tiny / f"s{k:02d}", 100 + k, 6, sections=3, paragraphs=1)
    os.environ.update(env)  # the cluster's workers read from the same parse cache
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        for name, folder in (("versions corpus", corpus), ("60 tiny generated pairs", tiny)):
            batch(folder, tmp / "warm", env, "--jobs", "2")  # fill the cache, start the workers' imports
            batch(folder, tmp / "warm", env, "--scheduler", c.scheduler_address)
            before = load()
            local = best(repeat, batch, folder, tmp / "out", env, "--jobs", "2")
            dask = best(repeat, batch, folder, tmp / "out", env, "--scheduler", c.scheduler_address)
            n = pairs_in(tmp / "out")
            print(f"Dask LocalCluster (2 workers) against --jobs 2, warm, {name}, {n} pairs   "
                  f"[{before} → {load()}]")
            print(f"  --jobs 2      {local:7.2f} s  {60 * n / local:7.1f} pairs/min")
            print(f"  --scheduler   {dask:7.2f} s  {60 * n / dask:7.1f} pairs/min   "
                  f"overhead {1000 * (dask - local) / n:+.0f} ms per pair")


def kill(corpus: Path, tmp: Path, env: dict[str, str], times: int, seed: int = 19) -> None:
    ref, out = tmp / "ref", tmp / "killed"
    batch(corpus, ref, env, "--jobs", "2", "--format", "markdown")
    total = pairs_in(ref)
    shutil.rmtree(out, ignore_errors=True)
    rng = random.Random(seed)
    finished: set[str] = set()
    again = 0
    runs = []
    for run in range(times + 1):
        log = tmp / f"kill-{run}.err"
        with log.open("w") as err:
            proc = subprocess.Popen([sys.executable, "-m", "diffy", "batch", str(corpus), "-o", str(out), "--jobs",
                                     "2", "--format", "markdown"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                    stderr=err)
            target = rng.randint(0, 3) if run < times else None
            if target is not None:
                while len(DONE.findall(log.read_text())) < target and proc.poll() is None:
                    time.sleep(0.005)
                time.sleep(rng.uniform(0, 0.05))
                os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        done = DONE.findall(log.read_text())
        again += sum(1 for p in done if p in finished)
        state = out / ".state"
        finished = {p.relative_to(state).with_suffix("").as_posix() for p in state.rglob("*.json")}
        runs.append((target, len(done), len(finished)))
    same = all((out / p.relative_to(ref)).read_bytes() == p.read_bytes()
               for p in ref.rglob("*") if p.is_file() and ".state" not in p.parts and not p.name.startswith("index"))
    same_index = _timeless(ref / "index.json") == _timeless(out / "index.json")
    leftovers = len(list(out.rglob(".*.tmp")))
    print(f"kill -9 {times} times, then a final run ({total} pairs, --jobs 2, with Markdown exports)")
    for k, (target, done, have) in enumerate(runs):
        when = "not killed" if target is None else f"killed after {target} more pair(s) done + up to 50 ms"
        print(f"  run {k:2d}: {when:<42} printed {done:2d} done; {have:2d} of {total} recorded")
    print(f"  pairs computed again after their record was written: {again}")
    print(f"  final per-pair files byte-identical to an uninterrupted run: {'yes' if same else 'NO'}; "
          f"index the same but for its timings: {'yes' if same_index else 'NO'}; temporary files left: {leftovers}")


def _timeless(index: Path) -> list[dict]:
    import json

    rows = json.loads(index.read_text(encoding="utf-8"))["pairs"]
    return [{k: v for k, v in r.items() if k not in ("seconds", "read_seconds")} for r in rows]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--skip-cold", action="store_true")
    ap.add_argument("--skip-cluster", action="store_true")
    ap.add_argument("--kill", type=int, default=0, metavar="N", help="also kill -9 N times, then rerun")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"{args.corpus}: not here (the versions corpus is in ../shared/corpus/versions)")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        env = {**os.environ, "DIFFY_CACHE_DIR": str(tmp / "cache"), "PYTHONPATH": str(ROOT)}
        batch(args.corpus, tmp / "out", env, "--jobs", "2")  # fill the parse cache
        speed(args.corpus, tmp, env, args.repeat, cold=False)
        if not args.skip_cold:
            speed(args.corpus, tmp, env, args.repeat, cold=True)
        if not args.skip_cluster:
            cluster(args.corpus, tmp, env, args.repeat)
        if args.kill:
            kill(args.corpus, tmp, env, args.kill)


if __name__ == "__main__":
    main()
