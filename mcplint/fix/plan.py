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

The modules: :mod:`~mcplint.fix.changes` (what a plan holds), :mod:`~mcplint.fix.edits` (config
edits and their verification), :mod:`~mcplint.fix.masking` and :mod:`~mcplint.fix.dotenv_text`
(what a diff may show), :mod:`~mcplint.fix.messages` (advice for what stays),
:mod:`~mcplint.fix.files` (reading), :mod:`~mcplint.fix.apply` (diff, lock, writes); this one plans.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mcplint.detect import Detector
from mcplint.discover.git import Repo
from mcplint.fix.apply import apply, ordered, render_diff  # noqa: F401 - the module's public face
from mcplint.fix.changes import (  # noqa: F401
    ENV_FILE,
    EXAMPLE_NAMES,
    MASK,
    NEW_ENV_MODE,
    RULE,
    FileChange,
    FixError,
    Moved,
    NotFixable,
    Plan,
)
from mcplint.fix.dotenv_text import append_lines, dotenv_line, dotenv_values, mask_dotenv, mask_tokens  # noqa: F401
from mcplint.fix.edits import Located, Pending, SlotIndex, locate, plan_configs, secret_arguments, verify  # noqa: F401
from mcplint.fix.files import display_path, read_text
from mcplint.fix.masking import ConfigMask, mask_edits, mask_lines, splice  # noqa: F401
from mcplint.fix.messages import FIELD_NAMES, alternative, wrapper_command  # noqa: F401
from mcplint.model import FIELD_ENV, McpConfig, Slot
from mcplint.names.variables import name_candidates, qualify, valid_name, with_environment_prefix
from mcplint.recognise.client_table import ClientKind
from mcplint.results.findings import Finding
from mcplint.results.redaction import is_secret_name, name_variants, secret_names
from mcplint.rules.base import Context
from mcplint.settings.values import Settings


@dataclass(slots=True)
class Loaded:
    """What the pipeline gave ``fix``: configs, the findings after suppressions, and all of them before."""

    root: Path
    repo: Repo | None
    configs: list[McpConfig]
    broken: set[str]
    findings: list[Finding]
    unsuppressed: list[Finding]


def env_file_for(config: McpConfig, repo: Repo | None) -> Path:
    """The ``.env`` a config's secrets go to: the repository root, or next to the config.

    Compose reads ``.env`` from the project directory (the compose file's own), so there it is
    always next to the file.
    """
    if config.kind == ClientKind.COMPOSE or repo is None or repo.relative(config.path) is None:
        return config.path.resolve().parent / ENV_FILE
    return repo.root / ENV_FILE


def is_user_level(config: McpConfig) -> bool:
    """Whether the config is one of this machine's user-level client files (``~/.cursor/mcp.json``):
    its client reads no ``.env`` next to it, so a secret moved there would be lost to the client."""
    from mcplint.discover.locations import Roots, locations, matches, running_platform

    path = Path(os.path.abspath(config.path))
    return any(matches(path, location.path) for location in locations(Roots(running_platform())))


def user_level_advice(client_name: str, name: str, reference: str) -> str:
    """What to do by hand for a user-level config: the value goes where the client's process gets it."""
    return (
        f"set {name} in the environment {client_name} starts from (`export {name}=…` in your shell profile;"
        f" on macOS `launchctl setenv {name} …` for apps started from the Dock), then replace the value"
        f" with {reference}."
    )


def example_file_for(env_file: Path) -> Path:
    for name in EXAMPLE_NAMES:
        candidate = env_file.with_name(name)
        if candidate.exists() or candidate.is_symlink():
            return candidate
    return env_file.with_name(EXAMPLE_NAMES[0])


def _load(paths: list[Path], settings: Settings) -> Loaded:
    """The pipeline's configs and findings (engine stages, rules, suppressions and all)."""
    from mcplint import pipeline as engine

    found = engine.collect(paths, settings)
    broken = {d.path for d in found.diagnostics}  # recovered from a parse error: never edited
    unsuppressed: list[Finding] = []
    findings, _ = engine.check_configs(found.configs, [], settings, found.root, repo=found.repo,
                                       unsuppressed=unsuppressed)
    return Loaded(found.root, found.repo, found.configs, broken, findings, unsuppressed)


