"""Generate a deterministic synthetic monorepo for the mcplint benchmark.

The tree mixes what a real monorepo holds: source (.py/.ts/.go), docs (.md), lock files
(package-lock.json, poetry.lock), binaries (random bytes), generic JSON/YAML/TOML configs without
MCP content, MCP configs of every client kind (400 per 20,000 files) and ``.env``-style files
(200 per 20,000 files), some leaking provider-shaped tokens and some clean. A root ``.gitignore``
ignores part of the ``.env`` files; everything else is committed with fixed author and dates, so
the same ``--files``/``--seed`` always gives the same files and the same commit.

Secrets are generated here from a seeded RNG (prefix + alphabet + length); none is stored in the
repository as a literal.

Usage::

    python bench/generate.py --files 20000 --seed 1 --out /tmp/mcplint-bench/tree
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

GENERATOR_VERSION = 1
REPO_ROOT = Path(__file__).resolve().parents[1]

# Share of each file category per 20,000 files; sources fill the rest.
PER_20K = {"mcp": 400, "env": 200, "lock": 40, "binary": 1000, "config": 1400, "docs": 3000}
FILES_PER_PACKAGE = 50
AREAS = ("services", "libs", "apps", "tools")
GIT_IDENTITY = ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
FIXED_DATE = "2025-01-01T00:00:00+00:00"

_WORD_TEXT = (
    "account alpha anchor audit batch beacon billing bridge buffer cache canary catalog channel "
    "cipher client cluster cobalt comet config cursor daemon delta digest docket domain draft echo "
    "engine event falcon feature filter fleet forge frame gateway ghost graph harbor helix index "
    "inventory invoice job kernel lambda ledger lens lumen matrix meridian metric mirror module "
    "nebula nexus node notice oracle orbit packet panel parcel pilot pivot portal prism probe "
    "pulse quartz query queue radar relay report ribbon router runner scheduler schema scope "
    "sentry session shard signal sketch socket spark spectrum stream summit switch tango tensor "
    "ticket token tracker triage tunnel umbra unit vault vector vertex widget window worker zenith"
)
WORDS = tuple(_WORD_TEXT.split())

ALPHABETS = {
    "alnum": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "alpha": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    "hex": "0123456789abcdef",
    "digits": "0123456789",
    "base32": "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
    "upper_alnum": "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
    "base64url": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
}

# Provider-shaped tokens: (variable name, MCP server package, parts). A part is a literal prefix
# or (alphabet, length) drawn from the seeded RNG at generation time.
Part = str | tuple[str, int]
PROVIDERS: list[tuple[str, str, list[Part]]] = [
    ("GITHUB_PERSONAL_ACCESS_TOKEN", "@modelcontextprotocol/server-github", ["ghp_", ("alnum", 36)]),
    ("GITHUB_TOKEN", "github-mcp-server", ["github_pat_11", ("alnum", 20), "_", ("alnum", 59)]),
    ("GITLAB_PERSONAL_ACCESS_TOKEN", "@modelcontextprotocol/server-gitlab", ["glpat-", ("base64url", 20)]),
    ("SLACK_BOT_TOKEN", "@modelcontextprotocol/server-slack",
     ["xoxb-", ("digits", 12), "-", ("digits", 13), "-", ("alnum", 24)]),
    ("ANTHROPIC_API_KEY", "anthropic-mcp", ["sk-ant-api03-", ("base64url", 93), "AA"]),
    ("OPENAI_API_KEY", "openai-mcp", ["sk-proj-", ("base64url", 74), "T3BlbkFJ", ("base64url", 74)]),
    ("AWS_ACCESS_KEY_ID", "@aws/mcp-server", ["AKIA", ("base32", 16)]),
    ("HF_TOKEN", "huggingface-mcp", ["hf_", ("alpha", 34)]),
    ("LINEAR_API_KEY", "linear-mcp-server", ["lin_api_", ("alnum", 40)]),
    ("FIGMA_API_KEY", "figma-developer-mcp", ["figd_", ("base64url", 41)]),
    ("GOOGLE_API_KEY", "google-maps-mcp", ["AIzaSy", ("base64url", 33)]),
    ("BRAVE_API_KEY", "@modelcontextprotocol/server-brave-search", ["BSA", ("base64url", 28)]),
    ("PERPLEXITY_API_KEY", "perplexity-mcp", ["pplx-", ("alnum", 48)]),
    ("TAVILY_API_KEY", "tavily-mcp", ["tvly-", ("alnum", 32)]),
    ("DIGITALOCEAN_API_TOKEN", "digitalocean-mcp", ["dop_v1_", ("hex", 64)]),
]


def make_token(rng: random.Random, parts: list[Part]) -> str:
    """Build one provider-shaped token from literal prefixes and random runs."""
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        else:
            alphabet, length = part
            out.append("".join(rng.choices(ALPHABETS[alphabet], k=length)))
    return "".join(out)


@dataclass
class Server:
    """One MCP server entry: its name, package, secret variable and the literal (if leaking)."""

    name: str
    package: str
    var: str
    secret: str | None  # None: the config references the variable instead
    remote: bool


@dataclass
class Plan:
    """What the generator wrote: counts per category and files the benchmark uses."""

    files: int
    seed: int
    counts: Counter = field(default_factory=Counter)
    mcp_kinds: Counter = field(default_factory=Counter)
    leaking_mcp: int = 0
    leaking_env: int = 0
    ignored_env: int = 0
    hook_files: list[str] = field(default_factory=list)


class Writer:
    """Writes files under a root, creating directories once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.made: set[str] = set()
        self.used: set[str] = set()

    def free(self, rel: str) -> bool:
        return rel not in self.used

    def write(self, rel: str, data: str | bytes) -> None:
        if rel in self.used:
            raise ValueError(f"path generated twice: {rel}")
        self.used.add(rel)
        directory = os.path.dirname(rel)
        if directory and directory not in self.made:
            os.makedirs(self.root / directory, exist_ok=True)
            self.made.add(directory)
        payload = data.encode() if isinstance(data, str) else data
        with open(self.root / rel, "wb") as handle:
            handle.write(payload)


