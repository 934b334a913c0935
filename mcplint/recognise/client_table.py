"""The client table: one declarative row per client and file kind mcplint recognises.

A row says everything mcplint knows about one client: its id (:class:`ClientKind`), display
name, family (the file shape), the file patterns that name it (in priority order), its
user-level locations per platform (what ``mcplint audit`` reads), the reference syntaxes it
expands and in which fields, how ``fix`` keeps a secret out of its file, the advice a finding
gives, and the documentation the row was checked against. ``recognise`` (:func:`kind_from_path`
and the client metadata), ``references``, ``discover.locations`` (the audit), ``fix`` and the
README's client tables all read :data:`ROWS`: adding a client is one row here plus one fixture
pair under ``tests/fixtures/clients/<id>/``.

File patterns are ``/``-separated path suffixes whose components are shell globs (``*``, ``?``,
``[...]``), matched case-sensitively against the last components of a path; ``**`` stands for
any number of folders. Two special forms: ``re:REGEX`` is matched against the lower-cased file
name, and ``@dotenv`` is the dotenv naming rule. The most specific matching pattern (the most
components pinned; ties go to the earlier row) gives the path's kind; the content can still change it
(``.mcp.json`` is shared by
several clients, see :mod:`mcplint.recognise.recogniser`).

User-level location bases (``home``, ``xdg_config``, ``user_config``, ``local_appdata``, …) are
resolved per platform by :class:`mcplint.discover.locations.Roots`.

Run ``python -m mcplint.recognise.client_table --markdown`` to print the README's tables
(``--write-readme`` rewrites them between their markers; a test fails when they are stale).
"""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from mcplint.model import (
    FIELD_ARG,
    FIELD_COMMAND,
    FIELD_ENV,
    FIELD_HEADER,
    FIELD_OTHER,
    FIELD_URL,
    Client,
)


class ClientKind(str, Enum):
    """Every client and file kind the recogniser can return (one row of :data:`ROWS` each)."""

    CLAUDE_DESKTOP = "claude-desktop"
    CLAUDE_CODE = "claude-code"
    CLAUDE_PLUGIN = "claude-code-plugin"
    CURSOR = "cursor"
    CURSOR_PLUGIN = "cursor-plugin"
    VSCODE = "vscode"
    VISUAL_STUDIO = "visual-studio"
    COPILOT_CLI = "copilot-cli"
    COPILOT_JETBRAINS = "copilot-jetbrains"
    COPILOT_ECLIPSE = "copilot-eclipse"
    COPILOT_AGENT = "copilot-agent"
    WINDSURF = "windsurf"
    DEVIN = "devin"
    DEVIN_CLI = "devin-cli"
    CLINE = "cline"
    ROO = "roo"
    KILO = "kilo"
    ZED = "zed"
    CONTINUE = "continue"
    GEMINI = "gemini"
    CODEX = "codex"
    CODEX_PLUGIN = "codex-plugin"
    GOOSE = "goose"
    AMAZONQ = "amazonq"
    KIRO = "kiro"
    JUNIE = "junie"
    JETBRAINS_AIR = "jetbrains-air"
    LMSTUDIO = "lmstudio"
    OPENCODE = "opencode"
    CRUSH = "crush"
    ANTIGRAVITY = "antigravity"
    WARP = "warp"
    AMP = "amp"
    MISTRAL_VIBE = "mistral-vibe"
    FACTORY = "factory"
    AUGMENT = "augment"
    TABNINE = "tabnine"
    GITLAB_DUO = "gitlab-duo"
    DOCKER_MCP_TOOLKIT = "docker-mcp-toolkit"
    GENERIC = "generic"
    UNKNOWN_PLUGIN = "unknown-plugin"
    REGISTRY_SERVER = "registry-server"
    MCPB = "mcpb"
    SMITHERY = "smithery"
    DOCKER_MCP_CATALOG = "docker-mcp-catalog"
    COMPOSE = "compose"
    KUBERNETES = "kubernetes"
    DOTENV = "dotenv"

    def __str__(self) -> str:
        return self.value


class FixStrategy(str, Enum):
    """How ``fix`` keeps a secret out of a kind's file."""

    REFERENCE = "reference"  # write the client's own variable reference
    ENV_VARS = "env_vars"  # Codex: name the variable in env_vars / bearer_token_env_var
    ENV_KEYS = "env_keys"  # Goose: name the variable in env_keys, value in the keyring
    WRAPPER = "wrapper"  # no expansion: start the server through a wrapper that loads a .env
    NONE = "none"  # manifests, deployments, dotenv, undecided files: the client's advice only


PLATFORMS = ("macos", "linux", "windows")
ALL = frozenset(PLATFORMS)
POSIX = frozenset({"macos", "linux"})
WINDOWS = frozenset({"windows"})


@dataclass(frozen=True, slots=True)
class UserLocation:
    """A user-level config file: ``path`` under ``base`` on ``platforms`` (``*`` allowed in a component)."""

    base: str
    path: str
    platforms: frozenset[str] = ALL
    app: str = ""  # what the user calls it when it differs from the row ("VS Code Insiders")
    note: str = ""


