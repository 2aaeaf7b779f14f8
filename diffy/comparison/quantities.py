"""The quantities a text states, told from numbers that name: a link, a document or a standard, a part
of a text, a list label, a postal address (`SP 800-53`, `Section 3.3`, `548 Market Street`) name
something; amounts, ranges, dates and durations count."""

from __future__ import annotations

import re

from diffy.comparison.lexicon import NUMBER_WORDS

_NUMBER = re.compile(r"\b(?:FY|CY|Q|H)\d+|\d[\d,.]*%?|\$\d[\d,.]*")

_LABEL = re.compile(r"^\(?\d{1,2}[.)]\s")  # a list label (`3)`, `(2) `), not a number of the text
# a list label inside a paragraph, after a sentence or a colon (`… IDs. 2. Information about`, `that: 1. De…`)
# (after a colon only a list's first label: `Minimum age: 13. Younger users` states an age)
_INLINE_LABEL = re.compile(r"(?:(?<=[.;!?]\s)|(?<=[.;!?]\s\s))\(?\d{1,2}[.)](?=\s+[A-Z(\"“])"
                           r"|(?<=:\s)\(?1[.)](?=\s+[A-Z(\"“])")
# numbers that name something rather than count it: a link, a document or standard (`SP 800-53`,
# `27001:2013`), a part of a text (`Section 3.3`, `Clause 6`, `Table 5-1`, `Revision 1`)
_TOKEN = re.compile(r"\S+")
_SCHEME = ("http://", "https://", "www.", "doi.org/", "dx.doi.org/")
_DOMAIN = re.compile(r"[^/\s]\.(?:gov|org|com|int|eu|edu|net)(?:/|$|[^\w])", re.I)


def is_link(token: str) -> bool:
    """A link: a scheme or `www.`, a domain of the usual kinds, or a path of letters and numbers
    (`nistpubs/800-77/sp800-77`; not a date `12/31/2020` nor `24/7`); tested token by token, in time
    linear in its length."""
    return (token.lower().startswith(_SCHEME) or bool(_DOMAIN.search(token))
            or ("/" in token and any(ch.isdigit() for ch in token) and any(ch.isalpha() for ch in token)))


# a number and, where the list goes on with numbers alone (`3, 4 and 5`), the numbers after it
_NUMBERS_AFTER = (r"\s*\d[\w.:/-]*(?:\s*(?:,|and|or|to|-|–)\s*\d[\w.:/-]*"
                  r"(?=\s*(?:,|and\b|or\b|to\b|-|–|[);.]|$)))*")
_REFERENCE = re.compile(r"(?:\b(?:sections?|clauses?|tables?|figures?|fig\.|appendix|annex|revision|rev\.|chapter|part|"
                        r"paragraph|para\.|pages?|pp?\.|step|version|vol\.|volume|no\.|item)|§)" + _NUMBERS_AFTER, re.I)
# the numbers of a postal address: a house number and its street (`548 Market Street`, `Keizersgracht 62`),
# a suite or floor, a postcode (`1016 VR`, `CA 94107`, `L-2338`)
# (a street closes its line or its part of the address: `3 Supreme Court judges` is no address; a postcode
# follows a house number and a comma: `1000GB` is a quantity)
_ADDRESS = re.compile(
    r"\b\d{1,5}[A-Z]?\s+(?:[A-Z0-9][\w.-]*\s+){0,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|"
    r"Dr|Way|Place|Pl|Square|Sq|Court|Ct|Parkway|Pkwy|Highway|Hwy)\b\.?(?:\s+(?:[NS][EW]?|[EW]))?(?=\s*(?:[,;\n#]|$))"
    r"|\b[A-Z][^\W\d_]*(?:straat|gracht|weg|laan|plein|kade|strasse|straße|gasse|platz|allee)\s+\d{1,5}[A-Za-z]?\b"
    r"|\b(?:[Rr]ue|Via|Calle|Avenida)\s+(?:(?:[A-Z][^\W\d_]*|d[eiau][^\W\d_]{0,3}|la|le)\s+){1,4}\d{1,5}\b"
    r"|\b(?:Suite|Ste|Floor|Unit|Room|Box)\s+\d{1,5}[A-Z]?\b|(?<=, )#\d{3,6}\b"
    r"|(?:(?<=\d,\s)|(?<=\d[A-Za-z],\s))\d{4}\s?[A-Z]{2}\b(?=\s*(?:[,;.)\n]|$)|\s+[A-Z][^\W\d_]+)"
    r"|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b|\b[A-Z]-\d{4,5}\b")
