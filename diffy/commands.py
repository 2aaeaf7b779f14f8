"""What each CLI command does, kept apart from argument parsing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from diffy.errors import UsageError
from diffy.export.json import document_to_dict, dumps
from diffy.ingest import check_readable, load_document
from diffy.model import Document


def render_outline(doc: Document, furniture: bool = False) -> str:
    lines = [doc.title or "(untitled)", f"{doc.source} · {doc.pages} pages · {len(doc.sections)} sections", ""]
    for s in doc.sections:
        heading = s.heading if s.heading is not None else "(text before the first heading)"
        indent = "  " * max(s.level - 1, 0)
        words = len(s.text.split())
        lines.append(f"{indent}{heading}  · p. {s.page} · {words} words")
    if furniture:
        lines += ["", "Removed as page layout:"]
        lines += [f"  p. {f.page:<3} {f.kind:<12} {f.text}" for f in doc.furniture]
    return "\n".join(lines) + "\n"


def parse_command(args: argparse.Namespace) -> int:
    doc = load_document(args.file, password=args.password)
    if args.json:
        sys.stdout.write(dumps(document_to_dict(doc, furniture=args.furniture)))
    else:
        sys.stdout.write(render_outline(doc, furniture=args.furniture))
    return 0


def sample_dir() -> Path:
    """The bundled sample series: beside the package in a checkout, else under the current folder."""
    for base in (Path(__file__).resolve().parent.parent, Path.cwd()):
        folder = base / "documents" / "meridian"
        if (folder / "1998.pdf").is_file():
            return folder
    raise UsageError("the bundled sample (documents/meridian) was not found; run diffy from a checkout")


def demo_command(args: argparse.Namespace) -> int:
    """`diffy` alone: the bundled sample comparison, in the UI on a terminal, else as text."""
    folder = sample_dir()
    old, new = folder / "1998.pdf", folder / "2016.pdf"
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        from diffy.compare import compare
        from diffy.export.text import render_text

        sys.stdout.write(render_text(compare(load_document(old), load_document(new))))
        sys.stdout.write("(not a terminal: printed the comparison; run diffy in a terminal for the UI)\n")
        return 0
    return _run_ui(old, new, None)


def compare_command(args: argparse.Namespace) -> int:
    """`diffy compare OLD NEW`: the terminal UI on two documents."""
    for path in (args.old, args.new):
        check_readable(Path(path))
    return _run_ui(Path(args.old), Path(args.new), args.password)


def _run_ui(old: Path, new: Path, password: str | None) -> int:
    from diffy.tui.app import DiffyApp

    app = DiffyApp(old, new, password=password)
    return app.run() or 0


def diff_command(args: argparse.Namespace) -> int:
    from diffy.compare import compare

    old = load_document(args.old, password=args.password)
    new = load_document(args.new, password=args.password)
    cmp = compare(old, new)
    if args.format == "json":
        from diffy.export.json import comparison_to_dict

        sys.stdout.write(dumps(comparison_to_dict(cmp)))
    elif args.format == "markdown":
        from diffy.export.report import render_report

        sys.stdout.write(render_report(cmp, context=args.context))
    else:
        from diffy.export.text import render_text

        sys.stdout.write(render_text(cmp, context=args.context, colour=sys.stdout.isatty()))
    return 1 if cmp.changed else 0
