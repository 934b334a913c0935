"""``mcplint fix``: move hardcoded secrets out of MCP configs into a git-ignored ``.env``.

Without ``--write`` it prints a unified diff of every file it would change (secrets masked, ``.env``
values shown as ``****``) and changes nothing. Exit codes: 0 nothing to fix; 1 changes proposed or
made, or secrets that cannot be fixed automatically remain; 2 usage error, name clash or failed write.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, List

import typer

if TYPE_CHECKING:
    from mcplint.fix.plan import Plan


def _say(message: str) -> None:
    typer.echo(message, err=True)


def run_fix(paths: list[Path], write: bool, config: Path | None) -> int:
    """Plan (and with ``write`` apply) the fixes; returns the exit code."""
    from mcplint.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, settings_for
    from mcplint.fix import plan as fix

    try:
        settings = settings_for(paths, config)
    except UsageError as error:
        _say(f"mcplint: error: {error}")
        return EXIT_USAGE
    from mcplint.results.baseline import BaselineError

    try:
        plan = fix.plan(paths, settings)
    except BaselineError as error:
        _say(f"mcplint: error: {error}")
        return EXIT_USAGE
    if plan.errors:
        for message in plan.errors:
            _say(plan.mask(f"mcplint: error: {message}"))
        _say("mcplint: nothing was changed")
        return EXIT_USAGE

    if not write and plan.changes:
        sys.stdout.write(fix.render_diff(plan))
        sys.stdout.flush()
    verb = "moved" if write else "would move"
    for moved in plan.moved:
        where = "already in" if moved.reused else "value to"
        _say(plan.mask(
            f"{moved.path}:{moved.line}:{moved.col}: {verb} the secret in {moved.where} to {moved.reference}"
            f" ({where} {moved.env_file} as {moved.name})"
        ))
    for item in plan.not_fixable:
        _say(plan.mask(
            f"{item.path}:{item.line}:{item.col}: MCP001 not auto-fixable ({item.where}): {item.reason}.\n"
            f"    {item.alternative}"
        ))
    if write and plan.changes:
        try:
            written = fix.apply(plan)
        except fix.FixError as error:
            _say(f"mcplint: error: {error}")
            return EXIT_USAGE
        _say(f"mcplint: wrote {', '.join(written)}")
        _warn_if_not_ignored(plan)
    for note in plan.notes if plan.moved else []:
        _say(f"mcplint: {note}")
    if not plan.moved and not plan.not_fixable:
        _say("mcplint: nothing to fix")
        return EXIT_OK
    if not write and plan.changes:
        _say("mcplint: run `mcplint fix --write` to apply these changes")
    return EXIT_FINDINGS


def _warn_if_not_ignored(plan: Plan) -> None:
    """After writing: ask git again whether the .env files are ignored (a negation could win)."""
    from mcplint.discover.git import Repo
    for change in plan.changes:
        if change.role != "env":
            continue
        repo = Repo.find(change.path.parent)
        rel = repo.relative(change.path) if repo is not None else None
        if repo is not None and rel is not None and not repo.is_ignored(rel):
            _say(f"mcplint: warning: git does not ignore {change.display}; add it to .gitignore before committing")


def register(app: typer.Typer) -> None:
    """Add the ``fix`` command to ``app``."""

    @app.command("fix")
    def fix_command(
        paths: List[Path] = typer.Argument(None, help="Files and directories to fix (default: the current directory)."),
        write: bool = typer.Option(False, "--write", "-w", help="Apply the changes (default: show a diff only)."),
        config: Path | None = typer.Option(
            None, "--config", help="Configuration file (.mcplint.yaml or pyproject.toml)."
        ),
    ) -> None:
        """Move hardcoded secrets into a git-ignored .env and leave the client's reference in their place."""
        raise typer.Exit(run_fix(list(paths or []), write, config))