# --------------------------------------------------------------------------- text building blocks


def ident(rng: random.Random) -> str:
    return f"{rng.choice(WORDS)}_{rng.choice(WORDS)}"


def camel(rng: random.Random) -> str:
    return rng.choice(WORDS).capitalize() + rng.choice(WORDS).capitalize()


def sentence(rng: random.Random, low: int = 6, high: int = 16) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def python_source(rng: random.Random, index: int) -> str:
    lines = [f'"""{sentence(rng)}"""', "", "from __future__ import annotations", "", "import logging",
             "import os", "", "log = logging.getLogger(__name__)", ""]
    for _ in range(rng.randint(2, 14)):
        name, arg = ident(rng), rng.choice(WORDS)
        lines += [
            "",
            f"def {name}_{index}({arg}: int, factor: int = {rng.randint(1, 99)}) -> int:",
            f'    """{sentence(rng)}"""',
            f"    result = {arg} * factor + {rng.randint(0, 9999)}",
            f"    if result > {rng.randint(100, 100000)}:",
            f'        log.debug("{rng.choice(WORDS)} %s", result)',
            f'    timeout = int(os.environ.get("{rng.choice(WORDS).upper()}_TIMEOUT", "{rng.randint(1, 90)}"))',
            "    return result + timeout",
        ]
    return "\n".join(lines) + "\n"


def ts_source(rng: random.Random, index: int) -> str:
    lines = [f"// {sentence(rng)}", f"import {{ {camel(rng)} }} from './{rng.choice(WORDS)}';", ""]
    for _ in range(rng.randint(2, 14)):
        name, field_name = camel(rng), rng.choice(WORDS)
        lines += [
            f"export function {name[0].lower()}{name[1:]}{index}(input: {camel(rng)}): number {{",
            f"  const {field_name} = input.{field_name} ?? {rng.randint(0, 999)};",
            f"  const limit = Number(process.env.{rng.choice(WORDS).upper()}_LIMIT ?? '{rng.randint(1, 500)}');",
            f"  return Math.min({field_name} * {rng.randint(2, 64)}, limit);",
            "}",
            "",
        ]
    return "\n".join(lines)


