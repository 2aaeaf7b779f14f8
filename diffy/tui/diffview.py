"""The diff of one section pair, side by side or inline, drawn line by line.

A widget using Textual's line API: the pair's rows are wrapped into lines once
(per width and mode) and only the lines in view are turned into strips, so a long
section costs no more to show or scroll than a short one, and moving the current
change re-wraps just the rows it touches. The widget scrolls itself (keys, mouse
wheel, its own scrollbar column) so that showing another pair or scrolling is a
repaint of this widget alone, never a new layout of the screen. The pair's header
(relation, both headings, pages) stays at the top while the body scrolls.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment as RichSegment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.events import Click, MouseScrollDown, MouseScrollUp, Resize
from textual.strip import Strip
from textual.widget import Widget

from diffy.annotations.highlight import Span, covered, inline_sides, paragraph_starts
from diffy.comparison.browse import NO_HEADING
from diffy.comparison.compare import Pair
from diffy.comparison.pairview import INSERTED, Row, Segment, build_rows, change_rows, fold, inline, row_for
from diffy.tui.styles import badge, palette, segments_text

GUTTER = " │ "


class DiffView(Widget, can_focus=True):
    """Shows one pair; keeps the order of its changes and which one is current."""

    DEFAULT_CSS = "DiffView { padding: 0 0 0 1; }"
    BINDINGS = [
        Binding("down,j", "scroll_by(1)", "Scroll down", show=False),
        Binding("up,k", "scroll_by(-1)", "Scroll up", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("pageup,b", "page(-1)", "Page up", show=False),
        Binding("home", "scroll_by(-1000000000)", "Top of the section", show=False),
        Binding("end", "scroll_by(1000000000)", "End of the section", show=False),
    ]

    def __init__(self, old_label: str, new_label: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.old_label, self.new_label = old_label, new_label
        self.pair: Pair | None = None
        self.rows: list[Row] = []
        self.side_by_side = True
        self.folded = True
        self.search_text = ""
        self.current: str | None = None
        self.change_order: list[str] = []
        self.change_row: dict[str, int] = {}
        self.items: list[tuple[str, int, int]] = []  # ("row", row index, 0) or ("fold", first row, count)
        self._inline: dict[int, tuple[Segment, ...]] = {}
        self._header: list[Text] = []
        self._lines: list[Text] = []
        self._item_start: list[int] = []
        self._item_of_row: dict[int, int] = {}
        self._strips: dict[int, Strip] = {}
        self._styles: dict[str, Style] | None = None
        self._width = 0
        self.top = 0  # first body line in view
        self._base: Style | None = None
        self._bar: dict[bool, Strip] = {}
        self.notes: dict[int, list[Text]] = {}  # row index -> notes shown under it
        self.annotated: set[str] = set()  # change ids that carry a note
        self.note_quotes: dict[str, list[Span]] = {}  # change id -> quotes of the notes on it
        self.focused_quotes: list[Span] | None = None  # the quotes of the note the reader went to
        self._starts: list[dict[str, int]] | None = None  # per row, where its paragraphs start

    # ------------------------------------------------------------------ content
    def show_pair(self, pair: Pair | None, heading_of: Callable[[str | None], str]) -> None:
        self.pair = pair
        self.rows = build_rows(pair, heading_of) if pair is not None else []
        self._inline = {}
        self.change_row = change_rows(self.rows)
        self.change_order = list(self.change_row)
        self.current = None
        self.top = 0
        self.notes, self.annotated = {}, set()
        self.note_quotes, self.focused_quotes, self._starts = {}, None, None
        self._relayout()

    def set_notes(self, notes: dict[int, list[Text]], annotated: set[str],
                  quotes: dict[str, list[Span]] | None = None) -> None:
        """Notes to show under rows, which changes are annotated (drawn with a mark), and the quotes of
        the notes on each change (highlighted while that change is current)."""
        self.notes, self.annotated, self.note_quotes = notes, annotated, quotes or {}
        self._relayout()

    # ------------------------------------------------------------------ quotes of focused notes
    @property
    def quotes_shown(self) -> list[Span]:
        """The quotes highlighted now: the note gone to, else the notes on the current change."""
        if self.focused_quotes is not None:
            return self.focused_quotes
        return self.note_quotes.get(self.current or "", [])

    def focus_quotes(self, quotes: list[Span] | None) -> None:
        """Highlight these quotes (a note the reader went to); None goes back to the current change's."""
        before = self.quotes_shown
        self.focused_quotes = quotes
        self._rewrap_rows(self._rows_quoting(before) | self._rows_quoting(self.quotes_shown))

    def _paragraph_starts(self) -> list[dict[str, int]]:
        if self._starts is None:
            p = self.pair
            sections = {"old": p.old, "new": p.new} if p is not None else {}
            self._starts = paragraph_starts(sections, self.rows)
        return self._starts

    def _rows_quoting(self, quotes: list[Span]) -> set[int]:
        """The rows showing some of these quotes."""
        if not quotes or self.pair is None:
            return set()
        out = set()
        for k, starts in enumerate(self._paragraph_starts()):
            for side, start in starts.items():
                section = self.pair.old if side == "old" else self.pair.new
                end = section.text.find("\n\n", start) if section is not None else -1
                end = end if end >= 0 else len(section.text) if section is not None else start
                if any(q == side and a < max(end, start + 1) and b > start for q, a, b in quotes):
                    out.add(k)
        return out

    def _quoted(self, k: int, segs: tuple[Segment, ...], sides: list[str]) -> dict[int, tuple[int, int]] | None:
        """Which part of each of row k's segments the quotes shown cover (None: nothing to mark)."""
        quotes = self.quotes_shown
        if not quotes or self.pair is None:
            return None
        texts = {side: s.text for side, s in (("old", self.pair.old), ("new", self.pair.new)) if s is not None}
        return covered(segs, sides, texts, self._paragraph_starts()[k], quotes) or None

    def _layout_items(self) -> list[tuple[str, int, int]]:
        if not self.folded:
            return [("row", k, 0) for k in range(len(self.rows))]
        return fold(self.rows, keep=self.notes)

    def _relayout(self) -> None:
        """Wrap every row into lines for the current width, mode and fold state."""
        self.items = self._layout_items()
        self._width = self._content_width()
        self._header = self._header_lines()
        self._lines, self._item_start, self._item_of_row = [], [], {}
        for i, (kind, a, b) in enumerate(self.items):
            self._item_start.append(len(self._lines))
            if kind == "row":
                self._item_of_row[a] = i
                self._lines += self._row_lines(a)
                for note in self.notes.get(a, []):
                    self._lines += list(note.wrap(self.app.console, self._width))
            else:
                what = "paragraph" if b == 1 else "paragraphs"
                self._lines.append(Text(f"  ⋯ {b} unchanged {what} (z to unfold) ⋯", style="dim italic"))
            self._lines.append(Text())
        self._strips = {}
        self._base = None
        self._bar = {}
        self.top = min(self.top, self._max_top())
        self.refresh()

    def _content_width(self) -> int:
        """Text width: the content region less the scrollbar column and a space before it."""
        return max(self.content_region.width - 2, 20) if self.size.width else 80

    # ------------------------------------------------------------------ scrolling
    @property
    def body_height(self) -> int:
        return max(self.content_region.height - len(self._header), 1)

    def _max_top(self) -> int:
        return max(len(self._lines) - self.body_height, 0)

    def scroll_body(self, top: int) -> None:
        top = min(max(top, 0), self._max_top())
        if top != self.top:
            self.top = top
            self.refresh()

    def action_scroll_by(self, lines: int) -> None:
        self.scroll_body(self.top + lines)

    def action_page(self, pages: int) -> None:
        self.scroll_body(self.top + pages * max(self.body_height - 2, 1))

    def on_mouse_scroll_down(self, event: MouseScrollDown) -> None:
        self.scroll_body(self.top + 3)
        event.stop()

    def on_mouse_scroll_up(self, event: MouseScrollUp) -> None:
        self.scroll_body(self.top - 3)
        event.stop()

    def on_resize(self, event: Resize) -> None:
        if self._content_width() != self._width:
            self._relayout()

    # ------------------------------------------------------------------ text
    @property
    def styles_map(self) -> dict[str, Style]:
        if self._styles is None:
            self._styles = palette(self.app.get_css_variables())
        return self._styles

    def theme_changed(self) -> None:
        self._styles = None
        self._relayout()

    def _header_lines(self) -> list[Text]:
        p = self.pair
        if p is None:
            return [Text("No section selected.", style="italic"), Text()]
        out = Text.assemble(badge(p.relation), " ")
        old_h = (p.old.heading or NO_HEADING) if p.old else None
        new_h = (p.new.heading or NO_HEADING) if p.new else None
        if old_h is not None and new_h is not None and old_h != new_h:
            out.append(old_h, style=self.styles_map["deleted"])
            out.append("  →  ")
            out.append(new_h, style=Style(bold=True))
        else:
            out.append(new_h or old_h or "", style=Style(bold=True))
        facts = []
        if p.old:
            facts.append(f"{self.old_label} p. {p.old.page}")
        if p.new:
            facts.append(f"{self.new_label} p. {p.new.page}")
        if p.old and p.new:
            facts.append(f"similarity {p.similarity:.2f}")
        if p.via:  # paired on the series' lineage: where the clause stood in between
            facts.append(f"via {' → '.join(map(str, p.via))}")
        n = len(self.change_order)
        facts.append(f"{n} change" + ("" if n == 1 else "s"))
        lines = list(out.wrap(self.app.console, self._width))
        lines.append(Text(" · ".join(facts), style="dim"))
        if self.side_by_side and self.rows:
            lines += self._side_by_side(Text(self.old_label, style="bold"), Text(self.new_label, style="bold"))
        rule = Text("─" * self._width, style="dim")
        return [*lines, rule]

    def _row_lines(self, k: int) -> list[Text]:
        row = self.rows[k]
        styles = self.styles_map
        head: list[Text] = []
        if row.label:  # a table row's name and changed cells, or a paragraph moved within the section
            current = self.current is not None and self.current in row.moves
            style = styles["current"] if current else styles["note"]
            head = list(Text(f"▸ {row.label}", style=style).wrap(self.app.console, self._width))
        if not self.side_by_side:
            segs = self._inline.get(k)
            if segs is None:
                segs = self._inline[k] = inline(row)
            text = segments_text(segs, styles, self.current, self.search_text, self.annotated,
                                 self._quoted(k, segs, inline_sides(row, segs)))
            if row.new is None and not row.label:
                text = Text.assemble(Text("[removed paragraph] ", style=styles["note"]), text)
            elif row.old is None and not row.label:
                text = Text.assemble(Text("[added paragraph] ", style=styles["note"]), text)
            return head + list(text.wrap(self.app.console, self._width))
        gap = Text("·", style="dim")

        def side(segs: tuple[Segment, ...] | None, name: str) -> Text:
            if segs is None:
                return gap
            quoted = self._quoted(k, segs, [name] * len(segs))
            return segments_text(segs, styles, self.current, self.search_text, self.annotated, quoted)

        left, right = side(row.old, "old"), side(row.new, "new")
        return head + self._side_by_side(left, right)

    def _side_by_side(self, left: Text, right: Text) -> list[Text]:
        half = max((self._width - len(GUTTER)) // 2, 8)
        a = left.wrap(self.app.console, half)
        b = right.wrap(self.app.console, half)
        out = []
        for i in range(max(len(a), len(b))):
            line = a[i] if i < len(a) else Text()
            line.truncate(half, pad=True)
            line.append(GUTTER, style="dim")
            if i < len(b):
                line.append_text(b[i])
            out.append(line)
        return out

    def row_text(self, k: int) -> str:
        """The plain text of row `k` as drawn (for tests and the clipboard)."""
        return "\n".join(t.plain.rstrip() for t in self._row_lines(k))

    # ------------------------------------------------------------------ drawing
    def render_line(self, y: int) -> Strip:
        width = self._width + 1
        base = self._base_style()
        if y < len(self._header):
            return self._strip(self._header[y], width, base).extend_cell_length(width + 1, base)
        line = self.top + y - len(self._header)
        strip = self._strips.get(line)
        if strip is None:
            text = self._lines[line] if 0 <= line < len(self._lines) else Text()
            strip = self._strips[line] = self._strip(text, width, base)
        return Strip.join([strip, self._scrollbar(y - len(self._header))])

    def _base_style(self) -> Style:
        """The widget's own style, computed once per relayout (it is costly to derive from CSS)."""
        if self._base is None:
            self._base = self.rich_style
        return self._base

    def _strip(self, text: Text, width: int, base: Style) -> Strip:
        segments = list(text.render(self.app.console))
        return Strip(segments, text.cell_len).crop_extend(0, width, base).apply_style(base)

    def _scrollbar(self, row: int) -> Strip:
        """One cell of the scrollbar column: the thumb where the view lies within the section."""
        total, height = len(self._lines), self.body_height
        if total <= height:
            return Strip.blank(1, self._base_style())
        size = max(1, height * height // total)
        start = self.top * (height - size) // max(self._max_top(), 1)
        thumb = start <= row < start + size
        if thumb not in self._bar:
            colour = self.styles_map[INSERTED].bgcolor if thumb else None
            self._bar[thumb] = Strip([RichSegment("▐" if thumb else "│", Style(color=colour, dim=not thumb))], 1)
        return self._bar[thumb]

    def on_click(self, event: Click) -> None:
        line = self.top + event.y - len(self._header)
        for i, (kind, _, _) in enumerate(self.items):
            if kind == "fold" and self._item_start[i] == line:
                self.set_folded(False)
                return

    # ------------------------------------------------------------------ state changes
    def _rewrap_rows(self, rows: set[int]) -> None:
        """Re-draw some rows in place (their height does not change when only styles do)."""
        for k in rows:
            i = self._item_of_row.get(k)
            if i is None:
                continue
            start = self._item_start[i]
            lines = self._row_lines(k)
            self._lines[start:start + len(lines)] = lines
            for n in range(start, start + len(lines)):
                self._strips.pop(n, None)
        self.refresh()

    def set_mode(self, side_by_side: bool) -> None:
        self.side_by_side = side_by_side
        self._relayout()
        if self.current:
            self.go_to_change(self.current)

    def set_folded(self, folded: bool) -> None:
        if folded != self.folded:
            self.folded = folded
            self._relayout()
            if self.current:
                self.go_to_change(self.current)

    def set_query(self, query: str) -> None:
        if query != self.search_text:
            self.search_text = query
            self._relayout()

    def _scroll_to_row(self, k: int) -> None:
        i = self._item_of_row.get(k)
        if i is None:
            return
        visible = self.body_height
        start = self._item_start[i]
        height = self._item_start[i + 1] - start if i + 1 < len(self._item_start) else 1
        if start < self.top or start + min(height, visible) > self.top + visible:
            self.scroll_body(start - visible // 4)

    def go_to_change(self, cid: str | None) -> None:
        """Make `cid` the current change and scroll it into view."""
        before = self.quotes_shown
        previous, self.current, self.focused_quotes = self.current, cid, None
        touched = {self.change_row[c] for c in (previous, cid) if c in self.change_row}
        self._rewrap_rows(touched | self._rows_quoting(before) | self._rows_quoting(self.quotes_shown))
        if cid in self.change_row:
            self._scroll_to_row(self.change_row[cid])

    def row_for(self, side: str, offset: int) -> int | None:
        """The row holding this character offset of the old or new section's text."""
        return row_for(self.pair, self.rows, side, offset)

    def paragraph_at_top(self) -> tuple[str, int] | None:
        """(side, paragraph index) of the first row in view: the new paragraph, else the old one."""
        line = self.top
        for i, (kind, a, _) in enumerate(self.items):
            end = self._item_start[i + 1] if i + 1 < len(self._item_start) else len(self._lines)
            if kind == "row" and end > line:
                row = self.rows[a]
                side = "new" if row.new is not None else "old"
                index = sum(1 for r in self.rows[:a] if (r.new if side == "new" else r.old) is not None)
                return side, index
        return None

    def go_to_offset(self, side: str, offset: int) -> None:
        """Scroll to the row holding this character offset of the old or new section's text."""
        k = self.row_for(side, offset)
        if k is not None:
            if k not in self._item_of_row:
                self.set_folded(False)
            self._scroll_to_row(k)

    def step(self, forward: bool) -> bool:
        """Move to the next (previous) change of this pair; False when there is none."""
        if not self.change_order:
            return False
        if self.current not in self.change_row:
            k = 0 if forward else len(self.change_order) - 1
        else:
            k = self.change_order.index(self.current) + (1 if forward else -1)
            if not 0 <= k < len(self.change_order):
                return False
        self.go_to_change(self.change_order[k])
        return True
