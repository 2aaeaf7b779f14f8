"""Words in PDFs that write no space characters, only gaps (TeX and many typesetters)."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from diffy.ingest import ReadOptions, load_document
from tests.pdfgen import PAGE_H, PAGE_W

SENTENCE = "The two Governments will consult each other whenever developments in the region make it necessary."


def _draw_words(path, words, gap_em: float, font: str = "Times-Roman", size: float = 11.0):
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    c.setFont(font, size)
    x = 72.0
    for w in words:  # each word drawn on its own: no space character between them
        c.drawString(x, PAGE_H - 100, w)
        x += stringWidth(w, font, size) + gap_em * size
    c.save()
    return path


def test_a_tight_justified_line_without_space_characters_keeps_its_words_apart(tmp_path):
    # TeX shrinks an interword space to about 0.22 em on a tight line; pdfplumber's default
    # tolerance (3 pt) ran such words together
    doc = load_document(_draw_words(tmp_path / "t.pdf", SENTENCE.split(), 0.2), ReadOptions(cache=False))
    assert doc.sections[0].text == SENTENCE


def test_letters_with_kerning_gaps_stay_one_word(tmp_path):
    doc = load_document(_draw_words(tmp_path / "k.pdf", list("Governments"), 0.05), ReadOptions(cache=False))
    assert doc.sections[0].text == "Governments"


def test_chinese_and_japanese_characters_set_a_little_apart_stay_together(tmp_path):
    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    text = "日米防衛協力のための指針"
    pdf = _draw_words(tmp_path / "j.pdf", list(text), 0.18, "HeiseiMin-W3", 10.0)
    doc = load_document(pdf, ReadOptions(cache=False))
    assert doc.sections[0].text == text
