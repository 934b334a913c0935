"""The `.env` rules (MCP003–MCP008) and MCP001 on env files, on real git repositories in temp dirs.

Every secret is generated at test time; every repository is built with ``git init``/``add``/
``commit`` under a throw-away global git configuration, so the user's own configuration (a global
excludes file, a default branch, hooks) cannot change what git reports.
"""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

import pytest
from conftest import git
from conftest import secret as pattern_secret
from conftest import write_tree as write

from mcplint.names.env import environment_of, gitignore_line, is_env_file, is_template
from mcplint.pipeline import scan
from mcplint.reporters import render
from mcplint.results.findings import Finding, ScanResult
from mcplint.rules import RULES
from mcplint.settings.load import ConfigError, apply
from mcplint.settings.values import Settings

# No vowels, x, y or d: a random body can never spell a placeholder word ("your", "todo", "tbd", "xxxx").
ALPHABET = [c for c in string.ascii_letters + string.digits if c.lower() not in "aeiouxyd"]
SCANNED_CODES = ("MCP001", "MCP002", "MCP003", "MCP004", "MCP005", "MCP006", "MCP007", "MCP008")


def random_body(length: int) -> str:
    return "".join(random.SystemRandom().choice(ALPHABET) for _ in range(length))


def github_token() -> str:
    """A provider-shaped GitHub classic token, a fresh one each call."""
    return pattern_secret("github-pat")


def aws_key_id() -> str:
    return "AKIA" + "".join(random.SystemRandom().choice("ABCFGHJKLMNPQRSTVWZ234567") for _ in range(16))


def human_password() -> str:
    return random_body(6) + "-" + random_body(5) + "!7"


def private_key() -> str:
    lines = ["".join(random.SystemRandom().choice(string.ascii_letters + string.digits + "+/") for _ in range(64))]
    lines.append(lines[0][::-1])
    return "-----BEGIN EC PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END EC PRIVATE KEY-----"


# -- repositories -----------------------------------------------------------------------------


def make_repo(
    root: Path,
    files: dict[str, str | bytes],
    *,
    add: tuple[str, ...] | None = None,
    force_add: tuple[str, ...] = (),
) -> Path:
    """``git init``; add everything not ignored (or only ``add``), force-add ``force_add``; commit."""
    root.mkdir(parents=True, exist_ok=True)
    write(root, files)
    git(root, "init", "-q")
    if add is None:
        git(root, "add", "-A")
    elif add:
        git(root, "add", "--", *add)
    for rel in force_add:
        git(root, "add", "-f", "--", rel)
    git(root, "commit", "-q", "--allow-empty", "--no-verify", "-m", "snapshot")
    return root


def run(root: Path, settings: Settings | None = None) -> ScanResult:
    """Scan with the secret and env rules only (other rules, e.g. file permissions, are tested elsewhere)."""
    settings = settings or Settings()
    settings.select = settings.select or list(SCANNED_CODES)
    return scan([root], settings)


def hits(result: ScanResult, code: str, path: str | None = None) -> list[Finding]:
    return [f for f in result.findings if f.rule_id == code and (path is None or f.path == path)]


def lines(result: ScanResult, code: str, path: str) -> list[int]:
    return sorted(f.span.line for f in hits(result, code, path))


def dotenv_findings(result: ScanResult) -> set[tuple[str, str]]:
    """(rule, path) of every finding of the env rules and MCP001/MCP002."""
    return {(f.rule_id, f.path) for f in result.findings}


def assert_never_printed(result: ScanResult, secrets: list[str]) -> None:
    """No reporter output, message or snippet holds a secret or any 12-character slice of one."""
    outputs = [render(fmt, result, verbose=True) for fmt in ("text", "json", "sarif", "github")]
    outputs += [f.message for f in result.findings] + [f.snippet for f in result.findings]
    blob = "\n".join(outputs)
    for secret in secrets:
        for start in range(0, len(secret) - 11):
            assert secret[start : start + 12] not in blob, "a secret slice reached the output"


# -- MCP003: not ignored ------------------------------------------------------------------------


