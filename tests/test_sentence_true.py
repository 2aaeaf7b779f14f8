"""Over every version pair of the evaluation corpus: no reported change holds, on both of its sides,
a run of eight or more words that stands unchanged (the one corpus-wide check; skipped without
../shared)."""

from __future__ import annotations

import re

import pytest

from diffy.comparison.compare import compare
from diffy.comparison.diff import fold, is_word
from tests.conftest import CORPUS, ROOT, needs_shared, parsed

pytestmark = needs_shared

_TOKEN = re.compile(r"[^\W_]+(?:[-\u2010\u2011'’.,/:][^\W_]+)*|[^\s|]")


def _tokens(text: str) -> list[str]:
    """Tokens as the diff compares them: quote style aside, case kept (ALL CAPS set in sentence case is
    a change of the printed text), table separators left out."""
    return [fold(m.group()) for m in _TOKEN.finditer(text)]


def longest_shared_run(a: list[str], b: list[str], probe: int = 3) -> int:
    """Words in the longest run of tokens found in both `a` and `b`."""
    where: dict[tuple[str, ...], list[int]] = {}
    for q in range(len(b) - probe + 1):
        where.setdefault(tuple(b[q:q + probe]), []).append(q)
    best = 0
    for p in range(len(a) - probe + 1):
        for q in where.get(tuple(a[p:p + probe]), ()):
            n = probe
            while p + n < len(a) and q + n < len(b) and a[p + n] == b[q + n]:
                n += 1
            best = max(best, sum(1 for t in a[p:p + n] if is_word(t)))
    return best


def _pairs() -> list[tuple[str, str]]:
    if not CORPUS.is_dir():
        return []
    out = []
    meridian = ROOT / "documents" / "meridian"
    out += [(str(meridian / f"{a}.pdf"), str(meridian / f"{b}.pdf")) for a, b in (("1979", "1998"), ("1998", "2016"))]
    for series in sorted((CORPUS / "real").iterdir()):
        pdfs = sorted((series / "pdf").glob("*.pdf")) if series.is_dir() else []
        out += [(str(a), str(b)) for a, b in zip(pdfs, pdfs[1:], strict=False)]
    for series in sorted((CORPUS / "versions").iterdir()):
        if series.name == "amazon-dsa-risk-assessment":  # the same files as real/amazon-dsa
            continue
        files = sorted(p for p in series.iterdir() if p.suffix in {".md", ".txt", ".pdf"})
        out += [(str(a), str(b)) for a, b in zip(files, files[1:], strict=False)]
    return out


@pytest.mark.parametrize("old,new", _pairs(), ids=lambda p: "/".join(p.split("/")[-2:]))
def test_no_change_holds_an_unchanged_run_of_eight_words(old, new):
    cmp = compare(parsed(old), parsed(new))
    buried = [(p.new.heading if p.new else None, c.old[:80], c.new[:80]) for p in cmp.pairs for c in p.changes
              if c.kind == "replace" and longest_shared_run(_tokens(c.old), _tokens(c.new)) >= 8]
    assert buried == []
