"""Assertions shared by the tests that build graphs."""
from __future__ import annotations

from pathlib import Path

from kg.validate import validate_graph


def assert_valid_graph(path: Path) -> None:
    """Fail with one readable line per SHACL result unless the graph at `path` is spotless (no
    violation, no warning), as every graph kg build writes must be."""
    report = validate_graph(path)
    assert report.conforms and not report.violations, "\n".join([report.summary(), *report.lines()])