def go_source(rng: random.Random, index: int) -> str:
    lines = [f"// Package {rng.choice(WORDS)} {sentence(rng).lower()}", f"package {rng.choice(WORDS)}", "",
             'import "os"', ""]
    for _ in range(rng.randint(2, 14)):
        lines += [
            f"// {camel(rng)}{index} {sentence(rng).lower()}",
            f"func {camel(rng)}{index}(x int) int {{",
            f"\ty := x * {rng.randint(2, 99)}",
            f'\tif os.Getenv("{rng.choice(WORDS).upper()}_MODE") == "{rng.choice(WORDS)}" {{',
            f"\t\treturn y - {rng.randint(1, 999)}",
            "\t}",
            "\treturn y",
            "}",
            "",
        ]
    return "\n".join(lines)


def markdown_doc(rng: random.Random) -> str:
    parts = [f"# {camel(rng)} {rng.choice(WORDS)}\n"]
    for _ in range(rng.randint(2, 12)):
        parts.append(f"## {sentence(rng, 2, 5)[:-1]}\n")
        parts.append(" ".join(sentence(rng) for _ in range(rng.randint(3, 10))) + "\n")
        if rng.random() < 0.15:
            var = rng.choice(PROVIDERS)[0]
            parts.append(
                "```json\n{\n  \"mcpServers\": {\n    \"" + rng.choice(WORDS) + "\": {\n      \"command\": \"npx\",\n"
                f"      \"env\": {{ \"{var}\": \"${{{var}}}\" }}\n    }}\n  }}\n}}\n```\n"
            )
    return "\n".join(parts)


# --------------------------------------------------------------------------- lock files, binaries


def package_lock(rng: random.Random) -> str:
    packages: dict[str, dict] = {"": {"name": rng.choice(WORDS), "version": "1.0.0"}}
    for _ in range(rng.randint(300, 1500)):
        name = f"{rng.choice(WORDS)}-{rng.choice(WORDS)}"
        version = f"{rng.randint(0, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 40)}"
        packages[f"node_modules/{name}"] = {
            "version": version,
            "resolved": f"https://registry.npmjs.org/{name}/-/{name}-{version}.tgz",
            "integrity": "sha512-" + base64.b64encode(rng.randbytes(64)).decode(),
            "dependencies": {rng.choice(WORDS): f"^{rng.randint(1, 9)}.0.0" for _ in range(rng.randint(0, 3))},
        }
    return json.dumps({"name": "monorepo", "lockfileVersion": 3, "requires": True, "packages": packages}, indent=2)


def poetry_lock(rng: random.Random) -> str:
    blocks = []
    for _ in range(rng.randint(150, 700)):
        name = f"{rng.choice(WORDS)}-{rng.choice(WORDS)}"
        version = f"{rng.randint(0, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 40)}"
        blocks.append(
            f'[[package]]\nname = "{name}"\nversion = "{version}"\ndescription = "{sentence(rng)}"\n'
            f'optional = false\npython-versions = ">=3.8"\nfiles = [\n'
            f'    {{file = "{name}-{version}-py3-none-any.whl", hash = "sha256:{rng.randbytes(32).hex()}"}},\n'
            f'    {{file = "{name}-{version}.tar.gz", hash = "sha256:{rng.randbytes(32).hex()}"}},\n]\n\n'
            f'[package.dependencies]\n{rng.choice(WORDS)} = ">={rng.randint(1, 5)}.0"\n'
        )
    blocks.append(
        f'[metadata]\nlock-version = "2.0"\npython-versions = "^3.11"\ncontent-hash = "{rng.randbytes(32).hex()}"\n'
    )
    return "\n".join(blocks)


def binary_blob(rng: random.Random, png: bool) -> bytes:
    body = rng.randbytes(rng.randint(1024, 32 * 1024))
    return (b"\x89PNG\r\n\x1a\n" + body) if png else body


# --------------------------------------------------------------------------- generic (non-MCP) configs