# a name of capitals and its number: `SP 800-53`, `ISO/IEC 27001`, `CSC 3, 10`, `COBIT 5` (not an amount in
# a currency, `SEK 500`; not in a clause set in capitals, `SHALL NOT EXCEED 100`)
_CURRENCIES = ("USD EUR GBP JPY CHF CNY RMB CAD AUD NZD SEK NOK DKK ISK PLN CZK HUF RON BGN HRK RUB UAH TRY INR "
               "PKR BDT LKR IDR MYR SGD HKD TWD KRW THB PHP VND BRL MXN ARS CLP COP PEN ZAR NGN KES EGP MAD ILS "
               "AED SAR QAR KWD US").split()
_NAMED = re.compile(rf"\b(?!(?:{'|'.join(_CURRENCIES)})\b|(?:FY|CY)\s*\d)[A-Z]{{2,6}}(?:/[A-Z]{{2,6}})*"
                    + _NUMBERS_AFTER)
# codes: a standard's year (27001:2013), a category (`ID.AM-1`), letters run into digits (`SP800`, `APO01.02`),
# but not a fiscal year or quarter (`FY2025`, `Q3`); ranges (`100-250`) and amounts (`$5m`, `72h`) count
_CODE = re.compile(r"\b\d+:\d{4}\b|\b[A-Z]{2,}(?:\.[A-Z]{2,})*-\d+\b|\b(?!(?:FY|CY|Q|H)\d)[A-Za-z]+\d[\w.-]*")


def numbers(text: str, words: list[str], idiom, before: str = "", after: str = "") -> list[str]:
    """The quantities a text states, in order: numbers (not those that name a link, a document, a part
    of a text or a place, read with the words `before` and `after` it) and number words."""
    found: list[str] = []
    if any(ch.isdigit() for ch in text):
        text = _LABEL.sub("", text.lstrip()) if not before else text
        head = before if before[-1:].isspace() else f"{before} "
        joined = head + text + after
        blank = lambda m: " " * len(m.group())  # noqa: E731 (offsets stay where they were)
        joined = _TOKEN.sub(lambda m: blank(m) if is_link(m.group()) else m.group(), joined)
        letters = [ch for ch in joined if ch.isalpha()]
        shouting = len(letters) > 12 and sum(ch.isupper() for ch in letters) > 0.6 * len(letters)
        for pattern in (_INLINE_LABEL, _ADDRESS, _REFERENCE, _CODE) if shouting else (
                _INLINE_LABEL, _ADDRESS, _REFERENCE, _NAMED, _CODE):
            joined = pattern.sub(blank, joined)
        found = _NUMBER.findall(joined, len(head), len(head) + len(text))
    return [n.rstrip(".,") for n in found] + [w for w in words if w in NUMBER_WORDS and not idiom(w)]


def words_before(section, offset: int, width: int = 30) -> str:
    """The words just before a change in its section, on its line (a word the window cuts left out),
    for the rules that read them."""
    if section is None:
        return ""
    start = max(0, offset - width)
    head = section.text[start:offset]
    head = head[head.rfind("\n") + 1:]
    if start and len(head) == offset - start and section.text[start - 1].isalnum():
        head = head.split(" ", 1)[1] if " " in head else ""
    return head


def words_after(section, offset: int, width: int = 30) -> str:
    """The text just after a change in its section, on its line."""
    if section is None:
        return ""
    return section.text[offset:offset + width].split("\n", 1)[0]
