"""The terminal UI through Textual's Pilot: every binding and flow, on small documents made here."""

from __future__ import annotations

import asyncio
import html
import json
import re
import time

import pytest
from textual.widgets import Input, OptionList, Static

from diffy.comparison.compare import compare
from diffy.ingest import load_document
from diffy.tui.app import DiffyApp
from diffy.tui.dialogs import ErrorScreen, HelpScreen, RelationPicker, SummaryScreen
from diffy.tui.diffview import DiffView
from diffy.tui.outline import Outline
from diffy.tui.screen import KEYS, ComparisonScreen

OLD = """# Transport Regulation

## 1 Scope

This regulation applies to the transport of hazardous waste by road and rail within the Union.

## 2 Authorities

Each member state shall designate a national authority and shall notify the Commission without delay.

Unchanged one. The authority keeps a public register of every operator licensed under this regulation.

Unchanged two. The register shows the licence number, the address and the activities of each operator.

Unchanged three. Entries are removed from the register when a licence expires or is withdrawn.

The authority may inspect operators at any reasonable hour.

## 3 Records

Operators shall keep records of every shipment for a period of five years.

## 4 Fees

Fees shall be proportionate to the administrative costs actually incurred by the authority.

## 5 Notices

Notices under this regulation are written [bold]in plain text[/] and [link=https://example.org]linked[/link].
"""

NEW = """# Transport Regulation

## 1 Scope

This regulation applies to the transport of hazardous waste by road, rail and inland waterway within the Union.

## 2 Competent Authorities

Each member state shall designate a national authority and shall notify the Commission within one month.

Unchanged one. The authority keeps a public register of every operator licensed under this regulation.

Unchanged two. The register shows the licence number, the address and the activities of each operator.

Unchanged three. Entries are removed from the register when a licence expires or is withdrawn.

The authority may inspect operators at any time.

## 3 Fees

Fees shall be proportionate to the administrative costs actually incurred by the authority.

## 4 Records

Operators shall keep records of every shipment for a period of ten years.

## 5 Notices

Notices under this regulation are written [bold]in plain text[/] and [link=https://example.org]linked[/link].

## 6 Penalties

Member states shall lay down penalties that are effective, proportionate and dissuasive.
"""


@pytest.fixture
def docs(tmp_path):
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return old, new


def make_app(docs) -> DiffyApp:
    old, new = docs
    return DiffyApp(comparison=compare(load_document(old), load_document(new)), labels=("2019", "2024"))


async def settle(pilot, predicate=lambda: True, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        await pilot.pause()
        if predicate():
            await pilot.pause()
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the UI did not reach the expected state in time")


def heading(screen: ComparisonScreen) -> str | None:
    p = screen.cmp.pairs[screen.pair_index] if screen.pair_index is not None else None
    if p is None:
        return None
    return (p.new or p.old).heading


def visible_text(app) -> str:
    """What the terminal shows, as plain text (from the app's SVG screenshot)."""
    svg = app.export_screenshot()
    lines = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape(" ".join(re.sub(r"<[^>]+>", "", t) for t in lines)).replace("\xa0", " ")


def rendered(view: DiffView) -> str:
    return "\n".join(view.row_text(k) for kind, k, _ in view.items if kind == "row")


def folds(view: DiffView) -> int:
    return sum(1 for kind, _, _ in view.items if kind == "fold")


async def test_loading_screen_then_comparison(docs):
    app = DiffyApp(*docs)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ComparisonScreen))
        screen = app.screen
        assert isinstance(screen, ComparisonScreen)
        outline = screen.query_one(Outline)
        assert len(outline.nodes_by_pair) == len(screen.cmp.pairs)
        title = screen.query_one("#title-bar", Static).render()
        assert "Transport Regulation" in str(title) and "old → new" in str(title)


async def test_bad_file_shows_an_error_screen_and_quits_with_status_2(tmp_path, docs):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"this is not a pdf at all")
    app = DiffyApp(docs[0], bad)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ErrorScreen))
        assert "broken.pdf" in app.screen.message
        await pilot.press("q")
    assert app.return_value == 2


