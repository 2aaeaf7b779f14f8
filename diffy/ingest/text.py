"""Text clean-up shared by every input format: Unicode normalisation and line joining."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

SOFT_HYPHEN = "\u00ad"
HYPHENATION_MARKS = ("\u2010", SOFT_HYPHEN)  # only ever printed where a word was broken
DASHES_KEPT_AT_BREAK = ("\u2013", "\u2014", "\u2011", "/")  # joined with no space, kept

_TRAILING_PUNCT = ".,;:!?)]}\"'”’"
_URL_END = re.compile(r"(?:^|\s)(?:https?://|www\.)\S*[\w/=&?%#~+-]$")  # an address that has not ended
# more of the address: URL characters with a sign or digit a word would not have (not "and so on")
_URL_GOES_ON = re.compile(r"(?=\S*[/=&?%#~_\d])[\w\-./?=&%#~+:@!$*]+(?:\s|$)")
_LEADING_PUNCT = "([{\"'“‘"


def normalize(text: str) -> str:
    """NFKC (ligatures, full-width forms) with soft hyphens and zero-width characters removed."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub("[\u00ad\u200b\u200c\u200d\u2060\ufeff]", "", text)


_SPACED_HYPHEN = re.compile(r"\b([^\W\d_]{2,})- (?!(?:and|or|nor|to|as well|und|oder|et|ou|y|o)\b)([^\W\d_])")


def close_hyphen_gaps(text: str) -> str:
    """`ever- evolving` → `ever-evolving`: a space printed after a compound's hyphen (a word processor's
    optional hyphen). A suspended hyphen stays (`pre- and post-war`)."""
    return _SPACED_HYPHEN.sub(r"\1-\2", text)


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def vocabulary(words: Iterable[str]) -> frozenset[str]:
    """Lower-cased words (and hyphenated compounds) seen in a document, for de-hyphenation."""
    vocab = set()
    for w in words:
        w = w.strip(_TRAILING_PUNCT + _LEADING_PUNCT).lower()
        if w:
            vocab.add(w)
            parts = [p for p in re.split(r"[-\u2010\u2011]", w) if p]
            vocab.update(parts)
            if len(parts) > 1:
                vocab.add(parts[0] + "-")  # a prefix this document writes with a hyphen
    return frozenset(vocab)


def join_lines(lines: Sequence[str], vocab: frozenset[str] = frozenset()) -> str:
    """Join the lines of one paragraph, undoing line-end hyphenation.

    A hyphenation mark (U+2010, soft hyphen) at a line end is always removed. A
    plain hyphen is kept when the document writes the compound with a hyphen
    elsewhere, or when both halves are words of their own in the document
    (`whole-of-` + `government`), and removed otherwise (`govern-` + `ment`).
    En and em dashes at a break are kept and joined without a space.
    """
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        last = out[-1]
        if last in HYPHENATION_MARKS and _letter_before(out):
            out = out[:-1] + line
        elif last == "-" and _letter_before(out) and line[0].isalpha():
            out = out[:-1] + ("-" if _keep_hyphen(out, line, vocab) else "") + line
        elif last == "-" and len(out) >= 2 and out[-2].isalnum() and line[0].isdigit():
            out += line  # an identifier broken at its hyphen: RA-|3, M-04-|04
        elif _URL_END.search(out) and _URL_GOES_ON.match(line):
            out += line  # a web address broken across lines (it holds no spaces)
        elif last in DASHES_KEPT_AT_BREAK and _letter_before(out) and not out.endswith(" " + last):
            out += line
        else:
            out += " " + line
    return out


def _letter_before(text: str) -> bool:
    return len(text) >= 2 and text[-2].isalpha()


def _keep_hyphen(before: str, after: str, vocab: frozenset[str]) -> bool:
    head = before[:-1].rsplit(" ", 1)[-1].strip(_LEADING_PUNCT).lower()
    tail_word = after.split(" ", 1)[0]
    tail = tail_word.rstrip(_TRAILING_PUNCT).lower()
    if not vocab:
        return True
    if f"{head}-{tail}" in vocab:
        return True
    if f"{head}{tail}" in vocab:
        return False
    last_part = head.rsplit("-", 1)[-1]
    first_part = re.split(r"[-\u2010]", tail)[0]
    if f"{last_part}-" in vocab:
        return True
    return last_part in vocab and first_part in vocab and len(last_part) > 1 and len(first_part) > 1


def line_offsets(text: str, lines: Sequence[str]) -> list[int | None]:
    """Where each of a paragraph's printed (or source) lines starts in its joined, cleaned `text`: the
    line's first word, found after the previous line's words but its last (a line that starts inside a
    word joined across the break is found inside that word; searching right after the previous line's
    first word found "support" of "(b) Logistic support." for a next line starting "support from").
    None for a line whose first word is not found (markup that spans lines)."""
    out: list[int | None] = []
    at = skip = 0
    for k, line in enumerate(lines):
        words = line.split()
        if not k:
            out.append(0)
        elif not words:
            out.append(None)
        else:
            found = text.find(words[0], at + skip)
            found = found if found >= 0 else text.find(words[0], at)
            out.append(found if found >= 0 else None)
            at = found if found >= 0 else at
        skip = len(" ".join(words[:-1]))
    return out
