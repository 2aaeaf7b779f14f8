"""How documents are read: one settings object that every command, the UI and the series code pass on."""

from __future__ import annotations

from dataclasses import dataclass

from diffy.errors import UsageError

MAX_PAGES = 5000
MAX_SECONDS = 300.0
REVISIONS = ("accepted", "original")


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """`password` opens encrypted PDFs (such documents are never cached); `cache` reads and stores
    parsed documents in the parse cache; `jobs` is the worker processes for page extraction (None:
    automatic); `max_pages` and `time_limit` (seconds) guard against pathological files.

    `revisions` is how a Word file's tracked changes are read: "accepted" (their result) or
    "original" (the text before them). `select` is a CSS selector for the part of a web page that
    holds the document (every match, in page order; None: the whole page) and `remove` CSS selectors
    for parts of it to drop. PDFs, Markdown and plain text are read the same whatever these say."""

    password: str | None = None
    cache: bool = True
    jobs: int | None = None
    max_pages: int = MAX_PAGES
    time_limit: float = MAX_SECONDS
    revisions: str = "accepted"
    select: str | None = None
    remove: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.jobs is not None and self.jobs < 1:
            raise UsageError(f"jobs must be 1 or more, not {self.jobs}")
        if self.max_pages < 1:
            raise UsageError(f"max_pages must be 1 or more, not {self.max_pages}")
        if not self.time_limit > 0:
            raise UsageError(f"time_limit must be more than 0 seconds, not {self.time_limit}")
        if self.revisions not in REVISIONS:
            raise UsageError(f"revisions must be one of {', '.join(REVISIONS)}, not {self.revisions!r}")
        if isinstance(self.remove, str):
            raise UsageError("remove must be a sequence of CSS selectors, not one string")
        selectors = [("select", self.select)] if self.select is not None else []
        for key, selector in selectors + [("remove", r) for r in self.remove]:
            check_selector(key, selector)

    @property
    def cached(self) -> bool:
        """Whether the parse cache is used: never for a document opened with a password."""
        return self.cache and not self.password


def check_selector(key: str, selector: object) -> None:
    """A CSS selector that lxml can apply, or a UsageError naming the option and what is wrong."""
    from cssselect import HTMLTranslator, SelectorError

    if not isinstance(selector, str) or not selector.strip():
        raise UsageError(f"{key} must be a CSS selector, not {selector!r}")
    try:
        HTMLTranslator().css_to_xpath(selector)
    except SelectorError as e:
        raise UsageError(f"{key}: {selector!r} is not a CSS selector diffy can apply ({e})") from None
