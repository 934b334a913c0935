"""Baselines: the known findings a team has accepted, so a scan reports only what is new.

mcplint's own file (``.mcplint-baseline.json``) is stable, sorted JSON keyed on
(rule, path, fingerprint, secret hash): no line numbers, no timestamps, never a secret, so it
does not churn when lines move and regenerating it with nothing changed gives the same bytes::

    {
      "version": 1,
      "tool": "mcplint",
      "entries": [
        {"rule": "MCP001", "path": ".mcp.json", "fingerprint": "…", "secret_hash": "…"}
      ]
    }

A finding is baselined when its ``secret_hash`` is in the file (when it has one: the secret, not
its line, identifies it), else when its ``fingerprint`` is. A detect-secrets ``.secrets.baseline``
is read too: a finding whose secret's SHA-1 (``hashed_secret``) and file name match an entry
there is baselined, so a team moving over keeps its audited allowlist.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from mcplint.results.findings import Finding

FORMAT_VERSION = 1
DEFAULT_FILE = ".mcplint-baseline.json"


class BaselineError(Exception):
    """A baseline file that cannot be read; the message names the file."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One accepted finding."""

    path: str
    rule: str
    fingerprint: str
    secret_hash: str | None = None

    @classmethod
    def of(cls, finding: Finding) -> Entry:
        return cls(finding.path, finding.rule_id, finding.fingerprint, finding.secret_hash)

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "path": self.path, "fingerprint": self.fingerprint, "secret_hash": self.secret_hash}

    def sort_key(self) -> tuple[str, str, str, str]:
        return (self.path, self.rule, self.fingerprint, self.secret_hash or "")


@dataclass(slots=True)
class Baseline:
    """A loaded baseline of either kind."""

    entries: list[Entry] = field(default_factory=list)
    detect_secrets: set[tuple[str, str]] = field(default_factory=set)  # (filename, SHA-1 of the secret)
    _secret_hashes: set[str] = field(default_factory=set)
    _fingerprints: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._secret_hashes = {e.secret_hash for e in self.entries if e.secret_hash}
        self._fingerprints = {e.fingerprint for e in self.entries}

    def contains(self, finding: Finding) -> bool:
        """Whether ``finding`` is already known."""
        if finding.secret_hash:
            if finding.secret_hash in self._secret_hashes:
                return True
        elif finding.fingerprint in self._fingerprints:
            return True
        digest = finding.digest
        return digest is not None and (normalise_path(finding.path), digest.sha1) in self.detect_secrets


def normalise_path(path: str) -> str:
    """A file name as both tools write it: POSIX separators, no leading ``./``."""
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def entries_from(findings: Iterable[Finding]) -> list[Entry]:
    """The sorted, de-duplicated entries for ``findings``."""
    return sorted({Entry.of(finding) for finding in findings}, key=Entry.sort_key)


def dumps(entries: Iterable[Entry]) -> str:
    """The file's text: same entries, same bytes."""
    document = {
        "version": FORMAT_VERSION,
        "tool": "mcplint",
        "entries": [entry.to_json() for entry in sorted(set(entries), key=Entry.sort_key)],
    }
    return json.dumps(document, indent=2, ensure_ascii=True) + "\n"


def write(path: Path, entries: Iterable[Entry]) -> None:
    """Write a baseline atomically."""
    from mcplint.fsutil import atomic_write_text

    atomic_write_text(Path(path), dumps(entries))


def parse(data: Any, source: str) -> Baseline:
    """A baseline from decoded JSON: mcplint's own format or detect-secrets'."""
    if isinstance(data, dict) and data.get("tool") == "mcplint":
        if data.get("version") != FORMAT_VERSION:
            raise BaselineError(f"{source}: unsupported baseline version {data.get('version')!r}")
        raw = data.get("entries")
        if not isinstance(raw, list):
            raise BaselineError(f"{source}: 'entries' must be a list")
        entries = []
        for index, item in enumerate(raw):
            try:
                entries.append(
                    Entry(
                        str(item["path"]), str(item["rule"]), str(item["fingerprint"]), item.get("secret_hash") or None
                    )
                )
            except (TypeError, KeyError) as error:
                raise BaselineError(f"{source}: entry {index} lacks {error}") from None
        return Baseline(entries=entries)
    if isinstance(data, dict) and isinstance(data.get("results"), dict):
        known: set[tuple[str, str]] = set()
        for filename, secrets in data["results"].items():
            if not isinstance(secrets, list):
                raise BaselineError(f"{source}: results for {filename!r} must be a list")
            for secret in secrets:
                hashed = secret.get("hashed_secret") if isinstance(secret, dict) else None
                if isinstance(hashed, str):
                    known.add((normalise_path(str(filename)), hashed.lower()))
        return Baseline(detect_secrets=known)
    raise BaselineError(f"{source}: not an mcplint or detect-secrets baseline")


def load(path: str | Path) -> Baseline:
    """Read a baseline file; :class:`BaselineError` when it is missing or malformed."""
    path = Path(path)
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file (create one with `mcplint baseline`)") from None
    except OSError as error:
        raise BaselineError(f"{path}: cannot read ({error.strerror})") from None
    except (ValueError, UnicodeDecodeError):
        raise BaselineError(f"{path}: not valid JSON") from None
    return parse(data, str(path))


def new_findings(findings: list[Finding], baseline: Baseline) -> list[Finding]:
    """The findings ``baseline`` does not know."""
    return [finding for finding in findings if not baseline.contains(finding)]
