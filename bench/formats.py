"""Word files and web pages: how long they take to read, against Markdown and PDF, and how reading scales.

    python bench/formats.py [--no-libreoffice]

Needs pandoc (it writes the Meridian sources as .docx and .html, as the tests
do) and the evaluation corpus in ../shared. Prints:

1. in-process CPU time to read each Meridian version as Markdown, .docx, .html
   and PDF (the PDF cold, without the parse cache, and from the cache), best of 5
   (the PDF cold: best of 2) — the figures behind not caching Word and HTML;
2. whole `diffy parse` processes on large synthetic files (CPU seconds and peak
   memory), up to the size limits (`ooxml.MAX_PART_BYTES`, `webpage.MAX_BYTES`);
3. with LibreOffice: each .docx printed to PDF by LibreOffice and compared with
   the .docx itself (changed words, pairs not `same`).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from diffy.comparison.compare import compare  # noqa: E402
from diffy.ingest import ReadOptions, load_document  # noqa: E402

MERIDIAN = ROOT.parent / "shared" / "corpus" / "meridian"
VERSIONS = ("1979", "1998", "2016")
_CHILD = ("import resource, sys, time\nfrom diffy.cli import main\nt = time.process_time()\nrc = main(sys.argv[1:])\n"
          "print('bench', time.process_time() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
          "file=sys.stderr)\nsys.exit(rc)\n")


def cpu(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def make_formats(work: Path) -> None:
    for v in VERSIONS:
        src = str(MERIDIAN / "src" / f"{v}.md")
        subprocess.run(["pandoc", src, "-o", str(work / f"{v}.docx")], check=True)
        subprocess.run(["pandoc", "-f", "markdown-fancy_lists", "-s", "--metadata", f"pagetitle={v}", src, "-o",
                        str(work / f"{v}.html")], check=True)


def reading(work: Path) -> None:
    os.environ["DIFFY_CACHE_DIR"] = str(work / "cache")
    print("1. reading one Meridian version, in process (CPU ms)")
    print(f"{'version':<8} {'md':>8} {'docx':>8} {'html':>8} {'pdf cold':>9} {'pdf cached':>11}")
    for v in VERSIONS:
        pdf = MERIDIAN / "pdf" / f"{v}.plain.pdf"
        row = [cpu(lambda p=p: load_document(p), 5) for p in
               (MERIDIAN / "src" / f"{v}.md", work / f"{v}.docx", work / f"{v}.html")]
        row.append(cpu(lambda pdf=pdf: load_document(pdf, ReadOptions(cache=False, jobs=1)), 2))
        load_document(pdf)
        row.append(cpu(lambda pdf=pdf: load_document(pdf), 5))
        print(f"{v:<8} " + " ".join(f"{ms * 1000:>{width}.1f}" for ms, width in zip(row, (8, 8, 8, 9, 11),
                                                                                     strict=True)))


def _process(path: Path) -> tuple[float, int, int]:
    p = subprocess.run([sys.executable, "-c", _CHILD, "parse", str(path)], capture_output=True, text=True, cwd=ROOT)
    line = next(x for x in p.stderr.splitlines() if x.startswith("bench "))
    _, seconds, kb = line.split()
    return float(seconds), int(kb) // 1024, p.returncode


def scaling(work: Path) -> None:
    print("\n2. whole `diffy parse` processes on large files (CPU s of diffy's work, peak MiB of the process)")
    print(f"{'file':<44} {'MB':>6} {'CPU s':>7} {'peak MiB':>9} {'exit':>5}")
    base = zipfile.ZipFile(work / "2016.docx")
    xml = base.read("word/document.xml")
    at = xml.index(b"<w:body>") + len(b"<w:body>")
    para = b"<w:p><w:r><w:t>Paragraph %d of a long policy, with enough words in it to be a real one.</w:t></w:r></w:p>"
    for n in (25_000, 100_000, 250_000):
        path = work / f"long-{n}.docx"
        body = xml[:at] + b"".join(para % k for k in range(n)) + xml[at:]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name in base.namelist():
                z.writestr(name, body if name == "word/document.xml" else base.read(name))
        seconds, mib, code = _process(path)
        print(f"{f'Word, {n:,} paragraphs':<44} {len(body) / 1e6:>6.1f} {seconds:>7.2f} {mib:>9} {code:>5}")
    section = "<h2>{k}. Section</h2>" + "<p>Some policy words here and there, <b>quite</b> a few of them.</p>\n" * 20
    for n in (1_000, 5_000, 10_000):
        path = work / f"long-{n}.html"
        path.write_text("<html><body>" + "".join(section.format(k=k) for k in range(n)) + "</body></html>")
        seconds, mib, code = _process(path)
        size = path.stat().st_size / 1e6
        print(f"{f'web page, {n:,} sections, {21 * n:,} blocks':<44} {size:>6.1f} {seconds:>7.2f} {mib:>9} {code:>5}")


def libreoffice(work: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("\n3. LibreOffice is not installed: skipped")
        return
    print("\n3. each .docx printed to PDF by LibreOffice, compared with the .docx")
    out = work / "lo"
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out),
                    *(str(work / f"{v}.docx") for v in VERSIONS)], check=True, capture_output=True)
    for v in VERSIONS:
        cmp = compare(load_document(work / f"{v}.docx"), load_document(out / f"{v}.pdf"))
        s = cmp.summary()
        others = {r: n for r, n in s["pairs"].items() if n and r != "same"}
        print(f"{v}: {len(cmp.pairs)} pairs, {s['pairs']['same']} same, others {others or 'none'}; "
              f"{s['words_inserted']} words inserted, {s['words_deleted']} deleted")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-libreoffice", action="store_true")
    args = ap.parse_args()
    if shutil.which("pandoc") is None or not MERIDIAN.is_dir():
        sys.exit("needs pandoc and ../shared/corpus/meridian")
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        make_formats(work)
        reading(work)
        scaling(work)
        if not args.no_libreoffice:
            libreoffice(work)


if __name__ == "__main__":
    main()
