"""The rule registry: an explicit code → module table, as yamllint and ruff keep theirs.

Codes are never reused: a removed rule stays listed with its status.
"""

from __future__ import annotations

from mcplint.rules import (
    mcp001_hardcoded_secret,
    mcp002_credential_in_url,
    mcp003_dotenv_not_ignored,
    mcp004_dotenv_committed,
    mcp005_missing_env_prefix,
    mcp006_env_prefix_mismatch,
    mcp007_secret_reused_across_environments,
    mcp008_secret_in_example_file,
    mcp009_secret_input_not_marked_sensitive,
    mcp010_plaintext_secret_in_deployment,
    mcp011_config_readable_by_others,
    mcp012_undocumented_variable,
    mcp013_credential_over_plain_http,
    mcp014_api_base_url_override,
    mcp015_broad_secret_access,
    mcp016_unfilled_placeholder,
)
from mcplint.rules.base import RuleInfo

_MODULES = [
    mcp001_hardcoded_secret,
    mcp002_credential_in_url,
    mcp003_dotenv_not_ignored,
    mcp004_dotenv_committed,
    mcp005_missing_env_prefix,
    mcp006_env_prefix_mismatch,
    mcp007_secret_reused_across_environments,
    mcp008_secret_in_example_file,
    mcp009_secret_input_not_marked_sensitive,
    mcp010_plaintext_secret_in_deployment,
    mcp011_config_readable_by_others,
    mcp012_undocumented_variable,
    mcp013_credential_over_plain_http,
    mcp014_api_base_url_override,
    mcp015_broad_secret_access,
    mcp016_unfilled_placeholder,
]

RULES: dict[str, RuleInfo] = {module.CODE: RuleInfo.from_module(module) for module in _MODULES}


def all_rules() -> list[RuleInfo]:
    """Every registered rule, by code."""
    return [RULES[code] for code in sorted(RULES)]


def get(code_or_name: str) -> RuleInfo | None:
    """A rule by code (`MCP001`) or name (`hardcoded-secret`)."""
    wanted = code_or_name.strip()
    for rule in RULES.values():
        if wanted.upper() == rule.code or wanted.lower() == rule.name:
            return rule
    return None
