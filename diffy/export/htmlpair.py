"""One section pair of the HTML report: its heading, its paragraphs side by side and inline, with the
notes, tags and significance flags beside the paragraph they belong to.

The rows are `pairview.build_rows` (the pairing of paragraphs the terminal UI draws) and folding is
`pairview.fold`, so the report shows what the UI shows. Every piece of document text goes through
`htmlkit`, which escapes it; attribute values are only change ids, numbers and diffy's own words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from diffy.annotations.attach import Attached, note_row
from diffy.comparison.browse import NO_HEADING
from diffy.comparison.cite import cite
from diffy.comparison.compare import Comparison, Pair
from diffy.comparison.pairview import (
    ASIDE,
    DELETED,
    INSERTED,
    MOVED_IN,
    Segment,
    build_rows,
    change_rows,
    fold,
    inline,
    row_for,
)
from diffy.comparison.significance import Significance
from diffy.export.htmlkit import Html, el, join


@dataclass(frozen=True, slots=True)
class Note:
    """A note as the report shows it: the comparison's own, or carried from the one before (`origin`)."""

    attached: Attached
    origin: str | None = None  # e.g. "1979 → 1998" for a carried note
    survives: bool = True  # a carried note's quote still stands in the new version


@dataclass(frozen=True)
class Report:
    """What every pair of the report needs to know about the whole comparison."""

    cmp: Comparison
    labels: tuple[str, str]
    tag_ids: Mapping[str, int]  # tag → its number in the page's tag filter
    heading_of: Callable[[str | None], str]
    only_annotated: bool = False


def badge(relation: str) -> Html:
    return el("span", {"class": f"badge b-{relation}"}, relation)


def headings_html(p: Pair) -> Html:
    """Both headings; a changed heading shows the old one struck through."""
    old = (p.old.heading or NO_HEADING) if p.old else None
    new = (p.new.heading or NO_HEADING) if p.new else None
    if old is not None and new is not None and old != new:
        return join([el("del", {"class": "oldh"}, old), " → ", el("span", {"class": "newh"}, new)])
    return el("span", {"class": "newh"}, new or old or "")


def note_html(n: Note) -> Html:
    a = n.attached
    head = el("span", {"class": "nm"}, f"↪ {n.origin}:" if n.origin else "✎")
    extra = []
    if a.annotation.tags:
        extra.append(el("span", {"class": "tags"}, " ".join(f"#{t}" for t in a.annotation.tags)))
    if a.status != "anchored":
        extra.append(el("span", {"class": "st"}, f"({a.status})"))
    if n.origin and not n.survives:
        extra.append(el("span", {"class": "st"}, "(gone from the new version)"))
    kind = "note carried" if n.origin else "note"
    return el("div", {"class": kind}, head, " ", el("span", {"class": "nt"}, " ".join(a.annotation.note.split())),
              *[join([" ", x]) for x in extra])


def flag_html(sig: Significance) -> Html:
    return el("div", {"class": "flag"}, el("span", {"class": "fs"}, f"⚑ {sig.score:.2f}"), " ",
              "; ".join(sig.reasons))


def _segments(segs: Sequence[Segment], cites: Mapping[str, str], flagged: Mapping[str, Significance],
              annotated: set[str]) -> Html:
    """A run of segments; `cites` gives the citation to write after the last segment of a change."""
    last = {seg.change: k for k, seg in enumerate(segs) if seg.change in cites}
    out: list[Html] = []
    note = None
    for k, seg in enumerate(segs):
        label = None
        if seg.note and seg.note != note:
            label = el("span", {"class": "why"}, f"[{seg.note}] ")
        note = seg.note
        classes = []
        if seg.change is not None:
            classes.append("chg")
            if seg.change in flagged:
                classes.append("sig")
            if seg.change in annotated:
                classes.append("annotated")
        attrs = {"class": " ".join(classes) or None, "data-c": seg.change}
        if seg.kind == DELETED:
            out.append(el("del", attrs, seg.text))
        elif seg.kind == INSERTED:
            out.append(el("ins", attrs, seg.text))
        elif seg.kind == MOVED_IN:
            out.append(el("span", {**attrs, "class": " ".join(["moved", *classes])}, label, seg.text))
        elif seg.kind == ASIDE:
            out.append(el("span", {"class": "aside"}, label, seg.text))
        else:
            out.append(join([label, seg.text]))
        if seg.change is not None and last.get(seg.change) == k:
            out.append(el("span", {"class": "cite", "data-c": seg.change}, cites[seg.change]))
    return join(out)


