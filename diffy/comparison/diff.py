"""Word-level diffs with diff-match-patch, and stable change ids.

Words (runs of non-space characters) are mapped to single characters so that
diff-match-patch diffs words, not letters; whitespace never counts as a change,
so a paragraph re-wrapped by a different layout diffs as identical. Quote style
is not a change either: words are compared with typographic quotes and hyphens
folded to ASCII (`Caldera’s` = `Caldera's`), as one producer curls what another
leaves straight.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

# a word (keeping inner hyphens, apostrophes and number punctuation: "Asia-Pacific", "1,000.50")
# or a single punctuation mark, so "delay." → "months." diffs as a word with the full stop kept
_WORD = re.compile(r"[^\W_]+(?:[-\u2010\u2011'’.,/:][^\W_]+)*|\S")
_CONTEXT = 3  # tokens either side that make a change's id
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"',
                       "\u201d": '"', "\u201e": '"', "\u2033": '"', "\u2010": "-", "\u2011": "-"})


def fold(text: str) -> str:
    """`text` with typographic quotes, apostrophes and hyphens as their ASCII forms (same length)."""
    return text.translate(_FOLD)


def search_key(text: str) -> str:
    """What a search compares: case and quote style ignored (`caldera's` finds `Caldera’s`)."""
    return fold(text).casefold()


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int  # character offset in the text it came from
    end: int


@dataclass(frozen=True, slots=True)
class Change:
    """One change inside a section pair. Offsets are into the sections' `text`."""

    id: str
    kind: str  # insert | delete | replace | move
    old: str
    new: str
    old_offset: int
    new_offset: int
    old_id: str | None = None  # for a move: where the text came from / went to
    new_id: str | None = None


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    stop = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, start, stop)]


def _encode(tokens: Sequence[Token], vocab: dict[str, str]) -> str:
    out = []
    for t in tokens:
        key = fold(t.text)
        ch = vocab.get(key)
        if ch is None:
            code = 0x100 + len(vocab)
            if code >= 0xD800:
                code += 0x800  # skip the surrogate range
            ch = vocab[key] = chr(code)
        out.append(ch)
    return "".join(out)


def diff_tokens(old: Sequence[Token], new: Sequence[Token]) -> list[tuple[int, int, int, int, int]]:
    """(op, old_from, old_to, new_from, new_to) token ranges; op is -1, 0 or 1."""
    vocab: dict[str, str] = {}
    a, b = _encode(old, vocab), _encode(new, vocab)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    out = []
    i = j = 0
    for op, chunk in diffs:
        n = len(chunk)
        if op == 0:
            out.append((0, i, i + n, j, j + n))
            i, j = i + n, j + n
        elif op == -1:
            out.append((-1, i, i + n, j, j))
            i += n
        else:
            out.append((1, i, i, j, j + n))
            j += n
    return out


def word_changes(old_text: str, new_text: str, old_tokens: Sequence[Token] | None = None,
                 new_tokens: Sequence[Token] | None = None) -> list[Change]:
    """The changes that turn `old_text` into `new_text`, word by word."""
    old = list(old_tokens) if old_tokens is not None else tokenize(old_text)
    new = list(new_tokens) if new_tokens is not None else tokenize(new_text)
    ops = diff_tokens(old, new)
    changes: list[Change] = []
    seen: dict[str, int] = {}
    k = 0
    while k < len(ops):
        op, a0, a1, b0, b1 = ops[k]
        if op == 0:
            k += 1
            continue
        # a delete next to an insert is one replacement
        if k + 1 < len(ops) and ops[k + 1][0] not in (0, op):
            _, c0, c1, d0, d1 = ops[k + 1]
            a0, a1, b0, b1 = min(a0, c0), max(a1, c1), min(b0, d0), max(b1, d1)
            k += 1
        k += 1
        kind = "replace" if a1 > a0 and b1 > b0 else ("delete" if a1 > a0 else "insert")
        old_s = old_text[old[a0].start:old[a1 - 1].end] if a1 > a0 else ""
        new_s = new_text[new[b0].start:new[b1 - 1].end] if b1 > b0 else ""
        old_off = old[a0].start if a0 < len(old) else (old[-1].end if old else 0)
        new_off = new[b0].start if b0 < len(new) else (new[-1].end if new else 0)
        before = " ".join(t.text for t in old[max(0, a0 - _CONTEXT):a0])
        after = " ".join(t.text for t in old[a1:a1 + _CONTEXT])
        changes.append(Change(change_id(kind, old_s, new_s, before, after, seen), kind, old_s, new_s, old_off, new_off))
    return changes


def change_id(kind: str, old: str, new: str, before: str, after: str, seen: dict[str, int]) -> str:
    """A short id that depends only on the change and the words around it."""
    key = "\x1f".join((kind, old, new, before, after))
    n = seen.get(key, 0)
    seen[key] = n + 1
    if n:
        key += f"\x1f{n}"
    return "c" + hashlib.sha1(key.encode()).hexdigest()[:10]


def apply_changes(old_text: str, changes: Sequence[Change]) -> list[str]:
    """Tokens of the text obtained by applying word changes to `old_text` (moves excluded)."""
    out: list[str] = []
    pos = 0
    for c in sorted((c for c in changes if c.kind != "move"), key=lambda c: c.old_offset):
        out += [t.text for t in tokenize(old_text[pos:c.old_offset])]
        out += [t.text for t in tokenize(c.new)]
        pos = c.old_offset + len(c.old)
    out += [t.text for t in tokenize(old_text[pos:])]
    return out
