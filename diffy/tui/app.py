"""The diffy Textual app: loads two documents in a worker, then shows their comparison."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.worker import get_current_worker

from diffy.browse import version_label
from diffy.compare import Comparison, compare
from diffy.errors import DiffyError
from diffy.ingest import load_document
from diffy.tui.dialogs import ErrorScreen
from diffy.tui.loading import Failed, Loaded, LoadingScreen, Progress, Stage
from diffy.tui.screen import KEYS, ComparisonScreen


class Cancelled(Exception):
    """The app closed while documents were still being read."""


class DiffyApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "diffy"

    def __init__(self, old: str | Path | None = None, new: str | Path | None = None, *,
                 password: str | None = None, comparison: Comparison | None = None,
                 labels: tuple[str, str] | None = None, cache: bool = True, jobs: int | None = None,
                 annotations: str | Path | None = None) -> None:
        super().__init__()
        self.annotations = Path(annotations) if annotations else None
        self.use_cache, self.jobs = cache, jobs
        self.paths = (Path(old) if old else None, Path(new) if new else None)
        self.password = password
        self.comparison = comparison
        if labels is None:
            labels = tuple(version_label(p) if p else side for p, side in zip(self.paths, ("old", "new"),
                                                                               strict=True))  # type: ignore[assignment]
        self.labels: tuple[str, str] = labels  # type: ignore[assignment]
        self._failed = False

    async def action_quit(self) -> None:
        self.exit(2 if self._failed else 0)

    def on_mount(self) -> None:
        if self.comparison is not None:
            self._show(self.comparison)
            return
        names = tuple(p.name if p else "" for p in self.paths)
        self.push_screen(LoadingScreen(names))  # type: ignore[arg-type]
        self.load()

    @work(thread=True, exclusive=True, name="load")
    def load(self) -> None:
        worker = get_current_worker()

        def progress(k: int, done: int, total: int) -> None:
            if worker.is_cancelled:
                raise Cancelled
            self.post_message(Progress(k, done, total))

        try:
            docs = []
            for k, path in enumerate(self.paths):
                docs.append(load_document(path, self.password, partial(progress, k),  # type: ignore[arg-type]
                                          cache=self.use_cache, jobs=self.jobs))
            self.post_message(Stage("Aligning sections and diffing…"))
            cmp = compare(docs[0], docs[1])
        except Cancelled:
            return
        except DiffyError as e:
            self.post_message(Failed(str(e)))
            return
        except Exception as e:  # a bug, not bad input: still a message in the UI, never a traceback
            self.post_message(Failed(f"unexpected error while reading the documents: {e.__class__.__name__}: {e}"))
            return
        self.post_message(Loaded(cmp))

    def on_progress(self, msg: Progress) -> None:
        if isinstance(self.screen, LoadingScreen):
            self.screen.progress(msg)

    def on_stage(self, msg: Stage) -> None:
        if isinstance(self.screen, LoadingScreen):
            self.screen.stage(msg.text)

    def on_loaded(self, msg: Loaded) -> None:
        self.comparison = msg.comparison
        self._show(msg.comparison)

    def on_failed(self, msg: Failed) -> None:
        self._failed = True
        self.switch_screen(ErrorScreen(msg.message)) if isinstance(self.screen, LoadingScreen) \
            else self.push_screen(ErrorScreen(msg.message))
        self.notify(msg.message, severity="error", timeout=30)

    def _show(self, cmp: Comparison) -> None:
        screen = ComparisonScreen(cmp, *self.labels, annotations=self.annotations)
        if isinstance(self.screen, LoadingScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, ComparisonScreen):
            for b in KEYS:
                if b.action.startswith("app."):
                    continue
                keys = b.key_display or b.key.split(",")[0]
                yield SystemCommand(b.description, f"key: {keys}", partial(screen.run_action, b.action))
