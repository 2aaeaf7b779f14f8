"""How much a change matters to policy: rules that fire on its words, a score and the reasons.

Each rule looks at what a change removes and adds (and the sentence around it
where the rule needs it) and, when it fires, gives a weight and a reason a
reader can check ("modality: shall → may", "undertaking: conduct studies on →
prepare" where the words after a modal verb changed, "legal entity: OpenAI → OpenAI
OpCo" where the company a passage names changed). The score combines the weights as
1 − ∏(1 − w), so it stays in [0, 1] and more reasons mean a higher score, but
each reason after the strongest counts `FURTHER` times the one before it: rules
that fire together on one change are not independent evidence, as a rewritten
sentence trips several at once. Four things keep long passages from outranking
targeted edits:

- a replacement fires a rule only on what one side has and the other lacks (a
  modal verb, a negation, a number, a scope word, a party), not on words both
  sides share;
- in an added or removed passage (longer than `FOCUS` words) a rule weighs
  `ADDED` of its weight, and words found in a large share of both versions'
  paragraphs (`will` in a guideline) do not count at all;
- every weight is scaled by (`FOCUS` / words) ** `SPREAD` for a change longer
  than `FOCUS` words: evidence spread over a long passage says less about it;
- words one version never uses at all (new terms, dropped terms) add evidence
  (`NOVELTY` each, up to `NOVEL_TERMS`): a revision that brings in
  "constitution" or drops "Charter" changes what the text is about.

Some changes never rank (`diffy.comparison.unranked`): contents pages, page and
footnote numbers, date lines, layout, text moved as it was; text moved and
reworded ranks on its rewording. Numbers that name a link, a document or a part
of a text (`SP 800-53`, `Section 3.3`) are references, not quantities. A term
replaced the same way `THROUGHOUT` times or more is a renaming, and its first
replacement says so. The term lists are defaults; a series can extend them (see
`Terms.load`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from diffy.comparison.diff import Change
from diffy.comparison.unranked import why_unranked

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
          "in general", "generally", "normally", "ordinarily",
          # conditions that tie an undertaking to a legal basis or limit
          "within the limits of", "in accordance with", "consistent with", "consistently with", "pursuant to",
          "in conformity with", "as permitted by", "as provided by", "as the law", "laws and regulations")
STOPWORDS = frozenset("""a an and are as at be been by for from has have in into is it its of on or that the their
them these this those to was were which will with would shall may should must can could not no any all each other
such than then there they we our us you your he she his her also under upon within without""".split())
ACTOR_STOP = frozenset("The This That These Those Each Every Any All Where When If In On At By For Such Section "
                       "Article Chapter Part Annex January February March April May June July August September "
                       "October November December".split())

# what a party undertakes to do, as much as how firmly (`will conduct studies on` → `will prepare`)
WEIGHTS = {"modality": 0.8, "undertaking": 0.8, "negation": 0.7, "definition": 0.6, "qualifier": 0.6,
           "scope": 0.55, "numbers": 0.7, "defined": 0.35, "actors": 0.2, "throughout": 0.5, "renamed": 0.8,
           "entity": 0.6}
# Measured on the Meridian pairs and the three real pairs of ../shared/corpus (notable changes held by
# the 2N highest-scored changes): FOCUS 8 and SPREAD 0.15 with FURTHER 0.5 did best; SPREAD 0.5 let long
# inserted passages, which hold most of the real documents' notable changes, fall out of the top.
FOCUS, SPREAD = 8, 0.15
# reasons found together in one change are not independent evidence (a rewritten sentence trips several
# rules at once): each reason after the strongest counts FURTHER times the one before it
FURTHER = 0.5
ADDED = 0.6  # share of a rule's weight when it fires on added or removed text rather than on a replacement
COMMON = 0.1  # a word in this share of both versions' paragraphs is the documents' idiom, not a change
NOVELTY, NOVEL_TERMS = 0.15, 6  # two new words alone (a word swapped) stay under FLAG
NOVEL_LENGTH = 4  # shorter words (and stopwords) are never new terms
OWN, SHARE = 2, 0.7  # a section's first OWN changes keep their score, further ones are scaled down (assess_pair)
THROUGHOUT, TERM_WORDS = 3, 3  # a term of at most TERM_WORDS words replaced this often is a renaming
FLAG = 0.3  # score at which a change counts as significant (`diffy diff --significant`)


@dataclass(frozen=True, slots=True)
class Significance:
    score: float
    reasons: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"score": self.score, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class Vocabulary:
    """How many paragraphs of each version use each word (lower case), and how many paragraphs there are."""

    old: Counter[str]
    new: Counter[str]
    old_paragraphs: int
    new_paragraphs: int
    lower_case: frozenset[str] = frozenset()  # words either version writes in lower case somewhere

    @classmethod
    def of(cls, old_doc, new_doc) -> Vocabulary:
        lower: set[str] = set()

        def count(doc) -> tuple[Counter[str], int]:
            c: Counter[str] = Counter()
            n = 0
            for s in doc.sections:
                c.update({w.lower() for w in _WORD.findall(s.heading or "")})
                for p in s.paragraphs:
                    n += 1
                    words = set(_WORD.findall(p))
                    lower.update(w for w in words if w.islower())
                    c.update({w.lower() for w in words})
            return c, max(n, 1)

        (o, no), (n, nn) = count(old_doc), count(new_doc)
        return cls(o, n, no, nn, frozenset(lower))

    def common(self, word: str) -> bool:
        """A word both versions use in a large share of their paragraphs."""
        w = word.lower()
        return self.old[w] >= COMMON * self.old_paragraphs and self.new[w] >= COMMON * self.new_paragraphs

    def novel(self, old_words: Iterable[str], new_words: Iterable[str]) -> tuple[list[str], list[str]]:
        """(words of the old text the new version never uses, words of the new text the old never uses)."""
        def terms(words: Iterable[str], other: Counter[str]) -> list[str]:
            return sorted({w for w in words if len(w) >= NOVEL_LENGTH and w not in STOPWORDS and not other[w]
                           and w not in NUMBER_WORDS and not any(ch.isdigit() for ch in w)})  # (numbers: own rule)

        return terms(old_words, self.new), terms(new_words, self.old)


@dataclass(frozen=True)
class Terms:
    """Term lists; a `significance.json` beside a series' documents may add scope, actor and qualifier terms.
    `vocabulary` (the two versions' words) lets rules tell a document's idiom and its new terms."""

    scope: frozenset[str] = SCOPE
    actors: frozenset[str] = frozenset()
    defined: frozenset[str] = field(default_factory=frozenset)
    qualifiers: tuple[str, ...] = HEDGES
    vocabulary: Vocabulary | None = None
    throughout: dict[str, int] = field(default_factory=dict)  # change id → times its term is replaced
    repeats: frozenset[str] = frozenset()  # ids of few-word replacements made again after their first time
    names: frozenset[str] = frozenset()  # ids of the first change of renamings that rename a name everywhere

    @classmethod
    def for_comparison(cls, cmp, folder: Path | None = None) -> Terms:
        """Default terms, the series' term file in `folder`, the terms both versions define, and
        both versions' vocabulary."""
        terms = cls.load(folder, defined_terms(s.text for d in (cmp.old, cmp.new) for s in d.sections))
        swaps = _swaps(cmp)
        throughout = substitutions(swaps)
        return replace(terms, vocabulary=Vocabulary.of(cmp.old, cmp.new), throughout=throughout,
                       repeats=frozenset(c.id for cs in swaps.values() for c in cs[1:]),
                       names=frozenset(cs[0].id for cs in swaps.values()
                                       if cs[0].id in throughout and all(map(_is_name, cs))))

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
_NUMBER = re.compile(r"\b(?:FY|CY|Q|H)\d+|\d[\d,.]*%?|\$\d[\d,.]*")
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


# a condition put on an undertaking in other words than a listed qualifier: `where such measures are
# appropriate`, `if it is practicable`, `to the degree feasible`
_CONDITION = re.compile(r"\b(where|when|whenever|wherever|if|as|unless|to the (?:extent|degree))"
                        r"((?:\s+[^\W\d_]+){0,5}?)\s+(appropriate|necessary|possible|practicable|feasible|needed|"
                        r"required|warranted|applicable|permitted|allowed)"
                        # the condition ends there (`where applicable law …` is no condition)
                        r"(?=\s*(?:[,.;:)\]]|$)|\s+(?:to|by|under|for|and|or|in|of|with|from|at|on)\b)")


def _qualifiers(text: str, phrases: Iterable[str]) -> Counter[str]:
    """The qualifiers a text puts on what it says: the listed phrases, and conditions in other words
    (`where such measures are appropriate`) that do not hold a listed phrase."""
    found = _phrases(text, phrases)
    low = " ".join(text.lower().split())
    for m in _CONDITION.finditer(low):
        if not _phrases(m.group(0), found):
            found[m.group(0)] += 1
    return found


def _swaps(cmp) -> dict[tuple[str, str], list[Change]]:
    """The comparison's replacements of a few words by a few words (`_term_swap`), each with the
    changes that make it, in document order."""
    seen: dict[tuple[str, str], list[Change]] = {}
    for p in cmp.pairs:
        for c in p.changes:
            key = _term_swap(c)
            if key is not None:
                seen.setdefault(key, []).append(c)
    return seen


def substitutions(swaps: dict[tuple[str, str], list[Change]]) -> dict[str, int]:
    """Terms the revision renames throughout: a replacement of a few words by a few words made at least
    `THROUGHOUT` times, not one of case, spelling out, numbers, links or small words. Maps the id of
    the first such change to how many times it is made (the others are the same edit again)."""
    return {cs[0].id: len(cs) for cs in swaps.values() if len(cs) >= THROUGHOUT}


def _term_swap(c: Change) -> tuple[str, str] | None:
    if c.kind != "replace":
        return None
    wo, wn = _term_words(c.old), _term_words(c.new)
    if not (0 < len(wo) <= TERM_WORDS and 0 < len(wn) <= TERM_WORDS):
        return None
    lo, ln = " ".join(wo).lower(), " ".join(wn).lower()
    if lo.endswith("s") and ln.endswith("s") and min(len(lo), len(ln)) > 3:
        lo, ln = lo[:-1], ln[:-1]  # `Connectors` → `Apps` is the renaming `Connector` → `App` again
    if lo == ln or any(ch.isdigit() for ch in lo + ln) or {lo, ln} & {"http", "https", "www"}:
        return None
    if all(w in STOPWORDS for w in lo.split()) or all(w in STOPWORDS for w in ln.split()):
        return None  # a small word on either side (`this` → `the Applicable`) is no term renamed
    if _initials(wo) == ln.replace(" ", "") or _initials(wn) == lo.replace(" ", ""):
        return None  # `intellectual property` → `IP`: the same term spelled out or shortened
    return lo, ln


_ARTICLES = frozenset({"a", "an", "the"})


def _term_words(text: str) -> list[str]:
    """A term's words without a leading article (`a Derivative Work` → `an Adaptation` is the renaming
    `Derivative Work` → `Adaptation`)."""
    words = _WORD.findall(text)
    return words[1:] if len(words) > 1 and words[0].lower() in _ARTICLES else words


def _is_name(change: Change) -> bool:
    """Whether a renaming renames a name, a party or a defined term: every word of the term capitalised
    on both sides (`ASE` → `AEU`, `Derivative Work` → `Adaptation`)."""
    words = _term_words(change.old) + _term_words(change.new)
    return bool(words) and all(w[:1].isupper() for w in words)


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in STOPWORDS).lower() if len(words) > 1 else ""