@dataclass(frozen=True, slots=True)
class ClientRow:
    """Everything mcplint knows about one client or file kind."""

    kind: ClientKind
    name: str
    family: str
    patterns: tuple[str, ...]
    locations: tuple[UserLocation, ...]
    syntaxes: frozenset[str] | None  # reference forms it expands; None: undocumented (every braced form)
    expands: frozenset[str]  # fields the reference is expanded in
    reference: str | None  # the template fix writes (VAR is the name); None: fix writes none
    fix: FixStrategy
    advice: str
    docs: str  # where the row was verified ("" for the project's own reference only)
    note: str = ""  # what is unverified or shared

    @property
    def client(self) -> Client:
        return Client(id=self.kind.value, name=self.name, reference=self.reference, expands=self.expands,
                      advice=self.advice)


_SERVER_FIELDS = frozenset({FIELD_COMMAND, FIELD_ARG, FIELD_ENV, FIELD_URL, FIELD_HEADER})
_EVERY_FIELD = _SERVER_FIELDS | {FIELD_OTHER}
_NONE: frozenset[str] = frozenset()
_SHELL = frozenset({"shell"})
_ENV = frozenset({"env"})
_K, _F, _L = ClientKind, FixStrategy, UserLocation
_REF = "the project's MCP config-format reference"  # mcp-config-formats.md, sections 1-4
_EDITORS = (("Code", "VS Code"), ("Code - Insiders", "VS Code Insiders"), ("Cursor", "Cursor"))
_CLINE_STORAGE = "User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json"
_ROO_STORAGE = "User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json"
_KILO_STORAGE = "User/globalStorage/kilocode.kilo-code/settings/mcp_settings.json"
_UNDOCUMENTED = (
    "{name}'s variable expansion is undocumented, so keep the secret out of this file and let the"
    " server read it from the environment (or start it through a wrapper that loads an untracked .env)."
)


def _undocumented(name: str) -> str:
    return _UNDOCUMENTED.format(name=name)


