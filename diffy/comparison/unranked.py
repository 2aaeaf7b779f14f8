"""Changes that never rank as significant: what they change is apparatus, not wording.

- **Contents pages**: a change in a table of contents, list of figures or list
  of tables (a section so titled, or a line with a dot leader): its entries
  repeat headings found elsewhere and its page numbers are recomputed by every
  edition.
- **Page numbers**: a number changed after "page", "p." or a leader.
- **Footnote numbers and numbering**: a note renumbered (`products34` →
  `products38`, the number opening a footnote), as inserting one note
  renumbers all after it; likewise the number opening a list item.
- **Date lines**: a change in a line that only dates the document (`Version
  1.1 April 16, 2018`), or in a short line that signs it where only its date,
  place or opening word change (`Approved` → `Issued … at Tessaly, 14 October
  1998`), or in what is left of a date line whose date moved to a line of its
  own (`Effective: April 29, 2025 (previous version)` → `(Previous version)`):
  every edition has a new one.
- **Layout**: a change with no word in it (separators, bullets, punctuation
  runs) — table layout, never a change of what the text says.
"""

from __future__ import annotations

import re

from diffy.comparison.diff import Change, is_word, tokenize

_CONTENTS_TITLE = re.compile(r"^(?:table of )?contents$|^list of (?:figures|tables|exhibits|illustrations|boxes)$")
_LEADER = re.compile(r"(?:\.\s?){4,}|…{2,}|(?:·\s?){4,}|_{5,}")
_PAGE_BEFORE = re.compile(r"(?:\bpages?|\bp\.|\bpp\.)\s*$", re.I)
_NUMBER = re.compile(r"\d{1,4}|[ivxlcdm]{1,6}", re.I)
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
          r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b\.?")
_DATE = re.compile(rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|"
                   rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|{_MONTH},?\s+\d{{4}}|\d{{4}}-\d\d-\d\d)\b", re.I)
_DATE_LINE_WORDS = 4  # besides the date, a place or `Version 1.1`: no more words than this
# the words a line that dates a document holds besides its dates (`Version 1.1`, `Last Revised`)
_DATING = frozenset("version rev revised revision last updated update effective published issued dated date draft "
                    "final edition released adopted amended approved as of on previous prior earlier versions "
                    "archived archive view see here".split())
_SIGNED_LINE_WORDS = 14  # a line that signs a document, besides its date
# the words that open a signing line (`Approved by …`, `Done at …`); not a status (`Final` → `Draft` ranks)
_ISSUING = frozenset("approved issued adopted signed done dated published released given made".split())
_DATE_LINE_CHARS = 200  # longer paragraphs are never date lines
_PLACE = re.compile(r"\s*(?:[A-Z][^\W\d_]*\s+){0,3}[A-Z][^\W\d_]*\s*,\s*(?:[A-Z]{2}\s*,\s*)?")  # `Port Anselm, `
_PLACE_BEFORE = re.compile(r"\b(?:at|in)\s+(?:[A-Z][^\W\d_]*\s+){0,3}[A-Z][^\W\d_]*\s*,\s*$")  # `… at Tessaly, `
_UNDERTAKING = re.compile(r"\b(?:will|shall|must|may|should|is to|are to)\b", re.I)
_WORDS = re.compile(r"[^\W_]+")
_NOTE_MARK = re.compile(r"(.*?[^\W\d_])[.,;:]?(\d{1,3})")  # a word with a footnote number glued on


