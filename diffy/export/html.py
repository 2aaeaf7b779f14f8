"""`render_html(comparison, attached, …) -> str`: the annotated comparison as one self-contained page.

The page holds everything it needs: its style sheet and script are inlined
(`report.css` and `report.js`, package data), it loads nothing (no fonts, no
images, no network), and a Content-Security-Policy with the hashes of those two
lets the browser run no other script or style. It reads without its script
(side by side, folds open with a click, links jump to sections) and prints as a
redline (`@media print`). The script adds the keys, filters and search.

Every document text, heading, note, tag and file name is escaped by
`htmlkit`; attributes hold only numbers, change ids and diffy's own words
(tags are numbered for the tag filter), and links only point inside the page.
The function only returns text; the command writes it.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Sequence
from functools import cache
from importlib.resources import files

from diffy.annotations.attach import Attached
from diffy.annotations.carry import Carried
from diffy.comparison.browse import NO_HEADING, pair_heading, pair_level
from diffy.comparison.cite import cite
from diffy.comparison.compare import RELATIONS, Comparison
from diffy.comparison.significance import FLAG, Significance, Terms, rank
from diffy.comparison.tables import where
from diffy.export.htmlkit import Html, el, join, raw_trusted
from diffy.export.htmlpair import Note, Report, badge, render_pair
from diffy.model import Document

TOP = 10  # changes listed under "Most significant changes"
KEYS = (("j / k", "next / previous section"), ("n / p (or N)", "next / previous change"),
        ("] / [", "next / previous changed section"), ("g / G", "first / last section"),
        ("v", "side by side / inline"), ("z", "unfold / fold unchanged paragraphs"), ("/", "search"),
        ("Enter / Shift+Enter", "next / previous match (in the search box)"), ("x", "clear filters and search"),
        ("?", "this list"), ("Esc", "close this list, leave the search box"))


@cache
def asset(name: str) -> str:
    """The report's style sheet or script, as shipped in the package."""
    return files("diffy.export").joinpath(name).read_text(encoding="utf-8")


def csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(css: str, js: str) -> str:
    """The page's Content-Security-Policy: nothing loads, only its own style sheet and script run."""
    return (f"default-src 'none'; style-src {csp_hash(css)}; script-src {csp_hash(js)}; "
            "base-uri 'none'; form-action 'none'")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _documents(cmp: Comparison, labels: tuple[str, str]) -> Html:
    def row(name: str, old: object, new: object, cls: str | None = None) -> Html:
        return el("tr", None, el("th", {"scope": "row"}, name), el("td", {"class": cls}, old),
                  el("td", {"class": cls}, new))

    def title(d: Document) -> str:
        return d.title or "(untitled)"

    return el("table", {"class": "docs"},
              el("thead", None, el("tr", None, el("th"), el("th", {"scope": "col"}, labels[0]),
                                   el("th", {"scope": "col"}, labels[1]))),
              el("tbody", None, row("title", title(cmp.old), title(cmp.new)),
                 row("file", cmp.old.source, cmp.new.source, "mono"),
                 row("pages", cmp.old.pages, cmp.new.pages),
                 row("SHA-256", cmp.old.sha256, cmp.new.sha256, "mono hash")))


def _summary(cmp: Comparison, shown: Sequence[Attached], guests: Sequence[Carried]) -> Html:
    s = cmp.summary()
    rel = [el("li", None, badge(r), " ", el("span", {"class": "n"}, n)) for r, n in s["pairs"].items()]
    words = el("p", None, f"{s['words_inserted']} words inserted, {s['words_deleted']} deleted; "
               f"{_plural(len(cmp.pairs), 'section pair')}.")
    notes = [f"{_plural(len(shown), 'annotation')}" + (f" ({sum(1 for a in shown if a.pair is None)} orphaned)"
                                                       if any(a.pair is None for a in shown) else "")]
    notes += [f"{n} carried from {origin}" for origin, n in Counter(c.origin for c in guests).items()]
    tags = Counter(t for a in [*shown, *(c.attached for c in guests)] for t in a.annotation.tags)
    tag_items = [el("li", None, el("span", {"class": "tag"}, f"#{t}"), " ", el("span", {"class": "n"}, n))
                 for t, n in sorted(tags.items())]
    return el("section", {"class": "summary", "aria-label": "Summary"},
              el("h2", None, "Summary"), el("ul", {"class": "rels"}, *rel), words,
              el("p", None, "; ".join(notes) + "."),
              el("ul", {"class": "tagcounts"}, *tag_items) if tag_items else None)