ROWS: tuple[ClientRow, ...] = (
    ClientRow(
        _K.CLAUDE_DESKTOP, "Claude Desktop", "mcpServers", ("re:claude_desktop_config.*\\.json",),
        (_L("user_config", "Claude/claude_desktop_config.json"),
         _L("xdg_config", "claude/claude_desktop_config.json", frozenset({"linux"}),
            note="Docker's lowercase path for community builds")),
        None, _NONE, None, _F.WRAPPER,
        "Claude Desktop expands no variables, so keep the secret out of this file: install the"
        " server as an MCPB extension with a sensitive user_config entry, or let the server read"
        " it from the environment or the OS keychain.",
        "https://modelcontextprotocol.io/docs/develop/connect-local-servers",
    ),
    ClientRow(
        _K.CLAUDE_PLUGIN, "Claude Code plugin", "mcpServers",
        (".claude-plugin/plugin.json",), (), _SHELL, _SERVER_FIELDS, "${VAR}", _F.REFERENCE,
        "Write ${VAR} instead of the value (Claude Code expands it in plugin servers like in"
        " .mcp.json) and declare the value as a sensitive userConfig entry or let the user export VAR.",
        "https://code.claude.com/docs/en/mcp",
        note="a plugin root's .mcp.json (beside .claude-plugin/) is recognised from its siblings",
    ),
    ClientRow(
        _K.CLAUDE_CODE, "Claude Code", "mcpServers",
        (".mcp.json", ".claude.json", "managed-mcp.json", "managed-settings.json", ".claude/mcp.json",
         ".claude/settings*.json"),
        (_L("claude_home", ".claude.json", note="mcpServers and projects.<path>.mcpServers"),
         _L("claude_dir", "settings.json", note="env and apiKeyHelper")),
        _SHELL, _SERVER_FIELDS, "${VAR}", _F.REFERENCE,
        "Write ${VAR} instead of the value (Claude Code expands it in command, args, env, url"
        " and headers) and export VAR in your shell.",
        "https://code.claude.com/docs/en/mcp",
        note=".mcp.json is shared: content and siblings decide (Visual Studio, plugins)",
    ),
    ClientRow(
        _K.CURSOR_PLUGIN, "Cursor plugin", "mcpServers", (".cursor-plugin/plugin.json",), (),
        None, _NONE, None, _F.WRAPPER, _undocumented("A Cursor plugin"), "",
        note="no Cursor documentation of plugin .mcp.json expansion was found: fix writes no reference",
    ),
    ClientRow(
        _K.CURSOR, "Cursor", "mcpServers", (".cursor/mcp.json",), (_L("home", ".cursor/mcp.json"),),
        _ENV, _SERVER_FIELDS, "${env:VAR}", _F.REFERENCE,
        "Write ${env:VAR} instead of the value, or point envFile at an untracked dotenv file.",
        "https://cursor.com/docs/context/mcp",
    ),
    ClientRow(
        _K.VISUAL_STUDIO, "Visual Studio", "servers", (".vs/mcp.json",),
        (_L("home", ".mcp.json", WINDOWS, note="%USERPROFILE%\\.mcp.json"),),
        None, _NONE, None, _F.WRAPPER,
        "Visual Studio's documentation names no environment reference for mcp.json: declare the"
        " value as an input (${input:id}) so Visual Studio prompts for it, or let the server read it"
        " from the environment.",
        "https://learn.microsoft.com/visualstudio/ide/mcp-servers",
        note="<solution>/.mcp.json with a top-level servers key is Visual Studio's (content decides)",
    ),
    ClientRow(
        _K.VSCODE, "VS Code", "servers",
        (".vscode/mcp.json", ".vscode/settings.json", "devcontainer.json", ".devcontainer.json",
         "Code*/User/mcp.json", "VSCodium*/User/mcp.json"),
        tuple(_L("user_config", f"{folder}/User/{name}", app=app)
              for folder, app in _EDITORS[:2]
              for name in ("mcp.json", "settings.json", "profiles/*/mcp.json")),
        _ENV, _SERVER_FIELDS, "${env:VAR}", _F.REFERENCE,
        "Write ${env:VAR}, or declare a promptString input with password: true and no default"
        " and reference it as ${input:id}.",
        "https://code.visualstudio.com/docs/copilot/reference/mcp-configuration",
    ),
    ClientRow(
        _K.COPILOT_ECLIPSE, "GitHub Copilot for Eclipse", "servers", (".github/copilot/mcp.json",),
        (_L("xdg_config", "github-copilot/eclipse/mcp.json", POSIX),
         _L("user_config", "github-copilot/eclipse/mcp.json", WINDOWS)),
        None, _NONE, None, _F.WRAPPER, _undocumented("GitHub Copilot for Eclipse"),
        "https://github.com/microsoft/copilot-for-eclipse/issues/127",
        note="locations from the project's tracker, not from docs; variable expansion unverified",
    ),
    ClientRow(
        _K.COPILOT_JETBRAINS, "GitHub Copilot for JetBrains", "servers", ("github-copilot/**/mcp.json",),
        (_L("xdg_config", "github-copilot/intellij/mcp.json", POSIX),
         _L("local_appdata", "github-copilot/intellij/mcp.json", WINDOWS)),
        _ENV, frozenset({FIELD_ENV, FIELD_HEADER}), "${env:VAR}", _F.REFERENCE,
        "Write ${env:VAR} instead of the value and set VAR in the IDE's environment.", _REF,
    ),
    ClientRow(
        _K.COPILOT_CLI, "GitHub Copilot CLI", "mcpServers", ("mcp-config.json",),
        (_L("copilot_home", "mcp-config.json"),),
        frozenset({"shell", "bare"}), frozenset({FIELD_COMMAND, FIELD_ARG, FIELD_ENV, FIELD_HEADER}), "${VAR}",
        _F.REFERENCE, "Write ${VAR} instead of the value and export VAR in your shell.",
        "https://docs.github.com/en/copilot/how-tos/use-copilot-agents/use-copilot-cli",
        note="also reads a project .mcp.json (mcpServers), which is recognised as Claude Code's: same syntax",
    ),
    ClientRow(
        _K.COPILOT_AGENT, "GitHub Copilot custom agent", "agent-front-matter", (".github/agents/*.agent.md",),
        (), frozenset({"shell", "bare", "continue"}), frozenset({FIELD_ARG, FIELD_ENV, FIELD_HEADER, FIELD_URL}),
        None, _F.NONE,
        "Do not write the value in a GitHub Copilot custom agent file: add it as an Agents secret named COPILOT_MCP_…"
        " (repository Settings > Secrets and variables > Agents) and write ${{ secrets.COPILOT_MCP_… }}.",
        "https://docs.github.com/en/enterprise-cloud@latest/copilot/how-tos/copilot-on-github/customize-copilot/"
        "customize-cloud-agent/configure-secrets-and-variables",
        note="front matter mcp-servers; $NAME, ${NAME} and ${{ secrets.NAME }} per the custom-agent reference as quoted"
        " by a public repro; the secret lives in GitHub, so fix writes no .env",
    ),
    ClientRow(
        _K.DEVIN, "Devin Desktop", "mcpServers", (".devin/mcp_config.json", "devin/mcp_config.json"),
        (_L("xdg_config", "devin/mcp_config.json", POSIX), _L("user_config", "devin/mcp_config.json", WINDOWS)),
        None, _NONE, None, _F.WRAPPER, _undocumented("Devin Desktop"),
        "https://vaadin.com/docs/latest/building-apps/agentic-development/mcp/supported-tools/devin-desktop",
        note="formerly Windsurf; no Devin page on variable expansion was found (Windsurf's ${env:VAR} unconfirmed)",
    ),
    ClientRow(
        _K.DEVIN_CLI, "Devin CLI", "mcpServers",
        (".devin/config.json", ".devin/config.local.json", "devin/config.json"),
        (_L("xdg_config", "devin/config.json", POSIX), _L("user_config", "devin/config.json", WINDOWS)),
        None, _NONE, None, _F.WRAPPER,
        _undocumented("Devin CLI") + " Personal values belong in .devin/config.local.json, which git ignores.",
        "https://docs.devin.ai/cli/reference/configuration/config-file",
    ),
    ClientRow(
        _K.WINDSURF, "Windsurf", "mcpServers",
        ("windsurf/mcp_config.json", ".windsurf/mcp_config.json", ".codeium/mcp_config.json"),
        (_L("home", ".codeium/windsurf/mcp_config.json"),
         _L("home", ".codeium/mcp_config.json", app="Windsurf plugins")),
        _ENV, _SERVER_FIELDS, "${env:VAR}", _F.REFERENCE,
        "Write ${env:VAR} (or ${file:/path} to an untracked file) instead of the value.",
        "https://docs.windsurf.com/zh/plugins/cascade/mcp.md",
    ),
    ClientRow(
        _K.ANTIGRAVITY, "Google Antigravity", "mcpServers",
        (".gemini/config/mcp_config.json", ".agents/mcp_config.json"),
        (_L("home", ".gemini/config/mcp_config.json"),
         _L("home", ".gemini/antigravity/mcp_config.json", note="seen in the wild; not in the reference")),
        None, _NONE, None, _F.WRAPPER, _undocumented("Google Antigravity"), _REF,
        note="no Google documentation of the file was found; locations from installer code",
    ),
    ClientRow(
        _K.CLINE, "Cline", "mcpServers", ("cline_mcp_settings.json",),
        (_L("cline_dir", "data/settings/cline_mcp_settings.json"),
         *(_L("user_config", f"{folder}/{_CLINE_STORAGE}", app=f"Cline (legacy, in {app})")
           for folder, app in _EDITORS),
         _L("home", "Documents/Cline/MCP/cline_mcp_settings.json", app="Cline (legacy)")),
        _ENV, _EVERY_FIELD, "${env:VAR}", _F.REFERENCE,
        "Write ${env:VAR} instead of the value; Cline expands it in every string of the file.",
        "https://github.com/cline/cline/blob/main/apps/vscode/src/utils/envExpansion.ts",
    ),
    ClientRow(
        _K.KILO, "Kilo Code", "opencode",
        ("kilo.json", "kilo.jsonc", ".kilo/kilo.json", ".kilo/kilo.jsonc", ".kilocode/mcp.json",
         ".kilocode/**/mcp_settings.json", "kilocode.kilo-code/settings/mcp_settings.json"),
        (_L("xdg_config", "kilo/kilo.json"), _L("xdg_config", "kilo/kilo.jsonc"),
         _L("home", ".kilocode/cli/global/settings/mcp_settings.json", app="Kilo Code CLI"),
         *(_L("user_config", f"{folder}/{_KILO_STORAGE}", app=f"Kilo Code (legacy, in {app})")
           for folder, app in _EDITORS)),
        None, _NONE, None, _F.WRAPPER, _undocumented("Kilo Code"),
        "https://kilo.ai/docs/automate/mcp/using-in-kilo-code",
        note="mcp key (opencode shape) in kilo.json[c]; legacy mcpServers in .kilocode/mcp.json",
    ),
    ClientRow(
        _K.ROO, "Roo Code", "mcpServers", (".roo/mcp.json", "mcp_settings.json"),
        tuple(_L("user_config", f"{folder}/{_ROO_STORAGE}", app=f"Roo Code (in {app})") for folder, app in _EDITORS),
        _ENV, _EVERY_FIELD, "${env:VAR}", _F.REFERENCE,
        "Write ${env:VAR} instead of the value; Roo Code expands it in every string of the file.",
        "https://github.com/RooCodeInc/Roo-Code/blob/main/src/utils/config.ts",
    ),
    ClientRow(
        _K.ZED, "Zed", "zed", (".zed/settings.json", "zed/settings.json", "Zed/settings.json"),
        (_L("xdg_config", "zed/settings.json"), _L("user_config", "Zed/settings.json", WINDOWS)),
        None, _NONE, None, _F.WRAPPER,
        "Zed expands no variables in settings, so keep the secret out of this file: launch the"
        " server through a wrapper that reads it from the environment or a keychain.",
        "https://zed.dev/docs/ai/mcp",
    ),
    ClientRow(
        _K.CONTINUE, "Continue", "continue",
        (".continue/**/mcpServers/*.yaml", ".continue/**/mcpServers/*.yml", ".continue/**/mcpServers/*.json",
         ".continue/**/mcpServers/*.jsonc", ".continue/config.yaml", ".continue/config.yml", ".continue/config.json"),
        (_L("continue_dir", "config.yaml"), _L("continue_dir", "config.json", note="legacy"),
         *(_L("continue_dir", f"mcpServers/*.{ext}") for ext in ("yaml", "yml", "json"))),
        frozenset({"continue", "shell"}), frozenset({FIELD_ARG, FIELD_ENV, FIELD_HEADER, FIELD_URL, FIELD_OTHER}),
        "${{ secrets.VAR }}", _F.REFERENCE,
        "Write ${{ secrets.VAR }} and put VAR in an untracked .env (~/.continue/.env or .continue/.env).",
        "https://github.com/continuedev/continue/blob/main/docs/customize/deep-dives/mcp.mdx",
    ),
    ClientRow(
        _K.GEMINI, "Gemini CLI", "mcpServers",
        ("gemini-extension.json", ".gemini/settings.json", "gemini-cli/settings.json",
         "gemini-cli/system-defaults.json"),
        (_L("home", ".gemini/settings.json"),
         _L("home", ".gemini/extensions/*/gemini-extension.json", app="Gemini CLI extensions")),
        frozenset({"shell", "bare", "percent"}), _EVERY_FIELD, "${VAR}", _F.REFERENCE,
        "Write ${VAR} instead of the value (Gemini CLI expands it anywhere in settings) and keep"
        " VAR in your shell or an untracked .gemini/.env.",
        "https://github.com/google-gemini/gemini-cli/blob/main/docs/tools/mcp-server.md",
    ),
    ClientRow(
        _K.CODEX_PLUGIN, "Codex plugin", "mcpServers", (".codex-plugin/plugin.json",), (),
        _NONE, _NONE, None, _F.NONE,
        "A Codex plugin's .mcp.json expands no variables: do not ship the value in"
        " the plugin; let the server read it from the user's environment.",
        "",
        note="no Codex documentation of plugin .mcp.json expansion was found; Codex expands no variables"
        " in config.toml, so fix writes no reference; the .mcp.json beside .codex-plugin/ is recognised from siblings",
    ),
    ClientRow(
        _K.CODEX, "OpenAI Codex", "codex-toml", (".codex/config.toml", "codex/config.toml"),
        (_L("codex_home", "config.toml"),),
        _NONE, _NONE, None, _F.ENV_VARS,
        "Codex expands no variables: export the secret and name it with env_vars (stdio) or"
        " bearer_token_env_var / env_http_headers (HTTP) instead of writing the value.",
        "https://github.com/openai/codex/blob/main/docs/config.md",
        note="[profiles.<name>] tables holding mcp_servers are read too (profile shape unverified)",
    ),
    ClientRow(
        _K.GOOSE, "Goose", "goose", ("goose/config.yaml", "goose/config.yml"),
        (_L("xdg_config", "goose/config.yaml", POSIX), _L("user_config", "Block/goose/config/config.yaml", WINDOWS)),
        _NONE, _NONE, None, _F.ENV_KEYS,
        "Goose expands no variables: list the variable name in env_keys so Goose reads the value"
        " from the keyring instead of envs.",
        "https://github.com/block/goose/blob/main/documentation/docs/getting-started/using-extensions.md",
        note="recipes (extensions: list) are recognised by content",
    ),
    ClientRow(
        _K.AMAZONQ, "Amazon Q Developer", "mcpServers",
        (".amazonq/mcp.json", ".amazonq/default.json", "amazonq/**/agents/*.json", "amazonq/**/cli-agents/*.json"),
        (_L("home", ".aws/amazonq/default.json"), _L("home", ".aws/amazonq/agents/default.json"),
         _L("home", ".aws/amazonq/mcp.json", note="legacy"),
         _L("home", ".aws/amazonq/cli-agents/*.json", app="Amazon Q Developer CLI")),
        _ENV, frozenset({FIELD_ENV}), "${env:VAR}", _F.REFERENCE,
        "Write ${env:VAR} in env instead of the value and export VAR in your shell.",
        "https://docs.aws.amazon.com/amazonq/latest/qdeveloper-ug/mcp-ide.html",
    ),
    ClientRow(
        _K.KIRO, "Kiro", "mcpServers", (".kiro/settings/mcp.json",), (_L("home", ".kiro/settings/mcp.json"),),
        _SHELL, frozenset({FIELD_ENV, FIELD_HEADER}), "${VAR}", _F.REFERENCE,
        "Write ${VAR} in env or headers instead of the value and export VAR in your shell.",
        "https://kiro.dev/docs/mcp/configuration",
    ),
    ClientRow(
        _K.JUNIE, "JetBrains Junie", "mcpServers", (".junie/mcp/mcp.json",), (_L("home", ".junie/mcp/mcp.json"),),
        None, _NONE, None, _F.WRAPPER,
        "Junie's variable expansion is undocumented, so keep the secret out of this file and let"
        " the server read it from the environment.", _REF,
    ),
    ClientRow(
        _K.JETBRAINS_AIR, "JetBrains Air", "mcpServers", (".air/mcp.json",), (),
        None, _NONE, None, _F.WRAPPER, _undocumented("JetBrains Air"),
        "https://www.jetbrains.com/help/air/mcp-servers.html",
        note="the documentation names no path for global servers, so the audit reads none",
    ),
    ClientRow(
        _K.LMSTUDIO, "LM Studio", "mcpServers", (".lmstudio/mcp.json", "lm-studio/mcp.json"),
        (_L("home", ".lmstudio/mcp.json"), _L("home", ".cache/lm-studio/mcp.json", note="older builds")),
        None, _NONE, None, _F.WRAPPER,
        "LM Studio expands no documented variables, so keep the secret out of this file and let"
        " the server read it from the environment.", "https://lmstudio.ai/docs/developer/core/mcp",
    ),
    ClientRow(
        _K.OPENCODE, "opencode", "opencode", ("opencode.json", "opencode.jsonc", ".agents/mcp.json"),
        (_L("xdg_config", "opencode/opencode.json"), _L("xdg_config", "opencode/opencode.jsonc"),
         _L("home", ".agents/mcp.json", note="one docs revision only")),
        frozenset({"opencode"}), _EVERY_FIELD, "{env:VAR}", _F.REFERENCE,
        "Write {env:VAR} (or {file:path} to an untracked file) instead of the value.",
        "https://github.com/anomalyco/opencode/blob/dev/packages/web/src/content/docs/mcp-servers.mdx",
    ),
    ClientRow(
        # Crush's README uses shell-style $VAR expansion; the reference marks it unverified.
        _K.CRUSH, "Crush", "opencode", (".crush.json", "crush.json"),
        (_L("xdg_config", "crush/crush.json", POSIX), _L("local_appdata", "crush/crush.json", WINDOWS)),
        frozenset({"shell", "bare"}), _SERVER_FIELDS, "${VAR}", _F.REFERENCE,
        "Write ${VAR} instead of the value and export VAR in your shell.", "https://github.com/charmbracelet/crush",
    ),
    ClientRow(
        _K.WARP, "Warp", "mcpServers", (".warp/.mcp.json",), (_L("home", ".warp/.mcp.json"),),
        None, _NONE, None, _F.WRAPPER, _undocumented("Warp"),
        "https://docs.warp.dev/agents/capabilities/mcp",
        note="paths from Warp's own agent-add-mcp skill; expansion unverified",
    ),
    ClientRow(
        _K.AMP, "Amp", "dotted-key", (".amp/settings.json", "amp/settings.json"),
        (_L("xdg_config", "amp/settings.json"),),
        None, _NONE, None, _F.WRAPPER, _undocumented("Amp"), "https://ampcode.com/manual",
        note='servers under the dotted key "amp.mcpServers"; third-party pages say $VAR expands (unconfirmed)',
    ),
    ClientRow(
        _K.MISTRAL_VIBE, "Mistral Vibe", "toml-list", (".vibe/config.toml",), (_L("home", ".vibe/config.toml"),),
        _NONE, _NONE, None, _F.NONE,
        "Mistral Vibe expands no variables: remove the value, export it and name the variable with"
        " api_key_env (with api_key_header / api_key_format for HTTP servers).",
        "https://docs.mistral.ai/vibe/code/cli/mcp-servers",
        note="[[mcp_servers]] array of tables, each named by its name field",
    ),
    ClientRow(
        _K.FACTORY, "Factory", "mcpServers", (".factory/mcp.json", "Factory Bridge/mcp.json"),
        (_L("home", ".factory/mcp.json", app="Factory droid"),
         _L("user_config", "Factory Bridge/mcp.json", frozenset({"macos", "windows"}), app="Factory Bridge")),
        None, _NONE, None, _F.WRAPPER, _undocumented("Factory"),
        "https://docs.factory.ai/web/machine-connection/factory-bridge/model-context-protocol",
        note="Factory Bridge's file from Factory's docs; the droid CLI's ~/.factory/mcp.json and project"
        " .factory/mcp.json from third-party installers only",
    ),
    ClientRow(
        _K.AUGMENT, "Augment", "mcpServers", (".augment/settings.json",), (_L("home", ".augment/settings.json"),),
        None, _NONE, None, _F.WRAPPER, _undocumented("Augment"), "https://docs.augmentcode.com/cli/integrations",
        note='the VS Code extension keeps a list under "augment.advanced.mcpServers" in VS Code settings',
    ),
    ClientRow(
        _K.TABNINE, "Tabnine", "mcpServers", (".tabnine/agent/settings.json",),
        (_L("home", ".tabnine/agent/settings.json"),),
        None, _NONE, None, _F.WRAPPER, _undocumented("Tabnine"),
        "https://docs.tabnine.com/main/getting-started/tabnine-agent/mcp-intro-and-setup/mcp-server-config",
    ),
    ClientRow(
        _K.GITLAB_DUO, "GitLab Duo", "mcpServers", (".gitlab/duo/mcp.json", "GitLab/duo/mcp.json"),
        (_L("home", ".gitlab/duo/mcp.json", POSIX), _L("user_config", "GitLab/duo/mcp.json", WINDOWS)),
        None, _NONE, None, _F.WRAPPER, _undocumented("GitLab Duo"),
        "https://docs.gitlab.com/user/gitlab_duo/model_context_protocol/mcp_clients",
        note="user and workspace (<workspace>/.gitlab/duo/mcp.json) files per GitLab's docs; no expansion documented",
    ),
    ClientRow(
        _K.DOCKER_MCP_TOOLKIT, "Docker MCP Toolkit", "docker-toolkit", (".docker/mcp/config.yaml",),
        (_L("home", ".docker/mcp/config.yaml"), _L("home", ".docker/mcp/catalogs/*.yaml", app="Docker MCP catalogs")),
        None, _NONE, None, _F.NONE,
        "Keep secrets out of the Docker MCP Toolkit's config.yaml: store them with `docker mcp secret set`"
        " so they come from the Docker secret store.",
        "https://github.com/docker/mcp-gateway/blob/main/docs/config-flow.md",
        note="per the project's reference (docker/mcp-gateway); catalog files (registry: entries) are read"
        " as Docker MCP catalog entries",
    ),
    ClientRow(
        _K.GENERIC, "MCP configuration", "mcpServers", (),
        (_L("home", ".sema4ai/sema4ai-studio/mcp_servers.json", app="Sema4.ai Studio"),),
        None, _NONE, None, _F.WRAPPER,
        "Replace the value with the variable reference your MCP client expands and keep the"
        " secret in the environment.", "",
        note="any file holding a server map whose client is not known; also undecided shared names",
    ),
    ClientRow(
        _K.UNKNOWN_PLUGIN, "plugin of an unknown client", "mcpServers", (), (), None, _NONE, None, _F.NONE,
        "mcplint cannot tell which client reads this .mcp.json: a bare map of servers with no mcpServers"
        " wrapper is a plugin's file (Claude Code, Codex or Cursor), but no .claude-plugin/, .codex-plugin/ or"
        " .cursor-plugin/ folder sits beside it. They expand variables differently (Codex not at all), so"
        " mcplint fix leaves it alone: keep the secret out of the file and let the server read it from the"
        " environment, with the reference syntax of the client that loads this plugin.", "",
        note="a bare-map .mcp.json without plugin siblings: fix refuses rather than guess a syntax",
    ),
    ClientRow(
        _K.REGISTRY_SERVER, "MCP registry server.json", "manifest", ("server.json",), (), None, _NONE, None, _F.NONE,
        "Declare the value as an input with isSecret: true and no value or default (use"
        " placeholder for examples); users supply it at install time.",
        "https://github.com/modelcontextprotocol/registry/blob/main/docs/reference/server-json/generic-server-json.md",
    ),
    ClientRow(
        _K.DOCKER_MCP_CATALOG, "Docker MCP catalog entry", "manifest",
        ("servers/*/server.yaml", "servers/*/server.yml"),
        (), None, _NONE, None, _F.NONE,
        "Declare the value under config.secrets so it comes from the Docker secret store, and"
        " keep example to a placeholder.", "https://github.com/docker/mcp-registry",
    ),
    ClientRow(
        _K.MCPB, "MCPB manifest", "manifest", ("manifest.json",), (), None, _NONE, None, _F.NONE,
        "Declare a sensitive user_config entry without a default and reference it as ${user_config.key}.",
        "https://github.com/anthropics/mcpb/blob/main/MANIFEST.md",
    ),
    ClientRow(
        _K.SMITHERY, "smithery.yaml", "manifest", ("re:smithery\\.ya?ml",), (), None, _NONE, None, _F.NONE,
        "Declare the value in configSchema without a default and keep exampleConfig to"
        " placeholders; users supply it when they connect.", "https://smithery.ai/docs/config/smithery.yaml",
    ),
    ClientRow(
        _K.COMPOSE, "Docker Compose", "deployment", ("re:(docker-)?compose([.-][\\w.-]+)?\\.ya?ml",), (),
        frozenset({"shell", "bare"}), _EVERY_FIELD, "${VAR}", _F.REFERENCE,
        "Write ${VAR} and keep the value in an untracked .env, or use Compose secrets.",
        "https://docs.docker.com/reference/compose-file/interpolation/",
    ),
    ClientRow(
        _K.DOTENV, "dotenv file", "dotenv", ("@dotenv",), (), _NONE, _NONE, None, _F.NONE,
        "Keep dotenv files with real values out of version control (add them to .gitignore) and"
        " commit a .env.example with placeholders instead.", "",
    ),
    ClientRow(
        _K.KUBERNETES, "Kubernetes manifest", "deployment", ("re:values([.-][\\w.-]+)?\\.ya?ml",), (),
        _NONE, _NONE, None, _F.NONE,
        "Reference a Secret with valueFrom.secretKeyRef and keep the Secret itself out of the"
        " repository (or commit it sealed/external).",
        "https://kubernetes.io/docs/tasks/configmap-secret/managing-secret-using-config-file/",
        note="also ToolHive MCPServer and kagent RemoteMCPServer resources",
    ),
)  # fmt: skip

