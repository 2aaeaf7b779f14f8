"""JSON views of the model, per the contracts in DESIGN.md."""

from __future__ import annotations

import json
from typing import Any

from diffy.model import Document

DOCUMENT_SCHEMA = "diffy.document/1"


def document_to_dict(doc: Document, furniture: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "schema": DOCUMENT_SCHEMA,
        "source": doc.source,
        "sha256": doc.sha256,
        "pages": doc.pages,
        "title": doc.title,
        "sections": [
            {"id": s.id, "heading": s.heading, "number": s.number, "title": s.title,
             "level": s.level, "parent": s.parent, "page": s.page, "text": s.text}
            for s in doc.sections
        ],
    }
    if doc.revisions is not None:  # a Word file with tracked changes: how many, by whom, how they were read
        r = doc.revisions
        out["revisions"] = {"insertions": r.insertions, "deletions": r.deletions, "moves": r.moves,
                            "formatting": r.formatting, "authors": list(r.authors), "read": r.read}
    if doc.comments:  # a Word file's comments, never part of the text
        out["comments"] = [{"author": c.author, "date": c.date, "text": c.text, "quote": c.quote,
                            "section": c.section} for c in doc.comments]
    if furniture:
        out["furniture"] = [{"page": f.page, "kind": f.kind, "text": f.text} for f in doc.furniture]
    return out


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


COMPARISON_SCHEMA = "diffy.comparison/1"


def comparison_to_dict(cmp, terms=None) -> dict[str, Any]:
    """The comparison per the JSON contract; each change carries its significance."""
    from diffy.comparison.significance import Terms, assess_pair

    terms = terms or Terms.for_comparison(cmp)

    def side(doc: Document) -> dict[str, Any]:
        return {"source": doc.source, "sha256": doc.sha256, "title": doc.title}

    pairs = []
    for p in cmp.pairs:
        pairs.append({
            "old": p.old.heading if p.old else None,
            "new": p.new.heading if p.new else None,
            "old_id": p.old.id if p.old else None,
            "new_id": p.new.id if p.new else None,
            "relation": p.relation,
            "similarity": p.similarity,
            "changes": [{**change_to_dict(c, cmp, p), "significance": sig.to_dict()}
                        for c, sig in zip(p.changes, assess_pair(p, terms), strict=True)],
        })
        if p.via:  # made on the series' lineage: the clause in each version in between
            pairs[-1]["via"] = [{"version": s.version, "heading": s.heading} for s in p.via]
    out = {"schema": COMPARISON_SCHEMA, "old": side(cmp.old), "new": side(cmp.new),
           "summary": cmp.summary(), "pairs": pairs}
    if cmp.through:  # compared with the lineage of the versions between them (diffy.series.evidence)
        out["through"] = list(cmp.through)
    return out


def change_to_dict(c, cmp=None, pair=None) -> dict[str, Any]:
    """A change per the contract; given its comparison and pair, with where it stands in each version
    (`old_page`/`new_page`: the file's page label where it has labels, else the 1-based index;
    `old_line`/`new_line`: the line on that page, null where the input has no lines to cite)."""
    out: dict[str, Any] = {"id": c.id, "kind": c.kind, "old": c.old, "new": c.new,
                           "old_offset": c.old_offset, "new_offset": c.new_offset}
    if c.kind == "move":
        out["from_id"], out["to_id"] = c.old_id, c.new_id
    if cmp is not None and pair is not None:
        from diffy.comparison.cite import cite, page_value

        where = cite(cmp, pair, c)
        out["old_page"], out["old_line"] = page_value(cmp.old, where.old), where.old.line if where.old else None
        out["new_page"], out["new_line"] = page_value(cmp.new, where.new), where.new.line if where.new else None
    if c.row is not None:  # a table change: the row's name, and the cell's column (1-based) and header
        out["row"] = c.row
        if c.column is not None:
            out["column"] = c.column
            if c.column_name:
                out["column_name"] = c.column_name
    return out