def _significant(cmp: Comparison, terms: Terms, shown_pairs: set[int]) -> Html | None:
    ranked = [r for r in rank(cmp, terms, limit=TOP) if r.significance.score >= FLAG and r.pair in shown_pairs]
    if not ranked:
        return None
    items = []
    for r in ranked:
        p, c = cmp.pairs[r.pair], r.change
        change = join([el("del", None, _words(c.old, 12)) if c.old else None, " " if c.old and c.new else None,
                       el("ins", None, _words(c.new, 12)) if c.new else None])
        items.append(el("li", None, el("span", {"class": "fs"}, f"{r.significance.score:.2f}"), " ",
                        el("a", {"href": f"#pair-{r.pair + 1}", "data-c": c.id}, pair_heading(p)), ": ",
                        f"{where(c)}: " if where(c) else None, change,
                        " — ", el("em", None, "; ".join(r.significance.reasons[:3])), " ",
                        el("span", {"class": "cite"}, str(cite(cmp, p, c)))))
    return el("section", {"class": "ranked", "aria-label": "Most significant changes"},
              el("h2", None, "Most significant changes"), el("ol", None, *items))


def _section_map(cmp: Comparison, shown: Sequence[int], labels: tuple[str, str]) -> Html:
    """Old heading, new heading, relation, changes and pages of every pair (the outline is not printed)."""
    def heading(s) -> str:
        return "—" if s is None else (s.heading or NO_HEADING)

    def page(doc: Document, s) -> str:
        return "" if s is None else doc.page_label(s.page)

    def cell(k: int, s, linked: bool) -> Html:
        return el("td", None, el("a", {"href": f"#pair-{k + 1}"}, heading(s)) if linked else heading(s))

    rows = [el("tr", None, cell(k, p.old, p.new is None), cell(k, p.new, p.new is not None),
               el("td", None, badge(p.relation)), el("td", {"class": "num"}, len(p.changes)),
               el("td", {"class": "num"}, page(cmp.old, p.old)), el("td", {"class": "num"}, page(cmp.new, p.new)))
            for k in shown for p in (cmp.pairs[k],)]
    head = el("tr", None, *[el("th", {"scope": "col"}, h) for h in
                            (labels[0], labels[1], "relation", "changes", f"{labels[0]} p.", f"{labels[1]} p.")])
    return el("section", {"class": "map", "aria-label": "Section map"}, el("h2", None, "Section map"),
              el("table", {"class": "map"}, el("thead", None, head), el("tbody", None, *rows)))


def _words(text: str, n: int) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def _controls(tags: Sequence[str], tag_pairs: Counter[str], cmp: Comparison, shown: Sequence[int]) -> Html:
    counts = Counter(cmp.pairs[k].relation for k in shown)
    relations = [el("option", {"value": ""}, "every relation")]
    relations += [el("option", {"value": r}, f"{r} ({counts[r]})") for r in RELATIONS if counts[r]]
    tag_options = [el("option", {"value": ""}, "every tag" if tags else "no tags")]
    tag_options += [el("option", {"value": str(k)}, f"#{t} ({tag_pairs[t]})") for k, t in enumerate(tags)]
    return el("div", {"class": "controls"},
              el("input", {"type": "search", "id": "search", "placeholder": "Search both versions  /",
                           "aria-label": "Search both versions", "autocomplete": "off"}),
              el("div", {"id": "search-count", "class": "hint", "aria-live": "polite"}),
              el("div", {"class": "filters"},
                 el("select", {"id": "f-rel", "aria-label": "Relation"}, *relations),
                 el("select", {"id": "f-tag", "aria-label": "Tag", "disabled": not tags}, *tag_options),
                 el("label", None, el("input", {"type": "checkbox", "id": "f-sig"}), " significant only"),
                 el("label", None, el("input", {"type": "checkbox", "id": "f-chg"}), " changed only")),
              el("div", {"class": "buttons"},
                 el("button", {"type": "button", "id": "b-mode"}, "inline"),
                 el("button", {"type": "button", "id": "b-fold"}, "unfold all"),
                 el("button", {"type": "button", "id": "b-keys", "aria-label": "Keys"}, "?")))


