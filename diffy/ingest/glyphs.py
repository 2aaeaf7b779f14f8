"""Characters and word pieces as the PDF reader hands them over: plain dicts in pdfplumber's shape,
still inside the extraction boundary (only `diffy.ingest.pdf` calls this module, which imports no
PDF library itself). Text set sideways; words as printed from the pieces the extractor returns;
raised note numbers.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

WORD_GAP = 0.15  # a gap between characters wider than this many ems ends a word


SIDEWAYS_MAJORITY = 0.5  # a page most of whose letters run sideways is a turned page, not a page with a stamp


def page_turn(chars: list[dict]) -> str | None:
    """"cw" or "ccw" when most of the page's letters (none of them tilted) are turned a quarter that
    way, else None."""
    letters = [c for c in chars if c["text"].strip()]
    turned = [c for c in letters if not c.get("upright", True)]
    if not letters or len(turned) <= SIDEWAYS_MAJORITY * len(letters):
        return None
    down = sum(1 for c in turned if c["matrix"][1] < 0)  # baseline pointing down the page: turned clockwise
    return "cw" if 2 * down >= len(turned) else "ccw"


def turn_char(c: dict, turn: str, width: float, height: float) -> dict:
    """A character of a sideways page in the coordinates of the page turned upright."""
    if not c.get("upright", True):
        size = c["x1"] - c["x0"]  # across the turned baseline: what an upright character's height is
        if turn == "cw":
            box = {"x0": c["top"], "x1": c["bottom"], "top": width - c["x1"], "bottom": width - c["x0"]}
        else:
            box = {"x0": height - c["bottom"], "x1": height - c["top"], "top": c["x0"], "bottom": c["x1"]}
        return {**c, **box, "upright": True, "size": size, "doctop": box["top"], "width": box["x1"] - box["x0"],
                "height": box["bottom"] - box["top"]}
    return c


def sideways_lines(chars: list[dict]) -> tuple[str, ...]:
    """The text of characters set across the reading direction, a line per column of them, read in
    their own direction (down the page or up it)."""
    lines: list[list[dict]] = []
    for c in sorted(chars, key=lambda c: (round(c["x0"]), c["top"])):
        if lines and abs(c["x0"] - lines[-1][0]["x0"]) <= 2.0:
            lines[-1].append(c)
        else:
            lines.append([c])
    out = []
    for ln in lines:
        upward = ln[0]["matrix"][1] > 0
        ln.sort(key=lambda c: -c["top"] if upward else c["top"])
        text = re.sub(r"\s+", " ", "".join(c["text"] for c in ln)).strip()
        if text:
            out.append(text)
    return tuple(out)


class Spaces:
    """Where the page draws space characters, to tell a word boundary the producer wrote from pieces of
    one word that merely touch."""

    def __init__(self, chars: list[dict]) -> None:
        self.rows: dict[int, list[float]] = {}
        for c in chars:
            if c["text"].isspace():
                self.rows.setdefault(round(c["top"]), []).append((c["x0"] + c["x1"]) / 2)
        for xs in self.rows.values():
            xs.sort()

    def between(self, a: dict, b: dict) -> bool:
        """Whether a space character stands between word `a` and word `b` on their line."""
        top = round(b["top"])
        for row in (top - 1, top, top + 1):
            xs = self.rows.get(row)
            if xs:
                k = bisect.bisect_left(xs, a["x1"] - 1.0)
                if k < len(xs) and xs[k] <= b["x0"] + 1.0:
                    return True
        return False


def join_split_words(words: list[dict], spaces: Spaces) -> list[dict]:
    """Words as printed, from the pieces the extractor returns in the order the page draws them.

    Pieces that touch on one line are one word: a gap no wider than a word gap (0.15 em) beyond the
    word's own letter spacing joins them, whatever the fonts (a bold heading's full stop set in the
    body font; Word's `Selle|rs`, `belie|ve`, drawn as separate runs; a kerned `Libert|ies` in a
    letter-spaced heading). Chinese, Japanese and Korean characters write no spaces and may stand a
    little apart. Single capitals spread out as a banner (`C O M P U T E R   S E C U R I T Y`) are
    joined into their words.
    """
    out: list[dict] = []
    words = [part for w in words for part in _split_mark(w)]
    for w in _join_letter_spaced([w for line in _lines(words) for w in line]):
        prev = out[-1] if out else None
        if prev is not None and _same_line(prev, w) and is_reference_mark(prev, w) and \
                -1.0 <= w["x0"] - prev["x1"] <= 0.5 * prev["chars"][-1]["size"]:
            out.append({**w, "reference": True})  # a note number: not text (kept as page furniture)
        elif prev is not None and _same_line(prev, w) and _touching(prev, w) and not spaces.between(prev, w):
            out[-1] = {**prev, "text": prev["text"] + w["text"], "x1": w["x1"],
                       "bottom": max(prev["bottom"], w["bottom"]), "chars": prev["chars"] + w["chars"]}
        else:
            out.append(w)
    return out


def _lines(words: list[dict]) -> list[list[dict]]:
    """Pieces grouped into the lines they stand on, each left to right (the extractor returns them a font
    run at a time, in the order the page draws them)."""
    lines: list[list[dict]] = []
    spans: list[tuple[float, float]] = []
    for w in sorted(words, key=lambda w: w["top"]):
        h = max(w["bottom"] - w["top"], 0.1)
        for k in range(len(lines) - 1, max(-1, len(lines) - 4), -1):
            top, bottom = spans[k]
            if min(bottom, w["bottom"]) - max(top, w["top"]) >= 0.5 * min(h, bottom - top):
                lines[k].append(w)
                spans[k] = (min(top, w["top"]), max(bottom, w["bottom"]))
                break
        else:
            lines.append([w])
            spans.append((w["top"], w["bottom"]))
    for line in lines:
        line.sort(key=lambda w: w["x0"])
    return lines


REFERENCE_SIZE = 0.8  # a reference mark is set at most this much of the size of the word before it ...
REFERENCE_RAISE = 0.2  # ... and raised at least this share of that word's height above its baseline
_MARK = re.compile(r"^[\d*†‡§¶]{1,3}$")


def is_reference_mark(prev: dict, w: dict) -> bool:
    """A raised, smaller footnote or endnote number (or *, †) right after a word: `products³⁴`."""
    before = prev["chars"][-1]
    return bool(_MARK.match(w["text"])) and w["chars"][0]["size"] <= REFERENCE_SIZE * before["size"] and \
        w["bottom"] <= before["bottom"] - REFERENCE_RAISE * (before["bottom"] - before["top"]) and \
        not before["text"].isdigit()  # after a digit it is an exponent (10⁶), not a note


def _split_mark(w: dict) -> list[dict]:
    """A piece whose last characters are a raised, smaller note number (`products³⁴` in one run) as the
    word and the mark."""
    chars = w["chars"]
    k = len(chars)
    while k > 1 and chars[k - 1]["text"] in "0123456789*†‡§¶" and len(chars) - k < 3:
        k -= 1
    if k == len(chars) or k == 0:
        return [w]
    head, tail = _piece(chars[:k]), _piece(chars[k:])
    return [head, tail] if is_reference_mark(head, tail) else [w]


def _piece(chars: list[dict]) -> dict:
    return {"text": "".join(c["text"] for c in chars), "x0": chars[0]["x0"], "x1": chars[-1]["x1"],
            "top": min(c["top"] for c in chars), "bottom": max(c["bottom"] for c in chars),
            "upright": chars[0].get("upright", True), "chars": chars}


def _touching(prev: dict, w: dict) -> bool:
    gap = w["x0"] - prev["x1"]
    size = min(prev["chars"][-1]["size"], w["chars"][0]["size"])
    if is_reference_mark(prev, w):
        return False
    if (_wide(prev["text"][-1]) or _wide(w["text"][0])) and 0 <= gap <= 3:
        return True
    return -WORD_GAP * size <= gap - _tracking(prev["chars"]) <= WORD_GAP * size  # glyphs may overlap a little


def _tracking(chars: list[dict]) -> float:
    """The letter spacing inside a word: the median gap between its characters (0 for a short word or
    glyphs set close)."""
    gaps = sorted(b["x0"] - a["x1"] for a, b in zip(chars, chars[1:], strict=False))
    return max(gaps[len(gaps) // 2], 0.0) if len(gaps) >= 3 else 0.0


BANNER_LETTERS = 4  # single letters in a row, evenly spread, that make a letter-spaced banner


def _join_letter_spaced(words: list[dict]) -> list[dict]:
    out: list[dict] = []
    k = 0
    while k < len(words):
        j = k
        while j < len(words) and len(words[j]["text"]) == 1 and words[j]["text"].isupper() and \
                (j == k or _same_line(words[j - 1], words[j]) and words[j]["x0"] > words[j - 1]["x1"]):
            j += 1
        run = words[k:j]
        gaps = [b["x0"] - a["x1"] for a, b in zip(run, run[1:], strict=False)]
        letter = sorted(gaps)[len(gaps) // 3] if gaps else 0.0  # most gaps are between letters
        if len(run) < BANNER_LETTERS or not 0 < letter < run[0]["chars"][0]["size"]:
            out.append(words[k])
            k += 1
            continue
        word = [run[0]]
        for w, gap in zip(run[1:], gaps, strict=True):
            if gap > 1.8 * letter:  # a space between the banner's words
                out.append(_merge(word))
                word = []
            word.append(w)
        out.append(_merge(word))
        k = j
    return out


def _merge(pieces: list[dict]) -> dict:
    return _piece([c for p in pieces for c in p["chars"]])


def _same_line(a: dict, b: dict) -> bool:
    overlap = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return overlap > 0.5 * min(a["bottom"] - a["top"], b["bottom"] - b["top"])


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def is_tilted(c: dict) -> bool:
    a, b, cc, d = c.get("matrix", (1, 0, 0, 1, 0, 0))[:4]
    if not b and not cc:
        return False
    # diagonal text (a watermark such as DRAFT): rotated by neither 0 nor a multiple of 90 degrees
    scale = max(abs(a), abs(b), abs(cc), abs(d), 1e-6)
    return min(abs(a), abs(b), abs(cc), abs(d)) > 0.2 * scale
