"""The outline: aligned section pairs as a tree, each with its relation badge and change count.

Labels are fitted to the outline's width when a line is drawn: a heading that does not fit
is elided in the middle, so its number and first words stay readable at any terminal size,
and a narrow outline uses two-letter badges. The reader hides, widens or narrows the
outline with the keys of `OutlineLayout`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from diffy.comparison.browse import pair_heading, pair_level
from diffy.comparison.compare import Comparison, Pair
from diffy.tui.styles import badge

ELLIPSIS = "…"
SHORT_BELOW = 40  # an outline narrower than this (in cells) uses two-letter badges
UNFITTED = 10_000  # room for any label: the full one


def fit_heading(heading: str, width: int, number: str | None = None) -> str:
    """`heading` in at most `width` cells, elided in the middle rather than cut at the end.

    The number and the first words are kept, then `…`, then the last word where it takes no more
    than a third of the room (`2.3.1 Framework Profi…Tiers`): the reader needs to know which section
    it is, and a cut at the end would take the number with it on the deepest levels first.
    """
    if cell_len(heading) <= width:
        return heading
    if width <= 1:
        return ELLIPSIS[:max(width, 0)]
    first_end = len(lead_words(heading, number))
    last = heading.rstrip().rfind(" ") + 1
    tail = heading[last:].rstrip() if last > first_end else ""
    if cell_len(tail) > width // 3 or cell_len(heading[:first_end]) > width - 1 - cell_len(tail):
        tail = ""  # the first word whole is worth more than the last
    head = _chop(heading, width - 1 - cell_len(tail))
    return f"{head.rstrip()}{ELLIPSIS}{tail}"


def lead_words(heading: str, number: str | None = None) -> str:
    """The start of a heading an elided form always keeps: its number and the title's first word."""
    start = len(number) if number and heading.startswith(number) else 0
    first = _FIRST_WORD.match(heading, start)  # the rest of the number (`. `) and the title's first word
    return heading[:first.end() if first else start]


_FIRST_WORD = re.compile(r"\S*\s*\S+")


def _chop(text: str, width: int) -> str:
    """The longest start of `text` that fits in `width` cells."""
    out, used = [], 0
    for ch in text:
        used += cell_len(ch)
        if used > width:
            break
        out.append(ch)
    return "".join(out)


@dataclass(frozen=True, slots=True)
class LabelParts:
    """What a pair's outline line shows, kept apart so the line can be fitted to any width."""

    relation: str
    heading: str
    number: str | None
    notes: int
    changes: int

    @classmethod
    def of(cls, p: Pair, notes: int = 0) -> LabelParts:
        s = p.new if p.new is not None else p.old
        return cls(p.relation, pair_heading(p), s.number if s is not None else None, notes, len(p.changes))

    def fitted(self, width: int, short: bool = False) -> Text:
        """The label in `width` cells: badge (`short`: two letters), notes, heading (elided in the
        middle), change count."""
        label = Text.assemble(badge(self.relation, short), " ")
        if self.notes:
            label.append(f"✎{self.notes} ", style="bold yellow")
        count = f"{' ' if short else '  '}{self.changes}" if self.changes else ""
        room = width - label.cell_len - len(count)
        if count and cell_len(self.heading) > room and cell_len(lead_words(self.heading, self.number)) >= room:
            count, room = "", room + len(count)  # the section's first word is worth more than its count
        label.append(fit_heading(self.heading, room, self.number))  # document text: plain, never markup
        if count:
            label.append(count, style="bold")
        return label


def pair_label(p: Pair, notes: int = 0) -> Text:
    """The label at full length (the tree's own record of the node; lines are drawn fitted)."""
    return LabelParts.of(p, notes).fitted(UNFITTED)