def _outline(cmp: Comparison, shown: Sequence[int], attrs: dict[int, dict], notes: dict[int, list[Note]],
             flags: dict[int, dict[str, Significance]]) -> Html:
    items = []
    for k in shown:
        p = cmp.pairs[k]
        extra = [el("span", {"class": "cnt", "title": "changes"}, len(p.changes)) if p.changes else None,
                 el("span", {"class": "nn", "title": "notes"}, f"✎{len(notes[k])}") if notes.get(k) else None,
                 el("span", {"class": "fl", "title": "significant changes"}, f"⚑{len(flags[k])}")
                 if flags.get(k) else None]
        li = {"class": f"lv{min(pair_level(p), 4)}", "data-pair": k + 1, **attrs[k]}
        items.append(el("li", li, el("a", {"href": f"#pair-{k + 1}"}, badge(p.relation), " ",
                                     el("span", {"class": "h"}, pair_heading(p) or NO_HEADING), *extra)))
    return el("ol", {"id": "pairs"}, *items)


def _orphans(orphans: Sequence[Attached]) -> Html | None:
    if not orphans:
        return None
    items = []
    for a in orphans:
        t = a.annotation.targets[0]
        items.append(el("li", None, "“", el("q", None, t.exact), "” (", t.side, ", ", t.heading or NO_HEADING, "): ",
                        el("span", {"class": "nt"}, a.annotation.note),
                        " ", el("span", {"class": "tags"}, " ".join(f"#{x}" for x in a.annotation.tags))
                        if a.annotation.tags else None))
    return el("section", {"id": "orphans", "class": "extra"}, el("h2", None, "Orphaned annotations"),
              el("p", None, "Their quoted text is no longer in either version; they are kept so they can be "
                            "re-attached."), el("ul", None, *items))


def _tag_index(cmp: Comparison, tags: Sequence[str], notes: dict[int, list[Note]]) -> Html | None:
    if not tags:
        return None
    items = []
    for t in tags:
        where = [k for k in sorted(notes) if any(t in n.attached.annotation.tags for n in notes[k])]
        links: list[object] = [join([", " if i else None, el("a", {"href": f"#pair-{k + 1}"},
                                                             pair_heading(cmp.pairs[k]))]) for i, k in enumerate(where)]
        items.append(el("li", None, el("span", {"class": "tag"}, f"#{t}"), ": ", *(links or ["orphaned only"])))
    return el("section", {"id": "tag-index", "class": "extra"}, el("h2", None, "Tag index"), el("ul", None, *items))


