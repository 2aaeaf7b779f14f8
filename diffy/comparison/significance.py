"""How much a change matters to policy: rules that fire on its words, a score and the reasons.

Each rule looks at the words a change removes and adds (and the sentence around
it where the rule needs it) and, when it fires, gives a weight and a reason a
reader can check ("modality: shall → may"). The score combines the weights as
independent evidence, 1 − ∏(1 − w), so it stays in [0, 1] and more reasons mean
a higher score. The term lists are defaults; a series can extend them (see
`Terms.load`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from diffy.comparison.diff import Change

MODALS = ("shall not", "must not", "may not", "will not", "cannot", "need not", "should not",
          "shall", "must", "will", "should", "may", "can", "might", "is to", "are to")
NEGATIONS = frozenset("not no never nor neither without none cannot".split())
SCOPE = frozenset("""area areas region regional regions global globally surrounding vicinity territory territories
territorial worldwide anywhere elsewhere beyond any all every only limited exclusively solely geographic
geographically outside inside within international high seas airspace waters""".split())
NUMBER_WORDS = frozenset("""one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
once thrice sixty seventy eighty ninety hundred thousand million billion percent per cent half twice double
days day weeks week months month years year annual annually""".split())
# qualifiers that soften or condition an undertaking; adding or dropping one changes its strength
HEDGES = ("as appropriate", "where appropriate", "if appropriate", "when appropriate", "as necessary",
          "where necessary", "if necessary", "when necessary", "as needed", "as required", "to the extent",
          "in principle", "primarily", "as far as possible", "where possible", "if possible", "wherever possible",
          "as the situation requires", "endeavour", "endeavor", "seek to", "strive", "reasonable efforts",
          "best efforts", "subject to", "unless", "except", "at its discretion", "at their discretion",
          "in general", "generally", "normally", "ordinarily")
ACTOR_STOP = frozenset("The This That These Those Each Every Any All Where When If In On At By For Such Section "
                       "Article Chapter Part Annex January February March April May June July August September "
                       "October November December".split())

WEIGHTS = {"modality": 0.55, "definition": 0.5, "negation": 0.45, "qualifier": 0.4, "scope": 0.35, "numbers": 0.35,
           "defined": 0.3, "actors": 0.2, "extent": 0.15}
FLAG = 0.3  # score at which a change counts as significant (`diffy diff --significant`)


@dataclass(frozen=True, slots=True)
class Significance:
    score: float
    reasons: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"score": self.score, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class Terms:
    """Term lists; a `significance.json` beside a series' documents may add scope, actor and qualifier terms."""

    scope: frozenset[str] = SCOPE
    actors: frozenset[str] = frozenset()
    defined: frozenset[str] = field(default_factory=frozenset)
    qualifiers: tuple[str, ...] = HEDGES

    @classmethod
    def for_comparison(cls, cmp, folder: Path | None = None) -> Terms:
        """Default terms, the series' term file in `folder`, and the terms both versions define."""
        return cls.load(folder, defined_terms(s.text for d in (cmp.old, cmp.new) for s in d.sections))

    @classmethod
    def load(cls, folder: Path | None, defined: Iterable[str] = ()) -> Terms:
        scope, actors, qualifiers = set(SCOPE), set(), list(HEDGES)
        meta = folder / "significance.json" if folder else None
        if meta is not None and meta.is_file():
            try:
                data = json.loads(meta.read_text(encoding="utf-8"))
                scope |= {str(t).lower() for t in data.get("scope", [])}
                actors |= {str(t) for t in data.get("actors", [])}
                qualifiers += [q for t in data.get("qualifiers", []) if (q := " ".join(str(t).lower().split()))
                               and q not in qualifiers]
            except (OSError, ValueError, AttributeError, TypeError):
                pass  # a broken term file costs the extra terms, never the comparison
        return cls(frozenset(scope), frozenset(actors), frozenset(defined), tuple(qualifiers))


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_NUMBER = re.compile(r"\d[\d,.]*%?|\$\d[\d,.]*")
_DEFINITION = re.compile(r"[\"“]([^\"”]{2,40})[\"”]\s+(?:means|shall mean|refers to|includes|has the meaning|"
                         r"is defined as)|\((?:hereinafter\s+(?:referred\s+to\s+as\s+)?|the\s+)?"
                         r"[\"“]([^\"”]{2,40})[\"”]\)", re.I)


def defined_terms(texts: Iterable[str]) -> set[str]:
    """Terms a document defines: “X” means …, or (the “X”)."""
    return {term for text in texts for _, _, term in definition_spans(text)}


@lru_cache(maxsize=4096)
def definition_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, term) of each definition in a section's text: the sentence that defines the term."""
    out = []
    for m in _DEFINITION.finditer(text):
        stop = text.rfind(". ", 0, m.start())
        start = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, m.start()) + 1)
        ends = [k for k in (text.find(". ", m.end()), text.find("\n", m.end())) if k >= 0]
        end = min(ends) + 1 if ends else len(text)
        term = (m.group(1) or m.group(2)).strip().lower()
        out.append((start, end, term[4:] if term.startswith("the ") else term))
    return tuple(out)


