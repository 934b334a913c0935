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

import contextlib
import dataclasses
import os
import queue
import subprocess
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from mcplint.results.findings import CommitInfo, Diagnostic, Finding, ScanResult
from mcplint.settings.values import Settings

SKIPPED_RULES = ("MCP003", "MCP004", "MCP011", "MCP012")
CACHE_BYTES = 64 << 20  # blob contents kept for a path that shows the same blob later
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
    removed: set[str] = field(default_factory=set)  # blobs of wanted paths this commit deleted


def parse_log(output: bytes, wanted: Callable[[str], bool]) -> Iterator[Commit]:
    """Commits from the whole output of ``git log --raw -z --format=LOG_FORMAT``."""
    return parse_tokens(iter(output.split(b"\0")), wanted)


def stream_tokens(stream: IO[bytes]) -> Iterator[bytes]:
    """The NUL-separated tokens of a pipe, as they arrive."""
    rest = b""
    while True:
        chunk = stream.read1(1 << 16) if hasattr(stream, "read1") else stream.read(1 << 16)
        if not chunk:
            break
        parts = (rest + chunk).split(b"\0")
        rest = parts.pop()
        yield from parts
    if rest:
        yield rest


def parse_tokens(tokens: Iterator[bytes], wanted: Callable[[str], bool]) -> Iterator[Commit]:
    """Commits from ``git log --raw -z --format=LOG_FORMAT`` tokens, by position (never by
    searching for separators, which could appear in names and paths)."""
    commit: Commit | None = None
    for token in tokens:
        if token.startswith(b"\n"):
            token = token[1:]
        if not token:
            continue
        if token.startswith(b"\x01"):
            if commit is not None:
                yield commit
            ids = token[1:].decode("ascii", "replace").split()
            name, email, date = (next(tokens, b"").decode("utf-8", "replace") for _ in range(3))
            commit = Commit(ids[0], ids[1] if len(ids) > 1 else None, name, email, date)
            continue
        if token.startswith(b":") and commit is not None:
            # :old_mode new_mode old_sha new_sha status, then the path
            path = os.fsdecode(next(tokens, b""))
            if not path or not wanted(path):
                continue
            fields = token[1:].split(b" ")
            new_mode, new_sha = fields[1], fields[3].decode("ascii")
            regular = new_mode in REGULAR_FILE_MODES and new_sha != NULL_SHA
            commit.changes.append((path, new_sha if regular else ""))
            if not regular and fields[0] in REGULAR_FILE_MODES:
                commit.removed.add(fields[2].decode("ascii"))
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

    def request(self, sha: str) -> None:
        """Ask for a blob without waiting for it (:meth:`flush`, then :meth:`receive_blob`)."""
        assert self.process.stdin is not None
        with contextlib.suppress(OSError, ValueError):  # git stopped: receive_blob reports why
            self.process.stdin.write(sha.encode("ascii") + b"\n")

    def flush(self) -> None:
        assert self.process.stdin is not None
        with contextlib.suppress(OSError, ValueError):
            self.process.stdin.flush()

    def receive_blob(self, sha: str) -> bytes:
        """The next answer, for the blob requested in that order."""
        kind, data = self._receive(sha)
        if kind != "blob":
            raise HistoryError(f"object {sha} is a {kind}, not a file")
        return data


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


LOG_ARGS = [
    "-c", "log.showSignature=false", "log", "--raw", "-z", "--no-abbrev", "--no-renames", "--topo-order",
    "--reverse", "--root", "--diff-merges=first-parent", "--no-textconv", "--no-ext-diff", f"--format={LOG_FORMAT}",
]


