"""What each CLI command does, kept apart from argument parsing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from diffy.errors import UsageError
from diffy.export.json import change_to_dict, document_to_dict, dumps
from diffy.ingest import ReadOptions, check_readable, load_document
from diffy.model import Document


def render_outline(doc: Document, furniture: bool = False) -> str:
    pages = f"{doc.pages} page{'s' if doc.pages != 1 else ''}"
    lines = [doc.title or "(untitled)", f"{doc.source} · {pages} · {len(doc.sections)} sections"]
    if doc.revisions is not None:
        lines.append(revisions_line(doc))
    if doc.comments:
        lines.append(f"{len(doc.comments)} comment{'s' if len(doc.comments) != 1 else ''} (listed below; "
                     "not part of the text)")
    lines.append("")
    for s in doc.sections:
        heading = s.heading if s.heading is not None else "(text before the first heading)"
        indent = "  " * max(s.level - 1, 0)
        words = len(s.text.split())
        lines.append(f"{indent}{heading}  · p. {s.page} · {words} words")
    if doc.comments:
        headings = {s.id: s.heading or "(text before the first heading)" for s in doc.sections}
        lines += ["", "Comments:"]
        for c in doc.comments:
            where = f" in {headings[c.section]}" if c.section in headings else ""
            quote = f" on “{_clip(c.quote)}”" if c.quote else ""
            lines.append(f"  {c.author or 'anonymous'}{f' ({c.date[:10]})' if c.date else ''}{quote}{where}: {c.text}")
    if furniture:
        lines += ["", "Removed as page layout:"]
        lines += [f"  p. {f.page:<3} {f.kind:<12} {f.text}" for f in doc.furniture]
    return "\n".join(lines) + "\n"


def revisions_line(doc: Document) -> str:
    """What `diffy parse` says about a Word file's tracked changes and how they were read."""
    r = doc.revisions
    assert r is not None
    counts = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in
              ((r.insertions, "insertion"), (r.deletions, "deletion"), (r.moves, "move"),
               (r.formatting, "formatting change")) if n]
    by = f" by {', '.join(r.authors)}" if r.authors else ""
    if r.read == "accepted":
        how = "read with them accepted (--revisions original reads the text before them)"
    else:
        how = "read as the text was before them (--revisions original)"
    return f"has tracked changes: {', '.join(counts)}{by}; {how}"


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def read_options(args: argparse.Namespace, side: str | None = None) -> ReadOptions:
    """How the command's documents are read: its --password, --no-cache, --jobs, --max-pages, --time-limit,
    --revisions, --select and --remove. `side` ("old" or "new") picks that document's half of a two-valued
    --revisions; commands that read one document, or a series, take one value only."""
    defaults = ReadOptions()
    revisions = tuple(getattr(args, "revisions", None) or (defaults.revisions,))
    if len(revisions) > 1 and side is None:
        raise UsageError("--revisions takes one value here (accepted or original); OLD,NEW is for comparing "
                         "two documents")
    return ReadOptions(password=getattr(args, "password", None), cache=not getattr(args, "no_cache", False),
                       jobs=getattr(args, "jobs", None), max_pages=getattr(args, "max_pages", defaults.max_pages),
                       time_limit=getattr(args, "time_limit", defaults.time_limit),
                       revisions=revisions[0] if side != "new" else revisions[-1],
                       select=getattr(args, "select", None), remove=tuple(getattr(args, "remove", None) or ()))


def _load(args: argparse.Namespace, path: str | Path, side: str | None = None):
    """A document, read as the command's options say (for `side` of a comparison, when given)."""
    return load_document(path, read_options(args, side))


def parse_command(args: argparse.Namespace) -> int:
    doc = _load(args, args.file)
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
        from diffy.comparison.compare import compare
        from diffy.export.text import render_text

        sys.stdout.write(render_text(compare(_load(args, old, "old"), _load(args, new, "new"))))
        sys.stdout.write("(not a terminal: printed the comparison; run diffy in a terminal for the UI)\n")
        return 0
    if not getattr(args, "annotations", None):  # the sample's own notes, wherever diffy runs from
        args.annotations = str(folder.parent.parent / "annotations" / "meridian-1998--2016.json")
    return _run_ui(old, new, args)


def compare_command(args: argparse.Namespace) -> int:
    """`diffy compare OLD NEW`: the terminal UI on two documents."""
    for path in (args.old, args.new):
        check_readable(Path(path))
    need_terminal("diffy compare", "`diffy diff OLD NEW` prints the comparison as text")
    return _run_ui(Path(args.old), Path(args.new), args)