def _known_secrets(loaded: Loaded, detector: Detector) -> set[str]:
    """Every secret value the findings point at (suppressed ones too) and every name that is a
    secret, in the forms a message may print it: what :meth:`Plan.mask` hides."""
    by_path = {config.relpath: config for config in loaded.configs}
    secrets: set[str] = set()
    for finding in loaded.unsuppressed:
        config = by_path.get(finding.path)
        if config is not None and finding.masks_span:
            secrets.add(config.document.text[finding.span.start : finding.span.end])
    for path in {f.path for f in loaded.unsuppressed}:
        if path in by_path:
            for name in secret_names(by_path[path], detector):
                secrets.update(name_variants(name))
    return secrets


def variable_name(slot: Slot, before: str, which: int, relpath: str, settings: Settings, detector: Detector) -> str:
    """The variable a secret moves to (candidate ``which`` of :func:`name_candidates`), never a
    name that is itself a secret (a token pasted as the env key): that one becomes ``SERVER_SECRET``."""
    name = with_environment_prefix(valid_name(name_candidates(slot, before)[which]), relpath, settings)
    if not is_secret_name(name, detector):
        return name
    server = slot.server if slot.server and not is_secret_name(slot.server, detector) else None
    return with_environment_prefix(valid_name(qualify(server, "SECRET")), relpath, settings)


def _triage(result: Plan, loaded: Loaded, ctx: Context) -> list[Pending]:
    """The secrets ``fix`` can move; every other one is recorded as not fixable, with why."""
    settings = ctx.settings
    by_path = {config.relpath: config for config in loaded.configs}
    secret_findings = [f for f in loaded.findings if f.rule_id == RULE and f.path in by_path]
    indexes = {path: SlotIndex(config) for path, config in by_path.items()}
    located = {id(f): locate(by_path[f.path], f, indexes[f.path]) for f in secret_findings}
    pending: list[Pending] = []

    def refuse(finding: Finding, where: str, reason: str, alt: str) -> None:
        result.not_fixable.append(NotFixable(finding.path, finding.span.line, finding.span.col, where, reason, alt))

    for finding in secret_findings:
        config = by_path[finding.path]
        spot = located[id(finding)]
        where = spot.slot.where() if spot else "value"
        if config.kind == ClientKind.DOTENV:
            refuse(finding, where, "a .env file with secrets that git would commit",
                   "add it to .gitignore (and `git rm --cached` it if git tracks it), then rotate the secret.")
            continue
        if finding.path in loaded.broken:
            refuse(finding, where, "the file does not parse", "fix its syntax first, then run mcplint fix again.")
            continue
        if spot is None:
            refuse(finding, where, "the secret is not in a single value", config.client.advice)
            continue
        slot = spot.slot
        before = slot.text[: spot.start] if spot.start is not None else ""
        name = variable_name(slot, before, 0, config.relpath, settings, ctx.detector)
        env_file = env_file_for(config, loaded.repo)
        client = config.client
        if client.reference is None or slot.field not in client.expands:
            secret_args = secret_arguments(config, located, secret_findings, settings)
            if client.reference is None:
                reason = f"{client.name} expands no variable references"
            else:
                place = FIELD_NAMES.get(slot.field, "this field")
                reason = f"{client.name} does not expand {client.reference} in {place}"
            refuse(finding, where, reason, alternative(config, slot, name, env_file, secret_args))
            continue
        reference = client.reference.replace("VAR", name)
        if is_user_level(config):
            refuse(finding, where, f"a user-level {client.name} config: {client.name} reads no .env beside it",
                   user_level_advice(client.name, name, reference))
            continue
        if spot.start is None:
            refuse(finding, where, "the value is written with escapes or line folding",
                   f"replace the value by hand with {reference} and put {name}=… in {env_file}.")
            continue
        secret = slot.text[spot.start : spot.end]
        if dotenv_line(name, secret) is None:
            refuse(finding, where, "the value holds quotes and newlines a .env line cannot keep literally",
                   f"store it in a secret manager and write {reference} instead.")
            continue
        pending.append(Pending(config, finding, spot, secret, name, env_file))
    return pending


