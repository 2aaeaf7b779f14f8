"""Running a batch's jobs on this machine: in this process (`--jobs 1`) or in a pool of worker processes.

Each document is read once per run by `read_document`, in whichever worker is
free, and handed to the `compare_pair` tasks of the pairs that need it (files
with the same content are read once); it is dropped once its last pair is
submitted. The pool keeps twice as many tasks in
flight as it has workers, submitting a pair as soon as both its versions are
read and otherwise the next read the waiting pairs need (PDFs first, see
`work_order`), so memory stays bounded however many pairs there are. A worker
that dies (killed, out of memory) breaks the pool: a new one is started and the
tasks in flight are submitted again, and a task in flight during two such
deaths fails with an error row. Workers leave when the batch's
process is gone, even after `kill -9`.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from diffy.batch.jobs import Doc, Job
from diffy.batch.task import Read, Result, compare_pair, internal_error, read_document
from diffy.ingest import ReadOptions

Outcome = tuple[Job, Result]
DEATHS = 2  # a task in flight when the pool broke this many times fails


def run_local(jobs: Sequence[Job], options: ReadOptions, workers: int = 1) -> Iterator[Outcome]:
    """Each job's result as it finishes (in this process, in job order, when `workers` is 1)."""
    if workers <= 1:
        yield from _in_process(jobs, options)
    else:
        yield from _in_pool(jobs, options, workers)


def work_order(jobs: Sequence[Job]) -> list[Job]:
    """The order pairs are started in: pairs with PDFs first, the largest first (parsing one is the longest
    task a batch has, so it should not start last and leave the other workers idle), then the others in
    series order (how long comparing two texts takes depends on how much changed, which their sizes do not
    tell)."""
    def pdf_bytes(job: Job) -> int:
        return sum(d.size for d in job.docs if Path(d.path).suffix.lower() == ".pdf")

    return sorted(jobs, key=lambda j: -pdf_bytes(j))


def _in_process(jobs: Sequence[Job], options: ReadOptions) -> Iterator[Outcome]:
    need = Counter(d.content for job in jobs for d in job.docs)
    reads: dict[tuple[str, str], Read] = {}
    for job in jobs:
        for d in job.docs:
            if d.content not in reads:
                reads[d.content] = read_document(d, options)
        result = compare_pair(job, reads[job.old.content], reads[job.new.content])
        for d in job.docs:
            need[d.content] -= 1
            if need[d.content] == 0:
                del reads[d.content]
        yield job, result


