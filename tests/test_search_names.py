"""Entities by name: `kg search` lists matching entities with class, aliases and fact count (text and
JSON), and a bound name (`--bind org=Ubisoft`, `org="ubisoft"`) is the one entity it names; a name
naming several is an error listing them."""
from __future__ import annotations

import json

from typer.testing import CliRunner

import kg
from kg.cli import app

runner = CliRunner()


def test_search_lists_class_aliases_and_facts(sample_graph_path):
    result = runner.invoke(app, ["search", "ubisoft", "-g", str(sample_graph_path), "-f", "json"])
    assert result.exit_code == 0
    first = json.loads(result.stdout)[0]
    assert first == {"iri": "https://example.org/kg/entity/ubisoft", "label": "Ubisoft", "classes": ["Organization"],
                     "aliases": ["le studio"], "facts": 5}
    text = runner.invoke(app, ["search", "ubisoft", "-g", str(sample_graph_path), "--lang", "fr"]).output
    assert text.splitlines()[0] == "Ubisoft (Organisation, ent:ubisoft)  5 facts  also: le studio"
    assert text.splitlines()[-1] == "(3 entities)"


def test_a_bound_name_is_the_entity_it_names(sample_graph_path):
    for name in ("Ubisoft", "ubisoft", "le studio"):
        result = runner.invoke(app, ["query", "ceo", "-g", str(sample_graph_path), "--bind", f"org={name}", "-f", "csv"])
        assert result.stdout.splitlines()[1].startswith("https://example.org/kg/entity/ubisoft,Ubisoft,"), name
    assert kg.query(sample_graph_path, "ceo", org="Ubisoft")[0]["personLabel"] == "Yves Guillemot"


def test_a_name_of_several_entities_is_an_error_naming_them(sample_graph_path, tmp_path):
    graph = tmp_path / "twice.ttl"
    graph.write_text(sample_graph_path.read_text() + '\nent:ubisoft_sa a kg:Organization ; rdfs:label "Ubisoft" .\n')
    result = runner.invoke(app, ["query", "ceo", "-g", str(graph), "--bind", "org=Ubisoft"])
    assert result.exit_code == 2
    assert result.output.startswith("kg: error: --bind org=Ubisoft names 2 entities: Ubisoft (Organization, ent:ubisoft)")
    assert "ent:ubisoft_sa" in result.output and len(result.output.splitlines()) == 1


def test_a_quoted_value_stays_a_string(sample_graph_path):
    rows = kg.query(sample_graph_path, "SELECT ?e ?label WHERE { ?e rdfs:label ?label }", label='"Ubisoft"')
    assert [row["e"] for row in rows] == ["https://example.org/kg/entity/ubisoft"]
