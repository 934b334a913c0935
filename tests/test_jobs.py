"""``--jobs`` changes how fast a scan runs, never what it reports."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from shared_paths import CORPUS as SHARED_CORPUS
from shared_paths import requires_corpora

from mcplint import pipeline as engine
from mcplint.reporters import render
from mcplint.settings.values import Settings

DEV = SHARED_CORPUS / "dev" / "repos"
pytestmark = requires_corpora(DEV, "the dev corpus")


@pytest.fixture(scope="module")
def corpus_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole dev corpus as one git repository (``_gitignore`` files renamed as score.py does)."""
    if not DEV.is_dir():
        pytest.fail(f"dev corpus not found at {DEV}")
    tree = tmp_path_factory.mktemp("corpus") / "repos"
    shutil.copytree(DEV, tree)
    for ignore in tree.rglob("_gitignore"):
        ignore.rename(ignore.with_name(".gitignore"))
    env_git = ["git"]  # identity and configuration: the isolated git of conftest.py
    subprocess.run([*env_git, "init", "-q", str(tree)], check=True)
    subprocess.run([*env_git, "-C", str(tree), "add", "-A"], check=True)
    subprocess.run([*env_git, "-C", str(tree), "commit", "-qm", "corpus"], check=True)
    return tree


def test_jobs_one_and_two_give_identical_sarif(corpus_tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "PARALLEL_THRESHOLD", 1)  # the corpus is small: force the pool
    serial = engine.scan([corpus_tree], Settings(), jobs=1)
    parallel = engine.scan([corpus_tree], Settings(), jobs=2)
    assert len(serial.findings) > 100
    assert render("sarif", serial) == render("sarif", parallel)
    assert render("text", serial) == render("text", parallel)
