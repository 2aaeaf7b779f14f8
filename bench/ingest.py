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

from diffy.ingest import load_document  # noqa: E402

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
]


def bare(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.flush_cache()
        return len(pdf.pages)


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
            d = min(d, timed(load_document, f))
        tot_b += b
        tot_d += d
        print(f"{f.name[:44]:44} {pages:5d} {1000 * b / pages:10.1f} {1000 * d / pages:11.1f} "
              f"{100 * (d / b - 1):8.1f}%")
    print(f"{'all files':44} {'':5} {'':10} {'':11} {100 * (tot_d / tot_b - 1):8.1f}%")


if __name__ == "__main__":
    main()