class LogProcess:
    """``git log --raw`` of a range, read as it is written."""

    def __init__(self, repo: GitRepo, revisions: list[str]) -> None:
        self.revisions = revisions
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 - a file, not a pipe: git never blocks on it
        try:
            self.process = subprocess.Popen(
                ["git", *LOG_ARGS, *range_args(revisions), "--"],
                cwd=repo.cwd, stdout=subprocess.PIPE, stderr=self.stderr, env=git_env(),
            )
        except OSError as error:
            self.stderr.close()
            raise HistoryError(f"cannot run git: {error.strerror or error}") from None

    def commits(self, wanted: Callable[[str], bool]) -> Iterator[Commit]:
        assert self.process.stdout is not None
        return parse_tokens(stream_tokens(self.process.stdout), wanted)

    def finish(self) -> None:
        """Wait for git; :class:`HistoryError` when the log failed (unknown revision, corrupt object)."""
        code = self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        self.stderr.seek(0)
        stderr = self.stderr.read()
        self.stderr.close()
        if code != 0:
            message = first_error_line(stderr)
            if "bad revision" in message or "unknown revision" in message or "bad default revision" in message:
                raise HistoryError(f"unknown revision or range: {' '.join(self.revisions) or 'HEAD'} ({message})")
            raise HistoryError(f"cannot read the history: {message}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


def list_commits(repo: GitRepo, revisions: list[str], wanted: Callable[[str], bool]) -> list[Commit]:
    """The range's commits, parents before children, with their changes to wanted paths."""
    log = LogProcess(repo, revisions)
    try:
        commits = list(log.commits(wanted))
    except BaseException:
        log.stop()
        raise
    log.finish()
    return commits


def tree_blobs(repo: GitRepo, commit: str, paths: set[str]) -> dict[str, str]:
    """The blob ``commit`` holds at each of ``paths`` (absent paths left out)."""
    if not paths:
        return {}
    # A few paths: git looks up only those (a pull request's); many: one listing of the tree.
    named = ["--", *sorted(paths)] if len(paths) <= 200 else []
    done = run_git(["--literal-pathspecs", "ls-tree", "-r", "-z", "--full-tree", commit, *named], repo.cwd)
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


def remembering_detector(settings: Settings):  # noqa: ANN201 - the Detector type is imported lazily
    """The run's detector, remembering each answer: the versions of a file repeat most values."""
    from mcplint.detect import Detector

    class RememberingDetector(Detector):
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            super().__init__(*args, **kwargs)
            self.answers: dict[tuple[str, str | None], list] = {}

        def scan(self, value: str, key: str | None = None) -> list:
            answer = self.answers.get((value, key))
            if answer is None:
                answer = self.answers[(value, key)] = super().scan(value, key)
            return list(answer)

    return RememberingDetector.default(settings.extra_patterns, settings.allowlist_regexes)


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
    detector = remembering_detector(run_settings)
    skipped: Counter[str] = Counter()
    names: dict[str, tuple[str | None, str] | str] = {}

    def wanted(path: str) -> bool:
        verdict = names.get(path)
        if verdict is None:
            verdict = names[path] = name_filter(path, run_settings)
        return not isinstance(verdict, str)

    root = repo.work_tree or repo.git_dir
    not_on_disk = repo.git_dir / "mcplint-history"  # never created: rules must not find files here
    diagnostics: list[Diagnostic] = []
    seen_diagnostics: set[tuple[str, str]] = set()
    job_findings: dict[tuple[str, str], list[Finding] | None] = {}
    rules: list = []
    counts = {"scanned": 0}

    def check(blob: str, path: str, data: bytes, commit_sha: str) -> list[Finding] | None:
        """One file version through the pipeline: its findings, None when it holds no MCP content."""
        if len(data) > run_settings.max_file_size:
            skipped["over the size limit"] += 1
            return None
        verdict = names[path]
        assert not isinstance(verdict, str)
        kind, fmt = verdict
        loaded = pipeline.load_bytes(Candidate(not_on_disk / path, path, kind, fmt), data)
        if loaded.skip_reason is not None:
            skipped[loaded.skip_reason] += 1
        if loaded.diagnostic is not None and (path, loaded.diagnostic.message) not in seen_diagnostics:
            seen_diagnostics.add((path, loaded.diagnostic.message))
            message = f"{loaded.diagnostic.message} (in {commit_sha[:7]})"
            diagnostics.append(dataclasses.replace(loaded.diagnostic, message=message))
        if loaded.config is None:
            return None
        counts["scanned"] += 1
        loaded.config.git_tracked = True  # it was committed
        found, ran = pipeline.check_configs([loaded.config], diagnostics, run_settings, root, detector=detector)
        rules[:] = ran
        return found

    # Three things run at once: git log (a thread parses it and asks for each new blob), git
    # cat-file (answers in order) and this thread (runs the pipeline on each blob as it arrives).
    commits: list[Commit] = []
    paths_of: dict[str, list[str]] = {}  # blob -> paths to check it at (first commit's order)
    first_seen: dict[tuple[str, str], str] = {}  # job -> the commit that first asked for it
    lock = threading.Lock()
    arrivals: queue.SimpleQueue[str | None] = queue.SimpleQueue()
    failures: list[BaseException] = []
    cache: dict[str, bytes] = {}
    cache_room = [CACHE_BYTES]

    with reader_factory(repo.cwd) as reader:
        log = LogProcess(repo, revisions)

        def produce() -> None:
            try:
                for commit in log.commits(wanted):
                    commits.append(commit)
                    asked = False
                    for path, blob in commit.changes:
                        if not blob or blob in commit.removed:  # gone, or an exact rename: no new content
                            continue
                        with lock:
                            first_seen.setdefault((blob, path), commit.sha)
                            paths = paths_of.get(blob)
                            if paths is None:
                                paths_of[blob] = [path]
                                arrivals.put(blob)
                                reader.request(blob)
                                asked = True
                            elif path not in paths:
                                paths.append(path)
                    if asked:
                        reader.flush()
            except BaseException as error:  # noqa: BLE001 - handed to the main thread
                failures.append(error)
            finally:
                arrivals.put(None)

        producer = threading.Thread(target=produce, daemon=True)
        producer.start()
        try:
            while (blob := arrivals.get()) is not None:
                data = reader.receive_blob(blob)
                with lock:
                    paths = list(paths_of[blob])
                for path in paths:
                    job_findings[(blob, path)] = check(blob, path, data, first_seen[(blob, path)])
                if len(data) <= cache_room[0]:  # for the same blob at a path seen later
                    cache[blob] = data
                    cache_room[0] -= len(data)
        except BaseException:
            # Unblock the producer wherever it waits: on the log (killed: end of output) or on
            # a full request pipe (cat-file killed: the write fails and is ignored).
            log.stop()
            reader.process.kill()
            raise
        finally:
            producer.join()
        if failures:
            log.stop()
            raise failures[0]
        log.finish()
        entries = track(commits)
        for entry in entries:  # jobs found after their blob was checked
            if entry.job not in job_findings:
                blob, path = entry.job
                data = cache[blob] if blob in cache else reader.read(blob)
                job_findings[entry.job] = check(blob, path, data, commits[entry.commit].sha)
        known: set[tuple[str, str, str]] = set()
        if known_at is not None:
            for path, blob in tree_blobs(repo, known_at, {e.path for e in entries}).items():
                for finding in check(blob, path, cache.get(blob) or reader.read(blob), known_at) or ():
                    known.add(finding_key(finding, path))
        blobs_read = reader.reads
    scanned = counts["scanned"]
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
    return (finding.rule_id, lineage, (finding.digest.sha256 if finding.digest else "") or finding.fingerprint)


def attribute(
    commits: list[Commit],
    entries: list[Entry],
    job_findings: dict[tuple[str, str], list[Finding] | None],
    head: dict[str, str],
) -> list[Finding]:
    """One finding per key, at its first commit, with how many later commits hold it."""
    first: dict[tuple[str, str, str], tuple[Finding, Entry]] = {}
    holders: Counter[tuple[str, str, str]] = Counter()
    in_head: set[tuple[str, str, str]] = set()
    for entry in entries:
        in_head_now = head.get(entry.path) == entry.blob
        for finding in job_findings.get(entry.job) or ():
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
        results.append(dataclasses.replace(finding, commit=info))
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
