"""The comparison as text for a terminal: a header per pair, then each change in context."""

from __future__ import annotations

from diffy.comparison.compare import Comparison, Pair
from diffy.comparison.tables import cell_bounds, row_event, where

STYLES = {"del": ("\x1b[31m", "\x1b[0m"), "ins": ("\x1b[32m", "\x1b[0m"), "head": ("\x1b[1m", "\x1b[0m"),
          "dim": ("\x1b[2m", "\x1b[0m")}


def _paint(kind: str, text: str, colour: bool) -> str:
    if not colour:
        return text
    a, b = STYLES[kind]
    return f"{a}{text}{b}"


def _context(text: str, start: int, end: int, words: int) -> tuple[str, str]:
    before = text[:start].split()
    after = text[end:].split()
    pre = " ".join(before[-words:]) if words else ""
    post = " ".join(after[:words]) if words else ""
    return ("… " if len(before) > words else "") + pre, post + (" …" if len(after) > words else "")


def heading(p: Pair) -> str:
    old = p.old.heading or "(text before the first heading)" if p.old else "—"
    new = p.new.heading or "(text before the first heading)" if p.new else "—"
    return old if old == new else f"{old}  →  {new}"


def render_text(cmp: Comparison, context: int = 6, colour: bool = False) -> str:
    out = [f"--- {cmp.old.source}  ({cmp.old.title or 'untitled'})",
           f"+++ {cmp.new.source}  ({cmp.new.title or 'untitled'})"]
    if cmp.through:
        out.append(lineage_line(cmp))
    out.append("")
    for p in cmp.pairs:
        if not p.changed:
            continue
        facts = [f"similarity {p.similarity:.2f}"] if p.old and p.new else []
        facts += [f"via {' → '.join(map(str, p.via))}"] if p.via else []
        out.append(_paint("head", f"@@ {p.relation}: {heading(p)}", colour)
                   + (f"  ({'; '.join(facts)})" if facts else ""))
        for c in p.changes:
            out.append("  " + change_line(p, c, context, colour))
        out.append("")
    s = cmp.summary()
    rel = ", ".join(f"{n} {r}" for r, n in s["pairs"].items() if n)
    out.append(f"{len(cmp.pairs)} section pairs: {rel}; {s['words_inserted']} words inserted, "
               f"{s['words_deleted']} deleted")
    return "\n".join(out) + "\n"


def lineage_line(cmp: Comparison) -> str:
    """What a comparison through a series' versions in between says of it, under its header."""
    n = cmp.by_lineage
    made = f"{n} pair{'s' if n != 1 else ''} made by it, marked “via”" if n else "no pair needed it"
    return (f"    versions of one series: paired with its lineage through {', '.join(cmp.through)} ({made}; "
            "--no-lineage compares the two alone)")


def abbreviate(text: str, limit: int = 60) -> str:
    """Long runs (whole added or removed sections) shown by their first and last words."""
    words = text.split()
    if len(words) <= limit:
        return " ".join(words)
    return f"{' '.join(words[:30])} … {' '.join(words[-10:])} [{len(words)} words]"


def render_history(series, clauses, context: int = 6, colour: bool = False) -> str:
    """Chosen clauses of a series (`diffy.series.history.Series`), version by version with their changes."""
    from diffy.series.history import history

    out = []
    for k in clauses:
        for e in history(series, k):
            out.append(f"  {e.step.version:<10} {e.step.event:<11} " + _paint("head", e.step.title, colour))
            if e.pair is not None:
                out += [" " * 25 + change_line(e.pair, c, context, colour) for c in e.pair.changes]
        out.append("")
    return "\n".join(out)


def change_line(p: Pair, c, context: int, colour: bool) -> str:
    event, cell = row_event(c), where(c)
    if event == "moved":
        return f"{cell} moved"
    if event is not None:
        return f"{cell} {event}: " + _paint("ins" if c.new else "del", abbreviate(c.new or c.old), colour)
    if c.kind == "move":
        within = p.old is not None and p.new is not None and c.old_id == p.old.id and c.new_id == p.new.id
        return f"moved {'within the section' if within else 'here from elsewhere'}: " + \
            _paint("ins", abbreviate(c.new), colour)
    inside = cell_context if cell else _context
    if p.old and c.old:
        pre, post = inside(p.old.text, c.old_offset, c.old_offset + len(c.old), context)
    elif p.new:
        pre, post = inside(p.new.text, c.new_offset, c.new_offset + len(c.new), context)
    else:
        pre = post = ""
    mid = []
    if c.old:
        mid.append(_paint("del", f"[-{abbreviate(c.old)}-]", colour))
    if c.new:
        mid.append(_paint("ins", f"{{+{abbreviate(c.new)}+}}", colour))
    line = " ".join(x for x in (pre, " ".join(mid)) if x)
    if post:
        line += post if post[0] in ".,;:!?)]" else " " + post
    return f"{cell}: {line}" if cell else line



def cell_context(text: str, start: int, end: int, words: int) -> tuple[str, str]:
    """Context for a change inside a table cell: the words either side within that cell only."""
    left, right = cell_bounds(text, start, end)
    return _context(text[left:right], start - left, end - left, words)
