"""Benchmark mcplint against detect-secrets and the read-everything floor; write bench/RESULTS.md.

Every figure is whole-process wall time and peak memory of a fresh process, repeated (median and
min-max spread), with the compared commands interleaved in the same loop so that machine load
hits both alike:

(a) hook latency: ``mcplint scan <3 small configs>`` vs ``detect-secrets-hook <same files>``;
(b) tree scan: ``mcplint scan . --format sarif --output F`` vs ``detect-secrets scan --all-files .``
    and vs the floor (a Python script reading every file ``git ls-files`` lists);
(c) scaling: the mcplint tree scan at base/4, base and 4 x base files.

Usage (from the repository root, with the venv's interpreter)::

    .venv/bin/python bench/run.py            # default: 5k/20k/80k files, 5 runs (3 of detect-secrets' tree scan)
    .venv/bin/python bench/run.py --quick    # 250/1k/4k files, 3 runs (1 of detect-secrets' tree scan)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from generate import REPO_ROOT, ensure_tree

TIME_BIN = "/usr/bin/time"
FLOOR_SCRIPT = '''\
"""Read floor: list files with git, read every one as bytes. Nothing else."""
import subprocess
import sys

listed = subprocess.run(["git", "ls-files", "-z"], capture_output=True, check=True).stdout
total = 0
for name in listed.split(b"\\0"):
    if name:
        with open(name, "rb") as handle:
            total += len(handle.read())
sys.stdout.write(f"{total}\\n")
'''


@dataclass
class Sample:
    """One process run: wall seconds, peak RSS of the largest process (KiB), tree RSS, exit code."""

    wall: float
    rss_kb: int
    tree_rss_kb: int
    code: int


@dataclass
class Series:
    """Repeated runs of one command."""

    label: str
    command: list[str]
    cwd: Path
    stdout: Path
    ok_codes: tuple[int, ...]
    sample_tree: bool = False
    samples: list[Sample] = field(default_factory=list)

    @property
    def walls(self) -> list[float]:
        return [s.wall for s in self.samples]

    @property
    def median(self) -> float:
        return statistics.median(self.walls)

    @property
    def spread(self) -> str:
        return f"{min(self.walls):.3f}–{max(self.walls):.3f}"

    @property
    def rss_mb(self) -> float:
        """Worst peak RSS over the runs, of the largest single process (as ``time -v`` reports)."""
        return max(s.rss_kb for s in self.samples) / 1024

    @property
    def tree_rss_mb(self) -> float:
        """Worst sampled peak of the summed RSS of the whole process tree (workers included)."""
        return max(s.tree_rss_kb for s in self.samples) / 1024

    def shell(self) -> str:
        return f"(cd {shlex.quote(str(self.cwd))} && {shlex.join(self.command)} > {shlex.quote(str(self.stdout))})"


class TreeRssSampler(threading.Thread):
    """Samples the summed RSS of a process and all its descendants from /proc every ``interval`` s."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_kb = 0
        self.stopped = threading.Event()
        self.page_kb = os.sysconf("SC_PAGE_SIZE") // 1024

    def tree_rss_kb(self) -> int:
        parents: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat", "rb") as handle:
                        stat = handle.read()
                    parents[int(entry)] = int(stat[stat.rindex(b")") + 2:].split()[1])
                except (OSError, ValueError, IndexError):
                    continue
        family, frontier = {self.pid}, [self.pid]
        children: dict[int, list[int]] = {}
        for child, parent in parents.items():
            children.setdefault(parent, []).append(child)
        while frontier:
            for child in children.get(frontier.pop(), []):
                family.add(child)
                frontier.append(child)
        total = 0
        for pid in family:
            try:
                with open(f"/proc/{pid}/statm", "rb") as handle:
                    total += int(handle.read().split()[1]) * self.page_kb
            except (OSError, ValueError, IndexError):
                continue
        return total

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            self.peak_kb = max(self.peak_kb, self.tree_rss_kb())


