"""What a batch keeps in its output folder to resume: one record per finished pair, written last.

    OUT/<series>/<old>--<new>.json       the comparison (and .md, … for exports)
    OUT/.state/<series>/<old>--<new>.json the pair's record: its key, its outputs' SHA-256, its index row
    OUT/.state/lock                       held while a batch writes into OUT

A pair is finished when its record is: its outputs are written first, each
atomically (temporary file, fsync, rename), then the record. A pair is current,
and skipped, when its record has the job's key and every output it lists is
there with the recorded hash. So a batch killed at any moment leaves whole files
only, and the next run redoes at most the pairs that were not recorded. The
temporary files a kill leaves behind are removed when the next batch starts.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from diffy.batch.jobs import Job
from diffy.errors import UsageError
from diffy.files import atomic_write
from diffy.ingest import printable

STATE = ".state"
RECORD_SCHEMA = "diffy.batch-record/1"


@contextlib.contextmanager
def output_folder(out: Path) -> Iterator[Path]:
    """Make `out` ready and hold its lock: a new or empty folder, or one a batch wrote before."""
    from filelock import FileLock, Timeout

    if out.exists() and not out.is_dir():
        raise UsageError(f"{printable(out)}: is a file, not a folder for the batch's outputs")
    if out.is_dir() and not (out / STATE).is_dir() and any(out.iterdir()):
        raise UsageError(f"{printable(out)}: is not empty and not a diffy batch folder (it has no {STATE}); "
                         "give a new or empty folder")
    try:
        (out / STATE).mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(out / STATE / "lock"), timeout=0)
        lock.acquire()
    except Timeout:
        raise UsageError(f"{printable(out)}: another diffy batch is writing into it") from None
    except OSError as e:
        raise UsageError(f"{printable(out)}: cannot be written ({e.strerror or e})") from None
    try:
        remove_temporaries(out)
        yield out
    finally:
        lock.release()


def remove_temporaries(out: Path) -> int:
    """Delete the temporary files of writes a kill interrupted (`.<name>.<random>.tmp`, see `atomic_write`)."""
    gone = 0
    for tmp in out.rglob(".*.tmp"):
        with contextlib.suppress(OSError):
            tmp.unlink()
            gone += 1
    return gone


def record_path(out: Path, job: Job) -> Path:
    return out / STATE / job.series / f"{job.name}.json"


def output_paths(job: Job, suffixes: Sequence[str]) -> list[str]:
    """The pair's output files, relative to the output folder."""
    return [f"{job.series}/{job.name}{suffix}" for suffix in suffixes]


def current(out: Path, job: Job) -> dict | None:
    """The pair's recorded index row when its outputs are current (same key, every output as written)."""
    record = _load(record_path(out, job))
    if record is None or record.get("key") != job.key:
        return None
    outputs = record.get("outputs")
    if not isinstance(outputs, dict) or not outputs:
        return None
    for rel, digest in outputs.items():
        try:
            if hashlib.sha256((out / rel).read_bytes()).hexdigest() != digest:
                return None
        except OSError:
            return None
    row = record.get("row")
    return row if isinstance(row, dict) else None


def _load(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("schema") == RECORD_SCHEMA else None


def commit(out: Path, job: Job, files: Sequence[tuple[str, str]], row: dict) -> None:
    """Write the pair's outputs, then its record; remove outputs an earlier record listed that it no longer has."""
    before = _load(record_path(out, job))
    written = {}
    for rel, (_, text) in zip(output_paths(job, [s for s, _ in files]), files, strict=True):
        atomic_write(out / rel, text)
        written[rel] = hashlib.sha256((out / rel).read_bytes()).hexdigest()
    record = {"schema": RECORD_SCHEMA, "key": job.key, "outputs": written, "row": row}
    atomic_write(record_path(out, job), json.dumps(record, indent=1, ensure_ascii=False) + "\n")
    for rel in (before or {}).get("outputs") or {}:
        if rel not in written and isinstance(rel, str) and rel.startswith(f"{job.series}/{job.name}."):
            with contextlib.suppress(OSError):
                (out / rel).unlink()