def _choose_names(result: Plan, pending: list[Pending], loaded: Loaded, ctx: Context) -> dict[Path, dict[str, str]]:
    """One value per name per env file: a different secret wanting a taken name gets the
    server-qualified name (then _2, _3…); a clash with the existing ``.env`` stops everything.
    Returns what each env file already holds (read now, under the fix lock)."""
    repo, root, settings = loaded.repo, loaded.root, ctx.settings
    env_texts: dict[Path, dict[str, str]] = {}
    planned: dict[Path, dict[str, str]] = {}
    # One secret a server uses twice (``--token`` in args and an env entry) becomes one variable,
    # named after its env entry when it has one: the env key is the name the server documents.
    named: dict[tuple[Path, str, str | None, str], str] = {}
    for item in sorted(pending, key=lambda item: item.located.slot.field != FIELD_ENV):
        env_file = item.env_file
        if env_file not in env_texts:
            text, _, _, _ = read_text(env_file, display_path(env_file, root))
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
        first, second = (variable_name(slot, before, which, item.config.relpath, settings, ctx.detector)
                         for which in (0, 1))
        options = [first, second] + [f"{second}_{n}" for n in range(2, 100)]
        same = (env_file, item.config.relpath, slot.server, item.secret)
        chosen = named.get(same) or next(n for n in options if taken.get(n, item.secret) == item.secret)
        if existing.get(chosen, item.secret) != item.secret:
            result.errors.append(
                f"{env_file.name} already sets {chosen} to a different value; {item.finding.path}:"
                f"{item.finding.span.line} needs {chosen} for {slot.where()}. Rename one of them (or remove the"
                f" stale line from {display_path(env_file, root)}) and run mcplint fix again."
            )
            continue
        taken[chosen] = item.secret
        named[same] = chosen
        item.name = chosen
        assert item.config.client.reference is not None
        item.reference = item.config.client.reference.replace("VAR", chosen)
    return env_texts


def plan(paths: list[Path], settings: Settings) -> Plan:
    """Work out every change ``fix`` would make; reads files, writes nothing.

    Raises :class:`FixError` when a file it must edit cannot be used (a directory, not UTF-8…).
    """
    loaded = _load(paths, settings)
    result = Plan(root=loaded.root)
    ctx = Context(detector=Detector.default(settings.extra_patterns, settings.allowlist_regexes), settings=settings,
                  root=loaded.root, repo=loaded.repo)
    # Masking looks past the allowlist: an allowlisted value is still not for printing.
    mask_detector = Detector.default(settings.extra_patterns)
    result.secrets |= _known_secrets(loaded, mask_detector)
    pending = _triage(result, loaded, ctx)
    env_texts = _choose_names(result, pending, loaded, ctx)
    if result.errors:
        return result
    masks = {}
    for item in pending:
        if item.config.relpath not in masks:
            mask = ConfigMask(item.config, loaded.unsuppressed, mask_detector, result.secrets)
            masks[item.config.relpath] = mask
            result.secrets |= mask.secret_values()
    survivors = plan_configs(result, pending, ctx, loaded.root, masks)
    _plan_env_files(result, survivors, env_texts, loaded.repo, loaded.root)
    return result


def _plan_env_files(result: Plan, items: list[Pending], existing: dict[Path, dict[str, str]],
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
        text, original, bom, codec = read_text(env_file, shown)
        rel = repo.relative(env_file) if repo is not None else None
        if new_lines:
            new = append_lines(text, new_lines)
            result.changes.append(FileChange(
                path=env_file.resolve(), display=shown, role="env", old=text, new=new,
                masked_old=mask_dotenv(text or ""), masked_new=mask_dotenv(new), original=original,
                bom=bom, codec=codec, new_mode=NEW_ENV_MODE,
            ))
        if rel is not None and repo is not None and not repo.is_ignored(rel):
            gitignore_lines.setdefault(repo.root / ".gitignore", []).append(env_file.name)
        elif rel is None:
            result.notes.append(f"{shown} is not in a git repository: never commit or share it.")
        example = example_file_for(env_file)
        example_shown = display_path(example, root)
        example_text, example_bytes, ebom, ecodec = read_text(example, example_shown)
        documented = dotenv_values(example_text) if example_text is not None else {}
        missing = [f"{n}=" for n in names if n not in documented]
        if missing:
            new_example = append_lines(example_text, missing)
            result.changes.append(FileChange(
                path=example, display=example_shown, role="example", old=example_text,
                new=new_example, masked_old=mask_dotenv(example_text or ""), masked_new=mask_dotenv(new_example),
                original=example_bytes, bom=ebom, codec=ecodec,
            ))
    for path, entries in gitignore_lines.items():
        shown = display_path(path, root)
        text, original, bom, codec = read_text(path, shown)
        new = append_lines(text, list(dict.fromkeys(entries)))
        result.changes.append(FileChange(
            path=path, display=shown, role="gitignore", old=text, new=new,
            masked_old=mask_lines(text or ""), masked_new=mask_lines(new), original=original, bom=bom, codec=codec,
        ))
    if items:
        result.notes.append(
            "Load the .env into the environment your MCP client starts from (Gemini CLI and Continue read"
            " it themselves; for the others e.g. `set -a; . ./.env; set +a`, direnv or your IDE's env file)."
            " Rotate any secret that was ever committed."
        )
