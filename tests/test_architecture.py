"""The core stays headless: only diffy.tui imports Textual, only diffy.ingest.pdf imports pdfplumber."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT


def test_core_imports_without_textual():
    code = ("import sys; import diffy.cli, diffy.ingest, diffy.ingest.document, diffy.export.json, "
            "diffy.comparison.compare, diffy.comparison.pairview, diffy.comparison.browse, diffy.commands; "
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


def test_only_the_word_and_web_page_readers_import_lxml():
    """lxml's elements stay inside the readers of Word files (ooxml, word*) and web pages (web*); cssselect is
    also used by the reading options, to check that a --select or --remove selector is valid."""
    offenders = []
    for path in (ROOT / "diffy").rglob("*.py"):
        reader = path.parent.name == "ingest" and path.name.startswith(("ooxml", "word", "web"))
        text = path.read_text()
        if not reader and re.search(r"^\s*(import|from)\s+lxml\b", text, re.M):
            offenders.append(str(path.relative_to(ROOT)))
        if not reader and path.name != "options.py" and re.search(r"^\s*(import|from)\s+cssselect\b", text, re.M):
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


def _import_graph() -> dict[str, set[str]]:
    """Module → the diffy modules it imports anywhere in its body (lazy imports too)."""
    import ast

    modules = {}
    for path in (ROOT / "diffy").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        edges = set()
        for node in ast.walk(ast.parse(path.read_text())):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [f"{node.module}.{a.name}" for a in node.names] + [node.module]
            for t in targets:
                while t and t not in modules:
                    t = t.rpartition(".")[0]
                if t and t != name and t.startswith("diffy"):
                    edges.add(t)
                    break
        graph[name] = edges
    return graph


def test_no_import_cycles():
    graph = _import_graph()
    cycles, state = [], {}

    def visit(m: str, path: list[str]) -> None:
        state[m] = "open"
        for n in sorted(graph.get(m, ())):
            if state.get(n) == "open":
                cycles.append(" → ".join(path[path.index(n):] + [n]))
            elif n not in state:
                visit(n, path + [n])
        state[m] = "done"

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert cycles == []
