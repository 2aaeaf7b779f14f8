"""How documents are read: one settings object that every command, the UI and the series code pass on."""

from __future__ import annotations

from dataclasses import dataclass

from diffy.errors import UsageError

MAX_PAGES = 5000
MAX_SECONDS = 300.0


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """`password` opens encrypted PDFs (such documents are never cached); `cache` reads and stores
    parsed documents in the parse cache; `jobs` is the worker processes for page extraction (None:
    automatic); `max_pages` and `time_limit` (seconds) guard against pathological files."""

    password: str | None = None
    cache: bool = True
    jobs: int | None = None
    max_pages: int = MAX_PAGES
    time_limit: float = MAX_SECONDS

    def __post_init__(self) -> None:
        if self.jobs is not None and self.jobs < 1:
            raise UsageError(f"jobs must be 1 or more, not {self.jobs}")
        if self.max_pages < 1:
            raise UsageError(f"max_pages must be 1 or more, not {self.max_pages}")
        if not self.time_limit > 0:
            raise UsageError(f"time_limit must be more than 0 seconds, not {self.time_limit}")

    @property
    def cached(self) -> bool:
        """Whether the parse cache is used: never for a document opened with a password."""
        return self.cache and not self.password
