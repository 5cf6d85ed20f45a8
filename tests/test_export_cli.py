"""`kg export`: format from the extension or --format, clear errors with exit code 2."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KgError
from kg.export import export_format

runner = CliRunner()


@pytest.mark.parametrize("path, name, expected", [
    ("a/g.ttl", None, "ttl"), ("g.json", None, "jsonld"), ("g.rdf", None, "xml"), ("g.cypher", None, "neo4j"),
    ("g.txt", "GEXF", "gexf"),
])
def test_format_comes_from_the_name_or_the_extension(path, name, expected):
    assert export_format(path, name) == expected


@pytest.mark.parametrize("path, name", [("g.txt", None), ("g.ttl", "pdf")])
def test_unknown_format_is_a_usage_error(path, name):
    with pytest.raises(KgError) as raised:
        export_format(path, name)
    assert raised.value.exit_code == 2


def test_export_command_writes_the_file(sample_graph_path, tmp_path):
    result = runner.invoke(app, ["export", "--graph", str(sample_graph_path), "-o", str(tmp_path / "g.gexf")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "g.gexf").read_text(encoding="utf-8").startswith("<?xml")


def test_export_command_reports_a_missing_graph(tmp_path):
    result = runner.invoke(app, ["export", "--graph", str(tmp_path / "none.ttl"), "-o", str(tmp_path / "g.nt")])
    assert result.exit_code == 2
    assert "graph file not found" in result.output
    assert not (tmp_path / "g.nt").exists()