def _few(items: Iterable[str], n: int = 4) -> str:
    """`a, b, c, d and 2 more`: at most `n` items, in order, each once."""
    unique = list(dict.fromkeys(items))
    more = len(unique) - n
    return ", ".join(unique[:n]) + (f" and {more} more" if more > 0 else "")


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the rules found in one change: each rule that fired with its reason, the words one version
    never uses (`novel`), the change's length in words and whether it is a passage added or removed."""

    rules: tuple[tuple[str, str], ...]
    novel: tuple[list[str], list[str]] | None
    size: int
    passage: bool


def assess(change: Change, terms: Terms = Terms(), pair=None) -> Significance:
    """The change's significance; given its `pair`, also whether it edits the sentence defining a term
    and whether it stands where nothing ranks (`unranked`: contents pages, page and note numbers)."""
    if change.kind == "move":  # its offsets are into other sections: weigh only what the move reworded
        reworded = _reworded(change)
        if reworded is None:
            return Significance(0.0, ())
        sig = weigh(evidence(reworded, terms))
        return Significance(sig.score, ("moved and reworded", *sig.reasons))
    skip = why_unranked(change, pair)
    if skip is not None:
        return Significance(0.0, (f"not ranked: {skip}",))
    return weigh(evidence(change, terms, pair))