def generic_config(rng: random.Random, index: int) -> tuple[str, str]:
    """A JSON/YAML/TOML config without MCP content: (file name, text)."""
    choice = index % 8
    name = rng.choice(WORDS)
    if choice == 0:
        deps = {f"@mono/{rng.choice(WORDS)}": f"^{rng.randint(1, 9)}.{rng.randint(0, 9)}.0" for _ in range(8)}
        data = {"name": f"@mono/{name}-{index}", "version": "1.0.0", "private": True,
                "scripts": {"build": "tsc -b", "test": "vitest run", "lint": "eslint ."}, "dependencies": deps}
        return "package.json", json.dumps(data, indent=2)
    if choice == 1:
        data = {"compilerOptions": {"target": "ES2022", "module": "NodeNext", "strict": True, "outDir": "dist"},
                "include": ["src"]}
        return "tsconfig.json", json.dumps(data, indent=2)
    if choice == 2:
        return "pyproject.toml", (
            f'[project]\nname = "{name}-{index}"\nversion = "0.{rng.randint(1, 9)}.0"\nrequires-python = ">=3.11"\n'
            f'dependencies = ["{rng.choice(WORDS)}>=1.0", "{rng.choice(WORDS)}>=2.1"]\n\n'
            '[tool.ruff]\nline-length = 100\n\n[tool.pytest.ini_options]\naddopts = "-q"\n'
        )
    if choice == 3:
        lines = [f"app:\n  name: {name}\n  port: {rng.randint(3000, 9000)}\n  debug: false\n",
                 "database:\n  url: postgres://app:${DB_PASSWORD}@db:5432/app\n  pool: 10\n", "features:\n"]
        lines += [f"  - {rng.choice(WORDS)}\n" for _ in range(rng.randint(5, 40))]
        return f"config/settings-{index}.yaml", "".join(lines)
    if choice == 4:  # OpenAPI specs have a ``servers:`` key: a realistic hit for a content sniff
        lines = ["openapi: 3.0.3\n", f"info:\n  title: {camel(rng)} API\n  version: 1.0.0\n",
                 "servers:\n  - url: https://api.example.com/v1\n", "paths:\n"]
        for _ in range(rng.randint(20, 120)):
            lines.append(
                f"  /{rng.choice(WORDS)}/{{{rng.choice(WORDS)}Id}}:\n    get:\n      summary: {sentence(rng)}\n"
                f"      operationId: get{camel(rng)}\n      responses:\n        '200':\n          description: OK\n"
            )
        return f"api/openapi-{index}.yaml", "".join(lines)
    if choice == 5:
        steps = "".join(f"      - run: make {rng.choice(WORDS)}\n" for _ in range(rng.randint(3, 12)))
        return f"ci/pipeline-{index}.yml", (
            f"name: {name}\non: [push, pull_request]\njobs:\n  build:\n    runs-on: ubuntu-latest\n"
            f"    steps:\n      - uses: actions/checkout@v4\n{steps}"
        )
    if choice == 6:
        messages = {f"{rng.choice(WORDS)}.{rng.choice(WORDS)}.{k}": sentence(rng) for k in range(rng.randint(20, 200))}
        return f"i18n/messages-{index}.json", json.dumps(messages, indent=2)
    return f"config/{name}-{index}.toml", (
        f'[server]\nhost = "0.0.0.0"\nport = {rng.randint(3000, 9000)}\n\n[logging]\nlevel = "info"\n\n'
        f'[cache]\nttl_seconds = {rng.randint(10, 3600)}\nbackend = "{rng.choice(WORDS)}"\n'
    )


# --------------------------------------------------------------------------- MCP configs


def make_servers(rng: random.Random, leak: bool) -> list[Server]:
    count = rng.randint(1, 4)
    servers = []
    for position in range(count):
        var, package, parts = rng.choice(PROVIDERS)
        secret = make_token(rng, parts) if leak and position == 0 else None
        servers.append(Server(f"{rng.choice(WORDS)}-{position}", package, var, secret, rng.random() < 0.25))
    return servers


def value(server: Server, reference: str) -> str:
    """The literal secret when leaking, else the client's reference syntax for the variable."""
    return server.secret if server.secret is not None else reference.replace("VAR", server.var)