ROW: dict[ClientKind, ClientRow] = {row.kind: row for row in ROWS}
CLIENTS: dict[str, Client] = {row.kind.value: row.client for row in ROWS}
FIX_STRATEGY: dict[ClientKind, FixStrategy] = {row.kind: row.fix for row in ROWS}
# Every braced reference form: what an undocumented client's file is read with.
BRACED_SYNTAXES = frozenset({"shell", "env", "opencode", "continue"})
SYNTAX_EXAMPLES = {
    "shell": "${VAR}", "bare": "$VAR", "env": "${env:VAR}", "opencode": "{env:VAR}",
    "continue": "${{ secrets.VAR }}", "percent": "%VAR%",
}  # fmt: skip


def row_of(kind: str) -> ClientRow | None:
    """The row of ``kind`` (None for an unknown id)."""
    try:
        return ROW[ClientKind(kind)]
    except ValueError:
        return None


def fix_strategy(kind: str) -> FixStrategy:
    """The strategy of ``kind``; an unknown kind gets no automatic rewrite."""
    row = row_of(kind)
    return row.fix if row is not None else FixStrategy.NONE


def syntaxes_of(kind: str) -> frozenset[str]:
    """The reference forms ``kind`` expands (every braced form when undocumented or unknown)."""
    row = row_of(kind)
    if row is None or row.syntaxes is None:
        return BRACED_SYNTAXES
    return row.syntaxes