_MOVED_LABEL = re.compile(r"^\s*\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,5})[.)]\s+", re.I)


def _reworded(change: Change) -> Change | None:
    """A moved text's rewording: the words the move dropped against the words it brought in, as one
    replacement; None where the text moved as it was."""
    a, b = _MOVED_LABEL.sub("", change.old).split(), _MOVED_LABEL.sub("", change.new).split()  # its list label
    gone: list[str] = []
    came: list[str] = []
    for op, i, j, k, m in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            gone += a[i:j]
            came += b[k:m]
    if not gone and not came:
        return None
    return replace(change, kind="replace", old=" ".join(gone), new=" ".join(came))


def evidence(change: Change, terms: Terms, pair=None) -> Evidence:
    """The rules that fire on the change's words."""
    old, new = change.old, change.new
    vocab = terms.vocabulary
    added = not (old and new)  # text added or removed, not replaced
    wo = [w.lower() for w in _WORD.findall(old)]
    wn = [w.lower() for w in _WORD.findall(new)]
    size = max(len(wo), len(wn))
    passage = added and size > FOCUS  # a passage added or removed, not a few words put into a sentence

    def idiom(word: str) -> bool:
        return passage and vocab is not None and vocab.common(word)

    def differ(a: Counter[str], b: Counter[str]) -> bool:
        return a != b if added else set(a) != set(b)

    reasons: list[tuple[str, str]] = []
    mo = Counter({m: n for m, n in _modals(old).items() if not idiom(m)})
    mn = Counter({m: n for m, n in _modals(new).items() if not idiom(m)})
    if differ(mo, mn):
        reasons.append(("modality", _gone_came("modality", *_sides(mo, mn, added))))
    ho, hn = _qualifiers(old, terms.qualifiers), _qualifiers(new, terms.qualifiers)
    if differ(ho, hn):
        reasons.append(("qualifier", _gone_came("qualifier", *_sides(ho, hn, added))))
    neg_o, neg_n = sum(w in NEGATIONS for w in wo), sum(w in NEGATIONS for w in wn)
    if neg_o != neg_n if added else bool(neg_o) != bool(neg_n):
        reasons.append(("negation", "negation " + ("added" if neg_n > neg_o else "removed")))
    so = {w for w in wo if w in terms.scope and not idiom(w)}
    sn = {w for w in wn if w in terms.scope and not idiom(w)}
    if so != sn:  # scope words one side has and the other lacks
        reasons.append(("scope", _gone_came("scope", sorted(so - sn), sorted(sn - so))))
    nums_o = _numbers(old, wo, idiom, _before(pair.old if pair else None, change.old_offset))
    nums_n = _numbers(new, wn, idiom, _before(pair.new if pair else None, change.new_offset))
    if differ(Counter(nums_o), Counter(nums_n)):  # in the order they are printed
        reasons.append(("numbers", _gone_came("numbers", [n for n in nums_o if n not in nums_n],
                                              [n for n in nums_n if n not in nums_o])))
    if not added and size <= FOCUS and pair is not None and not differ(mo, mn) \
            and _undertaking(pair, change) and change.id not in terms.repeats:  # the first stands for its repeats
        reasons.append(("undertaking", f"undertaking: {' '.join(old.split())} → {' '.join(new.split())}"))
    entity = _entity(change, pair) if pair is not None and not added else None
    if entity is not None:
        reasons.append(("entity", entity))
    times = terms.throughout.get(change.id)
    if times:
        # a name (a party, a defined term: capitalised on both sides) renamed everywhere changes who or
        # what the whole document speaks of (`ASE` → `AEU`, the operating entity); a common term less
        reasons.append(("renamed" if change.id in terms.names else "throughout", f"renamed throughout: {times} times"))
    if pair is not None:
        redefined = _definitions_touched(change, pair)
        if redefined:
            reasons.append(("definition", "definition changed: " + ", ".join(f"“{t}”" for t in redefined[:3])))
    low_change = f"{old} {new}".lower()
    defined = sorted(t for t in terms.defined if t in low_change)
    if defined:
        reasons.append(("defined", "defined term: " + ", ".join(defined[:3])))
    ao = {a for a in _actors(old, terms) if not idiom(a)}
    an = {a for a in _actors(new, terms) if not idiom(a)}
    if ao != an:  # parties named on one side only
        reasons.append(("actors", _gone_came("parties", sorted(ao - an), sorted(an - ao))))
    novel = vocab.novel(wo, wn) if vocab is not None else None
    return Evidence(tuple(reasons), novel, size, passage)


