"""`diffy annotate` and `diffy annotations`: annotations from scripts."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from diffy.annotations import store
from diffy.annotations.anchor import find_exact, quote_target, status
from diffy.annotations.attach import change_at
from diffy.annotations.carry import carry, earlier_files
from diffy.annotations.model import Annotation, annotation_to_dict
from diffy.comparison.browse import version_label
from diffy.comparison.compare import compare
from diffy.errors import UsageError
from diffy.model import Document


def annotation_path(args: argparse.Namespace, old: Document, new: Document) -> Path:
    """`--annotations FILE`, else the comparison's own file in the workspace (found by its documents)."""
    return Path(args.annotations) if getattr(args, "annotations", None) else store.path_for(old, new)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def annotate_command(args: argparse.Namespace, old: Document, new: Document) -> int:
    docs = {"old": old, "new": new}
    sides = [args.side] if args.side else ["old", "new"]
    hits = [(side, s, a, b) for side in sides for s, a, b in find_exact(docs[side], args.quote)]
    where = f"the {args.side} version" if args.side else "either version"
    if not hits:
        raise UsageError(f"the quote {_short(args.quote)!r} is not in {where}")
    if len({h[0] for h in hits}) > 1:
        raise UsageError(f"the quote {_short(args.quote)!r} is in both versions; say which with --side old or "
                         "--side new")
    if len(hits) > 1:
        heads = ", ".join(sorted({h[1].heading or "(before the first heading)" for h in hits}))
        raise UsageError(f"the quote {_short(args.quote)!r} appears {len(hits)} times in the {hits[0][0]} version "
                         f"({heads}); quote more words to single one out")
    side, section, start, end = hits[0]
    _, change = change_at(compare(old, new), side, section.id, start, end)
    stamp = store.now()
    tags = tuple(dict.fromkeys(t.strip() for t in args.tag or () if t.strip()))
    ann = Annotation(store.new_id(), stamp, stamp, store.author(), args.note, tags,
                     (quote_target(side, section, start, end, change),))
    with store.editing(annotation_path(args, old, new), old, new) as af:
        af.annotations.append(ann)
    sys.stdout.write(ann.id + "\n")
    return 0


def annotations_command(args: argparse.Namespace, old: Document, new: Document) -> int:
    path = annotation_path(args, old, new)
    af = store.load(path)
    docs = {"old": old, "new": new}
    rows = []
    for a in af.annotations:
        state, placements = status(a.targets, docs)
        rows.append((a, state, placements))
    earlier, warnings = earlier_files(path.parent, old, new, path)
    carried = carry(compare(old, new, store.overrides_of(af)), path.parent, path, version_label)[0] if earlier else []
    for w in warnings:
        sys.stderr.write(f"diffy: warning: {w}; its notes are not carried\n")
    if args.json:
        out = {"file": str(path), "annotations": [_listed(a, state, pl) for a, state, pl in rows],
               "carried": [{**_listed(c.attached.annotation, c.attached.status, c.attached.placements),
                            "from": c.origin, "survives": c.survives} for c in carried]}
        sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
        return 0
    sys.stdout.write(f"{path}: {len(rows)} annotation{'s' if len(rows) != 1 else ''}\n")
    for a, state, pl in rows:
        sys.stdout.write(_line(a, state, pl))
    for origin in dict.fromkeys(c.origin for c in carried):
        mine = [c for c in carried if c.origin == origin]
        sys.stdout.write(f"carried from {origin} (read-only; where the quoted text still stands): {len(mine)}\n")
        for c in mine:
            gone = "" if c.survives else "  (gone from the new version)"
            sys.stdout.write(_line(c.attached.annotation, c.attached.status, c.attached.placements, gone))
    return 0


def _listed(a: Annotation, state: str, placements) -> dict:
    return {**annotation_to_dict(a), "status": state,
            "placements": [{"side": t.side, "status": p.status, "section_id": p.section_id, "start": p.start,
                            "end": p.end, "score": p.score} for t, p in zip(a.targets, placements, strict=True)]}


def _line(a: Annotation, state: str, placements, extra: str = "") -> str:
    t = a.targets[0]
    tags = " ".join(f"#{tag}" for tag in a.tags)
    return (f"{a.id}  {state:<8}  {t.side}: {_short(t.heading or '(before the first heading)', 40)}"
            f"  {tags}{extra}\n    “{_short(t.exact, 70)}”\n    {_short(a.note, 100)}\n")


def export_command(args: argparse.Namespace, old: Document, new: Document) -> int:
    from diffy.annotations.attach import attach
    from diffy.files import atomic_write

    fmt = getattr(args, "format", "markdown")
    if fmt == "html":
        given = [opt for opt, value in (("--style", args.style), ("--context", args.context)) if value is not None]
        if given:
            raise UsageError(f"{' and '.join(given)} shape{'s' if len(given) == 1 else ''} the Markdown export; "
                             "the HTML report shows whole paragraphs with its own marks")
    out = Path(args.output) if args.output else None
    if out is not None and out.exists() and not args.force:
        raise UsageError(f"{out} exists; add --force to replace it")
    path = annotation_path(args, old, new)
    af = store.load(path)
    cmp = compare(old, new, store.overrides_of(af))
    attached = attach(cmp, af.annotations)
    carried, warnings = carry(cmp, path.parent, path, version_label)
    for w in warnings:
        sys.stderr.write(f"diffy: warning: {w}; its notes are not carried\n")
    tags = [t.strip() for t in (args.tags or "").split(",") if t.strip()]
    labels = (version_label(args.old), version_label(args.new))
    if fmt == "html":
        from diffy.comparison.significance import Terms
        from diffy.export.html import render_html

        text = render_html(cmp, attached, labels=labels, tags=tags, only_annotated=args.only_annotated,
                           carried=carried, terms=Terms.for_comparison(cmp, Path(args.new).parent))
    else:
        from diffy.export.markdown import render_markdown

        text = render_markdown(cmp, attached, style=args.style or "gfm", labels=labels, tags=tags,
                               only_annotated=args.only_annotated,
                               context=8 if args.context is None else args.context, carried=carried)
    if out is None:
        sys.stdout.write(text)
        return 0
    try:
        atomic_write(out, text)
    except OSError as e:
        raise UsageError(f"{out}: cannot be written ({e.strerror or e}); nothing was changed") from None
    sys.stderr.write(f"wrote {out}\n")
    return 0
