"""``mcplint rules`` and ``mcplint rule``: the rule list and each rule's documentation."""

from __future__ import annotations

import typer

from mcplint.cli.common import Format, fail


def register(app: typer.Typer) -> None:
    app.command("rules")(list_rules)
    app.command("rule")(explain_rule)


def list_rules(
    explain: str | None = typer.Option(None, "--explain", help="Show one rule's full documentation."),
    format: Format = typer.Option(Format.text, "--format", "-f", help="text or json."),
) -> None:
    """List every rule: code, name, default severity and summary."""
    from mcplint.rules import all_rules, get

    if explain:
        rule = get(explain)
        if rule is None:
            raise fail(f"unknown rule: {explain}")
        typer.echo(f"{rule.code} {rule.name} ({rule.severity}, category {rule.category})\n")
        typer.echo(rule.doc)
        return
    rules = all_rules()
    if format is Format.json:
        import json

        payload = [
            {"code": r.code, "name": r.name, "severity": r.severity, "category": r.category,
             "summary": r.summary, "enabled_by_default": r.enabled_by_default}
            for r in rules
        ]
        typer.echo(json.dumps(payload, indent=2))
        return
    for rule in rules:
        flag = "" if rule.enabled_by_default else "  (off by default)"
        typer.echo(f"{rule.code}  {rule.name:<36} {rule.severity:<8} {rule.summary}{flag}")


def explain_rule(code: str = typer.Argument(..., help="Rule code or name, e.g. MCP001.")) -> None:
    """Show one rule's documentation (same as `rules --explain`)."""
    list_rules(explain=code, format=Format.text)
