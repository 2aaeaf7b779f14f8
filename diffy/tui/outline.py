"""The outline: aligned section pairs as a tree, each with its relation badge and change count."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from diffy.comparison.browse import pair_heading, pair_level
from diffy.comparison.compare import Comparison, Pair
from diffy.tui.styles import badge


def pair_label(p: Pair, notes: int = 0) -> Text:
    label = Text.assemble(badge(p.relation), " ")
    if notes:  # before the heading, which a narrow outline cuts short
        label.append(f"✎{notes} ", style="bold yellow")
    label.append(pair_heading(p))  # document text: appended plain, never parsed as markup
    n = len(p.changes)
    if n:
        label.append(f"  {n}", style="bold")
    return label


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
        stack: list[tuple[int, TreeNode[int]]] = []  # (level, node)
        for k in indexes:
            p = cmp.pairs[k]
            level = pair_level(p)
            while stack and stack[-1][0] >= level:
                stack.pop()
            parent = stack[-1][1] if stack else self.root
            node = parent.add(pair_label(p, (notes or {}).get(k, 0)), data=k, expand=True, allow_expand=False)
            self.nodes_by_pair[k] = node
            stack.append((level, node))
        for node in self.nodes_by_pair.values():  # nodes become expandable once they have children
            node.allow_expand = bool(node.children)
        self._quiet = True
        self.call_after_refresh(self._settled)

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
