"""Building HTML so that text can only ever be text.

`el(tag, attrs, *children)` makes an element: every `str` child and every
attribute value is escaped; only `Html` (what `el`, `raw_trusted` and `join`
return) passes through as markup. Tag and attribute names must be plain
lower-case names written in diffy's code, and an `href` may only point inside
the page (`#…`), so no element, attribute or link can come from a document.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping

_NAME = re.compile(r"[a-z][a-z0-9-]*\Z")
_VOID = frozenset({"meta", "input", "br", "hr", "link"})
_FRAGMENT = re.compile(r"#[A-Za-z][A-Za-z0-9_-]*\Z")


class Html(str):
    """Markup diffy built; never made from outside text except through `el` and `esc`."""

    __slots__ = ()


def esc(text: object) -> Html:
    """Text as HTML: `&`, `<`, `>` and both quotes escaped; bytes that are not UTF-8 (a file name read with
    surrogate escapes) become U+FFFD, so the page can always be written as UTF-8."""
    s = str(text)
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        s = s.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return Html(html.escape(s, quote=True))


def raw_trusted(markup: str) -> Html:
    """Markup written in diffy's own code (the style sheet, the script, the doctype)."""
    return Html(markup)


def join(parts: Iterable[object]) -> Html:
    return Html("".join(_child(p) for p in parts))


def _child(c: object) -> str:
    if c is None or c is False:
        return ""
    if isinstance(c, Html):
        return c
    if isinstance(c, str | int | float):
        return esc(c)
    if isinstance(c, Iterable):
        return "".join(_child(x) for x in c)
    raise TypeError(f"cannot put a {type(c).__name__} into HTML")


def el(tag: str, attrs: Mapping[str, object] | None = None, *children: object) -> Html:
    """`<tag attrs>children</tag>`; an attribute that is None or False is left out, True is written bare."""
    if not _NAME.match(tag):
        raise ValueError(f"not an element name: {tag!r}")
    out = ["<", tag]
    for name, value in (attrs or {}).items():
        name = name.rstrip("_").replace("_", "-")  # class_ → class, data_pair → data-pair
        if not _NAME.match(name) or name.startswith("on"):
            raise ValueError(f"not an attribute diffy writes: {name!r}")
        if value is None or value is False:
            continue
        if name in ("href", "src", "action", "formaction"):
            if name != "href" or not _FRAGMENT.match(str(value)):
                raise ValueError(f"{name} may only link inside the page: {value!r}")
        out.append(f" {name}" if value is True else f' {name}="{esc(value)}"')
    out.append(">")
    if tag in _VOID:
        if children:
            raise ValueError(f"<{tag}> has no content")
        return Html("".join(out))
    out += [_child(c) for c in children]
    out.append(f"</{tag}>")
    return Html("".join(out))