async def test_next_and_previous_change_cross_sections(docs):
    app = make_app(docs)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await settle(pilot, lambda: screen.pair_index is not None)
        assert heading(screen) == "1 Scope"
        view = screen.query_one(DiffView)
        await pilot.press("n")
        first = view.current
        assert first == view.change_order[0]
        await pilot.press("n")  # Scope has one change: the next is in section 2
        await settle(pilot, lambda: heading(screen) == "2 Competent Authorities")
        assert view.current == view.change_order[0]
        await pilot.press("N")
        await settle(pilot, lambda: heading(screen) == "1 Scope")
        assert view.current == first
        await pilot.press("n", "p")
        assert heading(screen) == "1 Scope" and view.current == first
        status = str(screen.query_one("#status").text)
        assert "change 1/1 · p. 1, l. 5 → p. 1, l. 5" in status  # where the change stands in both versions


async def test_changed_sections_top_and_bottom(docs):
    app = make_app(docs)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await settle(pilot, lambda: screen.pair_index is not None)
        await pilot.press("right_square_bracket")
        assert heading(screen) == "2 Competent Authorities"
        await pilot.press("left_square_bracket")
        assert heading(screen) == "1 Scope"
        await pilot.press("G")
        assert screen.pair_index == screen.shown[-1]
        await pilot.press("g")
        assert screen.pair_index == screen.shown[0]


async def test_toggle_inline_and_fold(docs):
    app = make_app(docs)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await settle(pilot, lambda: screen.pair_index is not None)
        await pilot.press("right_square_bracket")  # section 2: three unchanged paragraphs in a row
        view = screen.query_one(DiffView)
        await settle(pilot, lambda: folds(view) == 1)
        side = rendered(view)
        assert "│" in side and "without" in side and "month" in side
        await pilot.press("v")
        assert not view.side_by_side
        inline = rendered(view)
        assert "│" not in inline
        assert "without delay within one month" in inline  # deleted words, then the inserted ones
        await pilot.press("z")
        await settle(pilot, lambda: folds(view) == 0)
        assert "Unchanged two" in rendered(view)
        await pilot.press("z")
        await settle(pilot, lambda: folds(view) == 1)


async def test_renamed_heading_shows_both_names(docs):
    app = make_app(docs)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await settle(pilot, lambda: screen.pair_index is not None)
        await pilot.press("right_square_bracket")
        header = " ".join(t.plain for t in screen.query_one(DiffView)._header)
        assert "2 Authorities" in header and "2 Competent Authorities" in header and "renamed" in header


async def test_search_and_next_match(docs):
    app = make_app(docs)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await settle(pilot, lambda: screen.pair_index is not None)
        await pilot.press("slash")
        assert screen.query_one("#prompt", Input).has_focus
        await pilot.press(*"operators", "enter")
        assert screen.search_text == "operators"
        assert len(screen.hits) >= 4
        assert heading(screen) == "2 Competent Authorities"
        await pilot.press("m", "m", "m")
        assert screen.match_index == 3
        await pilot.press("M")
        assert screen.match_index == 2
        assert "search 'operators': 3/" in str(screen.query_one("#status").text)


