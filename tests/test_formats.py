"""Mixed comparisons: the Meridian sources as Word files and web pages made by pandoc, against the corpus PDFs,
each other and the Markdown; a series of Word files and web pages; the UI and the export on them."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata

import html5lib
import pytest
from markdown_it import MarkdownIt

from diffy.cli import main
from diffy.comparison.compare import compare
from diffy.ingest import load_document
from tests.conftest import CORPUS, parsed

MERIDIAN = CORPUS / "meridian"
VERSIONS = ("1979", "1998", "2016")


def _pandoc(*args: str) -> None:
    subprocess.run(["pandoc", *args], check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="session")
def formats(tmp_path_factory):
    """`<version>.docx` and `<version>.html` as pandoc writes them from the corpus sources (curled quotes; in
    Word, "(1)" and "(a)" lists numbered by numbering.xml), and `straight/` copies of 1998.docx and 2016.html
    that keep the sources' straight apostrophes, for scoring against truth.json (which compares headings
    character for character)."""
    if not MERIDIAN.is_dir():
        pytest.skip("../shared/corpus (the evaluation corpus) is not beside this checkout")
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed (Debian: apt-get install pandoc); it makes the .docx and .html forms")
    out = tmp_path_factory.mktemp("meridian-formats")
    (out / "straight").mkdir()
    for v in VERSIONS:
        src = str(MERIDIAN / "src" / f"{v}.md")
        _pandoc(src, "-o", str(out / f"{v}.docx"))
        # HTML cannot print a "(1)" list marker (pandoc writes <ol type="1">, which browsers show as "1."), so the
        # page keeps the source's "(1)" as text: pandoc's fancy_lists extension off
        _pandoc("-f", "markdown-fancy_lists", "-s", "--metadata", f"pagetitle={v}", src, "-o", str(out / f"{v}.html"))
    _pandoc("-f", "markdown-smart", str(MERIDIAN / "src" / "1998.md"), "-o", str(out / "straight" / "1998.docx"))
    _pandoc("-f", "markdown-smart-fancy_lists", "-s", "--metadata", "pagetitle=2016",
            str(MERIDIAN / "src" / "2016.md"), "-o", str(out / "straight" / "2016.html"))
    return out


def diff_json(capsys, *args: str) -> dict:
    code = main(["diff", *args, "--format", "json"])
    cmp = json.loads(capsys.readouterr().out)
    assert code == (1 if any(p["changes"] or p["relation"] != "same" for p in cmp["pairs"]) else 0)
    return cmp


def changed_words(cmp: dict) -> int:
    return sum(len((c["old"] or "").split()) + len((c["new"] or "").split())
               for p in cmp["pairs"] for c in p["changes"])


def assert_same(cmp: dict, sections: int) -> None:
    assert changed_words(cmp) == 0
    assert [p["relation"] for p in cmp["pairs"]] == ["same"] * sections


def test_word_file_and_pdf_of_one_text_compare_as_the_same(formats, capsys):
    assert_same(diff_json(capsys, str(formats / "1998.docx"), str(MERIDIAN / "pdf" / "1998.plain.pdf")), 24)
    for v in ("1979", "2016"):
        cmp = compare(load_document(formats / f"{v}.docx"), parsed(str(MERIDIAN / "pdf" / f"{v}.mono.pdf")))
        assert cmp.summary()["words_inserted"] == cmp.summary()["words_deleted"] == 0
        assert {p.relation for p in cmp.pairs} == {"same"}


def test_web_page_and_word_file_of_one_text_compare_as_the_same(formats, capsys):
    assert_same(diff_json(capsys, str(formats / "1998.html"), str(formats / "1998.docx")), 24)


def test_markdown_and_web_page_of_one_text_compare_as_the_same(formats, capsys):
    assert_same(diff_json(capsys, str(MERIDIAN / "src" / "2016.md"), str(formats / "2016.html")), 40)


def test_word_file_to_web_page_pairs_sections_as_the_truth_says(formats, capsys):
    """Pairing F1 scored as ../shared/eval/score.py scores it (headings normalised, pairs naming headings the
    truth does not know left out)."""
    cmp = diff_json(capsys, str(formats / "straight" / "1998.docx"), str(formats / "straight" / "2016.html"))
    truth = json.loads((MERIDIAN / "truth.json").read_text(encoding="utf-8"))
    pair = next(p for p in truth["pairs"] if (p["old"], p["new"]) == ("1998", "2016"))

    def norm(s):
        if s is None:
            return None
        s = unicodedata.normalize("NFKC", s).translate(dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2212"), "-"))
        return re.sub(r"\s+", " ", s.replace("\u2014", "--").replace("\u00ad", "")).strip()

    t_set = {(norm(s["old"]), norm(s["new"])) for s in pair["sections"]}
    known_old, known_new = {o for o, _ in t_set if o}, {n for _, n in t_set if n}
    g_set = {(norm(p["old"]), norm(p["new"])) for p in cmp["pairs"]}
    scored = {(o, n) for o, n in g_set if (o is None or o in known_old) and (n is None or n in known_new)}
    tp = len(t_set & scored)
    precision, recall = tp / len(scored), tp / len(t_set)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.95, (f1, sorted(t_set - scored, key=str)[:5])


def test_a_series_of_word_files_and_web_pages(formats, tmp_path, capsys):
    """1979 and 2016 as Word files, 1998 as a web page: the same lineages as the Markdown sources give."""
    mixed, sources = tmp_path / "mixed", tmp_path / "sources"
    mixed.mkdir()
    sources.mkdir()
    for v, kind in zip(VERSIONS, ("docx", "html", "docx"), strict=True):
        shutil.copy(formats / f"{v}.{kind}", mixed / f"{v}.{kind}")
        shutil.copy(MERIDIAN / "src" / f"{v}.md", sources / f"{v}.md")
    lineages = []
    for folder in (mixed, sources):
        assert main(["series", str(folder), "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        lineages.append([[(s["version"], s["event"]) for s in c["steps"]] for c in data["clauses"]])
    assert [v["source"].rsplit(".", 1)[-1] for v in data["versions"]] == ["md"] * 3
    assert len(lineages[0]) >= 40 and lineages[0] == lineages[1]


async def test_the_ui_opens_a_word_file_against_a_web_page(formats):
    from diffy.tui.app import DiffyApp
    from diffy.tui.outline import Outline
    from diffy.tui.screen import ComparisonScreen
    from tests.test_tui import settle

    app = DiffyApp(formats / "1998.docx", formats / "2016.html")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ComparisonScreen))
        screen = app.screen
        assert isinstance(screen, ComparisonScreen)
        expected = compare(load_document(formats / "1998.docx"), load_document(formats / "2016.html"))
        assert [(p.relation, p.old and p.old.heading) for p in screen.cmp.pairs] == \
            [(p.relation, p.old and p.old.heading) for p in expected.pairs]
        assert len(screen.query_one(Outline).nodes_by_pair) == len(expected.pairs)
        await pilot.press("n")
        await settle(pilot, lambda: screen.pair_index is not None and screen.cmp.pairs[screen.pair_index].changed)


def test_annotations_and_the_export_on_a_word_file_and_a_web_page(formats, tmp_path, capsys):
    old, new = str(formats / "1998.docx"), str(formats / "2016.html")
    notes = str(tmp_path / "notes.json")
    assert main(["annotate", old, new, "--quote", "is not defined by geographic area", "--note",
                 "Geography no longer bounds cooperation.", "--tag", "geographic-scope", "--annotations", notes]) == 0
    capsys.readouterr()
    assert main(["export", old, new, "--annotations", notes]) == 0
    out = capsys.readouterr().out
    assert "Geography no longer bounds cooperation." in out and "#geographic-scope" in out
    assert "II. Basic Premises and Principles" in out
    html = MarkdownIt("commonmark").enable("table").render(out)
    assert "<table>" in html and "<script" not in html
    assert main(["annotations", old, new, "--annotations", notes, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [a["status"] for a in listed["annotations"]] == ["anchored"]
    assert main(["export", old, new, "--annotations", notes, "--format", "html"]) == 0
    page = capsys.readouterr().out
    html5lib.HTMLParser(strict=True).parse(page)  # a valid page
    assert "Geography no longer bounds cooperation." in page and "II. Basic Premises and Principles" in page


def test_changes_cite_web_page_lines_and_word_sections(formats, capsys):
    """A web page's paragraphs cite their line in the file; a Word file has no lines, so its side cites the
    section's page only."""
    cmp = diff_json(capsys, str(formats / "1998.docx"), str(formats / "2016.html"))
    changes = [c for p in cmp["pairs"] if p["old"] and p["new"] for c in p["changes"] if c["kind"] != "move"]
    assert changes and all(c["old_page"] == 1 and c["old_line"] is None for c in changes)
    lines = (formats / "2016.html").read_text(encoding="utf-8").splitlines()
    for c in changes:
        if c["new"]:
            assert c["new_page"] == 1 and c["new_line"] >= 1
            source = " ".join(lines[c["new_line"] - 1:])
            text_at = re.search(r"(^|>)\s*[^<\s]", source).end()  # the block the cited line opens, to the next
            block = source[: next((m.start() for m in re.finditer(r"<(p|li|h[1-6]|tr)\b", source[text_at:])),
                                  len(source)) + text_at]
            assert c["new"].split()[0].strip(".,;:()") in block, (c["new"], c["new_line"])