# -- file patterns ------------------------------------------------------------------------------

_GLOB_CHARS = frozenset("*?[")


def _component_regex(part: str) -> str:
    """One component (and its ``/``): ``*`` and ``?`` stay inside it, ``[...]`` is a class, ``**`` any folders."""
    if part == "**":
        return "(?:[^/]*/)*"
    out, index = [], 0
    while index < len(part):
        char = part[index]
        close = part.find("]", index + 1) if char == "[" else -1
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif close > index:
            out.append("[" + part[index + 1 : close].replace("\\", "\\\\") + "]")
            index = close
        else:
            out.append(re.escape(char))
        index += 1
    return "".join(out) + "/"


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """A path-suffix pattern as one regex over ``/``-joined components (with a trailing ``/``)."""
    if pattern.startswith("re:"):
        return re.compile(pattern[3:])
    body = "".join(_component_regex(part) for part in pattern.split("/"))
    return re.compile(f"(?:^|(?<=/)){body}$")


def pattern_matches(pattern: str, parts: list[str]) -> bool:
    """Whether a path (its components) matches one row pattern."""
    if not parts:
        return False
    if pattern.startswith("re:"):
        return _compiled(pattern).fullmatch(parts[-1].lower()) is not None
    if pattern == "@dotenv":
        from mcplint.recognise.dotenv import is_dotenv_name

        return is_dotenv_name(parts[-1].lower())
    return _compiled(pattern).search("/".join(parts) + "/") is not None


