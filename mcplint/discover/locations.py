"""Where MCP clients keep their user-level configs, per platform: the audit's search table.

:data:`LOCATIONS` is every row's user-level files of the client table
(:mod:`mcplint.recognise.client_table`), per client and platform. Each entry names a *base*
directory, resolved per platform from the home directory and the environment (:class:`Roots`):

=============== ===================================================== ==========================
base            macOS / Linux                                         Windows
=============== ===================================================== ==========================
home            ``--home``, else ``$HOME``                            ``--home``, else ``%USERPROFILE%``
xdg_config      ``$XDG_CONFIG_HOME`` and ``~/.config``                the same (opencode, Zed)
user_config     ``~/Library/Application Support`` / ``xdg_config``    ``%APPDATA%`` and ``~\\AppData\\Roaming``
local_appdata   —                                                     ``%LOCALAPPDATA%`` and ``~\\AppData\\Local``
claude_home     ``$CLAUDE_CONFIG_DIR`` and ``~``  (``.claude.json``)
claude_dir      ``$CLAUDE_CONFIG_DIR`` and ``~/.claude``
codex_home      ``$CODEX_HOME`` and ``~/.codex``
continue_dir    ``$CONTINUE_GLOBAL_DIR`` and ``~/.continue``
cline_dir       ``$CLINE_DIR`` and ``~/.cline``
copilot_home    ``$COPILOT_HOME`` and ``~/.copilot``
=============== ===================================================== ==========================

An environment override *adds* a location and keeps the default one: a file left at the default
path is still on disk. With ``--home``, an override is used only when it points inside that home,
so a fake home in a test (or a mounted backup) is never mixed with the real one. Variables naming
a file (``CLINE_MCP_SETTINGS_PATH``, ``OPENCODE_CONFIG``) add that file under the same condition.

Never read, on purpose: Goose's ``secrets.yaml`` (its plain-text keyring fallback: a secret store,
not a config, so its values being secrets is the point), system and managed files outside the
home (``/etc/…``, ``/Library/…``, ``C:\\ProgramData``), and OAuth token stores (opencode
``mcp-auth.json``).
"""

from __future__ import annotations

import fnmatch
import os
import stat
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

PLATFORMS = ("macos", "linux", "windows")
ALL = frozenset(PLATFORMS)
POSIX_LAYOUTS = frozenset({"macos", "linux"})
# Known config files can be large (~/.claude.json keeps per-project history): a generous limit.
AUDIT_MAX_FILE_SIZE = 64 * 1024 * 1024
SCOPE_USER, SCOPE_PROJECT = "user", "project"

# Base name -> environment variable that overrides it (the default stays a location too).
ENV_OVERRIDES = {
    "xdg_config": "XDG_CONFIG_HOME",
    "claude_home": "CLAUDE_CONFIG_DIR",
    "claude_dir": "CLAUDE_CONFIG_DIR",
    "codex_home": "CODEX_HOME",
    "continue_dir": "CONTINUE_GLOBAL_DIR",
    "cline_dir": "CLINE_DIR",
    "copilot_home": "COPILOT_HOME",
}
# Environment variables naming one config file directly.
FILE_OVERRIDES = {"CLINE_MCP_SETTINGS_PATH": "cline", "OPENCODE_CONFIG": "opencode"}


@dataclass(frozen=True, slots=True)
class LocationSpec:
    """One row of the table: a client's file under a base directory on some platforms.

    ``path`` uses ``/`` and may hold ``*`` in a component (``extensions/*/gemini-extension.json``).
    """

    client: str  # key of mcplint.recognise.recogniser.CLIENTS: the recogniser's hint
    app: str  # what the user calls it ("VS Code Insiders", "Cline (legacy, in Cursor)")
    base: str
    path: str
    platforms: frozenset[str] = ALL
    note: str = ""


def _spec(
    client: str, app: str, base: str, path: str, platforms: Iterable[str] = PLATFORMS, note: str = ""
) -> LocationSpec:
    return LocationSpec(client, app, base, path, frozenset(platforms), note)


_POSIX = ("macos", "linux")


def _from_table() -> tuple[LocationSpec, ...]:
    """Every row's user-level locations, in table order (the client table is the one source)."""
    from mcplint.recognise.client_table import ROWS

    return tuple(
        LocationSpec(row.kind.value, loc.app or row.name, loc.base, loc.path, loc.platforms, loc.note)
        for row in ROWS
        for loc in row.locations
    )


LOCATIONS: tuple[LocationSpec, ...] = _from_table()

# Files next to the configs that the audit deliberately does not read, for --list-locations.
NOT_READ: tuple[LocationSpec, ...] = (
    _spec("goose", "Goose", "xdg_config", "goose/secrets.yaml", _POSIX,
          "not read: Goose's plain-text keyring fallback, a secret store by design"),
    _spec("goose", "Goose", "user_config", "Block/goose/config/secrets.yaml", ["windows"],
          "not read: Goose's plain-text keyring fallback, a secret store by design"),
)


def running_platform() -> str:
    """The layout of the running OS: macos, linux or windows."""
    if sys.platform == "darwin":
        return "macos"
    if sys.platform.startswith(("win", "cygwin", "msys")):
        return "windows"
    return "linux"


