"""Assertions shared by tests: graphs kg builds are valid, light commands import nothing heavy."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kg.validate import validate_graph


def assert_valid_graph(path: Path) -> None:
    """Fail with one readable line per SHACL result unless the graph at `path` is spotless (no
    violation, no warning), as every graph kg build writes must be."""
    report = validate_graph(path)
    assert report.conforms and not report.violations, "\n".join([report.summary(), *report.lines()])


HEAVY = {"spacy", "pyvis", "thinc", "torch"}


def imported_modules(*args: str) -> set[str]:
    """Top-level packages imported by `python -m kg ARGS` (from -X importtime's report on stderr)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kg", *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return modules_in(done.stderr)


def modules_in(importtime_report: str) -> set[str]:
    """Top-level packages named in a `-X importtime` report."""
    lines = [line for line in importtime_report.splitlines() if line.startswith("import time:")]
    return {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in lines}
