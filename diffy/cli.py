"""The `diffy` command line. Every error diffy expects becomes one line on stderr and exit 2."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from diffy import __version__
from diffy.errors import DiffyError
from diffy.ingest.options import MAX_PAGES, MAX_SECONDS, REVISIONS


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return n


def _revisions(value: str) -> tuple[str, ...]:
    parts = tuple(v.strip().lower() for v in value.split(","))
    if len(parts) > 2 or any(v not in REVISIONS for v in parts):
        raise argparse.ArgumentTypeError(f"{value!r}: give accepted or original, or OLD,NEW such as original,accepted")
    return parts


def _export_formats() -> list[str]:
    from diffy.batch.exports import EXPORTS

    return list(EXPORTS)


def _add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--annotations", metavar="FILE", help="annotation file for this comparison")
    p.add_argument("--jobs", type=_jobs, metavar="N",
                   help="worker processes for page extraction (default: one per core for long documents)")
    _add_reading_options(p)


def _add_reading_options(p: argparse.ArgumentParser, pairs: bool = True) -> None:
    """How documents are read (`ReadOptions`); `pairs`: the command compares two documents."""
    p.add_argument("--password", metavar="PW", help="password for encrypted PDFs")
    p.add_argument("--no-cache", action="store_true", help="parse documents afresh (and do not store them)")
    p.add_argument("--max-pages", type=_jobs, metavar="N", default=MAX_PAGES,
                   help=f"refuse documents with more pages (default {MAX_PAGES})")
    p.add_argument("--time-limit", type=float, metavar="S", default=MAX_SECONDS,
                   help=f"give up on a document that takes longer to read (seconds, default {MAX_SECONDS:g})")
    p.add_argument("--revisions", type=_revisions, metavar="WHICH", default=("accepted",),
                   help="Word files' tracked changes: read them accepted (default) or the original text before "
                        "them" + ("; OLD,NEW (e.g. original,accepted) reads a comparison's two documents "
                                  "differently, so a draft compared with itself shows its tracked changes"
                                  if pairs else ""))
    p.add_argument("--select", metavar="CSS", help="web pages: read only the parts matching this CSS selector")
    p.add_argument("--remove", metavar="CSS", action="append", default=[],
                   help="web pages: drop the parts matching this CSS selector (repeat for several)")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="diffy",
        description="Compare versions of policy documents section by section.",
    )
    ap.add_argument("--version", action="version", version=f"diffy {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("parse", help="print a document's outline (or the document as JSON)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print the document as JSON")
    p.add_argument("--furniture", action="store_true",
                   help="also show what was removed as page layout (headers, footers, page numbers)")
    _add_input_options(p)

    c = sub.add_parser("compare", help="open the comparison of two documents in the terminal UI")
    c.add_argument("old", metavar="OLD")
    c.add_argument("new", metavar="NEW")
    _add_input_options(c)

    a = sub.add_parser("annotate", help="add an annotation to a quote in one of the versions; prints its id")
    a.add_argument("old", metavar="OLD")
    a.add_argument("new", metavar="NEW")
    a.add_argument("--quote", required=True, help="the exact text annotated (whitespace does not matter)")
    a.add_argument("--side", choices=("old", "new"), help="which version holds the quote (default: the one that does)")
    a.add_argument("--note", required=True, help="the note")
    a.add_argument("--tag", action="append", metavar="T", help="a tag (repeat for several)")
    _add_input_options(a)

    n = sub.add_parser("annotations", help="list a comparison's annotations: anchored, fuzzy or orphaned")
    n.add_argument("old", metavar="OLD")
    n.add_argument("new", metavar="NEW")
    n.add_argument("--json", action="store_true", help="print them as JSON")
    _add_input_options(n)

    e = sub.add_parser("export", help="the annotated comparison as Markdown, or as one self-contained HTML page")
    e.add_argument("old", metavar="OLD")
    e.add_argument("new", metavar="NEW")
    e.add_argument("--format", choices=("markdown", "html"), default="markdown",
                   help="Markdown (default) or a self-contained HTML report that prints as a redline")
    e.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")
    e.add_argument("--force", action="store_true", help="replace FILE if it exists")
    e.add_argument("--style", choices=("critic", "gfm"),
                   help="Markdown only: gfm (default; ~~deleted~~ <ins>inserted</ins>, renders on GitHub) or "
                   "critic (CriticMarkup)")
    e.add_argument("--tags", metavar="T,..", help="only annotations with one of these tags")
    e.add_argument("--only-annotated", action="store_true", help="only changes that carry an annotation")
    e.add_argument("--context", type=int, metavar="N", help="Markdown only: words of context around a change "
                   "(default 8)")
    _add_input_options(e)

    r = sub.add_parser("series", help="a series of three or more versions: each clause's lineage")
    r.add_argument("folder", metavar="DIR")
    r.add_argument("--json", action="store_true", help="print the lineages as JSON")
    r.add_argument("--clause", metavar="TEXT",
                   help="only clauses with a heading containing TEXT, each version with its changes")
    r.add_argument("--context", type=int, default=6, metavar="N", help="words of context around a change")
    r.add_argument("--ui", action="store_true",
                   help="open the series view: each clause's history version by version, any two versions compared")
    _add_input_options(r)

    k = sub.add_parser("cache", help="show the parse cache's folder and size, or empty it")
    k.add_argument("action", nargs="?", choices=("show", "clear"), default="show")

    b = sub.add_parser(
        "batch", help="every revision of every series under DIR compared, with an index (resumable)",
        description="Find every series under the folders (a folder with series.json, or two or more documents "
                    "whose names order them), compare each version with the next, and write one "
                    "diffy.comparison/1 JSON per pair, optional exports and index.json + index.csv into OUT. "
                    "Pairs whose outputs are current are skipped, so an interrupted batch resumes.")
    b.add_argument("dirs", nargs="+", metavar="DIR",
                   help="folders holding series of versions (searched with their subfolders)")
    b.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="folder for the outputs (new, empty, or written by an earlier batch)")
    b.add_argument("--pairs", choices=("adjacent", "all"), default="adjacent",
                   help="compare each version with the next (default) or with every later one")
    b.add_argument("--format", action="append", choices=_export_formats(), metavar="FORMAT",
                   help=f"also export each pair ({', '.join(_export_formats())}; repeat for several)")
    b.add_argument("--jobs", type=_jobs, metavar="N",
                   help="pairs compared at once, one worker process each (default: one per core); here it is "
                        "not page extraction workers: each pair's pages are read in its own worker")
    b.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="run the pairs on a Dask cluster with this scheduler (needs diffy[cluster]; the "
                        "documents must be at the same paths on the workers)")
    b.add_argument("--annotations", metavar="DIR",
                   help="folder of the comparisons' annotation files, shown in exports (default: the "
                        "workspace's annotations/)")
    _add_reading_options(b, pairs=False)

    d = sub.add_parser("diff", help="print the comparison of two documents; exit 1 if they differ")
    d.add_argument("old", metavar="OLD")
    d.add_argument("new", metavar="NEW")
    d.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    d.add_argument("--context", type=int, default=6, metavar="N", help="words of context around a change")
    d.add_argument("--no-lineage", action="store_true",
                   help="compare the two alone, without the lineage of the series versions between them")
    d.add_argument("--significant", action="store_true",
                   help="only changes flagged as significant (modality, negation, scope, numbers, terms, parties)")
    _add_input_options(d)
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "parse":
            from diffy.commands import parse_command

            return parse_command(args)
        if args.command == "compare":
            from diffy.commands import compare_command

            return compare_command(args)
        if args.command in ("annotate", "annotations", "export"):
            from diffy.commands import annotation_command

            return annotation_command(args)
        if args.command == "series":
            from diffy.commands import series_command

            return series_command(args)
        if args.command == "cache":
            from diffy.commands import cache_command

            return cache_command(args)
        if args.command == "batch":
            from diffy.batch.command import batch_command

            return batch_command(args)
        if args.command == "diff":
            from diffy.commands import diff_command

            return diff_command(args)
        if args.command is None:
            from diffy.commands import demo_command

            return demo_command(args)
        parser.error(f"unknown command {args.command}")
    except DiffyError as e:
        print(f"diffy: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("diffy: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    return 0
