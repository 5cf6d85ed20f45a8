"""`kg push` end to end against live Oxigraph servers started on free loopback ports."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KgError
from kg.namespace import ENT, RDFS, SRC
from kg.push import SHARED_GRAPH, Client, push_graph
from kg.store import load_graph
from servers import assert_server_answers_like, graph_count, select, serve_oxigraph as serve

runner = CliRunner()
ARTICLES = (str(SRC["ubisoft-ia_3f9a0c2b11de"]), str(SRC["resultats-ubisoft_9c1d2e3f4a5b"]))


def test_gsp_push_per_article_then_queries_match(oxigraph, sample_graph_path):
    result = runner.invoke(app, ["push", oxigraph.store, "--graph", str(sample_graph_path), "--replace",
                                 "--query-endpoint", oxigraph.query])
    assert result.exit_code == 0, result.output
    store = load_graph(sample_graph_path)
    assert sum(graph_count(oxigraph.query, graph) for graph in (SHARED_GRAPH, *ARTICLES)) == len(store)
    assert result.output.count("pushed <") == 3
    assert_server_answers_like(oxigraph.query, sample_graph_path)


def test_sparql_update_push_in_batches_then_queries_match(oxigraph, sample_graph_path):
    for _ in range(2):  # the second push replaces, it does not add
        result = runner.invoke(app, ["push", "--sparql-update", oxigraph.update, "--graph", str(sample_graph_path),
                                     "--replace", "--batch-size", "7", "--query-endpoint", oxigraph.query])
        assert result.exit_code == 0, result.output
        assert_server_answers_like(oxigraph.query, sample_graph_path)
    [(graphs,)] = select(oxigraph.query, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert graphs.value == "3"  # no staging graph left behind


def test_append_push_into_one_named_graph(oxigraph, sample_graph_path):
    graph = "https://example.org/kg/test-graph"
    for _ in range(2):  # appending the same triples again is harmless: RDF graphs are sets
        result = runner.invoke(app, ["push", oxigraph.store, "--graph", str(sample_graph_path), "--into", graph,
                                     "--batch-size", "50", "--query-endpoint", oxigraph.query])
        assert result.exit_code == 0, result.output
        assert_server_answers_like(oxigraph.query, sample_graph_path)
    assert graph_count(oxigraph.query, graph) == len(load_graph(sample_graph_path))


def test_count_mismatch_exits_1(oxigraph, sample_graph_path, tmp_path):
    port, other = serve(tmp_path / "other")
    with other:  # verification asks a server that received nothing
        result = runner.invoke(app, ["push", oxigraph.store, "--graph", str(sample_graph_path), "--replace",
                                     "--query-endpoint", f"http://127.0.0.1:{port}/query"])
    assert result.exit_code == 1
    assert "verification failed for 3 of 3 graphs" in result.output


def changed_sample(path: Path) -> ox.Store:
    """The sample graph with one more triple in each of its three graphs."""
    store = load_graph(path)
    for subject in (ENT.ubisoft, *ARTICLES):
        store.add(ox.Quad(ox.NamedNode(subject), ox.NamedNode(RDFS.comment), ox.Literal("v2"), ox.DefaultGraph()))
    return store


def test_gsp_replace_killed_between_graphs_leaves_each_graph_old_or_new(tmp_path, sample_graph_path):
    location = tmp_path / "db"
    old, new = load_graph(sample_graph_path), changed_sample(sample_graph_path)
    port, server = serve(location)
    with server as process:
        base = f"http://127.0.0.1:{port}"
        before = {p.graph: p.remote for p in push_graph(old, f"{base}/store", replace=True, query_endpoint=f"{base}/query")}
        assert_server_answers_like(f"{base}/query", sample_graph_path)

        def kill(graph: str, triples: int) -> None:
            process.kill()
            process.wait()

        with pytest.raises(KgError) as raised:
            push_graph(new, f"{base}/store", replace=True, query_endpoint=f"{base}/query",
                       client=Client(retries=2, backoff=0.01), on_graph_pushed=kill)
    assert raised.value.exit_code == 1
    assert "connection failed, gave up after 3 attempts" in raised.value.message
    port, server = serve(location)
    with server:
        after = {graph: graph_count(f"http://127.0.0.1:{port}/query", graph) for graph in before}
    assert after[min(before)] == before[min(before)] + 1  # the graph pushed before the kill is the new one
    assert all(after[graph] == before[graph] for graph in sorted(before)[1:])  # the others are untouched


def test_update_replace_killed_between_batches_keeps_the_old_graph(tmp_path, sample_graph_path):
    location = tmp_path / "db"
    graph = "https://example.org/kg/test-graph"
    old, new = load_graph(sample_graph_path), changed_sample(sample_graph_path)
    port, server = serve(location)
    with server as process:
        base = f"http://127.0.0.1:{port}"
        push_graph(old, f"{base}/update", protocol="update", graph=graph, replace=True, query_endpoint=f"{base}/query")
        assert_server_answers_like(f"{base}/query", sample_graph_path)
        inserts = []

        def kill_after_second_batch(line: str) -> None:
            if line.startswith("INSERT DATA") and "HTTP 2" in line:
                inserts.append(line)
            if len(inserts) == 2 and process.poll() is None:
                process.kill()
                process.wait()

        with pytest.raises(KgError):
            push_graph(new, f"{base}/update", protocol="update", graph=graph, replace=True, batch_size=20,
                       query_endpoint=f"{base}/query", client=Client(retries=1, backoff=0.01, log=kill_after_second_batch))
    port, server = serve(location)
    with server:
        assert graph_count(f"http://127.0.0.1:{port}/query", graph) == len(old)  # the old graph, whole
