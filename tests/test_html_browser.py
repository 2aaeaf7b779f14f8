"""The HTML report in a real browser: Debian's Chromium, driven by Playwright from file:// with the network
blocked, and printed with `chromium --headless --print-to-pdf` and read back with pdfplumber."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pdfplumber
import pytest

from diffy.annotations import store
from diffy.annotations.attach import attach
from diffy.annotations.carry import carry
from diffy.cli import main
from diffy.comparison.browse import pair_heading, version_label
from diffy.comparison.compare import compare
from diffy.comparison.pairview import build_rows, change_rows
from tests.conftest import ROOT, parsed

SAMPLE = ROOT / "documents" / "meridian"
NOTES = ROOT / "annotations" / "meridian-1998--2016.json"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install "
                                    "chromium); the report's browser tests need it")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["export", str(SAMPLE / "1998.pdf"), str(SAMPLE / "2016.pdf"), "--format", "html", "-o", str(out),
                 "--annotations", str(NOTES)]) == 0
    return out


@pytest.fixture(scope="module")
def sample():
    cmp = compare(parsed(str(SAMPLE / "1998.pdf")), parsed(str(SAMPLE / "2016.pdf")), store.overrides_of(
        store.load(NOTES)))
    return cmp


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium); the report's browser tests need it")
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install "
                                     "playwright); the report's browser test needs it")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def test_the_report_works_in_chromium_offline(browser, report, sample):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
    requests, errors = [], []
    context.route(re.compile(r"^(?!file:)"), lambda route: (requests.append(route.request.url), route.abort()))
    page = context.new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    url = report.as_uri()
    page.goto(url)

    # the outline lists every pair, under its heading
    items = page.locator("#pairs li")
    assert items.count() == len(sample.pairs)
    assert [t.strip() for t in page.locator("#pairs li .h").all_inner_texts()] == \
        [pair_heading(p) for p in sample.pairs]

    # clicking a pair shows it, with its changes
    k = next(i for i, p in enumerate(sample.pairs) if p.new is not None and p.new.heading == "II. Basic Premises "
             "and Principles")
    items.nth(k).locator("a").click()
    section = page.locator(f"#pair-{k + 1}")
    assert 0 <= section.bounding_box()["y"] < 20  # scrolled to the top of the window
    shown = section.locator(".view.sbs .chg")
    assert shown.count() >= len(sample.pairs[k].changes) and shown.first.is_visible()
    assert "section " in page.inner_text("#status")

    # n moves to the next change, in order, and says where it stands
    ids = list(change_rows(build_rows(sample.pairs[k])))  # the order a reader meets them, as in the UI
    page.keyboard.press("n")
    current = page.locator(".view.sbs .chg.current").first
    first = current.get_attribute("data-c")
    assert first == ids[0] and current.is_visible() and _in_view(page, current)
    page.keyboard.press("n")
    second = current.get_attribute("data-c")
    assert second in ids and second != first
    status = page.inner_text("#status")
    assert re.search(r"change 2/\d+ · p\. \d+, l\. \d+ → p\. \d+, l\. \d+", status), status
    page.keyboard.press("v")  # inline: the same change stays current
    assert page.locator(".view.inl .chg.current").first.get_attribute("data-c") == second

    # the tag filter hides every pair without a note so tagged
    notes = attach(sample, store.load(NOTES).annotations) + [c.attached for c in carry(
        sample, NOTES.parent, NOTES, version_label)[0]]
    tagged = {a.pair + 1 for a in notes if a.pair is not None and "geographic-scope" in a.annotation.tags}
    option = page.locator("#f-tag option", has_text="#geographic-scope ")
    assert option.inner_text() == f"#geographic-scope ({len(tagged)})"
    page.select_option("#f-tag", value=option.get_attribute("value"))
    shown_pairs = {int(x) for x in page.eval_on_selector_all(
        "#pairs li:not(.hidden)", "els => els.map(e => e.dataset.pair)")}
    assert shown_pairs == tagged and 0 < len(tagged) < len(sample.pairs)
    assert page.locator("section.pair:not(.hidden)").count() == len(tagged)
    page.keyboard.press("x")
    assert page.locator("#pairs li.hidden").count() == 0

    # the search finds "geographic" in the text (case ignored) and goes to it
    page.fill("#search", "geographic")
    page.press("#search", "Enter")
    here = page.locator("mark.here").first
    here.wait_for()
    assert here.inner_text().lower() == "geographic" and _in_view(page, here)
    count = int(re.match(r"(\d+) match", page.inner_text("#search-count")).group(1))
    expected = sum(s.text.lower().count("geographic") + (s.heading or "").lower().count("geographic")
                   for s in {id(s): s for p in sample.pairs for s in (p.old, p.new) if s is not None}.values())
    assert count >= expected > 0  # a section shown in several parts of a split is searched in each

    assert errors == [] and requests == [url]  # nothing failed, nothing was asked of the network
    context.close()


def _in_view(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and 0 <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"]


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).replace("’", "").replace("'", "")
    return re.sub(r"[^\w]+", " ", text).lower().split()


def _print(report, pdf, query: str = "") -> list[tuple[list[str], list[str], list[str]]]:
    """Print the report with Chromium; per page, its words, and those of its left and right halves."""
    subprocess.run([CHROMIUM, "--headless", *ARGS, "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                    report.as_uri() + query], check=True, capture_output=True, timeout=120)
    with pdfplumber.open(pdf) as doc:
        out = []
        for page in doc.pages:
            mid = page.width / 2
            halves = [page.crop((0, 0, mid, page.height)), page.crop((mid, 0, page.width, page.height))]
            left, right = ([w["text"] for w in h.extract_words()] for h in halves)
            out.append(([w["text"] for w in page.extract_words()], left, right))
        return out


@needs_chromium
def test_the_printed_report_holds_every_change(report, sample, tmp_path):
    """Side by side (the default) old text prints in the left column, new text in the right; inline every
    change prints in reading order. Each paragraph of each change is read back in order from the PDF."""
    sbs = _print(report, tmp_path / "sbs.pdf")
    left = _words(" ".join(w for page in sbs for w in page[1]))
    right = _words(" ".join(w for page in sbs for w in page[2]))
    inline = _print(report, tmp_path / "inline.pdf", "?view=inline")
    flow = _words(" ".join(w for page in inline for w in page[0]))
    assert len(sbs) > 10 and len(inline) > 10
    checked = 0
    for p in sample.pairs:
        for c in p.changes:
            for side, stream in (("old", left), ("new", right)):
                text = c.old if side == "old" else c.new
                for piece in text.split("\n\n"):
                    words = _words(piece)
                    if words:
                        assert _contains(stream, words), ("side by side", side, piece[:80])
                        assert _contains(flow, words), ("inline", side, piece[:80])
                        checked += 1
    assert checked > 200


def _contains(stream: list[str], words: list[str]) -> bool:
    """`words` one after another somewhere in `stream`."""
    n = len(words)
    return any(stream[i:i + n] == words for i, w in enumerate(stream) if w == words[0])
