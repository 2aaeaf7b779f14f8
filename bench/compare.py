"""Comparison benchmark: align + diff against ingest, and scaling with document size.

    python bench/compare.py [--scales 1,5,20]

Measures, in one run and in CPU time of this process:
- cold ingest of the bundled sample pair (both PDFs) and `compare()` on it;
- with ../shared beside the checkout, the same for each real pair of ../shared/corpus/real (ingest in
  one process, `--jobs 1`, so that CPU time counts all of it), and `compare()` on the longest real
  pair (by words) repeated 1, 2 and 4 times: time per word should stay flat;
- `compare()` on synthetic pairs made by repeating the sample's sections k times.
  Each copy keeps the pair's 200 most frequent words (its shared domain
  vocabulary) and tags every other word with its copy number, so that a k-times
  larger document has k times as much distinct text, as a real longer document
  would, rather than k near-identical copies of each section. Prints time and
  peak memory (tracemalloc) per scale.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from diffy.comparison.compare import compare  # noqa: E402
from diffy.ingest import ReadOptions, load_document  # noqa: E402
from diffy.model import Document, Section  # noqa: E402


def cpu(fn, *args):
    t = time.process_time()
    out = fn(*args)
    return time.process_time() - t, out


def tag(text: str | None, k: int, common: frozenset[str] = frozenset()) -> str | None:
    if text is None or k == 0:
        return text
    return " ".join(w if w.lower() in common else f"{w}{k}" for w in text.split(" "))


def common_words(*docs: Document, n: int = 200) -> frozenset[str]:
    counts = Counter(w.lower() for d in docs for s in d.sections for w in s.text.split())
    return frozenset(w for w, _ in counts.most_common(n))


def scaled(doc: Document, times: int, common: frozenset[str]) -> Document:
    """The document's sections repeated `times` times, each copy with its own words."""
    sections: list[Section] = []
    for k in range(times):
        for s in doc.sections:
            sections.append(dataclasses.replace(
                s, id=f"{s.id}-{k}", parent=f"{s.parent}-{k}" if s.parent else None,
                heading=tag(s.heading, k, common), title=tag(s.title, k, common),
                paragraphs=tuple(tag(p, k, common) or "" for p in s.paragraphs)))
    return dataclasses.replace(doc, sections=tuple(sections))


REAL = ROOT.parent / "shared" / "corpus" / "real"


def words(doc: Document) -> int:
    return sum(len(s.text.split()) for s in doc.sections)


@dataclasses.dataclass
class RealPair:
    name: str
    pages: int
    words: int
    ingest: float  # CPU seconds, both versions, cold, in one process
    compare: float  # CPU seconds, best of the repeats
    old: Document
    new: Document


def measure_real(repeat: int) -> list[RealPair]:
    """Cold ingest and align + diff of each real pair of ../shared/corpus/real (none without it)."""
    fresh = ReadOptions(cache=False, jobs=1)
    out = []
    for series in sorted(p for p in REAL.iterdir() if p.is_dir()) if REAL.is_dir() else ():
        pdfs = sorted((series / "pdf").glob("*.pdf"))
        for a, b in zip(pdfs, pdfs[1:], strict=False):
            ingest, (old, new) = cpu(lambda a=a, b=b: (load_document(a, fresh), load_document(b, fresh)))
            compare(old, new)
            t = min(cpu(compare, old, new)[0] for _ in range(repeat))
            out.append(RealPair(f"{series.name} {a.stem} → {b.stem}", old.pages + new.pages,
                                words(old) + words(new), ingest, t, old, new))
    return out


def real_pairs(repeat: int) -> None:
    """Align + diff against cold ingest on each real pair, and the longest one scaled."""
    pairs = measure_real(repeat)
    if not pairs:
        print("real pairs skipped: ../shared/corpus/real is not here")
        return
    print(f"{'real pair':<28} {'pages':>6} {'words':>7} {'ingest ms':>10} {'align+diff ms':>14} {'share':>7}")
    for r in pairs:
        print(f"{r.name:<28} {r.pages:6d} {r.words:7d} {r.ingest * 1000:10.0f} {r.compare * 1000:14.0f} "
              f"{100 * r.compare / r.ingest:6.1f}%")
    longest = max(pairs, key=lambda r: r.words)
    print()
    print(f"{'longest real pair ×k':<22} {'words':>8} {'align+diff ms':>14} {'ms / 1000 words':>16}")
    common = common_words(longest.old, longest.new)
    for k in (1, 2, 4):
        a, b = scaled(longest.old, k, common), scaled(longest.new, k, common)
        t = min(cpu(compare, a, b)[0] for _ in range(repeat if k < 4 else 1))
        w = words(a) + words(b)
        print(f"{k:<22d} {w:8d} {t * 1000:14.0f} {t * 1e6 / w:16.1f}")
    print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scales", default="1,5,20")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    old_pdf, new_pdf = ROOT / "documents/meridian/1998.pdf", ROOT / "documents/meridian/2016.pdf"
    fresh = ReadOptions(cache=False, jobs=1)  # cold, and in this process so that CPU time counts all of it
    ingest = min(cpu(lambda: (load_document(old_pdf, fresh), load_document(new_pdf, fresh)))[0]
                 for _ in range(args.repeat))
    old, new = load_document(old_pdf), load_document(new_pdf)
    compare(old, new)  # warm up: imports and compiled patterns are not part of the figure
    base = min(cpu(compare, old, new)[0] for _ in range(args.repeat))
    print(f"cold ingest of the sample pair       {ingest * 1000:9.0f} ms")
    print(f"align + diff of the sample pair      {base * 1000:9.0f} ms   ({100 * base / ingest:.1f} % of ingest)")
    print()
    real_pairs(args.repeat)
    print(f"{'scale':>5} {'sections':>9} {'align+diff ms':>14} {'× 1× time':>10} {'peak MiB':>9}")
    first = None
    for k in (int(x) for x in args.scales.split(",")):
        common = common_words(old, new)
        a, b = scaled(old, k, common), scaled(new, k, common)
        t = min(cpu(compare, a, b)[0] for _ in range(args.repeat if k < 20 else 2))
        tracemalloc.start()
        compare(a, b)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        first = first or t
        print(f"{k:5d} {len(a.sections) + len(b.sections):9d} {t * 1000:14.0f} {t / first:10.1f} {peak:9.1f}")


if __name__ == "__main__":
    main()
