"""History scans: every version of every MCP config and ``.env`` file a range of commits holds.

Design, for speed and exactness:

1. One ``git log --raw -z --no-renames --topo-order --reverse --root --diff-merges=first-parent``
   lists each commit's changed paths and blob ids (no patches); the paths a tree scan would read
   are kept (:func:`mcplint.discover.tree.name_filter`).
2. Each distinct blob is read **once** through one long-lived ``git cat-file --batch`` process
   and goes through the normal pipeline (:func:`mcplint.pipeline.load_bytes`, then
   :func:`mcplint.pipeline.check_configs`).
3. Each finding is mapped to the first commit that introduced it at that path, with how many
   later commits still hold it and whether HEAD still does. The same secret in later versions of
   the file (an unrelated line edited) or after an exact rename is the same finding: it is
   reported once, at its first commit.

How many commits hold a blob is counted on the first-parent tree of the range (each commit's
files are its first parent's plus its first-parent diff, which is what ``--diff-merges=first-parent``
prints): an entry introduced at commit *c* is held by every first-parent descendant of *c* up to
the descendants that change that path again.

Rules that need the working tree are skipped here (:data:`SKIPPED_RULES`): whether git ignores
a ``.env`` today (MCP003), whether a ``.env`` is tracked today (MCP004), file modes (MCP011) and
the documentation files of the tree (MCP012). Every historical file was committed, so the rules
see it as tracked. Rules that compare files (MCP007, MCP015) see one file version at a time.

Nothing is written to the repository: git is only asked to read.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mcplint.results.findings import CommitInfo, Diagnostic, Finding, ScanResult
from mcplint.settings.values import Settings

SKIPPED_RULES = ("MCP003", "MCP004", "MCP011", "MCP012")
NULL_SHA = "0" * 40
REGULAR_FILE_MODES = (b"100644", b"100755")
# Options of `git rev-list` a range may use: they select commits and can write nothing.
RANGE_OPTIONS = ("--all", "--branches", "--tags", "--remotes", "--glob=", "--exclude=", "--not", "--first-parent")
LOG_FORMAT = "%x01%H %P%x00%an%x00%ae%x00%aI"


class HistoryError(Exception):
    """History could not be read as asked; the message is one line for the user (exit code 2)."""


def git_env() -> dict[str, str]:
    """git's environment for read-only questions: no optional locks, no lazy fetch (no network)."""
    return {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_NO_LAZY_FETCH": "1", "GIT_TERMINAL_PROMPT": "0"}


def first_error_line(stderr: bytes) -> str:
    """The first meaningful line of git's stderr, without ``fatal:``/``error:``, printable."""
    for raw in stderr.decode("utf-8", "replace").splitlines():
        line = raw.strip()
        for prefix in ("fatal: ", "error: "):
            if line.startswith(prefix):
                line = line[len(prefix) :]
        if line:
            return "".join(ch if ch.isprintable() else "?" for ch in line)[:300]
    return "git failed"


def run_git(args: list[str], cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run git; :class:`HistoryError` when git itself cannot be started."""
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, env=git_env(), check=False)
    except OSError as error:
        raise HistoryError(f"cannot run git: {error.strerror or error}") from None


@dataclass(frozen=True, slots=True)
class GitRepo:
    """Where a repository's objects are; ``work_tree`` is None for a bare repository."""

    git_dir: Path
    work_tree: Path | None
    shallow: bool

    @property
    def cwd(self) -> Path:
        return self.work_tree or self.git_dir

    @classmethod
    def open(cls, start: Path) -> GitRepo:
        where = start if start.is_dir() else start.parent
        done = run_git(["rev-parse", "--absolute-git-dir", "--is-bare-repository", "--is-shallow-repository"], where)
        lines = done.stdout.decode("utf-8", "surrogateescape").splitlines()
        if done.returncode != 0 or len(lines) < 3:
            raise HistoryError(f"not a git repository: {start}")
        git_dir, bare, shallow = Path(lines[0]), lines[1] == "true", lines[2] == "true"
        work_tree = None
        if not bare:
            top = run_git(["rev-parse", "--show-toplevel"], where)
            if top.returncode == 0 and top.stdout.strip():
                work_tree = Path(os.fsdecode(top.stdout.strip()))
        return cls(git_dir, work_tree, shallow)

    def has_commits(self) -> bool:
        return run_git(["rev-parse", "--verify", "-q", "HEAD^{commit}"], self.cwd).returncode == 0

    def shallow_boundary(self) -> tuple[int, int]:
        """(commits at the shallow boundary, parent commits of theirs that were not fetched)."""
        shallow_file = self.git_dir / "shallow"
        try:
            boundary = [line.strip() for line in shallow_file.read_text("ascii").splitlines() if line.strip()]
        except (OSError, UnicodeDecodeError):
            return 0, 0
        missing = 0
        with BlobReader(self.cwd) as reader:
            for sha in boundary:
                kind, data = reader.read_object(sha)
                if kind != "commit":
                    continue
                header = data.split(b"\n\n", 1)[0]
                missing += sum(1 for line in header.splitlines() if line.startswith(b"parent "))
        return len(boundary), missing


def range_args(revisions: list[str]) -> list[str]:
    """``git log`` arguments for a revision range, in order (``--not`` applies to what follows).

    A token starting with ``-`` must be one of :data:`RANGE_OPTIONS`, which only select commits: a
    range can never smuggle in an option such as ``--output``. Other tokens cannot be options.
    """
    for token in revisions:
        if token.startswith("-") and not any(
            token == opt or (opt.endswith("=") and token.startswith(opt)) for opt in RANGE_OPTIONS
        ):
            raise HistoryError(f"not a revision range option: {token}")
    return [token for token in revisions if token] or ["HEAD"]


@dataclass(slots=True)
class Commit:
    """One commit of the range, with its changes to the paths a scan reads."""

    sha: str
    first_parent: str | None
    author_name: str
    author_email: str
    date: str
    changes: list[tuple[str, str]] = field(default_factory=list)  # (path, new blob; "" when gone)


def parse_log(
    output: bytes, wanted: Callable[[str], bool]
) -> Iterator[Commit]:
    """Commits from ``git log --raw -z --format=LOG_FORMAT`` output, by position (never by
    searching for separators, which could appear in names and paths)."""
    tokens = output.split(b"\0")
    index, count = 0, len(tokens)
    commit: Commit | None = None
    while index < count:
        token = tokens[index]
        index += 1
        if token.startswith(b"\n"):
            token = token[1:]
        if not token:
            continue
        if token.startswith(b"\x01"):
            if commit is not None:
                yield commit
            ids = token[1:].decode("ascii", "replace").split()
            name, email, date = (tokens[index + i].decode("utf-8", "replace") for i in range(3))
            index += 3
            commit = Commit(ids[0], ids[1] if len(ids) > 1 else None, name, email, date)
            continue
        if token.startswith(b":") and commit is not None and index < count:
            # :old_mode new_mode old_sha new_sha status, then the path
            path = os.fsdecode(tokens[index])
            index += 1
            if not wanted(path):
                continue
            fields = token[1:].split(b" ")
            new_mode, new_sha = fields[1], fields[3].decode("ascii")
            regular = new_mode in REGULAR_FILE_MODES and new_sha != NULL_SHA
            commit.changes.append((path, new_sha if regular else ""))
    if commit is not None:
        yield commit


class BlobReader:
    """One long-lived ``git cat-file --batch``: each object read is one request on its pipe."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self.reads = 0
        try:
            self.process = subprocess.Popen(
                ["git", "cat-file", "--batch"],
                cwd=cwd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=git_env(),
            )
        except OSError as error:
            raise HistoryError(f"cannot run git: {error.strerror or error}") from None

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        process = self.process
        if process.poll() is None:
            try:
                assert process.stdin is not None
                process.stdin.close()
            except OSError:
                pass
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()

    def _failed(self, sha: str) -> HistoryError:
        detail = ""
        try:
            self.process.wait(timeout=5)
            assert self.process.stderr is not None
            detail = first_error_line(self.process.stderr.read())
        except (OSError, subprocess.TimeoutExpired, ValueError):
            pass
        return HistoryError(f"cannot read object {sha}: {detail or 'git cat-file stopped'} (corrupt repository?)")

    def read_object(self, sha: str) -> tuple[str, bytes]:
        """An object's type and content; :class:`HistoryError` when it is missing or corrupt."""
        stdin = self.process.stdin
        assert stdin is not None
        try:
            stdin.write(sha.encode("ascii") + b"\n")
            stdin.flush()
        except (OSError, ValueError):
            raise self._failed(sha) from None
        return self._receive(sha)

    def _receive(self, sha: str) -> tuple[str, bytes]:
        stdout = self.process.stdout
        assert stdout is not None
        try:
            header = stdout.readline()
        except (OSError, ValueError):
            raise self._failed(sha) from None
        parts = header.split()
        if len(parts) == 2 and parts[1] == b"missing":
            raise HistoryError(f"object {sha} is missing or corrupt (a damaged or partial clone?)")
        if len(parts) != 3 or not parts[2].isdigit():
            raise self._failed(sha)
        size = int(parts[2])
        data = stdout.read(size)
        if len(data) != size or stdout.read(1) != b"\n":
            raise self._failed(sha)
        self.reads += 1
        return parts[1].decode("ascii"), data

    def read(self, sha: str) -> bytes:
        """A blob's content."""
        kind, data = self.read_object(sha)
        if kind != "blob":
            raise HistoryError(f"object {sha} is a {kind}, not a file")
        return data

    def read_many(self, shas: list[str]) -> Iterator[tuple[str, bytes]]:
        """Blobs in order, the requests written ahead by a thread: one round trip per blob would
        wait on the scheduler twice per blob, which on a loaded machine is most of the time."""
        import threading

        stdin = self.process.stdin
        assert stdin is not None

        def feed() -> None:
            try:
                for sha in shas:
                    stdin.write(sha.encode("ascii") + b"\n")
                stdin.flush()
            except (OSError, ValueError):
                pass  # git stopped: the reader reports why

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        try:
            for sha in shas:
                kind, data = self._receive(sha)
                if kind != "blob":
                    raise HistoryError(f"object {sha} is a {kind}, not a file")
                yield sha, data
        finally:
            if self.process.poll() is not None or writer.is_alive():
                writer.join(timeout=0)
            else:
                writer.join()


@dataclass(slots=True)
class Entry:
    """A blob at a path, from the commit that put it there."""

    path: str
    blob: str
    commit: int  # index in the range, topological order
    lineage: str  # the path the file had when it first appeared (exact renames keep it)
    holders: int  # commits of the range whose tree holds this blob at this path
    job: tuple[str, str]  # (blob, path) whose scan gives this entry's findings


@dataclass(slots=True)
class History:
    """The outcome of a history scan, ready for a ScanResult."""

    findings: list[Finding]
    diagnostics: list[Diagnostic]
    rules: list
    root: Path
    commits: int
    files_scanned: int  # file versions (blob, path) checked
    blobs_read: int
    skipped: Counter[str]


def track(commits: list[Commit]) -> list[Entry]:
    """Every (path, blob) entry of the range, with its lineage and how many commits hold it."""
    index_of = {commit.sha: i for i, commit in enumerate(commits)}
    parent_index = [index_of.get(c.first_parent) if c.first_parent else None for c in commits]
    subtree = [1] * len(commits)  # commits in each commit's first-parent subtree (itself included)
    for i in range(len(commits) - 1, -1, -1):
        parent = parent_index[i]
        if parent is not None:
            subtree[parent] += subtree[i]
    children_left = Counter(p for p in parent_index if p is not None)
    states: dict[int, dict[str, Entry]] = {}
    seen_lineage: dict[tuple[str, str], str] = {}
    entries: list[Entry] = []
    for i, commit in enumerate(commits):
        parent = parent_index[i]
        if parent is None or parent not in states:
            state: dict[str, Entry] = {}
        else:
            children_left[parent] -= 1
            state = states.pop(parent) if children_left[parent] == 0 else dict(states[parent])
        if commit.changes:
            replaced: dict[str, Entry | None] = {}
            removed_blobs: dict[str, Entry] = {}
            for path, blob in commit.changes:
                old = state.pop(path, None)
                replaced[path] = old
                if old is not None:
                    old.holders -= subtree[i]
                    if not blob:
                        removed_blobs.setdefault(old.blob, old)
            for path, blob in commit.changes:
                if not blob:
                    continue
                old = replaced[path]
                job = (blob, path)
                if old is not None:
                    lineage = old.lineage
                elif blob in removed_blobs:  # an exact rename: same content, same finding
                    lineage, job = removed_blobs[blob].lineage, removed_blobs[blob].job
                else:
                    lineage = seen_lineage.get((path, blob), path)
                seen_lineage.setdefault((path, blob), lineage)
                entry = Entry(path, blob, i, lineage, subtree[i], job)
                state[path] = entry
                entries.append(entry)
        if children_left.get(i, 0) > 0:
            states[i] = state
    return entries


def list_commits(repo: GitRepo, revisions: list[str], wanted: Callable[[str], bool]) -> list[Commit]:
    """The range's commits, parents before children, with their changes to wanted paths."""
    args = [
        "-c", "log.showSignature=false", "log", "--raw", "-z", "--no-abbrev", "--no-renames", "--topo-order",
        "--reverse", "--root", "--diff-merges=first-parent", "--no-textconv", "--no-ext-diff",
        f"--format={LOG_FORMAT}", *range_args(revisions), "--",
    ]
    done = run_git(args, repo.cwd)
    if done.returncode != 0:
        message = first_error_line(done.stderr)
        if "bad revision" in message or "unknown revision" in message or "bad default revision" in message:
            raise HistoryError(f"unknown revision or range: {' '.join(revisions) or 'HEAD'} ({message})")
        raise HistoryError(f"cannot read the history: {message}")
    return list(parse_log(done.stdout, wanted))


def tree_blobs(repo: GitRepo, commit: str, paths: set[str]) -> dict[str, str]:
    """The blob ``commit`` holds at each of ``paths`` (absent paths left out)."""
    if not paths:
        return {}
    done = run_git(["ls-tree", "-r", "-z", "--full-tree", commit], repo.cwd)
    if done.returncode != 0:
        return {}
    held: dict[str, str] = {}
    for item in done.stdout.split(b"\0"):
        meta, _, raw_path = item.partition(b"\t")
        if not raw_path:
            continue
        path = os.fsdecode(raw_path)
        if path in paths:
            fields = meta.split(b" ")
            if len(fields) == 3 and fields[1] == b"blob":
                held[path] = fields[2].decode("ascii")
    return held


def history_settings(settings: Settings) -> Settings:
    """The run's settings for history: working-tree rules off, the baseline applied at the end."""
    return dataclasses.replace(settings, ignore=[*settings.ignore, *SKIPPED_RULES], baseline_path=None)


def scan_history(
    start: Path,
    revisions: list[str],
    settings: Settings,
    *,
    allow_shallow: bool = False,
    known_at: str | None = None,
    reader_factory: Callable[[Path], BlobReader] = BlobReader,
) -> History:
    """Scan the commits of ``revisions`` (default: everything reachable from HEAD).

    With ``known_at`` (a commit: a pull request's merge base), what that commit's versions of the
    same files already held is not reported: only what the range added.
    """
    from mcplint import pipeline
    from mcplint.discover.tree import Candidate, name_filter

    repo = GitRepo.open(start)
    if not repo.has_commits() and not any(r for r in revisions if r != "HEAD"):
        raise HistoryError("the repository has no commits yet: there is no history to scan")
    if repo.shallow and not allow_shallow:
        boundary, missing = repo.shallow_boundary()
        raise HistoryError(
            f"shallow clone: history stops at {boundary} commit(s) whose {missing} parent commit(s) and "
            "everything before them were not fetched (git fetch --unshallow, or --allow-shallow to scan what is there)"
        )
    run_settings = history_settings(settings)
    skipped: Counter[str] = Counter()
    names: dict[str, tuple[str | None, str] | str] = {}

    def wanted(path: str) -> bool:
        verdict = names.get(path)
        if verdict is None:
            verdict = names[path] = name_filter(path, run_settings)
        return not isinstance(verdict, str)

    commits = list_commits(repo, revisions, wanted)
    entries = track(commits)
    # Each blob read once, every path it needs scanning at checked from that one read.
    jobs: dict[str, list[str]] = {}
    for entry in entries:
        blob, path = entry.job
        paths = jobs.setdefault(blob, [])
        if path not in paths:
            paths.append(path)
    root = repo.work_tree or repo.git_dir
    not_on_disk = repo.git_dir / "mcplint-history"  # never created: rules must not find files here
    diagnostics: list[Diagnostic] = []
    seen_diagnostics: set[tuple[str, str]] = set()
    job_findings: dict[tuple[str, str], list[Finding]] = {}
    rules: list = []
    first_commit_of_job: dict[tuple[str, str], int] = {}
    for entry in entries:
        first_commit_of_job.setdefault(entry.job, entry.commit)
    scanned = 0

    def check(blob: str, path: str, data: bytes) -> list[Finding] | None:
        verdict = names[path]
        assert not isinstance(verdict, str)
        kind, fmt = verdict
        loaded = pipeline.load_bytes(Candidate(not_on_disk / path, path, kind, fmt), data)
        if loaded.config is None:
            return None
        loaded.config.git_tracked = True  # it was committed
        return pipeline.check_configs([loaded.config], [], run_settings, root)[0]

    with reader_factory(repo.cwd) as reader:
        for blob, data in reader.read_many(list(jobs)):
            paths = jobs[blob]
            if len(data) > run_settings.max_file_size:
                skipped["over the size limit"] += len(paths)
                continue
            for path in paths:
                verdict = names[path]
                assert not isinstance(verdict, str)
                kind, fmt = verdict
                candidate = Candidate(not_on_disk / path, path, kind, fmt)
                loaded = pipeline.load_bytes(candidate, data)
                short = commits[first_commit_of_job[(blob, path)]].sha[:7]
                if loaded.skip_reason is not None:
                    skipped[loaded.skip_reason] += 1
                if loaded.diagnostic is not None:
                    key = (path, loaded.diagnostic.message)
                    if key not in seen_diagnostics:
                        seen_diagnostics.add(key)
                        message = f"{loaded.diagnostic.message} (in {short})"
                        diagnostics.append(dataclasses.replace(loaded.diagnostic, message=message))
                if loaded.config is None:
                    continue
                scanned += 1
                loaded.config.git_tracked = True  # it was committed
                found, rules = pipeline.check_configs([loaded.config], diagnostics, run_settings, root)
                job_findings[(blob, path)] = found
        known: set[tuple[str, str, str]] = set()
        if known_at is not None:
            for path, blob in tree_blobs(repo, known_at, {e.path for e in entries}).items():
                for finding in check(blob, path, reader.read(blob)) or ():
                    known.add(finding_key(finding, path))
        blobs_read = reader.reads
    findings = attribute(commits, entries, job_findings, tree_blobs(repo, "HEAD", {e.path for e in entries}))
    findings = [f for f in findings if finding_key(f, f.path) not in known]
    if settings.baseline_path:
        from mcplint.results import baseline

        findings = baseline.new_findings(findings, baseline.load(settings.baseline_path))
    if not rules:
        rules = pipeline.enabled_rules(run_settings)
    findings.sort(key=lambda f: (*f.sort_key(), f.commit.date if f.commit else ""))
    return History(findings, diagnostics, rules, root, len(commits), scanned, blobs_read, skipped)


def finding_key(finding: Finding, lineage: str) -> tuple[str, str, str]:
    """What makes two findings in two versions of a file the same: rule, file lineage, and the
    secret (its SHA-256) or, for findings about no secret, the fingerprint."""
    return (finding.rule_id, lineage, finding.extra.get("sha256") or finding.fingerprint)


def attribute(
    commits: list[Commit],
    entries: list[Entry],
    job_findings: dict[tuple[str, str], list[Finding]],
    head: dict[str, str],
) -> list[Finding]:
    """One finding per key, at its first commit, with how many later commits hold it."""
    first: dict[tuple[str, str, str], tuple[Finding, Entry]] = {}
    holders: Counter[tuple[str, str, str]] = Counter()
    in_head: set[tuple[str, str, str]] = set()
    for entry in entries:
        in_head_now = head.get(entry.path) == entry.blob
        for finding in job_findings.get(entry.job, ()):
            key = finding_key(finding, entry.lineage)
            if key not in first:
                first[key] = (finding, entry)
            holders[key] += max(entry.holders, 0)
            if in_head_now:
                in_head.add(key)
    results = []
    for key, (finding, entry) in first.items():
        commit = commits[entry.commit]
        info = CommitInfo(
            sha=commit.sha,
            author_name=commit.author_name,
            author_email=commit.author_email,
            date=commit.date,
            still_in_head=key in in_head,
            later_commits=max(holders[key] - 1, 0),
        )
        results.append(dataclasses.replace(finding, commit=info, extra=dict(finding.extra)))
    return results


def to_scan_result(history: History) -> ScanResult:
    """The history scan as the result every reporter takes."""
    from mcplint import __version__

    return ScanResult(
        findings=history.findings,
        diagnostics=sorted(history.diagnostics, key=lambda d: (d.path, d.line, d.col, d.message)),
        rules=history.rules,
        root=os.fspath(history.root),
        files_scanned=history.files_scanned,
        skipped=dict(sorted(history.skipped.items())),
        version=__version__,
    )