def json_servers(servers: list[Server], reference: str, url_key: str = "url") -> dict:
    out: dict[str, dict] = {}
    for server in servers:
        if server.remote:
            out[server.name] = {url_key: f"https://{server.name}.example.com/mcp",
                                "headers": {"Authorization": "Bearer " + value(server, reference)}}
        else:
            out[server.name] = {"command": "npx", "args": ["-y", server.package],
                                "env": {server.var: value(server, reference), "LOG_LEVEL": "info"}}
    return out


def mcp_json(servers: list[Server], reference: str) -> str:
    return json.dumps({"mcpServers": json_servers(servers, reference)}, indent=2)


def mcp_vscode(servers: list[Server]) -> str:
    data = {"inputs": [{"type": "promptString", "id": "token", "description": "API token", "password": True}],
            "servers": json_servers(servers, "${env:VAR}")}
    return json.dumps(data, indent=2)


def mcp_gemini(servers: list[Server]) -> str:
    data = {"theme": "Default", "mcpServers": json_servers(servers, "${VAR}", url_key="httpUrl")}
    return json.dumps(data, indent=2)


def mcp_zed(servers: list[Server]) -> str:
    body = json.dumps({"context_servers": json_servers(servers, "<set in keychain>")}, indent=2)
    return '// Zed settings\n{\n  "theme": "One Dark",\n  "tab_size": 2,\n' + body[2:]


def mcp_opencode(servers: list[Server]) -> str:
    mcp: dict[str, dict] = {}
    for server in servers:
        if server.remote:
            mcp[server.name] = {"type": "remote", "url": f"https://{server.name}.example.com/mcp",
                                "headers": {"Authorization": "Bearer " + value(server, "{env:VAR}")}}
        else:
            mcp[server.name] = {"type": "local", "command": ["npx", "-y", server.package],
                                "environment": {server.var: value(server, "{env:VAR}")}}
    return json.dumps({"$schema": "https://opencode.ai/config.json", "mcp": mcp}, indent=2)


def mcp_codex(servers: list[Server]) -> str:
    blocks = []
    for server in servers:
        if server.remote:
            block = f'[mcp_servers.{server.name.replace("-", "_")}]\nurl = "https://{server.name}.example.com/mcp"\n'
            if server.secret:
                block += f'http_headers = {{ "Authorization" = "Bearer {server.secret}" }}\n'
            else:
                block += f'bearer_token_env_var = "{server.var}"\n'
        else:
            block = (f'[mcp_servers.{server.name.replace("-", "_")}]\ncommand = "npx"\n'
                     f'args = ["-y", "{server.package}"]\n')
            if server.secret:
                block += f'[mcp_servers.{server.name.replace("-", "_")}.env]\n{server.var} = "{server.secret}"\n'
            else:
                block += f'env_vars = ["{server.var}"]\n'
        blocks.append(block)
    return 'model = "gpt-5"\n\n' + "\n".join(blocks)


def mcp_continue(servers: list[Server], rng: random.Random) -> str:
    lines = [f"name: {rng.choice(WORDS)}-mcp", "version: 0.0.1", "schema: v1", "mcpServers:"]
    for server in servers:
        lines.append(f"  - name: {server.name}")
        if server.remote:
            lines += ["    type: streamable-http", f"    url: https://{server.name}.example.com/mcp",
                      f"    apiKey: \"{value(server, '${{ secrets.VAR }}')}\""]
        else:
            lines += ["    command: npx", f'    args: ["-y", "{server.package}"]', "    env:",
                      f"      {server.var}: \"{value(server, '${{ secrets.VAR }}')}\""]
    return "\n".join(lines) + "\n"


def mcp_goose(servers: list[Server]) -> str:
    lines = ["GOOSE_PROVIDER: anthropic", "extensions:"]
    for server in servers:
        lines += [f"  {server.name}:", "    type: stdio", f"    name: {server.name}", "    cmd: npx",
                  f'    args: ["-y", "{server.package}"]', "    enabled: true", "    timeout: 300"]
        if server.secret:
            lines += ["    envs:", f'      {server.var}: "{server.secret}"', "    env_keys: []"]
        else:
            lines += ["    envs: {}", f'    env_keys: ["{server.var}"]']
    return "\n".join(lines) + "\n"


