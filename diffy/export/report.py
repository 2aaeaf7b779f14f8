"""`diffy diff --format markdown`: a plain comparison report (annotations come later).

Document text is escaped so it can never create Markdown structure, links,
images or HTML; it always reads as the words it is.
"""

from __future__ import annotations

import re

from diffy.comparison.compare import Comparison, Pair
from diffy.comparison.tables import cell_bounds, row_event, where

_SPECIAL = re.compile(r"([\\`*_\[\]()#|~!{}])")
# a script scheme is broken with a zero-width space, so no renderer (autolinking ones included) can
# ever make a link of it; the text reads the same
_SCHEME = re.compile(r"(?i)\b(javascript|vbscript)(\s*):")


def md_escape(text: str) -> str:
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SCHEME.sub("\\1\u200b\\2:", text)
    return _SPECIAL.sub(r"\\\1", text)


def md_heading(s) -> str:
    """A section's heading for Markdown ("—" for no section)."""
    if s is None:
        return "—"
    return md_escape(s.heading) if s.heading else "*(text before the first heading)*"


def render_report(cmp: Comparison, context: int = 6) -> str:
    s = cmp.summary()
    out = [f"# Comparison: {md_escape(cmp.new.title or cmp.old.title or 'untitled')}", "",
           f"- Old: `{cmp.old.source}` ({cmp.old.pages} pages)",
           f"- New: `{cmp.new.source}` ({cmp.new.pages} pages)", "",
           "## Summary", "", "| relation | pairs |", "|---|---:|"]
    out += [f"| {r} | {n} |" for r, n in s["pairs"].items()]
    out += ["", f"Words inserted: {s['words_inserted']}; words deleted: {s['words_deleted']}.", "",
            "## Section map", "", "| old | new | relation | similarity |", "|---|---|---|---:|"]
    out += [f"| {md_heading(p.old)} | {md_heading(p.new)} | {p.relation} | {p.similarity:.2f} |" for p in cmp.pairs]
    out += ["", "## Changes", ""]
    for p in cmp.pairs:
        if not p.changed:
            continue
        out += [f"### {p.relation}: {md_heading(p.old)} → {md_heading(p.new)}", ""]
        pages = f"old p. {p.old.page}" if p.old else ""
        pages += (", " if pages and p.new else "") + (f"new p. {p.new.page}" if p.new else "")
        out += [f"*{pages}*", ""]
        out += [f"- {_change(p, c, context)}" for c in p.changes]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _change(p: Pair, c, context: int) -> str:
    event, cell = row_event(c), where(c, ("“", "”"))
    if event == "moved":
        return f"{md_escape(cell or '')} moved"
    if event is not None:
        row = f"**{md_escape(c.new)}**" if c.new else f"~~{md_escape(c.old)}~~"
        return f"{md_escape(cell or '')} {event}: {row}"
    if c.kind == "move":
        return f"moved here: {md_escape(c.new)}"
    src, start, length = (p.old.text, c.old_offset, len(c.old)) if p.old and c.old else (
        (p.new.text, c.new_offset, len(c.new)) if p.new else ("", 0, 0))
    lo, hi = cell_bounds(src, start, start + length) if cell else (0, len(src))
    before = src[lo:start].split()[-context:] if context else []
    after = src[start + length:hi].split()[:context] if context else []
    parts = [md_escape(" ".join(before))] if before else []
    if c.old:
        parts.append(f"~~{md_escape(c.old)}~~")
    if c.new:
        parts.append(f"**{md_escape(c.new)}**")
    if after:
        parts.append(md_escape(" ".join(after)))
    return (f"{md_escape(cell)}: " if cell else "") + " ".join(parts)
