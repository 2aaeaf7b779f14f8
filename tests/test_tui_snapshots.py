"""SVG snapshots of the UI on the bundled sample pair (pytest-textual-snapshot).

After a deliberate change of the UI, look at the new snapshots, then refresh them with
`pytest tests/test_tui_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import asyncio

from textual.app import App

from diffy.comparison.compare import compare
from diffy.tui.app import DiffyApp
from diffy.tui.diffview import DiffView
from diffy.tui.loading import LoadingScreen, Progress
from tests.conftest import ROOT, parsed

SAMPLE = ROOT / "documents" / "meridian"


def sample_app() -> DiffyApp:
    cmp = compare(parsed(str(SAMPLE / "1998.pdf")), parsed(str(SAMPLE / "2016.pdf")))
    notes = ROOT / "annotations" / "meridian-1998--2016.json"
    return DiffyApp(comparison=cmp, labels=("1998", "2016"), annotations=notes)


async def all_rows_mounted(pilot) -> None:
    """Wait until the comparison screen shows a pair."""
    for _ in range(200):
        await pilot.pause()
        views = pilot.app.screen.query(DiffView)
        if views and views.first().pair is not None:
            break
        await asyncio.sleep(0.02)
    await pilot.pause()


def test_main_screen_120x40(snap_compare):
    assert snap_compare(sample_app(), terminal_size=(120, 40), press=["n", "n"], run_before=all_rows_mounted)


def test_main_screen_80x24(snap_compare):
    assert snap_compare(sample_app(), terminal_size=(80, 24), press=["n"], run_before=all_rows_mounted)


def test_inline_mode(snap_compare):
    assert snap_compare(sample_app(), terminal_size=(120, 40), press=["n", "n", "v"], run_before=all_rows_mounted)


def test_light_theme(snap_compare):
    async def light(pilot) -> None:
        pilot.app.theme = "textual-light"
        await all_rows_mounted(pilot)

    assert snap_compare(sample_app(), terminal_size=(120, 40), press=["n", "n"], run_before=light)


def test_help(snap_compare):
    assert snap_compare(sample_app(), terminal_size=(120, 40), press=["question_mark"], run_before=all_rows_mounted)


class LoadingDemo(App[None]):
    CSS_PATH = ROOT / "diffy" / "tui" / "app.tcss"

    def on_mount(self) -> None:
        screen = LoadingScreen(("1998.pdf", "2016.pdf"))
        self.push_screen(screen)
        self.call_after_refresh(screen.progress, Progress(0, 14, 14))
        self.call_after_refresh(screen.progress, Progress(1, 6, 17))


def test_loading(snap_compare):
    assert snap_compare(LoadingDemo(), terminal_size=(120, 40))


class SampleSeriesApp(DiffyApp):
    """The bundled series, read through the test session's parse cache, at the geographic-scope clause."""

    def on_mount(self, event) -> None:
        from diffy.series import history

        event.prevent_default()  # not DiffyApp's own start: nothing to read
        from diffy.tui.series import SeriesScreen

        self.series = history.read(SAMPLE, lambda k, v: parsed(str(v.path)))
        clause = next(k for k, steps in enumerate(self.series.clauses)
                      if steps[0].heading and steps[0].heading.startswith("III. Meridian"))
        self.push_screen(SeriesScreen(self.series, clause))


def test_series_view(snap_compare):
    assert snap_compare(SampleSeriesApp(), terminal_size=(120, 40), run_before=lambda pilot: pilot.pause())