def run_once(series: Series) -> Sample:
    """Run the command once in a fresh process; measure wall time and peak memory."""
    use_time = os.access(TIME_BIN, os.X_OK)
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report, open(series.stdout, "wb") as out:
        argv = [TIME_BIN, "-v", "-o", report.name, *series.command] if use_time else series.command
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=series.cwd, stdout=out, stderr=subprocess.PIPE)
        sampler = TreeRssSampler(process.pid) if series.sample_tree else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
        if sampler:
            sampler.stopped.set()
            sampler.join()
        code, rss_kb = process.returncode, usage.ru_maxrss
        if use_time:
            text = report.read()
            for line in text.splitlines():
                key, _, raw = line.strip().rpartition(": ")
                if key == "Maximum resident set size (kbytes)":
                    rss_kb = int(raw)
                elif key == "Exit status":
                    code = int(raw)
    if code not in series.ok_codes:
        raise SystemExit(f"{series.label}: exit {code} from {series.shell()}\n{stderr[-2000:]}")
    tree_kb = max(sampler.peak_kb, rss_kb) if sampler else rss_kb
    return Sample(wall, rss_kb, tree_kb, code)


def interleave(groups: list[list[Series]], runs: int, limits: dict[str, int], log) -> None:
    """Run each group's series ``runs`` times, alternating their order every iteration."""
    for group in groups:
        for iteration in range(runs):
            order = group if iteration % 2 == 0 else list(reversed(group))
            for series in order:
                if iteration < limits.get(series.label, runs):
                    series.samples.append(run_once(series))
                    log(f"  {series.label:<34} run {iteration + 1}: {series.samples[-1].wall:8.3f} s "
                        f"{series.samples[-1].rss_kb / 1024:7.1f} MB")


def warm(series_list: list[Series], log) -> None:
    """One unrecorded run each: page cache, bytecode caches."""
    for series in series_list:
        run_once(series)
        log(f"  warm-up {series.label} done")


