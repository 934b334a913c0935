"""Two ``fix --write`` runs at once lose no secret: the plan-and-apply holds an exclusive lock and
reads the ``.env`` under it. Deterministic: a barrier holds each run just before its ``.env``
write, so without the lock both have planned from the same ``.env`` and the second write drops
the first's secret; with it the second run waits (the barrier times out) and plans afterwards."""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import subprocess
import threading
from pathlib import Path

from conftest import secret

from mcplint.fix.dotenv_text import dotenv_values

CONFIGS = {
    ".mcp.json": ("GITHUB_TOKEN", "github-pat"),
    ".cursor/mcp.json": ("SLACK_BOT_TOKEN", "slack-bot-token"),
}


def _fix_one(root: str, relpath: str, barrier: threading.Barrier, codes: dict) -> None:
    from mcplint.cli.fix import run_fix
    from mcplint.fix import apply as applying

    real_write = applying.atomic_write_bytes

    def held_write(path: Path, data: bytes, mode: int | None = None, temp_dir: Path | None = None) -> None:
        if Path(path).name == ".env":
            # Times out when the other run holds the lock: it cannot get here until we are done.
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=3)
        real_write(path, data, mode, temp_dir)

    applying.atomic_write_bytes = held_write  # type: ignore[assignment]
    os.chdir(root)
    with open(os.devnull, "w") as quiet:
        os.dup2(quiet.fileno(), 2)
        codes[relpath] = run_fix([Path(root) / relpath], True, None)


def test_two_concurrent_fix_runs_lose_no_secret(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    secrets = {}
    for relpath, (name, pattern) in CONFIGS.items():
        secrets[relpath] = value = secret(pattern)
        (repo / relpath).parent.mkdir(parents=True, exist_ok=True)
        (repo / relpath).write_text(json.dumps({"mcpServers": {"s": {"command": "npx", "env": {name: value}}}}))
    (repo / ".gitignore").write_text(".env\n")  # both runs would otherwise race on .gitignore first

    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(2)
    with context.Manager() as manager:
        codes = manager.dict()
        runs = [context.Process(target=_fix_one, args=(str(repo), rel, barrier, codes)) for rel in CONFIGS]
        for run in runs:
            run.start()
        for run in runs:
            run.join(120)
        codes = dict(codes)

    env = dotenv_values((repo / ".env").read_text()) if (repo / ".env").exists() else {}
    for relpath, (name, _) in CONFIGS.items():
        value = secrets[relpath]
        in_config = value in (repo / relpath).read_text()
        assert in_config or env.get(name) == value, f"{name} was lost: neither in {relpath} nor in .env"
    assert codes == {rel: 1 for rel in CONFIGS}  # both finished their job
    assert env == {name: secrets[rel] for rel, (name, _) in CONFIGS.items()}
