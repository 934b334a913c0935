"""``python -m mcplint``: the same as the ``mcplint`` command."""

from mcplint.cli import run

run()