async def test_filters_changed_only_relation_and_text(docs):
    app = make_app(docs)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await settle(pilot, lambda: screen.pair_index is not None)
        everything = len(screen.shown)
        await pilot.press("c")
        assert all(screen.cmp.pairs[k].changed for k in screen.shown)
        assert len(screen.shown) < everything
        await pilot.press("r")
        await settle(pilot, lambda: isinstance(app.screen, RelationPicker))
        options = app.screen.query_one(OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        options.highlighted = ids.index("added")
        await pilot.press("enter")
        await settle(pilot, lambda: app.screen is screen)
        assert [heading(screen)] == ["6 Penalties"] and len(screen.shown) == 1
        await pilot.press("x")
        assert len(screen.shown) == everything
        await pilot.press("f", *"register", "enter")
        assert [screen.cmp.pairs[k].new.heading for k in screen.shown] == ["2 Competent Authorities"]
        await pilot.press("f", "ctrl+a", "ctrl+k", *"no such words", "enter")
        assert screen.shown == [] and screen.pair_index is None
        await pilot.press("x")
        assert len(screen.shown) == everything


async def test_summary_and_help_open_and_close(docs):
    app = make_app(docs)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await settle(pilot, lambda: screen.pair_index is not None)
        await pilot.press("s")
        await settle(pilot, lambda: isinstance(app.screen, SummaryScreen))
        text = visible_text(app)
        assert "words inserted" in text and "6 Penalties" in text
        await pilot.press("down", "down", "enter")  # a row opens its section
        await settle(pilot, lambda: app.screen is screen)
        assert screen.pair_index == 2 and screen.query_one(DiffView).has_focus
        await pilot.press("s")
        await settle(pilot, lambda: isinstance(app.screen, SummaryScreen))
        await pilot.press("escape")
        await pilot.press("question_mark")
        await settle(pilot, lambda: isinstance(app.screen, HelpScreen))
        described = {what for _, what in app.screen.keys_help}
        assert {b.description for b in KEYS} <= described
        await pilot.press("escape")
        await settle(pilot, lambda: app.screen is screen)


async def test_tab_switches_between_outline_and_diff(docs):
    app = make_app(docs)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await settle(pilot, lambda: screen.pair_index is not None)
        assert screen.query_one(Outline).has_focus
        await pilot.press("tab")
        assert screen.query_one(DiffView).has_focus
        await pilot.press("tab")
        assert screen.query_one(Outline).has_focus


async def test_outline_cursor_selects_pairs_and_enter_focuses_the_diff(docs):
    app = make_app(docs)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await settle(pilot, lambda: screen.pair_index is not None)
        await pilot.press("down")
        assert heading(screen) == "2 Competent Authorities"
        await pilot.press("j")
        assert heading(screen) == "3 Fees"
        await pilot.press("enter")
        assert screen.query_one(DiffView).has_focus


async def test_every_action_is_in_the_command_palette(docs):
    app = make_app(docs)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.screen.pair_index is not None)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {b.description for b in KEYS if not b.action.startswith("app.")} <= titles


async def test_document_text_is_never_markup(docs):
    app = make_app(docs)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await settle(pilot, lambda: screen.pair_index is not None)
        notices = next(k for k, p in enumerate(screen.cmp.pairs) if p.new and p.new.heading == "5 Notices")
        screen.outline.select_pair(notices)
        await settle(pilot, lambda: screen.pair_index == notices)
        view = screen.query_one(DiffView)
        await pilot.press("z", "v")
        text = re.sub(r"\s+", "", rendered(view))  # as drawn, wherever the lines wrap
        assert "[bold]inplaintext[/]" in text and "[link=https://example.org]linked[/link]" in text


async def test_small_terminal_80x24(docs):
    app = make_app(docs)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await settle(pilot, lambda: screen.pair_index is not None)
        await pilot.press("n", "v", "n", "question_mark", "escape", "s", "escape")
        assert heading(screen) is not None


