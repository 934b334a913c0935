"""Benchmark mcplint against detect-secrets, gitleaks, kingfisher and the read floor; write bench/RESULTS.md.

Every figure is whole-process wall time and peak memory of a fresh process, repeated (median and
min-max spread), with the compared commands interleaved in the same loop so that machine load
hits them alike; each figure is reported as a ratio of two series measured in that loop:

(a) Hook path: ``mcplint scan <3 small configs>`` vs ``detect-secrets-hook <same files>``, and the
    same on one clean file;
(b) Batches: ``pre-commit run --all-files`` on a large repository: the hook's files split into the
    command lines pre-commit's own ``xargs.partition`` makes, run one after the other
    (``require_serial``), whole hook;
(c) Tree scan: ``mcplint scan . --format sarif --output F`` vs ``gitleaks dir``, ``kingfisher scan
    --git-history none --no-validate``, ``detect-secrets scan --all-files`` and the floor (a Python
    script reading every file ``git ls-files`` lists); peak memory and scaling at 4 x base files.

Python processes run with bytecode caches, as installed by pip (``PYTHONDONTWRITEBYTECODE`` is
removed from their environment; the warm-up run writes the caches of an editable install).

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
# The environment of every measured command: bytecode caches as a pip install has them.
BENCH_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
# The files pre-commit hands the mcplint hook (``files`` in .pre-commit-hooks.yaml).
HOOK_FILES_RE = r"(?i)(^|/)(\.env(rc|\.[^/]*)?|[^/]*\.(json|jsonc|json5|ya?ml|toml|env))$"
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
        process = subprocess.Popen(argv, cwd=series.cwd, stdout=out, stderr=subprocess.PIPE, env=BENCH_ENV)
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


@dataclass
class BatchSeries(Series):
    """A hook run over many files: one process per command line, one after the other."""

    batches: list[list[str]] = field(default_factory=list)

    def shell(self) -> str:
        first = shlex.join(self.command + self.batches[0][:2]) + " ..." if self.batches else shlex.join(self.command)
        return (f"(cd {shlex.quote(str(self.cwd))} && # {len(self.batches)} processes in turn, like: "
                f"{first} > {shlex.quote(str(self.stdout))})")


def run_batches(series: BatchSeries) -> Sample:
    """Every batch in turn, each a fresh process; the sample is their summed wall time."""
    total, peak, code = 0.0, 0, 0
    for batch in series.batches:
        one = run_once(Series(series.label, [*series.command, *batch], series.cwd, series.stdout, series.ok_codes))
        total, peak, code = total + one.wall, max(peak, one.rss_kb), max(code, one.code)
    return Sample(total, peak, peak, code)


def measure(series: Series) -> Sample:
    return run_batches(series) if isinstance(series, BatchSeries) else run_once(series)


def interleave(groups: list[list[Series]], runs: int, limits: dict[str, int], log) -> None:
    """Run each group's series ``runs`` times, alternating their order every iteration."""
    for group in groups:
        for iteration in range(runs):
            order = group if iteration % 2 == 0 else list(reversed(group))
            for series in order:
                if iteration < limits.get(series.label, runs):
                    series.samples.append(measure(series))
                    log(f"  {series.label:<34} run {iteration + 1}: {series.samples[-1].wall:8.3f} s "
                        f"{series.samples[-1].rss_kb / 1024:7.1f} MB")


def warm(series_list: list[Series], log) -> None:
    """One unrecorded run each: page cache, bytecode caches."""
    for series in series_list:
        measure(series)
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


