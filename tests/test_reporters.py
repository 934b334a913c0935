"""Tests for the reporters: text, json, sarif and github output built from hand-made results."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from mcplint.parse.document import Span
from mcplint.reporters import FORMATS, render
from mcplint.results.findings import Diagnostic, Finding, ScanResult, SecretDigest
from mcplint.rules.base import Rule

SCHEMA_PATH = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
RAW_SECRET = "ghp_R4wS3cr3tV4lu3ThatMustNeverBePrinted00"
ANSI = re.compile(r"\x1b\[")

SECRET_DOC = """## What it does
Finds hardcoded credentials in the `env` blocks of MCP server definitions.

## Why is this bad?
A token committed to a repository is readable by everyone who can clone it.

## Example
```json
{"env": {"GITHUB_TOKEN": "ghp_..."}}
```
"""

RULES = [
    Rule(
        code="MCP001",
        name="hardcoded-secret",
        summary="Hardcoded secret in an MCP server config",
        severity="error",
        category="secret",
        security_severity="9.5",
        precision="high",
        doc=SECRET_DOC,
    ),
    Rule(
        code="MCP003",
        name="dotenv-not-ignored",
        summary="A .env file with secrets is not ignored by git",
        severity="warning",
        category="dotenv-not-ignored",
        security_severity="5.5",
        precision="very-high",
        doc="## What it does\nChecks that `.env` files holding secrets are git-ignored.\n",
    ),
    Rule(
        code="MCP010",
        name="url-credentials",
        summary="Credentials embedded in a server URL",
        severity="note",
        category="url-credentials",
        security_severity="2.0",
        precision="medium",
        doc="",
    ),
]

SECRET_FINDING = Finding(
    rule_id="MCP001",
    path="config/mcp.json",
    span=Span(line=4, col=24, end_line=4, end_col=64, start=80, end=120),
    message='Hardcoded GitHub token in "env.GITHUB_TOKEN"',
    severity="error",
    category="secret",
    fingerprint="a1b2c3d4e5f60718293a4b5c6d7e8f90",
    snippet='      "GITHUB_TOKEN": "ghp_********"',
    secret_hash="hash-of-" + RAW_SECRET,
    security_severity="9.5",
    digest=SecretDigest.of(RAW_SECRET),
)
DOTENV_FINDING = Finding(
    rule_id="MCP003",
    path="my configs/clé.env",
    span=Span(line=1, col=9, end_line=1, end_col=29, start=8, end=28),
    message="Secret in a .env file that git does not ignore",
    severity="warning",
    category="dotenv-not-ignored",
    fingerprint="0f1e2d3c4b5a69788796a5b4c3d2e1f0",
    snippet="API_KEY=sk-p********",
)
URL_FINDING = Finding(
    rule_id="MCP010",
    path="config/mcp.json",
    span=Span(line=9, col=5, end_line=10, end_col=3, start=200, end=240),
    message='Credentials in the URL of server "remote"',
    severity="note",
    category="url-credentials",
    fingerprint="ffeeddccbbaa99887766554433221100",
    snippet='    "url": "https://user:****@example.com"',
)
PARSE_ERROR = Diagnostic(
    path="broken.yaml", message="could not parse: mapping values are not allowed here", line=3, col=7
)


def make_result(findings: list[Finding] | None = None, diagnostics: list[Diagnostic] | None = None) -> ScanResult:
    """A scan of 14 files under a root whose name has a space."""
    return ScanResult(
        findings=[URL_FINDING, DOTENV_FINDING, SECRET_FINDING] if findings is None else findings,
        diagnostics=[PARSE_ERROR] if diagnostics is None else diagnostics,
        rules=list(RULES),
        root="/home/dev/my project",
        files_scanned=14,
        skipped={"too-large": 1, "binary": 2},
        version="0.1.0",
    )


def clean_result() -> ScanResult:
    return make_result(findings=[], diagnostics=[])


def many_findings(count: int, severity: str, rule_id: str = "MCP001") -> list[Finding]:
    return [
        Finding(
            rule_id=rule_id,
            path=f"servers/{severity}.json",
            span=Span(line=i + 1, col=3, end_line=i + 1, end_col=10, start=0, end=7),
            message=f"{severity} number {i}",
            severity=severity,
            category="secret",
            fingerprint=f"{severity}-{i:05d}",
            snippet="  x: ab****",
        )
        for i in range(count)
    ]


# --- public API -------------------------------------------------------------------------------


def test_formats_and_unknown_format() -> None:
    assert FORMATS == ("text", "json", "sarif", "github")
    with pytest.raises(ValueError, match="unknown output format"):
        render("xml", make_result())


def test_reporters_are_imported_lazily_and_without_jsonschema() -> None:
    code = (
        "import sys\n"
        "import mcplint.reporters as r\n"
        "assert not any(m.startswith('mcplint.reporters.') for m in sys.modules), sorted(sys.modules)\n"
        "from mcplint.results.findings import ScanResult\n"
        "for fmt in r.FORMATS:\n"
        "    r.render(fmt, ScanResult([], [], [], '/tmp'))\n"
        "assert 'jsonschema' not in sys.modules\n"
    )
    root = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root, env={"PYTHONPATH": str(root)})


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_secret_outside_message_and_snippet(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    output = render(fmt, make_result(), color=True, verbose=True)
    written = summary.read_text(encoding="utf-8") if summary.exists() else ""
    for text in (output, written):
        assert RAW_SECRET not in text
        assert RAW_SECRET[4:20] not in text
        assert "hash-of-" not in text
        assert "github-pat" not in text


# --- text -------------------------------------------------------------------------------------


def test_text_layout_and_caret_position() -> None:
    output = render("text", make_result())
    expected_block = (
        'config/mcp.json:4:24: MCP001 [error] Hardcoded GitHub token in "env.GITHUB_TOKEN"\n'
        "  |\n"
        '4 |       "GITHUB_TOKEN": "ghp_********"\n'
        "  |                        ^^^^^^^^^^^^\n"
    )
    assert output.startswith(expected_block)
    frame = output.splitlines()
    assert frame[3].index("^") == frame[2].index("ghp_")
    assert frame[3].count("^") == len("ghp_********")  # clipped to the redacted token, not past the quote


def test_text_caret_exact_when_span_fits_snippet() -> None:
    output = render("text", make_result(findings=[DOTENV_FINDING], diagnostics=[]))
    lines = output.splitlines()
    assert lines[2] == "1 | API_KEY=sk-p********"
    assert lines[3] == "  |         " + "^" * 12
    assert lines[3].index("^") == lines[2].index("sk-p")


def test_text_multiline_span_has_no_caret() -> None:
    output = render("text", make_result(findings=[URL_FINDING], diagnostics=[]))
    assert output.splitlines()[:3] == [
        'config/mcp.json:9:5: MCP010 [note] Credentials in the URL of server "remote"',
        "  |",
        '9 |     "url": "https://user:****@example.com"',
    ]
    assert "^" not in output


def test_text_groups_by_file_sorts_and_summarises() -> None:
    output = render("text", make_result())
    headers = [line for line in output.splitlines() if re.match(r"^\S.*:\d+:\d+: ", line)]
    assert headers == [
        'config/mcp.json:4:24: MCP001 [error] Hardcoded GitHub token in "env.GITHUB_TOKEN"',
        'config/mcp.json:9:5: MCP010 [note] Credentials in the URL of server "remote"',
        "my configs/clé.env:1:9: MCP003 [warning] Secret in a .env file that git does not ignore",
        "broken.yaml:3:7: warning: could not parse: mapping values are not allowed here",
    ]
    assert output.endswith("Found 3 problems (1 error, 1 warning, 1 note) in 2 files; 14 files scanned.\n")
    assert "Skipped" not in output


def test_text_summary_counts_and_clean_run() -> None:
    result = make_result(findings=[SECRET_FINDING, *many_findings(1, "error"), DOTENV_FINDING], diagnostics=[])
    assert render("text", result).endswith("Found 3 problems (2 errors, 1 warning) in 3 files; 14 files scanned.\n")
    assert render("text", clean_result()) == "No problems found; 14 files scanned.\n"


def test_text_verbose_lists_skipped_reasons() -> None:
    output = render("text", clean_result(), verbose=True)
    assert output == "No problems found; 14 files scanned.\nSkipped 3 files:\n  binary: 2\n  too-large: 1\n"


def test_text_colour_only_when_asked() -> None:
    assert not ANSI.search(render("text", make_result(), color=False, verbose=True))
    coloured = render("text", make_result(), color=True)
    assert "\x1b[1;31m[error]\x1b[0m" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == render("text", make_result())


def test_text_escapes_control_characters_from_files() -> None:
    hostile = Finding(
        rule_id="MCP001",
        path="evil\x1b[2J.json",
        span=Span(2, 5, 2, 9, 0, 4),
        message="bad \x1b[31mred\x1b[0m\nsecond line",
        severity="error",
        category="secret",
        fingerprint="f",
        snippet="\tk:\x07 ab****",
    )
    output = render("text", make_result(findings=[hostile], diagnostics=[]))
    assert "\x1b" not in output and "\x07" not in output
    assert "evil\\x1b[2J.json:2:5: MCP001 [error] bad \\x1b[31mred\\x1b[0m\\nsecond line" in output
    lines = output.splitlines()
    # the tab is kept and the escaped BEL counted at its printed width, so the caret stays aligned
    assert lines[2] == "2 | \tk:\\x07 ab****"
    assert lines[3] == "  | \t" + " " * 6 + "^^^^"


def test_text_unreadable_file_diagnostic() -> None:
    output = render("text", make_result(findings=[], diagnostics=[Diagnostic("secret.env", "could not read: permission denied")]))
    assert "secret.env: warning: could not read: permission denied\n" in output


# --- json -------------------------------------------------------------------------------------


def test_json_document() -> None:
    output = render("json", make_result())
    assert output.endswith("}\n") and output.startswith('{\n  "diagnostics"')
    data = json.loads(output)
    assert data["version"] == 1
    assert data["tool"] == {"name": "mcplint", "version": "0.1.0"}
    assert data["summary"] == {
        "files_scanned": 14,
        "findings": 3,
        "by_severity": {"error": 1, "warning": 1, "note": 1},
        "skipped": {"binary": 2, "too-large": 1},
        "not_scanned": 0,
        "unreadable": 0,
        "complete": True,
    }
    assert [f["rule_id"] for f in data["findings"]] == ["MCP001", "MCP010", "MCP003"]
    assert data["findings"][0] == {
        "rule_id": "MCP001",
        "rule_name": "hardcoded-secret",
        "severity": "error",
        "category": "secret",
        "path": "config/mcp.json",
        "line": 4,
        "column": 24,
        "end_line": 4,
        "end_column": 64,
        "message": 'Hardcoded GitHub token in "env.GITHUB_TOKEN"',
        "snippet": '      "GITHUB_TOKEN": "ghp_********"',
        "fingerprint": "a1b2c3d4e5f60718293a4b5c6d7e8f90",
    }
    assert data["findings"][2]["path"] == "my configs/clé.env"
    assert data["diagnostics"] == [
        {"path": "broken.yaml", "line": 3, "column": 7, "level": "warning", "message": PARSE_ERROR.message}
    ]
    assert output.isascii()


def test_json_clean_and_unknown_rule_name() -> None:
    data = json.loads(render("json", clean_result()))
    assert data["findings"] == [] and data["diagnostics"] == []
    assert data["summary"]["by_severity"] == {"error": 0, "warning": 0, "note": 0}
    orphan = many_findings(1, "warning", rule_id="MCP999")
    assert json.loads(render("json", make_result(findings=orphan)))["findings"][0]["rule_name"] == ""


# --- sarif ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert jsonschema.validators.validator_for(schema) is jsonschema.Draft4Validator
    return jsonschema.Draft4Validator(schema)


def sarif(result: ScanResult, **options: object) -> dict:
    return json.loads(render("sarif", result, **options))


def test_vendored_schema_is_the_official_file() -> None:
    assert hashlib.sha256(SCHEMA_PATH.read_bytes()).hexdigest() == SCHEMA_SHA256


@pytest.mark.parametrize("result", [make_result(), clean_result()], ids=["findings", "clean"])
def test_sarif_validates_against_official_schema(sarif_validator, result: ScanResult) -> None:
    log = sarif(result)
    errors = sorted(sarif_validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_sarif_clean_run_has_empty_results_and_all_rules() -> None:
    run = sarif(clean_result())["runs"][0]
    assert run["results"] == []
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["MCP001", "MCP003", "MCP010"]
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_sarif_github_required_fields() -> None:
    log = sarif(make_result())
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "mcplint" and driver["semanticVersion"] == "0.1.0"
    assert driver["informationUri"].startswith("https://")
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["automationDetails"] == {"id": "mcplint/"}
    assert set(run["originalUriBaseIds"]) == {"%SRCROOT%"}
    assert "uri" not in run["originalUriBaseIds"]["%SRCROOT%"]  # the absolute root would name the user
    for rule in driver["rules"]:
        for key in ("shortDescription", "fullDescription", "help"):
            assert rule[key]["text"].strip() and len(rule[key]["text"]) <= (1024 if key != "help" else 10**6)
        assert rule["defaultConfiguration"]["level"] in ("note", "warning", "error")
        tags = rule["properties"]["tags"]
        assert tags[0] == "security" and len(tags) == 2
        assert 0.0 <= float(rule["properties"]["security-severity"]) <= 10.0
        assert rule["properties"]["precision"] in ("very-high", "high", "medium", "low")
    secret_rule = driver["rules"][0]
    assert secret_rule["name"] == "hardcoded-secret"
    assert secret_rule["fullDescription"]["text"] == (
        "Finds hardcoded credentials in the `env` blocks of MCP server definitions."
    )
    assert secret_rule["help"]["markdown"] == SECRET_DOC.strip()
    assert secret_rule["properties"]["tags"] == ["security", "secret"]
    # a rule without a doc still gets non-empty descriptions
    assert driver["rules"][2]["fullDescription"]["text"] == "Credentials embedded in a server URL"


def test_sarif_results_locations_and_fingerprints() -> None:
    run = sarif(make_result())["runs"][0]
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["MCP001", "MCP010", "MCP003"]
    for res in results:
        assert rule_ids[res["ruleIndex"]] == res["ruleId"]
        location = res["locations"][0]["physicalLocation"]
        uri = location["artifactLocation"]["uri"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not uri.startswith(("/", "./", "file:")) and " " not in uri and uri.isascii()
        assert set(location["region"]) >= {"startLine", "startColumn", "endLine", "endColumn"}
        assert res["partialFingerprints"]["primaryLocationLineHash"] == res["partialFingerprints"]["mcplint/v1"]
    first, _, dotenv = results
    assert first["level"] == "error"
    assert first["message"]["text"] == SECRET_FINDING.message
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 4,
        "startColumn": 24,
        "endLine": 4,
        "endColumn": 64,
        "snippet": {"text": SECRET_FINDING.snippet},
    }
    assert first["partialFingerprints"]["primaryLocationLineHash"] == SECRET_FINDING.fingerprint
    assert first["properties"] == {"tags": ["secret"], "security-severity": "9.5"}
    assert dotenv["level"] == "warning"
    dotenv_uri = dotenv["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert dotenv_uri == "my%20configs/cl%C3%A9.env"
    assert unquote(dotenv_uri) == DOTENV_FINDING.path


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("./a/b.json", "a/b.json"),
        ("a//b.json", "a/b.json"),
        ("dir #1/x?y.json", "dir%20%231/x%3Fy.json"),
        ("100%/c:d.json", "100%25/c%3Ad.json"),
    ],
)
def test_sarif_uri_encoding(path: str, uri: str, sarif_validator) -> None:
    finding = many_findings(1, "error")[0]
    finding.path = path
    log = sarif(make_result(findings=[finding], diagnostics=[]))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": uri, "uriBaseId": "%SRCROOT%"}
    assert not list(sarif_validator.iter_errors(log))


def test_sarif_diagnostics_become_notifications() -> None:
    (invocation,) = sarif(make_result())["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is True
    assert invocation["toolExecutionNotifications"] == [
        {
            "level": "warning",
            "message": {"text": PARSE_ERROR.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": "broken.yaml", "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": 3, "startColumn": 7},
                    }
                }
            ],
        }
    ]


def test_sarif_category_option() -> None:
    assert sarif(make_result(), category="mcplint-prod")["runs"][0]["automationDetails"] == {"id": "mcplint-prod/"}
    assert sarif(make_result(), category="custom/")["runs"][0]["automationDetails"] == {"id": "custom/"}


def test_sarif_is_byte_identical_across_renders() -> None:
    first = render("sarif", make_result())
    shuffled = make_result(findings=[SECRET_FINDING, DOTENV_FINDING, URL_FINDING])
    shuffled.rules = list(reversed(RULES))
    assert render("sarif", make_result()) == first
    assert render("sarif", shuffled) == first
    assert first.endswith("}\n") and first.isascii()


def test_sarif_cap_keeps_most_severe_and_reports_dropped(sarif_validator) -> None:
    findings = many_findings(3, "note") + many_findings(2, "error") + many_findings(3, "warning")
    log = sarif(make_result(findings=findings, diagnostics=[]), max_results=4)
    run = log["runs"][0]
    assert [r["level"] for r in run["results"]] == ["error", "error", "warning", "warning"]
    (notification,) = run["invocations"][0]["toolExecutionNotifications"]
    assert notification["level"] == "warning"
    assert notification["message"]["text"].startswith("4 of 8 results were dropped")
    assert not list(sarif_validator.iter_errors(log))


def test_sarif_default_cap_is_githubs_limit() -> None:
    findings = many_findings(25_001, "warning") + many_findings(1, "error")
    run = sarif(make_result(findings=findings, diagnostics=[]))["runs"][0]
    assert len(run["results"]) == 25_000
    assert "error" in {r["level"] for r in run["results"]}
    assert (
        "2 of 25002 results were dropped" in run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    )


def test_sarif_unknown_rule_and_bad_security_severity(sarif_validator) -> None:
    orphan = many_findings(1, "warning", rule_id="MCP999")[0]
    orphan.security_severity = "high"  # not a number: GitHub would fail processing
    result = make_result(findings=[orphan], diagnostics=[])
    result.rules = [Rule("MCP001", "x", "summary", "error", "secret", "not-a-number", "high", "")]
    log = sarif(result)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ["MCP001", "MCP999"]
    assert "security-severity" not in rules[0]["properties"]
    assert log["runs"][0]["results"][0]["ruleIndex"] == 1
    assert "security-severity" not in log["runs"][0]["results"][0]["properties"]
    assert not list(sarif_validator.iter_errors(log))


def test_sarif_full_description_is_capped() -> None:
    long_doc = "## What it does\n" + "word " * 400
    result = clean_result()
    result.rules = [Rule("MCP001", "x", "summary", "error", "secret", "9.0", "high", long_doc)]
    rule = sarif(result)["runs"][0]["tool"]["driver"]["rules"][0]
    assert len(rule["fullDescription"]["text"]) <= 1024
    assert rule["fullDescription"]["text"].endswith("\u2026")
    assert rule["help"]["text"] == long_doc.strip()


# --- github -----------------------------------------------------------------------------------


def github(result: ScanResult) -> list[str]:
    return render("github", result).splitlines()


@pytest.fixture(autouse=True)
def _no_step_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def test_github_annotations() -> None:
    lines = github(make_result())
    assert lines[:4] == [
        "::error file=config/mcp.json,line=4,endLine=4,col=24,endColumn=64,title=MCP001 hardcoded-secret"
        '::Hardcoded GitHub token in "env.GITHUB_TOKEN"',
        "::notice file=config/mcp.json,line=9,endLine=10,title=MCP010 url-credentials"
        '::Credentials in the URL of server "remote"',
        "::warning file=my configs/clé.env,line=1,endLine=1,col=9,endColumn=29,title=MCP003 dotenv-not-ignored"
        "::Secret in a .env file that git does not ignore",
        "::warning file=broken.yaml,line=3,endLine=3,col=7,title=mcplint%3A file problem"
        "::could not parse: mapping values are not allowed here",
    ]
    assert not any(line.startswith("::notice::") for line in lines)


def test_github_plain_log_follows_annotations_inside_stop_commands() -> None:
    lines = github(make_result())
    start = next(i for i, line in enumerate(lines) if line.startswith("::stop-commands::"))
    token = lines[start].removeprefix("::stop-commands::")
    assert lines[-1] == f"::{token}::"
    assert lines[start + 1 : -1] == [
        'config/mcp.json:4:24: MCP001 [error] Hardcoded GitHub token in "env.GITHUB_TOKEN"',
        'config/mcp.json:9:5: MCP010 [note] Credentials in the URL of server "remote"',
        "my configs/clé.env:1:9: MCP003 [warning] Secret in a .env file that git does not ignore",
        "broken.yaml:3:7: warning: could not parse: mapping values are not allowed here",
        "Found 3 problems (1 error, 1 warning, 1 note) in 2 files; 14 files scanned.",
    ]


def test_github_escaping() -> None:
    tricky = Finding(
        rule_id="MCP001",
        path="odd,dir/a:b%.json",
        span=Span(2, 3, 2, 8, 0, 5),
        message="100% sure: a, b\r\nnext ::error::injected",
        severity="error",
        category="secret",
        fingerprint="f",
    )
    lines = github(make_result(findings=[tricky], diagnostics=[]))
    assert lines[0] == (
        "::error file=odd%2Cdir/a%3Ab%25.json,line=2,endLine=2,col=3,endColumn=8,title=MCP001 hardcoded-secret"
        "::100%25 sure: a, b%0D%0Anext ::error::injected"
    )
    # the log copy stays on one line, and sits inside stop-commands
    assert "odd,dir/a:b%.json:2:3: MCP001 [error] 100% sure: a, b\\nnext ::error::injected" in lines


def test_github_caps_ten_per_level_with_omitted_notice() -> None:
    findings = many_findings(12, "error") + many_findings(3, "warning") + many_findings(10, "note")
    lines = github(make_result(findings=findings, diagnostics=[]))
    annotations = [line for line in lines if re.match(r"^::(error|warning|notice) ", line)]
    assert sum(line.startswith("::error ") for line in annotations) == 10
    assert sum(line.startswith("::warning ") for line in annotations) == 3
    # the omitted-count notice is a notice too, so 9 note annotations leave room for it
    assert sum(line.startswith("::notice ") for line in annotations) == 9
    notices = [line for line in lines if line.startswith("::notice::")]
    assert notices == [
        "::notice::mcplint: 3 more annotations omitted (2 errors, 1 notice); GitHub shows at most 10 per level "
        "in a step. Every finding is listed in the log below."
    ]
    assert len([line for line in lines if re.match(r"^servers/\w+\.json:\d+:3: ", line)]) == 25


def test_github_exactly_ten_per_level_needs_no_notice() -> None:
    findings = many_findings(10, "error") + many_findings(10, "note")
    lines = github(make_result(findings=findings, diagnostics=[]))
    assert sum(line.startswith("::notice ") for line in lines) == 10
    assert not any(line.startswith("::notice::") for line in lines)


def test_github_step_summary_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "step_summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    tricky = many_findings(1, "warning")[0]
    tricky.message = "a | b <script> *ab****_"
    render("github", make_result(findings=[SECRET_FINDING, DOTENV_FINDING, URL_FINDING, tricky]))
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## mcplint\n")
    assert "| Severity | Rule | Location | Message |" in text
    assert "| error | MCP001 hardcoded-secret | config/mcp.json:4:24 | Hardcoded GitHub token" in text
    assert "| warning | MCP003 dotenv-not-ignored | my configs/clé.env:1:9 |" in text
    assert "a \\| b &lt;script&gt; \\*ab\\*\\*\\*\\*\\_" in text
    assert "broken.yaml:3:7: could not parse: mapping values are not allowed here" in text
    assert len(re.findall(r"^\| (error|warning|note) \|", text, re.M)) == 4


def test_github_step_summary_not_written_without_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    render("github", make_result())
    assert list(tmp_path.iterdir()) == []


def test_github_unwritable_step_summary_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "missing-dir" / "summary.md"))
    lines = github(make_result())
    assert any(line.startswith("::warning::mcplint could not write the job summary") for line in lines)
