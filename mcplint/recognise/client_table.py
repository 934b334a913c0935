"""The client table's first columns: every client kind as an Enum and how ``fix`` rewrites for it.

``ClientKind`` subclasses ``str`` so code that still compares kinds with plain strings keeps
working while it moves to the Enum. ``FIX_STRATEGY`` replaces the id lists ``fix`` kept by hand:
a kind added here without a strategy fails ``tests/test_clients_table.py``.
"""

from __future__ import annotations

from enum import Enum


class ClientKind(str, Enum):
    """Every client and file kind the recogniser can return (the keys of ``CLIENTS``)."""

    CLAUDE_DESKTOP = "claude-desktop"
    CLAUDE_CODE = "claude-code"
    CURSOR = "cursor"
    VSCODE = "vscode"
    COPILOT_CLI = "copilot-cli"
    COPILOT_JETBRAINS = "copilot-jetbrains"
    WINDSURF = "windsurf"
    CLINE = "cline"
    ROO = "roo"
    ZED = "zed"
    CONTINUE = "continue"
    GEMINI = "gemini"
    CODEX = "codex"
    GOOSE = "goose"
    AMAZONQ = "amazonq"
    KIRO = "kiro"
    JUNIE = "junie"
    LMSTUDIO = "lmstudio"
    OPENCODE = "opencode"
    CRUSH = "crush"
    ANTIGRAVITY = "antigravity"
    GENERIC = "generic"
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
    NONE = "none"  # manifests, deployments, dotenv: the client's advice only


_K, _F = ClientKind, FixStrategy
FIX_STRATEGY: dict[ClientKind, FixStrategy] = {
    **{
        kind: _F.REFERENCE
        for kind in (
            _K.CLAUDE_CODE, _K.CURSOR, _K.VSCODE, _K.WINDSURF, _K.CLINE, _K.ROO, _K.CONTINUE, _K.GEMINI,
            _K.AMAZONQ, _K.KIRO, _K.OPENCODE, _K.CRUSH, _K.COPILOT_CLI, _K.COPILOT_JETBRAINS, _K.COMPOSE,
        )
    },
    _K.CODEX: _F.ENV_VARS,
    _K.GOOSE: _F.ENV_KEYS,
    **{
        kind: _F.WRAPPER
        for kind in (_K.CLAUDE_DESKTOP, _K.ZED, _K.LMSTUDIO, _K.JUNIE, _K.ANTIGRAVITY, _K.GENERIC)
    },
    **{
        kind: _F.NONE
        for kind in (_K.REGISTRY_SERVER, _K.MCPB, _K.SMITHERY, _K.DOCKER_MCP_CATALOG, _K.KUBERNETES, _K.DOTENV)
    },
}  # fmt: skip


def fix_strategy(kind: str) -> FixStrategy:
    """The strategy of ``kind``; an unknown kind gets no automatic rewrite."""
    try:
        return FIX_STRATEGY[ClientKind(kind)]
    except ValueError:
        return FixStrategy.NONE
