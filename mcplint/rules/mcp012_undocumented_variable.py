"""Variable referenced by an MCP config but documented nowhere.

## What it does
In a repository that has an env template (`.env.example`, `.env.sample`, `.env.template`, …),
reports each environment variable an MCP config refers to that neither a template nor a README
(`README*` anywhere, `CONTRIBUTING*`, `docs/**/*.md`) mentions. References are read in the
syntax of each client: `${VAR}` (Claude Code, Gemini CLI, Kiro, Compose), `${env:VAR}` (VS Code,
Cursor, Windsurf, Cline, Roo), `{env:VAR}` (opencode), `${{ secrets.VAR }}` (Continue), and the
name fields of Codex (`env_vars`, `bearer_token_env_var`, `env_http_headers`), Goose
(`env_keys`) and registry `server.json` (`environmentVariables[].name`).

Not reported: references with a default (`${VAR:-value}`: the config works without them; a
placeholder default such as `${VAR:-<token>}` is no default), host
and editor variables (`${workspaceFolder}`, `${userHome}`, `$HOME`, `${input:id}`,
`${user_config.x}`, `${CLAUDE_PLUGIN_ROOT}`, …), and every variable in a repository without an
env template (there is no list to keep complete). A variable counts as documented when its name
appears as a word in a template (also commented out) or a README.

## Why is this bad?
Moving secrets out of the config is only half the job: a teammate who clones the repository must
know which variables to set. An undocumented `${JIRA_TOKEN}` makes the server fail at start (or,
with some clients, receive the literal text `${JIRA_TOKEN}`), and invites pasting the token into
the config "just to make it work".

## Example
```json
{"mcpServers": {"jira": {"command": "npx", "args": ["-y", "@example/jira-mcp"],
  "env": {"JIRA_TOKEN": "${JIRA_TOKEN}"}}}}
```
with a `.env.example` that lists only `GITHUB_TOKEN=`.

## Use instead
```dotenv
# .env.example
GITHUB_TOKEN=
# Jira API token for the jira MCP server (Profile → Security → API tokens)
JIRA_TOKEN=
```
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterator

from mcplint.detect.filters import is_placeholder, is_secretish_name
from mcplint.model import McpConfig
from mcplint.names.env import is_template
from mcplint.recognise.references import VariableUse, referenced_variables
from mcplint.results.findings import Finding
from mcplint.rules.base import Context, Rule
from mcplint.rules.common import make_finding

MAX_DOC_BYTES = 1 << 20  # read at most 1 MB of each documentation file
MAX_DOC_FILES = 200
MAX_DOC_TOTAL = 8 << 20  # and at most 8 MB of documentation in all
_DOC_NAME = re.compile(r"(?i)^(?:readme|contributing|setup|install|configuration|getting[-_]started)(?:\.[\w.-]+)?$")
_DOC_SUFFIXES = (".md", ".mdx", ".markdown", ".rst", ".txt", ".adoc")
_SKIP_DIRS = frozenset({".git", "node_modules", ".venv", "venv", "__pycache__", "site-packages", "vendor", "dist"})
# Names that can be a template or documentation (narrowed further by is_template/is_documentation).
_CANDIDATE_GLOBS = ["**/*env*", "**/readme*", "**/contributing*", "**/setup*", "**/install*",
                    "**/configuration*", "**/getting?started*", "**/docs/**", "**/doc/**"]
_ENV_STYLE = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*")


def is_documentation(relpath: str) -> bool:
    """README/CONTRIBUTING anywhere, or Markdown-like text under a ``docs``/``doc`` folder."""
    name = relpath.rpartition("/")[2]
    if not name.lower().endswith(_DOC_SUFFIXES) and not _DOC_NAME.match(name):
        return False  # the common case, decided without splitting the path
    parts = [part for part in relpath.split("/") if part and part != "."]  # as PurePosixPath.parts, 10x faster
    if not parts or any(part in _SKIP_DIRS for part in parts[:-1]):
        return False
    if _DOC_NAME.match(name):
        return True
    return name.lower().endswith(_DOC_SUFFIXES) and any(part.lower() in ("docs", "doc") for part in parts[:-1])


def _repository_files(ctx: Context) -> list[str]:
    """Committed files under the scan root (every file outside git), as POSIX paths relative to it.

    Only what git tracks documents a variable for a teammate; asking the index is also cheap,
    where listing untracked files would walk the whole working tree on every hook run.
    """
    root = ctx.root
    repo = ctx.repo
    if repo is not None:
        root_in_repo = repo.relative(root)
        if root_in_repo is None:
            return []
        prefix = "" if root_in_repo in ("", ".") else root_in_repo + "/"
        listed = repo.tracked_matching(_CANDIDATE_GLOBS)
        return [rel[len(prefix) :] for rel in listed if rel.startswith(prefix)]
    found: list[str] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
        for name in sorted(names):
            found.append((Path(folder) / name).relative_to(root).as_posix())
        if len(found) > 50_000:
            break
    return found


def _read_text(path: Path) -> str:
    """The first megabyte of a file as text ('' when unreadable)."""
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_DOC_BYTES).decode("utf-8", "replace")
    except OSError:
        return ""


class Documentation:
    """The env templates and documentation of a scan; documentation files are read only while a
    name is still unaccounted for (the hook path usually needs the templates alone).

    Which files count, in which order and within which budget is the same as reading them all
    up front: the answer of :meth:`mentions` does not depend on when a file was read.
    """

    def __init__(self, templates: dict[str, str], files: list[str], root: Path) -> None:
        self.templates = sorted(templates)
        self._texts = list(templates.values())
        self._docs = (rel for rel in files if is_documentation(rel))
        self._docs_left = MAX_DOC_FILES
        self._budget = MAX_DOC_TOTAL
        self._root = root

    def _read_next(self) -> str | None:
        """One more documentation file's text; None when there is none left to read."""
        if self._docs_left <= 0 or self._budget <= 0:
            return None
        rel = next(self._docs, None)
        if rel is None:
            return None
        self._docs_left -= 1
        text = _read_text(self._root / rel)
        self._budget -= len(text)
        self._texts.append(text)
        return text

    def mentions(self, name: str) -> bool:
        """Whether a template or a documentation file names ``name`` (as in their text joined by newlines)."""
        if "\n" in name:  # could span two files of the joined text: read them all
            while self._read_next() is not None:
                pass
            return mentions("\n".join(self._texts), name)
        if any(mentions(text, name) for text in self._texts):
            return True
        while (text := self._read_next()) is not None:
            if mentions(text, name):
                return True
        return False


