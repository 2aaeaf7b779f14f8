"""The diffy Textual app: loads two documents in a worker, then shows their comparison."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker

from diffy.comparison.browse import version_label
from diffy.comparison.compare import Comparison
from diffy.errors import DiffyError
from diffy.ingest import ReadOptions, load_document
from diffy.model import Document
from diffy.series import history, read_series
from diffy.series.evidence import compare_in_series
from diffy.tui.dialogs import ErrorScreen
from diffy.tui.loading import Failed, Loaded, LoadingScreen, Progress, SeriesLoaded, Stage
from diffy.tui.screen import KEYS, ComparisonScreen
from diffy.tui.series import SERIES_KEYS, SeriesScreen


class Cancelled(Exception):
    """The app closed while documents were still being read."""


class DiffyApp(App[int]):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "diffy"

    def __init__(self, old: str | Path | None = None, new: str | Path | None = None, *,
                 options: ReadOptions | None = None, new_options: ReadOptions | None = None,
                 comparison: Comparison | None = None,
                 labels: tuple[str, str] | None = None, annotations: str | Path | None = None,
                 series: str | Path | None = None) -> None:
        super().__init__()
        self.series_folder = Path(series) if series else None
        self.series: history.Series | None = None
        self.annotations = Path(annotations) if annotations else None
        self.paths = (Path(old) if old else None, Path(new) if new else None)
        self.options = options or ReadOptions()
        # how the new version is read where it differs (a draft read before and after its tracked changes)
        self.side_options = (self.options, new_options or self.options)
        self.comparison = comparison
        if labels is None:
            labels = tuple(version_label(p) if p else side for p, side in zip(self.paths, ("old", "new"),
                                                                               strict=True))  # type: ignore[assignment]
        self.labels: tuple[str, str] = labels  # type: ignore[assignment]
        self._failed = False

    async def action_quit(self) -> None:
        self.exit(2 if self._failed else 0)

    def on_mount(self) -> None:
        if self.series_folder is not None:
            self.open_series(self.series_folder)
            return
        if self.comparison is not None:
            self._show(self.comparison)
            return
        names = tuple(p.name if p else "" for p in self.paths)
        self.push_screen(LoadingScreen(names))
        self.load()

    def _guarded(self, job: Callable[[Callable[[int, int, int], None]], Message]) -> None:
        """Run `job(progress)` in this worker thread and post what it returns, or why it failed."""
        worker = get_current_worker()

        def progress(k: int, done: int, total: int) -> None:
            if worker.is_cancelled:
                raise Cancelled
            self.post_message(Progress(k, done, total))

        try:
            result = job(progress)
        except Cancelled:
            return
        except DiffyError as e:
            self.post_message(Failed(str(e)))
            return
        except Exception as e:  # a bug, not bad input: still a message in the UI, never a traceback
            self.post_message(Failed(f"unexpected error while reading the documents: {e.__class__.__name__}: {e}"))
            return
        if not worker.is_cancelled:  # the reader went back meanwhile
            self.post_message(result)

    def _read(self, path: Path, progress: Callable[[int, int], None], options: ReadOptions | None = None):
        return load_document(path, options or self.options, progress)

    @work(thread=True, exclusive=True, name="load")
    def load(self) -> None:
        def job(progress: Callable[[int, int, int], None]) -> Message:
            docs = [self._read(path, partial(progress, k), self.side_options[k])  # type: ignore[arg-type]
                    for k, path in enumerate(self.paths)]
            self.post_message(Stage("Aligning sections and diffing…"))

            def between(path: Path) -> Document:  # versions of one series: one between them, for its lineage
                self.post_message(Stage(f"Reading {path.name}, between them in the series…"))
                return self._read(path, lambda *_: None, self.side_options[0])

            return Loaded(compare_in_series(docs[0], docs[1], between))

        self._guarded(job)

    # ------------------------------------------------------------------ series
    def open_series(self, folder: Path, focus: tuple[int, str] | None = None) -> None:
        """Show the series view of `folder` (read once, then kept), at the clause holding `focus`
        (version index, section id) when given."""
        if self.series is not None and self.series.folder == folder:
            clause = self.series.clause_of(*focus) if focus else None
            screens = [s for s in self.screen_stack if isinstance(s, SeriesScreen)]
            if not screens:  # left with esc earlier: the same series, shown again
                self.push_screen(SeriesScreen(self.series, clause))
                return
            while self.screen is not screens[-1]:
                self.pop_screen()
            screens[-1].select_clause(clause)
            return
        try:
            versions = read_series(folder)
        except DiffyError as e:
            self._fail(str(e))
            return
        self.push_screen(LoadingScreen([v.path.name for v in versions]))
        self.load_series(folder, focus)

    @work(thread=True, exclusive=True, name="series")
    def load_series(self, folder: Path, focus: tuple[int, str] | None) -> None:
        def job(progress: Callable[[int, int, int], None]) -> Message:
            def stage(text: str) -> None:
                self.post_message(Stage(text))

            series = history.read(folder, lambda k, v: self._read(v.path, partial(progress, k)), stage)
            return SeriesLoaded(series, focus)

        self._guarded(job)

    def on_series_loaded(self, msg: SeriesLoaded) -> None:
        self.series = msg.series
        clause = msg.series.clause_of(*msg.focus) if msg.focus else None
        screen = SeriesScreen(msg.series, clause)
        self.switch_screen(screen) if isinstance(self.screen, LoadingScreen) else self.push_screen(screen)

    def on_series_screen_open_versions(self, msg: SeriesScreen.OpenVersions) -> None:
        self.open_versions(msg.old, msg.new, msg.focus)

    def open_versions(self, i: int, j: int, focus: tuple[str, str] | None = None) -> None:
        """The comparison of versions i → j of the loaded series, at the pair holding `focus` (side, section id)."""
        series = self.series
        if series is None:
            return
        labels = (series.labels[i], series.labels[j])
        if j != i + 1:
            self.notify(f"Comparing {labels[0]} → {labels[1]}…", timeout=3)
        self.compare_versions(i, j, focus)

    @work(thread=True, exclusive=True, name="pair")
    def compare_versions(self, i: int, j: int, focus: tuple[str, str] | None) -> None:
        series = self.series
        assert series is not None
        self._guarded(lambda progress: Loaded(series.compare(i, j), (series.labels[i], series.labels[j]), focus))

    def show_history(self, cmp: Comparison, side: str, section_id: str) -> None:
        """The series view at the clause of that section, when the comparison's versions are in a series."""
        folder = Path(cmp.old.source).parent
        try:
            names = [v.path.name for v in read_series(folder)]
        except DiffyError:
            names = []
        if not {Path(cmp.old.source).name, Path(cmp.new.source).name} <= set(names):
            self.notify("These versions are not part of a series: a folder holding them with a series.json, "
                        "or further versions. See `diffy series`.", severity="warning", timeout=6)
            return
        doc = cmp.old if side == "old" else cmp.new
        self.open_series(folder, (names.index(Path(doc.source).name), section_id))

    def on_progress(self, msg: Progress) -> None:
        if isinstance(self.screen, LoadingScreen):
            self.screen.progress(msg)

    def on_stage(self, msg: Stage) -> None:
        if isinstance(self.screen, LoadingScreen):
            self.screen.stage(msg.text)

    def on_loaded(self, msg: Loaded) -> None:
        if msg.labels is None:
            self.comparison = msg.comparison
        self._show(msg.comparison, msg.labels, msg.focus)

    def on_failed(self, msg: Failed) -> None:
        self._fail(msg.message)

    def _fail(self, message: str) -> None:
        if any(isinstance(s, (ComparisonScreen, SeriesScreen)) for s in self.screen_stack):
            if isinstance(self.screen, LoadingScreen):  # something is shown already: keep it, say what failed
                self.pop_screen()
            self.notify(message, severity="error", timeout=30)
            return
        self._failed = True
        self.switch_screen(ErrorScreen(message)) if isinstance(self.screen, LoadingScreen) \
            else self.push_screen(ErrorScreen(message))
        self.notify(message, severity="error", timeout=30)

    def _show(self, cmp: Comparison, labels: tuple[str, str] | None = None,
              focus: tuple[str, str] | None = None) -> None:
        own = labels is None  # the comparison diffy was started on, with its own annotation file
        screen = ComparisonScreen(cmp, *(labels or self.labels), annotations=self.annotations if own else None,
                                  focus=focus)
        if isinstance(self.screen, LoadingScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        bindings = KEYS if isinstance(screen, ComparisonScreen) else SERIES_KEYS if isinstance(screen, SeriesScreen) \
            else []
        for b in bindings:
            if b.action.startswith("app."):
                continue
            keys = b.key_display or b.key.split(",")[0]
            yield SystemCommand(b.description, f"key: {keys}", partial(screen.run_action, b.action))
