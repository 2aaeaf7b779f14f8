"""Whether a replacement puts one undertaking for another: the words right after a modal verb on both
sides (`will conduct studies on` → `will prepare`), not a respelling or plainer words for the same."""

from __future__ import annotations

import re

from diffy.comparison.diff import Change
from diffy.comparison.lexicon import MODALS
from diffy.comparison.quantities import words_before

# a modal in lower case (`in May next year` holds none), perhaps negated, with `be`, `also` or an adverb after
# it (`promptly`; not `supply`, `apply`)
_MODAL_BEFORE = re.compile(r"\b(?:" + "|".join(m for m in MODALS if " " not in m or m.endswith(" to")) +
                           r")(?:\s+not)?(?:\s+(?:be|also|further|continue\s+to|[a-z]+(?<!p)ly))?\s*$")


def undertaking(change: Change, pair) -> bool:
    """Whether a replacement puts one undertaking for another: on both sides it follows a modal verb
    (`will conduct studies on` → `will prepare`, `will be conducted as appropriate` → `will be
    enhanced`), so the words replaced say what a party is to do."""
    if not (change.old.lstrip()[:1].isalpha() and change.new.lstrip()[:1].isalpha()):
        return False  # a verb on each side, not punctuation moved about
    if _respelled(change.old, change.new):
        return False  # `utilise` → `utilize`, `re-use` → `reuse`, `recieve` → `receive`: the same word
    if frozenset((" ".join(change.old.lower().split()), " ".join(change.new.lower().split()))) in _PLAIN:
        return False  # `utilize` → `use`: the same undertaking in plainer words
    return bool(_MODAL_BEFORE.search(words_before(pair.old, change.old_offset))
                and _MODAL_BEFORE.search(words_before(pair.new, change.new_offset)))


# plain-language substitutions (as plain-language guidelines list them): wording, not another undertaking
_PLAIN = frozenset(frozenset(words.split(" / ")) for words in (
    "utilize / use", "utilise / use", "commence / begin", "commence / start", "terminate / end",
    "endeavor to / try to", "endeavour to / try to", "facilitate / help", "assist / help", "obtain / get",
    "purchase / buy", "provide / give", "require / need", "demonstrate / show", "indicate / show",
    "notify / tell", "inform / tell", "submit / send", "transmit / send", "forward / send", "retain / keep",
    "ascertain / find out", "determine / decide", "initiate / start", "implement / carry out",
    "accomplish / do", "perform / do", "expedite / speed up", "modify / change", "amend / change"))


def _respelled(old: str, new: str) -> bool:
    """The same words spelled another way: the same letters once hyphens, spaces and case are set
    aside (`e-mail`/`email`), two letters swapped (`recieve`/`receive`, `centre`/`center`), or British
    and American spelling (`utilise`/`utilize`, `behaviour`/`behavior`, `defence`/`defense`);
    `store`/`share` or `sell`/`tell` are other words."""
    a, b = ("".join(_BRITISH.sub(_american, w) for w in re.findall(r"[^\W_]+", text.lower())) for text in (old, new))
    if a == b:
        return True
    if len(a) != len(b) or len(a) < 5:
        return False
    differ = [k for k in range(len(a)) if a[k] != b[k]]
    return len(differ) == 2 and differ[1] == differ[0] + 1 and a[differ[0]] == b[differ[1]] \
        and a[differ[1]] == b[differ[0]]


# British word endings and their American spelling (`organise`, `organising`, `analyse`, `behaviour`,
# `catalogue`, `centre`, `defence`, `travelled`)
_AMERICAN = {"isation": "ization", "ise": "ize", "ising": "izing", "yse": "yze", "our": "or", "ogue": "og",
             "tre": "ter", "ence": "ense", "lled": "led", "lling": "ling"}
_BRITISH = re.compile(r"(?<=\w\w)(isation|ising|ise|yse|our|ogue|tre|ence|lled|lling)(?=(?:s|d|r|rs|ed)?$)")


def _american(m: re.Match) -> str:
    return _AMERICAN[m.group(1)]