def documentation(configs: list[McpConfig], ctx: Context) -> Documentation:
    """The templates and documentation of the scan (:class:`Documentation`), cached per scan."""
    cached = ctx.memo.documentation
    if cached is not None:
        return cached
    templates: dict[str, str] = {}
    for config in configs:
        if config.kind == "dotenv" and is_template(config.relpath):
            if config.git_ignored and not config.git_tracked:
                continue  # an ignored, untracked template documents nothing for others
            templates[config.relpath] = config.document.text
    files = _repository_files(ctx)
    root = ctx.root
    # A cheap look at the name first: a monorepo lists tens of thousands of files.
    env_named = [rel for rel in files if "env" in rel.rpartition("/")[2].lower()]
    for rel in env_named:
        if rel not in templates and is_template(rel):
            templates[rel] = _read_text(root / rel)
    result = Documentation(templates, files, root)
    ctx.memo.documentation = result
    return result


def wants_documentation(use: VariableUse) -> bool:
    """A variable a user has to set: no real default, and an env-style or secret-ish name."""
    if use.has_default and not is_placeholder(use.default or ""):
        return False  # ${VAR:-<your token>} still has to be set
    return _ENV_STYLE.fullmatch(use.name) is not None or is_secretish_name(use.name)


def mentions(text: str, name: str) -> bool:
    """Whether ``name`` appears in ``text`` as a whole word (``GITHUB_TOKEN`` not in ``MY_GITHUB_TOKEN``)."""
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", text) is not None


def _describe(use: VariableUse) -> str:
    if use.syntax == "name":
        return f"{use.name} (named by {use.field})"
    return use.name


def check_project(configs: list[McpConfig], ctx: Context) -> Iterator[Finding]:
    """One finding per undocumented variable and config file, at its first reference."""
    wanted: list[tuple[McpConfig, list[VariableUse]]] = []
    for config in configs:
        if config.kind in ("dotenv", "kubernetes"):
            continue
        uses = [use for use in referenced_variables(config) if wants_documentation(use)]
        if uses:
            wanted.append((config, uses))
    if not wanted:
        return
    docs = documentation(configs, ctx)
    templates = docs.templates
    if not templates:
        return
    known: dict[str, bool] = {}
    where = templates[0] if len(templates) == 1 else f"{templates[0]} (or another env template)"
    for config, uses in wanted:
        reported: set[str] = set()
        for use in uses:
            if use.name in reported:
                continue
            if use.name not in known:
                known[use.name] = docs.mentions(use.name)
            if known[use.name]:
                continue
            reported.add(use.name)
            server = f' of server "{use.server}"' if use.server else ""
            message = (
                f"{_describe(use)}{server} is referenced here but documented in no env template or README."
                f' Add "{use.name}=" with a comment to {where} so teammates know to set it.'
            )
            yield make_finding(RULE, config, use.start, use.end, message, anchor=f"var:{use.name}")


RULE = Rule(
    code="MCP012",
    name="undocumented-variable",
    summary="Variable referenced by an MCP config but documented in no env template or README",
    severity="note",
    category="undocumented-variable",
    security_severity="2.0",
    precision="medium",
    check_project=check_project,
    doc=__doc__,
)
