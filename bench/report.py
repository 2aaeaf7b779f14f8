"""The HTML report: its size, how soon headless Chromium paints it, and how long printing it takes.

    python bench/report.py [--repeat 5] [--scales 1,10]

Needs Debian's `chromium` and Playwright (the test extra). For the sample pair
(with its bundled notes) it writes the report with `python -m diffy export
--format html` (a whole process, warm parse cache), then opens it from file://
in a fresh browser context `--repeat` times and reads the browser's own paint
timing (`first-contentful-paint`, from the start of navigation) and the end of
the page's load event; it prints the median and the slowest run. Then
`chromium --headless --print-to-pdf` prints it (wall time of the process, and
pages). `--scales` also renders the pair's sections repeated k times (as in
bench/compare.py) in process, to show how size and paint grow. `--screenshot
FILE` also saves the README's picture of the report (1100×700, at section II
with its second change current).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SAMPLE = ROOT / "documents" / "meridian"
NOTES = ROOT / "annotations" / "meridian-1998--2016.json"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
TIMING = """() => new Promise((resolve) => {
  const start = performance.now();
  const look = () => {
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    const nav = performance.getEntriesByType("navigation")[0];
    if (paint || performance.now() - start > 5000) resolve([paint ? paint.startTime : NaN, nav.loadEventEnd]);
    else requestAnimationFrame(look);
  };
  look();
})"""


def paint_times(browser, path: Path, repeat: int) -> list[tuple[float, float]]:
    """(first contentful paint, load event end) in ms, one fresh context per run."""
    out = []
    for _ in range(repeat):
        context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
        page = context.new_page()
        page.goto(path.as_uri(), wait_until="load")
        fcp, load = page.evaluate(TIMING)
        out.append((fcp, load))
        context.close()
    return out


def shoot(browser, report: Path, out: Path) -> None:
    """The README's picture: section II side by side from its heading, its second change current."""
    context = browser.new_context(viewport={"width": 1100, "height": 700}, offline=True)
    page = context.new_page()
    page.goto(report.as_uri())
    link = page.locator("#pairs li", has_text="II. Basic Premises").locator("a")
    link.click()
    page.keyboard.press("n")
    page.keyboard.press("n")
    page.locator("section.pair.current h2").evaluate("h => window.scrollTo(0, h.getBoundingClientRect().top + "
                                                     "window.scrollY - 8)")
    link.blur()
    page.screenshot(path=str(out))
    context.close()
    print(f"wrote {out} ({out.stat().st_size / 1e3:.0f} kB)")


def line(name: str, size: int, times: list[tuple[float, float]]) -> None:
    fcp = [t[0] for t in times]
    load = [t[1] for t in times]
    print(f"{name:<28} {size / 1e6:7.2f} MB   first paint median {statistics.median(fcp):6.0f} ms  "
          f"max {max(fcp):6.0f} ms   loaded median {statistics.median(load):6.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--scales", default="1,10")
    ap.add_argument("--screenshot", metavar="FILE", help="save a PNG of the sample report here")
    args = ap.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("bench/report.py needs Chromium (Debian: apt-get install chromium)")
    from compare import common_words, scaled
    from playwright.sync_api import sync_playwright

    from diffy.comparison.compare import compare
    from diffy.export.html import render_html
    from diffy.ingest import load_document

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        env = {**os.environ, "DIFFY_CACHE_DIR": os.environ.get("DIFFY_CACHE_DIR", str(Path(tmp) / "cache"))}
        report = Path(tmp) / "report.html"
        export = [sys.executable, "-m", "diffy", "export", str(SAMPLE / "1998.pdf"), str(SAMPLE / "2016.pdf"),
                  "--format", "html", "--annotations", str(NOTES), "-o", str(report), "--force"]
        subprocess.run(export, cwd=ROOT, env=env, check=True, capture_output=True)  # fills the parse cache
        t = time.perf_counter()
        subprocess.run(export, cwd=ROOT, env=env, check=True, capture_output=True)
        written = time.perf_counter() - t
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        paint_times(browser, report, 1)  # the browser's own first start is not the page's
        print(f"diffy export --format html, sample pair (warm cache, whole process): {written:.2f} s")
        line("sample pair (1998 → 2016)", report.stat().st_size, paint_times(browser, report, args.repeat))
        if args.screenshot:
            shoot(browser, report, Path(args.screenshot))
        old, new = load_document(SAMPLE / "1998.pdf"), load_document(SAMPLE / "2016.pdf")
        common = common_words(old, new)
        for k in (int(x) for x in args.scales.split(",") if x.strip() and int(x) > 1):
            big = Path(tmp) / f"report-{k}.html"
            cmp = compare(scaled(old, k, common), scaled(new, k, common))
            big.write_text(render_html(cmp, labels=("1998", "2016")), encoding="utf-8")
            line(f"sample pair scaled {k}× ({len(cmp.pairs)} pairs)", big.stat().st_size,
                 paint_times(browser, big, args.repeat))
        browser.close()
        pdf = Path(tmp) / "report.pdf"
        t = time.perf_counter()
        subprocess.run([chromium, "--headless", *ARGS, "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                        report.as_uri()], check=True, capture_output=True, timeout=300)
        printed = time.perf_counter() - t
        import pdfplumber

        with pdfplumber.open(pdf) as doc:
            pages = len(doc.pages)
        print(f"chromium --headless --print-to-pdf, sample report: {printed:.2f} s, {pages} pages, "
              f"{pdf.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
