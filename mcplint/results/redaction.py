"""Redaction: what of a source line may be shown next to a finding.

Every snippet leaves through here: detected secrets are masked by their exact spans, and any
other credential-looking token on the printed part of the line is masked too. A key, server
name or other name that is itself a secret (a token pasted as an env key) is masked in every
message as well.

The work is linear in the file: each line holding findings is masked once, in one pass over its
sorted secret spans, however many findings and secrets the line holds (a minified config is one
line holding every value).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING, Iterable

from mcplint.detect.patterns import shannon_entropy
from mcplint.model import McpConfig
from mcplint.parse.document import Mapping, walk
from mcplint.results.findings import Finding, redact

if TYPE_CHECKING:
    from mcplint.detect import Detector

SNIPPET_WIDTH = 160
NAME_MASK = "****"

_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_.~%-")
_TOKEN = re.compile(r"[A-Za-z0-9+/=_.~%-]{16,}")
_NAME_CANDIDATE = re.compile(r"[A-Za-z0-9+/=_.~%:-]{12,}")


def looks_secret(token: str) -> bool:
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
        return redact(token).ljust(len(token), "*")[: len(token)] if looks_secret(token) else token

    return line[:lo] + _TOKEN.sub(mask, line[lo:hi]) + line[hi:]


def is_secret_name(name: str, detector: Detector | None = None) -> bool:
    """Whether a name (key, server name) is a credential: a provider pattern matches it, or it
    holds a credential-looking token."""
    if len(name) < 12 or not _NAME_CANDIDATE.search(name):
        return False
    if any(looks_secret(token) for token in _TOKEN.findall(name)):
        return True
    if detector is None or not any(c.isdigit() for c in name):
        return False
    return any(hit.confidence == "high" for hit in detector.scan(name))


def secret_names(config: McpConfig, detector: Detector | None = None) -> set[str]:
    """Keys and server names of ``config`` that are secrets."""
    names = {server.name for server in config.servers if server.name}
    for root in config.document.roots:
        for _, node in walk(root):
            if isinstance(node, Mapping):
                names.update(key.text for key, _ in node.items())
    return {name for name in names if is_secret_name(name, detector)}


def name_variants(name: str) -> set[str]:
    """A name and the forms a message may print it in (``upper_snake``, a variable name)."""
    from mcplint.names.variables import upper_snake, valid_name

    return {name, upper_snake(name), valid_name(name), valid_name(upper_snake(name))} - {""}


def mask_names(text: str, names: Iterable[str]) -> str:
    """``text`` with every one of ``names`` (in any case, in its variable-name forms) masked."""
    variants = sorted({v for name in names for v in name_variants(name) if len(v) >= 4}, key=len, reverse=True)
    if not variants:
        return text
    return re.sub("|".join(re.escape(v) for v in variants), NAME_MASK, text, flags=re.IGNORECASE)


def _masked_line(line: str, line_start: int, ranges: list[tuple[int, int]], first: int) -> str:
    """``line`` with the sorted secret ``ranges`` (from index ``first`` on) masked, in one pass."""
    out, pos = [], 0
    for start, end in ranges[first:]:
        lo, hi = max(start - line_start, pos), min(end - line_start, len(line))
        if start - line_start >= len(line):
            break
        if lo >= hi:
            continue
        out.append(line[pos:lo])
        out.append(redact(line[lo:hi]).ljust(hi - lo, "*")[: hi - lo])
        pos = hi
    out.append(line[pos:])
    return "".join(out)


def redact_snippets(findings: list[Finding], configs: Iterable[McpConfig], detector: Detector | None = None) -> None:
    """Give every finding its source line with every detected secret on it masked, and mask names
    that are secrets in every message."""
    by_path = {config.relpath: config for config in configs}
    secret_ranges: dict[str, list[tuple[int, int]]] = {}
    for finding in findings:
        if finding.masks_span:
            secret_ranges.setdefault(finding.path, []).append((finding.span.start, finding.span.end))
    # Sorted by start; ``reach[i]`` is the furthest end among ranges[:i + 1], so the first range
    # that can touch a line is found by bisection even when ranges nest or overlap.
    reaches: dict[str, list[int]] = {}
    for path, ranges in secret_ranges.items():
        ranges.sort()
        furthest, reach = 0, []
        for _, end in ranges:
            furthest = max(furthest, end)
            reach.append(furthest)
        reaches[path] = reach
    lines: dict[tuple[str, int], str] = {}
    names: dict[str, set[str]] = {}
    for finding in findings:
        config = by_path.get(finding.path)
        if config is None:
            continue
        if finding.path not in names:
            names[finding.path] = secret_names(config, detector)
        if names[finding.path]:
            finding.message = mask_names(finding.message, names[finding.path])
        document = config.document
        starts = document.line_starts()
        line_no = finding.span.line
        if not 1 <= line_no <= len(starts):
            continue
        masked = lines.get((finding.path, line_no))
        if masked is None:
            line_start = starts[line_no - 1]
            ranges = secret_ranges.get(finding.path, [])
            first = bisect_left(reaches.get(finding.path, []), line_start + 1)
            masked = _masked_line(document.line_text(line_no), line_start, ranges, first)
            lines[(finding.path, line_no)] = masked
        snippet = masked
        if len(snippet) > SNIPPET_WIDTH:
            centre = finding.span.col - 1
            begin = max(0, min(centre - SNIPPET_WIDTH // 3, len(snippet) - SNIPPET_WIDTH))
            snippet = mask_secret_looking(snippet, begin, begin + SNIPPET_WIDTH)
            snippet = ("…" if begin else "") + snippet[begin : begin + SNIPPET_WIDTH] + "…"
        else:
            snippet = mask_secret_looking(snippet)
        if names[finding.path]:
            snippet = mask_names(snippet, names[finding.path])
        finding.snippet = snippet
