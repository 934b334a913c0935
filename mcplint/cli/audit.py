"""``mcplint audit``: every MCP config on this machine, checked for plaintext secrets.

Reads only the user-level locations of :mod:`mcplint.audit` (``--list-locations`` prints them)
and the trees given with ``--projects``; writes nothing but the report (``--output``). Settings
come from ``--config`` only: a configuration file in the current directory is not picked up, since
the audit is about this machine, not about the project you happen to stand in.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, List

import typer

if TYPE_CHECKING:  # the audit machinery loads only when the command runs: the hook path stays light
    from mcplint.audit import AuditReport
    from mcplint.discover.locations import Location, Roots


class Platform(str, Enum):
    macos = "macos"
    linux = "linux"
    windows = "windows"


class AuditFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    note = "note"
    never = "never"


class TtyProgress:
    """One self-overwriting status line on stderr; silent when stderr is not a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.width = 0

    def __call__(self, message: str) -> None:
        if not self.enabled:
            return
        line = message[-100:]
        sys.stderr.write("\r" + line.ljust(self.width))
        sys.stderr.flush()
        self.width = len(line)

    def clear(self) -> None:
        if self.enabled and self.width:
            sys.stderr.write("\r" + " " * self.width + "\r")
            sys.stderr.flush()


def list_locations_text(roots: Roots) -> str:
    """Every location the audit would read for the platform, with what is there."""
    from mcplint.discover.locations import NOT_READ, locations

    read, never = locations(roots), locations(roots, NOT_READ)
    width = max(len(location.spec.app) for location in read + never)
    lines = [f"Locations read for {roots.platform} (home {roots.home}):"]
    lines.extend(_location_line(location, width) for location in read)
    lines.append("")
    lines.append("Never read:")
    lines.extend(f"  {loc.spec.app:<{width}}  {loc.path}  ({loc.spec.note})" for loc in never)
    return "\n".join(lines) + "\n"


def list_locations_json(roots: Roots) -> str:
    """``--list-locations --format json``: the same lists as the text, as data."""
    from mcplint.discover.locations import NOT_READ, describe_state, expand, locations

    read = []
    for location in locations(roots):
        if location.is_pattern:
            matches = expand(location)
            state = f"{len(matches)} found" if matches else "none"
        else:
            state = describe_state(location.path)
        read.append({"app": location.spec.app, "client": location.client, "path": str(location.path),
                     "state": state, "note": location.spec.note})
    never = [{"app": loc.spec.app, "path": str(loc.path), "note": loc.spec.note} for loc in locations(roots, NOT_READ)]
    payload = {"platform": roots.platform, "home": str(roots.home), "read": read, "never_read": never}
    return json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=True) + "\n"


def _location_line(location: Location, width: int) -> str:
    """``  Cursor   /home/u/.cursor/mcp.json  [found]``."""
    from mcplint.discover.locations import describe_state, expand

    if location.is_pattern:
        matches = expand(location)
        state = f"{len(matches)} found" if matches else "none"
    else:
        state = describe_state(location.path)
    note = f"  ({location.spec.note})" if location.spec.note else ""
    return f"  {location.spec.app:<{width}}  {location.path}  [{state}]{note}"


def audit_text(report: AuditReport, color: bool) -> str:
    """Configs found, the findings as ``scan`` prints them, then the per-client table."""
    from mcplint.reporters import render

    lines = [f"mcplint audit: {report.platform} layout, home {report.home}"]
    if report.projects:
        lines.append("Project trees: " + ", ".join(str(p) for p in report.projects))
    lines.append(f"Paths below are relative to {report.home} unless absolute.")
    lines.append("")
    if report.configs:
        lines.append(f"Configs found ({len(report.configs)}):")
        width = max(len(c.app) for c in report.configs)
        for config in report.configs:
            servers = f"{config.servers} server" + ("" if config.servers == 1 else "s")
            lines.append(f"  {config.app:<{width}}  {report.display_path(config)}  {servers}")
    else:
        lines.append("No MCP configs found.")
    lines.append("")
    body = render("text", report.result, color=color)
    table = summary_table(report)
    return "\n".join(lines) + "\n" + body + ("\n" + table if table else "")


def summary_table(report: AuditReport) -> str:
    """Per client: configs, servers, secrets and references already used."""
    rows = report.summary()
    if not rows:
        return ""
    header = ("Client", "Configs", "Servers", "Secrets", "References")
    cells = [(r.app, str(r.configs), str(r.servers), str(r.secrets), str(r.references)) for r in rows]
    totals = ("Total", *(str(sum(int(c[i]) for c in cells)) for i in range(1, 5)))
    width = max(len(c[0]) for c in [header, *cells, totals])

    def line(row: tuple[str, ...]) -> str:
        return f"  {row[0]:<{width}}" + "".join(f"  {cell:>10}" for cell in row[1:])

    out = ["Summary by client:", line(header), *(line(c) for c in cells), line(totals)]
    return "\n".join(out) + "\n"


