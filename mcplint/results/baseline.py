"""Baselines: the known findings a team has accepted, so a scan reports only what is new.

mcplint's own file (``.mcplint-baseline.json``) is stable, sorted JSON keyed on
(rule, path, fingerprint, secret hash): no line numbers, no timestamps, never a secret, so it
does not churn when lines move and regenerating it with nothing changed gives the same bytes::

    {
      "version": 2,
      "tool": "mcplint",
      "kdf": "scrypt:n=4096,r=8,p=1",
      "salt": "…",
      "entries": [
        {"rule": "MCP001", "path": ".mcp.json", "fingerprint": "…", "secret_hash": "…"}
      ]
    }

A committed baseline is public to everyone who can read the repository, and a plain hash of a
password is a dictionary attack away from the password. So ``secret_hash`` is scrypt (memory
hard, slow) of the finding's identity hash, ``sha256(rule␟path␟pattern␟sha256(secret))``, under
a random per-baseline ``salt``: each guess costs a scrypt, and a table built for one baseline is
useless for another. Regenerating a baseline keeps its salt (same bytes). Matching stays fast:
only findings whose rule and path have entries are hashed, once each per run. Version 1 files
(the identity hash unsalted) are still read, and upgraded when the baseline is regenerated.

A finding is baselined when its ``secret_hash`` is in the file (when it has one: the secret, not
its line, identifies it), else when its ``fingerprint`` is. A detect-secrets ``.secrets.baseline``
is read too: a finding whose secret's SHA-1 (``hashed_secret``) and file name match an entry
there is baselined, so a team moving over keeps its audited allowlist.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from mcplint.results.findings import Finding

FORMAT_VERSION = 2
LEGACY_VERSION = 1
KDF = "scrypt:n=4096,r=8,p=1"  # ~10-40 ms a hash; the only construction read (a file cannot ask for more)
_SCRYPT = {"n": 4096, "r": 8, "p": 1, "dklen": 16}
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
    def of(cls, finding: Finding, salt: str | None = None) -> Entry:
        """The entry for ``finding``; its secret hash salted when ``salt`` is given (version 2)."""
        secret = finding.secret_hash
        return cls(finding.path, finding.rule_id, finding.fingerprint,
                   salted_hash(secret, salt) if secret and salt else secret)

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "path": self.path, "fingerprint": self.fingerprint, "secret_hash": self.secret_hash}

    def sort_key(self) -> tuple[str, str, str, str]:
        return (self.path, self.rule, self.fingerprint, self.secret_hash or "")


def new_salt() -> str:
    return os.urandom(16).hex()


def salted_hash(identity: str, salt: str) -> str:
    """The stored form of a finding's identity hash: scrypt under the baseline's salt."""
    return hashlib.scrypt(identity.encode("ascii", "surrogateescape"), salt=bytes.fromhex(salt), **_SCRYPT).hex()


@dataclass(slots=True)
class Baseline:
    """A loaded baseline of either kind. ``salt`` is None for a version 1 (unsalted) file."""

    entries: list[Entry] = field(default_factory=list)
    detect_secrets: set[tuple[str, str]] = field(default_factory=set)  # (filename, SHA-1 of the secret)
    salt: str | None = None
    _secret_hashes: set[str] = field(default_factory=set)
    _fingerprints: set[str] = field(default_factory=set)
    _hashed_places: set[tuple[str, str]] = field(default_factory=set)  # (rule, path) with secret hashes
    _salted: dict[str, str] = field(default_factory=dict)  # identity hash -> salted, this run

    def __post_init__(self) -> None:
        self._secret_hashes = {e.secret_hash for e in self.entries if e.secret_hash}
        self._fingerprints = {e.fingerprint for e in self.entries}
        self._hashed_places = {(e.rule, e.path) for e in self.entries if e.secret_hash}

    def stored_hash(self, identity: str) -> str:
        """``identity`` as this baseline stores it (salted once per run, then cached)."""
        if self.salt is None:
            return identity
        if identity not in self._salted:
            self._salted[identity] = salted_hash(identity, self.salt)
        return self._salted[identity]

    def contains(self, finding: Finding) -> bool:
        """Whether ``finding`` is already known."""
        if finding.secret_hash:
            # The salted hash binds rule and path: only a finding at a place with entries can match.
            if (finding.rule_id, finding.path) in self._hashed_places and (
                self.stored_hash(finding.secret_hash) in self._secret_hashes
            ):
                return True
        elif finding.fingerprint in self._fingerprints:
            return True
        digest = finding.digest
        return digest is not None and (normalise_path(finding.path), digest.sha1) in self.detect_secrets

    def entries_salted(self, salt: str) -> list[Entry]:
        """The entries as a version 2 file under ``salt`` stores them (a version 1 file upgraded)."""
        if self.salt == salt:
            return list(self.entries)
        if self.salt is not None:
            raise ValueError("a salted baseline cannot be re-salted")
        return [Entry(e.path, e.rule, e.fingerprint, salted_hash(e.secret_hash, salt) if e.secret_hash else None)
                for e in self.entries]


def normalise_path(path: str) -> str:
    """A file name as both tools write it: POSIX separators, no leading ``./``."""
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def entries_from(findings: Iterable[Finding], salt: str | None = None) -> list[Entry]:
    """The sorted, de-duplicated entries for ``findings`` (secret hashes salted with ``salt``)."""
    cache: dict[str, str] = {}
    entries = set()
    for finding in findings:
        identity = finding.secret_hash
        if identity and salt:
            if identity not in cache:
                cache[identity] = salted_hash(identity, salt)
            entries.add(Entry(finding.path, finding.rule_id, finding.fingerprint, cache[identity]))
        else:
            entries.add(Entry.of(finding))
    return sorted(entries, key=Entry.sort_key)


def dumps(entries: Iterable[Entry], salt: str | None = None) -> str:
    """The file's text: same entries, same bytes. With ``salt`` a version 2 file (``entries``
    already salted with it); without, the legacy unsalted version 1."""
    document: dict[str, Any] = {"version": FORMAT_VERSION if salt else LEGACY_VERSION, "tool": "mcplint"}
    if salt:
        document["kdf"] = KDF
        document["salt"] = salt
    document["entries"] = [entry.to_json() for entry in sorted(set(entries), key=Entry.sort_key)]
    return json.dumps(document, indent=2, ensure_ascii=True) + "\n"


def write(path: Path, entries: Iterable[Entry], salt: str | None = None) -> None:
    """Write a baseline atomically (version 2 when ``salt`` is given)."""
    from mcplint.fsutil import atomic_write_text

    atomic_write_text(Path(path), dumps(entries, salt))


def parse(data: Any, source: str) -> Baseline:
    """A baseline from decoded JSON: mcplint's own format or detect-secrets'."""
    if isinstance(data, dict) and data.get("tool") == "mcplint":
        version = data.get("version")
        if version not in (FORMAT_VERSION, LEGACY_VERSION) or isinstance(version, bool):
            raise BaselineError(f"{source}: unsupported baseline version {version!r}")
        salt = None
        if version == FORMAT_VERSION:
            if data.get("kdf") != KDF:
                raise BaselineError(f"{source}: unsupported secret hash {str(data.get('kdf'))[:40]!r}")
            salt = data.get("salt")
            if not isinstance(salt, str) or len(salt) < 16 or not _is_hex(salt):
                raise BaselineError(f"{source}: 'salt' must be a hex string")
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
        return Baseline(entries=entries, salt=salt)
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


def _is_hex(text: str) -> bool:
    try:
        bytes.fromhex(text)
    except ValueError:
        return False
    return True


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
