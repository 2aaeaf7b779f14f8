"""Heading numbering: recognise labels (I., A., 1., (1), (a), i., 3.2.1, Article 3, §)
and assign levels to a document's headings.

Levels come from the order in which numbering styles nest, as a reader infers
them: the first style met is level 1, a style not seen before nests one level
deeper than the current heading, and a style seen before returns to its level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}

_KEYWORDS = r"article|art\.|section|sec\.|chapter|part|title|rule|clause|regulation|schedule|appendix|annex"
_LABELS = [
    ("keyword", re.compile(
        rf"^(?P<kw>{_KEYWORDS})\s+(?P<n>\d+[a-z]?(?:\.\d+)*|[ivxlcdm]+|[a-z])\b[.:]?(?:\s+|$|(?=[—–]))", re.I)),
    ("section-sign", re.compile(r"^(?P<kw>§+)\s*(?P<n>\d+[a-z]?(?:\.\d+)*)\.?(?:\s+|$)")),
    ("decimal", re.compile(r"^(?P<n>(?:\d{1,3}|[A-Z])(?:\.\d{1,3})+)\.?(?=\s|$)\s*")),  # 2.3, 2.3.1, A.1
    ("arabic.", re.compile(r"^(?P<n>\d{1,3})[.)](?=\s|$)\s*")),
    ("(arabic)", re.compile(r"^\((?P<n>\d{1,3})\)(?=\s|$)\s*")),
    ("alpha-upper.", re.compile(r"^(?P<n>[A-Z]|[IVXLCDM]{1,6})[.)](?=\s|$)\s*")),
    ("(alpha-upper)", re.compile(r"^\((?P<n>[A-Z]|[IVXLCDM]{1,6})\)(?=\s|$)\s*")),
    ("alpha-lower.", re.compile(r"^(?P<n>[a-z]|[ivxlcdm]{1,6})[.)](?=\s|$)\s*")),
    ("(alpha-lower)", re.compile(r"^\((?P<n>[a-z]|[ivxlcdm]{1,6})\)(?=\s|$)\s*")),
]


@dataclass(frozen=True, slots=True)
class Label:
    """A numbering label at the start of a line: its text, the rest, and candidate styles."""

    text: str  # as printed, e.g. "IV.", "(1)", "Article 3"
    number: str  # without trailing punctuation, e.g. "IV", "(1)", "Article 3"
    rest: str
    candidates: tuple[tuple[str, int], ...]  # (style, value), most likely first


def roman_value(s: str) -> int | None:
    s = s.lower()
    if not s or any(ch not in ROMAN_VALUES for ch in s):
        return None
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=True):
        va, vb = ROMAN_VALUES[a], ROMAN_VALUES.get(b, 0)
        total += -va if va < vb else va
    if total <= 0 or to_roman(total) != s:
        return None
    return total


def to_roman(n: int) -> str:
    out = ""
    for v, s in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                 (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out += s
            n -= v
    return out


_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
DATE_LINE = re.compile(rf"^(?:\d{{1,2}}\s+)?(?:{_MONTHS})\.?\s+(?:\d{{1,2}},?\s+)?\d{{4}}$", re.I)
_BARE = re.compile(r"^(?P<n>[IVXL]{1,6}|\d{1,3})\s+(?=[A-Z])")  # "I Risks", "5 Cooperation": no full stop


def bare_label(text: str) -> Label | None:
    """A number set before a title with no punctuation (`I Risks`, `5 Cooperation in …`): a label only
    where the document's own headings show the run (see `structure.bare_runs`)."""
    m = _BARE.match(text)
    if not m or parse_label(text) is not None:
        return None
    n = m.group("n")
    value = int(n) if n.isdigit() else roman_value(n)
    if not value:
        return None
    style = "bare:1" if n.isdigit() else "bare:I"
    return Label(n, n, text[m.end():].strip(), ((style, value),))


