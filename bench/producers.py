"""Print a series with ground truth through other PDF producers, then score diffy on them.

    python bench/producers.py [--series ../shared/corpus/meridian] [--out DIR] [--no-score]

The corpus series come in the layouts their authors drew; held-out series come
from producers diffy has not seen. This script renders each version's
`src/<version>.md` with whichever of these tools are installed (none is a
dependency of diffy; on Debian: chromium, libreoffice-writer, pandoc,
texlive-latex-recommended) and writes `<out>/pdf/<version>.<layout>.pdf`:

- `chrome`: Markdown → HTML → headless Chromium, its own page header and
  footer, default styles (vertically centred table cells);
- `serif`: Chromium, italic body-size level-3 and underlined level-4 headings,
  ruled tables;
- `justify`: Chromium, justified and hyphenated text, indented paragraphs,
  unruled tables with justified cells;
- `lo`: pandoc → DOCX → LibreOffice Writer (curled quotes, unruled tables);
- `latex`: pandoc → pdfLaTeX (no space characters in the PDF, TeX hyphenation,
  booktabs tables).

Then it runs `../shared/eval/score.py series <out>` with the series' truth.json.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent
CSS = {
    "chrome": "",
    "serif": "table{border-collapse:collapse} td,th{border:0.5pt solid #444;padding:3pt} "
             "body{font-family:'DejaVu Serif',serif;font-size:10.5pt;line-height:1.35;max-width:40em;margin:auto} "
             "h1{font-size:16pt;text-align:center} h2{font-size:12pt} "
             "h3{font-size:10.5pt;font-style:italic;font-weight:normal} "
             "h4{font-size:10.5pt;font-weight:normal;text-decoration:underline}",
    "justify": "td{vertical-align:top;padding:2pt 6pt} "
               "body{font-family:'Liberation Sans',sans-serif;font-size:10pt;text-align:justify;hyphens:auto} "
               "h1{font-size:14pt} h2{font-size:11pt} h3{font-size:10pt} "
               "h4{font-size:10pt;font-weight:normal;font-style:italic} p{margin:0 0 .6em 0;text-indent:1.5em}",
}
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium(src: Path, version: str, work: Path, out: Path) -> list[str]:
    exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if exe is None:
        return []
    body = MarkdownIt("commonmark").enable("table").render(src.read_text(encoding="utf-8"))
    for name, css in CSS.items():
        html = work / f"{version}.{name}.html"
        html.write_text(f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{version}</title>"
                        f"<style>{css}</style></head><body>{body}</body></html>", encoding="utf-8")
        extra = [] if name == "chrome" else ["--no-pdf-header-footer"]
        subprocess.run([exe, *CHROMIUM_FLAGS, *extra, f"--user-data-dir={work / 'profile'}",
                        f"--print-to-pdf={out / f'{version}.{name}.pdf'}", html.as_uri()],
                       check=True, capture_output=True)
    return list(CSS)


def libreoffice(src: Path, version: str, work: Path, out: Path) -> list[str]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pandoc") is None:
        return []
    docx = work / f"{version}.docx"
    subprocess.run(["pandoc", str(src), "-o", str(docx)], check=True)
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(work), str(docx)],
                   check=True, capture_output=True)
    (work / f"{version}.pdf").replace(out / f"{version}.lo.pdf")
    return ["lo"]


def latex(src: Path, version: str, work: Path, out: Path) -> list[str]:
    if shutil.which("pdflatex") is None or shutil.which("pandoc") is None:
        return []
    tex = work / f"{version}.tex"  # "#" is the title, "##" a \section
    subprocess.run(["pandoc", str(src), "-s", "--shift-heading-level-by=-1", "-V", "geometry:margin=1in",
                    "-o", str(tex)], check=True)
    subprocess.run(["pdflatex", "-interaction=nonstopmode", "-output-directory", str(work), str(tex)],
                   check=True, capture_output=True)
    (work / f"{version}.pdf").replace(out / f"{version}.latex.pdf")
    return ["latex"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--series", type=Path, default=ROOT.parent / "shared" / "corpus" / "meridian")
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "diffy-producers")
    ap.add_argument("--no-score", action="store_true")
    args = ap.parse_args()
    truth = args.series / "truth.json"
    if not truth.exists():
        print(f"{args.series}: no truth.json (is ../shared beside the checkout?)", file=sys.stderr)
        return 2
    pdfs = args.out / "pdf"
    shutil.rmtree(args.out, ignore_errors=True)
    pdfs.mkdir(parents=True)
    shutil.copy(truth, args.out / "truth.json")
    (args.out / "src").symlink_to((args.series / "src").resolve())
    layouts: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        for src in sorted((args.series / "src").glob("*.md")):
            for render in (chromium, libreoffice, latex):
                layouts.update(render(src, src.stem, Path(tmp), pdfs))
    if not layouts:
        print("none of chromium, libreoffice (with pandoc) or pdflatex (with pandoc) is installed", file=sys.stderr)
        return 2
    print(f"{args.out}: layouts {', '.join(sorted(layouts))}", file=sys.stderr)
    if args.no_score:
        return 0
    env = {**os.environ, "DIFFY": f"{sys.executable} -m diffy"}
    return subprocess.run([sys.executable, str(ROOT.parent / "shared" / "eval" / "score.py"), "series",
                           str(args.out)], cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
