"""The two task functions every runner calls, in a worker process or on a Dask worker.

`read_document` reads one version where it runs (from that machine's parse
cache when it has it); `compare_pair` compares two read versions and returns
the pair's output files as text with its row of the index. Neither writes a
file: the process that runs the batch writes what they return, so a worker on
another machine needs only to read the documents. Both return their failures as
values (an error row), never raise for a bad document.
"""

from __future__ import annotations

import dataclasses
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from diffy.batch.jobs import Doc, Job, code_fingerprint
from diffy.errors import DiffyError, InputError
from diffy.ingest import ReadOptions
from diffy.model import Document


@dataclass(frozen=True, slots=True)
class Read:
    doc: Document | None
    error: str | None = None  # why it could not be read, naming the file
    seconds: float = 0.0
    problem: str | None = None  # the same without the file's name, where the reader says it apart

    def failure(self, doc: Doc) -> str | None:
        """Why `doc` (this file, or another with the same content) could not be read, naming it."""
        if self.error is None:
            return None
        return f"{doc.source}: {self.problem}" if self.problem else self.error


@dataclass(frozen=True, slots=True)
class Result:
    files: tuple[tuple[str, str], ...] = ()  # (suffix, text) of each output file
    row: dict | None = None  # the pair's figures for the index (`diffy.batch.index.figures`)
    seconds: float = 0.0  # comparing and exporting
    read_seconds: float = 0.0  # reading its two documents
    error: str | None = None
    code: str = ""  # the fingerprint of the diffy that computed it


def read_document(doc: Doc, options: ReadOptions) -> Read:
    """One version, read as `options` say (one process: a batch's parallelism is across pairs)."""
    start = time.perf_counter()
    if doc.error:
        return Read(None, doc.error)
    try:
        from diffy.ingest import load_document

        read = load_document(doc.path, dataclasses.replace(options, jobs=1))
    except InputError as e:
        return Read(None, f"{doc.source}: {e.problem}", time.perf_counter() - start, e.problem)
    except DiffyError as e:
        return Read(None, str(e), time.perf_counter() - start)
    except Exception as e:  # noqa: BLE001 - a bug in the reader must cost one row, not the whole batch
        return Read(None, internal_error(doc.source, e), time.perf_counter() - start)
    if read.sha256 != doc.sha256:
        problem = "changed while the batch ran; run it again"
        return Read(None, f"{doc.source}: {problem}", time.perf_counter() - start, problem)
    return Read(dataclasses.replace(read, source=doc.source), None, time.perf_counter() - start)


def compare_pair(job: Job, old: Read, new: Read) -> Result:
    """The pair's JSON (what `diffy diff OLD NEW --format json` prints), its exports and its index figures.
    `old` and `new` may have been read from other files with the same content: the job's names are used."""
    code = code_fingerprint()
    read_seconds = old.seconds + new.seconds
    error = old.failure(job.old) or new.failure(job.new)
    if error or old.doc is None or new.doc is None:
        return Result(error=error or "a version could not be read", read_seconds=read_seconds, code=code)
    start = time.perf_counter()
    try:
        files, row = _outputs(job, dataclasses.replace(old.doc, source=job.old.source),
                              dataclasses.replace(new.doc, source=job.new.source))
    except DiffyError as e:
        return Result(error=str(e), read_seconds=read_seconds, code=code)
    except Exception as e:  # noqa: BLE001 - a bug in one comparison must cost one row, not the whole batch
        return Result(error=internal_error(f"{job.series} {job.name}", e), read_seconds=read_seconds, code=code)
    return Result(files, row, time.perf_counter() - start, read_seconds, None, code)


def _outputs(job: Job, old: Document, new: Document) -> tuple[tuple[tuple[str, str], ...], dict]:
    from diffy.batch.exports import EXPORTS
    from diffy.batch.index import figures
    from diffy.comparison.compare import compare
    from diffy.comparison.significance import Terms
    from diffy.export.json import comparison_to_dict, dumps

    cmp = compare(old, new)
    terms = Terms.for_comparison(cmp, Path(job.terms_folder))
    files = [(".json", dumps(comparison_to_dict(cmp, terms)))]
    if job.formats:
        from diffy.annotations import store
        from diffy.annotations.attach import attach
        from diffy.annotations.carry import carry_from

        own = job.notes.own
        overrides = store.overrides_of(own) if own is not None else None
        annotated = compare(old, new, overrides) if overrides else cmp
        attached = attach(annotated, own.annotations) if own is not None else []
        carried = carry_from(annotated, job.notes.earlier)
        for fmt in job.formats:
            export = EXPORTS[fmt]
            files.append((export.suffix, export.render(annotated, attached, job.labels, carried, terms)))
    return tuple(files), figures(cmp, terms)


def internal_error(what: str, e: BaseException) -> str:
    """A bug's one-line report: the exception and where diffy raised it."""
    frames = [f for f in traceback.extract_tb(e.__traceback__) if "diffy" in Path(f.filename).parts]
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return f"{what}: internal error ({type(e).__name__}: {e}{where}); please report it"