def need_terminal(command: str, instead: str) -> None:
    """The UI draws on a terminal; elsewhere (a pipe, a script) say what to run instead."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(f"{command} opens the terminal UI and needs a terminal; {instead}")


def _run_ui(old: Path, new: Path, args: argparse.Namespace) -> int:
    from diffy.tui.app import DiffyApp

    app = DiffyApp(old, new, options=read_options(args, "old"), new_options=read_options(args, "new"),
                   annotations=getattr(args, "annotations", None))
    return app.run() or 0


def diff_command(args: argparse.Namespace) -> int:
    old = _load(args, args.old, "old")
    new = _load(args, args.new, "new")
    cmp = compare_documents(args, old, new)
    if getattr(args, "significant", False):
        cmp = significant_only(cmp, Path(args.new).parent)
    if args.format == "json":
        from diffy.comparison.significance import Terms
        from diffy.export.json import comparison_to_dict

        terms = Terms.for_comparison(cmp, Path(args.new).parent)
        sys.stdout.write(dumps(comparison_to_dict(cmp, terms)))
    elif args.format == "markdown":
        from diffy.export.report import render_report

        sys.stdout.write(render_report(cmp, context=args.context))
    else:
        from diffy.export.text import render_text

        sys.stdout.write(render_text(cmp, context=args.context, colour=sys.stdout.isatty()))
    return 1 if cmp.changed else 0


def compare_documents(args: argparse.Namespace, old: Document, new: Document):
    """The comparison of the two documents, with the lineage of their series as evidence when they are
    versions of one series with versions between them (`--no-lineage`: the two alone)."""
    from diffy.comparison.compare import compare
    from diffy.series.evidence import compare_in_series

    if getattr(args, "no_lineage", False):
        return compare(old, new)
    return compare_in_series(old, new, lambda path: _load(args, path, "old"))


def cache_command(args: argparse.Namespace) -> int:
    """`diffy cache [clear]`: where the parse cache is and how big, or empty it."""
    from diffy import cache

    if args.action == "clear":
        gone = cache.clear()
        sys.stdout.write(f"removed {gone} cached document{'s' if gone != 1 else ''} from {cache.cache_dir()}\n")
        return 0
    u = cache.usage()
    sys.stdout.write(f"{u.folder}\n{u.entries} cached document{'s' if u.entries != 1 else ''}, "
                     f"{u.bytes / 1e6:.1f} MB (parser version {cache.PARSER_VERSION}; "
                     f"set {cache.ENV} to move it)\n")
    return 0


def annotation_command(args: argparse.Namespace) -> int:
    """`diffy annotate` / `diffy annotations`."""
    from diffy.annotations import commands

    old, new = _load(args, args.old, "old"), _load(args, args.new, "new")
    if args.command == "annotate":
        return commands.annotate_command(args, old, new)
    if args.command == "export":
        return commands.export_command(args, old, new)
    return commands.annotations_command(args, old, new)


def significant_only(cmp, folder: Path):
    """The comparison with only the changes flagged significant (pairs without any are kept, empty)."""
    import dataclasses

    from diffy.comparison.significance import FLAG, Terms, assess_pair

    terms = Terms.for_comparison(cmp, folder)
    # (the changes kept are those ranked highest in their section, so they keep the same scores)
    pairs = tuple(dataclasses.replace(p, changes=tuple(
        c for c, sig in zip(p.changes, assess_pair(p, terms), strict=True) if sig.score >= FLAG)) for p in cmp.pairs)
    return dataclasses.replace(cmp, pairs=pairs)


def series_command(args: argparse.Namespace) -> int:
    """`diffy series DIR`: compare adjacent versions and print each clause's lineage (`--ui`: the series view)."""
    from diffy.series import history, lineage_to_dict, read_series

    folder = Path(args.folder)
    if not folder.is_dir():
        raise UsageError(f"{folder}: not a folder of versions")
    if args.ui:
        from diffy.tui.app import DiffyApp

        for v in read_series(folder):
            check_readable(v.path)
        need_terminal("diffy series --ui", "`diffy series DIR` prints the lineages as text")
        app = DiffyApp(series=folder, options=read_options(args))
        return app.run() or 0
    series = history.read(folder, lambda k, v: _load(args, v.path))
    versions = series.versions
    chosen = series.clauses_named(args.clause) if args.clause else list(range(len(series.clauses)))
    if args.clause and not chosen:
        raise UsageError(f"no clause of {folder} has a heading containing {args.clause!r}")
    if args.json:
        clauses = []
        for k in chosen:
            clause = lineage_to_dict(series.clauses[k])
            if args.clause:  # with the changes that led to each version
                for step, entry in zip(clause["steps"], history.history(series, k), strict=True):
                    pair, cmp = entry.pair, series.comparisons[entry.version - 1]
                    step["changes"] = [change_to_dict(c, cmp, pair) for c in pair.changes] if pair else []
            clauses.append(clause)
        sys.stdout.write(dumps({"schema": "diffy.series/1", "series": folder.name,
                                "versions": [{"label": v.label, "source": str(v.path), "date": v.date}
                                             for v in versions],
                                "clauses": clauses}))
        return 0
    labels = [v.label for v in versions]
    sys.stdout.write(f"{folder.name}: {' → '.join(labels)}; {len(series.clauses)} clauses\n")
    if args.clause:
        from diffy.export.text import render_history

        sys.stdout.write(f"{len(chosen)} with a heading containing {args.clause!r}\n\n")
        sys.stdout.write(render_history(series, chosen, args.context, colour=sys.stdout.isatty()))
        return 0
    for k in chosen:
        sys.stdout.write("\n")
        for step in series.clauses[k]:
            sys.stdout.write(f"  {step.version:<10} {step.event:<11} {step.title}\n")
    return 0
