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
    if furniture:
        out["furniture"] = [{"page": f.page, "kind": f.kind, "text": f.text} for f in doc.furniture]
    return out


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