def audit_json(report: AuditReport) -> str:
    """The JSON report of ``scan`` (format version 1) with an added ``audit`` object."""
    from mcplint.reporters.json import to_dict

    payload = to_dict(report.result)
    payload["audit"] = {
        "platform": report.platform,
        "home": str(report.home),
        "projects": [str(p) for p in report.projects],
        "configs": [
            {"client": c.client, "app": c.app, "path": c.rel, "scope": c.scope, "servers": c.servers,
             "secrets": c.secrets, "references": c.references}
            for c in report.configs
        ],
        "summary": [
            {"client": r.client, "app": r.app, "configs": r.configs, "servers": r.servers,
             "secrets": r.secrets, "references": r.references}
            for r in report.summary()
        ],
    }
    return json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=True) + "\n"


def register(app: typer.Typer) -> None:
    """Add the ``audit`` command to ``app``."""

    @app.command("audit")
    def audit_command(
        home: Path | None = typer.Option(
            None, "--home", metavar="DIR", help="Home directory to audit (default: yours)."
        ),
        platform: Platform | None = typer.Option(
            None, "--platform", help="Which OS's file layout to look for (default: the running OS)."
        ),
        projects: List[Path] = typer.Option(
            [], "--projects", metavar="DIR", help="Also scan the project-level configs in this tree (repeatable)."
        ),
        format: AuditFormat = typer.Option(AuditFormat.text, "--format", "-f", help="Report format."),
        output: Path | None = typer.Option(None, "--output", "-o", help="Write the report to this file."),
        list_locations: bool = typer.Option(
            False, "--list-locations", help="Print every location the audit reads, and what is there, then exit."
        ),
        fail_on: FailOn | None = typer.Option(
            None, "--fail-on", help="Lowest severity that fails the run (default: warning)."
        ),
        config: Path | None = typer.Option(
            None, "--config", help="Configuration file (rules, allowlists, severities); none is searched for."
        ),
        no_color: bool = typer.Option(False, "--no-color", help="Never colour the text report."),
        select: List[str] = typer.Option([], "--select", help="Run only these rules (codes or prefixes)."),
        ignore: List[str] = typer.Option([], "--ignore", help="Skip these rules (codes or prefixes)."),
    ) -> None:
        """Find every MCP config on this machine and report plaintext secrets in them."""
        from mcplint.audit import audit
        from mcplint.cli.common import EXIT_FINDINGS, EXIT_OK, fail, use_color, write_output
        from mcplint.discover.locations import Roots, running_platform
        from mcplint.reporters import render
        from mcplint.results.baseline import BaselineError
        from mcplint.results.findings import severity_rank
        from mcplint.settings.load import ConfigError, load_settings
        from mcplint.settings.values import Settings

        if home is not None and not home.is_dir():
            raise fail(f"--home is not a directory: {home}")
        missing = [p for p in projects if not p.is_dir()]
        if missing:
            raise fail(f"--projects is not a directory: {missing[0]}")
        layout = platform.value if platform else running_platform()
        if list_locations:
            if format is AuditFormat.sarif:
                raise fail("--list-locations prints text or json, not sarif")
            roots = Roots(layout, home)
            listing = list_locations_json(roots) if format is AuditFormat.json else list_locations_text(roots)
            write_output(listing, output)
            raise typer.Exit(EXIT_OK)
        try:
            settings = load_settings(config) if config is not None else Settings()
        except ConfigError as error:
            raise fail(str(error)) from None
        if fail_on is not None:
            settings.fail_on = fail_on.value
        settings.select = list(select) or settings.select  # as in scan
        settings.ignore = settings.ignore + list(ignore)
        progress = TtyProgress()
        try:
            report = audit(settings, platform=layout, home=home, projects=projects, progress=progress)
        except BaselineError as error:
            raise fail(str(error)) from None
        finally:
            progress.clear()
        if format is AuditFormat.text:
            text = audit_text(report, color=use_color(no_color) and output is None)
        elif format is AuditFormat.json:
            text = audit_json(report)
        else:
            text = render("sarif", report.result, category="mcplint-audit/")
        write_output(text, output)
        if settings.fail_on == "never":
            raise typer.Exit(EXIT_OK)
        threshold = severity_rank(settings.fail_on)
        failing = any(severity_rank(f.severity) >= threshold for f in report.result.findings)
        raise typer.Exit(EXIT_FINDINGS if failing else EXIT_OK)
