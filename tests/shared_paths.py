"""Where the shared corpora live: ``../shared`` beside the checkout (as CI lays it out), or
``$MCPLINT_SHARED``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _shared() -> Path:
    for candidate in (os.environ.get("MCPLINT_SHARED"), REPO.parent / "shared", "/work/shared"):
        if candidate and (Path(candidate) / "corpus").is_dir():
            return Path(candidate)
    return REPO.parent / "shared"


SHARED = _shared()
CORPUS = SHARED / "corpus"


def requires_corpora(path: Path = CORPUS, what: str = "the shared corpora") -> pytest.MarkDecorator:
    """Skip when ``path`` is missing (a contributor's clone); with MCPLINT_REQUIRE_CORPORA=1, as
    ``.ci/run`` sets, the test runs anyway and fails on the missing corpus instead of skipping."""
    missing = not path.exists() and os.environ.get("MCPLINT_REQUIRE_CORPORA") != "1"
    return pytest.mark.skipif(missing, reason=f"{what} not found at {path}: set MCPLINT_SHARED to run it")