def test_env_file_not_ignored_is_reported_once_with_the_gitignore_line(tmp_path: Path) -> None:
    token = github_token()
    repo = make_repo(
        tmp_path / "r",
        {".gitignore": "node_modules/\n", ".env": f"PORT=3000\nGITHUB_TOKEN={token}\nLOG_LEVEL=debug\n"},
        add=(".gitignore",),
    )
    result = run(repo)
    [finding] = hits(result, "MCP003")
    assert finding.path == ".env" and finding.span.line == 2
    assert finding.category == "dotenv-not-ignored"
    assert '".env"' in finding.message and "GITHUB_TOKEN" in finding.message
    assert hits(result, "MCP004") == []  # untracked
    assert lines(result, "MCP001", ".env") == [2]  # secrets in a not-ignored .env are reported
    assert_never_printed(result, [token])


def test_env_file_without_secrets_is_not_mcp003(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "r",
        {".env": "PORT=3000\nAPP_ENV=dev\nAPI_URL=https://api.example.com\nGITHUB_TOKEN=\n"},
        add=(),
    )
    assert hits(run(repo), "MCP003") == []


def test_nested_gitignore_is_respected(tmp_path: Path) -> None:
    api_token, web_token = github_token(), github_token()
    repo = make_repo(
        tmp_path / "r",
        {
            "services/api/.gitignore": ".env\n",
            "services/api/.env": f"GITHUB_TOKEN={api_token}\n",
            "services/web/.env.local": f"GITHUB_TOKEN={web_token}\n",
            "README.md": "x\n",
        },
        add=("README.md", "services/api/.gitignore"),
    )
    result = run(repo)
    assert [f.path for f in hits(result, "MCP003")] == ["services/web/.env.local"]
    assert '".env.*"' in hits(result, "MCP003")[0].message and "!.env.example" in hits(result, "MCP003")[0].message
    # A secret in an ignored, untracked .env is where it belongs: no finding of any rule.
    assert not [f for f in result.findings if f.path == "services/api/.env"]


def test_negation_keeps_example_committed_and_local_file_ignored(tmp_path: Path) -> None:
    token = github_token()
    repo = make_repo(
        tmp_path / "r",
        {
            ".gitignore": ".env*\n!.env.example\n",
            ".env.example": "GITHUB_TOKEN=ghp_...\nOPENAI_API_KEY=<your-api-key>\nDB_PASSWORD=\nPORT=3000\n",
            ".env.local": f"GITHUB_TOKEN={token}\n",
        },
    )
    result = run(repo)
    # .env.example is tracked by design (negation) and holds placeholders only; .env.local is ignored.
    assert result.findings == []
    assert result.files_scanned == 2


def test_global_excludes_file_counts_as_ignored(tmp_path: Path, isolated_git: Path) -> None:
    excludes = tmp_path / "global-ignore"
    excludes.write_text(".env\n")
    with isolated_git.open("a") as config:
        config.write(f"[core]\n\texcludesFile = {excludes.as_posix()}\n")
    token = github_token()
    repo = make_repo(tmp_path / "r", {"README.md": "x\n", ".env": f"GITHUB_TOKEN={token}\n"})
    result = run(repo)
    assert not [f for f in result.findings if f.path == ".env"]


def test_info_exclude_counts_as_ignored(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"README.md": "x\n"})
    (repo / ".git" / "info").mkdir(exist_ok=True)
    (repo / ".git" / "info" / "exclude").write_text("*.env\n")
    write(repo, {"prod.env": f"PROD_GITHUB_TOKEN={github_token()}\n"})
    assert not [f for f in run(repo).findings if f.rule_id in ("MCP001", "MCP003")]


# -- MCP004: committed --------------------------------------------------------------------------


def test_force_added_ignored_env_is_committed_not_unignored(tmp_path: Path) -> None:
    token, password = github_token(), human_password()
    repo = make_repo(
        tmp_path / "r",
        {".gitignore": ".env\n", ".env": f'APP_ENV=dev\nPG_PASSWORD={password}\nGH_PAT="{token}"\n'},
        force_add=(".env",),
    )
    result = run(repo)
    [committed] = hits(result, "MCP004")
    assert committed.severity == "error" and committed.category == "dotenv-committed"
    assert "git rm --cached .env" in committed.message and "rotate" in committed.message
    assert ".gitignore rule matches it" in committed.message
    assert hits(result, "MCP003") == []  # it is ignored; it is just tracked anyway
    assert lines(result, "MCP001", ".env") == [2, 3]  # tracked: its secrets are findings
    assert_never_printed(result, [token, password])


