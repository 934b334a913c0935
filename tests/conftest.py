"""Shared test set-up: an isolated git for every test, synthetic secrets, repositories and scans.

- ``isolated_git`` (autouse): a temporary global gitconfig (never ``os.devnull``: as root a git
  write to the global config would replace ``/dev/null`` with a regular file), no system config,
  a temporary ``HOME`` and fixed author/committer identities, so the user's git can change nothing.
- ``secret(pattern_id)``: a value built by the bundled pattern's own ``tp_generate`` generator.
- ``make_repo`` / ``scan_tree``: a committed git repository in a temp dir, and a scan of it.
- A derandomised hypothesis profile, loaded for every run: no test passes or fails by seed.
- Tests of the shared corpora use ``shared_paths.requires_corpora``.
"""

from __future__ import annotations

import os
import random
import subprocess
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from mcplint.results.findings import ScanResult

hypothesis_settings.register_profile("mcplint", derandomize=True, deadline=None, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "mcplint"))

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "mcplint tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "mcplint tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
    "GIT_AUTHOR_DATE": "2024-01-01T00:00:00Z",
    "GIT_COMMITTER_DATE": "2024-01-01T00:00:00Z",
}
GITCONFIG = "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n[core]\n\tautocrlf = false\n"
# Variables that would point git at another repository or inject configuration.
_GIT_LEAKS = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_CONFIG_COUNT", "GIT_CONFIG_PARAMETERS")


@pytest.fixture(autouse=True)
def isolated_git(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test's git: a temp global gitconfig (returned, to add keys), no system config, fixed identity."""
    home = tmp_path_factory.mktemp("home")
    config = home / "gitconfig"
    config.write_text(GITCONFIG, encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg"))
    for name, value in GIT_IDENTITY.items():
        monkeypatch.setenv(name, value)
    for name in _GIT_LEAKS:
        monkeypatch.delenv(name, raising=False)
    return config


# -- secrets ------------------------------------------------------------------------------------

_RNG = random.Random("mcplint-tests")


def secret(pattern_id: str, rng: random.Random | None = None) -> str:
    """A synthetic value for ``pattern_id`` from its own ``tp_generate``, one the detector reports as it.

    Draws again when a draw happens to spell a placeholder word (``todo``, ``xxxx``): the detector
    rightly ignores those, and a test must not depend on the luck of the draw.
    """
    from mcplint.detect.patterns import generate_example

    detector = _detector()
    pattern = next((p for p in detector.patterns.patterns if p.id == pattern_id), None)
    if pattern is None:
        raise KeyError(f"no bundled pattern {pattern_id!r}")
    specs = pattern.examples.get("tp_generate", [])
    if not specs:
        raise ValueError(f"{pattern_id} has no tp_generate")
    rng = rng or _RNG
    key = pattern.examples.get("key")
    for _ in range(100):
        value = generate_example(specs[0], rng)
        if any(hit.pattern_id == pattern_id for hit in detector.scan(value, key)):
            return value
    raise AssertionError(f"{pattern_id}: tp_generate gave nothing the detector reports")


_DETECTOR = None


def _detector():  # noqa: ANN202 - the Detector type is imported lazily with it
    global _DETECTOR
    if _DETECTOR is None:
        from mcplint.detect import Detector

        _DETECTOR = Detector.default()
    return _DETECTOR


@pytest.fixture(name="secret")
def secret_fixture():  # noqa: ANN201
    """``secret(pattern_id)`` as a fixture, for tests that prefer injection to an import."""
    return secret


# -- repositories and scans ---------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` under the isolated configuration; its stdout."""
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` (relative path -> text or bytes) under ``root``, text without newline translation."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return root


def make_repo(
    root: Path,
    files: dict[str, str | bytes],
    *,
    untracked: Iterable[str] = (),
    commit: bool = True,
) -> Path:
    """Write ``files``, ``git init``, add everything not ignored, leave ``untracked`` out, commit."""
    root.mkdir(parents=True, exist_ok=True)
    write_tree(root, files)
    git(root, "init", "-q")
    git(root, "add", "-A")
    for rel in untracked:
        git(root, "rm", "-q", "--cached", "--", rel)
    if commit:
        git(root, "commit", "-q", "--allow-empty", "--no-verify", "-m", "snapshot")
    return root


def scan_tree(root: Path, *codes: str) -> ScanResult:
    """Scan ``root`` as ``mcplint scan`` would, with only ``codes`` selected when given."""
    from mcplint.pipeline import scan
    from mcplint.settings.values import Settings

    settings = Settings()
    if codes:
        settings.select = list(codes)
    return scan([root], settings)
