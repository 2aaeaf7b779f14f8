"""The companies a text names: capitalised words closed by a legal form (`OpenAI, L.L.C.`, `Amazon EU
S.à r.l.`, `Reddit Netherlands B.V.`), and whether a replacement changes which."""

from __future__ import annotations

import re

from diffy.comparison.diff import Change
from diffy.comparison.lexicon import STOPWORDS

# a company's name closed by its legal form (`OpenAI, L.L.C.`, `Amazon EU S.à r.l.`, `Reddit Netherlands B.V.`)
_FORMS = ("Inc", "Incorporated", "Corp", "Corporation", "LLC", "L.L.C", "LLP", "Ltd", "Limited", "plc", "PLC",
          "GmbH", "AG", "SE", "S.A", "SAS", "SARL", "S.à r.l", "S.à.r.l", "S.a.r.l", "B.V", "BV", "N.V", "NV",
          "Oy", "AB", "A/S", "ASA", "ApS", "S.p.A", "SpA", "SA", "S.L", "Pty", "K.K", "Bhd", "S.r.l", "Srl")
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ](?:[^\W_]|[&'’.-])*"  # a capitalised word (`AT&T`, `Procter`, `Ørsted`)
_ENTITY = re.compile(rf"(?<![^\W_])(?<![&'’.-])((?:{_NAME_WORD}[ \t]+){{0,4}}{_NAME_WORD}),?[ \t]+(" +
                     "|".join(re.escape(f) for f in sorted(_FORMS, key=len, reverse=True)) + r")\.?(?![^\W_])")
_NUMBERED = frozenset({"AB", "AG", "SE", "SA"})  # before a number these are no legal form (`California AB 375`)
_SAME_FORM = {"limited": "ltd", "corporation": "corp", "incorporated": "inc", "sàrl": "sarl", "sarl": "sarl"}


def _entities(text: str, start: int, end: int) -> set[str]:
    """The companies named in `text` whose name or form touches text[start:end], as `name|form`, the
    form's dots, case and long or short spelling set aside (`Limited` = `Ltd`). A name holding a small
    word (`Our Liability Is Limited`) is none."""
    out = set()
    for m in _ENTITY.finditer(text):
        name = m.group(1)
        if m.group(2) in _NUMBERED and text[m.end():].lstrip()[:1].isdigit():
            continue
        if m.end() > start and m.start() < end and not any(w.lower() in STOPWORDS for w in name.split()):
            form = m.group(2).replace(".", "").replace(" ", "").lower()
            out.add(f"{name}|{_SAME_FORM.get(form, form)}")
    return out


def _lead(section, offset: int) -> str:
    """The whole words of the line just before a change that a company's name may begin with."""
    start = max(0, offset - 60)
    head = section.text[start:offset]
    head = head[head.rfind("\n") + 1:]
    if start and len(head) == offset - start and section.text[start - 1].isalnum():
        head = head.split(" ", 1)[1] if " " in head else ""  # a word cut by the window
    return head


def _trail(section, offset: int, width: int = 30) -> str:
    """The text just after a change on its line, where the legal form closing a name may stand."""
    return section.text[offset:offset + width].split("\n", 1)[0]


def entity_change(change: Change, pair) -> tuple[list[str], list[str]] | None:
    """The companies a replacement names that it drops and brings in (`Facebook` → `Meta Platforms`),
    None where it names the same ones: the company a replacement names changed (a name or a
    legal form that the change touches, read with the words around it); how the form is written
    (`L.L.C.` → `LLC`, `Limited` → `Ltd`) is no change."""
    found = []
    for section, offset, text in ((pair.old, change.old_offset, change.old), (pair.new, change.new_offset, change.new)):
        lead = _lead(section, offset)
        found.append(_entities(lead + text + _trail(section, offset + len(text)), len(lead), len(lead) + len(text)))
    a, b = found
    if not (a or b) or a == b:
        return None
    gone = [e.split("|")[0] for e in sorted(a - b)]
    came = [e.split("|")[0] for e in sorted(b - a)]
    gone, came = [e for e in gone if e not in came], [e for e in came if e not in gone]
    if not (gone or came):  # the same name under another legal form: `Google Inc.` → `Google LLC`
        gone, came = [e.replace("|", " ") for e in sorted(a - b)], [e.replace("|", " ") for e in sorted(b - a)]
    return gone, came