def test_tracked_env_without_secrets_is_a_warning(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"config/.env": "PORT=8080\nGITHUB_TOKEN=\nREGION=eu-west-1\n"})
    result = run(repo)
    [committed] = hits(result, "MCP004")
    assert committed.severity == "warning" and committed.span.line == 1
    assert "git rm --cached config/.env" in committed.message
    assert hits(result, "MCP003") == [] and hits(result, "MCP001") == []


def test_tracked_and_not_ignored_env_gets_both(tmp_path: Path) -> None:
    token = github_token()
    repo = make_repo(tmp_path / "r", {"apps/worker/.env": f"# worker\nGITHUB_TOKEN={token}\n"})
    result = run(repo)
    assert {(f.rule_id, f.path) for f in result.findings} == {
        ("MCP001", "apps/worker/.env"),
        ("MCP003", "apps/worker/.env"),
        ("MCP004", "apps/worker/.env"),
    }
    assert [f.span.line for f in hits(result, "MCP004")] == [2]


# -- outside git --------------------------------------------------------------------------------


def test_no_git_repository_falls_back_to_gitignore_matching(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    ignored_token, loose_token = github_token(), github_token()
    write(
        root,
        {
            ".gitignore": ".env\n",
            ".env": f"GITHUB_TOKEN={ignored_token}\n",
            "prod.env": f"PROD_GITHUB_TOKEN={loose_token}\n",
        },
    )
    result = run(root)
    [loose] = hits(result, "MCP003")
    assert loose.path == "prod.env" and '"*.env"' in loose.message
    assert hits(result, "MCP004") == []  # nothing is tracked outside git
    assert not [f for f in result.findings if f.path == ".env"]
    assert lines(result, "MCP001", "prod.env") == [1]


# -- symlinks, encodings, syntax ------------------------------------------------------------------


def test_symlinked_env_is_reported_once_at_its_target(tmp_path: Path) -> None:
    token = github_token()
    root = tmp_path / "r"
    write(root, {"config/app.env": f"GITHUB_TOKEN={token}\n"})
    (root / ".env").symlink_to("config/app.env")
    make_repo(root, {})
    result = run(root)
    assert result.files_scanned == 2  # the link is read too, and stays silent
    assert dotenv_findings(result) == {
        ("MCP001", "config/app.env"),
        ("MCP003", "config/app.env"),
        ("MCP004", "config/app.env"),
    }
    assert hits(result, "MCP007") == []  # one file seen through two names is not a reuse


def test_symlink_to_an_ignored_env_file_stays_silent(tmp_path: Path) -> None:
    root = tmp_path / "r"
    write(root, {".gitignore": "local.env\n", "secrets/local.env": f"GITHUB_TOKEN={github_token()}\n"})
    (root / ".env").symlink_to("secrets/local.env")
    make_repo(root, {})
    # git tracks the link, not the secret: nothing was committed and nothing will be.
    result = run(root)
    assert result.files_scanned == 2
    assert result.findings == []


def test_crlf_and_bom_env_file_positions(tmp_path: Path) -> None:
    token, key_id = github_token(), aws_key_id()
    content = f'# local\r\nPORT=3000\r\nGITHUB_TOKEN={token}\r\nAWS_ACCESS_KEY_ID="{key_id}"\r\n'
    repo = make_repo(tmp_path / "r", {".env": b"\xef\xbb\xbf" + content.encode()})
    result = run(repo)
    assert lines(result, "MCP001", ".env") == [3, 4]
    [secret] = [f for f in hits(result, "MCP001") if f.span.line == 3]
    assert secret.span.col == len("GITHUB_TOKEN=") + 1
    assert hits(result, "MCP003")[0].span.line == 3 and hits(result, "MCP004")[0].span.line == 3
    assert all("\r" not in f.snippet and "\ufeff" not in f.snippet for f in result.findings)
    assert_never_printed(result, [token, key_id])


def test_export_quoted_and_multiline_values_in_production_file(tmp_path: Path) -> None:
    exported, single, key = github_token(), github_token(), private_key()
    content = (
        "# PRODUCTION\n"
        f'export PROD_GITHUB_TOKEN="{exported}"\n'
        f"GITHUB_TOKEN='{single}'\n"
        f'SIGNING_PRIVATE_KEY="{key}"\n'
        "PORT=8080\n"
    )
    repo = make_repo(tmp_path / "r", {".gitignore": ".env.*\n", ".env.production": content})
    result = run(repo)
    # Ignored and untracked: no MCP001/3/4, but the prefix rule applies (line of the key's start).
    assert {f.rule_id for f in result.findings} == {"MCP005"}
    assert lines(result, "MCP005", ".env.production") == [3, 4]
    assert_never_printed(result, [exported, single, *key.splitlines()[1:3]])


# -- MCP005 / MCP006: prefixes ------------------------------------------------------------------------


def test_prefix_missing_mismatch_and_non_secret_settings(tmp_path: Path) -> None:
    missing, own, foreign_dev, foreign_stg, password = (
        github_token(),
        github_token(),
        github_token(),
        github_token(),
        human_password(),
    )
    production = (
        "APP_ENV=production\n"  # 1
        "TENANT_ID=7a5259fd-f434-4c34-8df7-eaca362785ad\n"  # 2
        "PORT=443\n"  # 3
        "LOG_LEVEL=info\n"  # 4
        "API_URL=https://api.example.com/v1\n"  # 5
        f"GITHUB_TOKEN={missing}\n"  # 6: MCP005
        f"PROD_GITHUB_TOKEN={own}\n"  # 7: fine
        f"DEV_GITHUB_TOKEN={foreign_dev}\n"  # 8: MCP006 only
        f"STG_DB_PASSWORD={password}\n"  # 9: MCP006 only (STG_ is staging's)
        "DEV_MODE=false\n"  # 10: not a secret: no finding
        "DB_PASSWORD=\n"  # 11: empty: no finding
        "REDIS_URL=${PROD_REDIS_URL}\n"  # 12: a reference: no finding
    )
    repo = make_repo(
        tmp_path / "r",
        {".gitignore": ".env*\n", ".env.production": production, "deploy/staging/.env": f"DEV_TOKEN={foreign_stg}\n"},
    )
    result = run(repo)
    assert lines(result, "MCP005", ".env.production") == [6]
    assert lines(result, "MCP006", ".env.production") == [8, 9]
    assert lines(result, "MCP006", "deploy/staging/.env") == [1]
    assert {f.category for f in hits(result, "MCP005") + hits(result, "MCP006")} == {"env-prefix"}
    [missing_finding] = hits(result, "MCP005")
    assert "PROD_GITHUB_TOKEN" in missing_finding.message
    mismatch = {f.span.line: f.message for f in hits(result, "MCP006", ".env.production")}
    assert "development prefix DEV_" in mismatch[8] and "staging prefix STG_" in mismatch[9]
    assert_never_printed(result, [missing, own, foreign_dev, foreign_stg, password])


def test_prefix_rules_follow_configured_environments(tmp_path: Path) -> None:
    token = github_token()
    settings = apply(
        {"environments": {"production": {"prefixes": ["LIVE_"], "files": [".env.live"]}, "qa": ["QA_"]}},
        Settings(),
        tmp_path / ".mcplint.yaml",
    )
    repo = make_repo(
        tmp_path / "r",
        {
            ".gitignore": ".env*\n",
            ".env.live": f"GITHUB_TOKEN={token}\nLIVE_GITHUB_TOKEN={token}\nQA_GITHUB_TOKEN={token}\n",
            ".env.qa": f"QA_GITHUB_TOKEN={github_token()}\n",
        },
    )
    result = run(repo, settings)
    assert lines(result, "MCP005", ".env.live") == [1]
    assert lines(result, "MCP006", ".env.live") == [3]
    assert hits(result, "MCP005", ".env.qa") == [] and hits(result, "MCP006", ".env.qa") == []


def test_require_prefix_checks_mcp_config_references(tmp_path: Path) -> None:
    mcp = {
        "mcpServers": {
            "db": {
                "command": "npx",
                "env": {
                    "DB_PASSWORD": "${DB_PASSWORD}",
                    "API_KEY": "${PROD_API_KEY}",
                    "PORT": "${PORT}",
                    "TENANT_ID": "${TENANT_ID}",
                },
            }
        }
    }
    staging = {"mcpServers": {"db": {"command": "npx", "env": {"API_KEY": "${env:PROD_API_KEY}"}}}}
    files = {".mcp.json": json.dumps(mcp, indent=2) + "\n", "deploy/staging/.mcp.json": json.dumps(staging, indent=2)}
    repo = make_repo(tmp_path / "r", files)
    assert [f for f in run(repo).findings if f.rule_id in ("MCP005", "MCP006")] == []
    result = run(repo, Settings(require_prefix=True))
    [missing] = hits(result, "MCP005")
    assert missing.path == ".mcp.json" and "${DB_PASSWORD}" in missing.message
    [mismatch] = hits(result, "MCP006")
    assert mismatch.path == "deploy/staging/.mcp.json" and "PROD_API_KEY" in mismatch.message


# -- MCP007: reuse ------------------------------------------------------------------------------


def test_secret_reused_across_three_env_files(tmp_path: Path) -> None:
    shared, other, dev_only = github_token(), aws_key_id(), github_token()
    files = {
        ".gitignore": ".env.*\n!.env.example\n",
        ".env.development": (
            "REGION=eu-west-1\n"
            "TENANT_ID=0a654a13-a088-4fbf-b896-85a4cef776f3\n"
            "API_URL=https://api.example.com\n"
            f"DEV_GITHUB_TOKEN={shared}\n"  # 4: first occurrence, not reported
            f"DEV_AWS_ACCESS_KEY_ID={other}\n"  # 5: first occurrence
            f"DEV_OTHER_TOKEN={dev_only}\n"
            f"DEV_AGAIN_TOKEN={dev_only}\n"  # same file only: not a reuse
        ),
        ".env.production": (
            "REGION=eu-west-1\n"
            "TENANT_ID=0a654a13-a088-4fbf-b896-85a4cef776f3\n"
            "API_URL=https://api.example.com\n"
            f'PROD_GITHUB_TOKEN="{shared}"\n'  # 4: reuse (quotes do not matter)
            f"PROD_AWS_ACCESS_KEY_ID='{other}'\n"  # 5: reuse
        ),
        ".env.staging": f"export STAGING_GITHUB_TOKEN={shared}\n",  # 1: reuse
        ".env.example": f"GITHUB_TOKEN={shared}\n",  # templates are not compared; MCP008's
    }
    repo = make_repo(tmp_path / "r", files)
    result = run(repo)
    assert lines(result, "MCP007", ".env.development") == []
    assert lines(result, "MCP007", ".env.production") == [4, 5]
    assert lines(result, "MCP007", ".env.staging") == [1]
    assert hits(result, "MCP007", ".env.example") == []
    assert lines(result, "MCP008", ".env.example") == [1]
    assert {f.category for f in hits(result, "MCP007")} == {"secret-reuse"}
    first = next(f for f in hits(result, "MCP007", ".env.staging"))
    assert ".env.development (line 4)" in first.message
    assert_never_printed(result, [shared, other, dev_only])


# -- templates and MCP008 ----------------------------------------------------------------------------


def test_templates_are_exempt_and_real_secrets_in_them_are_mcp008(tmp_path: Path) -> None:
    token, password = github_token(), human_password()
    files = {
        ".env.example": "GITHUB_TOKEN=ghp_...\nOPENAI_API_KEY=sk-proj-...\nHF_TOKEN=<api-key>\nDB_PASSWORD=\n",
        ".env.sample": f"# template\nOPENAI_KEY=sk-proj-...\nGH_PAT={token}\nPORT=3000\n",
        "config/prod.example.env": f"PROD_DB_URL=postgres://app:{password}@db.example.com/app\n",
        ".env.template": "STRIPE_API_KEY=rk_live_...\n",
    }
    repo = make_repo(tmp_path / "r", files)
    result = run(repo)
    assert {(f.rule_id, f.path, f.span.line) for f in result.findings} == {
        ("MCP008", ".env.sample", 3),
        ("MCP008", "config/prod.example.env", 1),
    }
    assert {f.category for f in result.findings} == {"secret"}
    assert_never_printed(result, [token, password])


def test_ignored_untracked_template_is_silent(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {".gitignore": ".env*\n", ".env.sample": f"GH_PAT={github_token()}\n"})
    assert run(repo).findings == []


# -- the whole picture ---------------------------------------------------------------------------


def test_no_output_contains_reused_or_prefixed_secrets(tmp_path: Path) -> None:
    reused, prefixed, mismatched, password = github_token(), github_token(), github_token(), human_password()
    files = {
        ".gitignore": ".env.production\n",
        ".env.development": f"DEV_TOKEN={reused}\nDEV_DB_PASSWORD={password}\n",
        ".env.production": f"PROD_TOKEN={reused}\nAPI_TOKEN={prefixed}\nSTAGING_TOKEN={mismatched}\n",
        ".env.staging": f"STAGING_DB_PASSWORD={password}\n",
    }
    repo = make_repo(tmp_path / "r", files, add=(".gitignore",))
    settings = Settings(select=["MCP005", "MCP006", "MCP007"])  # no MCP001 to mask the same lines
    result = run(repo, settings)
    assert {f.rule_id for f in result.findings} == {"MCP005", "MCP006", "MCP007"}
    assert_never_printed(result, [reused, prefixed, mismatched, password])
    full = run(repo)
    assert_never_printed(full, [reused, prefixed, mismatched, password])
    for fmt in ("text", "json", "sarif"):
        assert reused not in render(fmt, full)


def test_rule_metadata_and_docs() -> None:
    expected = {
        "MCP003": "dotenv-not-ignored",
        "MCP004": "dotenv-committed",
        "MCP005": "env-prefix",
        "MCP006": "env-prefix",
        "MCP007": "secret-reuse",
        "MCP008": "secret",
    }
    for code, category in expected.items():
        rule = RULES[code]
        assert rule.category == category
        for section in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
            assert section in rule.doc, (code, section)
        assert rule.precision in ("very-high", "high", "medium", "low")
        assert 0.0 <= float(rule.security_severity) <= 10.0


# -- helpers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "env_file", "template"),
    [
        (".env", True, False),
        (".env.local", True, False),
        ("config/.env.production", True, False),
        ("prod.env", True, False),
        (".envrc", True, False),
        (".env.example", True, True),
        (".env.sample", True, True),
        (".env.template", True, True),
        (".env.dist", True, True),
        ("prod.example.env", True, True),
        (".env.local.example", True, True),
        ("env.ts", False, False),
        (".env.json", False, False),
    ],
)
def test_env_file_names(path: str, env_file: bool, template: bool) -> None:
    assert is_env_file(Path(path).name) is env_file
    assert is_template(path) is template


