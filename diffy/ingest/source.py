"""An input file before it is read: whether it can be opened, its SHA-256, its name as printable text."""

from __future__ import annotations

import hashlib
from pathlib import Path

from diffy.errors import InputError


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def printable(path: str | Path) -> str:
    """The path as text that can always be printed (bytes that are not UTF-8 become U+FFFD)."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def check_readable(path: Path) -> None:
    try:
        exists, is_dir = path.exists(), path.is_dir()
    except OSError as e:  # a name too long, a loop of symlinks, …
        raise InputError(printable(path), f"cannot be opened ({e.strerror or e})") from None
    if not exists:
        raise InputError(path, "no such file")
    if is_dir:
        raise InputError(path, "is a directory, not a document")
    try:
        with path.open("rb"):
            pass
    except PermissionError:
        raise InputError(path, "cannot be read (permission denied)") from None
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror or e})") from None
