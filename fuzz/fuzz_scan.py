"""Coverage-guided fuzz target (atheris): bytes -> decode -> every parser -> recovery -> whole scan.

Run a fixed number of runs (see fuzz/README.md)::

    python fuzz/fuzz_scan.py -runs=100000 fuzz/corpus

Without atheris installed, ``python fuzz/fuzz_scan.py [-runs=N] [files...]`` replays the given
files (or N random mutations of the built-in seeds) through the same target, so the target stays
runnable everywhere. A crash is any exception other than mcplint's ParseError; save the input
under ``tests/fixtures/regressions/<case>/`` so that the test suite replays it.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mcplint.parse import FORMATS, decode, parse  # noqa: E402
from mcplint.parse.document import ParseError  # noqa: E402
from mcplint.parse.recover import recover_pairs  # noqa: E402
from mcplint.pipeline import scan  # noqa: E402
from mcplint.reporters import render  # noqa: E402
from mcplint.settings.values import Settings  # noqa: E402

# File names the scan recognises, one per parser format; the first input byte picks one.
NAMES = [".mcp.json", ".vscode/mcp.json", ".codex/config.toml", ".continue/mcpServers/x.yaml", ".env",
         "docker-compose.yml", "server.json", "smithery.yaml"]
SEEDS = [
    b'{"mcpServers": {"gh": {"command": "npx", "env": {"GITHUB_TOKEN": "ghp_Zq8Xk2Lm4Np6Rt8Vw0Yb3Cd5Ef7Gh9Jk1Mn3"}}}}',
    b'{\n  // c\n  "servers": {"a": {"type": "http", "url": "https://u:p@h/x?api_key=k",'
    b' "headers": {"A": "Bearer t"},},},\n}',
    b'[mcp_servers.gh]\ncommand = "npx"\nargs = ["--token=abc"]\n[mcp_servers.gh.env]\nK = "v"\n',
    b"mcpServers:\n  - name: gh\n    command: npx\n    env:\n      K: &a v\n      L: *a\n",
    b"export GITHUB_TOKEN=ghp_x # c\nMULTI=\"a\nb\"\n",
]
_WORKDIR = Path(tempfile.mkdtemp(prefix="mcplint-fuzz-"))


def target(data: bytes) -> None:
    """One fuzz input: parsers first (only ParseError may escape), then a full scan and every reporter."""
    if not data:
        return
    name = NAMES[data[0] % len(NAMES)]
    body = data[1:]
    try:
        text = decode(body)
    except ParseError:
        text = None
    if text is not None:
        for fmt in FORMATS:
            with contextlib.suppress(ParseError):
                parse(text, fmt)
            recover_pairs(text, fmt)
    root = _WORKDIR / "tree"
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in root.rglob("*"):
        if old.is_file():
            old.unlink()
    path.write_bytes(body)
    result = scan([root], Settings())
    for fmt in ("text", "json", "sarif", "github"):
        out = render(fmt, result)
        if fmt in ("json", "sarif"):
            json.loads(out)


def _mutate(data: bytes, rng: random.Random) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        at = rng.randint(0, len(buffer))
        choice = rng.random()
        if choice < 0.3:
            del buffer[at : at + rng.randint(1, 16)]
        elif choice < 0.6:
            buffer[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif choice < 0.8:
            buffer[at:at] = rng.choice([b"{", b"}", b"[", b"]", b'"', b":", b",", b"\n", b"&a ", b"*a", b"#", b"="])
        else:
            buffer[at:at] = buffer[at : at + rng.randint(1, 64)]
    return bytes(buffer)


def _fallback(argv: list[str]) -> int:
    """No atheris: replay files, or run N seeded random mutations (``-runs=N``)."""
    runs = next((int(a.split("=", 1)[1]) for a in argv if a.startswith("-runs=")), 1000)
    files = [Path(a) for a in argv if not a.startswith("-")]
    inputs = [p.read_bytes() for f in files for p in ([f] if f.is_file() else sorted(f.rglob("*"))) if p.is_file()]
    if inputs:
        for data in inputs:
            target(data)
        print(f"replayed {len(inputs)} inputs: no crash")
        return 0
    rng = random.Random(int(os.environ.get("FUZZ_SEED", "0")))
    for run in range(runs):
        data = bytes([rng.randrange(256)]) + _mutate(rng.choice(SEEDS), rng)
        try:
            target(data)
        except Exception:
            crash = Path(f"crash-{run}.bin")
            crash.write_bytes(data)
            print(f"crash on run {run}; input saved to {crash}", file=sys.stderr)
            raise
    print(f"{runs} random mutations (seed {rng}): no crash")
    return 0


def main() -> int:
    try:
        import atheris  # type: ignore[import-not-found]
    except ImportError:
        return _fallback(sys.argv[1:])
    atheris.instrument_all()  # coverage feedback from mcplint (already imported) and its parsers
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main())