def _watch(parent: int) -> None:
    """In a worker: leave Ctrl-C to the batch's process, and exit when it is gone (even killed with -9)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if os.name != "posix":  # os.kill(pid, 0) tests for a process on POSIX only (on Windows it ends it)
        return

    def watch() -> None:
        while True:
            time.sleep(0.5)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:
                pass  # the process exists (under another user: a recycled id; rare, and harmless)

    threading.Thread(target=watch, name="diffy-batch-watch", daemon=True).start()


def _new_pool(workers: int) -> ProcessPoolExecutor:
    import multiprocessing

    # forkserver: workers start from a clean server process, never from this one's threads (the progress
    # bar's), and with diffy's modules already imported there
    if "forkserver" in multiprocessing.get_all_start_methods():
        server = multiprocessing.get_context("forkserver")
        server.set_forkserver_preload(["diffy.batch.task", "diffy.comparison.compare", "diffy.export.json"])
        ctx: multiprocessing.context.BaseContext = server
    else:
        ctx = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_watch, initargs=(os.getpid(),))


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: queued tasks cancelled, workers killed (one may be deep in a long comparison)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        proc.kill()


class _Scheduler:
    """The pool's bookkeeping: what waits, what runs (with its arguments), which documents are read."""

    def __init__(self, jobs: Sequence[Job], options: ReadOptions, workers: int) -> None:
        self.options = options
        self.window = 2 * workers
        self.waiting = work_order(jobs)
        self.need = Counter(d.content for job in jobs for d in job.docs)
        self.reads: dict[tuple[str, str], Read] = {}  # by content: files with the same bytes are read once
        self.reading: set[tuple[str, str]] = set()
        self.running: dict[Future, tuple[Doc | Job, tuple]] = {}
        self.deaths: Counter[Doc | Job] = Counter()

    def fill(self, pool: ProcessPoolExecutor) -> None:
        """Submit pairs whose versions are read, else the reads the waiting pairs need, up to the window."""
        while len(self.running) < self.window:
            ready = next((j for j in self.waiting if all(d.content in self.reads for d in j.docs)), None)
            if ready is not None:
                self.waiting.remove(ready)
                args = (ready, self.reads[ready.old.content], self.reads[ready.new.content])
                for d in ready.docs:
                    self.need[d.content] -= 1
                    if self.need[d.content] == 0:
                        del self.reads[d.content]
                self.launch(pool, ready, args)
                continue
            doc = next((d for j in self.waiting for d in j.docs
                        if d.content not in self.reads and d.content not in self.reading), None)
            if doc is None:
                return
            if doc.error:  # known to be unreadable: no worker needed
                self.reads[doc.content] = read_document(doc, self.options)
                continue
            self.reading.add(doc.content)
            self.launch(pool, doc, (doc, self.options))

    def launch(self, pool: ProcessPoolExecutor, item: Doc | Job, args: tuple) -> None:
        """Submit a task; a pool that broke meanwhile, or cannot start a process, shows in its future."""
        try:
            fut = pool.submit(compare_pair if isinstance(item, Job) else read_document, *args)
        except (BrokenProcessPool, OSError) as e:
            fut = Future()
            fut.set_exception(e)
        self.running[fut] = (item, args)

    def finished(self, item: Doc | Job, value: Read | Result) -> Outcome | None:
        """A task's value: a pair's outcome, or (None) a document now read."""
        if isinstance(item, Job):
            assert isinstance(value, Result)
            return item, value
        assert isinstance(value, Read)
        self.reading.discard(item.content)
        self.reads[item.content] = value
        return None

    def restart(self, pool: ProcessPoolExecutor) -> list[Outcome]:
        """After the pool broke: the tasks in flight go to `pool` again, or fail after their second death."""
        outcomes = []
        again, self.running = list(self.running.values()), {}
        for item, args in again:
            self.deaths[item] += 1
            if self.deaths[item] < DEATHS:
                self.launch(pool, item, args)
                continue
            failure: Read | Result
            if isinstance(item, Job):
                failure = Result(error=f"{item.series} {item.name}: the worker comparing it died twice "
                                       "(out of memory, or killed)")
            else:
                failure = Read(None, f"{item.source}: the worker reading it died twice (out of memory, or killed)")
            outcome = self.finished(item, failure)
            if outcome is not None:
                outcomes.append(outcome)
        return outcomes


def _failure(item: Doc | Job, e: BaseException) -> Read | Result:
    what = f"{item.series} {item.name}" if isinstance(item, Job) else item.source
    if isinstance(e, OSError):
        problem = f"{what}: no worker process could be started or reached ({e}); try --jobs 1"
    else:
        problem = internal_error(what, e)
    return Result(error=problem) if isinstance(item, Job) else Read(None, problem)


def _in_pool(jobs: Sequence[Job], options: ReadOptions, workers: int) -> Iterator[Outcome]:
    s = _Scheduler(jobs, options, workers)
    pool = _new_pool(workers)
    finished = False
    try:
        while True:
            s.fill(pool)
            if not s.running:
                finished = True
                return
            done, _ = wait(list(s.running), return_when=FIRST_COMPLETED)
            broken = False
            for fut in done:
                try:
                    value = fut.result()
                except BrokenProcessPool:
                    broken = True  # it stays among the running, to go again with the rest
                    continue
                except Exception as e:  # its arguments or result could not be sent: that row fails
                    item, _ = s.running.pop(fut)
                    value = _failure(item, e)
                else:
                    item, _ = s.running.pop(fut)
                outcome = s.finished(item, value)
                if outcome is not None:
                    yield outcome
            if broken:
                _stop(pool)
                pool = _new_pool(workers)
                yield from s.restart(pool)
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:  # interrupted, or the caller stopped (a full disk): do not wait for the comparisons in flight
            _stop(pool)
