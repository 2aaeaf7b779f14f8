"""`diffy export --format html`: one self-contained page; written like the Markdown export; parses as HTML
without errors; document text, notes and tags can make no element, attribute, link or script."""

from __future__ import annotations

import base64
import hashlib
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pikepdf
import pytest

from diffy.annotations import store
from diffy.cli import main
from diffy.export.html import asset
from diffy.export.htmlkit import Html, el, esc
from tests.pdfgen import H, P, build_pdf
from tests.test_export import HOSTILE
from tests.test_export import pair as pair  # noqa: F401 (the Markdown export's fixture: Port Rules 2019 → 2024)
from tests.test_hardening import MARKUP

NS = "{http://www.w3.org/1999/xhtml}"
ELEMENTS = {"html", "head", "meta", "title", "style", "body", "a", "nav", "div", "input", "select", "option",
            "label", "button", "ol", "ul", "li", "span", "main", "header", "h1", "h2", "table", "thead", "tbody",
            "tr", "th", "td", "section", "p", "em", "del", "ins", "aside", "details", "summary", "q", "script"}
ATTRIBUTES = {"lang", "charset", "http-equiv", "content", "name", "class", "href", "id", "aria-label", "type",
              "placeholder", "autocomplete", "aria-live", "value", "disabled", "scope", "data-pair", "data-rel",
              "data-tags", "data-sig", "data-changed", "data-c", "title", "hidden", "role"}


def parse(page: str) -> ET.Element:
    parser = html5lib.HTMLParser(strict=True)  # raises on any parse error
    return parser.parse(page)


def export(args: list[str], capsys) -> str:
    assert main(["export", *args, "--format", "html"]) == 0
    return capsys.readouterr().out


