"""``mcplint fix``: move hardcoded secrets out of MCP configs into a git-ignored ``.env``.

Nothing here detects anything: the normal pipeline (discover → parse → recognise → rules) finds
the MCP001 secrets, and each finding is mapped back to its :class:`~mcplint.model.Slot` by offsets.
A fix replaces only the secret's characters with the client's reference (``${VAR}``,
``${env:VAR}``, ``{env:VAR}``, ``${{ secrets.VAR }}``), by position: everything else in the file
stays byte for byte. Each edited file is re-parsed and re-recognised before anything is written;
an edit that would break the file or change any other value is dropped (reported, not applied).

Writing order, each write atomic and keeping the file's mode: ``.gitignore`` (so the ``.env`` is
never unignored), the ``.env`` (created 0600, fsynced), then the configs, then ``.env.example``.
A failure after the ``.env`` leaves every config untouched and the secret safe in the ``.env``.
"""

from __future__ import annotations

import codecs
import difflib
import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from mcplint.discover.git import Repo
from mcplint.fsutil import atomic_write_bytes
from mcplint.model import (
    FIELD_ARG,
    FIELD_COMMAND,
    FIELD_ENV,
    FIELD_HEADER,
    FIELD_INPUT,
    FIELD_OTHER,
    FIELD_URL,
    McpConfig,
    Slot,
)
from mcplint.names.variables import IDENT, name_candidates, valid_name, with_environment_prefix
from mcplint.parse.document import Document, Mapping, ParseError, Scalar
from mcplint.recognise.client_table import FixStrategy, fix_strategy
from mcplint.results.findings import Finding
from mcplint.rules.base import Context
from mcplint.settings.values import Settings

RULE = "MCP001"
MASK = "****"
ENV_FILE = ".env"
NEW_ENV_MODE = 0o600
NEW_TEXT_MODE = 0o644
EXAMPLE_NAMES = (".env.example", ".env.sample", ".env.template", ".env.dist")

_DOTENV_PLAIN = re.compile(r"[A-Za-z0-9_\-.:/+@%,=]+")
_FIELD_NAMES = {
    FIELD_ENV: "env", FIELD_HEADER: "headers", FIELD_ARG: "args", FIELD_URL: "url", FIELD_COMMAND: "command",
    FIELD_OTHER: "other strings",
}


class FixError(Exception):
    """A write failed part-way; the message says what was written and never holds a secret."""


# -- results ------------------------------------------------------------------------------------


@dataclass(slots=True)
class Moved:
    """One secret moved (or to be moved) from a config into an env file."""

    path: str
    line: int
    col: int
    where: str
    name: str
    reference: str
    env_file: str
    reused: bool = False  # the env file already held this variable with this value


@dataclass(slots=True)
class NotFixable:
    """A secret left in place, with why and what to do instead."""

    path: str
    line: int
    col: int
    where: str
    reason: str
    alternative: str


@dataclass(slots=True)
class FileChange:
    """The new content of one file. ``old`` is None for a file that does not exist yet."""

    path: Path
    display: str
    role: str  # "gitignore", "env", "config" or "example"
    old: str | None
    new: str
    masked_old: str
    masked_new: str
    original: bytes | None  # the bytes read while planning (to refuse writing over a changed file)
    bom: bytes = b""
    codec: str = "utf-8"
    new_mode: int = NEW_TEXT_MODE

    def encoded(self) -> bytes:
        return self.bom + self.new.encode(self.codec, "surrogatepass")


@dataclass(slots=True)
class Plan:
    """Everything ``fix`` would do. ``errors`` (name clashes, a tracked .env) block the whole plan."""

    root: Path
    changes: list[FileChange] = field(default_factory=list)
    moved: list[Moved] = field(default_factory=list)
    not_fixable: list[NotFixable] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    secrets: set[str] = field(default_factory=set, repr=False)  # only to mask output

    def mask(self, text: str) -> str:
        """``text`` with every known secret replaced by the mask (a last line of defence)."""
        for secret in sorted(self.secrets, key=len, reverse=True):
            if secret:
                text = text.replace(secret, MASK)
        return text


# -- small helpers ------------------------------------------------------------------------------


