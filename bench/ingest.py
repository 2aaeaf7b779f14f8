"""Ingest benchmark: diffy's PDF ingest against bare pdfplumber `extract_words`, in one run.

    python bench/ingest.py [PDF ...]

Without arguments it measures the Meridian corpus and a few real-world PDFs from
../shared/corpus (when present) and the bundled sample. Prints ms/page for both and
diffy's overhead on top of pdfplumber. Times are CPU time of this process
(`time.process_time`), which other tenants of a shared machine disturb far less
than wall-clock time; each file is measured `--repeat` times, alternating the
two, and the best of each is kept.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from diffy.ingest import ReadOptions, load_document  # noqa: E402
from diffy.ingest.document import document_from_pages  # noqa: E402
from diffy.ingest.pdf import _read_page  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
DEFAULT = [
    ROOT / "documents/meridian/1998.pdf",
    ROOT / "documents/meridian/2016.pdf",
    SHARED / "meridian/pdf/2016.twocol.pdf",
    SHARED / "meridian/pdf/2016.mono.pdf",
    SHARED / "wild/dmca.pdf",
    SHARED / "wild/federal-register-2020-17221.pdf",
    SHARED / "wild/i1040nr.pdf",
    SHARED / "wild/WARN-Report-for-7-1-2015-to-03-25-2016.pdf",
    SHARED / "real/nist-csf/pdf/1.1.pdf",
    SHARED / "real/sp800-46/pdf/r2.pdf",
    SHARED / "real/amazon-dsa/pdf/2024.pdf",
]


def bare(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.flush_cache()
        return len(pdf.pages)


def own_work(path: Path, repeat: int) -> tuple[float, float]:
    """(pdfplumber's time, diffy's own time) for one file, measured on the same parsed pages.

    Per page, pdfplumber's part is parsing the page plus `extract_words`; diffy's own
    part is what its page reader adds on top of `extract_words` once the page is
    parsed (font attributes, watermark and table checks, typed words), plus the
    whole layout analysis. Measuring both on the same parsed objects removes the
    parse time, by far the largest and noisiest cost, from the comparison.
    """
    plumber = own = 0.0
    pages = []
    with pdfplumber.open(path) as pdf:
        for i, page in enumerate(pdf.pages):
            t = time.process_time()
            page.extract_words()
            plumber += time.process_time() - t
            bare_words = min(timed(page.extract_words) for _ in range(repeat))
            ours = float("inf")
            for _ in range(repeat):
                t = time.process_time()
                result = _read_page(page, i)
                ours = min(ours, time.process_time() - t)
            own += max(0.0, ours - bare_words)
            pages.append(result)
            page.flush_cache()
    own += min(timed(document_from_pages, pages, str(path), "", path) for _ in range(repeat))
    return plumber, own


def timed(fn, *args) -> float:
    t = time.process_time()
    fn(*args)
    return time.process_time() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    files = [f for f in (args.files or DEFAULT) if f.exists()]
    print(f"{'file':44} {'pages':>5} {'bare ms/p':>10} {'diffy ms/p':>11} {'overhead':>9}")
    tot_b = tot_d = 0.0
    for f in files:
        pages = bare(f)
        b = d = float("inf")
        for _ in range(args.repeat):
            b = min(b, timed(bare, f))
            d = min(d, timed(load_document, f, ReadOptions(cache=False, jobs=1)))
        tot_b += b
        tot_d += d
        print(f"{f.name[:44]:44} {pages:5d} {1000 * b / pages:10.1f} {1000 * d / pages:11.1f} "
              f"{100 * (d / b - 1):8.1f}%")
    print(f"{'all files':44} {'':5} {'':10} {'':11} {100 * (tot_d / tot_b - 1):8.1f}%")
    print()
    print("diffy's own work on top of pdfplumber, measured on the same parsed pages:")
    print(f"{'file':44} {'pdfplumber ms/p':>16} {'diffy own ms/p':>15} {'share':>7}")
    tot_p = tot_o = 0.0
    for f in files:
        with pdfplumber.open(f) as pdf:
            pages = len(pdf.pages)
        p, o = own_work(f, args.repeat)
        tot_p += p
        tot_o += o
        print(f"{f.name[:44]:44} {1000 * p / pages:16.1f} {1000 * o / pages:15.1f} {100 * o / p:6.1f}%")
    print(f"{'all files':44} {'':16} {'':15} {100 * tot_o / tot_p:6.1f}%")


if __name__ == "__main__":
    main()
