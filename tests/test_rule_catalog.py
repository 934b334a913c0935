"""The rule docs are generated from the rules: the README table and docs/rules/ are current, and
every rule documents what it does, why, an example and what to write instead."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mcplint.rules import all_rules
from mcplint.rules.catalog import SECTIONS, expected_files, rule_page, stale

CHECKOUT = Path(__file__).resolve().parent.parent


def test_generated_rule_docs_are_current() -> None:
    assert [p.relative_to(CHECKOUT).as_posix() for p in stale(CHECKOUT)] == [], (
        "run python -m mcplint.rules.catalog --write"
    )


def test_every_rule_has_a_page_and_a_table_row() -> None:
    readme = expected_files(CHECKOUT)[CHECKOUT / "README.md"]
    for rule in all_rules():
        assert f"| [{rule.code}](docs/rules/{rule.code}.md) | {rule.name} |" in readme
        assert (CHECKOUT / "docs" / "rules" / f"{rule.code}.md") in expected_files(CHECKOUT)


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.code)
def test_every_rule_documents_its_sections_in_order(rule) -> None:  # noqa: ANN001
    headings = re.findall(r"^## (.+)$", rule.doc, re.M)
    assert headings == list(SECTIONS)
    for heading in SECTIONS:
        body = rule.doc.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
        assert body.strip(), f"{rule.code}: empty '{heading}' section"
    assert rule.summary and not rule.summary.endswith(".")


def test_a_changed_docstring_makes_the_docs_stale(tmp_path: Path) -> None:
    """The check compares content: a page that differs by one word is stale."""
    rule = all_rules()[0]
    page = rule_page(rule)
    assert rule.doc.strip() in page and page.startswith(f"# {rule.code} {rule.name}\n")
    checkout = tmp_path / "checkout"
    for path, text in expected_files(CHECKOUT).items():
        target = checkout / path.relative_to(CHECKOUT)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    assert stale(checkout) == []
    changed = checkout / "docs" / "rules" / f"{rule.code}.md"
    changed.write_text(page.replace("## Why is this bad?", "## Why"), encoding="utf-8")
    assert stale(checkout) == [changed]