def render_html(cmp: Comparison, attached: Sequence[Attached] = (), *, labels: tuple[str, str] = ("old", "new"),
                tags: Sequence[str] = (), only_annotated: bool = False, carried: Sequence[Carried] = (),
                terms: Terms | None = None) -> str:
    """The page. `tags`: only notes with one of these tags; `only_annotated`: only pairs with notes;
    `carried`: notes of the previous comparison in a series (marked with their origin)."""
    wanted = set(tags)
    shown = [a for a in attached if not wanted or wanted & set(a.annotation.tags)]
    guests = [c for c in carried if not wanted or wanted & set(c.attached.annotation.tags)]
    notes: dict[int, list[Note]] = {}
    for a in shown:
        if a.pair is not None:
            notes.setdefault(a.pair, []).append(Note(a))
    for c in guests:
        if c.attached.pair is not None:
            notes.setdefault(c.attached.pair, []).append(Note(c.attached, c.origin, c.survives))
    flags: dict[int, dict[str, Significance]] = {}
    terms = terms or Terms.for_comparison(cmp)
    for r in rank(cmp, terms):
        if r.significance.score >= FLAG:
            flags.setdefault(r.pair, {})[r.change.id] = r.significance
    all_tags = sorted({t for ns in notes.values() for n in ns for t in n.attached.annotation.tags}
                      | {t for a in shown for t in a.annotation.tags})
    tag_ids = {t: k for k, t in enumerate(all_tags)}
    pair_tags = {k: sorted({t for n in ns for t in n.attached.annotation.tags}) for k, ns in notes.items()}
    tag_pairs = Counter(t for ts in pair_tags.values() for t in ts)
    shown_pairs = [k for k in range(len(cmp.pairs)) if not only_annotated or k in notes]
    headings = {s.id: s.heading or NO_HEADING for d in (cmp.old, cmp.new) for s in d.sections}
    report = Report(cmp, labels, tag_ids, lambda sid: headings.get(sid or "", "another section"), only_annotated)
    attrs = {k: {"data-rel": cmp.pairs[k].relation,
                 "data-tags": " ".join(str(tag_ids[t]) for t in pair_tags.get(k, ())) or None,
                 "data-sig": "1" if flags.get(k) else None, "data-changed": "1" if cmp.pairs[k].changed else None}
             for k in shown_pairs}
    sections = [render_pair(report, k, cmp.pairs[k], notes.get(k, []), flags.get(k, {}), pair_tags.get(k, ()))
                for k in shown_pairs]
    title = f"{cmp.new.title or cmp.old.title or 'untitled'}: {labels[0]} → {labels[1]}"
    css, js = asset("report.css"), asset("report.js")
    help_rows = [el("tr", None, el("th", {"scope": "row"}, k), el("td", None, v)) for k, v in KEYS]
    body = el("body", {"class": "sbs"},
              el("a", {"class": "skip", "href": "#main"}, "Skip to the comparison"),
              el("nav", {"id": "outline", "aria-label": "Sections"},
                 _controls(all_tags, tag_pairs, cmp, shown_pairs), _outline(cmp, shown_pairs, attrs, notes, flags)),
              el("main", {"id": "main"},
                 el("header", {"id": "top"}, el("h1", None, title), _documents(cmp, labels),
                    _summary(cmp, shown, guests), _significant(cmp, terms, set(shown_pairs)),
                    _section_map(cmp, shown_pairs, labels),
                    el("p", {"class": "hint noprint"}, "Deleted words are struck through, inserted words underlined; "
                       "each change ends with where it stands in both versions (page, line). Keys: press ?")),
                 *sections,
                 _orphans([a for a in shown if a.pair is None]), _tag_index(cmp, all_tags, notes)),
              el("div", {"id": "status", "class": "noprint", "aria-live": "polite"}),
              el("div", {"id": "help", "class": "noprint", "hidden": True, "role": "dialog", "aria-label": "Keys"},
                 el("h2", None, "Keys"), el("table", None, el("tbody", None, *help_rows))),
              el("script", None, raw_trusted(js)))
    head = el("head", None, el("meta", {"charset": "utf-8"}),
              el("meta", {"http-equiv": "Content-Security-Policy", "content": policy(css, js)}),
              el("meta", {"name": "referrer", "content": "no-referrer"}),
              el("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
              el("meta", {"name": "generator", "content": "diffy"}),
              el("title", None, title), el("style", None, raw_trusted(css)))
    return "<!DOCTYPE html>\n" + el("html", {"lang": "en"}, head, body) + "\n"