async def test_diff_pane_scrolls_with_keys_and_q_quits(tmp_path):
    body = "\n\n".join(f"Paragraph {k} says something about item {k}." for k in range(60))
    long_old = "# Long\n\n## 1 Text\n\n" + body
    long_new = long_old.replace("item 59.", "item fifty-nine.")
    (tmp_path / "a.md").write_text(long_old, encoding="utf-8")
    (tmp_path / "b.md").write_text(long_new, encoding="utf-8")
    app = make_app((tmp_path / "a.md", tmp_path / "b.md"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await settle(pilot, lambda: screen.pair_index is not None)
        view = screen.query_one(DiffView)
        await pilot.press("z")  # unfold: 60 paragraphs, far more than a screen
        await pilot.press("tab", "pagedown")
        assert view.top > 0
        first_page = view.top
        await pilot.press("space", "j")
        assert view.top > first_page
        await pilot.press("home")
        assert view.top == 0
        await pilot.press("end")
        assert view.top == view._max_top() > 0
        await pilot.press("b", "k")
        assert view.top < view._max_top()
        await pilot.press("q")
    assert app.return_value == 0


@pytest.fixture
def annotated_app(docs, tmp_path):
    old, new = docs
    path = tmp_path / "notes.json"
    app = DiffyApp(comparison=compare(load_document(old), load_document(new)), labels=("2019", "2024"),
                   annotations=path)
    return app, path


async def test_annotate_a_change_then_list_edit_delete_undo_and_filter_by_tag(annotated_app):
    from diffy.tui.annotate import AnnotateScreen, AnnotationsScreen, TagPicker

    app, path = annotated_app
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await settle(pilot, lambda: screen.pair_index is not None)
        await pilot.press("right_square_bracket", "n")  # section 2, its first change
        view = screen.query_one(DiffView)
        change = view.current
        await pilot.press("a")
        await settle(pilot, lambda: isinstance(app.screen, AnnotateScreen))
        await pilot.press(*"Deadline becomes a month.")
        await pilot.press("enter")  # a new line in the note
        await pilot.press(*"Second line.")
        app.screen.query_one("#tags").value = "deadlines #timing"
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.screen is screen)
        data = json.loads(path.read_text(encoding="utf-8"))
        [ann] = data["annotations"]
        assert ann["note"] == "Deadline becomes a month.\nSecond line." and ann["tags"] == ["deadlines", "timing"]
        assert {t["side"] for t in ann["targets"]} == {"old", "new"} and ann["targets"][0]["change_id"] == change
        assert change in view.annotated, (screen.attached, screen.pair_index)
        assert any("Deadline becomes a month." in note.plain for notes in view.notes.values() for note in notes)
        assert "✎1 " in str(screen.outline.nodes_by_pair[screen.pair_index].label)
        # the list: edit, delete, undo
        await pilot.press("A")
        await settle(pilot, lambda: isinstance(app.screen, AnnotationsScreen))
        await pilot.press("down", "e")  # from the filter box to the list
        await settle(pilot, lambda: isinstance(app.screen, AnnotateScreen))
        app.screen.query_one("#note").text = "Edited."
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: isinstance(app.screen, AnnotationsScreen))
        assert json.loads(path.read_text())["annotations"][0]["note"] == "Edited."
        await pilot.press("d")
        assert json.loads(path.read_text())["annotations"] == []
        await pilot.press("u")
        assert [a["note"] for a in json.loads(path.read_text())["annotations"]] == ["Edited."]
        await pilot.press("escape")
        await settle(pilot, lambda: app.screen is screen)
        # filter the outline by tag
        await pilot.press("g", "t")
        await settle(pilot, lambda: isinstance(app.screen, TagPicker))
        await pilot.press("down", "down", "enter")  # "all", "deadlines", "timing": pick "timing"
        await settle(pilot, lambda: app.screen is screen)
        assert [heading(screen)] == ["2 Competent Authorities"] and len(screen.shown) == 1
        # the list jumps to an annotation
        await pilot.press("x", "G", "A")
        await settle(pilot, lambda: isinstance(app.screen, AnnotationsScreen))
        await pilot.press("enter")
        await settle(pilot, lambda: app.screen is screen)
        assert heading(screen) == "2 Competent Authorities" and view.current == change


async def test_unreadable_annotation_file_makes_annotations_read_only(annotated_app):
    from diffy.tui.annotate import AnnotateScreen

    app, path = annotated_app
    path.write_text("{not json", encoding="utf-8")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await settle(pilot, lambda: screen.pair_index is not None)
        assert screen.ann_error is not None and "notes.json" in screen.ann_error
        await pilot.press("right_square_bracket", "n", "a")
        await settle(pilot, lambda: isinstance(app.screen, AnnotateScreen))
        await pilot.press(*"note", "ctrl+s")
        await settle(pilot, lambda: app.screen is screen)
    assert path.read_text(encoding="utf-8") == "{not json"