def _specificity(pattern: str) -> int:
    """How many path components a pattern pins (``re:`` and ``@`` forms name the file only)."""
    if pattern.startswith(("re:", "@")):
        return 1
    return sum(1 for part in pattern.split("/") if part != "**")


@functools.lru_cache(maxsize=1)
def _pattern_index() -> tuple[dict[str, list[tuple[str, int]]], list[tuple[str, int]]]:
    """Patterns by their literal file name, and the rest (globbed names, ``re:``, ``@``), with row indexes.

    Discovery asks for the kind of every data file of a tree: a dictionary lookup on the file name
    keeps that to the few patterns that can match it.
    """
    by_name: dict[str, list[tuple[str, int]]] = {}
    others: list[tuple[str, int]] = []
    for index, row in enumerate(ROWS):
        for pattern in row.patterns:
            last = pattern.rsplit("/", 1)[-1]
            if pattern.startswith(("re:", "@")) or _GLOB_CHARS & set(last):
                others.append((pattern, index))
            else:
                by_name.setdefault(last, []).append((pattern, index))
    return by_name, others


def kind_of_path(relpath: str) -> ClientKind | None:
    """The kind whose pattern matching ``relpath`` is the most specific (ties: table order)."""
    parts = [p for p in relpath.replace("\\", "/").split("/") if p and p != "."]
    if not parts:
        return None
    by_name, others = _pattern_index()
    best: tuple[int, int] | None = None
    for pattern, index in [*by_name.get(parts[-1], ()), *others]:
        if pattern_matches(pattern, parts):
            score = (_specificity(pattern), -index)
            if best is None or score > best:
                best = score
    return ROWS[-best[1]].kind if best is not None else None