def tool_version(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except OSError as error:
        return f"unavailable ({error})"
    return (done.stdout or done.stderr).strip().splitlines()[0] if (done.stdout or done.stderr) else "?"


def sarif_results(path: Path) -> int | str:
    try:
        return sum(len(run.get("results", [])) for run in json.loads(path.read_text())["runs"])
    except (OSError, ValueError, KeyError):
        return "?"


def ds_results(path: Path) -> int | str:
    try:
        return sum(len(found) for found in json.loads(path.read_text())["results"].values())
    except (OSError, ValueError, KeyError):
        return "?"


def verdict(ok: bool) -> str:
    return "yes" if ok else "**no**"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, help="measured runs per command (default 5; 3 with --quick)")
    parser.add_argument("--quick", action="store_true",
                        help="250/1k/4k files, 3 runs, 1 detect-secrets tree run (one to two minutes)")
    parser.add_argument("--base-files", type=int, help="files in the base tree (default 20000; 1000 with --quick)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ds-tree-runs", type=int,
                        help="runs of detect-secrets scan --all-files (default 3; 1 with --quick); minutes each on 20k")
    parser.add_argument("--skip-detect-secrets-tree", action="store_true",
                        help="do not run detect-secrets scan --all-files (it only ever runs on the base tree)")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "mcplint-bench",
                        help="where trees (cached by size and seed) and outputs go; outside the repository")
    parser.add_argument("--bin-dir", type=Path, default=Path(sys.executable).parent,
                        help="directory holding mcplint, detect-secrets and detect-secrets-hook (default: venv bin)")
    parser.add_argument("--output", type=Path,
                        help="results file (default bench/RESULTS.md; WORKDIR/RESULTS-quick.md with --quick)")
    parser.add_argument("--mcplint-arg", action="append", default=[],
                        help="extra argument for every mcplint command (repeatable), e.g. --mcplint-arg=--jobs=2")
    args = parser.parse_args(argv)

    runs = args.runs or (3 if args.quick else 5)
    base = args.base_files or (1000 if args.quick else 20000)
    ds_tree_runs = min(runs, args.ds_tree_runs or (1 if args.quick else 3))
    sizes = [base // 4, base, base * 4]
    output = args.output or (args.workdir / "RESULTS-quick.md" if args.quick else REPO_ROOT / "bench" / "RESULTS.md")
    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    out_dir = workdir / "out"
    out_dir.mkdir(exist_ok=True)
    mcplint = str(args.bin_dir / "mcplint")
    ds, ds_hook = str(args.bin_dir / "detect-secrets"), str(args.bin_dir / "detect-secrets-hook")
    for binary in (mcplint, ds, ds_hook):
        if not shutil.which(binary):
            parser.error(f"not found or not executable: {binary}")
    floor_script = workdir / "read_floor.py"
    floor_script.write_text(FLOOR_SCRIPT)
    started = time.monotonic()

    def log(message: str) -> None:
        print(f"[{time.monotonic() - started:7.1f}s] {message}", flush=True)

    load_before = os.getloadavg()
    trees = {n: ensure_tree(workdir, n, args.seed, log=log) for n in sizes}
    base_root, base_manifest = trees[base]

    # (a) hook latency on three small configs of the base tree, run from inside it as pre-commit does.
    hook_files = base_manifest["hook_files"]
    hook_mcplint = Series("hook: mcplint", [mcplint, "scan", *args.mcplint_arg, *hook_files], base_root,
                          out_dir / "hook-mcplint.txt", (0, 1))
    hook_ds = Series("hook: detect-secrets-hook", [ds_hook, *hook_files], base_root, out_dir / "hook-ds.txt", (0, 1))
    log(f"hook latency on {' '.join(hook_files)}")
    warm([hook_mcplint, hook_ds], log)
    interleave([[hook_mcplint, hook_ds]], runs, {}, log)

    # (b) + (c) tree scans: mcplint and the floor at every size, detect-secrets on the base tree only.
    tree: dict[int, Series] = {}
    floor: dict[int, Series] = {}
    ds_tree: Series | None = None
    for n in sizes:
        root = trees[n][0]
        tree[n] = Series(f"tree {n}: mcplint", [mcplint, "scan", ".", "--format", "sarif", "--output",
                         str(out_dir / f"tree-{n}.sarif"), *args.mcplint_arg], root,
                         out_dir / f"tree-{n}.txt", (0, 1), sample_tree=True)
        floor[n] = Series(f"tree {n}: read floor", [sys.executable, str(floor_script)], root,
                          out_dir / f"floor-{n}.txt", (0,), sample_tree=True)
        group = [tree[n], floor[n]]
        if n == base and not args.skip_detect_secrets_tree:
            ds_tree = Series(f"tree {n}: detect-secrets --all-files", [ds, "scan", "--all-files", "."], root,
                             out_dir / f"ds-{n}.json", (0,), sample_tree=True)
            group.append(ds_tree)
        log(f"tree scans on {n} files ({root})")
        warm([floor[n], tree[n]], log)
        limits = {ds_tree.label: ds_tree_runs} if ds_tree is not None else {}
        interleave([group], runs, limits, log)
    load_after = os.getloadavg()

    write_results(output, args, runs, sizes, base, trees, hook_mcplint, hook_ds, tree, floor, ds_tree,
                  mcplint, ds, load_before, load_after, time.monotonic() - started)
    raw = {s.label: {"command": s.command, "cwd": str(s.cwd), "samples": [vars(x) for x in s.samples]}
           for s in [hook_mcplint, hook_ds, *tree.values(), *floor.values(), *([ds_tree] if ds_tree else [])]}
    (workdir / "results.json").write_text(json.dumps(raw, indent=2) + "\n")
    log(f"wrote {output} and {workdir / 'results.json'}")
    return 0


def write_results(output: Path, args: argparse.Namespace, runs: int, sizes: list[int], base: int, trees: dict,
                  hook_mcplint: Series, hook_ds: Series, tree: dict[int, Series], floor: dict[int, Series],
                  ds_tree: Series | None, mcplint: str, ds: str, load_before: tuple, load_after: tuple,
                  elapsed: float) -> None:
    """Render the Markdown report."""
    large = sizes[-1]
    hook_ratio = hook_mcplint.median / hook_ds.median
    floor_ratio = tree[base].median / floor[base].median
    scale_ratio = tree[large].median / tree[base].median
    rows = [
        ("Hook latency, 3 configs (s)", f"{hook_mcplint.median:.3f}", hook_mcplint.spread,
         f"detect-secrets-hook {hook_ds.median:.3f} ({hook_ds.spread})", f"{hook_ratio:.2f}×", "≤ 0.6×",
         verdict(hook_ratio <= 0.6)),
    ]
    if ds_tree is not None:
        speedup = ds_tree.median / tree[base].median
        rows.append((f"Tree scan {base:,} files vs detect-secrets (s)", f"{tree[base].median:.3f}", tree[base].spread,
                     f"detect-secrets --all-files {ds_tree.median:.3f} ({ds_tree.spread})",
                     f"{speedup:.1f}× faster", "≥ 20× faster", verdict(speedup >= 20)))
    rows += [
        (f"Tree scan {base:,} files vs read floor (s)", f"{tree[base].median:.3f}", tree[base].spread,
         f"read floor {floor[base].median:.3f} ({floor[base].spread})", f"{floor_ratio:.2f}×", "≤ 5×",
         verdict(floor_ratio <= 5)),
        (f"Peak RSS, tree scan {large:,} files (MB)", f"{tree[large].rss_mb:.1f}",
         f"process tree {tree[large].tree_rss_mb:.1f}", "—", "—", "< 150 MB",
         verdict(max(tree[large].rss_mb, tree[large].tree_rss_mb) < 150)),
        (f"Scaling {large:,} / {base:,} files (s)", f"{tree[large].median:.3f}", tree[large].spread,
         f"mcplint at {base:,}: {tree[base].median:.3f}", f"{scale_ratio:.2f}×", "≤ 4.4×", verdict(scale_ratio <= 4.4)),
    ]
    cpus = os.cpu_count()
    method = "`/usr/bin/time -v`" if os.access(TIME_BIN, os.X_OK) else "os.wait4 rusage"
    method += " for peak RSS of the largest process"
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cpus
    python = subprocess.run([sys.executable, "-c", "import sys; print(sys.version.split()[0])"],
                            capture_output=True, text=True).stdout.strip()
    lines = [
        "# mcplint benchmark results",
        "",
        f"Generated by `bench/run.py` on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC"
        f"{' (--quick)' if args.quick else ''}; {runs} runs per command"
        + (f" ({len(ds_tree.samples)} for detect-secrets --all-files)" if ds_tree else "")
        + ", median and min–max spread of whole-process wall time.",
        "",
        f"- CPUs: {cpus} (usable: {affinity}); load average before/after: "
        f"{load_before[0]:.2f} / {load_after[0]:.2f} (1 min)",
        f"- Python {python} ({platform.python_implementation()}), {platform.system()} {platform.release()}",
        f"- {tool_version([mcplint, '--version'])}; detect-secrets {tool_version([ds, '--version'])}",
        f"- Measurement: {method}"
        "; wall time by the harness around the process; process-tree RSS sampled from /proc every 0.1 s.",
        f"- Total benchmark time: {elapsed / 60:.1f} min",
        "",
        "| Metric | mcplint median | spread (min–max) | other median (spread) | ratio | target | met? |",
        "|---|---|---|---|---|---|---|",
        *("| " + " | ".join(row) + " |" for row in rows),
        "",
        "## Every series",
        "",
        "| Series | runs | median s | min–max s | peak RSS MB (largest process) | peak RSS MB (process tree)"
        " | exit | findings |",
        "|---|---|---|---|---|---|---|---|",
    ]
    every = [hook_mcplint, hook_ds]
    for n in sizes:
        every += [tree[n], floor[n]] + ([ds_tree] if ds_tree is not None and n == base else [])
    for series in every:
        if series.label.endswith("mcplint") and series.label.startswith("tree"):
            found = sarif_results(series.command[series.command.index("--output") + 1] and
                                  Path(series.command[series.command.index("--output") + 1]))
        elif series is ds_tree:
            found = ds_results(series.stdout)
        else:
            found = "—"
        codes = ",".join(str(c) for c in sorted({s.code for s in series.samples}))
        lines.append(f"| {series.label} | {len(series.samples)} | {series.median:.3f} | {series.spread} | "
                     f"{series.rss_mb:.1f} | {series.tree_rss_mb:.1f} | {codes} | {found} |")
    lines += ["", "## Trees", "",
              "| files | MCP configs (leaking) | env files (leaking, git-ignored) | bytes (excl. .git) |",
              "|---|---|---|---|"]
    for n in sizes:
        manifest = trees[n][1]
        lines.append(f"| {n:,} | {manifest['counts']['mcp']} ({manifest['leaking_mcp']}) | "
                     f"{manifest['counts']['env']} ({manifest['leaking_env']}, {manifest['ignored_env']}) | "
                     f"{manifest['bytes']:,} |")
    lines += ["", "## Exact commands", "", "```sh"]
    lines += [f"# {series.label}\n{series.shell()}" for series in every]
    lines += ["```", "", f"Floor script (`read_floor.py`, run with `{sys.executable}`):", "", "```python",
              FLOOR_SCRIPT.rstrip(), "```", ""]
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
