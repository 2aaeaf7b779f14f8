"""The diff of one section pair: side by side or inline, unchanged runs folded, rows mounted lazily."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.events import Click
from textual.widget import Widget
from textual.widgets import Static

from diffy.browse import NO_HEADING
from diffy.compare import Pair
from diffy.pairview import Row, build_rows, inline
from diffy.tui.styles import badge, palette, segments_text

FOLD_MIN = 3  # runs of at least this many unchanged paragraphs are folded
FIRST_BATCH = 40  # rows mounted at once; the rest follow in batches so a long section never blocks
BATCH = 80


class RowView(Widget):
    """One row: an old paragraph beside its new counterpart, or the two merged inline."""

    DEFAULT_CSS = "RowView { height: auto; margin-bottom: 1; }"

    def __init__(self, view: DiffView, index: int) -> None:
        super().__init__()
        self.view = view
        self.index = index

    def render(self) -> RenderableType:
        return self.view.render_row(self.index, self.size.width)


class FoldView(Widget):
    """A run of unchanged paragraphs, folded; a click (or `z`) unfolds every run."""

    DEFAULT_CSS = "FoldView { height: 1; margin-bottom: 1; color: $text-muted; text-style: italic; }"

    def __init__(self, view: DiffView, count: int) -> None:
        super().__init__()
        self.view = view
        self.count = count

    def render(self) -> RenderableType:
        what = "paragraph" if self.count == 1 else "paragraphs"
        return Text(f"  ⋯ {self.count} unchanged {what} (z to unfold) ⋯")

    def on_click(self, event: Click) -> None:
        self.view.set_folded(False)


class DiffView(VerticalScroll, can_focus=True):
    """Shows `pair`; keeps the order of its changes and which one is current."""

    DEFAULT_CSS = """
    DiffView { padding: 0 1; }
    DiffView > #pair-header { margin-bottom: 1; }
    DiffView > #rows { height: auto; }
    """

    def __init__(self, old_label: str, new_label: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.old_label, self.new_label = old_label, new_label
        self.pair: Pair | None = None
        self.rows: list[Row] = []
        self.inline_rows: dict[int, tuple] = {}
        self.side_by_side = True
        self.folded = True
        self.search_text = ""
        self.current: str | None = None
        self.change_order: list[str] = []
        self.change_row: dict[str, int] = {}
        self._items: list[tuple[str, int, int]] = []  # ("row", index, 0) or ("fold", first, count)
        self._widgets: dict[int, Widget] = {}  # item index -> mounted widget
        self._mounted = 0
        self._generation = 0
        self._styles: dict[str, Style] | None = None
        self._header_widget = Static()
        self._rows_box = Vertical()

    # ------------------------------------------------------------------ content
    def show_pair(self, pair: Pair | None, heading_of: Callable[[str | None], str]) -> None:
        self.pair = pair
        self.rows = build_rows(pair, heading_of) if pair is not None else []
        self.inline_rows = {}
        self.change_order, self.change_row = [], {}
        for k, row in enumerate(self.rows):
            for cid in row.change_ids:
                if cid not in self.change_row:
                    self.change_row[cid] = k
                    self.change_order.append(cid)
        self.current = None
        self._rebuild()
        self.scroll_home(animate=False)

    def compose(self) -> ComposeResult:
        self._header_widget = Static(self._header(), id="pair-header")
        yield self._header_widget
        self._rows_box = Vertical(id="rows")
        yield self._rows_box

    def _rebuild(self) -> None:
        self._generation += 1
        self._rows_box.remove_children()
        self._items = self._layout_items()
        self._widgets = {}
        self._mounted = 0
        self._header_widget.update(self._header())
        self._mount_upto(FIRST_BATCH)
        self._schedule_more()

    def _layout_items(self) -> list[tuple[str, int, int]]:
        items: list[tuple[str, int, int]] = []
        k = 0
        while k < len(self.rows):
            if self.folded and not self.rows[k].changed:
                end = k
                while end < len(self.rows) and not self.rows[end].changed:
                    end += 1
                if end - k >= FOLD_MIN:
                    items.append(("fold", k, end - k))
                    k = end
                    continue
            items.append(("row", k, 0))
            k += 1
        return items

    def _mount_upto(self, n: int) -> None:
        n = min(n, len(self._items))
        if n <= self._mounted:
            return
        widgets = []
        for i in range(self._mounted, n):
            kind, a, b = self._items[i]
            w: Widget = RowView(self, a) if kind == "row" else FoldView(self, b)
            self._widgets[i] = w
            widgets.append(w)
        self._mounted = n
        self._rows_box.mount_all(widgets)

    def _schedule_more(self) -> None:
        if self._mounted < len(self._items):
            generation = self._generation

            def more() -> None:
                if generation == self._generation:
                    self._mount_upto(self._mounted + BATCH)
                    self._schedule_more()

            self.set_timer(0.02, more)

    # ------------------------------------------------------------------ rendering
    @property
    def styles_map(self) -> dict[str, Style]:
        if self._styles is None:
            self._styles = palette(self.app.get_css_variables())
        return self._styles

    def theme_changed(self) -> None:
        self._styles = None
        self.refresh_rows(layout=False)

    def _header(self) -> Text:
        p = self.pair
        if p is None:
            return Text("No section selected.", style="italic")
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
        n = len(self.change_order)
        facts.append(f"{n} change" + ("" if n == 1 else "s"))
        out.append("\n" + " · ".join(facts), style="dim")
        if self.side_by_side and self.rows:
            out.append("\n")
            width = self._rows_box.size.width or self.size.width - 2
            out.append_text(self._side_by_side(Text(self.old_label, style="bold"),
                                               Text(self.new_label, style="bold"), width))
        return out


    def render_row(self, k: int, width: int) -> RenderableType:
        row = self.rows[k]
        styles = self.styles_map
        if not self.side_by_side:
            segs = self.inline_rows.get(k)
            if segs is None:
                segs = self.inline_rows[k] = inline(row)
            text = segments_text(segs, styles, self.current, self.search_text)
            if row.new is None:
                text = Text.assemble(Text("[removed paragraph] ", style=styles["note"]), text)
            elif row.old is None:
                text = Text.assemble(Text("[added paragraph] ", style=styles["note"]), text)
            return text
        gap = Text("·", style="dim")
        left = segments_text(row.old, styles, self.current, self.search_text) if row.old is not None else gap
        right = segments_text(row.new, styles, self.current, self.search_text) if row.new is not None else gap
        return self._side_by_side(left, right, width)

    def _side_by_side(self, left: Text, right: Text, width: int) -> Text:
        half = max(((width or 80) - 3) // 2, 10)
        a = left.wrap(self.app.console, half)
        b = right.wrap(self.app.console, half)
        out = Text(no_wrap=True, overflow="crop")
        for i in range(max(len(a), len(b))):
            la = a[i] if i < len(a) else Text()
            la.truncate(half, pad=True)
            out.append_text(la)
            out.append(" │ ", style="dim")
            if i < len(b):
                out.append_text(b[i])
            if i < max(len(a), len(b)) - 1:
                out.append("\n")
        return out

    def refresh_rows(self, layout: bool = True) -> None:
        for w in self._widgets.values():
            w.refresh(layout=layout)
        self._header_widget.update(self._header())

    # ------------------------------------------------------------------ state changes
    def set_mode(self, side_by_side: bool) -> None:
        self.side_by_side = side_by_side
        self.refresh_rows()
        if self.current:
            self.call_after_refresh(self.go_to_change, self.current)

    def set_folded(self, folded: bool) -> None:
        if folded != self.folded:
            self.folded = folded
            current = self.current
            self._rebuild()
            if current:
                self.call_after_refresh(self.go_to_change, current)

    def set_query(self, query: str) -> None:
        self.search_text = query
        self.refresh_rows(layout=False)

    def _widget_for_row(self, k: int) -> Widget | None:
        for i, (kind, a, b) in enumerate(self._items):
            if (kind == "row" and a == k) or (kind == "fold" and a <= k < a + b):
                if kind == "fold":
                    return None
                self._mount_upto(i + 1)
                return self._widgets[i]
        return None

    def go_to_change(self, cid: str | None) -> None:
        """Make `cid` the current change and scroll it into view."""
        previous = self.current
        self.current = cid
        for c in (previous, cid):
            if c is not None and c in self.change_row:
                w = self._widget_for_row(self.change_row[c])
                if w is not None:
                    w.refresh()
        if cid is not None and cid in self.change_row:
            w = self._widget_for_row(self.change_row[cid])
            if w is not None:
                self.call_after_refresh(self.scroll_to_center, w, animate=False)

    def go_to_offset(self, side: str, offset: int) -> None:
        """Scroll to the row holding this character offset of the old or new section's text."""
        if self.pair is None:
            return
        section = self.pair.old if side == "old" else self.pair.new
        if section is None:
            return
        pos = 0
        target = 0
        for idx, para in enumerate(section.paragraphs):
            if offset < pos + len(para) + 2:
                target = idx
                break
            pos += len(para) + 2
        seen = -1
        for k, row in enumerate(self.rows):
            if (row.old if side == "old" else row.new) is not None:
                seen += 1
                if seen == target:
                    if any(kind == "fold" and a <= k < a + b for kind, a, b in self._items):
                        self.set_folded(False)
                    w = self._widget_for_row(k)
                    if w is not None:
                        self.call_after_refresh(self.scroll_to_center, w, animate=False)
                    return

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
