"""Word's automatic numbering: the numbers it prints before list items and numbered headings.

`numbering.xml` holds abstract definitions (`w:abstractNum`: per level a start
value, a format such as decimal or lowerRoman, a level text such as `%1.%2.`, a
restart rule) and instances (`w:num`) that point at one and may override a
level's start (`w:startOverride`) or its whole definition. Paragraphs name an
instance and a level (`w:numPr`), directly or through their style.

Counting follows Word: instances of one abstract definition share their
counters (so a list goes on across them) unless an instance overrides a start,
which restarts that level where the instance is first used; using a level
restarts the deeper levels (per `w:lvlRestart`: by default each level restarts
whenever a shallower one is used; 0 never); a level referred to by `%N` that has
not been used since it last restarted prints its start value less one (Word's
`1.0.1` after a skipped level). `w:isLgl` prints every level in decimal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from lxml import etree

from diffy.ingest.ooxml import as_int, child_val, w

LEVELS = 9
_PLACEHOLDER = re.compile(r"%([1-9])")


@dataclass(frozen=True, slots=True)
class Level:
    start: int = 0  # ECMA-376: an absent w:start is 0
    fmt: str = "decimal"
    text: str | None = None  # w:lvlText; None: the level prints nothing
    restart: int | None = None  # w:lvlRestart (1-based level, 0 never); None: whenever a shallower level is used
    legal: bool = False  # w:isLgl
    suffix: str = "tab"  # what follows the number: tab | space | nothing
    style: str | None = None  # the paragraph style linked to this level (w:pStyle)

    @property
    def bullet(self) -> bool:
        return self.fmt == "bullet"


@dataclass(frozen=True, slots=True)
class Instance:
    abstract: str
    starts: dict[int, int]  # level → w:startOverride
    levels: dict[int, Level]  # level → a whole overriding w:lvl


@dataclass(frozen=True, slots=True)
class Label:
    """What Word prints before a numbered paragraph: `text` (empty for a bullet or an unnumbered level),
    and what separates it from the paragraph's text."""

    text: str
    separator: str
    bullet: bool = False

    def before(self, body: str) -> str:
        if self.bullet or not self.text:
            return body
        return f"{self.text}{self.separator}{body}" if body else self.text