def test_the_report_is_one_valid_page_that_loads_nothing(pair, capsys):  # noqa: F811
    page = export(["2019.md", "2024.md"], capsys)
    root = parse(page)
    assert page.startswith("<!DOCTYPE html>\n")
    (script,) = root.iter(f"{NS}script")
    (style,) = root.iter(f"{NS}style")
    assert script.text == asset("report.js") and style.text == asset("report.css")
    csp = next(m.get("content") for m in root.iter(f"{NS}meta") if m.get("http-equiv") == "Content-Security-Policy")
    digest = base64.b64encode(hashlib.sha256(script.text.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp and csp.startswith("default-src 'none';")
    assert not re.search(r"(?i)(src|href|url\()\s*=?\s*[\"']?(https?:|//|data:)", page)  # nothing from outside
    assert "@import" not in style.text and "@font-face" not in style.text
    text = "".join(root.itertext())
    for wanted in ("Port Rules: 2019 → 2024", "2019.md", "SHA-256", "words inserted", "#geographic-scope",
                   "Scope leaves the port of Tessaly.", "Unchanged, noted for the record.", "p. 1, l. 9 → p. 1, l. 9"):
        assert wanted in text, wanted
    sections = [s for s in root.iter(f"{NS}section") if "pair" in (s.get("class") or "").split()]
    assert [s.get("data-rel") for s in sections] == ["edited", "edited", "same", "added"]
    items = root.find(f".//{NS}ol[@id='pairs']")
    assert [li.get("data-pair") for li in items] == ["1", "2", "3", "4"]
    # deletions struck and insertions marked as such, not by colour alone
    dels = ["".join(d.itertext()) for d in root.iter(f"{NS}del") if d.get("data-c")]
    inss = ["".join(i.itertext()) for i in root.iter(f"{NS}ins") if i.get("data-c")]
    assert "shall" in dels and "may" in inss and "twice" in inss


def test_written_atomically_and_never_over_a_file_without_force(pair, capsys):  # noqa: F811
    assert main(["export", "2019.md", "2024.md", "--format", "html", "-o", "report.html"]) == 0
    first = Path("report.html").read_text(encoding="utf-8")
    parse(first)
    assert main(["export", "2019.md", "2024.md", "--format", "html", "-o", "report.html", "--tags", "fees"]) == 2
    assert "add --force" in capsys.readouterr().err
    assert Path("report.html").read_text(encoding="utf-8") == first
    assert main(["export", "2019.md", "2024.md", "--format", "html", "-o", "report.html", "--tags", "fees",
                 "--force"]) == 0
    assert Path("report.html").read_text(encoding="utf-8") != first
    assert sorted(p.name for p in Path(".").iterdir() if p.name.startswith(".report")) == []


def test_markdown_options_are_refused_for_html(pair, capsys):  # noqa: F811
    assert main(["export", "2019.md", "2024.md", "--format", "html", "--style", "gfm"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("diffy: --style shapes the Markdown export") and err.count("\n") == 1
    assert main(["export", "2019.md", "2024.md", "--style", "critic"]) == 0
    assert "{~~shall~>may~~}" in capsys.readouterr().out


def test_tags_and_only_annotated_work_as_in_markdown(pair, capsys):  # noqa: F811
    root = parse(export(["2019.md", "2024.md", "--tags", "modality", "--only-annotated"], capsys))
    text = "".join(root.itertext())
    assert "Shall becomes may" in text and "Scope leaves" not in text and "Unchanged, noted" not in text
    items = root.find(f".//{NS}ol[@id='pairs']")
    assert [li.get("data-pair") for li in items] == ["2"]
    (option,) = [o for o in root.iter(f"{NS}option") if (o.text or "").startswith("#")]
    assert option.text == "#modality (1)" and items[0].get("data-tags") == option.get("value")


@pytest.fixture
def hostile(tmp_path, monkeypatch):
    """Hostile text everywhere it can come from: Markdown and PDF documents, file names, page labels,
    an annotation's note and tags."""
    monkeypatch.setenv(store.ENV_WORKSPACE, str(tmp_path))
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("# Notice\n\n## 1 Text\n\nPlain words.\n", encoding="utf-8")
    Path('b"><img src=x onerror=alert(2)>.md').write_text(HOSTILE, encoding="utf-8")
    old = build_pdf(tmp_path / "old.pdf", [H("1. Notices"), P("Plain words about notices and nothing else at all.")])
    new = build_pdf(tmp_path / "new.pdf", [H("1. Notices <b>x</b>"), P(MARKUP)])
    with pikepdf.open(new, allow_overwriting_input=True) as pdf:
        pdf.Root.PageLabels = pikepdf.Dictionary(Nums=[0, pikepdf.Dictionary(S=pikepdf.Name.D,
                                                                             P='"><img src=x onerror=alert(3)>')])
        pdf.save(new)
    assert main(["annotate", str(old), str(new), "--quote", "<script>alert(1)</script>",
                 "--note", "<img src=x onerror=alert(1)> [y](javascript:z) \" onmouseover=\"alert(4)",
                 "--tag", "<b>t</b>", "--tag", '" onclick="alert(5)']) == 0
    return [("a.md", 'b"><img src=x onerror=alert(2)>.md'), (str(old), str(new))]


BAD = ("<", ">", "javascript", "alert", "onerror", "onclick", "onmouseover", "evil", "img")


def test_hostile_text_makes_no_element_attribute_link_or_script(hostile, capsys):
    for old, new in hostile:
        page = export([old, new], capsys)
        root = parse(page)
        scripts = list(root.iter(f"{NS}script"))
        assert [s.text for s in scripts] == [asset("report.js")]  # the page runs its own script only
        for node in root.iter():
            tag = node.tag.replace(NS, "")
            assert tag in ELEMENTS, tag
            for name, value in node.attrib.items():
                assert name in ATTRIBUTES, (tag, name)
                if name == "content" and node.get("http-equiv"):
                    continue  # the policy itself
                assert not any(b in value.lower() for b in BAD), (tag, name, value)
                if name == "href":
                    assert re.fullmatch(r"#(pair-\d+|main)", value), value
        text = "".join(root.itertext())
        # the hostile texts are all there, as text
        if old.endswith(".md"):
            assert "Notice <script>alert(1)</script>" in text and "<b>bold</b> <img src=x onerror=alert(1)>" in text
            assert "`code` {++critic++} {--gone--} {>>note<<} ~~strike~~" in text
            assert 'b"><img src=x onerror=alert(2)>.md' in text
        else:
            assert "<script>alert(1)</script>" in text and "[bold red]urgent[/]" in text
            assert "[x](javascript:alert(1)) ![img](http://evil.example/i.png)" in text
            assert "p. \"><img src=x onerror=alert(3)>1" in text  # the page label, cited as printed
            assert "<img src=x onerror=alert(1)> [y](javascript:z)" in text and '#" onclick="alert(5)' in text
            assert "#<b>t</b>" in text and "1. Notices <b>x</b>" in text


def test_the_builder_refuses_names_and_links_from_text():
    assert el("p", {"class": 'a"b'}, "<x>") == '<p class="a&quot;b">&lt;x&gt;</p>'
    assert el("p", None, Html("<b>ours</b>"), "<b>theirs</b>") == "<p><b>ours</b>&lt;b&gt;theirs&lt;/b&gt;</p>"
    for bad in (lambda: el("scr ipt"), lambda: el("p", {"onclick": "x"}), lambda: el("p", {'a"': "x"}),
                lambda: el("a", {"href": "javascript:alert(1)"}), lambda: el("a", {"href": "https://x.example"}),
                lambda: el("img", {"src": "#x"})):
        with pytest.raises(ValueError):
            bad()
    assert esc("caf\udce9") == "caf\ufffd"  # a file name that is not UTF-8 still writes


def test_the_sample_report_is_small(tmp_path, capsys):
    from tests.conftest import ROOT

    sample = ROOT / "documents" / "meridian"
    out = tmp_path / "report.html"
    assert main(["export", str(sample / "1998.pdf"), str(sample / "2016.pdf"), "--format", "html", "-o", str(out),
                 "--annotations", str(ROOT / "annotations" / "meridian-1998--2016.json")]) == 0
    size = out.stat().st_size
    assert size < 2_000_000, size
    root = parse(out.read_text(encoding="utf-8"))
    text = "".join(root.itertext())
    assert "↪ 1979 → 1998:" in text and "#geographic-scope" in text  # carried notes are there, marked
