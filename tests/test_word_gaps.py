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


def _draw(path, pieces, size: float = 11.0):
    """`pieces`: (font, text, gap before in points, raise in points) drawn one after another on one line,
    each as a text run of its own (as Word and InDesign often write them)."""
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    x = 72.0
    for font, text, gap, rise, *rest in pieces:
        s = rest[0] if rest else size
        x += gap
        c.setFont(font, s)
        c.drawString(x, PAGE_H - 100 + rise, text)
        x += stringWidth(text, font, s)
    c.save()
    return path


def _text(path) -> str:
    doc = load_document(path, ReadOptions(cache=False))
    return " ".join(s.text for s in doc.sections)


def test_a_word_drawn_in_two_runs_is_one_word(tmp_path):
    # Word writes "Sellers" as "Selle" + "rs" when kerning splits a run; a bold lead-in's full stop is
    # often a run of the body font touching it
    pieces = [("Times-Roman", "Amazon", 0, 0), ("Times-Roman", "Selle", 2.75, 0), ("Times-Roman", "rs", 0.1, 0),
              ("Times-Bold", "agree", 2.75, 0), ("Times-Roman", ".", -0.02, 0), ("Times-Roman", "Two", 2.75, 0),
              ("Times-Roman", "words", 2.4, 0)]
    assert _text(_draw(tmp_path / "k.pdf", pieces)) == "Amazon Sellers agree. Two words"


def test_letter_spaced_type_keeps_its_words_and_joins_a_kerned_pair(tmp_path):
    # a heading set with 1 pt of tracking: the gap a kerning pair leaves (2 pt) is not a space; the
    # spaces (about 4.7 pt) are
    path = tmp_path / "t.pdf"
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    x = 72.0
    for run, kern in (("Civil Libert", 1.0), ("ies and Privacy", 0.0)):
        text = c.beginText(x, PAGE_H - 100)
        text.setFont("Times-Bold", 11)
        text.setCharSpace(1.0)
        text.textOut(run)
        c.drawText(text)
        x += stringWidth(run, "Times-Bold", 11) + 1.0 * len(run) + kern
    c.setFont("Helvetica", 16)
    x = 144.0
    for ch in "COMPUTER SECURITY":  # a banner: each letter placed on its own, 8 pt apart
        c.drawString(x, PAGE_H - 200, ch)
        x += stringWidth(ch, "Helvetica", 16) + 8.0
    c.showPage()
    c.save()
    doc = load_document(path, ReadOptions(cache=False))
    assert doc.title == "COMPUTER SECURITY"  # the first page's largest type
    assert doc.sections[0].text == "Civil Liberties and Privacy"


def test_a_raised_note_number_is_not_part_of_the_word(tmp_path):
    pieces = [("Times-Roman", "counterfeit", 0, 0), ("Times-Roman", "products", 2.75, 0),
              ("Times-Roman", "34", 0.1, 4.0, 7.0), ("Times-Roman", "in", 2.75, 0),
              ("Times-Roman", "10", 2.75, 0), ("Times-Roman", "6", 0.1, 4.0, 7.0), ("Times-Roman", "units", 2.75, 0)]
    path = _draw(tmp_path / "n.pdf", pieces)
    doc = load_document(path, ReadOptions(cache=False))
    assert doc.sections[0].text == "counterfeit products in 106 units"  # an exponent after a digit stays
    assert [(f.kind, f.text) for f in doc.furniture] == [("note-mark", "34")]
