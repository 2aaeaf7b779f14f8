"""Order within sequences: longest increasing runs, and what is out of order (O(n log n))."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence


def longest_increasing(seq: Sequence[int]) -> list[int]:
    """Positions of one longest strictly increasing subsequence of `seq`."""
    tails: list[int] = []  # tails[k]: position of the smallest last value of an increasing run of length k + 1
    values: list[int] = []
    back = [-1] * len(seq)
    for i, x in enumerate(seq):
        k = bisect.bisect_left(values, x)
        if k:
            back[i] = tails[k - 1]
        if k == len(tails):
            tails.append(i)
            values.append(x)
        else:
            tails[k] = i
            values[k] = x
    out: list[int] = []
    i = tails[-1] if tails else -1
    while i >= 0:
        out.append(i)
        i = back[i]
    return out[::-1]


def not_on_every_lis(seq: Sequence[int]) -> list[int]:
    """Positions in `seq` (distinct values) that some longest increasing subsequence leaves out.

    When two items swap places both are left out (each longest run keeps only one of them); when
    one item jumps far, only it is.
    """
    n = len(seq)
    if n < 2:
        return []
    end = _lis_lengths(seq)
    start = _lis_lengths([-x for x in reversed(seq)])[::-1]
    longest = max(end)
    on_some = [i for i in range(n) if end[i] + start[i] - 1 == longest]
    by_rank = Counter(end[i] for i in on_some)
    on_every = {i for i in on_some if by_rank[end[i]] == 1}
    return [i for i in range(n) if i not in on_every]


def _lis_lengths(seq: Sequence[int]) -> list[int]:
    """For each position, the length of the longest strictly increasing run ending there."""
    tails: list[int] = []
    out = []
    for x in seq:
        k = bisect.bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
        else:
            tails[k] = x
        out.append(k + 1)
    return out
