"""Exports for tools that are not RDF name every term once, by its label in the ontology: every node has
a name and its class's label, every fact edge the property's label (French with --lang fr) beside its
IRI with its sentence, article title and confidence; no statement, article or predicate nodes; and no
date stamp, so the bytes do not change from one day to the next."""
from __future__ import annotations

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.namespace import BASE, KG

runner = CliRunner()


@pytest.mark.parametrize("name, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_exports_are_named_and_labelled_in_the_chosen_language(name, read, sample_graph_path, tmp_path):
    path = tmp_path / f"graph.{name}"
    result = runner.invoke(app, ["export", "-g", str(sample_graph_path), "-o", str(path), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    graph = read(path)
    assert all(data.get("name") for _, data in graph.nodes(data=True))
    assert not [node for node in graph if node.startswith((f"{BASE}statement/", f"{BASE}source/", str(KG._NS)))]
    labels = {data["label"]: data for _, _, data in graph.edges(data=True)}
    assert labels["utilise"]["predicate"] == str(KG.uses) and labels["utilise"]["sentence"]
    assert labels["PDG de"]["predicate"] == str(KG.ceoOf)
    assert {data["class"] for _, data in graph.nodes(data=True)} >= {"Organisation", "Personne"}


def test_gexf_has_no_date_stamp(sample_graph_path, tmp_path):
    runner.invoke(app, ["export", "-g", str(sample_graph_path), "-o", str(tmp_path / "graph.gexf")])
    assert "lastmodifieddate" not in (tmp_path / "graph.gexf").read_text(encoding="utf-8")


def test_lang_is_fr_or_en(sample_graph_path, tmp_path):
    result = runner.invoke(app, ["export", "-g", str(sample_graph_path), "-o", str(tmp_path / "g.csv"), "--lang", "de"])
    assert result.exit_code == 2 and result.output == "kg: error: --lang takes fr or en, not 'de'\n"
