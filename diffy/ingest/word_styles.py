"""Word paragraph styles: which are headings (and of what level), which is the title, which number.

A style is a heading when it, or a style it is based on (`w:basedOn`, followed
up the chain), sets an outline level (`w:outlineLvl` 0–8; 9 is body text) or is
one of Word's built-in `heading 1`–`heading 9` (built-in styles keep their
English names in the file whatever the language of Word). `Title` (and styles
based on it) mark the document's title; `toc 1`–`toc 9` the lines of a table of
contents. Numbering set on a style (`w:numPr`) numbers every paragraph in it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from diffy.ingest.ooxml import as_int, child_val, w

_HEADING_NAME = re.compile(r"heading\s*([1-9])$", re.I)
_TOC_NAME = re.compile(r"toc\s*[1-9]$|toc heading$|table of figures$", re.I)
MAX_CHAIN = 32  # basedOn chains longer than this are loops or damage


@dataclass(frozen=True, slots=True)
class Style:
    id: str
    name: str
    based_on: str | None
    outline: int | None  # w:outlineLvl set by this style itself
    num_id: str | None  # w:numPr/w:numId set by this style itself ("0": numbering switched off)
    num_level: int | None
    hidden: bool  # its runs are hidden text (w:vanish)


@dataclass(frozen=True, slots=True)
class Styles:
    by_id: dict[str, Style]
    default: str | None  # the default paragraph style's id
    _memo: dict[tuple[str, str | None], Any] = field(default_factory=dict, compare=False, repr=False)

    def _once(self, what: str, style_id: str | None, compute: Callable[[], Any]) -> Any:
        """Each question about a style is answered once per document (paragraphs ask it again and again)."""
        key = (what, style_id)
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @classmethod
    def from_xml(cls, root: etree._Element | None) -> Styles:
        if root is None:
            return cls({}, None)
        styles: dict[str, Style] = {}
        default = None
        for s in root.iter(w("style")):
            if s.get(w("type")) not in ("paragraph", "character", None):
                continue
            sid = s.get(w("styleId"), "")
            if s.get(w("type")) == "paragraph" and s.get(w("default")) in ("1", "true", "on"):
                default = sid
            ppr, rpr = s.find(w("pPr")), s.find(w("rPr"))
            outline = num_id = num_level = None
            if ppr is not None:
                outline = as_int(child_val(ppr, "outlineLvl"))
                numpr = ppr.find(w("numPr"))
                if numpr is not None:
                    num_id = child_val(numpr, "numId")
                    num_level = as_int(child_val(numpr, "ilvl"))
            hidden = rpr is not None and _on(rpr.find(w("vanish")))
            styles[sid] = Style(sid, child_val(s, "name") or sid, child_val(s, "basedOn"), outline, num_id, num_level,
                                hidden)
        return cls(styles, default)

    def chain(self, style_id: str | None) -> list[Style]:
        """The style and those it is based on, nearest first (the default style for none)."""
        out: list[Style] = []
        sid = style_id if style_id in self.by_id else self.default
        while sid is not None and sid in self.by_id and len(out) < MAX_CHAIN:
            s = self.by_id[sid]
            if s in out:
                break
            out.append(s)
            sid = s.based_on
        return out

    def outline_level(self, style_id: str | None) -> int | None:
        """The heading level (0 = Heading 1) a paragraph in this style has; None for body text."""
        return self._once("outline", style_id, lambda: self._outline_level(style_id))

    def _outline_level(self, style_id: str | None) -> int | None:
        for s in self.chain(style_id):
            if s.outline is not None:
                return s.outline if 0 <= s.outline <= 8 else None
            m = _HEADING_NAME.match(s.name.strip())
            if m:
                return int(m.group(1)) - 1
        return None

    def is_title(self, style_id: str | None) -> bool:
        return self._once("title", style_id,
                          lambda: any(s.name.strip().lower() == "title" for s in self.chain(style_id)))

    def is_contents(self, style_id: str | None) -> bool:
        """A line of a table of contents (toc 1–9, TOC Heading, table of figures)."""
        return self._once("contents", style_id,
                          lambda: any(_TOC_NAME.match(s.name.strip()) for s in self.chain(style_id)))

    def hidden(self, style_id: str | None) -> bool:
        if not style_id:
            return False
        return self._once("hidden", style_id, lambda: any(s.hidden for s in self.chain(style_id)))

    def numbering(self, style_id: str | None) -> tuple[str, int | None] | None:
        """The (num id, level) a style numbers its paragraphs with, inherited along basedOn."""
        return self._once("numbering", style_id, lambda: self._numbering(style_id))

    def _numbering(self, style_id: str | None) -> tuple[str, int | None] | None:
        for s in self.chain(style_id):
            if s.num_id is not None:
                return None if s.num_id == "0" else (s.num_id, s.num_level)
        return None




def _on(el: etree._Element | None) -> bool:
    """A Word on/off property: present and not switched off."""
    return el is not None and el.get(w("val")) not in ("0", "false", "off")