def _paragraph(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n\n", 0, offset)
    end = text.find("\n\n", offset)
    return (start + 2 if start >= 0 else 0), (end if end >= 0 else len(text))


def _title(section) -> str:
    return " ".join(re.findall(r"[^\W\d_]+", (section.title or section.heading or "").lower()))


def why_unranked(change: Change, pair=None) -> str | None:
    """Why the change is not ranked at all ("contents page", "page number", "footnote number",
    "numbering", "date line", "layout"), or None when it is ranked on its words."""
    old, new = change.old, change.new
    if not any(is_word(t.text) for t in (*tokenize(old), *tokenize(new))):
        return "layout"
    sides = [(s, off, text) for s, off, text in ((pair.old if pair else None, change.old_offset, old),
                                                 (pair.new if pair else None, change.new_offset, new))
             if s is not None]
    for section, offset, _ in sides:
        if _CONTENTS_TITLE.match(_title(section)):
            return "contents page"
        a, b = _paragraph(section.text, offset)
        if _LEADER.search(section.text, a, b):
            return "contents page"
    lines = [section.text[slice(*_paragraph(section.text, offset))] for section, offset, _ in sides]
    if sides and all(len(line) <= _DATE_LINE_CHARS for line in lines):  # longer ones are never date lines
        dated = {w.lower() for line in lines if _DATE.search(line) for w in _WORDS.findall(line)}
        if dated and all(_date_line(line, text) or _dating_words(line, dated)
                         for line, (_, _, text) in zip(lines, sides, strict=True)):
            return "date line"  # a dated line, or what is left of one when its date went elsewhere
    numbers = all(_NUMBER.fullmatch(x) for x in (old, new) if x) and (old or new)
    if numbers:
        for section, offset, _ in sides:
            a, b = _paragraph(section.text, offset)
            if _PAGE_BEFORE.search(section.text[a:offset]) or all(
                    _NUMBER.fullmatch(w) for w in section.text[a:b].split()):  # a page number read as a line
                return "page number"
            if a == offset:  # a paragraph's label: a note or a list item renumbered
                return "footnote number" if _is_note(section, offset) else "numbering"
            if offset > a and section.text[offset - 1].isalpha():  # glued to the word before
                return "footnote number"
    if old and new and _strip_marks(old) == _strip_marks(new):
        return "footnote number"
    return None


def _date_line(paragraph: str, changed: str = "") -> bool:
    """A paragraph that only dates the document: a date with at most a place or a version beside it;
    or a short line that signs it (`Done at Tessaly, 14 October 1998`) where the change is only the
    date, the place and date, or the dating word that opens it (`Approved` → `Issued`)."""
    dates = list(_DATE.finditer(paragraph)) if len(paragraph) <= _DATE_LINE_CHARS else []
    if not dates:
        return False
    first, last = dates[0], dates[-1]
    undated = _DATE.sub(" ", paragraph)  # every date in it: `Effective July 1, 2026. Last Revised May 26, 2026`
    rest = _WORDS.findall(undated)
    if len(rest) <= _DATE_LINE_WORDS and (
            all(w.lower() in _DATING or any(ch.isdigit() for ch in w) for w in rest)  # `Version 1.1 April 16, 2018`
            or _PLACE.fullmatch(paragraph[:first.start()])):  # a place: `Tessaly, `
        return True
    opening = _WORDS.findall(paragraph[:80])[:1]
    signs = (opening and opening[0].lower() in _ISSUING) or bool(_PLACE_BEFORE.search(paragraph[:first.start()]))
    if not (signs and len(rest) <= _SIGNED_LINE_WORDS  # `Issued by …`, `… at Tessaly, 14 October 1998`
            and not paragraph[last.end():].strip(" .;)")  # a date ends it
            and not _UNDERTAKING.search(undated)):  # `9 May 2016` is no `may`
        return False
    # the change: the date, perhaps with the place before it, or the word that opens the line
    # (`Approved by …` → `Issued by …`)
    when = _DATE.search(changed)
    if when is not None:
        head = changed[:when.start()]
        return (not head.strip() or bool(_PLACE.fullmatch(head))) and not changed[when.end():].strip(" .;)")
    words = _WORDS.findall(changed)
    return (0 < len(words) <= 2 and all(w.lower() in _ISSUING for w in words)
            and paragraph.lstrip().startswith(changed.strip()))


def _dating_words(paragraph: str, dated: set[str]) -> bool:
    """What is left of a date line whose date moved: a short line of dating words, each of them in the
    dated line (`Effective: April 29, 2025 (previous version)` → `(Previous version)`; `Draft version`
    says something new)."""
    words = _WORDS.findall(paragraph) if len(paragraph) <= _DATE_LINE_CHARS else []
    return 0 < len(words) <= _DATE_LINE_WORDS and all(w.lower() in _DATING and w.lower() in dated for w in words)


def _strip_marks(text: str) -> list[str]:
    out = []
    for w in text.split():
        m = _NOTE_MARK.fullmatch(w)
        out.append(m.group(1) if m else w)
    return out


def _is_note(section, offset: int) -> bool:
    pos = 0
    for k, p in enumerate(section.paragraphs):
        if pos <= offset <= pos + len(p):
            return section.kind(k) == "note"
        pos += len(p) + 2
    return False
