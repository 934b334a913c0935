"""What every rule module declares, and the context rules run in.

A rule is a module with a docstring in ruff's sections (``## What it does``, ``## Why is this
bad?``, ``## Example``, ``## Use instead``), the constants below, and a generator: ``check`` for a
rule that looks at one file, ``check_project`` for one that needs every file of the scan.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mcplint.detect import Detector
    from mcplint.settings.values import Settings


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A rule's metadata, read from its module."""

    code: str
    name: str
    summary: str
    severity: str  # default: note | warning | error
    category: str  # SARIF tag scored by category: secret, dotenv-not-ignored, …
    security_severity: str  # "0.0".."10.0" as GitHub reads it
    precision: str  # very-high | high | medium | low
    doc: str  # Markdown: the module docstring
    enabled_by_default: bool = True
    module: ModuleType | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_module(cls, module: ModuleType) -> RuleInfo:
        return cls(
            code=module.CODE,
            name=module.NAME,
            summary=module.SUMMARY,
            severity=module.SEVERITY,
            category=module.CATEGORY,
            security_severity=module.SECURITY_SEVERITY,
            precision=getattr(module, "PRECISION", "high"),
            doc=inspect.cleandoc(module.__doc__ or ""),
            enabled_by_default=getattr(module, "ENABLED_BY_DEFAULT", True),
            module=module,
        )


@dataclass(slots=True)
class Context:
    """What a rule may consult besides the file itself."""

    detector: Detector
    settings: Settings
    root: Any = None  # pathlib.Path of the scan root
    repo: Any = None  # mcplint.discover.git.Repo or None outside git
    state: dict[str, Any] = field(default_factory=dict)  # per-scan scratch space for rules