def _definitions_touched(change: Change, pair) -> list[str]:
    """The terms whose defining sentence this change edits."""
    touched: list[str] = []
    for section, offset, text in ((pair.old, change.old_offset, change.old), (pair.new, change.new_offset, change.new)):
        if section is None:
            continue
        at, end = offset, offset + max(len(text), 1)
        touched += [term for a, b, term in definition_spans(section.text) if at < b and end > a]
    return list(dict.fromkeys(touched))


_MONTH_MAY = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+May\b|\bMay\s+\d{1,4}\b|\bMay,?\s+\d{4}\b")


def _modals(text: str) -> Counter[str]:
    found: Counter[str] = Counter()
    text = _MONTH_MAY.sub(" ", text)  # "9 May 2016" is a date, not a permission
    low = " " + " ".join(_WORD.findall(text.lower())) + " "
    for m in MODALS:
        n = low.count(f" {m} ")
        if n:
            found[m] += n
            low = low.replace(f" {m} ", " ")
    return found


def _phrases(text: str, phrases: Iterable[str]) -> Counter[str]:
    low = " " + " ".join(_WORD.findall(text.lower())) + " "
    return Counter({p: n for p in phrases if (n := low.count(f" {p} "))})


def _few(items: list[str], n: int = 4) -> str:
    unique = list(dict.fromkeys(items))
    return " ".join(unique[:n]) + (" …" if len(unique) > n else "") if unique else "—"


def assess(change: Change, terms: Terms = Terms(), pair=None) -> Significance:
    """The change's significance; given its `pair`, also whether it edits the sentence defining a term."""
    old, new = change.old if change.kind != "move" else "", change.new if change.kind != "move" else ""
    reasons: list[tuple[str, str]] = []
    mo, mn = _modals(old), _modals(new)
    if mo != mn:
        gone = " ".join(sorted(mo - mn)) or "—"
        came = " ".join(sorted(mn - mo)) or "—"
        reasons.append(("modality", f"modality: {gone} → {came}"))
    ho, hn = _phrases(old, terms.qualifiers), _phrases(new, terms.qualifiers)
    if ho != hn:
        dropped, added = sorted(ho - hn), sorted(hn - ho)
        what = (f"qualifier dropped: {', '.join(dropped)}" if dropped else "") + \
            ("; " if dropped and added else "") + (f"qualifier added: {', '.join(added)}" if added else "")
        reasons.append(("qualifier", what))
    wo = [w.lower() for w in _WORD.findall(old)]
    wn = [w.lower() for w in _WORD.findall(new)]
    neg_o, neg_n = sum(w in NEGATIONS for w in wo), sum(w in NEGATIONS for w in wn)
    if neg_o != neg_n:
        reasons.append(("negation", "negation " + ("added" if neg_n > neg_o else "removed")))
    scope = sorted({w for w in (*wo, *wn) if w in terms.scope})
    if scope:
        reasons.append(("scope", "scope: " + ", ".join(scope[:4])))
    nums_o = [n.rstrip(".,") for n in _NUMBER.findall(old)] + [w for w in wo if w in NUMBER_WORDS]
    nums_n = [n.rstrip(".,") for n in _NUMBER.findall(new)] + [w for w in wn if w in NUMBER_WORDS]
    if Counter(nums_o) != Counter(nums_n):
        reasons.append(("numbers", f"numbers: {_few(nums_o)} → {_few(nums_n)}"))
    if pair is not None and change.kind != "move":
        redefined = _definitions_touched(change, pair)
        if redefined:
            reasons.append(("definition", "definition changed: " + ", ".join(f"“{t}”" for t in redefined[:3])))
    low_change = f"{old} {new}".lower()
    defined = sorted(t for t in terms.defined if t in low_change)
    if defined:
        reasons.append(("defined", "defined term: " + ", ".join(defined[:3])))
    actors = sorted({w for w in _WORD.findall(f"{old} {new}") if (w[:1].isupper() and w not in ACTOR_STOP
                                                                  and len(w) > 2) or w in terms.actors})
    if actors:
        reasons.append(("actors", "parties: " + ", ".join(actors[:4])))
    size = max(len(wo), len(wn))
    if size >= 12:
        reasons.append(("extent", f"extent: {size} words"))
    keep = 1.0
    for rule, _ in reasons:
        keep *= 1 - WEIGHTS[rule]
    return Significance(round(1 - keep, 4), tuple(r for _, r in reasons))


@dataclass(frozen=True, slots=True)
class Ranked:
    pair: int  # index into comparison.pairs
    change: Change
    significance: Significance


def rank(cmp, terms: Terms | None = None, limit: int | None = None) -> list[Ranked]:
    """The comparison's changes, most significant first (ties in document order)."""
    terms = terms or Terms.for_comparison(cmp)
    out = [Ranked(k, c, assess(c, terms, p)) for k, p in enumerate(cmp.pairs) for c in p.changes
           if c.kind != "move"]
    out.sort(key=lambda r: -r.significance.score)
    return out[:limit] if limit is not None else out