SHORT = [("1. Scope", ["This policy applies to every contractor and to all of their staff."]),
         ("2. Records", ["Contractors keep records of each shipment for five years.",
                         "Records are shown to the authority on request."]),
         ("3. Review", ["The policy is reviewed every second year."])]


def test_one_text_in_five_formats_compares_as_the_same(tmp_path):
    """Any two of .txt, .md, .docx, .html and PDF: the same text gives every pair same, no change."""
    from tests.pdfgen import H, P, build_pdf
    from tests.wordgen import add_xml, new_document, para, save

    (tmp_path / "p.txt").write_text("\n\n".join(f"{h}\n\n" + "\n\n".join(ps) for h, ps in SHORT) + "\n")
    (tmp_path / "p.md").write_text("\n\n".join(f"## {h}\n\n" + "\n\n".join(ps) for h, ps in SHORT) + "\n")
    (tmp_path / "p.html").write_text("<html><body>" + "".join(f"<h2>{h}</h2>" + "".join(f"<p>{t}</p>" for t in ps)
                                                              for h, ps in SHORT) + "</body></html>")
    doc = new_document()
    add_xml(doc, "".join(para(h, "Heading1") + "".join(para(t) for t in ps) for h, ps in SHORT))
    save(doc, tmp_path / "p.docx")
    build_pdf(tmp_path / "p.pdf", [x for h, ps in SHORT for x in (H(h), *(P(t) for t in ps))])
    names = ["p.txt", "p.md", "p.docx", "p.html", "p.pdf"]
    docs = {n: load_document(tmp_path / n) for n in names}
    for k, a in enumerate(names):
        assert [s.heading for s in docs[a].sections] == [h for h, _ in SHORT], a
        for b in names[k + 1:]:
            cmp = compare(docs[a], docs[b])
            assert [p.relation for p in cmp.pairs] == ["same"] * 3 and not any(p.changes for p in cmp.pairs), (a, b)