def weigh(ev: Evidence) -> Significance:
    """The score of what the rules found, with the reasons as a reader sees them."""
    spread = min(1.0, (FOCUS / ev.size) ** SPREAD) if ev.size else 1.0
    keep = 1.0
    reasons = list(ev.rules)
    weights = sorted((WEIGHTS[rule] for rule, _ in ev.rules), reverse=True)
    for place, weight in enumerate(weights):  # the strongest reason first, each further one FURTHER less
        keep *= 1 - weight * spread * (ADDED if ev.passage else 1.0) * FURTHER ** place
    if ev.novel is not None:
        dropped_terms, new_terms = ev.novel
        if dropped_terms or new_terms:
            keep *= (1 - NOVELTY) ** min(len(dropped_terms) + len(new_terms), NOVEL_TERMS)
            reasons.append(("novelty", _gone_came("terms", dropped_terms, new_terms)))
    if ev.size > FOCUS:
        reasons.append(("extent", f"extent: {ev.size} words"))
    return Significance(round(1 - keep, 4), tuple(r for _, r in reasons))


_LABEL = re.compile(r"^\(?\d{1,2}[.)]\s")  # a list label (`3)`, `(2) `), not a number of the text
# a list label inside a paragraph, after a sentence or a colon (`… IDs. 2. Information about`, `that: 1. De…`)
# (after a colon only a list's first label: `Minimum age: 13. Younger users` states an age)
_INLINE_LABEL = re.compile(r"(?:(?<=^)|(?<=[.;!?]\s)|(?<=[.;!?]\s\s))\(?\d{1,2}[.)](?=\s+[A-Z(\"“])"
                           r"|(?<=:\s)\(?1[.)](?=\s+[A-Z(\"“])")