def render_pair(r: Report, k: int, p: Pair, notes: Sequence[Note], flagged: Mapping[str, Significance],
                tags: Sequence[str]) -> Html:
    """Pair `k` as a `<section>`: heading, facts, the side-by-side view and the inline view."""
    rows = build_rows(p, r.heading_of)
    crow = change_rows(rows)
    cites = {c.id: str(cite(r.cmp, p, c)) for c in p.changes if c.id in crow}
    beside: dict[int, list[Html]] = {}
    annotated: set[str] = set()
    unplaced: list[Html] = []  # notes on the pair whose text no row shows: under the pair's heading
    for n in notes:
        row = note_row(n.attached, crow, lambda side, offset: row_for(p, rows, side, offset))
        if row is None:
            unplaced.append(note_html(n))
            continue
        beside.setdefault(row, []).append(note_html(n))
        if n.attached.change is not None and n.attached.change in crow:
            annotated.add(n.attached.change)
    with_notes = set(beside)
    for cid, sig in flagged.items():
        if cid in crow:
            beside.setdefault(crow[cid], []).insert(0, flag_html(sig))
    items = fold(rows, keep=with_notes, shown=(lambda row: False) if r.only_annotated else (lambda row: row.changed))
    why = "paragraphs without notes" if r.only_annotated else "unchanged paragraphs"

    def side_by_side(i: int) -> Html:
        row = rows[i]
        home = {cid: ("new" if any(s.change == cid for s in row.new or ()) else "old")
                for cid, at in crow.items() if at == i}
        cells = []
        for side, segs in (("old", row.old), ("new", row.new)):
            if segs is None:
                cells.append(el("div", {"class": f"{side[0]} gap"}))
                continue
            mine = {cid: cites[cid] for cid, h in home.items() if h == side and cid in cites}
            label = el("span", {"class": "why"}, f"{row.label}: ") if row.label and (
                side == "new" or row.new is None) else None  # a table row's name and changed cells
            cells.append(el("div", {"class": side[0]},
                            el("p", None, join([label, _segments(segs, mine, flagged, annotated)]))))
        return el("div", {"class": "row chgd" if row.changed else "row"}, *cells, _aside(beside.get(i)))

    def inline_row(i: int) -> Html:
        row = rows[i]
        mine = {cid: cites[cid] for cid, at in crow.items() if at == i and cid in cites}
        what = "[removed paragraph] " if row.new is None else ("[added paragraph] " if row.old is None else None)
        what = f"{row.label}: " if row.label else what
        text = join([el("span", {"class": "why"}, what) if what else None,
                     _segments(inline(row), mine, flagged, annotated)])
        return el("div", {"class": "row chgd" if row.changed else "row"},
                  el("div", {"class": "t"}, el("p", None, text)), _aside(beside.get(i)))

    def view(kind: str, draw: Callable[[int], Html]) -> Html:
        out: list[Html] = []
        if kind == "sbs":
            out.append(el("div", {"class": "row cols"}, el("div", {"class": "o"}, r.labels[0]),
                          el("div", {"class": "n"}, r.labels[1])))
        for what, a, count in items:
            if what == "row":
                out.append(draw(a))
            else:
                label = f"⋯ {count} {why if count != 1 else why.replace('paragraphs', 'paragraph')}"
                out.append(el("details", {"class": "fold"}, el("summary", None, label),
                              *[draw(i) for i in range(a, a + count)]))
        return el("div", {"class": f"view {kind}"}, *out)

    facts = []
    if p.old is not None:
        facts.append(f"{r.labels[0]} p. {r.cmp.old.page_label(p.old.page)}")
    if p.new is not None:
        facts.append(f"{r.labels[1]} p. {r.cmp.new.page_label(p.new.page)}")
    if p.old is not None and p.new is not None:
        facts.append(f"similarity {p.similarity:.2f}")
    facts.append(f"{len(p.changes)} change" + ("" if len(p.changes) == 1 else "s"))
    if notes:
        facts.append(f"✎ {len(notes)} note" + ("" if len(notes) == 1 else "s"))
    if flagged:
        facts.append(f"⚑ {len(flagged)} significant")
    level = min((p.new or p.old).level, 4) if (p.new or p.old) is not None else 0  # type: ignore[union-attr]
    attrs = {"class": f"pair lv{level}", "id": f"pair-{k + 1}", "data-rel": p.relation,
             "data-tags": " ".join(str(r.tag_ids[t]) for t in tags) or None,
             "data-sig": "1" if flagged else None, "data-changed": "1" if p.changed else None}
    return el("section", attrs, el("h2", None, badge(p.relation), " ", headings_html(p)),
              el("p", {"class": "facts"}, " · ".join(facts)),
              el("div", {"class": "pnotes"}, *unplaced) if unplaced else None,
              view("sbs", side_by_side), view("inl", inline_row))


def _aside(items: list[Html] | None) -> Html | None:
    return el("aside", {"class": "side"}, *items) if items else None
