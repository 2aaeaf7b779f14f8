"""The one exception family diffy raises on purpose.

Every message names the file and says what is wrong in a user's words; the CLI
prints it as one line on stderr and exits with status 2.
"""

from __future__ import annotations

from pathlib import Path


class DiffyError(Exception):
    """Base of every error diffy reports to the user."""


class InputError(DiffyError):
    """A document could not be read: missing, not a PDF, encrypted, damaged, no text."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class UsageError(DiffyError):
    """The command line asked for something that cannot be done."""
