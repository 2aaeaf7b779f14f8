"""Reading a PDF's pages in worker processes.

pdfplumber is pure Python, so threads do not help; processes do, once a
document has enough pages to repay starting them. Each worker opens the file
itself and reads a run of consecutive pages; the runs are put back in page
order, so the result is the same as reading in one process.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from diffy.errors import InputError
from diffy.model import Page

MIN_PAGES = 12  # below this, starting workers costs more than it saves
PAGES_PER_WORKER = 6
MAX_WORKERS = 8
CHUNKS_PER_WORKER = 4  # several runs per worker: even finish times, finer progress


def worker_count(jobs: int | None, pages: int) -> int:
    """Processes to use: `jobs` when given, else one per core when the document is long enough."""
    if jobs is not None:
        return max(1, min(jobs, pages))
    if pages < MIN_PAGES:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, MAX_WORKERS, pages // PAGES_PER_WORKER))


def _context():  # multiprocessing is imported only when a document is long enough to need it
    import multiprocessing

    # fork where there is one: it starts fast and needs no helper process (spawn's resource
    # tracker cannot start under the UI, whose stderr is not a real file); the children only
    # read pages, so the UI's other threads are no hazard to them
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _work(path: str, password: str | None, start: int, stop: int) -> tuple[int, list[Page] | str]:
    from diffy.ingest.pdf import read_range

    try:
        return start, read_range(Path(path), password, start, stop)
    except InputError as e:
        return start, e.problem


def read_parallel(path: Path, password: str | None, n: int, workers: int,
                  progress: Callable[[int, int], None] | None = None, deadline: float | None = None) -> list[Page]:
    """The document's pages read by `workers` processes; in this process if they cannot start."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        return _read_parallel(path, password, n, workers, progress, deadline)
    except (OSError, ValueError, BrokenProcessPool):
        from diffy.ingest.pdf import read_range

        pages = read_range(path, password, 0, n)
        if progress is not None:
            progress(n, n)
        return pages


def _read_parallel(path: Path, password: str | None, n: int, workers: int,
                   progress: Callable[[int, int], None] | None, deadline: float | None) -> list[Page]:
    from concurrent.futures import ProcessPoolExecutor, as_completed

    size = max(1, -(-n // (workers * CHUNKS_PER_WORKER)))
    runs = [(a, min(a + size, n)) for a in range(0, n, size)]
    done_pages = 0
    results: dict[int, list[Page]] = {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        futures = [pool.submit(_work, str(path), password, a, b) for a, b in runs]
        try:
            timeout = None if deadline is None else max(deadline - time.monotonic(), 0.0)
            for fut in as_completed(futures, timeout=timeout):
                start, out = fut.result()
                if isinstance(out, str):
                    raise InputError(path, out)
                results[start] = out
                done_pages += len(out)
                if progress is not None:
                    progress(done_pages, n)
        except TimeoutError:
            _stop(pool)
            raise InputError(path, "took too long to read (a pathological PDF?); raise the limit with --time-limit") \
                from None
        except BaseException:
            for f in futures:
                f.cancel()
            raise
    return [page for a, _ in runs for page in results[a]]


def _stop(pool) -> None:
    """Kill the workers of a pool whose pages took too long (they may be stuck in one page)."""
    for proc in list(getattr(pool, "_processes", {}).values()):
        proc.kill()
    pool.shutdown(wait=False, cancel_futures=True)
