"""Web pages (.html): the policy text only, --select and --remove, lists, tables, whitespace, encodings."""

from __future__ import annotations

import pytest

from diffy.cli import main
from diffy.errors import InputError, UsageError
from diffy.ingest import ReadOptions, load_document

POLICY_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Terms of Service | Example Co</title>
<style>body { font-family: serif }</style><script>window.dataLayer = [];</script></head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<div id="onetrust-banner-sdk" role="region" aria-label="Cookie banner">We use cookies to improve your experience.
  <button>Accept all</button></div>
<div class="notice-bar"><p>This site uses cookies for analytics. See our <a href="/cookies">cookie policy</a>.</p>
  <button type="button">OK</button></div>
<header class="site-header"><h1 class="logo">Example Co</h1>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/pricing">Pricing</a></li></ul></nav></header>
<main id="main">
<article>
<header><h1>Terms of Service</h1><p>Last updated: 1 March 2024</p></header>
<nav aria-label="On this page"><a href="#a">1. Acceptance</a></nav>
<h2 id="a">1. Acceptance</h2>
<p>By using the   service you
   agree to these terms.<span hidden> (hidden)</span><span style="display: none">(also hidden)</span></p>
<h2>2. Your Obligations</h2>
<p>You must:</p>
<ol><li><p>keep your password secret;</p></li><li>tell us about misuse.</li></ol>
<ul><li>Bullets carry no number.</li></ul>
<table><thead><tr><th>Data</th><th>Kept for</th></tr></thead>
<tbody><tr><td>Logs</td><td>30&nbsp;days</td></tr><tr><td>Invoices</td><td>7 years</td></tr></tbody></table>
<aside class="promo">Try our premium plan!</aside>
<form class="newsletter"><label>Email</label><input type="email"><button>Subscribe</button></form>
<h2>3. Changes</h2>
<p>We may change these terms.<br>We will tell you first.<br><br>Changes take effect after 30 days.</p>
</article>
</main>
<footer><p>© 2024 Example Co · <a href="/privacy">Privacy</a></p></footer>
<script>track();</script>
</body></html>
"""


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "terms.html"
    path.write_text(POLICY_PAGE, encoding="utf-8")
    return path


def paragraphs(doc):
    return [p for s in doc.sections for p in s.paragraphs]


def test_a_policy_page_reads_as_the_policy_text_only(page):
    doc = load_document(page)
    assert doc.title == "Terms of Service"
    assert [(s.heading, s.level) for s in doc.sections] == [
        (None, 0), ("1. Acceptance", 1), ("2. Your Obligations", 1), ("3. Changes", 1)]
    assert paragraphs(doc) == [
        "Last updated: 1 March 2024",
        "By using the service you agree to these terms.",
        "You must:", "1. keep your password secret;", "2. tell us about misuse.", "Bullets carry no number.",
        "Data | Kept for", "Logs | 30 days", "Invoices | 7 years",
        "We may change these terms. We will tell you first.", "Changes take effect after 30 days."]
    kinds = {f.kind for f in doc.furniture}
    assert {"cookie-notice", "banner", "navigation", "aside", "form", "footer", "hidden"} <= kinds
    cookies = [f.text for f in doc.furniture if f.kind == "cookie-notice"]
    assert any("analytics" in t for t in cookies) and any("improve your experience" in t for t in cookies)
    assert doc.sections[1].kinds == () and doc.sections[2].kinds[-2:] == ("row", "row")


def test_paragraphs_cite_their_source_line(page):
    doc = load_document(page)
    acceptance = doc.sections[1]
    lines = POLICY_PAGE.splitlines()
    assert acceptance.marks and "By using the" in lines[acceptance.marks[0].line - 1]
    assert acceptance.marks[0].page == 1


def test_select_and_remove(page, capsys):
    doc = load_document(page, ReadOptions(select="article h2 ~ p, article ol", remove=("li:first-child",)))
    assert paragraphs(doc) == ["By using the service you agree to these terms.", "You must:",
                               "1. tell us about misuse.",  # numbered as the page reads once the item is gone
                               "We may change these terms. We will tell you first.",
                               "Changes take effect after 30 days."]
    assert doc.title is None  # no heading selected; the page's <title> names its tab, not the document
    assert main(["parse", str(page), "--select", "#nothing-here"]) == 2
    assert "--select '#nothing-here' matches nothing in the page" in capsys.readouterr().err
    with pytest.raises(UsageError, match="select: 'div\\[' is not a CSS selector"):
        ReadOptions(select="div[")
    assert main(["parse", str(page), "--remove", "p:nth("]) == 2
    assert "remove: 'p:nth(' is not a CSS selector" in capsys.readouterr().err


def test_a_cookie_policy_page_keeps_its_text(tmp_path):
    path = tmp_path / "cookies.html"
    path.write_text("<html><body><div class='cookie-consent'>We use cookies. <button>Accept</button></div>"
                    "<main class='cookie-policy'><h1>Cookie Policy</h1><p>We use cookies to remember you.</p>"
                    "<p>You can refuse cookies: <button>Cookie settings</button> at any time.</p></main>"
                    "</body></html>", encoding="utf-8")
    doc = load_document(path)
    assert doc.title == "Cookie Policy"
    assert paragraphs(doc) == ["We use cookies to remember you.", "You can refuse cookies: at any time."]


def test_lists_number_as_a_browser_does(tmp_path):
    path = tmp_path / "lists.html"
    path.write_text("<h2>A</h2><ol type='a'><li>one</li><li>two<ol type='i' start='4'><li>four</li></ol></li></ol>"
                    "<ol start='3' reversed><li>three</li><li>two</li><li value='9'>nine</li></ol>"
                    "<ol style='list-style-type: upper-roman'><li>first</li></ol>"
                    "<ol style='list-style: none'><li>plain</li></ol>"
                    "<h2>B</h2><div role='heading' aria-level='3'>Sub</div><p>x</p>", encoding="utf-8")
    doc = load_document(path)
    assert paragraphs(doc)[:8] == ["a. one", "b. two", "iv. four", "3. three", "2. two", "9. nine", "I. first",
                                   "plain"]
    assert [(s.heading, s.level) for s in doc.sections] == [("A", 1), ("B", 1), ("Sub", 2)]


def test_whitespace_entities_breaks_and_inline_markup(tmp_path):
    path = tmp_path / "text.html"
    path.write_text("<body><p>Caf&eacute; &amp; bar&nbsp;&nbsp;rules <b>app</b>ly, <q>fair use</q> only;"
                    " H<sub>2</sub>O.</p>\n<div>loose text<p>a block</p>more loose text</div>"
                    "<pre>line one\nline two\n\nnew para</pre><p>soft&shy;ware</p><hr><p>end</p></body>",
                    encoding="utf-8")
    assert paragraphs(load_document(path)) == [
        "Café & bar rules apply, “fair use” only; H2O.", "loose text", "a block", "more loose text",
        "line one line two", "new para", "software", "end"]


def test_layout_tables_read_as_blocks(tmp_path):
    path = tmp_path / "layout.html"
    path.write_text("<table><tr><td><h1>Policy</h1><p>Intro.</p></td></tr>"
                    "<tr><td><h2>Scope</h2><p>All staff.</p></td><td><p>Side note.</p></td></tr></table>"
                    "<table role='presentation'><tr><td>Left</td><td>Right</td></tr></table>", encoding="utf-8")
    doc = load_document(path)
    assert doc.title == "Policy"
    assert paragraphs(doc) == ["Intro.", "All staff.", "Side note.", "Left", "Right"]


@pytest.mark.parametrize("data, text", [
    ("<meta charset='windows-1252'><p>d\xe9j\xe0 vu \x93quoted\x94</p>".encode("latin-1"), "déjà vu “quoted”"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15"><p>prix \xa4 5</p>'.encode("latin-1"),
     "prix € 5"),
    ("\ufeff<p>UTF-16 page \u00e9</p>".encode("utf-16-le"), "UTF-16 page é"),
    (b"<!-- " + b"x" * 3000 + b" --><head><meta charset=koi8-r></head><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>", "Привет"),
    ("<?xml version='1.0' encoding='iso-8859-1'?><html><body><p>na\xefve</p></body></html>".encode("latin-1"),
     "naïve"),
    ("<p>no declaration, not UTF-8: caf\xe9</p>".encode("latin-1"), "no declaration, not UTF-8: café"),
    ("<p>no declaration, UTF-8: café</p>".encode(), "no declaration, UTF-8: café"),
])
def test_the_encoding_comes_from_the_page(tmp_path, data, text):
    path = tmp_path / "page.htm"
    path.write_bytes(data)
    assert paragraphs(load_document(path)) == [text]


def test_an_empty_or_textless_page_is_refused(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav>Home</nav><script>x()</script></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="has no text to compare"):
        load_document(path)


@pytest.mark.parametrize("data, problem", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is a PDF, not a web page; name it .pdf to compare it"),
    (b"PK\x03\x04\x14\x00\x06\x00", "is a zip package (a Word file?), not a web page"),
    (bytes(range(256)) * 8, "is a binary file, not a web page"),
])
def test_another_kind_of_file_named_html_is_refused(tmp_path, capsys, data, problem):
    path = tmp_path / "page.html"
    path.write_bytes(data)
    assert main(["parse", str(path)]) == 2
    assert capsys.readouterr().err == f"diffy: {path}: {problem}\n"