def parse_label(text: str) -> Label | None:
    """The numbering label that starts `text`, if any."""
    for kind, rx in _LABELS:
        m = rx.match(text)
        if not m:
            continue
        n = m.group("n")
        printed = text[: m.end()].strip()
        rest = text[m.end():].strip()
        # "Article 1 – Scope", "Appendix A—Glossary"; not "Section 2 -5 degrees"
        rest = re.sub(r"^(?:[—–]+\s*|[:-]+\s+)", "", rest)
        cands = _candidates(kind, n, m.groupdict().get("kw"))
        if not cands:
            continue
        number = printed.rstrip(".:)") if not printed.startswith("(") else printed
        if kind == "keyword" or kind == "section-sign":
            number = printed.rstrip(".:")
        return Label(printed, number, rest, tuple(cands))
    return None


def _candidates(kind: str, n: str, kw: str | None) -> list[tuple[str, int]]:
    if kind == "keyword":
        assert kw is not None
        style = "kw:" + kw.lower().rstrip(".")
        depth = n.count(".")
        v = _value(n.split(".")[-1])
        return [(f"{style}:{depth}", v)] if v else []
    if kind == "section-sign":
        return [(f"§:{n.count('.')}", int(re.sub(r'\D', '', n.split('.')[-1]) or 0))]
    if kind == "decimal":
        parts = n.split(".")
        while len(parts) > 1 and int(parts[-1]) == 0:  # "2.0 Scope" heads the 2.x sections: level of "2."
            parts.pop()
        return [(f"decimal:{len(parts)}", _value(parts[-1]))]
    if kind == "arabic.":
        return [("decimal:1", int(n))]
    if kind == "(arabic)":
        return [("(1)", int(n))]
    upper = kind.endswith("upper.") or kind.endswith("upper)")
    paren = kind.startswith("(")
    base = ("(A)" if paren else "A.") if upper else ("(a)" if paren else "a.")
    roman = ("(I)" if paren else "I.") if upper else ("(i)" if paren else "i.")
    out = []
    rv = roman_value(n)
    if rv:
        out.append((roman, rv))
    if len(n) == 1:
        out.append((base, ord(n.lower()) - ord("a") + 1))
    return out


def _value(token: str) -> int:
    if token.isdigit():
        return int(token)
    rv = roman_value(token)
    if rv:
        return rv
    if len(token) == 1 and token.isalpha():
        return ord(token.lower()) - ord("a") + 1
    m = re.match(r"\d+", token)
    return int(m.group()) if m else 0


TOP_LEVEL_KEYWORDS = ("kw:appendix", "kw:annex")  # appendices stand beside the chapters, whatever precedes them


def more_prominent(a: tuple, b: tuple, body: tuple = (0, "")) -> bool:
    """Whether type `a` (size, bold, typeface) stands above type `b`: set apart from the body (in another
    typeface or larger) where b is in body type, else larger, or as large and bold where b is not.
    `body` is the body's (size, typeface)."""
    apart_a = a[0] > body[0] or a[2] != body[1]
    apart_b = b[0] > body[0] or b[2] != body[1]
    if apart_a != apart_b:
        return apart_a
    return a[0] > b[0] or (a[0] == b[0] and a[1] and not b[1])


