"""Notes in the terminal UI through Pilot: quotes shaped before saving, the notes list, copying."""

from __future__ import annotations

import json

import pytest
from textual.widgets import Input, OptionList, TextArea

from diffy.annotations import store
from diffy.annotations.model import Annotation, Target
from diffy.comparison.compare import compare
from diffy.ingest import load_document
from diffy.tui.annotate import AnnotateScreen, AnnotationsScreen, QuoteBox
from diffy.tui.app import DiffyApp
from diffy.tui.diffview import DiffView
from tests.test_tui import NEW, OLD, heading, settle

SENTENCE = "The authority keeps a public register of every operator licensed under this regulation."


@pytest.fixture
def app_and_file(tmp_path):
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    path = tmp_path / "notes.json"
    cmp = compare(load_document(old), load_document(new))
    return DiffyApp(comparison=cmp, labels=("2019", "2024"), annotations=path), path


def saved(path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["annotations"]


async def started(app, pilot):
    screen = app.screen
    await settle(pilot, lambda: screen.pair_index is not None)
    return screen


async def test_a_search_match_widened_to_its_sentence_is_saved_widened(app_and_file):
    app, path = app_and_file
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(app, pilot)
        await pilot.press("slash", *"public register", "enter", "a")
        await settle(pilot, lambda: isinstance(app.screen, AnnotateScreen))
        box = app.screen.query_one(QuoteBox)
        await pilot.press("shift+tab")  # from the note to the quote
        assert box.has_focus
        await pilot.press("left")
        assert [q.exact for q in box.quotes] == ["a public register"]
        assert "“a public register”" in box.render().plain  # the dialog shows the quote as it stands
        await pilot.press("right", "right")
        assert [q.exact for q in box.quotes] == ["a public register of every"]
        await pilot.press("s")
        assert [q.exact for q in box.quotes] == [SENTENCE]
        await pilot.press("tab", *"Who keeps the register.", "ctrl+s")
        await settle(pilot, lambda: app.screen is screen)
        [ann] = saved(path)
        assert [t["exact"] for t in ann["targets"]] == [SENTENCE] and ann["note"] == "Who keeps the register."
        target = ann["targets"][0]
        assert target["suffix"].startswith("\n\nUnchanged two.") and target["prefix"].endswith("Unchanged one. ")


async def test_a_change_quote_shrinks_on_both_sides_and_widens_to_the_paragraph(app_and_file):
    app, path = app_and_file
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(app, pilot)
        await pilot.press("right_square_bracket", "n")  # section 2's first change: without delay → within one month
        change = screen.diff.current
        await pilot.press("a")
        await settle(pilot, lambda: isinstance(app.screen, AnnotateScreen))
        box = app.screen.query_one(QuoteBox)
        assert [q.exact for q in box.quotes] == ["without delay", "within one month"]
        await pilot.press("shift+tab", "shift+left")  # a word fewer at the start
        assert [q.exact for q in box.quotes] == ["delay", "one month"]
        await pilot.press("shift+right")  # a word fewer at the end: one word is as short as a quote gets
        assert [q.exact for q in box.quotes] == ["delay", "one"]
        await pilot.press("tab", *"Shrunk.", "ctrl+s")
        await settle(pilot, lambda: app.screen is screen)
        [ann] = saved(path)
        assert [(t["side"], t["exact"], t["change_id"]) for t in ann["targets"]] == [
            ("old", "delay", change), ("new", "one", change)]
        # the next one, widened to the paragraph, then back to what was selected and one word more
        await pilot.press("a", "shift+tab", "p")
        box = app.screen.query_one(QuoteBox)
        assert box.quotes[1].exact.startswith("Each member state") and box.quotes[1].exact.endswith("one month.")
        await pilot.press("r", "right")
        assert [q.exact for q in box.quotes] == ["without delay.", "within one month."]
        await pilot.press("escape")
        await settle(pilot, lambda: app.screen is screen)
        assert len(saved(path)) == 1  # cancelled


async def test_edit_puts_the_cursor_at_the_end_of_the_note(app_and_file):
    app, path = app_and_file
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(app, pilot)
        await pilot.press("right_square_bracket", "n", "a")
        await settle(pilot, lambda: isinstance(app.screen, AnnotateScreen))
        await pilot.press(*"First line.", "enter", *"Deadline", "ctrl+s")
        await settle(pilot, lambda: app.screen is screen)
        await pilot.press("A")
        await settle(pilot, lambda: isinstance(app.screen, AnnotationsScreen))
        await pilot.press("down", "e")
        await settle(pilot, lambda: isinstance(app.screen, AnnotateScreen))
        note = app.screen.query_one("#note", TextArea)
        assert note.has_focus and note.cursor_location == note.document.end == (1, 8)
        await pilot.press(*" is a month.", "ctrl+s")
        await settle(pilot, lambda: isinstance(app.screen, AnnotationsScreen))
        assert [a["note"] for a in saved(path)] == ["First line.\nDeadline is a month."]


def note(ann_id: str, created: str, author: str, text: str, tags: tuple[str, ...], quote: str,
         side: str = "new") -> Annotation:
    return Annotation(ann_id, created, created, author, text, tags, (Target(side, quote),))


async def test_the_notes_list_is_in_document_order_with_quote_and_author_and_filters(app_and_file):
    app, path = app_and_file
    written = [  # in the order they were written, not the order of the documents
        note("a0000000000p6", "2026-01-01T09:00:00Z", "rui", "Penalties are new.", ("enforcement",),
             "effective, proportionate and dissuasive"),
        note("a0000000000s1", "2026-01-02T09:00:00Z", "ana", "Waterways added.", ("scope",), "inland waterway"),
        note("a000000000a2b", "2026-01-03T09:00:00Z", "ana", "Inspection hours.", ("timing",), "at any time"),
        note("a000000000a2a", "2026-01-04T09:00:00Z", "rui", "A month now.", ("timing", "deadlines"),
             "within one month"),
        note("a0000000000lost", "2026-01-05T09:00:00Z", "ana", "Gone.", (), "words in neither version at all"),
    ]
    store.save(path, store.AnnotationFile(annotations=written))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(app, pilot)
        await pilot.press("A")
        await settle(pilot, lambda: isinstance(app.screen, AnnotationsScreen))
        listing = app.screen
        assert listing.query_one("#note-filter", Input).has_focus  # type to filter
        order = ["a0000000000s1", "a000000000a2a", "a000000000a2b", "a0000000000p6", "a0000000000lost"]
        assert listing.shown_ids == order
        options = listing.query_one(OptionList)
        first = options.get_option_at_index(0).prompt.plain
        assert "1 Scope" in first and "#scope" in first and "“inland waterway”" in first
        assert "Waterways added." in first and "ana · 2026-01-02" in first
        # the note under the cursor is shown behind the list with its quote highlighted
        assert heading(screen) == "1 Scope"
        assert screen.diff.quotes_shown and all(side == "new" for side, _, _ in screen.diff.quotes_shown)
        await pilot.press(*"#timing")
        assert listing.shown_ids == ["a000000000a2a", "a000000000a2b"]
        listing.query_one("#note-filter", Input).value = "rui"
        await pilot.pause()
        assert listing.shown_ids == ["a000000000a2a", "a0000000000p6"]
        listing.query_one("#note-filter", Input).value = "MONTH rui"  # every word, any case
        await pilot.pause()
        assert listing.shown_ids == ["a000000000a2a"]
        listing.query_one("#note-filter", Input).value = "nothing like this"
        await pilot.pause()
        assert listing.shown_ids == []
        listing.query_one("#note-filter", Input).value = ""
        await pilot.pause()
        await pilot.press("down", "down", "down", "down", "enter")  # into the list, then to the fourth
        await settle(pilot, lambda: app.screen is screen)
        assert heading(screen) == "6 Penalties"


async def test_several_notes_under_one_paragraph_say_which_quote_they_are_about(app_and_file):
    app, path = app_and_file
    para = "Each member state shall designate a national authority and shall notify the Commission"
    store.save(path, store.AnnotationFile(annotations=[
        note("a00000000000a", "2026-01-01T09:00:00Z", "ana", "Who designates.", (), "designate a national authority"),
        note("a00000000000b", "2026-01-02T09:00:00Z", "ana", "Deadline.", (), "within one month"),
    ]))
    assert para in NEW
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(app, pilot)
        await pilot.press("right_square_bracket")
        view = screen.query_one(DiffView)
        lines = [n.plain for notes in view.notes.values() for n in notes]
        assert any("“designate a national authority”" in x and "Who designates." in x for x in lines)
        assert any("“within one month”" in x and "Deadline." in x for x in lines)
        # the note on the current change has its quote highlighted
        await pilot.press("n")
        quote = next(a for a in screen.attached if a.annotation.id == "a00000000000b")
        assert view.current == quote.change
        spans = view.quotes_shown
        assert spans == [("new", quote.placements[0].start, quote.placements[0].end)]
        row = view.change_row[quote.change]
        marked = [line for line in view._row_lines(row)
                  if any(span.style == view.styles_map["quote"] for span in line.spans)]
        assert marked


async def test_y_copies_the_change_sentence_the_paragraph_and_a_note_quote(app_and_file):
    app, path = app_and_file
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(app, pilot)
        await pilot.press("right_square_bracket", "n", "y")  # a replacement: its new sentence
        assert app.clipboard == ("Each member state shall designate a national authority and shall notify the "
                                 "Commission within one month.")
        await pilot.press("slash", *"public register", "enter", "y")  # a search match: its sentence
        assert app.clipboard == SENTENCE
        await pilot.press("g", "y")  # no change selected: the paragraph at the top of the diff
        assert app.clipboard == ("This regulation applies to the transport of hazardous waste by road, rail and "
                                 "inland waterway within the Union.")
        await pilot.press("a", *"A quote.", "ctrl+s")
        await settle(pilot, lambda: app.screen is screen)
        await pilot.press("A")
        await settle(pilot, lambda: isinstance(app.screen, AnnotationsScreen))
        await pilot.press("down", "y")  # in the list: the note's quote
        assert app.clipboard == ("This regulation applies to the transport of hazardous waste by road, rail and "
                                 "inland waterway within the Union.")
