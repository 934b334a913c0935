"""Every rule against its fixtures (yamllint's habit): ``tests/fixtures/rules/<CODE>/leak`` must give
exactly the findings its ``expected.txt`` lists, ``clean`` none; the text report of each leak
fixture is kept as a snapshot (ruff's habit). The layout is described in
``tests/fixtures/rules/README.md``; ``UPDATE_SNAPSHOTS=1`` rewrites the snapshots.

Each fixture is scanned with its rule alone selected, so a new rule never changes another rule's
fixtures, and a rule that is off by default is tested all the same.
"""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path

import pytest
from conftest import make_repo, secret

from mcplint.pipeline import scan
from mcplint.reporters import render
from mcplint.results.findings import ScanResult
from mcplint.rules import RULES
from mcplint.settings.values import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "rules"
# {{secret:PATTERN}} or {{secret:PATTERN#tag}}: a value generated from the pattern's own tp_generate,
# the same for the same tag within a fixture (MCP007 needs one secret in two files).
SECRET_SLOT = re.compile(r"\{\{secret:([a-z0-9-]+)(?:#(\w+))?\}\}")
META = "_fixture.json"  # {"untracked": [paths], "modes": {path: "0644"}}
NOT_FILES = {META, "expected.txt"}


def materialise(code: str, kind: str, target: Path) -> tuple[Path, list[str]]:
    """The fixture as a git repository under ``target``, and the secrets put in it."""
    source = FIXTURES / code / kind
    meta = json.loads((source / META).read_text(encoding="utf-8")) if (source / META).exists() else {}
    values: dict[str, str] = {}

    def value(match: re.Match[str]) -> str:
        pattern, tag = match.group(1), match.group(2) or ""
        key = f"{pattern}#{tag}"
        if key not in values:
            # Seeded by the fixture and slot: the same value on every run, whatever runs before.
            values[key] = secret(pattern, random.Random(f"{code}/{kind}/{key}"))
        return values[key]

    files: dict[str, str | bytes] = {}
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source).as_posix()
        if path.is_file() and rel not in NOT_FILES:
            name = re.sub(r"(^|/)_gitignore$", r"\1.gitignore", rel)
            files[name] = SECRET_SLOT.sub(value, path.read_text(encoding="utf-8"))
    repo = make_repo(target, files, untracked=meta.get("untracked", ()))
    for rel, mode in meta.get("modes", {}).items():
        os.chmod(repo / rel, int(mode, 8))
    return repo, list(values.values())


def scan_fixture(code: str, kind: str, tmp_path: Path) -> tuple[ScanResult, list[str]]:
    repo, secrets = materialise(code, kind, tmp_path / "repo")
    settings = Settings()
    settings.select = [code]
    return scan([repo], settings), secrets


def expected(code: str) -> list[str]:
    """``path:line:col CODE`` per expected finding, as ``expected.txt`` lists them (``#`` comments)."""
    lines = (FIXTURES / code / "leak" / "expected.txt").read_text(encoding="utf-8").splitlines()
    return [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]


CODES = sorted(RULES)


def test_every_rule_has_fixtures() -> None:
    assert sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()) == CODES
    for code in CODES:
        assert (FIXTURES / code / "leak" / "expected.txt").is_file() and (FIXTURES / code / "clean").is_dir()
        assert expected(code), f"{code}: the leak fixture expects nothing"


@pytest.mark.parametrize("code", CODES)
def test_leak_fixture_gives_exactly_the_expected_findings(code: str, tmp_path: Path) -> None:
    result, _ = scan_fixture(code, "leak", tmp_path)
    found = sorted(f"{f.path}:{f.span.line}:{f.span.col} {f.rule_id}" for f in result.findings)
    assert found == sorted(expected(code))


@pytest.mark.parametrize("code", CODES)
def test_clean_fixture_gives_nothing(code: str, tmp_path: Path) -> None:
    result, _ = scan_fixture(code, "clean", tmp_path)
    assert [f"{f.path}:{f.span.line} {f.rule_id}" for f in result.findings] == []
    assert result.complete


@pytest.mark.parametrize("code", CODES)
def test_leak_report_matches_its_snapshot(code: str, tmp_path: Path) -> None:
    result, secrets = scan_fixture(code, "leak", tmp_path)
    # Advice may name the file's absolute path (``chmod 600 /tmp/…/.env``): the snapshot says <repo>.
    report = render("text", result, color=False).replace(os.fspath(tmp_path / "repo"), "<repo>")
    for value in secrets:
        assert value not in report and value[4:16] not in report, "a secret reached the report"
    snapshot = FIXTURES / code / "leak.snap"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        snapshot.write_text(report, encoding="utf-8")
    assert snapshot.is_file(), f"no snapshot: run UPDATE_SNAPSHOTS=1 pytest {__file__}"
    assert report == snapshot.read_text(encoding="utf-8")


def test_fixture_files_hold_no_provider_token() -> None:
    """Provider tokens go in at test time (gitleaks' habit): no file in the repository holds one."""
    from mcplint.detect import Detector

    detector = Detector.default()
    found = [
        (path.relative_to(FIXTURES).as_posix(), hit.pattern_id)
        for path in sorted(FIXTURES.rglob("*"))
        if path.is_file()
        for line in path.read_text(encoding="utf-8").splitlines()
        for hit in detector.scan(line)
        if hit.confidence == "high"
    ]
    assert found == []
