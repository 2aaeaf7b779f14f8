"""How a batch reports its progress on stderr: a bar on a terminal, one plain line per pair elsewhere.

Both say how many pairs are done out of how many, how many failed and about
how long the rest will take: the pace so far in bytes of input per second,
applied to the bytes of the pairs left (PDFs, which take longest, go first, so
a pace in pairs per second would be far too slow at the start). A failure is
printed in full in either case.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, TextIO

from diffy.batch.index import _plain

if TYPE_CHECKING:
    from rich.progress import TaskID


def _clock(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


class Progress:
    """Plain lines (`[ 3/23] done    versions/cc-by-sa/2.0--2.5  0.4 s  0 failed, about 0:12 left`)."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.done = 0
        self.failed = 0
        self.todo = total
        self.weight = self.weight_done = 0
        self.started = time.monotonic()

    def begin(self, todo: int, series: int, failed: int = 0, weight: int = 0) -> None:
        """`todo` pairs are to compute (the rest are current), `weight` bytes of input in all; `failed` already
        failed (unreadable files)."""
        self.todo = todo
        self.weight = weight
        self.failed = failed
        current = self.total - todo - failed
        self.stream.write(f"{self.total} pair{'s' if self.total != 1 else ''} in {series} series: "
                          f"{current} current (skipped), {todo} to compare"
                          + (f", {failed} failed before starting" if failed else "") + "\n")
        self.started = time.monotonic()

    def seconds_left(self) -> float | None:
        if not self.done or self.done >= self.todo:
            return None
        elapsed = time.monotonic() - self.started
        if self.weight and self.weight_done:
            return elapsed / self.weight_done * max(self.weight - self.weight_done, 0)
        return elapsed / self.done * (self.todo - self.done)

    def left(self) -> str:
        rest = self.seconds_left()
        return "" if rest is None else f", about {_clock(rest)} left"

    def pair(self, name: str, seconds: float, error: str | None = None, weight: int = 0) -> None:
        """One more pair done (or failed); `weight`: its bytes of input."""
        self.done += 1
        self.weight_done += weight
        self.failed += bool(error)
        n = len(str(self.todo))
        head = f"[{self.done:>{n}}/{self.todo}]"
        if error:
            self.stream.write(f"{head} failed  {_plain(name)}: {_plain(error)}\n")
        else:
            self.stream.write(f"{head} done    {_plain(name)}  {seconds:.1f} s  {self.failed} failed{self.left()}\n")
        self.stream.flush()

    def message(self, text: str) -> None:
        self.stream.write(_plain(text) + "\n")

    def close(self) -> None:
        self.stream.flush()


class Bar(Progress):
    """A progress bar (Rich) on a terminal; failures and messages are printed above it."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        super().__init__(total, stream)
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as RichProgress

        self.console = Console(file=self.stream)
        self.bar = RichProgress(TextColumn("pairs"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn(),
                                TextColumn("{task.fields[left]}"), console=self.console, transient=False)
        self.task: TaskID | None = None

    def begin(self, todo: int, series: int, failed: int = 0, weight: int = 0) -> None:
        super().begin(todo, series, failed, weight)
        self.task = self.bar.add_task("pairs", total=todo, failed=failed, left="")
        self.bar.start()

    def pair(self, name: str, seconds: float, error: str | None = None, weight: int = 0) -> None:
        from rich.text import Text

        self.done += 1
        self.weight_done += weight
        self.failed += bool(error)
        if error:
            self.bar.console.print(Text(f"failed  {_plain(name)}: {_plain(error)}", style="red"))
        rest = self.seconds_left()
        if self.task is not None:
            self.bar.update(self.task, advance=1, failed=self.failed,
                            left="" if rest is None else f"about {_clock(rest)} left")

    def message(self, text: str) -> None:
        from rich.text import Text

        self.bar.console.print(Text(_plain(text)))

    def close(self) -> None:
        self.bar.stop()


def progress_for(total: int, stream: TextIO | None = None) -> Progress:
    stream = stream or sys.stderr
    return Bar(total, stream) if stream.isatty() else Progress(total, stream)
