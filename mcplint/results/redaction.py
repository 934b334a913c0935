"""Redaction: what of a source line may be shown next to a finding.

Every snippet leaves through here: detected secrets are masked by their exact spans, and any
other credential-looking token on the printed part of the line is masked too.
"""

from __future__ import annotations

import re
from typing import Iterable

from mcplint.detect.patterns import shannon_entropy
from mcplint.model import McpConfig
from mcplint.results.findings import Finding, redact

SNIPPET_WIDTH = 160

_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_.~%-")
_TOKEN = re.compile(r"[A-Za-z0-9+/=_.~%-]{16,}")


def _looks_secret(token: str) -> bool:
    """Letters and digits mixed, or high-entropy mixed case: how random credentials look."""
    has_digit = any(c.isdigit() for c in token)
    has_lower, has_upper = any(c.islower() for c in token), any(c.isupper() for c in token)
    if has_digit and (has_lower or has_upper):
        return shannon_entropy(token) >= 3.0
    return has_lower and has_upper and len(token) >= 20 and shannon_entropy(token) >= 3.8


def mask_secret_looking(line: str, start: int = 0, end: int | None = None) -> str:
    """Mask every credential-looking token of ``line`` that overlaps ``[start, end)``; same length out.

    A snippet shows a whole source line; on a minified file that line holds every other value
    too, and a secret no pattern recognised (a UUID-shaped key under a neutral name) must not be
    printed next to a finding about its neighbour.
    """
    end = len(line) if end is None else end
    # Widen to whole tokens (bounded look-around: a longer token is judged on a long piece of it).
    lo, hi = max(start, 0), min(end, len(line))
    while lo > 0 and start - lo < 1024 and line[lo - 1] in _TOKEN_CHARS:
        lo -= 1
    while hi < len(line) and hi - end < 1024 and line[hi] in _TOKEN_CHARS:
        hi += 1

    def mask(match: re.Match[str]) -> str:
        token = match.group()
        return redact(token).ljust(len(token), "*")[: len(token)] if _looks_secret(token) else token

    return line[:lo] + _TOKEN.sub(mask, line[lo:hi]) + line[hi:]


def redact_snippets(findings: list[Finding], configs: Iterable[McpConfig]) -> None:
    """Give every finding its source line with every detected secret on it masked."""
    by_path = {config.relpath: config for config in configs}
    secret_ranges: dict[str, list[tuple[int, int]]] = {}
    for finding in findings:
        if finding.masks_span:
            secret_ranges.setdefault(finding.path, []).append((finding.span.start, finding.span.end))
    for finding in findings:
        config = by_path.get(finding.path)
        if config is None:
            continue
        document = config.document
        starts = document.line_starts()
        line_no = finding.span.line
        if not 1 <= line_no <= len(starts):
            continue
        line_start = starts[line_no - 1]
        line = document.line_text(line_no)
        masked = list(line)
        for start, end in secret_ranges.get(finding.path, ()):
            lo, hi = max(start - line_start, 0), min(end - line_start, len(line))
            if lo < hi:
                masked[lo:hi] = list(redact(line[lo:hi]).ljust(hi - lo, "*")[: hi - lo])
        snippet = "".join(masked)
        if len(snippet) > SNIPPET_WIDTH:
            centre = finding.span.col - 1
            begin = max(0, min(centre - SNIPPET_WIDTH // 3, len(snippet) - SNIPPET_WIDTH))
            snippet = mask_secret_looking(snippet, begin, begin + SNIPPET_WIDTH)
            snippet = ("…" if begin else "") + snippet[begin : begin + SNIPPET_WIDTH] + "…"
        else:
            snippet = mask_secret_looking(snippet)
        finding.snippet = snippet
