"""`run_batch(dirs, out, settings) -> Batch`: every revision of every series under `dirs`, compared into `out`.

The one entry of a batch: find the series, plan the pairs, skip those whose
outputs are current, run the rest (in this process, a local pool or a Dask
cluster: the same task functions), write each pair's files and record as it
finishes, then the index. Failures (an unreadable document, a broken
`series.json`) are rows of the index with their error; the batch goes on.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from diffy.batch import state
from diffy.batch.discover import Series, find_series
from diffy.batch.index import index_csv, index_json
from diffy.batch.jobs import Job, code_fingerprint, plan
from diffy.batch.progress import Progress, progress_for
from diffy.batch.task import Result
from diffy.files import atomic_write
from diffy.ingest import ReadOptions

Outcome = tuple[Job, Result]


@dataclass(frozen=True)
class Settings:
    formats: tuple[str, ...] = ()  # exports besides the JSON (`diffy.batch.exports.EXPORTS`)
    every: bool = False  # every pair of versions, not only adjacent ones
    jobs: int = 1  # pairs compared at once on this machine
    scheduler: str | None = None  # a Dask scheduler's address: run there instead
    read: ReadOptions = field(default_factory=ReadOptions)
    notes: Path | None = None  # the folder of the comparisons' annotation files (for exports)


@dataclass(frozen=True)
class Batch:
    rows: list[dict]  # the index, in order
    computed: int  # pairs compared in this run
    skipped: int  # pairs whose outputs were current

    @property
    def failed(self) -> int:
        return sum(1 for r in self.rows if r.get("error"))


def run_batch(dirs: Sequence[str | Path], out: Path, settings: Settings = Settings(),
              progress: Callable[[int], Progress] = progress_for,
              warn: Callable[[str], object] = lambda text: sys.stderr.write(f"diffy: warning: {text}\n")) -> Batch:
    series = find_series(dirs, skip=out)
    with state.output_folder(out), _runner(settings) as run:
        jobs = plan([s for s in series if s.error is None], settings.formats, settings.every, settings.notes, warn,
                    settings.read)
        rows: dict[tuple[str, str], dict] = {}
        todo: list[Job] = []
        for job in jobs:
            recorded = state.current(out, job)
            if recorded is not None:
                rows[job.series, job.name] = recorded
            elif job.old.error or job.new.error:
                rows[job.series, job.name] = _row(job, Result(error=job.old.error or job.new.error), [])
            else:
                todo.append(job)
        skipped = sum(1 for r in rows.values() if not r.get("error"))
        report = progress(len(jobs) + sum(1 for s in series if s.error))
        report.begin(len(todo), len(series), failed=len(rows) - skipped + sum(1 for s in series if s.error),
                     weight=sum(_weight(j) for j in todo))
        try:
            for job, result in run(todo):
                if not result.error and result.code != code_fingerprint():
                    result = Result(error=f"{job.series} {job.name}: computed by another diffy ({result.code}, "
                                          f"not {code_fingerprint()}): the batch and its workers must run the "
                                          "same diffy (was it changed while the batch ran?)")
                suffixes = [suffix for suffix, _ in result.files]
                row = _row(job, result, state.output_paths(job, suffixes))
                if not result.error:
                    state.commit(out, job, result.files, row)
                rows[job.series, job.name] = row
                report.pair(f"{job.series}/{job.name}", result.seconds + result.read_seconds, result.error,
                            _weight(job))
        finally:
            report.close()
        ordered = _ordered(series, jobs, rows)
        atomic_write(out / "index.json", index_json(ordered))
        atomic_write(out / "index.csv", index_csv(ordered))
    return Batch(ordered, len(todo), skipped)


@contextlib.contextmanager
def _runner(settings: Settings) -> Iterator[Callable[[Sequence[Job]], Iterator[Outcome]]]:
    """What runs the jobs: a Dask cluster (connected now, so that a wrong address fails before any work) or
    this machine."""
    if settings.scheduler:
        from diffy.batch.cluster import connect, run_dask

        client = connect(settings.scheduler)
        try:
            yield lambda todo: run_dask(todo, settings.read, client)
        finally:
            client.close()
        return
    from diffy.batch.local import run_local

    yield lambda todo: run_local(todo, settings.read, min(settings.jobs, max(len(todo), 1)))


def _weight(job: Job) -> int:
    """A pair's share of the work, for the estimate of the time left: the bytes of its two files."""
    return job.old.size + job.new.size


def _row(job: Job, result: Result, outputs: list[str]) -> dict:
    figures = result.row or {}
    return {"series": job.series, "old": job.labels[0], "new": job.labels[1],
            "old_source": job.old.source, "new_source": job.new.source,
            "old_pages": figures.get("old_pages"), "new_pages": figures.get("new_pages"),
            "pairs": figures.get("pairs"), "words_inserted": figures.get("words_inserted"),
            "words_deleted": figures.get("words_deleted"), "significant": figures.get("significant"),
            "top": figures.get("top", []), "seconds": round(result.seconds, 3),
            "read_seconds": round(result.read_seconds, 3), "error": result.error,
            "outputs": outputs if not result.error else []}


def _series_row(s: Series) -> dict:
    return {"series": s.name, "old": None, "new": None, "old_source": None, "new_source": None,
            "old_pages": None, "new_pages": None, "pairs": None, "words_inserted": None, "words_deleted": None,
            "significant": None, "top": [], "seconds": 0.0, "read_seconds": 0.0, "error": s.error, "outputs": []}


def _ordered(series: Sequence[Series], jobs: Sequence[Job], rows: dict[tuple[str, str], dict]) -> list[dict]:
    by_series: dict[str, list[dict]] = {}
    for job in jobs:
        by_series.setdefault(job.series, []).append(rows[job.series, job.name])
    return [r for s in series for r in ([_series_row(s)] if s.error else by_series.get(s.name, []))]