def dotenv_line(name: str, value: str) -> str | None:
    """``NAME=value`` that every dotenv reader and ``sh`` read back as exactly ``value`` (None if none can)."""
    if _DOTENV_PLAIN.fullmatch(value):
        return f"{name}={value}"
    if "'" not in value and "\n" not in value and "\r" not in value:
        return f"{name}='{value}'"
    return None


def dotenv_values(text: str) -> dict[str, str]:
    """Variables of a dotenv text (the last assignment wins, as in python-dotenv and sh)."""
    from mcplint.parse.dotenv import parse_dotenv

    root = parse_dotenv(text).root
    values: dict[str, str] = {}
    if isinstance(root, Mapping):
        for key, node in root.items():
            if isinstance(node, Scalar):
                values[key.text] = str(node.value if node.value is not None else "")
    return values


def mask_dotenv(text: str) -> str:
    """A dotenv text with every non-empty value shown as ``****``."""
    from mcplint.parse.dotenv import parse_dotenv

    root = parse_dotenv(text).root
    spans = []
    if isinstance(root, Mapping):
        spans = [(n.span.start, n.span.end) for _, n in root.items() if isinstance(n, Scalar) and n.value]
    return splice(text, mask_edits(spans))


def splice(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with non-overlapping ``(start, end, replacement)`` edits applied."""
    out, pos = [], 0
    for start, end, replacement in sorted(edits):
        if start < pos:
            continue  # overlapping edit: the earlier one wins
        out.append(text[pos:start])
        out.append(replacement)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def mask_edits(spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Edits that mask ``spans``, overlapping ones merged (so no part of a secret slips through)."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end, MASK) for start, end in merged]


def newline_of(text: str | None) -> str:
    return "\r\n" if text and "\r\n" in text else "\n"


def append_lines(old: str | None, lines: list[str]) -> str:
    """``old`` with ``lines`` appended in its own line-ending style (a missing final newline added)."""
    text = old or ""
    nl = newline_of(old)
    if text and not text.endswith("\n"):
        text += nl
    return text + "".join(line + nl for line in lines)


def read_text(path: Path) -> tuple[str | None, bytes | None, bytes, str]:
    """(text, raw bytes, BOM, codec) of a file; (None, None, b"", "utf-8") when it does not exist."""
    from mcplint.parse import decode

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, None, b"", "utf-8"
    text = decode(data)
    boms = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
    for bom, codec in boms:
        if data.startswith(bom):
            return text, data, bom, codec
    return text, data, b"", "utf-8"


def display_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


# -- where a finding sits --------------------------------------------------------------------


@dataclass(slots=True)
class Located:
    """A finding's slot; ``start``/``end`` index the slot's value (None when not verbatim)."""

    slot: Slot
    index: int
    start: int | None
    end: int | None


def locate(config: McpConfig, finding: Finding) -> Located | None:
    """The slot a finding's span lies in."""
    start, end = finding.span.start, finding.span.end
    for index, slot in enumerate(config.slots):
        scalar = slot.value
        if not isinstance(scalar.value, str) or not scalar.verbatim or scalar.content_start < 0:
            continue
        low = scalar.content_start
        inside = low <= start and end <= low + len(scalar.value)
        if inside and config.document.text[start:end] == scalar.value[start - low : end - low]:
            return Located(slot, index, start - low, end - low)
    for index, slot in enumerate(config.slots):
        if (slot.value.span.start, slot.value.span.end) == (start, end):
            return Located(slot, index, None, None)
    return None


# -- what to do when the client cannot expand a reference ------------------------------------


def _sh_word(text: str) -> str:
    """A shell word; ``${NAME}`` parts stay expandable."""
    if "${" not in text:
        return shlex.quote(text)
    return '"' + re.sub(r'(["\\`])', r"\\\1", text) + '"'


def wrapper_command(config: McpConfig, slot: Slot, env_file: Path, secret_args: dict[int, str]) -> str | None:
    """A ``sh -c`` wrapper that loads the env file and starts the server (stdio servers only)."""
    server = next((s for s in config.servers if s.name == slot.server), None)
    if server is None or server.command is None or not isinstance(server.command.value, str):
        return None
    words = [server.command.value]
    for arg in server.args:
        words.append(secret_args.get(id(arg), str(arg.value)))
    script = f"set -a; . {shlex.quote(str(env_file))}; set +a; exec " + " ".join(_sh_word(w) for w in words)
    op_args = ["run", f"--env-file={env_file}", "--", *words]
    return (
        f'"command": "sh", "args": {json.dumps(["-c", script], ensure_ascii=False)}\n'
        f'    or with a secret manager: "command": "op", "args": {json.dumps(op_args, ensure_ascii=False)}'
    )


def alternative(config: McpConfig, slot: Slot, name: str, env_file: Path, secret_args: dict[int, str]) -> str:
    """The concrete way to keep this secret out of this client's file."""
    client = config.client
    key = slot.key or name
    env_name = key if slot.field == FIELD_ENV and IDENT.fullmatch(key) else name
    strategy = fix_strategy(client.id)
    if strategy is FixStrategy.ENV_VARS:
        table = f"[mcp_servers.{slot.server}]" if slot.server else "the server's table"
        if slot.field == FIELD_ENV:
            return f'remove {env_name} from env, add env_vars = ["{env_name}"] to {table} and export {env_name}.'
        if slot.field == FIELD_HEADER and key.lower() == "authorization":
            return f'remove the header, add bearer_token_env_var = "{name}" to {table} and export {name}.'
        if slot.field == FIELD_HEADER:
            return f'remove the header, add env_http_headers = {{ "{key}" = "{name}" }} to {table} and export {name}.'
        place = _FIELD_NAMES.get(slot.field, "this field")
        return f'Codex expands nothing in {place}: pass it through env_vars = ["{name}"].'
    if strategy is FixStrategy.ENV_KEYS:
        if slot.field == FIELD_ENV:
            return (
                f"remove {env_name} from envs, add env_keys: [{env_name}] and store the value with"
                " `goose configure` (keyring or secrets.yaml)."
            )
        return client.advice
    if slot.field == FIELD_INPUT:
        return client.advice
    if strategy is FixStrategy.REFERENCE:
        fields = ", ".join(sorted(_FIELD_NAMES.get(f, f) for f in client.expands)) or "no field"
        reference = client.reference.replace("VAR", env_name) if client.reference else env_name
        if slot.field in (FIELD_HEADER, FIELD_URL):
            return (
                f"{client.name} expands {client.reference} only in {fields}: use the server's OAuth sign-in if it"
                f" has one, or run it locally (stdio) with the secret in env as {reference}."
            )
        return (
            f"{client.name} expands {client.reference} only in {fields}: move the value into env as"
            f" {reference} and let the server read it from there."
        )
    if strategy is FixStrategy.WRAPPER:
        wrapper = wrapper_command(config, slot, env_file, secret_args)
        if wrapper is not None:
            what = f"remove {env_name} from env" if slot.field == FIELD_ENV else "replace the value"
            return (
                f"{client.name} expands no variables here. Put {env_name}=… in {env_file} (mode 600,"
                f" git-ignored), {what}, and start the server through a wrapper that loads it:\n    {wrapper}"
            )
    return client.advice or "Move the value to an environment variable or a secret manager."


# -- planning ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Pending:
    """A fixable secret while the plan is built."""

    config: McpConfig
    finding: Finding
    located: Located
    secret: str
    name: str
    env_file: Path
    reference: str = ""


def env_file_for(config: McpConfig, repo: Repo | None) -> Path:
    """The ``.env`` a config's secrets go to: the repository root, or next to the config.

    Compose reads ``.env`` from the project directory (the compose file's own), so there it is
    always next to the file.
    """
    if config.kind == "compose" or repo is None or repo.relative(config.path) is None:
        return config.path.resolve().parent / ENV_FILE
    return repo.root / ENV_FILE


def example_file_for(env_file: Path) -> Path:
    for name in EXAMPLE_NAMES:
        candidate = env_file.with_name(name)
        if candidate.exists():
            return candidate
    return env_file.with_name(EXAMPLE_NAMES[0])


def _load(paths: list[Path], settings: Settings) -> tuple[Path, Repo | None, list[McpConfig], set[str], list[Finding]]:
    """The pipeline's configs and findings (engine stages, rules, suppressions and all)."""
    from mcplint import pipeline as engine

    found = engine.collect(paths, settings)
    broken = {d.path for d in found.diagnostics}  # recovered from a parse error: never edited
    findings, _ = engine.check_configs(found.configs, [], settings, found.root, repo=found.repo)
    return found.root, found.repo, found.configs, broken, findings


def plan(paths: list[Path], settings: Settings) -> Plan:
    """Work out every change ``fix`` would make; reads files, writes nothing."""
    from mcplint.detect import Detector

    root, repo, configs, broken, findings = _load(paths, settings)
    result = Plan(root=root)
    by_path = {config.relpath: config for config in configs}
    ctx = Context(detector=Detector.default(settings.extra_patterns, settings.allowlist_regexes), settings=settings,
                  root=root, repo=repo)
    for finding in findings:
        config = by_path.get(finding.path)
        if config is not None and finding.masks_span:
            result.secrets.add(config.document.text[finding.span.start : finding.span.end])

    secret_findings = [f for f in findings if f.rule_id == RULE and f.path in by_path]
    located = {id(f): locate(by_path[f.path], f) for f in secret_findings}
    env_texts: dict[Path, dict[str, str]] = {}
    planned: dict[Path, dict[str, str]] = {}
    pending: list[_Pending] = []

    def refuse(finding: Finding, where: str, reason: str, alt: str) -> None:
        result.not_fixable.append(NotFixable(finding.path, finding.span.line, finding.span.col, where, reason, alt))

    for finding in secret_findings:
        config = by_path[finding.path]
        spot = located[id(finding)]
        where = spot.slot.where() if spot else "value"
        if config.kind == "dotenv":
            refuse(finding, where, "a .env file with secrets that git would commit",
                   "add it to .gitignore (and `git rm --cached` it if git tracks it), then rotate the secret.")
            continue
        if finding.path in broken:
            refuse(finding, where, "the file does not parse", "fix its syntax first, then run mcplint fix again.")
            continue
        if spot is None:
            refuse(finding, where, "the secret is not in a single value", config.client.advice)
            continue
        slot = spot.slot
        text = slot.text
        before = text[: spot.start] if spot.start is not None else ""
        name = with_environment_prefix(valid_name(name_candidates(slot, before)[0]), config.relpath, settings)
        env_file = env_file_for(config, repo)
        client = config.client
        if client.reference is None or slot.field not in client.expands:
            secret_args = _secret_args(config, located, secret_findings, settings)
            if client.reference is None:
                reason = f"{client.name} expands no variable references"
            else:
                place = _FIELD_NAMES.get(slot.field, "this field")
                reason = f"{client.name} does not expand {client.reference} in {place}"
            refuse(finding, where, reason, alternative(config, slot, name, env_file, secret_args))
            continue
        reference = client.reference.replace("VAR", name)
        if spot.start is None:
            refuse(finding, where, "the value is written with escapes or line folding",
                   f"replace the value by hand with {reference} and put {name}=… in {env_file}.")
            continue
        secret = text[spot.start : spot.end]
        if dotenv_line(name, secret) is None:
            refuse(finding, where, "the value holds quotes and newlines a .env line cannot keep literally",
                   f"store it in a secret manager and write {reference} instead.")
            continue
        pending.append(_Pending(config, finding, spot, secret, name, env_file))

    # Names: one value per name per env file; a different secret wanting a taken name gets the
    # server-qualified name (then _2, _3…); a clash with the existing .env stops everything.
    for item in pending:
        env_file = item.env_file
        if env_file not in env_texts:
            text, _, _, _ = read_text(env_file)
            env_texts[env_file] = dotenv_values(text) if text is not None else {}
            planned[env_file] = {}
            rel = repo.relative(env_file) if repo is not None else None
            if rel is not None and repo is not None and repo.is_tracked(rel):
                result.errors.append(
                    f"git tracks {rel}: writing secrets into it would commit them. Untrack it"
                    f" (git rm --cached {rel}) and run mcplint fix again."
                )
        existing, taken = env_texts[env_file], planned[env_file]
        slot = item.located.slot
        before = slot.text[: item.located.start]
        first, second = (with_environment_prefix(valid_name(n), item.config.relpath, settings)
                         for n in name_candidates(slot, before))
        options = [first, second] + [f"{second}_{n}" for n in range(2, 100)]
        chosen = next(n for n in options if taken.get(n, item.secret) == item.secret)
        if existing.get(chosen, item.secret) != item.secret:
            result.errors.append(
                f"{env_file.name} already sets {chosen} to a different value; {item.finding.path}:"
                f"{item.finding.span.line} needs {chosen} for {slot.where()}. Rename one of them (or remove the"
                f" stale line from {display_path(env_file, root)}) and run mcplint fix again."
            )
            continue
        taken[chosen] = item.secret
        item.name = chosen
        assert item.config.client.reference is not None
        item.reference = item.config.client.reference.replace("VAR", chosen)

    if result.errors:
        return result
    survivors = _plan_configs(result, pending, ctx, root)
    _plan_env_files(result, survivors, env_texts, repo, root)
    return result


def _secret_args(config: McpConfig, located: dict[int, Located | None], findings: list[Finding],
                 settings: Settings) -> dict[int, str]:
    """Argument scalars holding secrets → the argument with ``${NAME}`` in place of the secret."""
    out: dict[int, str] = {}
    for finding in findings:
        spot = located.get(id(finding))
        if finding.path != config.relpath or spot is None or spot.slot.field not in (FIELD_ARG, FIELD_HEADER):
            continue
        server = next((s for s in config.servers if s.name == spot.slot.server), None)
        if server is None:
            continue
        for arg in server.args:
            if arg.span == spot.slot.value.span:
                before = spot.slot.text[: spot.start] if spot.start is not None else ""
                name = with_environment_prefix(valid_name(name_candidates(spot.slot, before)[0]),
                                               config.relpath, settings)
                full = str(arg.value)
                if spot.start is not None:
                    offset = spot.slot.value.content_start - arg.content_start if arg.verbatim else 0
                    full = full[: offset + spot.start] + "${" + name + "}" + full[offset + spot.end :]
                else:
                    full = "${" + name + "}"
                out[id(arg)] = full
    return out


def _plan_configs(result: Plan, pending: list[_Pending], ctx: Context, root: Path) -> list[_Pending]:
    """Build and verify each config's edits; returns the secrets whose config edit verified."""
    survivors: list[_Pending] = []
    by_config: dict[str, list[_Pending]] = {}
    for item in pending:
        if item.name:
            by_config.setdefault(item.config.relpath, []).append(item)
    for items in by_config.values():
        config = items[0].config
        text = config.document.text
        by_slot: dict[int, list[_Pending]] = {}
        for item in items:
            by_slot.setdefault(item.located.index, []).append(item)
        edits: list[tuple[int, int, str]] = []
        expected: dict[int, str] = {}
        failed: str | None = None
        for index, slot_items in by_slot.items():
            choice = _slot_edit(config, index, slot_items, ctx)
            if isinstance(choice, str):
                failed = choice
                break
            slot_edits, value = choice
            edits.extend(slot_edits)
            expected[index] = value
        if failed is None:
            new_text = splice(text, edits)
            failed = verify(config, new_text, expected, _new_ranges(edits), ctx)
        if failed is not None:
            for item in items:  # roll back: the whole file stays as it is
                f = item.finding
                result.not_fixable.append(NotFixable(
                    f.path, f.span.line, f.span.col, item.located.slot.where(),
                    f"replacing it would {failed}; the file was left unchanged",
                    f"replace the value by hand with {item.reference} and put {item.name}=… in {item.env_file}.",
                ))
            continue
        _, original, bom, codec = read_text(config.path)
        spans = [(f.finding.span.start, f.finding.span.end) for f in items]
        masks = mask_edits(spans + _other_secret_spans(config, result.secrets, edits))
        result.changes.append(FileChange(
            path=config.path.resolve(), display=display_path(config.path, root), role="config", old=text, new=new_text,
            masked_old=splice(text, masks),
            masked_new=splice(text, edits + [m for m in masks if not _inside(m, edits)]),
            original=original, bom=bom, codec=codec,
        ))
        for item in items:
            f = item.finding
            result.moved.append(Moved(f.path, f.span.line, f.span.col, item.located.slot.where(), item.name,
                                      item.reference, display_path(item.env_file, root)))
        survivors.extend(items)
    return survivors


def _inside(span: tuple[int, int, str], edits: list[tuple[int, int, str]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e, _ in edits)


def _other_secret_spans(
    config: McpConfig, secrets: set[str], edits: list[tuple[int, int, str]]
) -> list[tuple[int, int]]:
    """Where other known secrets sit in the config text (masked in the diff's context lines)."""
    text = config.document.text
    spans = []
    for secret in secrets:
        if len(secret) < 4:
            continue
        start = text.find(secret)
        while start != -1:
            spans.append((start, start + len(secret)))
            start = text.find(secret, start + 1)
    return [s for s in spans if not any(e0 <= s[0] < e1 or e0 < s[1] <= e1 for e0, e1, _ in edits)]


def _new_ranges(edits: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Where each edit's replacement lands in the edited text."""
    ranges, shift = [], 0
    for start, end, replacement in sorted(edits):
        ranges.append((start + shift, start + shift + len(replacement)))
        shift += len(replacement) - (end - start)
    return ranges


def _slot_edit(config: McpConfig, index: int, items: list[_Pending], ctx: Context
               ) -> tuple[list[tuple[int, int, str]], str] | str:
    """The edits for one value: the references in place, else (YAML plain scalars) the value quoted."""
    slot = config.slots[index]
    scalar = slot.value
    parts: list[tuple[int, int, str]] = []
    for item in items:
        assert item.located.start is not None and item.located.end is not None
        parts.append((item.located.start, item.located.end, item.reference))
    new_value = splice(slot.text, parts)
    text = config.document.text
    in_place = [(scalar.content_start + s, scalar.content_start + e, r) for s, e, r in parts]
    problem = verify(config, splice(text, in_place), {index: new_value}, _new_ranges(in_place), ctx)
    if problem is None:
        return in_place, new_value
    if config.document.format == "yaml" and scalar.style == "plain":
        token_start, token_end = scalar.span.start, scalar.span.end
        token = text[token_start:token_end]
        offset = scalar.content_start - token_start
        token_value = splice(token, [(offset + s, offset + e, r) for s, e, r in parts])
        quoted = [(token_start, token_end, json.dumps(token_value, ensure_ascii=False))]
        if verify(config, splice(text, quoted), {index: new_value}, _new_ranges(quoted), ctx) is None:
            return quoted, new_value
    return problem


def verify(config: McpConfig, new_text: str, expected: dict[int, str], ranges: list[tuple[int, int]],
           ctx: Context) -> str | None:
    """None when ``new_text`` parses to the same config with only ``expected`` values changed and
    no secret left at the edited places; else what would go wrong."""
    from mcplint.parse import parse
    from mcplint.recognise.recogniser import recognise
    from mcplint.rules import mcp001_hardcoded_secret as mcp001

    try:
        document: Document = parse(new_text, config.document.format)
    except ParseError:
        return "make the file unparseable"
    new = recognise(config.path, config.relpath, document, config.kind)
    if new is None or new.kind != config.kind or len(new.slots) != len(config.slots):
        return "change how the file is read"
    for index, (old, now) in enumerate(zip(config.slots, new.slots, strict=True)):
        if (old.path, old.field, old.key, old.server) != (now.path, now.field, now.key, now.server):
            return "change how the file is read"
        if now.value.value != expected.get(index, old.value.value):
            return "change other values"
    fresh = Context(detector=ctx.detector, settings=ctx.settings, root=ctx.root, repo=ctx.repo)
    for finding in mcp001.check(new, fresh):
        if any(start < finding.span.end and finding.span.start < end for start, end in ranges):
            return "still leave a secret there"
    return None


def _plan_env_files(result: Plan, items: list[_Pending], existing: dict[Path, dict[str, str]],
                    repo: Repo | None, root: Path) -> None:
    """The ``.env`` appends, the ``.gitignore`` entry and the ``.env.example`` names."""
    names_by_file: dict[Path, dict[str, str]] = {}
    for item in items:
        names_by_file.setdefault(item.env_file, {})[item.name] = item.secret
    gitignore_lines: dict[Path, list[str]] = {}
    for env_file, names in names_by_file.items():
        have = existing.get(env_file, {})
        shown = display_path(env_file, root)
        for moved in result.moved:
            moved.reused = moved.reused or (moved.env_file == shown and moved.name in have)
        new_lines = [line for n, v in names.items() if n not in have and (line := dotenv_line(n, v))]
        text, original, bom, codec = read_text(env_file)
        rel = repo.relative(env_file) if repo is not None else None
        if new_lines:
            new = append_lines(text, new_lines)
            result.changes.append(FileChange(
                path=env_file.resolve(), display=display_path(env_file, root), role="env", old=text, new=new,
                masked_old=mask_dotenv(text or ""), masked_new=mask_dotenv(new), original=original,
                bom=bom, codec=codec, new_mode=NEW_ENV_MODE,
            ))
        if rel is not None and repo is not None and not repo.is_ignored(rel):
            gitignore_lines.setdefault(repo.root / ".gitignore", []).append(env_file.name)
        elif rel is None:
            result.notes.append(f"{display_path(env_file, root)} is not in a git repository: never commit or share it.")
        example = example_file_for(env_file)
        example_text, example_bytes, ebom, ecodec = read_text(example)
        documented = dotenv_values(example_text) if example_text is not None else {}
        missing = [f"{n}=" for n in names if n not in documented]
        if missing:
            new_example = append_lines(example_text, missing)
            result.changes.append(FileChange(
                path=example, display=display_path(example, root), role="example", old=example_text,
                new=new_example, masked_old=mask_dotenv(example_text or ""), masked_new=mask_dotenv(new_example),
                original=example_bytes, bom=ebom, codec=ecodec,
            ))
    for path, entries in gitignore_lines.items():
        text, original, bom, codec = read_text(path)
        lines = list(dict.fromkeys(entries))
        new = append_lines(text, lines)
        result.changes.append(FileChange(
            path=path, display=display_path(path, root), role="gitignore", old=text, new=new,
            masked_old=text or "", masked_new=new, original=original, bom=bom, codec=codec,
        ))
    if items:
        result.notes.append(
            "Load the .env into the environment your MCP client starts from (Gemini CLI and Continue read"
            " it themselves; for the others e.g. `set -a; . ./.env; set +a`, direnv or your IDE's env file)."
            " Rotate any secret that was ever committed."
        )


# -- output and applying -------------------------------------------------------------------------


_ORDER = {"gitignore": 0, "env": 1, "config": 2, "example": 3}


def ordered(changes: list[FileChange]) -> list[FileChange]:
    """Write order: .gitignore, .env (the secret is safe before any config loses it), configs, examples."""
    return sorted(changes, key=lambda c: (_ORDER[c.role], c.display))


def render_diff(result: Plan) -> str:
    """A unified diff of every change, secrets masked (``.env`` values shown as ``****``)."""
    out: list[str] = []
    for change in sorted(result.changes, key=lambda c: (c.role != "config", c.display)):
        old_lines = change.masked_old.splitlines(keepends=True) if change.old is not None else []
        new_lines = change.masked_new.splitlines(keepends=True)
        fromfile = f"a/{change.display}" if change.old is not None else "/dev/null"
        for line in difflib.unified_diff(old_lines, new_lines, fromfile, f"b/{change.display}"):
            out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return result.mask("".join(out))


def apply(result: Plan) -> list[str]:
    """Write every change in the safe order; returns the files written.

    Raises :class:`FixError` naming what was already written when a write fails; a config is
    never rewritten before its secrets are in the ``.env``.
    """
    written: list[str] = []
    for change in ordered(result.changes):
        try:
            current = change.path.read_bytes()
        except FileNotFoundError:
            current = None
        if current != change.original:
            raise FixError(_partial(f"{change.display} changed while mcplint fix ran", written))
        try:
            atomic_write_bytes(change.path, change.encoded(), change.new_mode)
        except OSError as error:
            reason = error.strerror or type(error).__name__
            raise FixError(_partial(f"could not write {change.display}: {reason}", written)) from None
        written.append(change.display)
    return written


def _partial(message: str, written: list[str]) -> str:
    if not written:
        return f"{message}; nothing was changed"
    return (
        f"{message}; already written: {', '.join(written)} (the secrets are in the .env, the configs not yet"
        " rewritten keep theirs). Run mcplint fix again to finish."
    )
