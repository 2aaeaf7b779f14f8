"""The loading screen: one progress bar per document while the worker parses and compares."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar, Static

from diffy.comparison.compare import Comparison
from diffy.series.history import Series


@dataclass
class Progress(Message):
    document: int  # index of the document being read (0 old, 1 new)
    done: int
    total: int


@dataclass
class Stage(Message):
    text: str


@dataclass
class Loaded(Message):
    comparison: Comparison
    labels: tuple[str, str] | None = None  # None: the comparison the app was started on
    focus: tuple[str, str] | None = None  # (side, section id) to show first


@dataclass
class SeriesLoaded(Message):
    series: Series
    focus: tuple[int, str] | None = None  # (version index, section id) whose clause to show first


@dataclass
class Failed(Message):
    message: str


class LoadingScreen(Screen[None]):
    BINDINGS = [("q", "app.quit", "Quit"), ("escape", "cancel", "Cancel")]

    def action_cancel(self) -> None:
        """Over a comparison (reading a series for its history): stop reading and go back; else quit."""
        if len(self.app.screen_stack) <= 2:
            self.app.exit(0)
            return
        for worker in self.app.workers:
            if worker.name == "series":
                worker.cancel()
        self.app.pop_screen()

    def __init__(self, names: Sequence[str]) -> None:
        super().__init__()
        self.names = names

    def compose(self) -> ComposeResult:
        with Vertical(id="loading", classes="dialog"):
            yield Static(Text("Reading documents", style="bold"), classes="dialog-title")
            for k, name in enumerate(self.names):
                yield Static(Text(name), id=f"name-{k}")
                yield ProgressBar(id=f"bar-{k}", show_eta=False)
            yield Static("", id="stage")
        yield Footer()

    def progress(self, msg: Progress) -> None:
        bar = self.query_one(f"#bar-{msg.document}", ProgressBar)
        bar.update(total=msg.total, progress=msg.done)
        self.query_one(f"#name-{msg.document}", Static).update(
            Text(f"{self.names[msg.document]} — page {msg.done} of {msg.total}"))

    def stage(self, text: str) -> None:
        self.query_one("#stage", Static).update(Text(text, style="italic"))
