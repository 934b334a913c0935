"""Scanning at agent time: content a coding agent is about to write, the MCP server and the hooks.

``content`` scans in-memory content through the normal pipeline; ``hooks`` answers the pre-write
hook protocols of coding agents; ``server`` is the MCP server (it needs the optional ``mcp``
package, which nothing else here imports).
"""
