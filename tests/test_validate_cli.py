"""`kg validate` from the command line: exit 0/1/2, the failing node in the output, never a traceback."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def run(*args: str):
    """Invoke `kg validate ARGS` and check that nothing escaped as a traceback."""
    result = runner.invoke(app, ["validate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


@pytest.fixture()
def broken(sample_graph_path, tmp_path):
    """The sample graph with a second rdfs:label on ent:ubisoft."""
    path = tmp_path / "graph.ttl"
    extra = '\n<https://example.org/kg/entity/ubisoft> <http://www.w3.org/2000/01/rdf-schema#label> "Ubisoft SA" .\n'
    path.write_text(sample_graph_path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


def test_conforming_graph_exits_0_with_a_summary(sample_graph_path):
    result = run("-g", str(sample_graph_path))
    assert result.exit_code == 0
    assert result.stdout.rstrip().endswith("conforms: 0 violations, 2 warnings, 0 infos")


def test_broken_graph_exits_1_and_names_the_node(broken):
    result = run("-g", str(broken))
    assert result.exit_code == 1
    assert "Violation: ent:ubisoft — rdfs:label — " in result.stdout
    assert result.stdout.rstrip().endswith("does not conform: 2 violations, 2 warnings, 0 infos")


def test_json_report_lists_focus_path_and_message(broken):
    result = run("-g", str(broken), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["conforms"] is False
    assert {"focus": "ent:ubisoft", "path": "rdfs:label"}.items() <= report["violations"][0].items()


@pytest.mark.parametrize("content", [None, "not { turtle"], ids=["missing", "unparseable"])
def test_unreadable_graph_exits_2_with_one_line(tmp_path, content):
    path = tmp_path / "graph.ttl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = run("-g", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith("kg: error: ") and len(result.stderr.strip().splitlines()) == 1


def test_unreadable_shapes_exit_2(sample_graph_path, tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("@prefix sh: <oops", encoding="utf-8")
    result = run("-g", str(sample_graph_path), "--shapes", str(shapes))
    assert result.exit_code == 2 and str(shapes) in result.stderr
