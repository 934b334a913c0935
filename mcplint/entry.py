"""The ``mcplint`` console entry: ``mcplint hook <agent>`` without loading the command-line framework.

A coding agent runs the hook before every file write, most of them to files mcplint never reads, so
that path skips typer and the other commands (most of its start-up time); everything else goes to
:func:`mcplint.cli.run`.
"""

from __future__ import annotations

import sys

HOOK_AGENTS = ("claude-code", "gemini-cli")


def run() -> None:
    """``mcplint hook <agent>`` directly; any other command line through the full CLI."""
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "hook" and args[1] in HOOK_AGENTS:
        from mcplint.agent.hooks import run as answer

        # The same as the typer command in mcplint.cli.hook, which --help and bad arguments reach.
        reply = answer(args[1], sys.stdin.buffer.read())
        sys.stdout.write(reply.stdout)
        sys.stdout.flush()
        sys.exit(reply.exit_code)
    from mcplint.cli import run as cli_run

    cli_run()