def mcp_server_json(servers: list[Server], rng: random.Random) -> str:
    server = servers[0]
    variable: dict = {"name": server.var, "description": "API token", "isRequired": True, "isSecret": True}
    if server.secret:
        variable["default"] = server.secret
    data = {
        "$schema": "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",
        "name": f"io.github.example/{server.name}",
        "description": sentence(rng),
        "version": "1.2.0",
        "packages": [{"registryType": "npm", "identifier": server.package, "version": "1.2.0",
                      "transport": {"type": "stdio"}, "environmentVariables": [variable]}],
    }
    return json.dumps(data, indent=2)


def mcp_smithery(servers: list[Server]) -> str:
    server = servers[0]
    example = server.secret or "<YOUR_TOKEN>"
    return (
        "runtime: container\nbuild:\n  dockerfile: Dockerfile\nstartCommand:\n  type: stdio\n  configSchema:\n"
        "    type: object\n    required: [apiToken]\n    properties:\n"
        "      apiToken: { type: string, description: token }\n"
        "  commandFunction: |-\n    (config) => ({ command: 'node', args: ['dist/index.js'],"
        f" env: {{ {server.var}: config.apiToken }} }})\n  exampleConfig:\n    apiToken: \"{example}\"\n"
    )


def mcp_compose(servers: list[Server]) -> str:
    lines = ["services:"]
    for server in servers:
        lines += [f"  {server.name}-mcp:", f"    image: example/{server.name}-mcp:1.2.0", "    environment:",
                  "      LOG_LEVEL: info", f"      {server.var}: \"{value(server, '${VAR}')}\""]
    return "\n".join(lines) + "\n"


def mcp_k8s(servers: list[Server]) -> str:
    server = servers[0]
    if server.secret:
        env = f"            - name: {server.var}\n              value: \"{server.secret}\"\n"
    else:
        env = (f"            - name: {server.var}\n              valueFrom:\n"
               f"                secretKeyRef: {{ name: {server.name}-secrets, key: token }}\n")
    return (
        f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {server.name}-mcp\nspec:\n  selector:\n"
        f"    matchLabels: {{ app: {server.name}-mcp }}\n  template:\n    metadata:\n"
        f"      labels: {{ app: {server.name}-mcp }}\n    spec:\n      containers:\n        - name: server\n"
        f"          image: example/{server.name}-mcp:1.2.0\n          args: [\"--transport\", \"stdio\"]\n"
        f"          env:\n{env}            - name: LOG_LEVEL\n              value: info\n"
    )


# (kind label, path inside the package, builder)
McpBuilder = Callable[[list[Server], random.Random], str]
MCP_KINDS: list[tuple[str, str, McpBuilder]] = [
    ("claude-code", ".mcp.json", lambda s, r: mcp_json(s, "${VAR}")),
    ("cursor", ".cursor/mcp.json", lambda s, r: mcp_json(s, "${env:VAR}")),
    ("vscode", ".vscode/mcp.json", lambda s, r: mcp_vscode(s)),
    ("claude-desktop", "claude_desktop_config.json", lambda s, r: mcp_json(s, "<paste token>")),
    ("gemini", ".gemini/settings.json", lambda s, r: mcp_gemini(s)),
    ("codex", ".codex/config.toml", lambda s, r: mcp_codex(s)),
    ("continue", ".continue/mcpServers/{name}.yaml", mcp_continue),
    ("goose", "goose/config.yaml", lambda s, r: mcp_goose(s)),
    ("zed", ".zed/settings.json", lambda s, r: mcp_zed(s)),
    ("opencode", "opencode.json", lambda s, r: mcp_opencode(s)),
    ("registry", "server.json", mcp_server_json),
    ("smithery", "smithery.yaml", lambda s, r: mcp_smithery(s)),
    ("compose", "docker-compose.yml", lambda s, r: mcp_compose(s)),
    ("k8s", "deploy/k8s/{name}-mcp.yaml", lambda s, r: mcp_k8s(s)),
]
MCP_LEAK_RATE = 0.3


# --------------------------------------------------------------------------- .env files

