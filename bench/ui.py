"""UI latency benchmark, driven by Textual's Pilot in a headless terminal of 120×40.

    python bench/ui.py [--repeat 30] [--scale 20]

For each action (next change, toggle side-by-side/inline, select the next section),
the time from the key press to the first repaint of the screen after it (the app's
display hook, which the headless driver calls for every screen update), median and
90th percentile over `--repeat` presses; and the time until the last repaint the key
caused (later batches of rows, scrolling);
on the bundled sample pair, then on the pair scaled `--scale` times (as in
bench/compare.py), where the outline holds every section and long sections mount
their rows in batches; then the series view on the bundled series (next and
previous clause: the history of the clause is rendered anew).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from compare import common_words, scaled  # noqa: E402

from diffy.comparison.compare import Comparison, compare  # noqa: E402
from diffy.ingest import load_document  # noqa: E402
from diffy.tui.app import DiffyApp  # noqa: E402

ACTIONS = [("next change", "n"), ("toggle mode", "v"), ("select section", "down")]


Times = dict[str, list[tuple[float, float]]]


async def measure(cmp: Comparison, repeat: int) -> tuple[float, Times]:
    return await measure_app(DiffyApp(comparison=cmp, labels=("old", "new")), ACTIONS, repeat)


async def measure_app(app: DiffyApp, actions: list[tuple[str, str]], repeat: int,
                      ready=lambda app: True) -> tuple[float, Times]:
    painted: list[float] = []
    display = app._display

    def hooked(screen, renderable) -> None:
        if renderable is not None:
            painted.append(time.perf_counter())
        display(screen, renderable)

    app._display = hooked  # type: ignore[method-assign]
    t = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        while not ready(app):
            await pilot.pause(0.05)
        await pilot.pause(0.5)
        opened = (painted[-1] if painted else time.perf_counter()) - t
        times: Times = {name: [] for name, _ in actions}
        for _ in range(repeat):
            for name, key in actions:
                await pilot.pause(0.05)  # let earlier work finish so each press starts from rest
                painted.clear()
                t = time.perf_counter()
                await pilot.press(key)
                await pilot.pause(0.2)
                if painted:
                    times[name].append((painted[0] - t, painted[-1] - t))
    return opened, times


def report(title: str, opened: float, times: Times, what: str = "the comparison screen") -> None:
    print(title)
    print(f"  open {what} (last paint)   {opened * 1000:7.0f} ms")
    print(f"  {'key press to':<18} {'first repaint':>28} {'last repaint':>28}")
    for name, ts in times.items():
        first = sorted(a for a, _ in ts)
        last = sorted(b for _, b in ts)
        print(f"  {name:<18} median {statistics.median(first) * 1000:6.1f} ms  p90 {_p90(first) * 1000:6.1f} ms"
              f"   median {statistics.median(last) * 1000:6.1f} ms  p90 {_p90(last) * 1000:6.1f} ms")


def _p90(xs: list[float]) -> float:
    return xs[min(len(xs) - 1, int(0.9 * len(xs)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--scale", type=int, default=20)
    args = ap.parse_args()
    old = load_document(ROOT / "documents/meridian/1998.pdf")
    new = load_document(ROOT / "documents/meridian/2016.pdf")
    report("sample pair (1998 → 2016)", *asyncio.run(measure(compare(old, new), args.repeat)))
    common = common_words(old, new)
    big = compare(scaled(old, args.scale, common), scaled(new, args.scale, common))
    report(f"sample pair scaled {args.scale}× ({len(big.pairs)} pairs)", *asyncio.run(measure(big, args.repeat)))
    report_series(args.repeat)


def report_series(repeat: int) -> None:
    """The series view on the bundled series: the next clause's history, key press to repaint."""
    from diffy.tui.series import SeriesScreen

    app = DiffyApp(series=ROOT / "documents/meridian")
    opened, times = asyncio.run(measure_app(app, [("next clause", "down"), ("previous clause", "up")], repeat,
                                            lambda a: isinstance(a.screen, SeriesScreen)))
    report("series view (1979 → 1998 → 2016; opening reads the three versions, cached or not)", opened, times,
           "the series view")


if __name__ == "__main__":
    main()
