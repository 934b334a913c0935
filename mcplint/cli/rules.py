"""``mcplint rules`` and ``mcplint rule``: the rule list and each rule's documentation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from mcplint.cli.common import Format, fail

if TYPE_CHECKING:
    from mcplint.rules.base import Rule


def register(app: typer.Typer) -> None:
    app.command("rules")(list_rules)
    app.command("rule")(explain_rule)


def rule_dict(rule: Rule) -> dict[str, Any]:
    """A rule as ``rules --format json`` prints it."""
    return {
        "code": rule.code, "name": rule.name, "severity": rule.severity, "category": rule.category,
        "summary": rule.summary, "enabled_by_default": rule.enabled_by_default,
        "security_severity": rule.security_severity, "precision": rule.precision, "doc": rule.doc,
    }


def list_rules(
    explain: str | None = typer.Option(None, "--explain", help="Show one rule's full documentation."),
    format: Format = typer.Option(Format.text, "--format", "-f", help="text or json."),
) -> None:
    """List every rule: code, name, default severity and summary."""
    import json

    from mcplint.rules import all_rules, get

    if format not in (Format.text, Format.json):
        raise fail(f"rules prints text or json, not {format.value}")
    if explain:
        rule = get(explain)
        if rule is None:
            from mcplint.settings.selectors import unknown_message

            raise fail(unknown_message(explain, "--explain"))
        if format is Format.json:
            typer.echo(json.dumps(rule_dict(rule), indent=2))
            return
        typer.echo(f"{rule.code} {rule.name} ({rule.severity}, category {rule.category})\n")
        typer.echo(rule.doc)
        return
    rules = all_rules()
    if format is Format.json:
        typer.echo(json.dumps([rule_dict(r) for r in rules], indent=2))
        return
    for rule in rules:
        flag = "" if rule.enabled_by_default else "  (off by default)"
        typer.echo(f"{rule.code}  {rule.name:<36} {rule.severity:<8} {rule.summary}{flag}")


def explain_rule(
    code: str = typer.Argument(..., help="Rule code or name, e.g. MCP001."),
    format: Format = typer.Option(Format.text, "--format", "-f", help="text or json."),
) -> None:
    """Show one rule's documentation (same as `rules --explain`)."""
    list_rules(explain=code, format=format)
