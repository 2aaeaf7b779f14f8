"""What on a web page is not the document: the site's navigation, banners, footers, cookie notices.

Dropped, in this order, from the part of the page being read (never that part
itself, nor an element that holds it):

- cookie and consent notices, recognised two ways: an element whose id, class
  or aria-label names cookies or consent (or a consent platform: OneTrust,
  Cookiebot, Didomi, TrustArc, Usercentrics, Quantcast, Osano), and the nearest
  element around an accept / reject / settings button whose text mentions
  cookies (up to 250 words) — unless it holds the page's main content (a
  `main`, an `article`, an `h1`, or 40 % of the page's words, as the text of a
  cookie policy does);
- navigation (`nav`, role navigation), side content (`aside`, role
  complementary), the page banner and footer (`header` and `footer` that belong
  to the page rather than to an article or section, roles banner and
  contentinfo), search (role search), dialogs (role dialog or alertdialog, a
  closed `dialog`), forms (unless the page puts its whole content in one, as
  ASP.NET sites do) — each unless it holds a `main`;
- what a browser does not show: `hidden`, inline `display: none` or
  `visibility: hidden`, and text only screen readers get (`sr-only`,
  `visually-hidden`, `screen-reader-text`, skip links);
- scripts, styles, templates, `noscript`, embedded media and form controls.

Each dropped part (other than the last kind) is kept as furniture, so
`diffy parse --furniture` shows what was taken out and why.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from lxml import etree, html

from diffy.ingest.text import collapse
from diffy.model import Furniture

_COOKIE_MARK = re.compile(r"cookie|consent|gdpr|ccpa|onetrust|optanon|cookiebot|didomi|truste|usercentrics|"
                          r"qc-cmp|osano|cmplz|(?:^|[-_\s])cmp(?:$|[-_\s])|sp_message", re.I)
_BUTTON_WORDS = re.compile(r"^\s*(accept|agree|allow|reject|decline|deny|refuse|got it|ok(ay)?|i understand|"
                           r"manage|settings|preferences|customi[sz]e|close|dismiss|continue)\b", re.I)
_SR_ONLY = re.compile(r"(?:^|\s)(sr-only|visually-hidden|screen-reader-text|screenreader|skip-link|skip-to-content|"
                      r"skiplink|a11y-hidden|element-invisible)(?:$|\s)", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SECTIONING = {"article", "aside", "main", "nav", "section"}
_INVISIBLE = ("script", "style", "template", "noscript", "head", "svg", "canvas", "iframe", "object", "embed",
              "audio", "video", "map", "img", "picture", "meta", "link")
_CONTROLS = ("input", "button", "select", "textarea", "datalist", "output", "progress", "meter")
_TEXT_LEVEL = {"p", "li", "td", "th", "dd", "dt", "span", "label", "a", "strong", "em", "b", "i", "small", "q"}
_CHROME = etree.XPath("descendant::*[self::nav or self::aside or self::header or self::footer or self::form or "
                      "self::dialog or @role or @hidden or @style or @class]")
_MARKED = etree.XPath("descendant::*[@id or @class or @aria-label]")
_HOLDS_MAIN = etree.XPath("boolean(descendant-or-self::main | descendant-or-self::*[@role='main'])")
_HOLDS_CONTENT = etree.XPath("boolean(descendant-or-self::main | descendant-or-self::article | "
                             "descendant-or-self::h1)")
COOKIE_WORDS = 250
COOKIE_SHARE = 0.4


def strip_chrome(roots: Sequence[html.HtmlElement]) -> list[Furniture]:
    """Drop from each root what is not the document; return what was dropped, as furniture."""
    keep = [*roots, *(a for r in roots for a in r.iterancestors())]  # held, so that their ids stay theirs
    protected = {id(e) for e in keep}
    dropped: list[Furniture] = []

    def drop(el: html.HtmlElement, kind: str | None) -> None:
        if id(el) in protected or el.getparent() is None:
            return
        text = collapse(" ".join(el.itertext())) if kind else ""  # spaced: shown, not compared
        if text:
            dropped.append(Furniture(1, kind or "", text if len(text) <= 160 else text[:157] + "…"))
        el.drop_tree()

    for root in roots:
        for el in list(root.iter(*_INVISIBLE)):
            drop(el, None)
    page_words = sum(_words(r) for r in roots) or 1
    for root in roots:
        for el in _cookie_notices(root, page_words):
            drop(el, "cookie-notice")
        for el, kind in _outermost(root, _CHROME(root), _chrome_kind):
            drop(el, kind)
        for el in list(root.iter(*_CONTROLS)):
            drop(el, None)
    return dropped


def _outermost(root: html.HtmlElement, candidates: list[html.HtmlElement],
               judge: Callable[[html.HtmlElement], str | None]) -> list[tuple[html.HtmlElement, str]]:
    """The candidates `judge` names a kind for, leaving out those inside another such one (candidates come
    from an XPath query, in document order; nothing is walked recursively, as pages can be deep)."""
    found = [(el, kind) for el in candidates if (kind := judge(el))]
    ids = {id(el) for el, _ in found}
    return [(el, kind) for el, kind in found if not any(id(a) in ids for a in el.iterancestors())]


def _chrome_kind(el: html.HtmlElement) -> str | None:
    kind = _landmark(el) or _hidden(el)
    return kind if kind and not _HOLDS_MAIN(el) else None  # a wrapper around the main content stays


def _words(el: html.HtmlElement) -> int:
    return len(el.text_content().split())


def _holds_content(el: html.HtmlElement, page_words: int) -> bool:
    return bool(_HOLDS_CONTENT(el)) or _words(el) >= COOKIE_SHARE * page_words


def _marks(el: html.HtmlElement) -> str:
    return " ".join(v for v in (el.get("id"), el.get("class"), el.get("aria-label")) if v)


def _cookie_notices(root: html.HtmlElement, page_words: int) -> list[html.HtmlElement]:
    def marked(el: html.HtmlElement) -> str | None:
        return "cookie" if _COOKIE_MARK.search(_marks(el)) and not _holds_content(el, page_words) else None

    found = [el for el, _ in _outermost(root, _MARKED(root), marked)]
    for button in _buttons(root):
        if any(f is button or f in button.iterancestors() for f in found):
            continue
        if not _BUTTON_WORDS.match(button.text_content() or button.get("value") or ""):
            continue
        for box in button.iterancestors():
            if box is root or _words(box) > COOKIE_WORDS:
                break
            if box.tag in _TEXT_LEVEL:
                continue  # a button in a sentence: look at the block around it
            if re.search(r"\bcookies?\b", box.text_content(), re.I):
                if not _holds_content(box, page_words):
                    found.append(box)
                break
    return found


def _buttons(root: html.HtmlElement) -> Iterable[html.HtmlElement]:
    for el in root.iter("button", "input", "a"):
        if el.tag == "button" or el.get("role") == "button" or (el.tag == "input" and
                                                                el.get("type") in ("button", "submit")):
            yield el


def _landmark(el: html.HtmlElement) -> str | None:
    tag, role = el.tag, (el.get("role") or "").strip().lower()
    if tag == "nav" or role == "navigation":
        return "navigation"
    if tag == "aside" or role == "complementary":
        return "aside"
    if role == "banner" or (tag == "header" and not _in_sectioning(el)):
        return "banner"
    if role == "contentinfo" or (tag == "footer" and not _in_sectioning(el)):
        return "footer"
    if role == "search":
        return "search"
    if role in ("dialog", "alertdialog") or (tag == "dialog" and el.get("open") is None):
        return "dialog"
    if tag == "form" and not any(True for _ in el.iter("h1", "h2", "h3", "h4", "h5", "h6", "article")):
        return "form"
    return None


def _in_sectioning(el: html.HtmlElement) -> bool:
    return any(a.tag in _SECTIONING or (a.get("role") or "") in ("main", "article", "region")
               for a in el.iterancestors())


def _hidden(el: html.HtmlElement) -> str | None:
    if el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or "") \
            or _SR_ONLY.search(el.get("class") or ""):
        return "hidden"
    return None
