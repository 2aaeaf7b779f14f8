"""Word-level diffs with diff-match-patch, and stable change ids.

Words (runs of non-space characters) are mapped to single characters so that
diff-match-patch diffs words, not letters; whitespace never counts as a change,
so a paragraph re-wrapped by a different layout diffs as identical. Quote style
is not a change either: words are compared with typographic quotes and hyphens
folded to ASCII (`Caldera’s` = `Caldera's`), as one producer curls what another
leaves straight.

Two rules keep changes *sentence-true* and the work small:

- Semantic clean-up (which merges short unchanged runs into the edits around
  them, so a reader sees "A B C → X Y Z" rather than a confetti of one-word
  edits) never swallows an unchanged run of `KEEP_WORDS` words or more, nor an
  unchanged whole sentence: the diff is cut at such runs and each piece is
  cleaned up on its own.
- Long inputs are first cut at tokens that occur exactly once on each side and
  in the same order (the anchors of a patience diff), so diff-match-patch only
  ever sees short stretches; its bisection costs grow with the product of the
  lengths and the number of edits, which is what made long rewritten sections
  slow. `Diff_Timeout = 0` throughout: results never depend on machine speed.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from diff_match_patch import diff_match_patch

from diffy.comparison.order import longest_increasing

# a word (keeping inner hyphens, apostrophes and number punctuation: "Asia-Pacific", "1,000.50")
# or a single punctuation mark, so "delay." → "months." diffs as a word with the full stop kept
_WORD = re.compile(r"[^\W_]+(?:[-\u2010\u2011'’.,/:][^\W_]+)*|\S")
_CONTEXT = 3  # tokens either side that make a change's id
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"',
                       "\u201d": '"', "\u201e": '"', "\u2033": '"', "\u2010": "-", "\u2011": "-",
                       "\u2012": "-", "\u2013": "-", "\u2212": "-"})  # figure and en dashes, minus: a hyphen
KEEP_WORDS = 8  # an unchanged run this long (in words) is never inside a change
KEEP_SENTENCE = 4  # nor is an unchanged whole sentence of this many words or more
SENTENCE_END = frozenset(".!?")
# inputs up to this product of lengths (in tokens) go to diff-match-patch as they are; longer ones
# are first cut at unique common tokens (measured: 200 × 200 tokens with every token changed takes
# diff-match-patch about 0.1 s, and the cost grows with the product)
DIRECT = 150 * 150


def fold(text: str) -> str:
    """`text` with typographic quotes, apostrophes, hyphens and en dashes as their ASCII forms (same length)."""
    return text.translate(_FOLD)


def layout_only(old: str, new: str) -> bool:
    """Whether two texts differ only in where spaces fall (`belie ve` / `believe`, `SI - 4` / `SI-4`, an
    address printed with a stray space): the same characters, quote style aside — a split or joined
    word, not a change of what the text says."""
    return bool(old) and bool(new) and "".join(fold(old).split()) == "".join(fold(new).split())


def search_key(text: str) -> str:
    """What a search compares: case and quote style ignored (`caldera's` finds `Caldera’s`)."""
    return fold(text).casefold()


class Token(NamedTuple):  # a tuple: tens of thousands are made per comparison
    text: str
    start: int  # character offset in the text it came from
    end: int
    seg: int = 0  # tokens of different segments (paragraphs, table cells) never share one change


@dataclass(frozen=True, slots=True)
class Change:
    """One change inside a section pair. Offsets are into the sections' `text`.

    In a table, `row` names the row the change stands in (its key cell) and `column` is the
    1-based column of the cell (on the new side; on the old side for a deletion); `column_name`
    is that column's header where the table has one. A whole row added, removed or moved has a
    `row` and no `column`.
    """

    id: str
    kind: str  # insert | delete | replace | move
    old: str
    new: str
    old_offset: int
    new_offset: int
    old_id: str | None = None  # for a move: where the text came from / went to
    new_id: str | None = None
    row: str | None = None
    column: int | None = None
    column_name: str | None = None


def tokenize(text: str, start: int = 0, end: int | None = None, seg: int = 0) -> list[Token]:
    stop = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end(), seg) for m in _WORD.finditer(text, start, stop)]


def word_count(text: str) -> int:
    """Words in a change as the summary counts them: whitespace-separated, table cell separators aside."""
    return sum(1 for w in text.split() if w != "|")


def is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


def _encode(keys: Sequence[str], vocab: dict[str, str]) -> str:
    out = []
    for key in keys:
        ch = vocab.get(key)
        if ch is None:
            code = 0x100 + len(vocab)
            if code >= 0xD800:
                code += 0x800  # skip the surrogate range
            ch = vocab[key] = chr(code)
        out.append(ch)
    return "".join(out)


def _dmp() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    return dmp


def _unique_anchors(a: str, b: str) -> list[tuple[int, int]]:
    """Positions (i, j) of symbols found exactly once in `a` and once in `b`, longest in-order run."""
    ca, cb = Counter(a), Counter(b)
    where_b = {ch: j for j, ch in enumerate(b) if cb[ch] == 1}
    cand = [(i, where_b[ch]) for i, ch in enumerate(a) if ca[ch] == 1 and ch in where_b]
    return [cand[k] for k in longest_increasing([j for _, j in cand])]


def _raw_diff(dmp: diff_match_patch, a: str, b: str) -> list[tuple[int, str]]:
    """A diff of two symbol strings with no clean-up; long inputs are cut at unique common symbols."""
    if not a or not b or len(a) * len(b) <= DIRECT:
        return dmp.diff_main(a, b, False)
    head = dmp.diff_commonPrefix(a, b)
    tail = dmp.diff_commonSuffix(a[head:], b[head:])
    if head or tail:
        mid = _raw_diff(dmp, a[head:len(a) - tail], b[head:len(b) - tail])
        return ([(0, a[:head])] if head else []) + mid + ([(0, a[len(a) - tail:])] if tail else [])
    anchors = _unique_anchors(a, b)
    if not anchors:
        return dmp.diff_main(a, b, False)
    out: list[tuple[int, str]] = []
    i = j = 0
    for x, y in anchors:
        out += _raw_diff(dmp, a[i:x], b[j:y])
        out.append((0, a[x]))
        i, j = x + 1, y + 1
    out += _raw_diff(dmp, a[i:], b[j:])
    return out


def _merge(diffs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Adjacent pieces of the same kind joined; deletions before insertions between equalities."""
    out: list[tuple[int, str]] = []
    dele: list[str] = []
    ins: list[str] = []
    for op, text in diffs:
        if not text:
            continue
        if op == -1:
            dele.append(text)
        elif op == 1:
            ins.append(text)
        else:
            if dele:
                out.append((-1, "".join(dele)))
            if ins:
                out.append((1, "".join(ins)))
            dele, ins = [], []
            if out and out[-1][0] == 0:
                out[-1] = (0, out[-1][1] + text)
            else:
                out.append((0, text))
    if dele:
        out.append((-1, "".join(dele)))
    if ins:
        out.append((1, "".join(ins)))
    return out