async def test_unpair_and_pair_by_hand_are_kept_in_the_annotation_file(annotated_app):
    from diffy.tui.annotate import SectionPicker

    app, path = annotated_app
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await settle(pilot, lambda: screen.pair_index is not None)

        def pair_of(old_heading):
            return next(k for k, p in enumerate(screen.cmp.pairs) if p.old and p.old.heading == old_heading)

        screen.reveal(pair_of("3 Records"))
        assert screen.cmp.pairs[screen.pair_index].new.heading == "4 Records"
        await pilot.press("U")
        overrides = json.loads(path.read_text(encoding="utf-8"))["overrides"]
        assert len(overrides["unpair"]) == 1 and overrides["pair"] == []
        relations = {((p.old or p.new).heading, p.relation) for p in screen.cmp.pairs if not (p.old and p.new)}
        assert relations == {("3 Records", "removed"), ("4 Records", "added"), ("6 Penalties", "added")}
        assert screen.cmp.pairs[screen.pair_index].relation == "removed"
        await pilot.press("P")
        await settle(pilot, lambda: isinstance(app.screen, SectionPicker))
        picker = app.screen
        options = picker.query_one(OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        target = next(s.id for s in screen.cmp.new.sections if s.heading == "4 Records")
        options.highlighted = ids.index(target)
        await pilot.press("enter")
        await settle(pilot, lambda: app.screen is screen)
        overrides = json.loads(path.read_text(encoding="utf-8"))["overrides"]
        assert overrides["unpair"] == [] and len(overrides["pair"]) == 1
        p = screen.cmp.pairs[screen.pair_index]
        assert (p.old.heading, p.new.heading) == ("3 Records", "4 Records")
    # reopened, the comparison applies the file's corrections
    app2 = DiffyApp(comparison=app.comparison, labels=("2019", "2024"), annotations=path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["overrides"] = {"pair": [], "unpair": data["overrides"]["pair"]}
    path.write_text(json.dumps(data), encoding="utf-8")
    async with app2.run_test(size=(120, 40)) as pilot:
        screen = app2.screen
        await settle(pilot, lambda: screen.pair_index is not None)
        assert any(p.relation == "removed" and p.old.heading == "3 Records" for p in screen.cmp.pairs)


async def test_annotate_a_search_match_and_reattach_an_orphan(annotated_app):
    from diffy.annotations import store
    from diffy.annotations.model import Annotation, Target
    from diffy.tui.annotate import AnnotateScreen, AnnotationsScreen

    app, path = annotated_app
    lost = Annotation("a000000000001", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "me", "Lost note", ("x",),
                      (Target("new", "words that are in neither version at all"),))
    store.save(path, store.AnnotationFile(annotations=[lost]))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await settle(pilot, lambda: screen.pair_index is not None)
        assert [a.status for a in screen.attached] == ["orphaned"]
        await pilot.press("slash", *"public register", "enter", "a")
        await settle(pilot, lambda: isinstance(app.screen, AnnotateScreen))
        await pilot.press(*"The register is public.", "ctrl+s")
        await settle(pilot, lambda: app.screen is screen)
        spans = [a["targets"][0]["exact"] for a in json.loads(path.read_text())["annotations"]]
        assert spans == ["words that are in neither version at all", "public register"]
        # select a change, then re-attach the orphan to it from the list
        await pilot.press("g", "n", "A")
        await settle(pilot, lambda: isinstance(app.screen, AnnotationsScreen))
        await pilot.press("down", "end", "r")  # the orphan is listed last
        await settle(pilot, lambda: screen.attached[0].status == "anchored")
        assert json.loads(path.read_text())["annotations"][0]["targets"][0]["change_id"]


async def open_ranked(app, pilot) -> OptionList:
    """Wait for the comparison, open the list of most significant changes (`!`) and return it."""
    from diffy.tui.dialogs import RankedScreen

    screen = app.screen
    await settle(pilot, lambda: screen.pair_index is not None)
    await pilot.press("exclamation_mark")
    await settle(pilot, lambda: isinstance(app.screen, RankedScreen))
    return app.screen.query_one(OptionList)


async def choose_ranked(app, pilot, screen, option_id: str) -> None:
    """Enter on the highlighted entry; the comparison opens at that entry's change."""
    await pilot.press("enter")
    await settle(pilot, lambda: app.screen is screen)
    k, cid = option_id.split(":", 1)
    assert screen.pair_index == int(k) and screen.query_one(DiffView).current == cid


async def test_ranked_list_of_significant_changes_jumps_to_one(docs):
    app = make_app(docs)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        options = await open_ranked(app, pilot)
        first = options.get_option_at_index(0).id
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("− " in t and "+ " in t for t in prompts)  # old and new told apart by more than colour
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        apart = ids.index("whole") if "whole" in ids else len(ids)  # whole sections after the targeted edits
        kinds = [screen.cmp.pairs[int(i.split(":")[0])].relation in ("added", "removed") for i in ids if i != "whole"]
        assert kinds == [False] * apart + [True] * (len(kinds) - apart)
        await choose_ranked(app, pilot, screen, first)


async def test_a_moved_and_reworded_paragraph_in_the_ranked_list_opens_where_it_moved():
    from tests.conftest import ROOT, parsed

    cmp = compare(parsed(str(ROOT / "documents/meridian/1979.pdf")), parsed(str(ROOT / "documents/meridian/1998.pdf")))
    app = DiffyApp(comparison=cmp, labels=("1979", "1998"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        options = await open_ranked(app, pilot)
        moves = {c.id for p in cmp.pairs for c in p.changes if c.kind == "move"}
        at = next(i for i in range(options.option_count)
                  if (options.get_option_at_index(i).id or ":").split(":", 1)[1] in moves)
        assert "moved and reworded" in str(options.get_option_at_index(at).prompt)
        options.highlighted = at
        await choose_ranked(app, pilot, screen, options.get_option_at_index(at).id)


async def test_significant_changes_are_flagged_with_their_reasons_and_can_be_filtered(docs):
    app = make_app(docs)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await settle(pilot, lambda: screen.pair_index is not None)
        everything = len(screen.shown)
        await pilot.press("S")
        assert 0 < len(screen.shown) < everything
        assert "significant only" in str(screen.query_one("#status").text)
        inspections = next(k for k, p in enumerate(screen.cmp.pairs) if p.new and p.new.heading == "2 Competent "
                           "Authorities")
        screen.reveal(inspections)
        view = screen.query_one(DiffView)
        lines = [t.plain for notes in view.notes.values() for t in notes]
        assert any(line.strip().startswith("⚑") and "numbers" in line for line in lines), lines


async def test_notes_of_the_previous_comparison_are_shown_where_their_quotes_survive(annotated_app, docs, tmp_path):
    from diffy.cli import main

    app, path = annotated_app
    old, _ = docs
    older = tmp_path / "older.md"
    older.write_text(OLD.replace("public register of every operator", "register of operators"), encoding="utf-8")
    earlier = tmp_path / "older--old.json"
    for quote, note in (("public register of every operator", "The register becomes public."),
                        ("at any reasonable hour", "Inspections limited to reasonable hours.")):
        assert main(["annotate", str(older), str(old), "--side", "new", "--quote", quote, "--note", note,
                     "--annotations", str(earlier)]) == 0
    before = earlier.read_bytes()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await settle(pilot, lambda: screen.pair_index is not None)
        await pilot.press("right_square_bracket")  # section 2 holds both quotes
        view = screen.query_one(DiffView)
        await settle(pilot, lambda: bool(view.notes))
        notes = [n.plain for rows in view.notes.values() for n in rows]
        kept = next(n for n in notes if "The register becomes public." in n)
        gone = next(n for n in notes if "reasonable hours" in n)
        assert kept.strip().startswith("↪ older → old:") and "gone" not in kept
        assert "(gone from the new version)" in gone
        assert "becomes public." in visible_text(app)  # wrapped after its quote
        assert screen.attached == []  # carried notes are not this comparison's own
        assert "✎2 " in str(screen.outline.nodes_by_pair[screen.pair_index].label)  # but the outline shows them
        # listed with A, read-only there: e and d say where they belong and change nothing
        from diffy.tui.annotate import AnnotationsScreen

        await pilot.press("A")
        await settle(pilot, lambda: isinstance(app.screen, AnnotationsScreen))
        options = app.screen.query_one(OptionList)
        listed = [options.get_option_at_index(k).prompt.plain for k in range(options.option_count)]
        assert [text.startswith("↪ from older → old (read-only)") for text in listed] == [True, True]
        await pilot.press("down", "e", "d")  # from the filter box to the list
        assert any("belongs to the older → old comparison" in n.message for n in app._notifications)
        await pilot.press("down", "enter")  # goes to the second note
        await settle(pilot, lambda: app.screen is screen)
    assert earlier.read_bytes() == before and not path.exists()


async def test_a_table_change_shows_its_row_and_cell(tmp_path):
    from tests.test_compare_rules import TABLE_NEW, TABLE_OLD

    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(f"# Transport Regulation\n\n{TABLE_OLD.strip()}\n", encoding="utf-8")
    new.write_text(f"# Transport Regulation\n\n{TABLE_NEW.strip()}\n", encoding="utf-8")
    app = make_app((old, new))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await settle(pilot, lambda: screen.pair_index is not None)
        view = screen.query_one(DiffView)
        text = rendered(view)
        assert '▸ row "T-4"; changed: column 3 (Duty)' in text
        assert '▸ row "T-5", added' in text
        assert '▸ row "T-3", moved' in text and '▸ row "T-2", moved' in text
        await pilot.press("v")  # inline too
        assert '▸ row "T-4"; changed: column 3 (Duty)' in rendered(view)
        assert 'row "T-1"' not in rendered(view)  # an unchanged row needs no label
