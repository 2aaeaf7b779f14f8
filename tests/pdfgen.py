"""Small PDFs for tests, drawn with reportlab so each layout quirk has its own case.

`build_pdf` lays out a list of blocks in one or more columns, with running
headers and footers supplied as functions of the page number. Lines are
wrapped greedily; a word written as "govern-|ment" is broken at the bar when it
falls at a line end, to test de-hyphenation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

PAGE_W, PAGE_H = 612.0, 792.0
BODY = ("Times-Roman", 11.0)
HEADING = {1: ("Times-Bold", 15.0), 2: ("Times-Bold", 13.0), 3: ("Times-Bold", 11.5), 4: ("Times-BoldItalic", 11.0)}


@dataclass
class H:
    text: str
    level: int = 1


@dataclass
class P:
    text: str
    indent: float = 0.0


@dataclass
class R:
    """A paragraph set in several fonts: (font, text) runs, wrapped together (a bold lead-in, a bold term).
    A run that starts with punctuation touches the word before it (a full stop set in the body font)."""

    runs: list[tuple[str, str]]
    bullet: bool = False


Block = H | P | R
Placed = tuple[str, float, float, float, str]  # font, size, x, distance from the top, text
Edge = Callable[[int], Sequence[tuple[str, float, float]]]  # page → [(text, x, y from top)]


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines, cur = [], ""
    for word in text.split(" "):
        cand = f"{cur} {word}".strip().replace("|", "")
        if stringWidth(cand, font, size) <= width or not cur:
            cur = f"{cur} {word}".strip()
            continue
        if "|" in word:  # a breakable word: put its first part on this line with a hyphen
            head, tail = word.split("|", 1)
            if stringWidth(f"{cur} {head}".replace("|", ""), font, size) <= width:
                lines.append(f"{cur} {head}")
                cur = tail
                continue
        lines.append(cur)
        cur = word
    lines.append(cur)
    return [ln.replace("|", "") for ln in lines]


def build_pdf(path: Path, blocks: Sequence[Block], *, columns: int = 1, header: Edge | None = None,
              footer: Edge | None = None, watermark: str | None = None, margin: float = 72.0,
              gutter: float = 24.0, title: str | None = None, encrypt: str | None = None,
              keep_with_next: bool = True, draw: Callable[[canvas.Canvas, int], None] | None = None,
              front: Sequence[Sequence[Placed]] = ()) -> Path:
    """`draw(canvas, page)` adds anything else to each page (a sideways notice, a stamp); `front` are
    pages of lines placed by hand (a cover, a contents page) before the flowing text."""
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), encrypt=encrypt)
    for lines in front:
        for font, size, x, top, text in lines:
            c.setFont(font, size)
            c.drawString(x, PAGE_H - top - size, text)
        c.showPage()
    col_w = (PAGE_W - 2 * margin - gutter * (columns - 1)) / columns
    page, col, y = 1, 0, margin
    bottom = PAGE_H - margin

    def decorate() -> None:
        if draw is not None:
            draw(c, page)
        for fn in (header, footer):
            for text, x, yy in fn(page) if fn else ():
                c.setFont("Times-Italic", 9)
                c.drawString(x, PAGE_H - yy, text)
        if watermark:
            c.saveState()
            c.setFont("Helvetica-Bold", 60)
            c.setFillGray(0.85)
            c.translate(PAGE_W / 2, PAGE_H / 2)
            c.rotate(45)
            c.drawCentredString(0, 0, watermark)
            c.restoreState()

    def advance(height: float) -> None:
        nonlocal page, col, y
        if y + height > bottom:
            col += 1
            y = margin
            if col == columns:
                decorate()
                c.showPage()
                page += 1
                col = 0

    if title:
        c.setFont("Times-Bold", 18)
        c.drawString(margin, PAGE_H - y - 18, title)
        y += 36
    for b in blocks:
        if isinstance(b, R):
            words = [(f, w) for f, text in b.runs for w in text.split()]
            indent = 18.0 if b.bullet else 0.0
            lines: list[list[tuple[str, str]]] = [[]]
            width = col_w - indent
            for f, w in words:
                trial = " ".join(x for _, x in lines[-1] + [(f, w)])
                if lines[-1] and stringWidth(trial, BODY[0], BODY[1]) > width:
                    lines.append([])
                lines[-1].append((f, w))
            for k, line in enumerate(lines):
                advance(BODY[1] * 1.3)
                x = margin + col * (col_w + gutter) + indent
                if b.bullet and k == 0:
                    c.setFont("Helvetica", BODY[1])
                    c.drawString(x - 12, PAGE_H - y - BODY[1], "\u2022")
                for j, (f, w) in enumerate(line):
                    if j and w[0] in ".,:;":  # touching the word before: take back the space
                        x -= stringWidth(" ", line[j - 1][0], BODY[1])
                    c.setFont(f, BODY[1])
                    c.drawString(x, PAGE_H - y - BODY[1], w)
                    x += stringWidth(w + " ", f, BODY[1])
                y += BODY[1] * 1.3
            y += BODY[1] * 0.8
            continue
        font, size = HEADING[b.level] if isinstance(b, H) else BODY
        indent = b.indent if isinstance(b, P) else 0.0
        lines = _wrap(b.text, font, size, col_w - indent)
        if isinstance(b, H) and keep_with_next:
            advance(size * 1.3 * len(lines) + 30)  # keep a heading with what follows
        for i, line in enumerate(lines):
            advance(size * 1.3)
            x = margin + col * (col_w + gutter) + (indent if i == 0 else 0)
            c.setFont(font, size)
            c.drawString(x, PAGE_H - y - size, line)
            y += size * 1.3
        y += size * 0.8
    decorate()
    c.showPage()
    c.save()
    return path


def lorem(n: int, seed: int = 0) -> str:
    """Deterministic filler prose of n words."""
    vocab = ("the two parties will cooperate closely under these provisions and consult each other "
             "on matters of common concern including planning exercises logistics and the exchange "
             "of information between their respective authorities at every appropriate level").split()
    return " ".join(vocab[(i * 7 + seed * 3) % len(vocab)] for i in range(n)).capitalize() + "."