# numbers that name something rather than count it: a link, a document or standard (`SP 800-53`,
# `27001:2013`), a part of a text (`Section 3.3`, `Clause 6`, `Table 5-1`, `Revision 1`)
_TOKEN = re.compile(r"\S+")
_SCHEME = ("http://", "https://", "www.", "doi.org/", "dx.doi.org/")
_DOMAIN = re.compile(r"[^/\s]\.(?:gov|org|com|int|eu|edu|net)(?:/|$|[^\w])", re.I)


def _is_link(token: str) -> bool:
    """A link: a scheme or `www.`, a domain of the usual kinds, or a path of letters and numbers
    (`nistpubs/800-77/sp800-77`; not a date `12/31/2020` nor `24/7`); tested token by token, in time
    linear in its length."""
    return (token.lower().startswith(_SCHEME) or bool(_DOMAIN.search(token))
            or ("/" in token and any(ch.isdigit() for ch in token) and any(ch.isalpha() for ch in token)))


# a number and, where the list goes on with numbers alone (`3, 4 and 5`), the numbers after it
_NUMBERS_AFTER = (r"\s*\d[\w.:/-]*(?:\s*(?:,|and|or|to|-|–)\s*\d[\w.:/-]*"
                  r"(?=\s*(?:,|and\b|or\b|to\b|-|–|[);.]|$)))*")
_REFERENCE = re.compile(r"(?:\b(?:sections?|clauses?|tables?|figures?|fig\.|appendix|annex|revision|rev\.|chapter|part|"
                        r"paragraph|para\.|pages?|pp?\.|step|version|vol\.|volume|no\.|item)|§)" + _NUMBERS_AFTER, re.I)
# the numbers of a postal address: a house number and its street (`548 Market Street`, `Keizersgracht 62`),
# a suite or floor, a postcode (`1016 VR`, `CA 94107`, `L-2338`)
# (a street closes its line or its part of the address: `3 Supreme Court judges` is no address; a postcode
# follows a house number and a comma: `1000GB` is a quantity)
_ADDRESS = re.compile(
    r"\b\d{1,5}[A-Z]?\s+(?:[A-Z0-9][\w.-]*\s+){0,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|"
    r"Dr|Way|Place|Pl|Square|Sq|Court|Ct|Parkway|Pkwy|Highway|Hwy)\b\.?(?:\s+(?:[NS][EW]?|[EW]))?(?=\s*(?:[,;\n#]|$))"
    r"|\b[A-Z][^\W\d_]*(?:straat|gracht|weg|laan|plein|kade|strasse|straße|gasse|platz|allee)\s+\d{1,5}[A-Za-z]?\b"
    r"|\b(?:[Rr]ue|Via|Calle|Avenida)\s+(?:(?:[A-Z][^\W\d_]*|d[eiau][^\W\d_]{0,3}|la|le)\s+){1,4}\d{1,5}\b"
    r"|\b(?:Suite|Ste|Floor|Unit|Room|Box)\s+\d{1,5}[A-Z]?\b|(?<=, )#\d{3,6}\b"
    r"|(?<=\d,\s)\d{4}\s?[A-Z]{2}\b|(?<=\d[A-Za-z],\s)\d{4}\s?[A-Z]{2}\b"
    r"|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b|\b[A-Z]-\d{4,5}\b")