class Outline(Tree[int]):
    """Pairs in outline order, nested by heading level; each node's data is the pair's index."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, on_cursor: Callable[[int], None] | None = None, **kwargs) -> None:
        super().__init__("sections", **kwargs)
        self.show_root = False
        self.guide_depth = 2
        self.nodes_by_pair: dict[int, TreeNode[int]] = {}
        self.parts: dict[int, LabelParts] = {}
        self.on_cursor = on_cursor
        self._quiet = False  # while a rebuilt tree settles, cursor moves are not the reader's
        self._wanted: int | None = None

    def watch_cursor_line(self, previous_line: int, line: int) -> None:
        super().watch_cursor_line(previous_line, line)
        # tell the screen at once, not through a message: the diff then changes in the same repaint
        node = self.cursor_node
        callback = getattr(self, "on_cursor", None)  # the watcher also runs during __init__
        if getattr(self, "_quiet", False):
            return
        if callback is not None and node is not None and node.data is not None:
            callback(node.data)

    def show(self, cmp: Comparison, indexes: list[int], notes: dict[int, int] | None = None) -> None:
        """Rebuild the tree with the given pairs (a filter's result)."""
        self.clear()
        self.nodes_by_pair = {}
        self.parts = {}
        stack: list[tuple[int, TreeNode[int]]] = []  # (level, node)
        for k in indexes:
            p = cmp.pairs[k]
            level = pair_level(p)
            while stack and stack[-1][0] >= level:
                stack.pop()
            parent = stack[-1][1] if stack else self.root
            count = (notes or {}).get(k, 0)
            self.parts[k] = LabelParts.of(p, count)
            node = parent.add(pair_label(p, count), data=k, expand=True, allow_expand=False)
            self.nodes_by_pair[k] = node
            if level > 0:  # the text before the first heading heads nothing: the sections are not under it
                stack.append((level, node))
        for node in self.nodes_by_pair.values():  # nodes become expandable once they have children
            node.allow_expand = bool(node.children)
        self._quiet = True
        self.call_after_refresh(self._settled)

    def render_label(self, node: TreeNode[int], base_style: Style, style: Style) -> Text:
        """The pair's label fitted to the room its line leaves (the width less guides and toggle)."""
        parts = self.parts.get(node.data) if node.data is not None else None
        if parts is None:
            return super().render_label(node, base_style, style)
        depth, up = 0, node.parent
        while up is not None and up is not self.root:
            depth, up = depth + 1, up.parent
        toggle = (self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE) if node.allow_expand else ""
        width = self.scrollable_content_region.width
        room = width - depth * self.guide_depth - cell_len(toggle)
        label = parts.fitted(max(room, 1), short=width < SHORT_BELOW)
        label.stylize(style)
        return Text.assemble((toggle, base_style + Style(bold=True)), label)

    def get_label_width(self, node: TreeNode[int]) -> int:
        """Labels are fitted to the width when drawn, so none is wider than the outline (no sideways scroll)."""
        return 0

    def _settled(self) -> None:
        self._quiet = False
        if self._wanted is not None and self._wanted in self.nodes_by_pair:
            node = self.nodes_by_pair[self._wanted]
            if self.cursor_node is not node:
                self._quiet = True
                self.move_cursor(node)
                self._quiet = False

    def select_pair(self, k: int) -> bool:
        node = self.nodes_by_pair.get(k)
        if node is None:
            return False
        self._wanted = k
        if not self._quiet:
            self.move_cursor(node)
        return True

    @property
    def current_pair(self) -> int | None:
        node = self.cursor_node
        return node.data if node is not None else None


# (CSS width, min-width, max-width) of the outline pane, narrowest first; `DEFAULT_WIDTH` is where it opens
WIDTHS: tuple[tuple[str, int, int | None], ...] = (
    ("25%", 24, 48), ("38%", 30, 76), ("50%", 30, None), ("65%", 30, None))
DEFAULT_WIDTH = 1


class OutlineLayout:
    """Mixed into the comparison screen: hide or show the outline (`o`), widen (`>`) or narrow (`<`) it."""

    outline_width = DEFAULT_WIDTH

    if TYPE_CHECKING:  # provided by the screen and by Textual
        def query_one(self, selector: str) -> Any: ...

        def notify(self, message: str, **kwargs: Any) -> None: ...

        outline: Outline
        diff: Any

    def action_toggle_outline(self) -> None:
        pane = self.query_one("#left")
        pane.display = not pane.display
        if not pane.display and self.outline.has_focus:
            self.diff.focus()
        elif pane.display:
            self.outline.focus()

    def action_wider_outline(self) -> None:
        self._set_outline_width(self.outline_width + 1)

    def action_narrower_outline(self) -> None:
        self._set_outline_width(self.outline_width - 1)

    def _set_outline_width(self, level: int) -> None:
        pane = self.query_one("#left")
        if not pane.display:
            pane.display = True
        if not 0 <= level < len(WIDTHS):
            self.notify("The outline is as " + ("wide" if level > 0 else "narrow") + " as it goes.", timeout=2)
            return
        self.outline_width = level
        width, least, most = WIDTHS[level]
        pane.styles.width = width
        pane.styles.min_width = least
        pane.styles.max_width = most
