"""Every configuration key: its type, default and meaning. ``load.py`` accepts exactly these keys,
and the README's configuration reference is generated from this table (a test keeps it current)."""

from __future__ import annotations

from typing import NamedTuple


class Key(NamedTuple):
    name: str
    type: str
    default: str
    meaning: str


KEYS: tuple[Key, ...] = (
    Key("select", "list of selectors", "every rule on by default",
        "Run only these rules: codes (any case), code prefixes (`MCP0`), rule names or `ALL`; "
        "a string may be a comma list."),
    Key("ignore", "list of selectors", "none", "Skip these rules (same selectors as `select`); wins over `select`."),
    Key("severity", "map selector → note/warning/error", "each rule's own",
        "Per-rule severity; a prefix sets every rule it matches."),
    Key("fail-on", "note, warning, error or never", "warning", "Lowest severity that fails the run (exit code 1)."),
    Key("include", "list of gitignore-style globs", "everything", "Scan only files matching one of these."),
    Key("exclude", "list of gitignore-style globs", "none", "Never scan files matching one of these."),
    Key("max-file-size", "positive integer (bytes)", "1048576",
        "Larger files are skipped (and warned about when named)."),
    Key("follow-symlinks", "true or false", "false",
        "Follow symbolic links out of the scanned root (links inside it are always followed)."),
    Key("extra-patterns", "list of pattern mappings", "none",
        "Your own secret formats, same schema as `mcplint/detect/providers/*.yaml`."),
    Key("allowlist", "map with `regexes`, `hashes`", "none",
        "Values that are not secrets: regexes, or SHA-256 hashes of the value."),
    Key("environments", "map name → prefixes or {prefixes, files}", "production, staging, development",
        "Environments, their variable prefixes and extra file globs (replaces the defaults)."),
    Key("require-prefix", "true or false", "false",
        "Also check `${VAR}` references in MCP configs for the environment's prefix (MCP005)."),
    Key("baseline", "path", "none",
        "Baseline file, relative to the configuration file: `scan` reports only what is new, "
        "`mcplint baseline` writes it."),
    Key("warn-unused-ignores", "true or false", "false", "Warn about inline `mcplint: ignore` that suppress nothing."),
)

NAMES = frozenset(key.name for key in KEYS)


def reference_markdown() -> str:
    """The configuration reference table of the README."""
    rows = ["| key | type | default | meaning |", "| --- | --- | --- | --- |"]
    rows += [f"| `{k.name}` | {k.type} | {k.default} | {k.meaning} |" for k in KEYS]
    return "\n".join(rows) + "\n"
