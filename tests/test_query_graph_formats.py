"""`kg query --graph` reads every RDF format kg writes and answers the same in each."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.store import load_graph, save_graph

runner = CliRunner()


@pytest.mark.parametrize("extension", ["nt", "nq", "trig", "jsonld", "rdf"])
def test_each_rdf_format_gives_the_same_answers_as_turtle(sample_graph_path, tmp_path, extension):
    converted = save_graph(load_graph(sample_graph_path), tmp_path / f"graph.{extension}")
    expected = runner.invoke(app, ["query", "facts-about", "--graph", str(sample_graph_path), "-f", "tsv"])
    result = runner.invoke(app, ["query", "facts-about", "--graph", str(converted), "-f", "tsv"])
    assert expected.exit_code == result.exit_code == 0
    assert result.stdout == expected.stdout
    assert len(result.stdout.splitlines()) > 5
