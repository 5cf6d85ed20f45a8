"""One vocabulary of options across the commands: -h and --version, -g/--graph with `-` for stdin in
every command that reads a graph, -f format aliases, -o - for stdout, and the old spellings that still
work for one release with a deprecation warning."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from conftest import SEEDS
from kg import __version__
from kg.cli import app
from kg.store import load_graph

runner = CliRunner()
COMMANDS = ["build", "query", "search", "viz", "stats", "export", "push", "eval", "validate"]
READERS = {  # a command that reads a graph, and what it needs besides
    "query": ["ceo"], "search": ["ubisoft"], "stats": [], "validate": [], "eval": None, "viz": None, "export": None,
}


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_short_help(command):
    result = runner.invoke(app, [command, "-h"])
    assert result.exit_code == 0 and "Usage: kg " + command in result.output
    assert "<bool>" not in result.output  # typer 0.29 printed it after every flag


def test_version():
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.output) == (0, f"kg {__version__}\n")


def test_the_installed_version_is_the_package_version():
    from importlib.metadata import version

    assert version("kg-news") == __version__


@pytest.mark.parametrize("command", [c for c, extra in READERS.items() if extra is not None])
def test_every_reader_takes_g_and_stdin(command, sample_graph_path):
    from_file = runner.invoke(app, [command, *READERS[command], "-g", str(sample_graph_path)])
    from_stdin = runner.invoke(app, [command, *READERS[command], "-g", "-"], input=sample_graph_path.read_bytes())
    assert from_file.exit_code == 0, from_file.output
    assert from_stdin.output.replace("-:", str(sample_graph_path) + ":") == from_file.output


def test_viz_and_export_read_g(sample_graph_path, tmp_path):
    assert runner.invoke(app, ["viz", "-g", str(sample_graph_path), "-o", str(tmp_path / "g.html")]).exit_code == 0
    assert runner.invoke(app, ["export", "-g", str(sample_graph_path), "-o", str(tmp_path / "g.nt")]).exit_code == 0


@pytest.mark.parametrize("alias, canonical", [("turtle", "ttl"), ("ntriples", "nt"), ("nquads", "nq"), ("json-ld", "jsonld"),
                                              ("rdfxml", "xml"), ("cypher", "neo4j")])
def test_export_format_aliases(alias, canonical, sample_graph_path, tmp_path):
    by_alias = runner.invoke(app, ["export", "-g", str(sample_graph_path), "-o", str(tmp_path / "a" / "graph"), "-f", alias])
    by_name = runner.invoke(app, ["export", "-g", str(sample_graph_path), "-o", str(tmp_path / "b" / "graph"), "-f", canonical])
    assert by_alias.exit_code == by_name.exit_code == 0, by_alias.output
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == sorted(p.name for p in (tmp_path / "b").iterdir())


def test_export_to_stdout_needs_a_one_file_text_format(sample_graph_path):
    result = runner.invoke(app, ["export", "-g", str(sample_graph_path), "-o", "-", "-f", "nt"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == len(load_graph(sample_graph_path))
    refused = runner.invoke(app, ["export", "-g", str(sample_graph_path), "-o", "-", "-f", "csv"])
    assert refused.exit_code == 2 and "standard output" in refused.output


def test_stats_takes_f(sample_graph_path):
    result = runner.invoke(app, ["stats", "-g", str(sample_graph_path), "-f", "json"])
    assert result.exit_code == 0 and result.output.lstrip().startswith("{")
    text = runner.invoke(app, ["stats", "-g", str(sample_graph_path)]).output
    assert "nodes drawn" not in text and text.splitlines()[1].startswith("nodes ")


def test_validate_positional_graph_still_works_with_a_warning(sample_graph_path):
    result = runner.invoke(app, ["validate", str(sample_graph_path)])
    assert result.exit_code == 0
    assert "kg: warning: the GRAPH argument of kg validate is deprecated" in result.output


def test_push_old_input_and_graph_spellings_still_work_with_warnings(sample_graph_path, oxigraph):
    result = runner.invoke(app, ["push", oxigraph.store, "--input", str(sample_graph_path), "--graph", "urn:kg:one", "--replace"])
    assert result.exit_code == 0, result.output
    assert "--input/-i is deprecated" in result.output and "use --into IRI" in result.output
    assert result.output.splitlines()[-1].startswith("pushed <urn:kg:one>: 176 triples, server has 176")


def test_eval_details_say_entity(tmp_path, sample_graph_path):
    gold = tmp_path / "gold.json"
    gold.write_text('{"entities": [{"label": "Nobody Here", "type": "Person"}], "facts": []}')
    result = runner.invoke(app, ["eval", str(gold), "-g", str(sample_graph_path), "--details"])
    assert result.exit_code == 0
    assert "missed entity: " in result.output and "entitie:" not in result.output


@pytest.mark.model
def test_build_to_stdout_says_when_the_model_loads(nlp, tmp_path, monkeypatch):
    monkeypatch.setattr("kg.nlp.load_pipeline", lambda model=None: nlp)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["build", str(SEEDS), "-o", "-", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("kg: loading the French model")
    assert "Built -: 3 articles" in result.stderr and "Built" not in result.stdout
    assert list(ox.parse(result.stdout.encode(), format=ox.RdfFormat.TURTLE))
    assert list(tmp_path.iterdir()) == []  # no lock, graph or cache left in the working folder