# -- README tables ------------------------------------------------------------------------------

README_START = "<!-- client-table:start (generated by python -m mcplint.recognise.client_table --write-readme) -->"
README_END = "<!-- client-table:end -->"
_FIELD_WORDS = {FIELD_COMMAND: "command", FIELD_ARG: "args", FIELD_ENV: "env", FIELD_URL: "url",
                FIELD_HEADER: "headers", FIELD_OTHER: "other strings"}
_STRATEGY_WORDS = {
    FixStrategy.REFERENCE: "writes {reference}",
    FixStrategy.ENV_VARS: "prints `env_vars` / `bearer_token_env_var` / `env_http_headers`",
    FixStrategy.ENV_KEYS: "prints `env_keys` and `goose configure`",
    FixStrategy.WRAPPER: "prints a wrapper that loads the `.env`",
    FixStrategy.NONE: "advice only",
}


def _fields(row: ClientRow) -> str:
    if row.expands == _EVERY_FIELD:
        return "every string"
    order = (FIELD_COMMAND, FIELD_ARG, FIELD_ENV, FIELD_URL, FIELD_HEADER, FIELD_OTHER)
    return ", ".join(_FIELD_WORDS[f] for f in order if f in row.expands) or "—"


def _code(items: list[str]) -> str:
    return ", ".join(f"`{item}`" for item in items) or "—"


