"""Every graph kg build writes conforms to ontology/shapes.ttl, with no violation and no warning."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import build
from kg.validate import validate_graph

ROOT = Path(__file__).resolve().parent.parent


def assert_valid_graph(path: Path) -> None:
    """Fail with one readable line per SHACL result unless the graph at `path` is spotless."""
    report = validate_graph(path)
    assert report.conforms and not report.violations, "\n".join([report.summary(), *report.lines()])


@pytest.mark.model
@pytest.mark.parametrize("corpus", ["seeds", "tests/data/articles"])
def test_built_graph_conforms(nlp, tmp_path, corpus):
    output = tmp_path / "graph.ttl"
    report = build([ROOT / corpus], output, nlp=nlp, cache_dir=None)
    assert report.facts > 0
    assert_valid_graph(output)
