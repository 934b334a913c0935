"""``mcplint hook <agent>``: a coding agent's pre-write hook; the event on stdin, the decision on stdout.

Always exits 0 with the decision in the agent's protocol (see :mod:`mcplint.agent.hooks`): the
agents let a write through on most other exit codes, so even a failure answers with a deny.
"""

from __future__ import annotations

import sys
from enum import Enum

import typer


class Agent(str, Enum):
    claude_code = "claude-code"
    gemini_cli = "gemini-cli"


def register(app: typer.Typer) -> None:
    """Add the ``hook`` command to ``app``."""

    @app.command("hook")
    def hook_command(
        agent: Agent = typer.Argument(..., help="The agent whose hook protocol to speak."),
    ) -> None:
        """Check a file write a coding agent is about to make (its hook event on stdin); block a leak."""
        from mcplint.agent.hooks import run

        answer = run(agent.value, sys.stdin.buffer.read())
        sys.stdout.write(answer.stdout)
        sys.stdout.flush()
        raise typer.Exit(answer.exit_code)