def markdown() -> str:
    """The README's client tables: recognition and audit, then fix."""
    out = ["| client | files (priority order) | user-level files (audit) | docs |", "| --- | --- | --- | --- |"]
    for row in ROWS:
        files = [p[3:] if p.startswith("re:") else ("`.env`-style names" if p == "@dotenv" else p)
                 for p in row.patterns]
        shown = ", ".join(f"`{f}`" if not f.startswith("`") else f for f in files) or "by content"
        places = []
        for loc in row.locations:
            where = "" if loc.platforms == ALL else f" ({', '.join(p for p in PLATFORMS if p in loc.platforms)})"
            places.append(f"`{loc.base}/{loc.path}`{where}")
        docs = f"[docs]({row.docs})" if row.docs.startswith("http") else (row.docs or "—")
        out.append(f"| {row.name} | {shown} | {', '.join(places) or '—'} | {docs} |")
    out += ["", "| client | reference syntax it expands | fields | `fix` |", "| --- | --- | --- | --- |"]
    for row in ROWS:
        syntaxes = "undocumented" if row.syntaxes is None else _code(
            [SYNTAX_EXAMPLES[s] for s in sorted(row.syntaxes)]) if row.syntaxes else "none"
        action = _STRATEGY_WORDS[row.fix].format(reference=f"`{row.reference}`")
        out.append(f"| {row.name} | {syntaxes} | {_fields(row)} | {action} |")
    return "\n".join(out) + "\n"


def readme_with_tables(text: str) -> str:
    """``text`` (the README) with the generated tables between the markers."""
    start, end = text.index(README_START) + len(README_START), text.index(README_END)
    return text[:start] + "\n\n" + markdown() + "\n" + text[end:]


def main(argv: list[str]) -> int:
    if argv == ["--markdown"]:
        sys.stdout.write(markdown())
        return 0
    if argv == ["--write-readme"]:
        readme = Path(__file__).resolve().parents[2] / "README.md"
        text = readme.read_text(encoding="utf-8")
        readme.write_text(readme_with_tables(text), encoding="utf-8")
        return 0
    sys.stderr.write("usage: python -m mcplint.recognise.client_table --markdown | --write-readme\n")
    return 2


if __name__ == "__main__":  # pragma: no cover - a developer command
    raise SystemExit(main(sys.argv[1:]))
