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
replacement says so. The term lists are defaults (`diffy.comparison.lexicon`); a
series can extend them (see `Terms.load`). Quantities, undertakings and the
companies a text names are read in `quantities`, `undertakings` and `entities`.
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
from diffy.comparison.entities import entity_change
from diffy.comparison.lexicon import ACTOR_STOP, HEDGES, MODALS, NEGATIONS, NUMBER_WORDS, SCOPE, STOPWORDS
from diffy.comparison.quantities import numbers, words_after, words_before
from diffy.comparison.undertakings import undertaking
from diffy.comparison.unranked import why_unranked

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
    po, pn = (pair.old, pair.new) if pair is not None else (None, None)
    nums_o = numbers(old, wo, idiom, words_before(po, change.old_offset), words_after(po, change.old_offset + len(old)))
    nums_n = numbers(new, wn, idiom, words_before(pn, change.new_offset), words_after(pn, change.new_offset + len(new)))
    if differ(Counter(nums_o), Counter(nums_n)):  # in the order they are printed
        reasons.append(("numbers", _gone_came("numbers", [n for n in nums_o if n not in nums_n],
                                              [n for n in nums_n if n not in nums_o])))
    if not added and size <= FOCUS and pair is not None and not differ(mo, mn) \
            and undertaking(change, pair) and change.id not in terms.repeats:  # the first stands for its repeats
        reasons.append(("undertaking", f"undertaking: {' '.join(old.split())} → {' '.join(new.split())}"))
    entity = entity_change(change, pair, vocab.lower_case if vocab is not None else frozenset()) \
        if pair is not None and not added else None
    if entity is not None:
        reasons.append(("entity", _gone_came("legal entity", *entity)))
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