class _Old:
    """The old tokens with what `kept` asks of them, computed once: words so far, sentence ends."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.words = [0]
        for t in tokens:
            self.words.append(self.words[-1] + is_word(t.text))
        last = len(tokens) - 1
        self.ends = [t.text in SENTENCE_END or k == last or tokens[k + 1].seg != t.seg
                     for k, t in enumerate(tokens)]

    def kept(self, start: int, end: int) -> bool:
        """An unchanged run the clean-up must leave alone: `KEEP_WORDS` words, or one holding a
        whole sentence of `KEEP_SENTENCE` words (a paragraph's or a cell's edges end sentences)."""
        if self.words[end] - self.words[start] >= KEEP_WORDS:
            return True
        begin = start if start == 0 or self.ends[start - 1] else None  # where the current sentence began
        for k in range(start, end):
            if k > start and self.ends[k - 1]:
                begin = k
            if begin is not None and self.ends[k] and self.words[k + 1] - self.words[begin] >= KEEP_SENTENCE:
                return True
        return False


def _clean(dmp: diff_match_patch, diffs: list[tuple[int, str]], old: _Old, base: int) -> list[tuple[int, str]]:
    """Semantic clean-up, piece by piece between the unchanged runs that must stay visible
    (`base`: where the diffed stretch starts among the `old` tokens)."""
    out: list[tuple[int, str]] = []
    piece: list[tuple[int, str]] = []
    i = base  # position in the old tokens
    for op, text in diffs:
        if op == 0 and old.kept(i, i + len(text)):
            if piece:
                dmp.diff_cleanupSemantic(piece)
                out += piece
                piece = []
            out.append((op, text))
        else:
            piece.append((op, text))
        if op != 1:
            i += len(text)
    if piece:
        dmp.diff_cleanupSemantic(piece)
        out += piece
    return _merge(out)


Op = tuple[int, int, int, int, int]
_PROBE = 5  # tokens: common runs inside a change are looked for from shared runs this long
_MAX_HITS = 32


def diff_tokens(old: Sequence[Token], new: Sequence[Token]) -> list[Op]:
    """(op, old_from, old_to, new_from, new_to) token ranges; op is -1, 0 or 1."""
    vocab: dict[str, str] = {}
    a = _encode([fold(t.text) for t in old], vocab)
    b = _encode([fold(t.text) for t in new], vocab)
    return _diff_range(_dmp(), a, b, _Old(old), 0, 0)


def _diff_range(dmp: diff_match_patch, a: str, b: str, old: _Old, i0: int, j0: int) -> list[Op]:
    """Ops for symbols `a` (the old tokens from i0) against `b` (the new tokens from j0). A change
    whose two sides still share a run that must stay visible (text reordered around it, so the
    diff matched other words instead) is diffed again on either side of that run."""
    ops: list[Op] = []
    i, j = i0, j0
    for op, chunk in _clean(dmp, _merge(_raw_diff(dmp, a, b)), old, i0):
        n = len(chunk)
        if op == 0:
            ops.append((0, i, i + n, j, j + n))
            i, j = i + n, j + n
        elif op == -1:
            ops.append((-1, i, i + n, j, j))
            i += n
        else:
            ops.append((1, i, i, j, j + n))
            j += n
    out: list[Op] = []
    k = 0
    while k < len(ops):
        if k + 1 < len(ops) and ops[k][0] == -1 and ops[k + 1][0] == 1:
            a0, a1, b0, b1 = ops[k][1], ops[k][2], ops[k + 1][3], ops[k + 1][4]
            run = _shared_run(a[a0 - i0:a1 - i0], b[b0 - j0:b1 - j0], old, a0)
            if run is not None:
                p, q, n = run
                x, y = a0 + p, b0 + q
                out += _diff_range(dmp, a[a0 - i0:x - i0], b[b0 - j0:y - j0], old, a0, b0)
                out.append((0, x, x + n, y, y + n))
                out += _diff_range(dmp, a[x + n - i0:a1 - i0], b[y + n - j0:b1 - j0], old, x + n, y + n)
                k += 2
                continue
        out.append(ops[k])
        k += 1
    return out


def _shared_run(sa: str, sb: str, old: _Old, base: int) -> tuple[int, int, int] | None:
    """The longest run shared by the two sides of a change that must stay visible: (p, q, length),
    p into `sa` (whose first token is old token `base`) and q into `sb`."""
    if len(sa) < _PROBE or len(sb) < _PROBE:
        return None
    where: dict[str, list[int]] = {}
    for q in range(len(sb) - _PROBE + 1):
        where.setdefault(sb[q:q + _PROBE], []).append(q)
    best: tuple[int, int, int] | None = None
    p = 0
    while p <= len(sa) - _PROBE:
        step = 1
        hits = where.get(sa[p:p + _PROBE], ())
        for q in hits if len(hits) <= _MAX_HITS else ():  # a phrase repeated everywhere starts no run
            n = _PROBE
            while p + n < len(sa) and q + n < len(sb) and sa[p + n] == sb[q + n]:
                n += 1
            if (best is None or n > best[2]) and old.kept(base + p, base + p + n):
                best = (p, q, n)
                step = max(step, n)
        p += step
    return best


def _runs(tokens: Sequence[Token], start: int, end: int, split: bool = True) -> list[tuple[int, int]]:
    """[start, end) cut where the segment changes (with `split`) or jumps (without: segments are
    then paragraph numbers, and a change may run on into the next paragraph but never over one
    left out of the comparison)."""
    out: list[tuple[int, int]] = []
    k = start
    while k < end:
        m = k + 1
        while m < end and (tokens[m].seg == tokens[m - 1].seg
                           or not split and tokens[m].seg == tokens[m - 1].seg + 1):
            m += 1
        out.append((k, m))
        k = m
    return out


Context = Callable[[int, int], tuple[str, str]]


def token_context(tokens: Sequence[Token]) -> Context:
    """The `_CONTEXT` tokens either side of the old text [start, end), from `tokens`."""
    starts = [t.start for t in tokens]

    def around(start: int, end: int) -> tuple[str, str]:
        a = bisect.bisect_left(starts, start)
        b = bisect.bisect_left(starts, end) if end > start else a
        return (" ".join(t.text for t in tokens[max(0, a - _CONTEXT):a]),
                " ".join(t.text for t in tokens[b:b + _CONTEXT]))

    return around


def word_changes(old_text: str, new_text: str, old_tokens: Sequence[Token] | None = None,
                 new_tokens: Sequence[Token] | None = None, *, seen: dict[str, int] | None = None,
                 context: Context | None = None, split: bool = True) -> list[Change]:
    """The changes that turn `old_text` into `new_text`, word by word.

    `old_tokens`/`new_tokens` pick the tokens to compare (default: all of each text); `seen`
    is shared by the calls that make one pair's changes, so that equal changes get distinct
    ids; `context(start, end)` gives the words either side of old text [start, end) that go
    into a change's id (default: its neighbours among `old_tokens`). With `split`, a change never
    spans two segments (table cells); without, segments are paragraph numbers, which still end
    sentences for the clean-up, and a passage rewritten over consecutive paragraphs may be one
    change.
    """
    old = list(old_tokens) if old_tokens is not None else tokenize(old_text)
    new = list(new_tokens) if new_tokens is not None else tokenize(new_text)
    seen = {} if seen is None else seen
    around = context or token_context(old)
    ops = diff_tokens(old, new)
    changes: list[Change] = []
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
        olds, news = _runs(old, a0, a1, split), _runs(new, b0, b1, split)
        for n in range(max(len(olds), len(news))):
            x0, x1 = olds[n] if n < len(olds) else (a1, a1)
            y0, y1 = news[n] if n < len(news) else (b1, b1)
            change = _change(old_text, new_text, old, new, x0, x1, y0, y1, seen, around)
            if not layout_only(change.old, change.new):
                changes.append(change)
    return changes


def _change(old_text: str, new_text: str, old: Sequence[Token], new: Sequence[Token], a0: int, a1: int,
            b0: int, b1: int, seen: dict[str, int], around: Context) -> Change:
    kind = "replace" if a1 > a0 and b1 > b0 else ("delete" if a1 > a0 else "insert")
    old_s = old_text[old[a0].start:old[a1 - 1].end] if a1 > a0 else ""
    new_s = new_text[new[b0].start:new[b1 - 1].end] if b1 > b0 else ""
    old_off = old[a0].start if a0 < len(old) else (old[-1].end if old else 0)
    new_off = new[b0].start if b0 < len(new) else (new[-1].end if new else 0)
    before, after = around(old_off, old_off + len(old_s))
    return Change(change_id(kind, old_s, new_s, before, after, seen), kind, old_s, new_s, old_off, new_off)


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
