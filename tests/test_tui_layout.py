"""The layout at any terminal size: the outline's width, its keys, and headings elided in the middle."""

from __future__ import annotations

import re

import pytest

from diffy.comparison.browse import NO_HEADING
from diffy.comparison.compare import compare
from diffy.tui.app import DiffyApp
from diffy.tui.diffview import DiffView
from diffy.tui.outline import ELLIPSIS, SHORT_BELOW, Outline, fit_heading
from diffy.tui.styles import BADGES, SHORT
from tests.conftest import CORPUS, ROOT, needs_shared, parsed
from tests.test_tui import settle

SAMPLE = ROOT / "documents" / "meridian"
NIST = CORPUS / "real" / "nist-csf" / "pdf"


def test_a_long_heading_is_elided_in_the_middle_keeping_its_number_and_first_words():
    h = "2.3.1 Framework Profile and Implementation Tiers"
    assert fit_heading(h, 60, "2.3.1") == h
    assert fit_heading(h, 27, "2.3.1") == "2.3.1 Framework Profi…Tiers"
    assert fit_heading(h, 16, "2.3.1") == "2.3.1 Framework…"  # no room for the last word: the first kept whole
    assert fit_heading(h, 9, "2.3.1") == "2.3.1 Fr…"  # the number is never the part that goes
    assert fit_heading("IV. Seamlessly Ensuring Caldera's Peace and Security", 30, "IV") == \
        "IV. Seamlessly Ensuri…Security"
    for width in range(2, len(h) + 1):
        fitted = fit_heading(h, width, "2.3.1")
        assert len(fitted) <= width and (fitted == h or ELLIPSIS in fitted)
        assert fitted.startswith(h[:min(width - 1, 5)].rstrip())  # never cut at the front
    assert fit_heading(h, 1) == ELLIPSIS and fit_heading(h, 0) == ""


def sample_app() -> DiffyApp:
    cmp = compare(parsed(str(SAMPLE / "1998.pdf")), parsed(str(SAMPLE / "2016.pdf")))
    return DiffyApp(comparison=cmp, labels=("1998", "2016"))


def outline_lines(outline: Outline) -> list[tuple[str, int]]:
    """(the text drawn, the pair index) of each line the outline shows."""
    top = outline.scroll_offset.y
    lines = outline._tree_lines  # the tree's own line list: which node each drawn line is
    return [(outline.render_line(y).text, lines[top + y].node.data)
            for y in range(min(outline.size.height, len(lines) - top))]


def assert_headings_readable(screen, min_words: int = 1) -> int:
    """Every visible outline line shows its section's number and the first word(s) of its title."""
    outline = screen.query_one(Outline)
    seen = 0
    for text, k in outline_lines(outline):
        p = screen.cmp.pairs[k]
        s = p.new or p.old
        title = (s.title or s.heading) if s.heading else NO_HEADING
        first = " ".join(title.split()[:min_words])
        if s.number:
            assert re.search(rf"(^|\s){re.escape(s.number)}\W", text), (s.heading, text)
        assert first in text, (s.heading, text)
        seen += 1
    return seen


@pytest.mark.parametrize("size", [(80, 24), (90, 30), (120, 40), (200, 60)])
async def test_the_outline_fits_the_terminal_and_every_heading_keeps_number_and_first_words(size):
    app = sample_app()
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        await settle(pilot, lambda: screen.pair_index is not None)
        outline = screen.query_one(Outline)
        width, height = size
        assert 30 <= outline.outer_size.width + 1 <= max(30, 0.4 * width) and outline.outer_size.width <= 76
        assert screen.query_one(DiffView).size.width >= width // 2
        assert assert_headings_readable(screen) == min(outline.size.height, len(outline._tree_lines))
        texts = [t for t, _ in outline_lines(outline)]
        short = outline.scrollable_content_region.width < SHORT_BELOW
        badges = {t.lstrip("▼├└│ ").split()[0] for t in texts}
        assert badges <= (set(SHORT.values()) if short else set(BADGES))  # two letters in a narrow outline only
        if width >= 200:  # room enough for any heading of 50 characters, whole
            for text, k in outline_lines(outline):
                heading = (screen.cmp.pairs[k].new or screen.cmp.pairs[k].old).heading or NO_HEADING
                assert len(heading) > 50 or heading in text, text


@needs_shared
async def test_at_80x24_the_long_headings_of_a_real_report_keep_number_and_first_words():
    """NIST Cybersecurity Framework 1.0 → 1.1: long numbered headings, three levels deep."""
    cmp = compare(parsed(str(NIST / "1.0.pdf")), parsed(str(NIST / "1.1.pdf")))
    app = DiffyApp(comparison=cmp, labels=("1.0", "1.1"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await settle(pilot, lambda: screen.pair_index is not None)
        outline = screen.query_one(Outline)
        checked = 0
        for _ in range(3):  # a page of the outline at a time, to the deeper sections
            checked += assert_headings_readable(screen)
            outline.scroll_to(y=outline.scroll_offset.y + outline.size.height, animate=False)
            await pilot.pause()
        texts = [t for t, _ in outline_lines(outline)]
        assert checked >= 3 * outline.size.height - 3
        assert any(ELLIPSIS in t for t in texts)  # some did need eliding


async def test_o_hides_and_shows_the_outline_and_angle_brackets_widen_and_narrow_it():
    app = sample_app()
    async with app.run_test(size=(90, 30)) as pilot:
        screen = app.screen
        await settle(pilot, lambda: screen.pair_index is not None)
        pane, outline, diff = screen.query_one("#left"), screen.query_one(Outline), screen.query_one(DiffView)
        normal = pane.outer_size.width
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert pane.outer_size.width == 45 > normal  # half the terminal
        await pilot.press("greater_than_sign", "greater_than_sign")  # the widest, and a word that it is
        await pilot.pause()
        assert pane.outer_size.width == round(0.65 * 90)
        for _ in range(4):
            await pilot.press("less_than_sign")
        await pilot.pause()
        assert pane.outer_size.width == 24 < normal  # the narrowest: a quarter, at least 24 columns
        k = screen.pair_index
        await pilot.press("o")
        await pilot.pause()
        assert not pane.display and diff.has_focus and diff.size.width >= 88
        await pilot.press("n")  # reading goes on without the outline
        await pilot.pause()
        assert screen.pair_index is not None and diff.current is not None
        await pilot.press("o")
        await pilot.pause()
        assert pane.display and outline.has_focus and outline.current_pair == screen.pair_index
        assert k is not None
