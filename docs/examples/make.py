"""Make the README's example inputs: a Word draft with tracked changes and a comment, and a saved policy page.

    python docs/examples/make.py     (needs the test extra: python-docx)
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from tests.test_webpage import POLICY_PAGE  # noqa: E402
from tests.wordgen import add_xml, new_document, para, save  # noqa: E402


def draft(path: Path) -> None:
    doc = new_document()
    ana = 'w:author="Ana Ortiz" w:date="2024-03-01T10:00:00Z"'
    ben = 'w:author="Ben Okafor" w:date="2024-03-04T09:30:00Z"'
    add_xml(doc, "".join([
        para("Supplier Code of Conduct", "Title"),
        para("1. Scope", "Heading1"),
        para("This Code applies to every supplier that delivers goods or services to the Company."),
        para("2. Notice of Breach", "Heading1"),
        f'<w:p><w:r><w:t xml:space="preserve">A supplier </w:t></w:r>'
        f'<w:del w:id="1" {ana}><w:r><w:delText>shall</w:delText></w:r></w:del>'
        f'<w:ins w:id="2" {ana}><w:r><w:t>must</w:t></w:r></w:ins>'
        f'<w:r><w:t xml:space="preserve"> notify the Company of any breach of this Code</w:t></w:r>'
        f'<w:ins w:id="3" {ben}><w:r><w:t xml:space="preserve"> within 30 days of becoming aware of it</w:t></w:r>'
        f'</w:ins><w:r><w:t>.</w:t></w:r></w:p>',
        f'<w:p><w:pPr><w:rPr><w:del w:id="4" {ben}/></w:rPr></w:pPr><w:del w:id="5" {ben}><w:r><w:delText>'
        f'Notices may be given orally.</w:delText></w:r></w:del></w:p>',
        para("3. Audits", "Heading1"),
        para("The Company may audit a supplier's compliance once a year."),
    ]))
    breach = next(p for p in doc.paragraphs if p.text.startswith("A supplier"))
    doc.add_comment(breach.runs, text="Legal: is 30 days consistent with the master agreement?",
                    author="Cleo Park", initials="CP")
    save(doc, path)


if __name__ == "__main__":
    draft(HERE / "draft.docx")
    (HERE / "terms.html").write_text(POLICY_PAGE, encoding="utf-8")
