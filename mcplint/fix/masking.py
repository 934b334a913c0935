"""What of a config a ``fix`` diff may show.

A diff hunk prints whole lines, and a minified config is one line holding every value. So the
mask is wide: every value ``scan`` would mask — including values suppressed inline, baselined or
allowlisted (they are dropped from the findings, not from the file) and credential-looking values
under neutral keys — and every other value on a line that holds one, plus names that are secrets.
"""

from __future__ import annotations

from collections.abc import Iterable

from mcplint.detect import Detector
from mcplint.model import McpConfig
from mcplint.parse.document import Mapping, Scalar, walk
from mcplint.results.findings import Finding
from mcplint.results.redaction import mask_secret_looking, secret_names
from mcplint.rules.common import value_offsets

Span = tuple[int, int]
Edit = tuple[int, int, str]


def splice(text: str, edits: list[Edit]) -> str:
    """``text`` with non-overlapping ``(start, end, replacement)`` edits applied."""
    out, pos = [], 0
    for start, end, replacement in sorted(edits):
        if start < pos:
            continue  # overlapping edit: the earlier one wins
        out.append(text[pos:start])
        out.append(replacement)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def merge(spans: Iterable[Span]) -> list[Span]:
    """Sorted spans with overlapping and touching ones merged."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def mask_edits(spans: Iterable[Span]) -> list[Edit]:
    """Edits that mask ``spans``, overlapping ones merged (so no part of a secret slips through)."""
    from mcplint.fix.changes import MASK

    return [(start, end, MASK) for start, end in merge(spans)]


def subtract(spans: Iterable[Span], holes: Iterable[Span]) -> list[Span]:
    """The parts of ``spans`` outside every hole (one sweep over both, sorted)."""
    holes = merge(holes)
    out: list[Span] = []
    first = 0
    for start, end in merge(spans):
        while first < len(holes) and holes[first][1] <= start:
            first += 1  # holes entirely before this span cannot touch later spans either
        pos = start
        for h_start, h_end in holes[first:]:
            if h_start >= end:
                break
            if h_start > pos:
                out.append((pos, h_start))
            pos = max(pos, h_end)
        if pos < end:
            out.append((pos, end))
    return out


def value_spans(config: McpConfig) -> list[Span]:
    """Where every string value of the document sits (content only for verbatim scalars)."""
    spans = []
    for root in config.document.roots:
        for _, node in walk(root):
            if isinstance(node, Scalar) and isinstance(node.value, str) and node.value:
                if node.verbatim and node.content_start >= 0:
                    spans.append((node.content_start, node.content_start + len(node.value)))
                else:
                    spans.append((node.span.start, node.span.end))
    return spans


def name_spans(config: McpConfig, names: set[str]) -> list[Span]:
    """Where keys that are secrets sit."""
    if not names:
        return []
    spans: list[Span] = []
    for root in config.document.roots:
        for _, node in walk(root):
            if isinstance(node, Mapping):
                spans.extend((k.span.start, k.span.end) for k, _ in node.items() if k.text in names)
    return spans


def detected_spans(config: McpConfig, detector: Detector) -> list[Span]:
    """Every detector hit and URL credential in every slot, whatever rules are selected."""
    from mcplint.detect.urls import find_url_credentials

    spans: list[Span] = []
    for slot in config.slots:
        text = slot.value.value
        if not isinstance(text, str) or not text:
            continue
        hits: list[Span] = [(h.start, h.end) for h in detector.scan(text, slot.key)]
        if "://" in text or ";" in text or "=" in text:
            hits.extend((c.start, c.end) for c in find_url_credentials(text))
        spans.extend(value_offsets(slot, start, end) for start, end in hits)
    return spans


def occurrences(text: str, secrets: Iterable[str]) -> list[Span]:
    spans = []
    for secret in secrets:
        if len(secret) < 4:
            continue
        start = text.find(secret)
        while start != -1:
            spans.append((start, start + len(secret)))
            start = text.find(secret, start + 1)
    return spans


class ConfigMask:
    """The secret spans of one config and the masked old and new texts of its diff."""

    def __init__(self, config: McpConfig, findings: list[Finding], detector: Detector, secrets: set[str]) -> None:
        self.config = config
        self.text = config.document.text
        self.names = secret_names(config, detector)
        spans = [(f.span.start, f.span.end) for f in findings if f.path == config.relpath and f.masks_span]
        spans += detected_spans(config, detector)
        spans += name_spans(config, self.names)
        spans += occurrences(self.text, secrets | self.names)
        self.secret_spans = merge(spans)
        self.values = value_spans(config)

    def secret_values(self) -> set[str]:
        """The texts under the secret spans (for the plan's last-line-of-defence mask)."""
        return {self.text[s:e] for s, e in self.secret_spans if e - s >= 4}

    def _with_line_values(self, spans: list[Span], holes: list[Span]) -> list[Span]:
        """``spans`` plus every value on a line that holds one of them, minus ``holes``."""
        if not spans:
            return []
        document = self.config.document
        lines: set[int] = set()
        for start, end in spans:
            first, last = document.position(start)[0], document.position(max(end - 1, start))[0]
            lines.update(range(first, last + 1))
        extra = []
        for start, end in self.values:
            first, last = document.position(start)[0], document.position(max(end - 1, start))[0]
            if any(line in lines for line in range(first, last + 1)):
                extra.append((start, end))
        return subtract(spans + extra, holes)

    def masked_old(self) -> str:
        return mask_lines(splice(self.text, mask_edits(self._with_line_values(self.secret_spans, []))))

    def masked_new(self, edits: list[Edit]) -> str:
        holes = [(start, end) for start, end, _ in edits]
        remaining = subtract(self.secret_spans, holes)
        masks = mask_edits(self._with_line_values(remaining, holes))
        return mask_lines(splice(self.text, edits + masks))


def mask_lines(text: str) -> str:
    """Every credential-looking token on every line masked too (what scan's snippets do)."""
    return "".join(mask_secret_looking(line) for line in text.splitlines(keepends=True))
