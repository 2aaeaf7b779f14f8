"""The core stays headless: only diffy.tui imports Textual, only diffy.ingest.pdf imports pdfplumber."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT


def test_core_imports_without_textual():
    code = ("import sys; import diffy.cli, diffy.ingest, diffy.ingest.document, diffy.export.json, "
            "diffy.compare, diffy.pairview, diffy.browse, diffy.commands; "
            "assert 'textual' not in sys.modules, 'textual imported by the core'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_only_the_pdf_module_imports_pdfplumber():
    offenders = []
    for path in (ROOT / "diffy").rglob("*.py"):
        if path.name == "pdf.py" and path.parent.name == "ingest":
            continue
        if re.search(r"^\s*(import|from)\s+(pdfplumber|pdfminer|pikepdf)\b", path.read_text(), re.M):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_only_the_tui_package_imports_textual():
    offenders = []
    for path in (ROOT / "diffy").rglob("*.py"):
        if path.parent.name == "tui":
            continue
        if re.search(r"^\s*(import|from)\s+textual\b", path.read_text(), re.M):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
