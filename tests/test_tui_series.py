"""The series view through Textual's Pilot: clauses, a clause's history, two versions opened, and back."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from diffy.cli import main
from diffy.tui.app import DiffyApp
from diffy.tui.dialogs import ChoiceScreen, ErrorScreen
from diffy.tui.screen import ComparisonScreen
from diffy.tui.series import SeriesScreen
from tests.test_tui import settle, visible_text

V2001 = """# Port Rules

## 1 Scope

These rules apply to vessels in the harbour.

## 2 Pilots

A pilot may board any vessel entering the harbour.

## 3 Berths

Berths are assigned by the harbour master in order of arrival.
"""

V2010 = """# Port Rules

## 1 Scope

These rules apply to vessels in the harbour and its approaches.

## 2 Pilotage

A pilot shall board every vessel entering the harbour.

## 3 Berths

Berths are assigned by the harbour master in order of arrival.

## 4 Fuel

Vessels shall not take on fuel at night.
"""

V2020 = """# Port Rules

## 1 Scope

These rules apply to vessels in the harbour, its approaches and the anchorage.

## 2 Pilotage

A pilot shall board every vessel entering the harbour, unless exempted in writing.

## 3 Berths

Berths are assigned by the harbour master in order of arrival.
"""


@pytest.fixture
def folder(tmp_path):
    for name, text in (("2001", V2001), ("2010", V2010), ("2020", V2020)):
        (tmp_path / f"{name}.md").write_text(text, encoding="utf-8")
    return tmp_path


def history_text(screen: SeriesScreen) -> str:
    return screen.history_text.plain


def highlighted(screen: SeriesScreen) -> str:
    return " ".join(s.heading or "" for s in screen.series.clauses[screen.clause])


async def test_series_view_shows_each_clause_history_and_opens_two_versions(folder):
    app = DiffyApp(series=folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, SeriesScreen))
        screen = app.screen
        assert "2001 → 2010 → 2020" in str(screen.query_one("#title-bar", Static).render())
        box = screen.query_one("#clauses", OptionList)
        assert box.option_count == len(screen.series.clauses)
        # the pilotage clause: renamed in 2010 with its modality changed, edited in 2020
        k = next(i for i, c in enumerate(screen.series.clauses) if c[0].heading == "2 Pilots")
        box.highlighted = screen.shown.index(k)
        await settle(pilot, lambda: screen.clause == k)
        text = history_text(screen)
        for part in ("2001", "introduced", "A pilot may board any vessel", "2010", "renamed",
                     "Heading in 2001: 2 Pilots", "Changes since 2001", "2020", "edited", "unless exempted"):
            assert part in text, part
        assert "A pilot may board any vessel" in visible_text(app)
        # the fuel clause: introduced in 2010, removed in 2020
        fuel = next(i for i, c in enumerate(screen.series.clauses) if c[0].heading == "4 Fuel")
        box.highlighted = screen.shown.index(fuel)
        await settle(pilot, lambda: screen.clause == fuel)
        assert "removed after 2010" in history_text(screen)
        # open 2001 → 2020 (not adjacent: compared on demand) at the pilotage clause
        box.highlighted = screen.shown.index(k)
        await settle(pilot, lambda: screen.clause == k)
        await pilot.press("o")
        await settle(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.press("down", "enter")
        await settle(pilot, lambda: isinstance(app.screen, ComparisonScreen))
        cmp_screen = app.screen
        await settle(pilot, lambda: cmp_screen.pair_index is not None)
        assert (cmp_screen.old_label, cmp_screen.new_label) == ("2001", "2020")
        pair = cmp_screen.cmp.pairs[cmp_screen.pair_index]
        assert pair.old is not None and pair.old.heading == "2 Pilots" and pair.new.heading == "2 Pilotage"
        await pilot.press("escape")
        await settle(pilot, lambda: app.screen is screen)
        assert screen.clause == k


async def test_filters_narrow_the_clauses(folder):
    app = DiffyApp(series=folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, SeriesScreen))
        screen = app.screen
        total = len(screen.shown)
        await pilot.press("c")  # clauses that changed: "3 Berths" never did, nor the title
        await settle(pilot, lambda: len(screen.shown) < total)
        assert all("Berths" not in highlighted_of(screen, k) for k in screen.shown)
        await pilot.press("x", "f", *"anchorage", "enter")
        await settle(pilot, lambda: len(screen.shown) == 1)
        assert "1 Scope" in highlighted_of(screen, screen.shown[0])
        assert screen.clause == screen.shown[0]
        await pilot.press("x")
        await settle(pilot, lambda: len(screen.shown) == total)


def highlighted_of(screen: SeriesScreen, k: int) -> str:
    return " ".join(s.heading or "" for s in screen.series.clauses[k])


async def test_history_key_opens_the_series_at_the_selected_section_and_escape_returns(folder):
    app = DiffyApp(folder / "2010.md", folder / "2020.md")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ComparisonScreen) and app.screen.pair_index is not None)
        cmp_screen = app.screen
        k = next(i for i, p in enumerate(cmp_screen.cmp.pairs) if p.new and p.new.heading == "2 Pilotage")
        cmp_screen.reveal(k)
        await pilot.press("H")
        await settle(pilot, lambda: isinstance(app.screen, SeriesScreen))
        series = app.screen
        assert "2 Pilots" in highlighted_of(series, series.clause)  # the clause of the section, from 2001 on
        await pilot.press("escape")
        await settle(pilot, lambda: app.screen is cmp_screen)
        read = app.series
        await pilot.press("H")  # the series is read once; the view comes back at once
        await settle(pilot, lambda: isinstance(app.screen, SeriesScreen))
        assert app.screen is not cmp_screen
        assert app.series is read


async def test_history_outside_a_series_says_so(tmp_path):
    from tests.test_tui import NEW, OLD

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "old.md").write_text(OLD, encoding="utf-8")
    (tmp_path / "b" / "new.md").write_text(NEW, encoding="utf-8")
    app = DiffyApp(tmp_path / "a" / "old.md", tmp_path / "b" / "new.md")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ComparisonScreen) and app.screen.pair_index is not None)
        await pilot.press("H")
        await pilot.pause()
        assert isinstance(app.screen, ComparisonScreen)
        assert any("not part of a series" in n.message for n in app._notifications)


async def test_a_broken_version_is_named_and_the_app_exits_2(folder):
    (folder / "2010.md").unlink()
    (folder / "2010.pdf").write_bytes(b"not a pdf")
    app = DiffyApp(series=folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ErrorScreen))
        assert "2010.pdf" in app.screen.message
        await pilot.press("q")
    assert app.return_value == 2


def test_series_ui_refuses_a_missing_version_before_starting(tmp_path, capsys):
    (tmp_path / "series.json").write_text('{"versions": [{"file": "a.md"}, {"file": "b.md"}]}', encoding="utf-8")
    (tmp_path / "a.md").write_text(V2001, encoding="utf-8")
    assert main(["series", str(tmp_path), "--ui"]) == 2
    assert "b.md" in capsys.readouterr().err


async def test_opening_two_versions_at_a_clause_introduced_later_shows_it_on_the_new_side(folder):
    app = DiffyApp(series=folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, SeriesScreen))
        screen = app.screen
        fuel = next(i for i, c in enumerate(screen.series.clauses) if c[0].heading == "4 Fuel")
        screen.query_one("#clauses", OptionList).highlighted = screen.shown.index(fuel)
        await settle(pilot, lambda: screen.clause == fuel)
        await pilot.press("o")
        await settle(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.press("enter")  # 2001 → 2010: the fuel clause is new in 2010
        await settle(pilot, lambda: isinstance(app.screen, ComparisonScreen) and app.screen.pair_index is not None)
        pair = app.screen.cmp.pairs[app.screen.pair_index]
        assert pair.old is None and pair.new.heading == "4 Fuel" and pair.relation == "added"


async def test_escape_while_a_series_is_read_goes_back_to_the_comparison(folder):
    from diffy.tui.loading import LoadingScreen

    app = DiffyApp(folder / "2010.md", folder / "2020.md")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ComparisonScreen))
        cmp_screen = app.screen
        app.push_screen(LoadingScreen(["2001.md", "2010.md", "2020.md"]))
        await settle(pilot, lambda: isinstance(app.screen, LoadingScreen))
        await pilot.press("escape")
        await settle(pilot, lambda: app.screen is cmp_screen)
        assert app.is_running
