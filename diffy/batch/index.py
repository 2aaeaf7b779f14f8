"""A batch's index: one row per pair, as `index.json` and `index.csv`, and the closing summary table.

Rows are in the order of the series and, within a series, of its pairs. The
figures of a pair come from its comparison (`figures`); `seconds` is how long
comparing and exporting it took and `read_seconds` how long reading its two
documents took (a document shared by two pairs, or by two files with the same
bytes, is read once and counted in both), in the run that computed it. Those
two are the only fields that differ between two runs over the same files.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence

from diffy.comparison.compare import RELATIONS, Comparison
from diffy.comparison.significance import FLAG, Terms, rank

SCHEMA = "diffy.batch/1"
TOP = 5  # significant changes listed per pair
WORDS = 25  # words of a change's text kept in the index


def figures(cmp: Comparison, terms: Terms) -> dict:
    """A pair's figures: pages, pairs per relation, words inserted and deleted, its significant changes."""
    summary = cmp.summary()
    ranked = [r for r in rank(cmp, terms) if r.significance.score >= FLAG]
    top = []
    for r in ranked[:TOP]:
        p = cmp.pairs[r.pair]
        section = p.new or p.old
        top.append({"score": r.significance.score, "id": r.change.id,
                    "section": section.heading if section is not None else None,
                    "old": _words(r.change.old), "new": _words(r.change.new),
                    "reasons": list(r.significance.reasons)})
    return {"old_pages": cmp.old.pages, "new_pages": cmp.new.pages, "pairs": summary["pairs"],
            "words_inserted": summary["words_inserted"], "words_deleted": summary["words_deleted"],
            "significant": len(ranked), "top": top}


def _words(text: str) -> str:
    words = text.split()
    return " ".join(words[:WORDS]) + (" …" if len(words) > WORDS else "")


def index_json(rows: Sequence[dict]) -> str:
    return json.dumps({"schema": SCHEMA, "pairs": list(rows)}, indent=2, ensure_ascii=False) + "\n"


CSV_FIELDS = ("series", "old", "new", "old_pages", "new_pages", *RELATIONS, "words_inserted", "words_deleted",
              "significant", "top_score", "top_changes", "seconds", "read_seconds", "error", "outputs")


def index_csv(rows: Sequence[dict]) -> str:
    """The rows as CSV; the three most significant changes of a pair in one cell, `score section: old → new`
    each, separated by ` | `."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_FIELDS)
    for r in rows:
        pairs = r.get("pairs") or {}
        top = r.get("top") or []
        cells = [r["series"], r.get("old"), r.get("new"), r.get("old_pages"), r.get("new_pages"),
                 *(pairs.get(rel) for rel in RELATIONS), r.get("words_inserted"), r.get("words_deleted"),
                 r.get("significant"), top[0]["score"] if top else None,
                 " | ".join(f"{t['score']:.2f} {t['section'] or '(before the first heading)'}: "
                            f"{t['old'] or '—'} → {t['new'] or '—'}" for t in top[:3]),
                 r.get("seconds"), r.get("read_seconds"), r.get("error"), " ".join(r.get("outputs") or [])]
        w.writerow(["" if c is None else _cell(c) for c in cells])
    return buf.getvalue()


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet shows as text: one starting with `=`, `+`, `-`, `@` or a control
    character would be taken as a formula, so it gets a leading apostrophe (numbers stay numbers)."""
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def summary_table(rows: Sequence[dict], limit: int = 10) -> str:
    """The series with the most significant changes: pairs, failures, significant changes, the top one."""
    series: dict[str, dict] = {}
    for r in rows:
        s = series.setdefault(r["series"], {"pairs": 0, "failed": 0, "significant": 0, "top": None})
        s["pairs"] += 1
        s["failed"] += bool(r.get("error"))
        s["significant"] += r.get("significant") or 0
        for t in r.get("top") or []:
            if s["top"] is None or t["score"] > s["top"][0]["score"]:
                s["top"] = (t, f"{r.get('old')} → {r.get('new')}")
    order = sorted(series.items(), key=lambda kv: (-kv[1]["significant"],
                                                   -(kv[1]["top"][0]["score"] if kv[1]["top"] else 0), kv[0]))
    width = min(max((len(name) for name, _ in order[:limit]), default=6), 40)
    lines = [f"{'series':<{width}}  pairs  failed  significant  top   where and what"]
    for name, s in order[:limit]:
        top = ""
        score = "   — "
        if s["top"]:
            t, where = s["top"]
            score = f"{t['score']:.2f} "
            what = t["new"] or t["old"]
            top = _plain(f"{where}, {t['section'] or '(before the first heading)'}: {what}")
        lines.append(f"{_plain(name)[:width]:<{width}}  {s['pairs']:>5}  {s['failed']:>6}  {s['significant']:>11}  "
                     f"{score} {top[:90] + ('…' if len(top) > 90 else '')}".rstrip())
    if len(order) > limit:
        lines.append(f"… and {len(order) - limit} more series (index.csv has every pair)")
    return "\n".join(lines) + "\n"


def _plain(text: str) -> str:
    """Text safe to print on a terminal: control characters (escape sequences) become spaces."""
    return "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in " ".join(text.split()))
