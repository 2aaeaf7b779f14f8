"""The companies a text names: capitalised words closed by a legal form (`OpenAI, L.L.C.`, `Amazon EU
S.à r.l.`, `Reddit Netherlands B.V.`), and whether a replacement changes which."""

from __future__ import annotations

import re

from diffy.comparison.diff import Change
from diffy.comparison.lexicon import ACTOR_STOP, STOPWORDS
from diffy.comparison.quantities import words_after, words_before

# a company's name closed by its legal form (`OpenAI, L.L.C.`, `Amazon EU S.à r.l.`, `Reddit Netherlands B.V.`)
_FORMS = ("Inc", "Incorporated", "Corp", "Corporation", "LLC", "L.L.C", "LLP", "Ltd", "Limited", "plc", "PLC",
          "GmbH", "AG", "SE", "S.A", "SAS", "SARL", "S.à r.l", "S.à.r.l", "S.a.r.l", "B.V", "BV", "N.V", "NV",
          "Oy", "AB", "A/S", "ASA", "ApS", "S.p.A", "SpA", "SA", "S.L", "Pty", "K.K", "Bhd", "S.r.l", "Srl")
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ](?:[^\W_]|[&'’.-])*"  # a capitalised word (`AT&T`, `Procter`, `Ørsted`)
_ENTITY = re.compile(rf"(?<![^\W_])(?<![&'’.-])((?:{_NAME_WORD}[ \t]+){{0,4}}{_NAME_WORD}),?[ \t]+(" +
                     "|".join(re.escape(f) for f in sorted(_FORMS, key=len, reverse=True)) + r")\.?(?![^\W_])")
_SMALL = STOPWORDS | {w.lower() for w in ACTOR_STOP}
_NUMBERED = frozenset({"AB", "AG", "SE", "SA"})  # before a number these are no legal form (`California AB 375`)
_SAME_FORM = {"limited": "ltd", "corporation": "corp", "incorporated": "inc", "sàrl": "sarl", "sarl": "sarl"}


def _entities(text: str, start: int, end: int, lower: frozenset[str]) -> dict[str, str]:
    """The companies named in `text` whose name or form touches text[start:end]: `name|form` (the form's
    dots, case and long or short spelling set aside, `Limited` = `Ltd`) → the name and form as printed.
    Small words and a sentence's opening word that the documents also write in `lower` case are no
    part of a name (`Contact Acme Inc.`, `The Walt Disney Company Inc.`); a name holding a small word
    inside it (`Our Liability Is Limited`) is none."""
    out: dict[str, str] = {}
    for m in _ENTITY.finditer(text):
        if m.group(2) in _NUMBERED and text[m.end():].lstrip()[:1].isdigit():
            continue
        if not (m.end() > start and m.start() < end):
            continue
        words = m.group(1).split()
        before = text[:m.start()].rstrip(" \t\"“(>*_")
        opening = not before or before[-1] in ".!?:;\n"
        while words and (words[0].lower() in _SMALL or (opening and words[0].lower() in lower)):
            words.pop(0)
            opening = False
        if words and not any(w.lower() in STOPWORDS for w in words):
            name, form = " ".join(words), m.group(2)
            plain = form.replace(".", "").replace(" ", "").lower()
            out[f"{name}|{_SAME_FORM.get(plain, plain)}"] = f"{name} {form}"
    return out


def entity_change(change: Change, pair, lower: frozenset[str] = frozenset()) -> tuple[list[str], list[str]] | None:
    """The names of the companies a replacement drops and brings in (`Facebook` → `Meta Platforms`), or
    None where it names the same ones; a company counts where its name or legal form is inside the change,
    read with the words around it. How the form is written (`L.L.C.` → `LLC`, `Limited` → `Ltd`) is no
    change; a new form for the same name gives the names with their forms (`Google Inc` → `Google LLC`)."""
    found = []
    for section, offset, text in ((pair.old, change.old_offset, change.old), (pair.new, change.new_offset, change.new)):
        lead, trail = words_before(section, offset, 60), words_after(section, offset + len(text))
        found.append(_entities(lead + text + trail, len(lead), len(lead) + len(text), lower))
    a, b = found
    if a.keys() == b.keys():
        return None
    gone = [k.split("|")[0] for k in sorted(a.keys() - b.keys())]
    came = [k.split("|")[0] for k in sorted(b.keys() - a.keys())]
    gone, came = [e for e in gone if e not in came], [e for e in came if e not in gone]
    if not (gone or came):  # the same name under another legal form
        gone, came = [a[k] for k in sorted(a.keys() - b.keys())], [b[k] for k in sorted(b.keys() - a.keys())]
    return gone, came
