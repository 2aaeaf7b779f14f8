"""Tables set without rules, as word processors and web pages print them."""

from __future__ import annotations

from reportlab.pdfgen import canvas

from diffy.ingest import ReadOptions, load_document
from tests.pdfgen import PAGE_H, PAGE_W, _wrap

FONT, SIZE, LEAD = "Helvetica", 10.0, 12.0
COLUMNS = (72.0, 200.0, 330.0)  # left edges; each column 115 pt wide
WIDTH = 115.0
ROWS = [
    ("Functions", "Fields", "Examples of items"),
    ("Cooperation in activities initiated by either Government", "Relief activities and measures for refugees",
     "Carrying relief workers and goods into the affected area; medical and transport assistance"),
    ("Cooperation in activities initiated by either Government", "Search and rescue",
     "Searching for and rescuing persons on the territory and in nearby waters"),
    ("Support for the other forces", "Use of facilities",
     "Access to airports and seaports for resupply; longer opening hours at such facilities"),
]
BEFORE = ("The following table sets out the functions and fields of cooperation together with examples "
          "of the items of cooperation in each field.")
AFTER = "The examples are illustrative and do not limit the items on which the two Governments may cooperate."


def _prose(c: canvas.Canvas, text: str, y: float) -> float:
    for line in _wrap(text, FONT, SIZE, PAGE_W - 144):
        c.drawString(72, PAGE_H - y, line)
        y += LEAD
    return y + LEAD


def _table(c: canvas.Canvas, rows, y: float, *, centred: bool = False, bottom: float = PAGE_H) -> float:
    """Draw rows of wrapped cells with no rules; cells top-aligned or centred in their row."""
    for row in rows:
        cells = [_wrap(text, FONT, SIZE, WIDTH) for text in row]
        height = max(len(lines) for lines in cells) * LEAD
        if y + height > bottom:
            c.showPage()
            c.setFont(FONT, SIZE)
            y = 72.0
        for x, lines in zip(COLUMNS, cells, strict=True):
            top = y + ((height - len(lines) * LEAD) / 2 if centred else 0)
            for k, line in enumerate(lines):
                c.drawString(x, PAGE_H - top - SIZE - k * LEAD, line)
        y += height + 8  # the space between rows, across every column
    return y + LEAD


def _pdf(path, *, centred: bool = False):
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, PAGE_H - 60, "Annex")
    c.setFont(FONT, SIZE)
    y = _prose(c, BEFORE, 90)
    y = _table(c, ROWS, y, centred=centred)
    _prose(c, AFTER, y)
    c.save()
    return path


def _rows_of(doc) -> list[list[str]]:
    return [p.split(" | ") for s in doc.sections for p in s.paragraphs if " | " in p]


def test_an_unruled_table_reads_row_by_row(tmp_path):
    doc = load_document(_pdf(tmp_path / "t.pdf"), ReadOptions(cache=False))
    assert _rows_of(doc) == [list(r) for r in ROWS]
    paragraphs = [p for s in doc.sections for p in s.paragraphs]
    assert paragraphs[0] == BEFORE and paragraphs[-1] == AFTER


def test_cells_centred_in_their_rows_still_read_row_by_row(tmp_path):
    """Web browsers centre short cells vertically, so lines of neighbouring cells interleave."""
    doc = load_document(_pdf(tmp_path / "c.pdf", centred=True), ReadOptions(cache=False))
    assert _rows_of(doc) == [list(r) for r in ROWS]


def test_a_row_cut_by_the_page_break_is_one_row(tmp_path):
    path = tmp_path / "p.pdf"
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    c.setFont(FONT, SIZE)
    y = _table(c, ROWS, _prose(c, BEFORE, 72))
    long_row = ("Support for the other forces in every situation described above", "Rear area support: supply",
                "Delivery of goods other than weapons and ammunition, and of fuel and lubricants, to the "
                "other forces at bases and at civilian airports and seaports")
    cells = [_wrap(t, FONT, SIZE, WIDTH) for t in long_row]
    assert min(len(lines) for lines in cells) >= 2 and max(len(lines) for lines in cells) >= 4
    for part, top in ((slice(0, 1), y), (slice(1, None), 72.0)):  # one line at the foot of page 1
        for x, lines in zip(COLUMNS, cells, strict=True):
            for k, line in enumerate(lines[part]):
                c.drawString(x, PAGE_H - top - SIZE - k * LEAD, line)
        if part.start == 0:
            c.showPage()
            c.setFont(FONT, SIZE)
    c.save()
    rows = _rows_of(load_document(path, ReadOptions(cache=False)))
    assert rows[:len(ROWS)] == [list(r) for r in ROWS]
    assert rows[len(ROWS):] == [list(long_row)]


def test_monospaced_prose_is_not_a_table(tmp_path):
    """In a monospaced font the spaces between words line up from line to line."""
    path = tmp_path / "m.pdf"
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    c.setFont("Courier", 10)
    text = ("The two Governments will consult each other on the matters set out in this Section and will "
            "take the measures each judges necessary, within the limits of its laws, to give effect to them. ")
    y = 72.0
    paragraphs = [text * 3, text * 2, text * 4, text * 2]
    for p in paragraphs:
        for line in _wrap(p.strip(), "Courier", 10, 400):
            c.drawString(72, PAGE_H - y, line)
            y += 12
        y += 12
    c.save()
    doc = load_document(path, ReadOptions(cache=False))
    assert [p for s in doc.sections for p in s.paragraphs] == [p.strip() for p in paragraphs]


def test_a_heading_after_a_table_that_ends_a_page_is_not_a_table_row(tmp_path):
    path = tmp_path / "h.pdf"
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    c.setFont(FONT, SIZE)
    _table(c, ROWS, _prose(c, BEFORE, 72))
    c.showPage()
    c.setFont("Helvetica-Bold", 12)
    c.drawString(72, PAGE_H - 72, "5. Review")
    c.setFont(FONT, SIZE)
    _prose(c, AFTER, 96)
    c.save()
    doc = load_document(path, ReadOptions(cache=False))
    assert _rows_of(doc) == [list(r) for r in ROWS]
    review = next(s for s in doc.sections if s.heading == "5. Review")
    assert review.paragraphs == (AFTER,)
