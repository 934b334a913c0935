"""A finding: what a rule reports, already redacted, ready for any reporter."""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass, field

from mcplint.parse.document import Span

SEVERITIES = ("note", "warning", "error")


def severity_rank(severity: str) -> int:
    """Order of severities: note < warning < error."""
    return SEVERITIES.index(severity)


# Key for in-memory comparison of secret values (MCP007): never written anywhere.
_RUN_KEY = os.urandom(32)


def keyed_hash(value: str) -> str:
    """A per-run keyed hash of a value, for comparing secrets in memory only."""
    return hmac.new(_RUN_KEY, value.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


def stable_hash(*parts: str) -> str:
    """A stable, non-reversible hash of identifying parts (fingerprints, baselines)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:32]


def redact(secret: str) -> str:
    """Show a secret's shape without its body: at most 4 leading characters, never over a third."""
    if not secret:
        return ""
    keep = min(4, len(secret) // 3)
    return secret[:keep] + "*" * min(8, max(3, len(secret) - keep))


@dataclass(frozen=True, slots=True)
class SecretDigest:
    """Hashes of a finding's secret, for matching only; never printed by any reporter.

    SHA-256 is what ``allowlist.hashes`` takes; SHA-1 is detect-secrets' ``hashed_secret``.
    """

    sha256: str
    sha1: str

    @classmethod
    def of(cls, secret: str) -> SecretDigest:
        data = secret.encode("utf-8", "surrogatepass")
        return cls(hashlib.sha256(data).hexdigest(), hashlib.sha1(data).hexdigest())


@dataclass(frozen=True, slots=True)
class CommitInfo:
    """Where a history finding entered the repository (``mcplint scan --history``)."""

    sha: str  # full commit id that first introduced the value at this path
    author_name: str
    author_email: str  # printed only with --show-emails
    date: str  # author date, ISO 8601
    still_in_head: bool  # HEAD still holds it
    later_commits: int  # commits after the first that still hold it

    @property
    def short(self) -> str:
        return self.sha[:7]


@dataclass(slots=True)
class Finding:
    """One problem at one place. ``message`` and ``snippet`` never hold a full secret."""

    rule_id: str
    path: str  # POSIX path relative to the scan root (or as given)
    span: Span
    message: str
    severity: str
    category: str
    fingerprint: str  # stable across line shifts; never derived from the raw secret alone
    snippet: str = ""  # the redacted source line
    secret_hash: str | None = None  # stable hash of (rule, path, pattern, secret) for baselines
    security_severity: str | None = None
    digest: SecretDigest | None = None  # of the secret at ``span``, when the finding is about one
    masks_span: bool = False  # the span is a secret value: redaction masks it in every snippet of its line
    location: str = ""  # the slot field class (env, header, arg, url…): SARIF has one descriptor per class
    fixable: bool = False  # `mcplint fix` can write a reference here (the closing "N fixable" hint)
    commit: CommitInfo | None = None  # set by history scans only

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.line, self.span.col, self.rule_id)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem with the scan itself (a file that could not be read or parsed); never a finding."""

    path: str
    message: str
    line: int = 0  # 0 when the problem has no position (unreadable file)
    col: int = 0
    level: str = "warning"  # warning | error


@dataclass(slots=True)
class ScanResult:
    """Everything a reporter needs. ``rules`` are the rules that ran (Rule objects)."""

    findings: list[Finding]
    diagnostics: list[Diagnostic]
    rules: list  # list[mcplint.rules.base.Rule]
    root: str  # absolute path of the scan root (used for SARIF originalUriBaseIds)
    files_scanned: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> count
    # relpath -> candidate values judged placeholders/references, redacted (only with --verbose)
    not_reported: dict[str, list[str]] = field(default_factory=dict)
    version: str = ""
    not_scanned: int = 0  # files named on the command line that were skipped (each has a diagnostic)
    unreadable: int = 0  # selected files that could not be read or decoded: the scan is incomplete

    @property
    def complete(self) -> bool:
        """Whether every file the scan selected was read (parse errors still count as read)."""
        return self.unreadable == 0
