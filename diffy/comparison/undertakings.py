"""Whether a replacement puts one undertaking for another: the words right after a modal verb on both
sides (`will conduct studies on` → `will prepare`), not a respelling or plainer words for the same."""

from __future__ import annotations

import re

from diffy.comparison.diff import Change
from diffy.comparison.lexicon import MODALS
from diffy.comparison.quantities import words_before

# a modal in lower case (`in May next year` holds none), perhaps negated, with `be`, `also` or an adverb after it
_MODAL_BEFORE = re.compile(r"\b(?:" + "|".join(m for m in MODALS if " " not in m or m.endswith(" to")) +
                           r")(?:\s+not)?(?:\s+(?:be|also|further|continue\s+to|[a-z]+ly))?\s*$")


def undertaking(pair, change: Change) -> bool:
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
