"""``mcplint fix``: move hardcoded secrets out of MCP configs into a git-ignored ``.env``.

Without ``--write`` it prints a unified diff of every file it would change (secrets masked, ``.env``
values shown as ``****``) and changes nothing. Exit codes: 0 nothing to fix; 1 changes proposed or
made, or secrets that cannot be fixed automatically remain; 2 usage error, name clash, a file that
cannot be edited (a directory, not UTF-8, unreadable) or failed write.

With ``--write`` the whole run holds an exclusive lock, so two runs at once cannot lose a secret.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, List

import typer

if TYPE_CHECKING:
    from mcplint.fix.changes import Plan
    from mcplint.settings.values import Settings


def _say(message: str) -> None:
    typer.echo(message, err=True)


def run_fix(paths: list[Path], write: bool, config: Path | None) -> int:
    """Plan (and with ``write`` apply) the fixes; returns the exit code."""
    from mcplint.cli.common import EXIT_USAGE, UsageError, settings_for
    from mcplint.fix import apply as applying
    from mcplint.fix.changes import FixError

    try:
        settings = settings_for(paths, config)
    except UsageError as error:
        _say(f"mcplint: error: {error}")
        return EXIT_USAGE
    from mcplint.results.baseline import BaselineError

    start = paths[0] if len(paths) == 1 and paths[0].is_dir() else Path.cwd()
    try:
        with applying.exclusive_lock(start) if write else contextlib.nullcontext(applying.git_dir(start)) as git_dir:
            return _plan_and_apply(paths, settings, write, git_dir)
    except (BaselineError, FixError) as error:
        _say(f"mcplint: error: {error}")
        _say("mcplint: nothing was changed")
        return EXIT_USAGE


def _plan_and_apply(paths: list[Path], settings: Settings, write: bool, git_dir: Path | None) -> int:
    from mcplint.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
    from mcplint.fix import apply as applying
    from mcplint.fix import plan as fix
    from mcplint.fix.changes import FixError

    plan = fix.plan(paths, settings)
    _report_stale(applying.stale_temp_files(git_dir, [c.path for c in plan.changes]), plan)
    if plan.errors:
        for message in plan.errors:
            _say(plan.mask(f"mcplint: error: {message}"))
        _say("mcplint: nothing was changed")
        return EXIT_USAGE

    if not write and plan.changes:
        sys.stdout.write(applying.render_diff(plan))
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
            written = applying.apply(plan, temp_dir=git_dir)
        except FixError as error:
            _say(plan.mask(f"mcplint: error: {error}"))
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


def _report_stale(stale: list[Path], plan: Plan) -> None:
    """Temporary files an interrupted write left (they may hold a secret)."""
    from mcplint.fix.files import display_path

    for path in stale:
        _say(f"mcplint: warning: {display_path(path, plan.root)} is a temporary file left by an interrupted write;"
             " it may hold a secret: delete it")


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
