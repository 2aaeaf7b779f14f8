"""Running a batch's jobs on a Dask distributed cluster (`--scheduler tcp://HOST:8786`).

The same two task functions as the local pool run on the cluster's workers:
one `read_document` per document (each reads its file where it runs: the path
must be the same on every worker, e.g. a shared folder; relative paths are made
absolute here, so the workers' current folders do not matter) and one
`compare_pair` per pair, fed with the two reads, which Dask moves to wherever
the pair runs. Results come back to this process, which writes every file, so
the workers need to read the documents and nothing else; each worker needs the
same diffy installed (a result from another diffy is refused). Tasks are
submitted in the local pool's order and Dask runs them in that order as
workers free up; a document's read is released when its last pair is done.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence

from diffy.batch.jobs import Job
from diffy.batch.local import Outcome, work_order
from diffy.batch.task import Result, compare_pair, internal_error, read_document
from diffy.errors import UsageError
from diffy.ingest import ReadOptions

CONNECT_TIMEOUT = "10s"


def connect(address: str):
    """A Dask client on the scheduler at `address`; one clear line when Dask is missing or no scheduler is there."""
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("--scheduler runs the batch on a Dask cluster, and Dask is not installed; "
                         "install it with: pip install 'diffy[cluster]'") from None
    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as e:
        raise UsageError(f"{address}: cannot reach a Dask scheduler there ({e})") from None


def run_dask(jobs: Sequence[Job], options: ReadOptions, client) -> Iterator[Outcome]:
    """Each job's result as the cluster finishes it (`client`: from `connect`; closed at the end)."""
    from distributed import as_completed

    run = uuid.uuid4().hex[:12]  # keys of this run only: another client's tasks are never taken for ours
    try:
        reads: dict[tuple[str, str], object] = {}  # by content: files with the same bytes are read once
        pairs = {}
        for k, job in enumerate(work_order(jobs)):
            for d in job.docs:
                if d.content not in reads:
                    reads[d.content] = client.submit(read_document, d, options,
                                                     key=f"diffy-read-{run}-{len(reads)}", pure=False)
            fut = client.submit(compare_pair, job, reads[job.old.content], reads[job.new.content],
                                key=f"diffy-pair-{run}-{k}", pure=False)
            pairs[fut] = job
        reads.clear()  # each read is now held by its pairs' tasks only, and released with the last of them
        for fut in as_completed(list(pairs), loop=client.loop):
            job = pairs.pop(fut)
            try:
                result = fut.result()
            except Exception as e:  # the task failed on the cluster (a worker died twice, …): that row fails
                result = Result(error=internal_error(f"{job.series} {job.name}", e)
                                if not _killed(e) else f"{job.series} {job.name}: its worker died ({e})")
            fut.release()
            yield job, result
    finally:
        for fut in pairs:  # stopped early (interrupted): nothing more is wanted from the cluster
            fut.cancel()


def _killed(e: BaseException) -> bool:
    return type(e).__name__ == "KilledWorker"