# a name of capitals and its number: `SP 800-53`, `ISO/IEC 27001`, `CSC 3, 10`, `COBIT 5` (not an amount in
# a currency, `SEK 500`; not in a clause set in capitals, `SHALL NOT EXCEED 100`)
_CURRENCIES = ("USD EUR GBP JPY CHF CNY RMB CAD AUD NZD SEK NOK DKK ISK PLN CZK HUF RON BGN HRK RUB UAH TRY INR "
               "PKR BDT LKR IDR MYR SGD HKD TWD KRW THB PHP VND BRL MXN ARS CLP COP PEN ZAR NGN KES EGP MAD ILS "
               "AED SAR QAR KWD US").split()
_NAMED = re.compile(rf"\b(?!(?:{'|'.join(_CURRENCIES)})\b|(?:FY|CY)\s*\d)[A-Z]{{2,6}}(?:/[A-Z]{{2,6}})*"
                    + _NUMBERS_AFTER)
# codes: a standard's year (27001:2013), a category (`ID.AM-1`), letters run into digits (`SP800`, `APO01.02`),
# but not a fiscal year or quarter (`FY2025`, `Q3`); ranges (`100-250`) and amounts (`$5m`, `72h`) count
_CODE = re.compile(r"\b\d+:\d{4}\b|\b[A-Z]{2,}(?:\.[A-Z]{2,})*-\d+\b|\b(?!(?:FY|CY|Q|H)\d)[A-Za-z]+\d[\w.-]*")


def _numbers(text: str, words: list[str], idiom, before: str = "") -> list[str]:
    """The quantities a text states, in order: numbers (not those that name a link, a document or a part
    of a text, read with the words `before` it) and number words."""
    found: list[str] = []
    if any(ch.isdigit() for ch in text):
        text = _LABEL.sub("", text.lstrip()) if not before else text
        joined = f"{before} {text}"
        blank = lambda m: " " * len(m.group())  # noqa: E731 (offsets stay where they were)
        joined = _TOKEN.sub(lambda m: blank(m) if _is_link(m.group()) else m.group(), joined)
        letters = [ch for ch in joined if ch.isalpha()]
        shouting = len(letters) > 12 and sum(ch.isupper() for ch in letters) > 0.6 * len(letters)
        for pattern in (_INLINE_LABEL, _ADDRESS, _REFERENCE, _CODE) if shouting else (
                _INLINE_LABEL, _ADDRESS, _REFERENCE, _NAMED, _CODE):
            joined = pattern.sub(blank, joined)
        found = _NUMBER.findall(joined, len(before) + 1)
    return [n.rstrip(".,") for n in found] + [w for w in words if w in NUMBER_WORDS and not idiom(w)]


# a modal in lower case (`in May next year` holds none), perhaps negated, with `be`, `also` or an adverb after it
_MODAL_BEFORE = re.compile(r"\b(?:" + "|".join(m for m in MODALS if " " not in m or m.endswith(" to")) +
                           r")(?:\s+not)?(?:\s+(?:be|also|further|continue\s+to|[a-z]+ly))?\s*$")


def _undertaking(pair, change: Change) -> bool:
    """Whether a replacement puts one undertaking for another: on both sides it follows a modal verb
    (`will conduct studies on` → `will prepare`, `will be conducted as appropriate` → `will be
    enhanced`), so the words replaced say what a party is to do."""
    if not (change.old.lstrip()[:1].isalpha() and change.new.lstrip()[:1].isalpha()):
        return False  # a verb on each side, not punctuation moved about
    if _respelled(change.old, change.new):
        return False  # `utilise` → `utilize`, `re-use` → `reuse`, `recieve` → `receive`: the same word
    if frozenset((" ".join(change.old.lower().split()), " ".join(change.new.lower().split()))) in _PLAIN:
        return False  # `utilize` → `use`: the same undertaking in plainer words
    return bool(_MODAL_BEFORE.search(_before(pair.old, change.old_offset))
                and _MODAL_BEFORE.search(_before(pair.new, change.new_offset)))


