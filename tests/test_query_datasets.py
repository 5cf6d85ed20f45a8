"""A dataset (N-Quads, TriG) is read as the union of all its graphs by every command (query, eval, stats,
viz, export), or its default graph alone with --default-graph-only; GRAPH still names each graph."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.store import load_graph

runner = CliRunner()


@pytest.fixture(scope="module")
def quads(sample_graph_path, tmp_path_factory):
    """The sample graph exported as N-Quads: facts in one named graph per article."""
    path = tmp_path_factory.mktemp("nq") / "graph.nq"
    kg.export(sample_graph_path, path)
    return path


def ceo_rows(graph, *options: str) -> list:
    result = runner.invoke(app, ["query", "ceo", "-g", str(graph), "-f", "json", *options])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["results"]["bindings"]


def test_query_reads_the_union_of_the_graphs(quads, sample_graph_path):
    assert len(ceo_rows(quads)) == len(ceo_rows(sample_graph_path)) == 1
    assert ceo_rows(quads, "--default-graph-only") == []  # the facts are in the articles' graphs
    named = runner.invoke(app, ["query", "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "-g", str(quads), "-f", "csv"])
    assert named.stdout.splitlines()[1] == "2"  # GRAPH still sees each graph (two articles)


def test_every_reader_sees_the_union(quads, sample_graph_path, tmp_path):
    assert len(load_graph(quads)) == len(load_graph(sample_graph_path))
    assert len(load_graph(quads, default_graph_only=True)) < len(load_graph(sample_graph_path))
    stats = [json.loads(runner.invoke(app, ["stats", "-g", str(g), "-f", "json"]).output) for g in (quads, sample_graph_path)]
    assert stats[0] == stats[1]
    gold = tmp_path / "gold.json"
    gold.write_text('{"entities": [{"label": "Ubisoft", "type": "Organization"}], "facts": [{"s": "Ubisoft", "p": "uses", "o": "IA générative"}]}')
    scores = [runner.invoke(app, ["eval", str(gold), "-g", str(g)]).output for g in (quads, sample_graph_path)]
    assert scores[0] == scores[1] and "facts" in scores[0]
    assert kg.export(quads, tmp_path / "back.nt") and len(load_graph(tmp_path / "back.nt")) == len(load_graph(sample_graph_path))
    assert kg.draw(quads).nodes == kg.draw(sample_graph_path).nodes


@pytest.mark.parametrize("command", ["query", "search", "stats", "viz", "export", "push", "eval", "validate"])
def test_help_says_datasets_are_read_as_a_union(command):
    import typer.main

    (graph,) = [p for p in typer.main.get_command(app).commands[command].params if p.name == "graph"]
    assert "union of all their graphs" in graph.help
    assert "--default-graph-only" in [o for p in typer.main.get_command(app).commands[command].params for o in p.opts]