@dataclass(slots=True)
class Numbering:
    abstracts: dict[str, dict[int, Level]] = field(default_factory=dict)
    instances: dict[str, Instance] = field(default_factory=dict)
    counts: dict[str, list[int | None]] = field(default_factory=dict)  # abstract → each level's current value
    seen: set[str] = field(default_factory=set)  # instances used so far

    @classmethod
    def from_xml(cls, root: etree._Element | None, style_instance: Callable[[str], str | None]) -> Numbering:
        """Read numbering.xml; `style_instance(style_id)` is the num id a numbering style points at
        (for abstract definitions that only link to a style, `w:numStyleLink`)."""
        out = cls()
        if root is None:
            return out
        links: dict[str, str] = {}
        for a in root.iter(w("abstractNum")):
            aid = a.get(w("abstractNumId"), "")
            out.abstracts[aid] = {lv: _level(el) for el in a.iter(w("lvl")) if (lv := _ilvl(el)) is not None}
            link = a.find(w("numStyleLink"))
            if link is not None and link.get(w("val")):
                links[aid] = link.get(w("val"), "")
        for n in root.iter(w("num")):
            ref = n.find(w("abstractNumId"))
            if ref is None:
                continue
            starts: dict[int, int] = {}
            levels: dict[int, Level] = {}
            for o in n.iter(w("lvlOverride")):
                lv = _ilvl(o)
                if lv is None:
                    continue
                so = o.find(w("startOverride"))
                start = as_int(so.get(w("val"))) if so is not None else None
                if start is not None:
                    starts[lv] = start
                el = o.find(w("lvl"))
                if el is not None:
                    levels[lv] = replace(_level(el), restart=None)  # Word ignores lvlRestart in an override
            out.instances[n.get(w("numId"), "")] = Instance(ref.get(w("val"), ""), starts, levels)
        for aid, style in links.items():  # an abstract that only links to a numbering style borrows its levels
            target = style_instance(style)
            inst = out.instances.get(target or "")
            if inst is not None and inst.abstract != aid and out.abstracts.get(inst.abstract):
                out.abstracts[aid] = out.abstracts[inst.abstract]
        return out

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The level of instance `num_id` linked to paragraph style `style_id` (w:lvl/w:pStyle)."""
        inst = self.instances.get(num_id)
        if inst is None:
            return None
        for lv, level in sorted(self.abstracts.get(inst.abstract, {}).items()):
            if level.style == style_id:
                return lv
        return None

    def definition(self, num_id: str, lvl: int) -> Level | None:
        inst = self.instances.get(num_id)
        if inst is None:
            return None
        level = inst.levels.get(lvl) or self.abstracts.get(inst.abstract, {}).get(lvl)
        if level is None:
            return None
        return replace(level, start=inst.starts[lvl]) if lvl in inst.starts else level

    def next_label(self, num_id: str, lvl: int) -> Label | None:
        """Count a paragraph at level `lvl` of instance `num_id` and return what Word prints before it
        (None: no such list, so nothing is printed)."""
        inst = self.instances.get(num_id)
        if inst is None or not 0 <= lvl < LEVELS:
            return None
        level = self.definition(num_id, lvl)
        if level is None:
            return None
        counts = self.counts.setdefault(inst.abstract, [None] * LEVELS)
        if num_id not in self.seen:
            self.seen.add(num_id)
            for k in inst.starts:  # an instance that overrides a start restarts that level here
                if 0 <= k < LEVELS:
                    counts[k] = None
        current = counts[lvl]
        counts[lvl] = level.start if current is None else current + 1
        for k in range(lvl + 1, LEVELS):
            deeper = self.definition(num_id, k)
            rule = deeper.restart if deeper is not None else None
            if rule is None or (rule > 0 and lvl < rule):
                counts[k] = None
        if level.text is None:
            return Label("", "", level.bullet)
        if level.bullet:
            return Label(level.text, _SEPARATORS.get(level.suffix, " "), True)
        text = self._render(num_id, lvl, level, counts)
        return Label(text, _SEPARATORS.get(level.suffix, " "))

    def _render(self, num_id: str, lvl: int, level: Level, counts: list[int | None]) -> str:
        assert level.text is not None
        if any(int(m.group(1)) - 1 > lvl for m in _PLACEHOLDER.finditer(level.text)):
            return ""  # Word ignores a level text that refers to a deeper level

        def value(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            ref = self.definition(num_id, k) or Level()
            n = counts[k]
            if n is None:
                n = ref.start - 1
            return format_number(n, "decimal" if level.legal and ref.fmt != "decimalZero" else ref.fmt)

        return _PLACEHOLDER.sub(value, level.text).strip()


_SEPARATORS = {"tab": " ", "space": " ", "nothing": ""}


def _ilvl(el: etree._Element) -> int | None:
    v = as_int(el.get(w("ilvl")))
    return v if v is not None and 0 <= v < LEVELS else None


def _level(el: etree._Element) -> Level:
    text_el = el.find(w("lvlText"))
    text = None
    if text_el is not None and text_el.get(w("null")) not in ("1", "true", "on"):
        text = text_el.get(w("val"))
    legal = el.find(w("isLgl"))
    return Level(start=as_int(child_val(el, "start")) or 0, fmt=child_val(el, "numFmt") or "decimal", text=text,
                 restart=as_int(child_val(el, "lvlRestart")), suffix=child_val(el, "suff") or "tab",
                 legal=legal is not None and legal.get(w("val")) not in ("0", "false", "off"),
                 style=child_val(el, "pStyle"))


# ------------------------------------------------------------------ number formats
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
         "seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_WORDS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                  "nine": "ninth", "twelve": "twelfth"}
_CHICAGO = "*†‡§"


def roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def letters(n: int) -> str:
    """Word's letter numbering: a … z, then aa, bb, … (the letter repeated)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def cardinal_words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else "")
    if n < 1000:
        return _ONES[n // 100] + " hundred" + (" " + cardinal_words(n % 100) if n % 100 else "")
    return str(n)


def ordinal_words(n: int) -> str:
    words = cardinal_words(n)
    head, sep, last = words.rpartition("-") if "-" in words else words.rpartition(" ")
    if last in _ORDINAL_WORDS:
        last = _ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    elif last.isalpha():
        last += "th"
    return head + sep + last


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_number(n: int, fmt: str) -> str:
    """`n` as numbering format `fmt` prints it (formats diffy does not know print as decimal numbers)."""
    if n <= 0 and fmt not in ("decimal", "decimalZero"):
        return str(n)
    if fmt == "upperRoman":
        return roman(n).upper()
    if fmt == "lowerRoman":
        return roman(n)
    if fmt == "upperLetter":
        return letters(n).upper()
    if fmt == "lowerLetter":
        return letters(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "ordinal":
        return ordinal(n)
    if fmt == "cardinalText":
        return cardinal_words(n).capitalize()
    if fmt == "ordinalText":
        return ordinal_words(n).capitalize()
    if fmt == "chicago":
        return _CHICAGO[(n - 1) % 4] * ((n - 1) // 4 + 1)
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "none":
        return ""
    return str(n)