# plain-language substitutions (as plain-language guidelines list them): wording, not another undertaking
_PLAIN = frozenset(frozenset(pair.split(" / ")) for pair in (
    "utilize / use", "utilise / use", "commence / begin", "commence / start", "terminate / end",
    "endeavor to / try to", "endeavour to / try to", "facilitate / help", "assist / help", "obtain / get",
    "purchase / buy", "provide / give", "require / need", "demonstrate / show", "indicate / show",
    "notify / tell", "inform / tell", "submit / send", "transmit / send", "forward / send", "retain / keep",
    "ascertain / find out", "determine / decide", "initiate / start", "implement / carry out",
    "accomplish / do", "perform / do", "expedite / speed up", "modify / change", "amend / change"))


def _respelled(old: str, new: str) -> bool:
    """The same words spelled another way: the same letters once hyphens and case are set aside, or
    at most two letters changed, added or dropped in words of much the same length."""
    a, b = ("".join(ch for ch in text.lower() if ch.isalnum()) for text in (old, new))
    if a == b:
        return True
    return min(len(a), len(b)) >= 4 and abs(len(a) - len(b)) <= 2 and _edits_at_most(a, b, 2)


def _edits_at_most(a: str, b: str, limit: int) -> bool:
    """Whether the edit distance of two short strings is `limit` or less (a banded Levenshtein)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def _before(section, offset: int, width: int = 30) -> str:
    """The words just before a change in its section (on one line), for the numbers that need them."""
    if section is None:
        return ""
    head = section.text[max(0, offset - width):offset]
    return head[head.rfind("\n") + 1:]


# a company's name closed by its legal form (`OpenAI, L.L.C.`, `Amazon EU S.à r.l.`, `Reddit Netherlands B.V.`)
_FORMS = ("Inc", "Incorporated", "Corp", "Corporation", "LLC", "L.L.C", "LLP", "Ltd", "Limited", "plc", "PLC",
          "GmbH", "AG", "SE", "S.A", "SAS", "SARL", "S.à r.l", "S.à.r.l", "S.a.r.l", "B.V", "BV", "N.V", "NV",
          "Oy", "AB", "A/S", "ApS", "S.p.A", "SpA", "Pty", "K.K", "Bhd", "S.r.l", "Srl")
_ENTITY = re.compile(r"(?<![\w&'’.-])((?:[A-Z][\w&'’.-]*[ \t]+){0,4}[A-Z][\w&'’.-]*),?[ \t]+(" +
                     "|".join(re.escape(f) for f in sorted(_FORMS, key=len, reverse=True)) + r")\.?(?![\w])(?!\s*\d)")
_SAME_FORM = {"limited": "ltd", "corporation": "corp", "incorporated": "inc", "sàrl": "sarl", "sarl": "sarl"}


def _entities(text: str, start: int, end: int) -> set[str]:
    """The companies named in `text` whose name or form touches text[start:end], as `name|form`, the
    form's dots, case and long or short spelling set aside (`Limited` = `Ltd`). A name holding a small
    word (`Our Liability Is Limited`) is none."""
    out = set()
    for m in _ENTITY.finditer(text):
        name = m.group(1)
        if m.end() > start and m.start() < end and not any(w.lower() in STOPWORDS for w in name.split()):
            form = m.group(2).replace(".", "").replace(" ", "").lower()
            out.add(f"{name}|{_SAME_FORM.get(form, form)}")
    return out


def _lead(section, offset: int) -> str:
    """The whole words of the line just before a change that a company's name may begin with."""
    start = max(0, offset - 60)
    head = section.text[start:offset]
    head = head[head.rfind("\n") + 1:]
    if start and len(head) == offset - start and section.text[start - 1].isalnum():
        head = head.split(" ", 1)[1] if " " in head else ""  # a word cut by the window
    return head


def _trail(section, offset: int, width: int = 30) -> str:
    """The text just after a change on its line, where the legal form closing a name may stand."""
    return section.text[offset:offset + width].split("\n", 1)[0]


def _entity(change: Change, pair) -> str | None:
    """`legal entity: Facebook → Meta Platforms`: the company a replacement names changed (a name or a
    legal form that the change touches, read with the words around it); how the form is written
    (`L.L.C.` → `LLC`, `Limited` → `Ltd`) is no change."""
    found = []
    for section, offset, text in ((pair.old, change.old_offset, change.old), (pair.new, change.new_offset, change.new)):
        lead = _lead(section, offset)
        found.append(_entities(lead + text + _trail(section, offset + len(text)), len(lead), len(lead) + len(text)))
    a, b = found
    if not (a or b) or a == b:
        return None
    gone = [e.split("|")[0] for e in sorted(a - b)]
    came = [e.split("|")[0] for e in sorted(b - a)]
    gone, came = [e for e in gone if e not in came], [e for e in came if e not in gone]
    if not (gone or came):  # the same name under another legal form: `Google Inc.` → `Google LLC`
        gone, came = [e.replace("|", " ") for e in sorted(a - b)], [e.replace("|", " ") for e in sorted(b - a)]
    return _gone_came("legal entity", gone, came)


