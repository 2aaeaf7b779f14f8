"""`diffy batch DIR... -o OUT`: the command around `run_batch`."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path

from diffy.commands import read_options
from diffy.errors import UsageError
from diffy.ingest import printable


def default_jobs() -> int:
    """One pair at a time per core this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def batch_command(args: argparse.Namespace) -> int:
    from diffy.annotations import store
    from diffy.batch.index import summary_table
    from diffy.batch.run import Settings, run_batch

    if args.scheduler and args.jobs is not None:
        raise UsageError("--jobs sets the pairs compared at once on this machine; with --scheduler the "
                         "cluster's workers decide, so give one or the other")
    out = Path(args.output)
    notes = Path(args.annotations) if args.annotations else store.workspace() / "annotations"
    if args.annotations and not notes.is_dir():
        raise UsageError(f"{printable(notes)}: not a folder of annotation files")
    read = dataclasses.replace(read_options(argparse.Namespace(**{**vars(args), "jobs": None})), jobs=1)
    formats = tuple(dict.fromkeys(args.format or ()))
    settings = Settings(formats, args.pairs == "all", args.jobs or default_jobs(), args.scheduler, read, notes)
    batch = run_batch(args.dirs, out, settings)
    compared = len(batch.rows) - batch.failed - batch.skipped
    sys.stdout.write(f"{len(batch.rows)} pairs: {compared} compared, {batch.skipped} current, "
                     f"{batch.failed} failed; index in {printable(out / 'index.json')} and index.csv\n\n")
    sys.stdout.write(summary_table(batch.rows))
    if batch.failed:
        sys.stderr.write(f"diffy: {printable(out / 'index.csv')}: {batch.failed} of {len(batch.rows)} "
                         f"pair{'s' if len(batch.rows) != 1 else ''} failed (their rows say why)\n")
        return 2
    return 0
