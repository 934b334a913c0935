"""Configuration: ``.mcplint.yaml`` or ``[tool.mcplint]`` in ``pyproject.toml``.

Precedence: ``--config FILE`` if given; else the nearest ``.mcplint.yaml`` (or ``.mcplint.yml``)
from the scanned path upwards; else the nearest ``pyproject.toml`` with a ``[tool.mcplint]`` table.
Only one file is read. Keys are the same in both (kebab-case); an unknown key is an error that
names it (exit code 2).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mcplint.settings.schema import NAMES
from mcplint.settings.values import DEFAULT_ENVIRONMENTS, Settings

SEVERITY_VALUES = ("note", "warning", "error")
KNOWN_KEYS = NAMES  # every key, documented in mcplint/settings/schema.py


class ConfigError(Exception):
    """Bad configuration; the message names the file and the key."""


def find_config(start: Path) -> Path | None:
    """The configuration file that applies to ``start``, or None."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for directory in (here, *here.parents):
        for name in (".mcplint.yaml", ".mcplint.yml"):
            if (directory / name).is_file():
                return directory / name
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and b"[tool.mcplint" in pyproject.read_bytes():
            return pyproject
        if (directory / ".git").exists():
            break
    return None


def read_table(path: Path) -> dict[str, Any]:
    """The raw mcplint table of a configuration file."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read ({error.strerror})") from None
    if path.name == "pyproject.toml" or path.suffix == ".toml":
        import tomllib

        try:
            table = tomllib.loads(data.decode("utf-8")).get("tool", {}).get("mcplint", {})
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ConfigError(f"{path}: not valid TOML ({error})") from None
    else:
        import yaml

        try:
            table = yaml.safe_load(data) or {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark else ""
            raise ConfigError(f"{path}: not valid YAML{where}") from None
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: the configuration must be a mapping")
    return table


def _strings(path: Path, key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: '{key}' must be a list of strings")
    return value


def _environments(path: Path, envs: Any) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """``environments``: name → prefixes, or name → {prefixes: [...], files: [...]}.

    The table replaces the default environments. A known environment (production, staging,
    development) given without ``prefixes`` keeps its default prefixes.
    """
    if not isinstance(envs, dict):
        raise ConfigError(f"{path}: 'environments' must map environment names to prefixes")
    prefixes_by_env: dict[str, tuple[str, ...]] = {}
    files_by_env: dict[str, tuple[str, ...]] = {}
    for name, spec in envs.items():
        name = str(name)
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", name):
            raise ConfigError(f"{path}: 'environments.{name}' is not a valid environment name")
        if isinstance(spec, dict):
            unknown = set(spec) - {"prefixes", "files"}
            if unknown:
                raise ConfigError(
                    f"{path}: unknown key 'environments.{name}.{sorted(unknown)[0]}' (known: files, prefixes)"
                )
            if "prefixes" in spec:
                prefixes = _strings(path, f"environments.{name}.prefixes", spec["prefixes"])
            elif name in DEFAULT_ENVIRONMENTS:
                prefixes = list(DEFAULT_ENVIRONMENTS[name])
            else:
                raise ConfigError(f"{path}: 'environments.{name}.prefixes' is required")
            files = _strings(path, f"environments.{name}.files", spec.get("files", []))
        else:
            prefixes = _strings(path, f"environments.{name}.prefixes", spec)
            files = []
        if not prefixes or not all(p.strip() for p in prefixes):
            raise ConfigError(f"{path}: 'environments.{name}.prefixes' must list at least one non-empty prefix")
        if not all(f.strip() for f in files):
            raise ConfigError(f"{path}: 'environments.{name}.files' must not contain empty patterns")
        prefixes_by_env[name] = tuple(p.strip() for p in prefixes)
        if files:
            files_by_env[name] = tuple(f.strip() for f in files)
    return prefixes_by_env, files_by_env


def apply(table: dict[str, Any], settings: Settings, path: Path) -> Settings:
    """Validate a raw table and apply it to ``settings``."""
    for key in table:
        if key not in KNOWN_KEYS:
            raise ConfigError(f"{path}: unknown key '{key}' (known: {', '.join(sorted(KNOWN_KEYS))})")
    from mcplint.settings.selectors import SelectorError, expand, resolve

    for key in ("select", "ignore"):
        if key in table:
            items = _strings(path, key, table[key])
            if not all(item.strip() for item in items):
                # An empty prefix matches every rule: `ignore: [""]` would silently disable them all.
                raise ConfigError(f"{path}: '{key}' must list rule codes or prefixes, not an empty string")
            try:
                setattr(settings, key, resolve(items, f"'{key}' of {path}"))
            except SelectorError as error:
                raise ConfigError(str(error)) from None
    if "include" in table:
        settings.include = _strings(path, "include", table["include"])
    if "exclude" in table:
        settings.exclude = _strings(path, "exclude", table["exclude"])
    if "severity" in table:
        sev = table["severity"]
        if not isinstance(sev, dict):
            raise ConfigError(f"{path}: 'severity' must map rule codes to note, warning or error")
        for selector, level in sev.items():
            if level not in SEVERITY_VALUES:
                raise ConfigError(f"{path}: 'severity.{selector}' must be one of {', '.join(SEVERITY_VALUES)}")
            try:
                codes = expand(str(selector), f"'severity' of {path}")
            except SelectorError as error:
                raise ConfigError(str(error)) from None
            for code in codes:
                settings.severity[code] = level
    if "fail-on" in table:
        if table["fail-on"] not in (*SEVERITY_VALUES, "never"):
            raise ConfigError(f"{path}: 'fail-on' must be note, warning, error or never")
        settings.fail_on = table["fail-on"]
    if "max-file-size" in table:
        size = table["max-file-size"]
        if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
            raise ConfigError(f"{path}: 'max-file-size' must be a positive number of bytes")
        settings.max_file_size = size
    for flag, attr in (
        ("require-prefix", "require_prefix"),
        ("follow-symlinks", "follow_symlinks"),
        ("warn-unused-ignores", "warn_unused_ignores"),
    ):
        if flag in table:
            if not isinstance(table[flag], bool):
                raise ConfigError(f"{path}: '{flag}' must be true or false")
            setattr(settings, attr, table[flag])
    if "baseline" in table:
        baseline = table["baseline"]
        if not isinstance(baseline, str) or not baseline:
            raise ConfigError(f"{path}: 'baseline' must be the path of a baseline file")
        # Relative to the configuration file, so every run finds the same file.
        settings.baseline_path = str(path.parent / baseline)
    if "extra-patterns" in table:
        patterns = table["extra-patterns"]
        if not isinstance(patterns, list) or not all(isinstance(p, dict) for p in patterns):
            raise ConfigError(f"{path}: 'extra-patterns' must be a list of pattern mappings (same schema as rules/)")
        from mcplint.detect import Detector
        from mcplint.detect.patterns import PatternError

        try:
            Detector.default(patterns)  # same validation as the bundled patterns; no id clash
        except PatternError as error:
            raise ConfigError(f"{path}: 'extra-patterns': {error}") from None
        settings.extra_patterns = patterns
    if "allowlist" in table:
        allow = table["allowlist"]
        if not isinstance(allow, dict) or set(allow) - {"regexes", "hashes"}:
            raise ConfigError(f"{path}: 'allowlist' takes 'regexes' and 'hashes'")
        regexes = _strings(path, "allowlist.regexes", allow.get("regexes", []))
        for regex in regexes:
            try:
                re.compile(regex)
            except re.error as error:
                raise ConfigError(f"{path}: 'allowlist.regexes' entry is not a valid regex ({error})") from None
            from mcplint.detect.regex_safety import UnsafeRegexError, check_regex

            try:
                check_regex(regex, trial=False)  # they only ever see found secrets: the static check suffices
            except UnsafeRegexError as error:
                raise ConfigError(f"{path}: 'allowlist.regexes' entry {regex!r} {error}") from None
        settings.allowlist_regexes = regexes
        settings.allowlist_hashes = _strings(path, "allowlist.hashes", allow.get("hashes", []))
    if "environments" in table:
        settings.environments, settings.environment_files = _environments(path, table["environments"])
    return settings


def load_settings(explicit: Path | None = None, start: Path | None = None) -> Settings:
    """Settings from the configuration file that applies (defaults when there is none)."""
    settings = Settings()
    path = explicit if explicit is not None else find_config(start or Path.cwd())
    if path is None:
        return settings
    if explicit is not None and not explicit.is_file():
        raise ConfigError(f"{explicit}: no such configuration file")
    return apply(read_table(path), settings, path)
