"""What a rule is, and the context rules run in.

A rule is a module with a docstring in ruff's sections (``## What it does``, ``## Why is this
bad?``, ``## Example``, ``## Use instead``) and one :class:`Rule` object named ``RULE`` with its
metadata and its check: ``check`` for a rule that looks at one file, ``check_project`` for one
that needs every file of the scan.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mcplint.detect import Detector
    from mcplint.detect.detector import SecretHit
    from mcplint.detect.urls import UrlCredential
    from mcplint.discover.git import Repo
    from mcplint.model import McpConfig, Slot
    from mcplint.results.findings import Finding
    from mcplint.rules.envfiles import PrefixProblem
    from mcplint.rules.mcp012_undocumented_variable import Documentation
    from mcplint.settings.values import Settings

    FileCheck = Callable[[McpConfig, "Context"], Iterable[Finding]]
    ProjectCheck = Callable[[list[McpConfig], "Context"], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule: its metadata and its check.

    ``defers_to`` names rules that report the same value better: when one of them has a finding
    whose span overlaps one of this rule's findings in the same file, the engine drops this
    rule's finding (so a URL credential is MCP002's, not also MCP001's).
    """

    code: str
    name: str
    summary: str
    severity: str  # default: note | warning | error
    category: str  # SARIF tag scored by category: secret, dotenv-not-ignored, …
    security_severity: str  # "0.0".."10.0" as GitHub reads it
    precision: str = "high"  # very-high | high | medium | low
    doc: str = ""  # Markdown: the module docstring
    enabled_by_default: bool = True
    defers_to: tuple[str, ...] = ()
    check: FileCheck | None = field(default=None, compare=False, repr=False)
    check_project: ProjectCheck | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "doc", inspect.cleandoc(self.doc or ""))


@dataclass(slots=True)
class ScanMemo:
    """Analyses several rules share within one scan, computed once (keyed by object identity)."""

    slot_secrets: dict[tuple[int, str | None], list[SecretHit]] = field(default_factory=dict)
    slot_urls: dict[int, list[UrlCredential]] = field(default_factory=dict)
    env_secret_slots: dict[int, list[Slot]] = field(default_factory=dict)
    prefix_problems: dict[int, list[PrefixProblem]] = field(default_factory=dict)
    user_locations: list[Path] | None = None  # MCP011: the user-level location patterns of this OS
    documentation: Documentation | None = None  # MCP012: the scan's env templates and documentation


@dataclass(slots=True)
class Context:
    """What a rule may consult besides the file itself."""

    detector: Detector
    settings: Settings
    root: Path
    repo: Repo | None = None  # None outside git
    file_modes: Mapping[str, int] = field(default_factory=dict)  # modes the audit recorded, by path (MCP011)
    memo: ScanMemo = field(default_factory=ScanMemo)
