"""`kg query` from the command line: exit codes, --bind, --list and one-line errors (no traceback)."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()

ODD_LABEL = 'Le "jeu" { bêta } }'
"""A label with quotes and braces: pasted into a query it would break it or change its meaning."""


@pytest.fixture()
def graph(sample_graph_path, tmp_path):
    """The sample graph plus one entity whose label is ODD_LABEL."""
    path = tmp_path / "graph.ttl"
    escaped = ODD_LABEL.replace('"', '\\"')
    extra = f'\n<https://example.org/kg/entity/odd> <http://www.w3.org/2000/01/rdf-schema#label> "{escaped}" .\n'
    path.write_text(sample_graph_path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


def run(*args: str):
    """Invoke `kg query ARGS` and check that nothing escaped as a traceback."""
    result = runner.invoke(app, ["query", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def test_select_prints_a_table_and_exits_0(graph):
    result = run("ceo", "--graph", str(graph))
    assert result.exit_code == 0
    assert "Yves Guillemot" in result.stdout
    assert result.stdout.rstrip().endswith("(1 row)")


@pytest.mark.parametrize(("text", "code", "printed"), [
    ("ASK { ?p kg:ceoOf ent:ubisoft }", 0, "true"),
    ("ASK { ?p kg:ceoOf ent:netflix }", 1, "false"),
])
def test_ask_prints_the_answer_and_sets_the_exit_code(graph, text, code, printed):
    result = run(text, "--graph", str(graph))
    assert result.exit_code == code
    assert result.stdout == f"{printed}\n"


def test_bind_passes_a_prefixed_name_into_a_named_query(graph):
    result = run("works-using-technology", "--graph", str(graph), "--bind", "org=ent:ubisoft_montreal", "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["results"]["bindings"] == []
    result = run("works-using-technology", "--graph", str(graph), "--bind", "org=ent:ubisoft", "-f", "json")
    (row,) = json.loads(result.stdout)["results"]["bindings"]
    assert row["workLabel"]["value"] == "Skull and Bones"


def test_bind_value_with_quotes_and_braces_is_a_value_not_query_text(graph):
    text = "SELECT ?entity ?label WHERE { ?entity rdfs:label ?label }"
    result = run(text, "--graph", str(graph), "--bind", f'label="{ODD_LABEL}"', "-f", "csv")  # quoted: the label, not its entity
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:] == [f'https://example.org/kg/entity/odd,"{ODD_LABEL.replace(chr(34), 2 * chr(34))}"']
    injected = 'x" } UNION { ?entity ?p ?label } #'
    result = run(text, "--graph", str(graph), "--bind", f"label={injected}", "-f", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["entity,label"]


@pytest.mark.parametrize(("args", "says"), [
    (["SELECT ?label WHERE { ?e rdfs:label ?label }", "--bind", "e=ent:ubisoft"], "cannot bind ?e"),
    (["ceo", "--bind", "org"], "NAME=VALUE"),
    (["SELECT ?x WHERE { ?x foo:bar ?y }"], "unknown prefix"),
    (["ceos"], "no shipped query named 'ceos' (known: ceo,"),
    ([], "kg query --list"),
    (["CONSTRUCT WHERE { ?s kg:ceoOf ?o }", "--format", "csv"], "use one of: ttl, nt, jsonld"),
    (["ceo", "--format", "ttl"], "use one of: table, csv"),
], ids=["unselected-variable", "bind-without-value", "unknown-prefix", "unknown-name", "no-query", "csv-for-graph", "ttl-for-rows"])
def test_usage_errors_exit_2_with_a_one_line_message(graph, args, says):
    result = run(*args, "--graph", str(graph))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_malformed_query_reports_line_and_column_and_exits_2(graph):
    result = run("SELECT ?x\nWHERE { ?x ?p }", "--graph", str(graph))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("kg: error: query syntax error at line 2, column ")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("name", "content", "says"), [
    ("absent.ttl", None, "not found"),
    ("broken.ttl", "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b .\n", "line 3"),
    ("graph.csv", "a,b,c\n", "unknown RDF extension"),
], ids=["missing", "corrupt", "unknown-format"])
def test_unreadable_graph_file_exits_2_naming_file_and_problem(tmp_path, name, content, says):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = run("entities", "--graph", str(path))
    assert result.exit_code == 2
    assert name in result.stderr and says in result.stderr


def test_list_shows_each_shipped_query_with_its_description():
    result = run("--list")
    assert result.exit_code == 0
    lines = dict(line.split(None, 1) for line in result.stdout.splitlines())
    assert lines["ceo"].startswith("Who is the chief executive")
    assert {"works-using-technology", "job-postings", "sources", "entities"} <= set(lines)


def test_construct_prints_turtle_with_the_project_prefixes(graph):
    result = run("CONSTRUCT WHERE { ?s kg:ceoOf ?o }", "--graph", str(graph))
    assert result.exit_code == 0
    assert "ent:yves_guillemot kg:ceoOf ent:ubisoft ." in result.stdout