class Roots:
    """Base directories for one platform layout, from a home and an environment."""

    def __init__(self, platform: str, home: Path | None = None, env: Mapping[str, str] | None = None) -> None:
        if platform not in PLATFORMS:
            raise ValueError(f"unknown platform {platform!r}; choose one of {', '.join(PLATFORMS)}")
        self.platform = platform
        self.env = dict(os.environ if env is None else env)
        self.explicit_home = home is not None
        self.home = Path(os.path.abspath(home if home is not None else self._default_home()))

    def _default_home(self) -> Path:
        names = ("USERPROFILE", "HOME") if self.platform == "windows" else ("HOME", "USERPROFILE")
        for name in names:
            if self.env.get(name):
                return Path(self.env[name])
        return Path.home()

    def from_env(self, name: str) -> Path | None:
        """An absolute path from the environment; with ``--home`` only one inside that home."""
        value = self.env.get(name, "").strip()
        if not value or not os.path.isabs(value):
            return None
        path = Path(os.path.abspath(value))
        if self.explicit_home and not path.is_relative_to(self.home):
            return None
        return path

    def base(self, name: str) -> list[Path]:
        """Directories a base stands for, override first, without duplicates."""
        home, windows = self.home, self.platform == "windows"
        defaults: dict[str, list[Path]] = {
            "home": [home],
            "xdg_config": [home / ".config"],
            "claude_home": [home],
            "claude_dir": [home / ".claude"],
            "codex_home": [home / ".codex"],
            "continue_dir": [home / ".continue"],
            "cline_dir": [home / ".cline"],
            "copilot_home": [home / ".copilot"],
        }
        if name == "user_config":
            if self.platform == "macos":
                return [home / "Library" / "Application Support"]
            if self.platform == "linux":
                return self.base("xdg_config")
            return _unique([self.from_env("APPDATA"), home / "AppData" / "Roaming"])
        if name == "local_appdata":
            return _unique([self.from_env("LOCALAPPDATA"), home / "AppData" / "Local"]) if windows else []
        if name not in defaults:
            raise KeyError(f"unknown base {name!r}")
        override = ENV_OVERRIDES.get(name)
        return _unique([self.from_env(override) if override else None, *defaults[name]])


def _unique(paths: Iterable[Path | None]) -> list[Path]:
    seen: list[Path] = []
    for path in paths:
        if path is not None and path not in seen:
            seen.append(path)
    return seen


@dataclass(frozen=True, slots=True)
class Location:
    """A table row resolved to a concrete path (or a ``*`` pattern) for one platform."""

    spec: LocationSpec
    path: Path

    @property
    def client(self) -> str:
        return self.spec.client

    @property
    def is_pattern(self) -> bool:
        return any("*" in part for part in self.path.parts)


def locations(roots: Roots, specs: Iterable[LocationSpec] = LOCATIONS) -> list[Location]:
    """Every location of ``specs`` for the platform of ``roots``, in table order, each path once."""
    found: list[Location] = []
    seen: set[Path] = set()
    for spec in specs:
        if roots.platform not in spec.platforms:
            continue
        for base in roots.base(spec.base):
            path = base.joinpath(*spec.path.split("/"))
            if path not in seen:
                seen.add(path)
                found.append(Location(spec, path))
    if specs is LOCATIONS:
        for variable, client in FILE_OVERRIDES.items():
            named = roots.from_env(variable)
            if named is not None and named not in seen:
                seen.add(named)
                app = next(s.app for s in LOCATIONS if s.client == client)
                found.append(Location(_spec(client, app, "home", named.name, note=f"${variable}"), named))
    return found


def expand(location: Location) -> list[Path]:
    """The paths a location stands for: itself, or the sorted matches of its ``*`` components."""
    if not location.is_pattern:
        return [location.path]
    parts = location.path.parts
    matches = [Path(parts[0])]
    for part in parts[1:]:
        if "*" not in part:
            matches = [m / part for m in matches]
            continue
        next_matches: list[Path] = []
        for directory in matches:
            try:
                names = sorted(entry.name for entry in os.scandir(directory))
            except OSError:
                continue
            next_matches.extend(directory / name for name in names if fnmatch.fnmatchcase(name, part))
        matches = next_matches
    return matches


def matches(path: Path, location_path: Path) -> bool:
    """Whether ``path`` is ``location_path`` or one of its ``*`` matches (``*`` stays in one component)."""
    if len(path.parts) != len(location_path.parts):
        return False
    return all(
        fnmatch.fnmatchcase(part, wanted) if "*" in wanted else part == wanted
        for part, wanted in zip(path.parts, location_path.parts, strict=True)
    )


def describe_state(path: Path) -> str:
    """What is at a path, for --list-locations: file, missing, directory, broken link, …"""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return "missing"
    except OSError as error:
        return f"unreadable ({error.strerror or 'error'})"
    if stat.S_ISLNK(info.st_mode):
        try:
            info = os.stat(path)
        except OSError:
            return "broken link"
    if stat.S_ISDIR(info.st_mode):
        return "directory"
    return "found" if stat.S_ISREG(info.st_mode) else "not a regular file"
