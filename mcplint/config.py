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

from mcplint.settings import Settings

SEVERITY_VALUES = ("note", "warning", "error")
KNOWN_KEYS = {
    "select", "ignore", "severity", "include", "exclude", "extra-patterns", "allowlist",
    "max-file-size", "fail-on", "environments", "require-prefix", "follow-symlinks",
}


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


def apply(table: dict[str, Any], settings: Settings, path: Path) -> Settings:
    """Validate a raw table and apply it to ``settings``."""
    for key in table:
        if key not in KNOWN_KEYS:
            raise ConfigError(f"{path}: unknown key '{key}' (known: {', '.join(sorted(KNOWN_KEYS))})")
    if "select" in table:
        settings.select = [s.upper() for s in _strings(path, "select", table["select"])]
    if "ignore" in table:
        settings.ignore = [s.upper() for s in _strings(path, "ignore", table["ignore"])]
    if "include" in table:
        settings.include = _strings(path, "include", table["include"])
    if "exclude" in table:
        settings.exclude = _strings(path, "exclude", table["exclude"])
    if "severity" in table:
        sev = table["severity"]
        if not isinstance(sev, dict):
            raise ConfigError(f"{path}: 'severity' must map rule codes to note, warning or error")
        for code, level in sev.items():
            if level not in SEVERITY_VALUES:
                raise ConfigError(f"{path}: 'severity.{code}' must be one of {', '.join(SEVERITY_VALUES)}")
            settings.severity[str(code).upper()] = level
    if "fail-on" in table:
        if table["fail-on"] not in (*SEVERITY_VALUES, "never"):
            raise ConfigError(f"{path}: 'fail-on' must be note, warning, error or never")
        settings.fail_on = table["fail-on"]
    if "max-file-size" in table:
        size = table["max-file-size"]
        if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
            raise ConfigError(f"{path}: 'max-file-size' must be a positive number of bytes")
        settings.max_file_size = size
    for flag, attr in (("require-prefix", "require_prefix"), ("follow-symlinks", "follow_symlinks")):
        if flag in table:
            if not isinstance(table[flag], bool):
                raise ConfigError(f"{path}: '{flag}' must be true or false")
            setattr(settings, attr, table[flag])
    if "extra-patterns" in table:
        patterns = table["extra-patterns"]
        if not isinstance(patterns, list) or not all(isinstance(p, dict) for p in patterns):
            raise ConfigError(f"{path}: 'extra-patterns' must be a list of pattern mappings (same schema as rules/)")
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
        settings.allowlist_regexes = regexes
        settings.allowlist_hashes = _strings(path, "allowlist.hashes", allow.get("hashes", []))
    if "environments" in table:
        envs = table["environments"]
        if not isinstance(envs, dict):
            raise ConfigError(f"{path}: 'environments' must map environment names to prefixes")
        parsed: dict[str, tuple[str, ...]] = {}
        for name, spec in envs.items():
            prefixes = spec.get("prefixes") if isinstance(spec, dict) else spec
            parsed[str(name)] = tuple(_strings(path, f"environments.{name}.prefixes", prefixes))
        settings.environments = parsed
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
