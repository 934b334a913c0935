"""``mcplint init``: write a commented starter ``.mcplint.yaml``.

Lines starting with ``##`` explain; lines starting with ``# `` are settings you can switch on by
removing the ``# `` (every one of them is valid as it stands).
"""

from __future__ import annotations

from pathlib import Path

import typer

DEFAULT_FILE = ".mcplint.yaml"

STARTER = """\
## mcplint configuration (see "Configuration" in the README).
## mcplint reads the nearest .mcplint.yaml from the scanned path upwards; it wins over
## [tool.mcplint] in pyproject.toml (same keys). An unknown key is an error (exit code 2).
## Remove the "# " in front of a setting to switch it on.

## Rules to run (codes or prefixes; default: every rule that is on by default) and to skip.
# select: [MCP001, MCP002]
# ignore: [MCP002]

## Per-rule severity: note, warning or error.
# severity:
#   MCP002: warning

## The lowest severity that fails the run: note, warning, error or never.
# fail-on: warning

## Only scan paths matching these globs / never scan these.
# include: ["**/*.json", "**/*.yaml"]
# exclude: ["tests/fixtures/**", "docs/**"]

## Skip files larger than this many bytes.
# max-file-size: 1048576

## Extra secret patterns, in the same schema as mcplint's mcplint/detect/providers/*.yaml.
# extra-patterns:
#   - id: acme-api-key
#     description: ACME internal API key
#     regex: 'acme_[0-9a-f]{32}'
#     keywords: [acme_]

## Values that are not secrets: by regex, or by SHA-256 of the value
## (printf %s "$VALUE" | sha256sum), as baselines store them.
# allowlist:
#   regexes: ['^sk-test-']
#   hashes: ['9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08']

## Report only findings not in this baseline (write it with `mcplint baseline`).
# baseline: .mcplint-baseline.json

## Warn about "mcplint: ignore" comments that suppress nothing.
# warn-unused-ignores: true

## Environment prefixes for the .env rules (environments, require-prefix): see `mcplint rule MCP005`.
"""


def write_starter(path: Path, force: bool) -> int:
    """Write the starter configuration; returns the exit code.

    Anything already at ``path`` (a file, or a symbolic link even when it points nowhere) is kept
    unless ``--force``; even then a symbolic link, directory or read-only file is never replaced.
    """
    from mcplint.cli.common import EXIT_OK, EXIT_USAGE
    from mcplint.fsutil import atomic_write_text

    if (path.exists() or path.is_symlink()) and not force:
        what = "a symbolic link" if path.is_symlink() else "a file"
        typer.echo(f"mcplint: error: {path} already exists ({what}; use --force to overwrite it)", err=True)
        return EXIT_USAGE
    try:
        atomic_write_text(path, STARTER)
    except OSError as error:
        typer.echo(f"mcplint: error: cannot write {path}: {error.strerror or type(error).__name__}", err=True)
        return EXIT_USAGE
    typer.echo(f"mcplint: wrote {path}", err=True)
    return EXIT_OK


def register(app: typer.Typer) -> None:
    """Add the ``init`` command to ``app``."""

    @app.command("init")
    def init_command(
        path: Path = typer.Argument(Path(DEFAULT_FILE), help="Where to write the configuration."),
        force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
    ) -> None:
        """Write a commented starter .mcplint.yaml."""
        raise typer.Exit(write_starter(path, force))