_SENTENCE_END = re.compile(r"(?:[.!?:;]|\n)[\s\"“(]*$")  # what stands before a word that opens a sentence


def _actors(text: str, terms: Terms) -> set[str]:
    """Parties a text names: the series' actors, and capitalised words without digits, except a word opening
    a sentence that the documents also write in lower case (`Should`, `Because`, `However`)."""
    vocab = terms.vocabulary
    found = set()
    for m in _WORD.finditer(text):
        w = m.group()
        if w in terms.actors:
            found.add(w)
        elif w[:1].isupper() and w not in ACTOR_STOP and len(w) > 2 and not any(ch.isdigit() for ch in w):
            before = text[max(0, m.start() - 4):m.start()]  # a few characters tell a sentence's start
            opening = (m.start() <= 4 and not before.strip()) or bool(_SENTENCE_END.search(before))
            if not (opening and vocab is not None and w.lower() in vocab.lower_case):
                found.add(w)
    return found


def _sides(old: Counter[str], new: Counter[str], added: bool) -> tuple[list[str], list[str]]:
    """What the old side has and the new lacks, and the reverse, sorted: counted in an added or
    removed text (one side is empty), by kind in a replacement (`will` on both sides is no change)."""
    if added:
        return sorted(old - new), sorted(new - old)
    return sorted(set(old) - set(new)), sorted(set(new) - set(old))


def _gone_came(rule: str, gone: list[str], came: list[str]) -> str:
    """The reason as the change reads: `scope: areas, surrounding → beyond, region` where one side's
    words gave way to the other's, `modality added: may` or `parties dropped: Tessaly` where only one
    side has any (at most four named a side)."""
    if gone and came:
        return f"{rule}: {_few(gone)} → {_few(came)}"
    return f"{rule} added: {_few(came)}" if came else f"{rule} dropped: {_few(gone)}"


@dataclass(frozen=True, slots=True)
class Ranked:
    pair: int  # index into comparison.pairs
    change: Change
    significance: Significance


def assess_pair(pair, terms: Terms) -> list[Significance]:
    """The significance of each of the pair's changes. Past a section's `OWN` most significant changes,
    each further one counts `SHARE` times less than the one before it, so one rewritten section cannot
    fill the top of the ranking and push every targeted edit elsewhere out of it. The first of a term's
    replacements made throughout the document keeps its score."""
    found = [assess(c, terms, pair) for c in pair.changes]
    # a renaming made throughout the document stands for all its repeats, not for one of this section's edits
    order = sorted((k for k, c in enumerate(pair.changes) if c.id not in terms.throughout),
                   key=lambda k: -found[k].score)
    for place, k in enumerate(order):
        if place >= OWN and found[k].score > 0:
            sig = found[k]
            found[k] = Significance(round(sig.score * SHARE ** (place - OWN + 1), 4),
                                    (*sig.reasons, f"{_ordinal(place + 1)} in its section"))
    return found


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def rank(cmp, terms: Terms | None = None, limit: int | None = None) -> list[Ranked]:
    """The comparison's changes, most significant first (ties in document order)."""
    terms = terms or Terms.for_comparison(cmp)
    out = [Ranked(k, c, sig) for k, p in enumerate(cmp.pairs)
           for c, sig in zip(p.changes, assess_pair(p, terms), strict=True) if c.kind != "move" or sig.score]
    out.sort(key=lambda r: -r.significance.score)
    return out[:limit] if limit is not None else out


WHOLE = ("added", "removed")  # relations of pairs that are a whole section put in or taken out


def targeted_first(cmp, ranked: Sequence[Ranked], limit: int,
                   whole_limit: int = 10) -> tuple[list[Ranked], list[Ranked]]:
    """The ranked changes in two groups: edits to text both versions have, at most `limit`, and whole
    sections added or removed, at most `whole_limit`, so that a long new section does not crowd the
    targeted edits out of the top of the list."""
    edits = [r for r in ranked if cmp.pairs[r.pair].relation not in WHOLE]
    whole = [r for r in ranked if cmp.pairs[r.pair].relation in WHOLE]
    return edits[:limit], whole[:whole_limit]
