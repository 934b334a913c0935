"""Every client and file kind mcplint recognises: how it references variables and what to advise.

Sources: each client's documentation and source (collected in the project's MCP config-format
reference, §1, §2, §4). Where a client's expansion is unverified, ``reference`` is ``None`` (no
automatic fix) unless the client's documentation names a template.
"""

from __future__ import annotations

from mcplint.model import (
    FIELD_ARG,
    FIELD_COMMAND,
    FIELD_ENV,
    FIELD_HEADER,
    FIELD_OTHER,
    FIELD_URL,
    Client,
)

_SERVER_FIELDS = frozenset({FIELD_COMMAND, FIELD_ARG, FIELD_ENV, FIELD_URL, FIELD_HEADER})
_EVERY_FIELD = _SERVER_FIELDS | {FIELD_OTHER}


def _client(id: str, name: str, reference: str | None, expands: frozenset[str], advice: str) -> tuple[str, Client]:
    return id, Client(id=id, name=name, reference=reference, expands=expands, advice=advice)


CLIENTS: dict[str, Client] = dict(
    [
        _client(
            "claude-desktop",
            "Claude Desktop",
            None,
            frozenset(),
            "Claude Desktop expands no variables, so keep the secret out of this file: install the"
            " server as an MCPB extension with a sensitive user_config entry, or let the server read"
            " it from the environment or the OS keychain.",
        ),
        _client(
            "claude-code",
            "Claude Code",
            "${VAR}",
            _SERVER_FIELDS,
            "Write ${VAR} instead of the value (Claude Code expands it in command, args, env, url"
            " and headers) and export VAR in your shell.",
        ),
        _client(
            "cursor",
            "Cursor",
            "${env:VAR}",
            _SERVER_FIELDS,
            "Write ${env:VAR} instead of the value, or point envFile at an untracked dotenv file.",
        ),
        _client(
            "vscode",
            "VS Code",
            "${env:VAR}",
            _SERVER_FIELDS,
            "Write ${env:VAR}, or declare a promptString input with password: true and no default"
            " and reference it as ${input:id}.",
        ),
        _client(
            "copilot-cli",
            "GitHub Copilot CLI",
            "${VAR}",
            frozenset({FIELD_COMMAND, FIELD_ARG, FIELD_ENV, FIELD_HEADER}),
            "Write ${VAR} instead of the value and export VAR in your shell.",
        ),
        _client(
            "copilot-jetbrains",
            "GitHub Copilot for JetBrains",
            "${env:VAR}",
            frozenset({FIELD_ENV, FIELD_HEADER}),
            "Write ${env:VAR} instead of the value and set VAR in the IDE's environment.",
        ),
        _client(
            "windsurf",
            "Windsurf",
            "${env:VAR}",
            _SERVER_FIELDS,
            "Write ${env:VAR} (or ${file:/path} to an untracked file) instead of the value.",
        ),
        _client(
            "cline",
            "Cline",
            "${env:VAR}",
            _EVERY_FIELD,
            "Write ${env:VAR} instead of the value; Cline expands it in every string of the file.",
        ),
        _client(
            "roo",
            "Roo Code",
            "${env:VAR}",
            _EVERY_FIELD,
            "Write ${env:VAR} instead of the value; Roo Code expands it in every string of the file.",
        ),
        _client(
            "zed",
            "Zed",
            None,
            frozenset(),
            "Zed expands no variables in settings, so keep the secret out of this file: launch the"
            " server through a wrapper that reads it from the environment or a keychain.",
        ),
        _client(
            "continue",
            "Continue",
            "${{ secrets.VAR }}",
            frozenset({FIELD_ARG, FIELD_ENV, FIELD_HEADER, FIELD_URL, FIELD_OTHER}),
            "Write ${{ secrets.VAR }} and put VAR in an untracked .env (~/.continue/.env or .continue/.env).",
        ),
        _client(
            "gemini",
            "Gemini CLI",
            "${VAR}",
            _EVERY_FIELD,
            "Write ${VAR} instead of the value (Gemini CLI expands it anywhere in settings) and keep"
            " VAR in your shell or an untracked .gemini/.env.",
        ),
        _client(
            "codex",
            "OpenAI Codex",
            None,
            frozenset(),
            "Codex expands no variables: export the secret and name it with env_vars (stdio) or"
            " bearer_token_env_var / env_http_headers (HTTP) instead of writing the value.",
        ),
        _client(
            "goose",
            "Goose",
            None,
            frozenset(),
            "Goose expands no variables: list the variable name in env_keys so Goose reads the value"
            " from the keyring instead of envs.",
        ),
        _client(
            "amazonq",
            "Amazon Q Developer",
            "${env:VAR}",
            frozenset({FIELD_ENV}),
            "Write ${env:VAR} in env instead of the value and export VAR in your shell.",
        ),
        _client(
            "kiro",
            "Kiro",
            "${VAR}",
            frozenset({FIELD_ENV, FIELD_HEADER}),
            "Write ${VAR} in env or headers instead of the value and export VAR in your shell.",
        ),
        _client(
            "junie",
            "JetBrains Junie",
            None,
            frozenset(),
            "Junie's variable expansion is undocumented, so keep the secret out of this file and let"
            " the server read it from the environment.",
        ),
        _client(
            "lmstudio",
            "LM Studio",
            None,
            frozenset(),
            "LM Studio expands no documented variables, so keep the secret out of this file and let"
            " the server read it from the environment.",
        ),
        _client(
            "opencode",
            "opencode",
            "{env:VAR}",
            _EVERY_FIELD,
            "Write {env:VAR} (or {file:path} to an untracked file) instead of the value.",
        ),
        _client(
            # Crush's README uses shell-style $VAR expansion; the reference marks it unverified.
            "crush",
            "Crush",
            "${VAR}",
            _SERVER_FIELDS,
            "Write ${VAR} instead of the value and export VAR in your shell.",
        ),
        _client(
            "antigravity",
            "Google Antigravity",
            None,
            frozenset(),
            "Antigravity's variable expansion is undocumented, so keep the secret out of this file"
            " and let the server read it from the environment.",
        ),
        _client(
            "generic",
            "MCP configuration",
            None,
            frozenset(),
            "Replace the value with the variable reference your MCP client expands and keep the"
            " secret in the environment.",
        ),
        _client(
            "registry-server",
            "MCP registry server.json",
            None,
            frozenset(),
            "Declare the value as an input with isSecret: true and no value or default (use"
            " placeholder for examples); users supply it at install time.",
        ),
        _client(
            "mcpb",
            "MCPB manifest",
            None,
            frozenset(),
            "Declare a sensitive user_config entry without a default and reference it as ${user_config.key}.",
        ),
        _client(
            "smithery",
            "smithery.yaml",
            None,
            frozenset(),
            "Declare the value in configSchema without a default and keep exampleConfig to"
            " placeholders; users supply it when they connect.",
        ),
        _client(
            "docker-mcp-catalog",
            "Docker MCP catalog entry",
            None,
            frozenset(),
            "Declare the value under config.secrets so it comes from the Docker secret store, and"
            " keep example to a placeholder.",
        ),
        _client(
            "compose",
            "Docker Compose",
            "${VAR}",
            _EVERY_FIELD,
            "Write ${VAR} and keep the value in an untracked .env, or use Compose secrets.",
        ),
        _client(
            "kubernetes",
            "Kubernetes manifest",
            None,
            frozenset(),
            "Reference a Secret with valueFrom.secretKeyRef and keep the Secret itself out of the"
            " repository (or commit it sealed/external).",
        ),
        _client(
            "dotenv",
            "dotenv file",
            None,
            frozenset(),
            "Keep dotenv files with real values out of version control (add them to .gitignore) and"
            " commit a .env.example with placeholders instead.",
        ),
    ]
)
