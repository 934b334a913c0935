"""Where the shared corpora live: ``../shared`` beside the checkout (as CI lays it out), or
``$MCPLINT_SHARED``."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _shared() -> Path:
    for candidate in (os.environ.get("MCPLINT_SHARED"), REPO.parent / "shared", "/work/shared"):
        if candidate and (Path(candidate) / "corpus").is_dir():
            return Path(candidate)
    return REPO.parent / "shared"


SHARED = _shared()
CORPUS = SHARED / "corpus"