@pytest.mark.parametrize(
    ("path", "env"),
    [
        (".env.production", "production"),
        (".env.prod", "production"),
        ("prod.env", "production"),
        ("apps/api/.env.production.local", "production"),
        (".env.staging", "staging"),
        (".env.stg", "staging"),
        (".env.development", "development"),
        (".env.dev", "development"),
        ("deploy/prod/.env", "production"),
        ("deploy/staging/app.env", "staging"),
        ("deploy/prod/.env.dev", "development"),  # the file name wins over the folder
        (".env", None),
        (".env.local", None),
        (".env.test", None),
        (".devcontainer/.env", None),
    ],
)
def test_environment_of(path: str, env: str | None) -> None:
    assert environment_of(path, Settings()) == env


def test_gitignore_lines() -> None:
    assert gitignore_line(".env") == ".env"
    assert gitignore_line(".env.production") == ".env.*"
    assert gitignore_line("prod.env") == "*.env"


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ({"environments": ["PROD_"]}, "environments"),
        ({"environments": {"production": {"prefixes": "PROD_", "files": 3}}}, "environments.production.files"),
        ({"environments": {"qa": {"files": [".env.qa"]}}}, "environments.qa.prefixes"),
        ({"environments": {"production": {"prefix": ["PROD_"]}}}, "environments.production.prefix"),
        ({"environments": {"production": []}}, "environments.production.prefixes"),
    ],
)
def test_bad_environment_configuration_names_the_key(tmp_path: Path, table: dict, key: str) -> None:
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        apply(table, Settings(), tmp_path / ".mcplint.yaml")


def test_environment_configuration_keeps_default_prefixes(tmp_path: Path) -> None:
    settings = apply({"environments": {"production": {"files": ["live.env"]}}}, Settings(), tmp_path / "x.yaml")
    assert settings.environments == {"production": ("PROD_",)}
    assert environment_of("deploy/live.env", settings) == "production"