def hook_batches(root: Path, command: list[str], limit: int) -> list[list[str]]:
    """The first ``limit`` files of the tree that pre-commit would hand the hook, split as pre-commit does."""
    import re

    from pre_commit.xargs import partition  # pre-commit's own command-line splitting

    listed = subprocess.run(["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True).stdout
    wanted = re.compile(HOOK_FILES_RE)
    files = [name for name in os.fsdecode(listed).split("\0") if name and wanted.search(name)][:limit]
    return [list(batch[len(command):]) for batch in partition(command, files, 1)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, help="measured runs per tree-scan command (default 5; 3 with --quick)")
    parser.add_argument("--hook-runs", type=int,
                        help="measured runs of each hook-path command (default 21; 9 with --quick)")
    parser.add_argument("--quick", action="store_true",
                        help="250/1k/4k files, 3 runs, 1 detect-secrets tree run (one to two minutes)")
    parser.add_argument("--base-files", type=int, help="files in the base tree (default 20000; 1000 with --quick)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ds-tree-runs", type=int,
                        help="runs of detect-secrets scan --all-files (default 3; 1 with --quick); minutes each on 20k")
    parser.add_argument("--skip-detect-secrets-tree", action="store_true",
                        help="do not run detect-secrets scan --all-files (it only ever runs on the base tree)")
    parser.add_argument("--batch-files", type=int, default=8000,
                        help="files the batches case hands the hook (default 8000, from the 4 x base tree)")
    parser.add_argument("--skip-batches", action="store_true", help="leave the pre-commit batches case out")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "mcplint-bench",
                        help="where trees (cached by size and seed) and outputs go; outside the repository")
    parser.add_argument("--bin-dir", type=Path, default=Path(sys.executable).parent,
                        help="directory holding mcplint, detect-secrets and detect-secrets-hook (default: venv bin)")
    parser.add_argument("--peers-bin", type=Path, default=REPO_ROOT / "bench" / ".venv-peers" / "bin",
                        help="directory holding gitleaks and kingfisher (default bench/.venv-peers/bin; see README)")
    parser.add_argument("--before-bin", type=Path,
                        help="another mcplint install's directory (e.g. a previous release), measured alongside")
    parser.add_argument("--output", type=Path,
                        help="results file (default bench/RESULTS.md; WORKDIR/RESULTS-quick.md with --quick)")
    parser.add_argument("--mcplint-arg", action="append", default=[],
                        help="extra argument for every mcplint tree scan (repeatable), e.g. --mcplint-arg=--jobs=2")
    args = parser.parse_args(argv)

    runs = args.runs or (3 if args.quick else 5)
    hook_runs = args.hook_runs or (9 if args.quick else 21)
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
    gitleaks, kingfisher = str(args.peers_bin / "gitleaks"), str(args.peers_bin / "kingfisher")
    before = str(args.before_bin / "mcplint") if args.before_bin else None
    for binary in (mcplint, ds, ds_hook, *([before] if before else [])):
        if not shutil.which(binary):
            parser.error(f"not found or not executable: {binary}")
    peers = {name: path for name, path in (("gitleaks", gitleaks), ("kingfisher", kingfisher)) if shutil.which(path)}
    floor_script = workdir / "read_floor.py"
    floor_script.write_text(FLOOR_SCRIPT)
    started = time.monotonic()

    def log(message: str) -> None:
        print(f"[{time.monotonic() - started:7.1f}s] {message}", flush=True)

    for name in ("gitleaks", "kingfisher"):
        if name not in peers:
            log(f"{name} not found in {args.peers_bin}: its tree-scan series is left out")
    load_before = os.getloadavg()
    trees = {n: ensure_tree(workdir, n, args.seed, log=log) for n in sizes}
    base_root, base_manifest = trees[base]
    report = Report(args, runs, hook_runs, sizes, base, trees, mcplint, ds, peers, before)

    # (a) Hook path: three small configs and one clean file of the base tree, from inside it as pre-commit runs.
    hook_files = base_manifest["hook_files"]
    one = hook_files[:1]
    hook = {
        "mcplint 3": Series("hook 3 configs: mcplint", [mcplint, "scan", *hook_files], base_root,
                            out_dir / "hook-mcplint.txt", (0, 1)),
        "ds 3": Series("hook 3 configs: detect-secrets-hook", [ds_hook, *hook_files], base_root,
                       out_dir / "hook-ds.txt", (0, 1)),
        "mcplint 1": Series("hook 1 clean file: mcplint", [mcplint, "scan", *one], base_root,
                            out_dir / "hook1-mcplint.txt", (0,)),
        "ds 1": Series("hook 1 clean file: detect-secrets-hook", [ds_hook, *one], base_root,
                       out_dir / "hook1-ds.txt", (0,)),
    }
    if before:
        hook["before 3"] = Series("hook 3 configs: mcplint before", [before, "scan", *hook_files], base_root,
                                  out_dir / "hook-before.txt", (0, 1))
        hook["before 1"] = Series("hook 1 clean file: mcplint before", [before, "scan", *one], base_root,
                                  out_dir / "hook1-before.txt", (0,))
    log(f"hook path on {' '.join(hook_files)}")
    warm(list(hook.values()), log)
    interleave([list(hook.values())], hook_runs, {}, log)
    report.hook = hook

    # (b) pre-commit batches on the 4 x base tree.
    if not args.skip_batches:
        large_root = trees[sizes[-1]][0]
        batches = hook_batches(large_root, [mcplint, "scan"], args.batch_files)
        files = sum(len(b) for b in batches)
        group = [BatchSeries(f"batches {files} files: mcplint", [mcplint, "scan"], large_root,
                             out_dir / "batches-mcplint.txt", (0, 1), batches=batches)]
        if before:
            group.append(BatchSeries(f"batches {files} files: mcplint before", [before, "scan"], large_root,
                                     out_dir / "batches-before.txt", (0, 1), batches=batches))
        log(f"pre-commit batches: {files} files in {len(batches)} processes")
        warm(group, log)
        interleave([group], runs, {}, log)
        report.batches = group

    # (c) Tree scans: mcplint and the floor at every size; the other scanners on the base tree only.
    for n in sizes:
        root = trees[n][0]
        report.tree[n] = Series(f"tree {n}: mcplint", [mcplint, "scan", ".", "--format", "sarif", "--output",
                                str(out_dir / f"tree-{n}.sarif"), *args.mcplint_arg], root,
                                out_dir / f"tree-{n}.txt", (0, 1), sample_tree=True)
        report.floor[n] = Series(f"tree {n}: read floor", [sys.executable, str(floor_script)], root,
                                 out_dir / f"floor-{n}.txt", (0,), sample_tree=True)
        group = [report.tree[n], report.floor[n]]
        if n == base:
            if "gitleaks" in peers:
                report.peers["gitleaks"] = Series(
                    f"tree {n}: gitleaks dir", [gitleaks, "dir", ".", "--no-banner", "--log-level", "error",
                                                "--exit-code", "0", "--report-format", "json", "--report-path",
                                                str(out_dir / f"gitleaks-{n}.json")], root,
                    out_dir / f"gitleaks-{n}.txt", (0,), sample_tree=True)
            if "kingfisher" in peers:
                report.peers["kingfisher"] = Series(
                    f"tree {n}: kingfisher", [kingfisher, "scan", ".", "--git-history", "none", "--no-validate",
                                              "--no-update-check", "--quiet", "--format", "json", "--output",
                                              str(out_dir / f"kingfisher-{n}.json")], root,
                    out_dir / f"kingfisher-{n}.txt", (0, 200, 205), sample_tree=True)
            group += list(report.peers.values())
            if not args.skip_detect_secrets_tree:
                report.ds_tree = Series(f"tree {n}: detect-secrets --all-files", [ds, "scan", "--all-files", "."],
                                        root, out_dir / f"ds-{n}.json", (0,), sample_tree=True)
                group.append(report.ds_tree)
        log(f"tree scans on {n} files ({root})")
        warm([s for s in group if s is not report.ds_tree], log)
        limits = {report.ds_tree.label: ds_tree_runs} if report.ds_tree is not None and n == base else {}
        interleave([group], runs, limits, log)
    report.load = (load_before, os.getloadavg())
    report.elapsed = time.monotonic() - started

    report.write(output)
    raw = {s.label: {"command": s.command, "cwd": str(s.cwd), "samples": [vars(x) for x in s.samples]}
           for s in report.every()}
    (workdir / "results.json").write_text(json.dumps(raw, indent=2) + "\n")
    print(report.summary())
    log(f"wrote {output} and {workdir / 'results.json'}")
    return 0


def ratio(a: Series, b: Series) -> str:
    """``a``'s median over ``b``'s, with the range of per-run ratios (run i of a over run i of b)."""
    pairs = [x / y for x, y in zip(a.walls, b.walls, strict=False) if y > 0]
    spread = f" (runs {min(pairs):.2f}–{max(pairs):.2f})" if pairs else ""
    return f"{a.median / b.median:.2f}×{spread}"


OWN_SECTIONS = ("Hook path", "Batches", "Tree scan")


class Report:
    """The measured series and the Markdown they become."""

    def __init__(self, args: argparse.Namespace, runs: int, hook_runs: int, sizes: list[int], base: int,
                 trees: dict, mcplint: str, ds: str, peers: dict[str, str], before: str | None) -> None:
        self.args, self.runs, self.hook_runs = args, runs, hook_runs
        self.sizes, self.base, self.trees = sizes, base, trees
        self.mcplint, self.ds, self.peer_bins, self.before = mcplint, ds, peers, before
        self.hook: dict[str, Series] = {}
        self.batches: list[BatchSeries] = []
        self.tree: dict[int, Series] = {}
        self.floor: dict[int, Series] = {}
        self.peers: dict[str, Series] = {}
        self.ds_tree: Series | None = None
        self.load: tuple[tuple, tuple] = ((0.0,), (0.0,))
        self.elapsed = 0.0

    def every(self) -> list[Series]:
        found = [*self.hook.values(), *self.batches]
        for n in self.sizes:
            found += [self.tree[n], self.floor[n]]
            if n == self.base:
                found += list(self.peers.values()) + ([self.ds_tree] if self.ds_tree else [])
        return found

    def hook_rows(self) -> list[tuple[str, ...]]:
        h = self.hook
        rows = [
            ("mcplint / detect-secrets-hook, 3 configs", f"{h['mcplint 3'].median:.3f} ({h['mcplint 3'].spread})",
             f"{h['ds 3'].median:.3f} ({h['ds 3'].spread})", ratio(h["mcplint 3"], h["ds 3"]), "≤ 0.5×",
             verdict(h["mcplint 3"].median / h["ds 3"].median <= 0.5)),
            ("mcplint / detect-secrets-hook, 1 clean file", f"{h['mcplint 1'].median:.3f} ({h['mcplint 1'].spread})",
             f"{h['ds 1'].median:.3f} ({h['ds 1'].spread})", ratio(h["mcplint 1"], h["ds 1"]), "≤ 0.35×",
             verdict(h["mcplint 1"].median / h["ds 1"].median <= 0.35)),
        ]
        if "before 3" in h:
            rows += [
                ("mcplint before / detect-secrets-hook, 3 configs",
                 f"{h['before 3'].median:.3f} ({h['before 3'].spread})", f"{h['ds 3'].median:.3f}",
                 ratio(h["before 3"], h["ds 3"]), "—", "—"),
                ("mcplint / mcplint before, 3 configs", f"{h['mcplint 3'].median:.3f}",
                 f"{h['before 3'].median:.3f}", ratio(h["mcplint 3"], h["before 3"]), "—", "—"),
                ("mcplint / mcplint before, 1 clean file", f"{h['mcplint 1'].median:.3f}",
                 f"{h['before 1'].median:.3f}", ratio(h["mcplint 1"], h["before 1"]), "—", "—"),
            ]
        return rows

    def write(self, output: Path) -> None:
        """Write the report; a section of RESULTS.md that this harness does not make is kept."""
        cpus = os.cpu_count()
        affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cpus
        method = "`/usr/bin/time -v`" if os.access(TIME_BIN, os.X_OK) else "os.wait4 rusage"
        python = subprocess.run([sys.executable, "-c", "import sys; print(sys.version.split()[0])"],
                                capture_output=True, text=True).stdout.strip()
        versions = [tool_version([self.mcplint, "--version"]), f"detect-secrets {tool_version([self.ds, '--version'])}"]
        versions += [f"{name} {tool_version([path, 'version' if name == 'gitleaks' else '--version'])}"
                     for name, path in self.peer_bins.items()]
        lines = [
            "# mcplint benchmark results",
            "",
            f"Generated by `bench/run.py` on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC"
            f"{' (--quick)' if self.args.quick else ''}: {self.hook_runs} runs of each hook-path command, "
            f"{self.runs} of each batch and tree-scan command"
            + (f" ({len(self.ds_tree.samples)} for detect-secrets --all-files)" if self.ds_tree else "")
            + "; median and min–max spread of whole-process wall time, every ratio between series measured"
            " in the same interleaved loop (the spread of a ratio is that of run-by-run ratios).",
            "",
            f"- CPUs: {cpus} (usable: {affinity}); load average before/after: "
            f"{self.load[0][0]:.2f} / {self.load[1][0]:.2f} (1 min)",
            f"- Python {python} ({platform.python_implementation()}), {platform.system()} {platform.release()}",
            f"- {'; '.join(versions)}",
            f"- Measurement: {method} for peak RSS of the largest process; wall time by the harness around the"
            " process; process-tree RSS sampled from /proc every 0.1 s; Python with bytecode caches.",
            f"- Total benchmark time: {self.elapsed / 60:.1f} min",
            "",
            "## Hook path",
            "",
            "Whole process, as pre-commit runs the hook from the repository root (seconds).",
            "",
            "| Ratio | mcplint median (spread) | other median (spread) | ratio (run-by-run) | target | met? |",
            "|---|---|---|---|---|---|",
            *("| " + " | ".join(row) + " |" for row in self.hook_rows()),
            "",
        ]
        if self.batches:
            now = self.batches[0]
            files = sum(len(b) for b in now.batches)
            lines += [
                "## Batches",
                "",
                f"`pre-commit run --all-files` on the {self.sizes[-1]:,}-file tree: the first {files:,} files the "
                f"hook's `files` pattern selects, in the {len(now.batches)} command lines pre-commit's "
                "`xargs.partition` makes, run one after the other (`require_serial`); whole hook (seconds).",
                "",
                "| Series | median | spread | processes | per process | target | met? |",
                "|---|---|---|---|---|---|---|",
            ]
            for series in self.batches:
                target = "< 2 s" if series is now else "—"
                met = verdict(series.median < 2) if series is now else "—"
                lines.append(f"| {series.label} | {series.median:.3f} | {series.spread} | {len(series.batches)} | "
                             f"{series.median / len(series.batches):.3f} | {target} | {met} |")
            if len(self.batches) > 1:
                lines += ["", f"mcplint / mcplint before: {ratio(self.batches[0], self.batches[1])}."]
            lines.append("")
        base, large = self.base, self.sizes[-1]
        mine = self.tree[base]
        rows = []
        if "gitleaks" in self.peers:
            g = self.peers["gitleaks"]
            rows.append((f"mcplint / gitleaks dir, {base:,} files", f"{mine.median:.3f} ({mine.spread})",
                         f"{g.median:.3f} ({g.spread})", ratio(mine, g), "≤ 0.3×",
                         verdict(mine.median / g.median <= 0.3)))
        if "kingfisher" in self.peers:
            k = self.peers["kingfisher"]
            rows.append((f"mcplint / kingfisher, {base:,} files", f"{mine.median:.3f} ({mine.spread})",
                         f"{k.median:.3f} ({k.spread})", ratio(mine, k), "—", "—"))
        if self.ds_tree is not None:
            d = self.ds_tree
            rows.append((f"mcplint / detect-secrets --all-files, {base:,} files", f"{mine.median:.3f}",
                         f"{d.median:.3f} ({d.spread})", ratio(mine, d), "≤ 0.05×",
                         verdict(mine.median / d.median <= 0.05)))
        f = self.floor[base]
        rows.append((f"mcplint / read floor, {base:,} files", f"{mine.median:.3f} ({mine.spread})",
                     f"{f.median:.3f} ({f.spread})", ratio(mine, f), "≤ 3×", verdict(mine.median / f.median <= 3)))
        rows.append((f"mcplint {large:,} / {base:,} files (scaling)", f"{self.tree[large].median:.3f}",
                     f"{mine.median:.3f}", ratio(self.tree[large], mine), "≤ 4.4×",
                     verdict(self.tree[large].median / mine.median <= 4.4)))
        peak = max(self.tree[large].rss_mb, self.tree[large].tree_rss_mb)
        rows.append((f"peak RSS at {large:,} files (MB)", f"{self.tree[large].rss_mb:.1f}",
                     f"process tree {self.tree[large].tree_rss_mb:.1f}", "—", "< 100 MB", verdict(peak < 100)))
        lines += [
            "## Tree scan",
            "",
            "`mcplint scan . --format sarif --output F` from the tree's root (seconds).",
            "",
            "| Ratio | mcplint median (spread) | other median (spread) | ratio (run-by-run) | target | met? |",
            "|---|---|---|---|---|---|",
            *("| " + " | ".join(row) + " |" for row in rows),
            "",
            "### Every series",
            "",
            "| Series | runs | median s | min–max s | peak RSS MB (largest process) | peak RSS MB (process tree)"
            " | exit | findings |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for series in self.every():
            if series.label.startswith("tree") and series.label.endswith("mcplint"):
                found = sarif_results(Path(series.command[series.command.index("--output") + 1]))
            elif series is self.ds_tree:
                found = ds_results(series.stdout)
            else:
                found = "—"
            codes = ",".join(str(c) for c in sorted({s.code for s in series.samples}))
            lines.append(f"| {series.label} | {len(series.samples)} | {series.median:.3f} | {series.spread} | "
                         f"{series.rss_mb:.1f} | {series.tree_rss_mb:.1f} | {codes} | {found} |")
        lines += ["", "### Trees", "",
                  "| files | MCP configs (leaking) | env files (leaking, git-ignored) | bytes (excl. .git) |",
                  "|---|---|---|---|"]
        for n in self.sizes:
            manifest = self.trees[n][1]
            lines.append(f"| {n:,} | {manifest['counts']['mcp']} ({manifest['leaking_mcp']}) | "
                         f"{manifest['counts']['env']} ({manifest['leaking_env']}, {manifest['ignored_env']}) | "
                         f"{manifest['bytes']:,} |")
        lines += ["", "### Exact commands", "", "```sh"]
        lines += [f"# {series.label}\n{series.shell()}" for series in self.every()]
        lines += ["```", "", f"Floor script (`read_floor.py`, run with `{sys.executable}`):", "", "```python",
                  FLOOR_SCRIPT.rstrip(), "```", ""]
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text("\n".join(lines) + kept_sections(output))

    def summary(self) -> str:
        """The ratios, for the terminal."""
        out = ["", "Hook path:"]
        out += [f"  {row[0]}: {row[3]} (target {row[4]})" for row in self.hook_rows()]
        for series in self.batches:
            out.append(f"Batches: {series.label}: {series.median:.3f} s in {len(series.batches)} processes "
                       f"(spread {series.spread})")
        mine = self.tree[self.base]
        for name, series in self.peers.items():
            out.append(f"Tree scan: mcplint / {name}: {ratio(mine, series)}")
        out.append(f"Tree scan: mcplint / read floor: {ratio(mine, self.floor[self.base])}")
        large = self.tree[self.sizes[-1]]
        out.append(f"Tree scan: peak RSS at {self.sizes[-1]:,} files: {max(large.rss_mb, large.tree_rss_mb):.1f} MB")
        return "\n".join(out)


def kept_sections(output: Path) -> str:
    """Top-level sections of an existing report that this harness does not write (e.g. a History)."""
    if not output.exists():
        return ""
    kept: list[str] = []
    keep = False
    for line in output.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            title = line[3:].strip()
            keep = title not in OWN_SECTIONS and title not in ("Every series", "Trees", "Exact commands")
        elif line.startswith("# "):
            keep = False
        if keep:
            kept.append(line)
    return ("\n" + "\n".join(kept) + "\n") if kept else ""


if __name__ == "__main__":
    sys.exit(main())
