"""``python -m mcplint.detect.build``: regenerate ``mcplint/detect/patterns_data.py`` from the YAML.

The bundled patterns are written and reviewed as ``mcplint/detect/providers/*.yaml``; a run loads
them from the generated module instead (no YAML import, no parsing, no validation: ~20 ms of every
hook run). Run this after changing a pattern file; ``tests/test_patterns_generated.py`` fails
until you do. ``--check`` exits 1 when the module is out of date, without writing it.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import fields
from pathlib import Path

from mcplint.detect.patterns import Pattern, PatternSet, load_pattern_file, provider_files, provider_fingerprint

HEADER = '''"""Bundled secret patterns, generated from ``mcplint/detect/providers/*.yaml``: do not edit.

Regenerate with ``python -m mcplint.detect.build``; ``tests/test_patterns_generated.py`` checks
that this module matches the pattern files.
"""

# ruff: noqa: E501
# fmt: off
'''


def generated_path() -> Path:
    return Path(__file__).resolve().parent / "patterns_data.py"


def _entry(pattern: Pattern) -> dict:
    return {f.name: getattr(pattern, f.name) for f in fields(Pattern)}


def render() -> str:
    """The module's text for the pattern files as they are now (validated as a run would load them)."""
    patterns = [pattern for path in provider_files() for pattern in load_pattern_file(path)]
    PatternSet(patterns)  # duplicate ids fail here, at build time
    lines = [HEADER, "SOURCES = ("]
    lines += [f"    {source!r}," for source in provider_fingerprint()]
    lines += [")", "", "PATTERNS = ("]
    lines += [f"    {_entry(pattern)!r}," for pattern in patterns]
    lines += [")", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mcplint.detect.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the generated module is out of date")
    args = parser.parse_args(argv)
    text = render()
    target = generated_path()
    current = target.read_text(encoding="utf-8") if target.exists() else None
    if args.check:
        if current != text:
            print(f"{target.name} is out of date: run python -m mcplint.detect.build", file=sys.stderr)
            return 1
        return 0
    if current != text:
        from mcplint.fsutil import atomic_write_text

        atomic_write_text(target, text)
        print(f"wrote {target} ({text.count(chr(10))} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
