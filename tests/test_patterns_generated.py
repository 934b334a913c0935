"""The generated pattern module (``mcplint/detect/patterns_data.py``) matches the YAML it is built from."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from mcplint.detect import build, patterns
from mcplint.detect.patterns import Pattern, bundled_patterns, load_pattern_file, provider_files


def test_generated_module_is_current() -> None:
    """Fails when a provider YAML changed without ``python -m mcplint.detect.build``."""
    assert build.generated_path().read_text(encoding="utf-8") == build.render(), (
        "mcplint/detect/patterns_data.py is stale: run python -m mcplint.detect.build"
    )
    assert build.main(["--check"]) == 0


def test_generated_patterns_equal_the_yaml_field_by_field() -> None:
    from_yaml = [pattern for path in provider_files() for pattern in load_pattern_file(path)]
    from mcplint.detect import patterns_data

    from_module = [Pattern(**entry) for entry in patterns_data.PATTERNS]
    assert [p.id for p in from_module] == [p.id for p in from_yaml]
    for generated, loaded in zip(from_module, from_yaml, strict=True):
        for field in fields(Pattern):
            assert getattr(generated, field.name) == getattr(loaded, field.name), (generated.id, field.name)


def test_check_reports_a_stale_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / "patterns_data.py"
    stale.write_text(build.render().replace("ghp_", "ghq_"), encoding="utf-8")
    monkeypatch.setattr(build, "generated_path", lambda: stale)
    assert build.main(["--check"]) == 1
    assert build.main([]) == 0  # regenerates
    assert build.main(["--check"]) == 0


def _copy_providers(tmp_path: Path) -> Path:
    copy = tmp_path / "providers"
    shutil.copytree(patterns.providers_dir(), copy)
    return copy


def test_a_pattern_file_added_without_regenerating_is_still_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = _copy_providers(tmp_path)
    (copy / "zz-acme.yaml").write_text(
        "- id: acme-token\n  description: Acme token\n  regex: 'acme_[0-9a-f]{32}'\n  keywords: [acme_]\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(patterns, "providers_dir", lambda: copy)
    bundled_patterns.cache_clear()
    try:
        ids = [p.id for p in bundled_patterns()]
    finally:
        bundled_patterns.cache_clear()
    assert "acme-token" in ids and "github-pat" in ids


def test_a_resized_pattern_file_is_loaded_from_the_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = _copy_providers(tmp_path)
    github = copy / "github.yaml"
    github.write_text(github.read_text(encoding="utf-8").replace("GitHub personal", "GitHub (classic) personal"))
    monkeypatch.setattr(patterns, "providers_dir", lambda: copy)
    bundled_patterns.cache_clear()
    try:
        described = {p.id: p.description for p in bundled_patterns()}
    finally:
        bundled_patterns.cache_clear()
    assert described["github-pat"] == "GitHub (classic) personal access token"


def test_the_unchanged_providers_load_from_the_generated_module(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_yaml(path: Path) -> list[Pattern]:
        raise AssertionError(f"parsed {path.name}: the generated module should have been used")

    expected = sum(len(load_pattern_file(path)) for path in provider_files())
    monkeypatch.setattr(patterns, "load_pattern_file", no_yaml)
    bundled_patterns.cache_clear()
    try:
        assert len(bundled_patterns()) == expected
    finally:
        bundled_patterns.cache_clear()


def test_only_patterns_whose_keywords_occur_are_compiled(secret) -> None:
    """A hook run compiles the regexes of the patterns a value's keywords select, not all of them."""
    token = secret("github-pat")
    code = (
        "from mcplint.detect import Detector\n"
        "from mcplint.detect import patterns\n"
        "detector = Detector.default()\n"
        f"hits = detector.scan({token!r}, 'GITHUB_TOKEN') + detector.scan('info', 'LOG_LEVEL')\n"
        "print([h.pattern_id for h in hits])\n"
        "bundled = {p.regex_source: p.id for p in detector.patterns.patterns}\n"
        "print(sorted(bundled[r] for r in patterns._COMPILED if r in bundled))\n"
        "print(len(detector.patterns.patterns))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    hits, compiled, total = done.stdout.splitlines()
    assert hits == "['github-pat']"
    compiled_ids = eval(compiled)  # a printed list of ids
    assert "github-pat" in compiled_ids
    assert "discord-bot-token" in compiled_ids  # keyword-less: always runs
    assert len(compiled_ids) <= 4 < int(total)
    assert "stripe-secret-key" not in compiled_ids