# (file name inside the package, ignored by .gitignore, chance of leaking)
ENV_KINDS = [
    (".env", True, 0.6),
    (".env.example", False, 0.0),
    (".env.production", False, 0.5),
    (".env.local", True, 0.7),
    ("config/staging.env", False, 0.2),
]
GITIGNORE = "node_modules/\ndist/\n__pycache__/\n*.pyc\n.env\n.env.local\n"


def env_file(rng: random.Random, leak: bool) -> str:
    lines = [f"# {sentence(rng)}", "LOG_LEVEL=info", f"PORT={rng.randint(3000, 9000)}",
             "DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app"]
    chosen = rng.sample(PROVIDERS, k=rng.randint(1, 4))
    for position, (var, _package, parts) in enumerate(chosen):
        if leak and position == 0:
            lines.append(f"{var}={make_token(rng, parts)}")
        else:
            lines.append(f"{var}=" + rng.choice(["${VAR}", "${env:VAR}", ""]).replace("VAR", var))
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- the tree


def category_counts(total: int) -> dict[str, int]:
    """How many files of each category a tree of ``total`` files gets (sources fill the rest)."""
    counts = {kind: max(1, round(total * share / 20000)) for kind, share in PER_20K.items()}
    counts["source"] = total - sum(counts.values()) - 2  # .gitignore and README.md at the root
    if counts["source"] < 0:
        raise ValueError(f"--files {total} is too small for the fixed mix (at least {total - counts['source']})")
    return counts


def package_dir(index: int) -> str:
    return f"{AREAS[index % len(AREAS)]}/{WORDS[index % len(WORDS)]}-{index:05d}"


