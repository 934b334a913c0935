"""What the detector judged *not* a secret in each file, and why: the ``--verbose`` explanation.

A user who pastes a hand-made ``ghp_1234567890abcdef…`` to test the hook sees that it was judged
a placeholder (a sequential run) instead of wondering why nothing is reported. Values are shown
redacted: a judgement can be wrong, and the output must never carry a whole secret.
"""

from __future__ import annotations

from collections.abc import Iterable

from mcplint.detect.detector import Detector
from mcplint.model import McpConfig

__all__ = ["explain_configs", "redacted"]


def redacted(value: str) -> str:
    """The first four characters and the length (``ghp_…(40)``); nothing of short values."""
    return f"{value[:4]}…({len(value)})" if len(value) > 8 else f"…({len(value)})"


def explain_configs(configs: Iterable[McpConfig], detector: Detector) -> dict[str, list[str]]:
    """relpath → one line per dropped candidate: ``line:col value reason`` (value redacted)."""
    explained: dict[str, list[str]] = {}
    for config in configs:
        lines: list[str] = []
        for slot in config.slots:
            text = slot.value.value
            if not isinstance(text, str) or not text:
                continue
            scalar = slot.value
            for start, end, reason in detector.explain(text, slot.key):
                exact = scalar.verbatim and scalar.content_start >= 0
                offset = scalar.content_start + start if exact else scalar.span.start
                line, col = config.document.position(offset)
                lines.append(f"{line}:{col} {redacted(text[start:end])} {reason}")
        if lines:
            explained[config.relpath] = lines
    return explained
