"""`render_markdown(comparison, attached, …) -> str`: the annotated comparison as CommonMark.

Two styles: GFM, the default, which renders as a redline wherever Markdown is read (GitHub,
GitLab, any CommonMark host that passes inline HTML): `~~deleted~~` and `<ins>inserted</ins>`, told
apart without colour (struck through, underlined), each note a block quote of its own with author,
date and tags; and CriticMarkup (`{++ ++}`, `{-- --}`, `{~~ ~> ~~}`, notes as `{>> <<}`) for tools
that read it. Every
piece of document text and every note goes through `md_escape`, so it can never
make Markdown structure, links, images, HTML or CriticMarkup of its own. The
function only returns text; the command writes it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from diffy.annotations.attach import Attached
from diffy.annotations.carry import Carried
from diffy.comparison.cite import cite
from diffy.comparison.compare import Comparison, Pair
from diffy.comparison.diff import Change
from diffy.comparison.significance import FLAG, rank
from diffy.comparison.tables import cell_bounds, row_event, where
from diffy.export.report import md_escape, md_heading

STYLES = ("gfm", "critic")
TOP = 10  # changes listed under "Most significant changes"


def _anchor(k: int) -> str:
    return f"pair-{k + 1}"


def _mark(c: Change, style: str) -> str:
    old, new = md_escape(c.old), md_escape(c.new)
    if style == "critic":
        if c.kind == "move":
            return f"{{++{new}++}} *(moved here)*"
        if old and new:
            return f"{{~~{old}~>{new}~~}}"
        return f"{{--{old}--}}" if old else f"{{++{new}++}}"
    if c.kind == "move":
        return f"<ins>{new}</ins> *(moved here)*"
    parts = ([f"~~{old}~~"] if old else []) + ([f"<ins>{new}</ins>"] if new else [])
    return " ".join(parts)


def _context(p: Pair, c: Change, words: int) -> tuple[str, str]:
    if c.kind != "move" and p.old is not None and c.old:
        text, start, end = p.old.text, c.old_offset, c.old_offset + len(c.old)
    elif p.new is not None:
        text, start, end = p.new.text, c.new_offset, c.new_offset + len(c.new)
    else:
        return "", ""
    if c.row is not None:  # a table change: context within its cell only
        lo, hi = cell_bounds(text, start, end) if c.column is not None else (start, end)
        text, start, end = text[lo:hi], start - lo, end - lo
    before, after = text[:start].split()[-words:], text[end:].split()[:words]
    return (("… " if len(text[:start].split()) > words else "") + md_escape(" ".join(before)),
            md_escape(" ".join(after)) + (" …" if len(text[end:].split()) > words else ""))


def _where(c: Change) -> str:
    """`row “T-4”, column 3 (Duty): ` before a table change; `row “T-5” added: ` for a whole row."""
    cell = where(c, ("“", "”"))
    if cell is None:
        return ""
    event = row_event(c)
    return md_escape(cell) + (f" {event}" if event else "") + ("" if event == "moved" else ": ")


def _note(a: Attached, style: str, carried: Carried | None = None) -> list[str]:
    tags = " ".join(f"`#{t.replace('`', '')}`" for t in a.annotation.tags)
    note = md_escape(a.annotation.note)
    flag = "" if a.status == "anchored" else f" *({a.status})*"
    if carried is not None:
        origin = md_escape(carried.origin)
        flag += "" if carried.survives else " *(gone from the new version)*"
        if style == "critic":
            return [" ".join(x for x in (f"  {{>>↪ {origin}: {note}<<}}", tags, flag.strip()) if x)]
        return ["", f"  > **↪ {origin}**{flag} {_byline(a)}: {note}" + (f" — {tags}" if tags else "")]
    if style == "critic":
        return [f"  {{>>{note}<<}} {tags}{flag}".rstrip()]
    return ["", f"  > **Note**{flag} {_byline(a)}: {note}" + (f" — {tags}" if tags else "")]


def _byline(a: Attached) -> str:
    """`(Ana Ruiz, 2026-11-30)`: who wrote the note and when (its first day)."""
    who = md_escape(a.annotation.author) or "unknown"
    return f"({who}, {a.annotation.created[:10]})"


def _pages(p: Pair) -> str:
    parts = []
    if p.old is not None:
        parts.append(f"old p. {p.old.page}")
    if p.new is not None:
        parts.append(f"new p. {p.new.page}")
    return ", ".join(parts)


def render_markdown(cmp: Comparison, attached: Sequence[Attached] = (), *, style: str = "gfm",
                    labels: tuple[str, str] = ("old", "new"), tags: Sequence[str] = (),
                    only_annotated: bool = False, context: int = 8, carried: Sequence[Carried] = ()) -> str:
    """`carried`: notes of the previous comparison in a series, shown beside the text they quote
    (marked with their origin; not counted among this comparison's annotations)."""
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}")
    wanted = set(tags)
    shown = [a for a in attached if not wanted or wanted & set(a.annotation.tags)]
    guests = {id(c.attached): c for c in carried if not wanted or wanted & set(c.attached.annotation.tags)}
    by_change: dict[tuple[int, str], list[Attached]] = {}
    by_pair: dict[int, list[Attached]] = {}
    placed = [*shown, *(c.attached for c in guests.values())]
    annotated_pairs = {a.pair for a in placed if a.pair is not None}
    for a in placed:
        if a.pair is None:
            continue
        if a.change is not None:
            by_change.setdefault((a.pair, a.change), []).append(a)
        else:
            by_pair.setdefault(a.pair, []).append(a)
    s = cmp.summary()
    title = md_escape(cmp.new.title or cmp.old.title or "untitled")
    out = [f"# {title}: {md_escape(labels[0])} → {md_escape(labels[1])}", "",
           "| | old | new |", "|---|---|---|",
           f"| version | {md_escape(labels[0])} | {md_escape(labels[1])} |",
           f"| file | {md_escape(cmp.old.source)} | {md_escape(cmp.new.source)} |",
           f"| pages | {cmp.old.pages} | {cmp.new.pages} |",
           f"| sha256 | `{cmp.old.sha256[:12]}` | `{cmp.new.sha256[:12]}` |", "",
           "## Summary", "", "| measure | count |", "|---|---:|"]
    out += [f"| {rel} pairs | {n} |" for rel, n in s["pairs"].items()]
    out += [f"| words inserted | {s['words_inserted']} |", f"| words deleted | {s['words_deleted']} |",
            f"| annotations | {len(shown)} |"]
    for origin, n in Counter(c.origin for c in guests.values()).items():
        out.append(f"| notes carried from {md_escape(origin)} | {n} |")
    tag_counts = Counter(t for a in shown for t in a.annotation.tags)
    out += [f"| tag `#{t.replace('`', '')}` | {n} |" for t, n in sorted(tag_counts.items())]
    ranked = [r for r in rank(cmp, limit=TOP) if r.significance.score >= FLAG]
    if ranked:
        out += ["", "## Most significant changes", ""]
        for r in ranked:
            p = cmp.pairs[r.pair]
            why = "; ".join(md_escape(x) for x in r.significance.reasons[:3])
            short = replace(r.change, old=_words(r.change.old, 12), new=_words(r.change.new, 12))
            out.append(f"1. **{r.significance.score:.2f}** [{md_heading(p.new or p.old)}](#{_anchor(r.pair)}): "
                       f"{_where(r.change)}{_mark(short, style)} — *{why}* ({_cited(cmp, p, r.change)})")
    out += ["", "## Section map", "", "| old | new | relation |", "|---|---|---|"]
    out += [f"| {md_heading(p.old)} | {md_heading(p.new)} | {p.relation} |" for p in cmp.pairs]
    out += ["", "## Changes", ""]
    for k, p in enumerate(cmp.pairs):
        notes_here = k in annotated_pairs
        if not (p.changed or notes_here) or (only_annotated and not notes_here):
            continue
        out += [f'<a id="{_anchor(k)}"></a>', "",
                f"### {p.relation}: {md_heading(p.old)} → {md_heading(p.new)}", "",
                f"*{_pages(p)}*", ""]
        unchanged: list[str] = []
        for a in by_pair.get(k, []):  # notes on text that did not change
            quote = f"“{md_escape(a.annotation.targets[0].exact)}” "
            unchanged += [f"- {quote}*(unchanged)*", *_note(a, style, guests.get(id(a)))]
        changes: list[str] = []
        table: list[Change] = []  # a run of changes inside one table, shown as its rows (gfm)
        for c in p.changes:
            notes = by_change.get((k, c.id), [])
            if only_annotated and not notes:
                continue
            if style == "gfm" and c.row is not None and c.kind != "move":
                table.append(c)
                if not notes:
                    continue
            if table:
                changes += _table(cmp, p, table) + [""]
                for t in table:
                    changes += [x for a in by_change.get((k, t.id), []) for x in _note(a, style, guests.get(id(a)))]
                table = []
                continue
            before, after = _context(p, c, context)
            line = " ".join(x for x in (before, _mark(c, style)) if x) if row_event(c) != "moved" else ""
            if after:  # no space before punctuation that follows the change
                line += after if after[:1] in ".,;:?" else " " + after
            changes.append(f"- {_where(c)}{line} — *{_cited(cmp, p, c)}*")
            for a in notes:
                changes += _note(a, style, guests.get(id(a)))
        if table:
            changes += _table(cmp, p, table)
        out += unchanged + ([""] if unchanged and changes else []) + changes + [""]
    orphans = [a for a in shown if a.pair is None]
    if orphans:
        out += ["## Orphaned annotations", "",
                "Their quoted text is no longer in either version; they are kept so they can be re-attached.", ""]
        for a in orphans:
            first = a.annotation.targets[0]
            out.append(f"- “{md_escape(first.exact)}” ({first.side}, {_heading_text(first.heading)}): "
                       f"{md_escape(a.annotation.note)}")
        out.append("")
    if tag_counts:
        out += ["## Tag index", ""]
        for tag in sorted(tag_counts):
            where = []
            for a in shown:
                if tag in a.annotation.tags and a.pair is not None:
                    p = cmp.pairs[a.pair]
                    where.append(f"[{md_heading(p.new or p.old)}](#{_anchor(a.pair)})")
            out.append(f"- `#{tag.replace('`', '')}`: " + (", ".join(dict.fromkeys(where)) or "orphaned only"))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _table(cmp: Comparison, p: Pair, changes: Sequence[Change]) -> list[str]:
    """Changes inside a table as a GFM table of the rows they touch: each row as it reads now (as it
    read, for a removed row), its changed cells marked, with the row's key and where it stands."""
    rows: dict[tuple[str, int], list] = {}  # (side, line start) or (change id, line) -> [cells, key, citation]
    for c in changes:
        gone = c.kind == "delete" or p.new is None
        section = p.old if gone else p.new
        if section is None:
            continue
        text, start = section.text, c.old_offset if gone else c.new_offset
        lo = text.rfind("\n", 0, start) + 1
        hi = text.find("\n", start)
        hi = len(text) if hi < 0 else hi
        if row_event(c) in ("added", "removed"):  # whole rows: every cell marked
            for n, line in enumerate((c.old if gone else c.new).split("\n")):
                cells = [x.strip() for x in line.split("|")]
                rows[(c.id, n)] = [[_mark(replace(c, old=x, new="") if gone else replace(c, old="", new=x), "gfm")
                                    if x else "" for x in cells], md_escape(c.row or ""), _cited(cmp, p, c)]
            continue
        entry = rows.setdefault(("old" if gone else "new", lo),
                                [[md_escape(x) for x in text[lo:hi].split("|")], md_escape(c.row or ""),
                                 _cited(cmp, p, c)])
        cells = entry[0]
        col = (c.column or 1) - 1
        if col >= len(cells):
            continue
        a, b = cell_bounds(text, start, start + len(c.old if gone else c.new))
        k = start - a
        cell = text[a:b]
        if gone:  # a deletion inside a cell: the old cell, the deleted words struck where they stood
            before, after = cell[:k], cell[k + len(c.old):]
        else:
            before, after = cell[:k], cell[k + len(c.new):]
        cells[col] = " ".join(x for x in (md_escape(before), _mark(c, "gfm"), md_escape(after)) if x)
    if not rows:
        return []
    for entry in rows.values():  # no empty cells past the last one with text
        while entry[0] and not entry[0][-1]:
            entry[0].pop()
    width = max(1, max(len(cells) for cells, _, _ in rows.values()))
    names = {c.column: c.column_name for c in changes if c.column is not None and c.column_name}
    head = ["row"] + [md_escape(names.get(j + 1, "")) or str(j + 1) for j in range(width)] + ["where"]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for cells, key, where_ in rows.values():
        out.append("| " + " | ".join([key, *cells, *[""] * (width - len(cells)), where_]) + " |")
    return out


def _cited(cmp: Comparison, p: Pair, c: Change) -> str:
    """Where the change stands, `p. 12, l. 4 → p. 14, l. 9` (page labels come from the file: escaped)."""
    return md_escape(str(cite(cmp, p, c)))


def _words(text: str, n: int) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def _heading_text(h: str | None) -> str:
    return md_escape(h) if h else "*(text before the first heading)*"
