"""``mcplint mcp``: serve mcplint's scans to coding agents over MCP (stdio). Needs ``mcplint[mcp]``."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the ``mcp`` command to ``app``."""

    @app.command("mcp")
    def mcp_command(
        allow_fix: bool = typer.Option(
            False, "--allow-fix", help="Also offer fix_apply, which writes files (default: read-only tools)."
        ),
    ) -> None:
        """Run an MCP server over stdio with tools to scan configs, explain rules and preview fixes."""
        from mcplint.cli.common import EXIT_USAGE, fail

        try:
            from mcplint.agent import server
        except ImportError as error:  # the SDK is an optional extra, kept off the base install and the hook path
            if (error.name or "").partition(".")[0] not in ("mcp", "mcp_types", "pydantic"):
                raise
            raise fail("mcplint mcp needs the MCP SDK: pip install 'mcplint[mcp]'", EXIT_USAGE) from None
        from mcplint.cli.output import unguarded_stdout

        with unguarded_stdout():  # the SDK speaks JSON-RPC on the binary stream under sys.stdout
            server.serve(allow_fix)
