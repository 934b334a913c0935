"""Run settings: defaults here; configuration files and CLI flags override them."""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_ENVIRONMENTS: dict[str, tuple[str, ...]] = {
    "production": ("PROD_",),
    "staging": ("STAGING_", "STG_"),
    "development": ("DEV_",),
}


@dataclass(slots=True)
class Settings:
    """Everything that can be configured."""

    fail_on: str = "warning"
    max_file_size: int = 1_048_576
    select: list[str] = field(default_factory=list)  # empty: every rule enabled by default
    extend_select: list[str] = field(default_factory=list)  # enabled on top (ruff's extend-select)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)  # rule code -> severity override
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    extra_patterns: list[dict] = field(default_factory=list)
    allowlist_regexes: list[str] = field(default_factory=list)
    allowlist_hashes: list[str] = field(default_factory=list)
    environments: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_ENVIRONMENTS))
    # environment -> extra file-name globs (``.env.live``, ``deploy/eu-prod/*.env``); names like
    # ``.env.production`` / ``prod.env`` / ``deploy/prod/.env`` are recognised without configuration.
    environment_files: dict[str, tuple[str, ...]] = field(default_factory=dict)
    require_prefix: bool = False
    follow_symlinks: bool = False
    baseline_path: str | None = None  # report only findings not in this baseline (mcplint or detect-secrets)
    warn_unused_ignores: bool = False  # report inline suppressions that suppressed nothing

    def rule_enabled(self, code: str) -> bool:
        """Whether a rule runs: ``ignore`` wins, then ``select`` (codes or prefixes), then the rule's default."""
        if any(code.startswith(prefix) for prefix in self.ignore):
            return False
        if any(code.startswith(prefix) for prefix in self.extend_select):
            return True
        if self.select:
            return any(code.startswith(prefix) for prefix in self.select)
        from mcplint.rules import RULES

        rule = RULES.get(code)
        return rule.enabled_by_default if rule else False