def generate(out: Path, total: int, seed: int) -> Plan:
    """Write the tree (without git) into ``out``, which must not exist yet."""
    rng = random.Random(seed)
    counts = category_counts(total)
    packages = max(1, total // FILES_PER_PACKAGE)
    writer = Writer(out)
    plan = Plan(files=total, seed=seed)

    writer.write(".gitignore", GITIGNORE)
    writer.write("README.md", "# Synthetic monorepo\n\nGenerated by mcplint's bench/generate.py.\n")

    for index in range(counts["mcp"]):
        label, template, builder = MCP_KINDS[index % len(MCP_KINDS)]
        leak = rng.random() < MCP_LEAK_RATE and index >= 3  # the three hook files stay small and clean
        servers = make_servers(rng, leak)
        if index < 3:
            servers = servers[:1]
        inner = template.format(name=f"{rng.choice(WORDS)}-{index}")
        base = package_dir(index % packages)
        rel = f"{base}/{inner}"
        if not writer.free(rel):
            rel = f"{base}/examples/ex{index}/{inner}"
        writer.write(rel, builder(servers, rng))
        plan.mcp_kinds[label] += 1
        plan.leaking_mcp += leak
        if index < 3:
            plan.hook_files.append(rel)

    for index in range(counts["env"]):
        name, ignored, leak_rate = ENV_KINDS[index % len(ENV_KINDS)]
        leak = rng.random() < leak_rate
        base = package_dir((index * 7 + 1) % packages)
        rel = f"{base}/{name}"
        if not writer.free(rel):
            rel = f"{base}/env{index}/{name}"
        writer.write(rel, env_file(rng, leak))
        plan.leaking_env += leak
        plan.ignored_env += ignored

    stride = max(1, packages // counts["lock"])
    for index in range(counts["lock"]):
        base = package_dir((index * stride) % packages)
        name = "package-lock.json" if index % 2 == 0 else "poetry.lock"
        rel = f"{base}/{name}" if writer.free(f"{base}/{name}") else f"{base}/lock{index}/{name}"
        writer.write(rel, package_lock(rng) if index % 2 == 0 else poetry_lock(rng))

    for index in range(counts["binary"]):
        png = index % 3 != 0
        rel = f"{package_dir(index % packages)}/assets/{rng.choice(WORDS)}-{index}.{'png' if png else 'bin'}"
        writer.write(rel, binary_blob(rng, png))

    for index in range(counts["config"]):
        name, text = generic_config(rng, index)
        base = package_dir((index * 3 + 2) % packages)
        rel = f"{base}/{name}"
        if not writer.free(rel):
            rel = f"{base}/sub{index}/{name}"
        writer.write(rel, text)

    for index in range(counts["docs"]):
        writer.write(f"{package_dir(index % packages)}/docs/{rng.choice(WORDS)}-{index}.md", markdown_doc(rng))

    builders = ((".py", python_source), (".ts", ts_source), (".go", go_source))
    for index in range(counts["source"]):
        suffix, builder = builders[index % 3]
        module = rng.choice(WORDS)
        rel = f"{package_dir(index % packages)}/src/{module}/{rng.choice(WORDS)}_{index}{suffix}"
        writer.write(rel, builder(rng, index))

    plan.counts.update(counts)
    return plan


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": FIXED_DATE, "GIT_COMMITTER_DATE": FIXED_DATE,
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    settings = ["-c", "core.hooksPath=/dev/null", "-c", "commit.gpgsign=false", "-c", "gc.auto=0"]
    subprocess.run(["git", *GIT_IDENTITY, *settings, *args], cwd=root, env=env, check=True, stdout=subprocess.DEVNULL)


def commit(root: Path) -> None:
    """``git init``, ``git add -A``, one commit with a fixed identity and date, then pack objects."""
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Synthetic monorepo for the mcplint benchmark")
    git(root, "gc", "-q")  # a cloned repository is packed; loose objects would inflate --all-files scans


def tree_name(total: int, seed: int) -> str:
    return f"tree-v{GENERATOR_VERSION}-n{total}-s{seed}"


def check_outside_repo(path: Path) -> None:
    """Refuse to generate inside the mcplint checkout (it would nest a git repository there)."""
    resolved = path.resolve()
    if resolved == REPO_ROOT or REPO_ROOT in resolved.parents:
        raise SystemExit(f"refusing to generate inside the mcplint repository: {resolved}")


def ensure_tree(workdir: Path, total: int, seed: int, log: Callable[[str], None] = print) -> tuple[Path, dict]:
    """The cached tree for (total, seed) under ``workdir``, generated on first use.

    Returns the tree's path and its manifest (counts, hook files). The manifest is written last,
    next to the tree, so an interrupted generation is redone.
    """
    check_outside_repo(workdir)
    root = workdir / tree_name(total, seed)
    manifest_path = workdir / f"{tree_name(total, seed)}.json"
    if manifest_path.exists() and root.is_dir():
        return root, json.loads(manifest_path.read_text())
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    log(f"generating {total} files (seed {seed}) in {root} ...")
    plan = generate(root, total, seed)
    commit(root)
    manifest = {
        "generator_version": GENERATOR_VERSION, "files": plan.files, "seed": plan.seed,
        "counts": dict(plan.counts), "mcp_kinds": dict(plan.mcp_kinds), "leaking_mcp": plan.leaking_mcp,
        "leaking_env": plan.leaking_env, "ignored_env": plan.ignored_env, "hook_files": plan.hook_files,
        "bytes": sum(f.stat().st_size for f in root.rglob("*") if f.is_file() and ".git" not in f.parts),
    }
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    return root, manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=20000, help="total files in the tree (default 20000)")
    parser.add_argument("--seed", type=int, default=1, help="RNG seed (default 1)")
    parser.add_argument("--out", type=Path, help="target directory; default: cached tree under --workdir")
    parser.add_argument("--workdir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "mcplint-bench",
                        help="cache directory for --out-less runs (default $TMPDIR/mcplint-bench)")
    args = parser.parse_args(argv)
    if args.out is None:
        root, manifest = ensure_tree(args.workdir, args.files, args.seed)
    else:
        check_outside_repo(args.out)
        if args.out.exists() and any(args.out.iterdir()):
            parser.error(f"--out must be empty or absent: {args.out}")
        args.out.mkdir(parents=True, exist_ok=True)
        plan = generate(args.out, args.files, args.seed)
        commit(args.out)
        root, manifest = args.out, {"counts": dict(plan.counts), "hook_files": plan.hook_files}
    print(f"{root}: {json.dumps(manifest['counts'])}; hook files: {' '.join(manifest['hook_files'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
