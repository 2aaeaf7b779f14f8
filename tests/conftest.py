from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"

needs_shared = pytest.mark.skipif(
    not CORPUS.is_dir(), reason="../shared/corpus (the evaluation corpus) is not beside this checkout"
)


@functools.cache
def parsed(path: str, password: str | None = None):
    """Parse a file once per test session."""
    from diffy.ingest import ReadOptions, load_document

    return load_document(path, ReadOptions(password=password))


@pytest.fixture
def parse():
    return parsed


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Tests (and the diffy processes they start) never touch the user's parse cache."""
    os.environ["DIFFY_CACHE_DIR"] = str(tmp_path_factory.mktemp("parse-cache"))


@pytest.fixture(autouse=True, scope="session")
def _private_workspace(tmp_path_factory):
    """Annotation files land in a temporary workspace unless a test says otherwise."""
    os.environ["DIFFY_WORKSPACE"] = str(tmp_path_factory.mktemp("workspace"))
