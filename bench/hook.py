"""Time ``mcplint hook claude-code`` as an agent runs it: one process per event, wall and CPU time.

    python bench/hook.py [runs]

Three events: a write to a source file (passed over by name), a clean write of ``.mcp.json``, and a
write of ``.mcp.json`` that leaks a token (denied). Prints the median and the fastest run of each,
with the interpreter's own start-up for comparison. The token is built here, not a real one.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def synthetic_token() -> str:
    """A GitHub token shape from the pattern's own generator (as the tests build theirs)."""
    import random

    from mcplint.detect import Detector
    from mcplint.detect.patterns import generate_example

    pattern = next(p for p in Detector.default().patterns.patterns if p.id == "github-pat")
    return generate_example(pattern.examples["tp_generate"][0], random.Random("bench-hook"))


def measure(command: list[str], stdin: bytes, runs: int) -> tuple[float, float, float, float]:
    walls, cpus = [], []
    for _ in range(runs):
        cpu, start = child_cpu(), time.perf_counter()
        subprocess.run(command, input=stdin, capture_output=True, check=False)
        walls.append(time.perf_counter() - start)
        cpus.append(child_cpu() - cpu)
    return statistics.median(walls), min(walls), statistics.median(cpus), min(cpus)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    token = synthetic_token()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)

        def event(name: str, content: str) -> bytes:
            return json.dumps({
                "cwd": str(root), "hook_event_name": "PreToolUse", "tool_name": "Write",
                "tool_input": {"file_path": str(root / name), "content": content},
            }).encode()

        def config(value: str) -> str:
            return json.dumps({"mcpServers": {"github": {"command": "npx", "env": {"GITHUB_TOKEN": value}}}}, indent=2)

        hook = [sys.executable, "-c", "from mcplint.entry import run; run()", "hook", "claude-code"]
        cases = {
            "interpreter start (python -c pass)": ([sys.executable, "-c", "pass"], b""),
            "write src/app.py (not a config)": (hook, event("src/app.py", "print('hello')\n")),
            "write .mcp.json, clean": (hook, event(".mcp.json", config("${GITHUB_TOKEN}"))),
            "write .mcp.json, leaking (denied)": (hook, event(".mcp.json", config(token))),
        }
        print(f"{'event':<40} {'wall median':>12} {'wall min':>9} {'cpu median':>11} {'cpu min':>8}  answer")
        for label, (command, stdin) in cases.items():
            wall, wall_min, cpu, cpu_min = measure(command, stdin, runs)
            answer = subprocess.run(command, input=stdin, capture_output=True, check=False).stdout
            decision = "deny" if b'"deny"' in answer else "allow"
            ms = [value * 1000 for value in (wall, wall_min, cpu, cpu_min)]
            figures = f"{ms[0]:>9.0f} ms {ms[1]:>6.0f} ms {ms[2]:>8.0f} ms {ms[3]:>5.0f} ms"
            print(f"{label:<40} {figures}  {decision}")


if __name__ == "__main__":
    main()