class LevelTracker:
    """Assigns levels to headings in reading order.

    Decimal numbering sets the level by its depth (`2`, `2.3`, `2.3.1`; `2.0` counts as `2`) from
    wherever the first decimal heading stands, unless the heading is set in type well below the
    heading of that level it would stand beside (a numbered list of headings inside a section).
    Appendices and annexes are top level. Other styles nest in the order the reader meets them (a
    style not seen before goes one level below the current heading, a style seen before returns to
    its level). An unnumbered heading takes the level of the heading before it set in the same type
    (size, weight and typeface), or the level below it when that is set in more prominent type or is
    a numbered heading it is not more prominent than (`Tier 1: Partial`, in bold body type, under
    `2.2`); with none, the top level. Type set apart from the body (another typeface, or larger)
    stands above bold body type.
    """

    def __init__(self, body: tuple = (0, "")) -> None:
        self.body = body  # the body text's (size, typeface)
        self.stack: list[tuple[str, int, tuple]] = []  # (style, last value, typography) per level
        self.seen: list[tuple[tuple, int, bool]] = []  # (typography, level, numbered) of every heading so far
        self.decimal_base: int | None = None  # the level of depth-1 decimal headings

    def choose(self, label: Label) -> tuple[str, int]:
        """Pick the most plausible reading of an ambiguous label (is `I.` roman one or letter I?)."""
        best, best_score = label.candidates[0], -1
        for style, value in label.candidates:
            score = 0
            for st, last, _ in self.stack:
                if st == style:
                    score = 3 if value == last + 1 else 2
            if score == 0 and value == 1:
                score = 1
            if score > best_score:
                best, best_score = (style, value), score
        return best

    def numbered(self, label: Label, typo: tuple) -> int:
        style, value = self.choose(label)
        if style.startswith(TOP_LEVEL_KEYWORDS):
            return self._put(1, style, value, typo)
        if style.startswith("decimal:"):
            depth = int(style.split(":")[1])
            if self.decimal_base is None:
                level = self._nest(style, value, typo)
                self.decimal_base = level - depth + 1  # 0 when the first decimal heading is a 3.2 at the top
                return level
            level = max(1, self.decimal_base + depth - 1)
            if level <= len(self.stack) and self.stack[level - 1][0] not in ("", "skipped") and \
                    more_prominent(self.stack[level - 1][2], typo, self.body):
                # set well below the numbered heading whose level its numbering claims: a numbered list of
                # headings inside the current section ("2.4 Updates …" then "1. Recommender Systems")
                return self._nest(style + "/inner", value, typo)
            return self._put(level, style, value, typo)
        return self._nest(style, value, typo)

    def _nest(self, style: str, value: int, typo: tuple) -> int:
        for depth, (st, _, _) in enumerate(self.stack):
            if st == style:
                return self._put(depth + 1, style, value, typo)
        # a new style: it nests below the current heading unless its type is at least as prominent
        # as an unnumbered heading on the stack, or more prominent than a numbered one, which it
        # then replaces
        for depth, (st, _, t) in enumerate(self.stack):
            if (st == "" and not more_prominent(t, typo, self.body)) or more_prominent(typo, t, self.body):
                return self._put(depth + 1, style, value, typo)
        return self._put(len(self.stack) + 1, style, value, typo)

    def _put(self, level: int, style: str, value: int, typo: tuple) -> int:
        del self.stack[level - 1:]
        while len(self.stack) < level - 1:  # a level skipped (2.1.1 straight under 2): keep the places
            self.stack.append(("skipped", 0, typo))
        self.stack.append((style, value, typo))
        self.seen.append((typo, level, bool(style)))
        return level

    def unnumbered(self, typo: tuple) -> int:
        return self._put(self._unnumbered_level(typo), "", 0, typo)

    def _unnumbered_level(self, typo: tuple) -> int:
        for t, lvl, numbered in reversed(self.seen):
            if t == typo:
                return lvl
            if more_prominent(t, typo, self.body) or (numbered and not more_prominent(typo, t, self.body)):
                return lvl + 1
        return 1


_SMALL_WORDS = frozenset("""a an and as at but by for from in into of on or nor the to with via per than versus vs
between against among under over upon within without about after before during through""".split())


def title_case(text: str) -> bool:
    """Capitalised like a title: at least two words beside the small ones (of, and, the, …), and
    nearly all of those capitalised."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if w.lower() not in _SMALL_WORDS]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def titled(text: str) -> bool:
    """A numbered title: a label, then Title Case words without closing punctuation (`3. Maritime Security`)."""
    label = parse_label(text)
    return label is not None and not text.endswith((".", ",", ";", ":")) and title_case(label.rest)
