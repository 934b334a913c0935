"""Record mcplint's reports on the shared corpora, or compare two recordings byte for byte.

A refactoring must not change what users see. Run this before and after it::

    python bench/output_snapshot.py record /tmp/before
    # ... change the code ...
    python bench/output_snapshot.py record /tmp/after
    python bench/output_snapshot.py compare /tmp/before /tmp/after

Every dev repository and wild file is laid out as the shared scorer lays it out (``score.py``'s
``prepare_repo``), always at the same temporary path, so the SARIF, JSON and text reports of the
two runs are comparable byte for byte.
"""

from __future__ import annotations

import argparse
import filecmp
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FORMATS = {"sarif": "sarif", "json": "json", "text": "txt"}


def _shared() -> Path:
    for candidate in (os.environ.get("MCPLINT_SHARED"), REPO.parent / "shared"):
        if candidate and (Path(candidate) / "corpus").is_dir():
            return Path(candidate)
    sys.exit("output_snapshot: the shared corpora were not found (set MCPLINT_SHARED)")


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "tools" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _repos(shared: Path) -> list[tuple[str, Path, str]]:
    dev = shared / "corpus" / "dev" / "repos"
    wild = shared / "corpus" / "wild" / "files"
    found = [("dev", p, "repos") for p in sorted(dev.iterdir()) if p.is_dir()]
    found += [("wild", p, "files") for p in sorted(wild.iterdir()) if p.is_dir()]
    return found


def record(out: Path) -> None:
    shared = _shared()
    score = _scorer(shared)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.gettempdir()) / "mcplint-output-snapshot"
    for corpus, src, layout in _repos(shared):
        dst = work / corpus / src.name
        shutil.rmtree(dst, ignore_errors=True)
        dst.parent.mkdir(parents=True, exist_ok=True)
        score.prepare_repo(str(src), str(dst), layout=layout)
        env = score.git_env()
        env.pop("FORCE_COLOR", None)
        env["NO_COLOR"] = "1"
        for fmt, ext in FORMATS.items():
            report = out / corpus / f"{src.name}.{ext}"
            report.parent.mkdir(parents=True, exist_ok=True)
            proc = subprocess.run(
                [sys.executable, "-m", "mcplint", "scan", str(dst), "--format", fmt],
                cwd=dst, env=env, capture_output=True,
            )
            report.write_bytes(proc.stdout + f"\n--- exit {proc.returncode}\n".encode() + proc.stderr)
    print(f"recorded {len(list(out.rglob('*.*')))} reports in {out}")


def compare(before: Path, after: Path) -> int:
    names = sorted({p.relative_to(before) for p in before.rglob("*.*")}
                   | {p.relative_to(after) for p in after.rglob("*.*")})
    differ = [n for n in names if not (before / n).exists() or not (after / n).exists()
              or not filecmp.cmp(before / n, after / n, shallow=False)]
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(names) - len(differ)} of {len(names)} reports byte-identical")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("record").add_argument("out", type=Path)
    cmp = sub.add_parser("compare")
    cmp.add_argument("before", type=Path)
    cmp.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "record":
        record(args.out)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
