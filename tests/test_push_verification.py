"""`kg push` checks exactly what it sent: after an append every triple sent must be on the server and the
graph must have gained exactly the triples with blank nodes that were sent; a blank node's triples go in
one request, so that one node stays one node on the server."""
from __future__ import annotations

from urllib.parse import unquote_plus

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.store import load_graph
from servers import scripted_server, select, sparql_count

runner = CliRunner()
GRAPH = "https://example.org/kg/appended"
BLANK = """@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://example.org/kg/entity/acme> rdfs:seeAlso [ rdfs:label "one" ; rdfs:comment "node" ; rdfs:seeAlso <https://example.org/x> ] .
<https://example.org/kg/entity/acme> rdfs:label "Acme" .
"""


def dropping_store(handler) -> None:
    """A store that accepts every POSTed triple and keeps none, over 1,000 triples it held before."""
    body = unquote_plus(handler.server.bodies[-1].decode())
    status, headers, answer = (204, {}, b"") if not body.startswith("query=") else sparql_count(
        0 if "UNION" in body or "isBlank" in body else 1000)
    handler.send_response(status)
    for name, value in {**headers, "Content-Length": str(len(answer))}.items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(answer)


def test_an_append_the_server_dropped_fails_even_when_the_graph_already_held_more(sample_graph_path):
    triples = len(load_graph(sample_graph_path))
    with scripted_server() as server:
        server.script = [dropping_store] * 10
        result = runner.invoke(app, ["push", server.url, "--graph", str(sample_graph_path), "--into", GRAPH,
                                     "--retries", "0"])
    assert result.exit_code == 1, result.output
    assert f"verification failed for 1 of 1 graphs: <{GRAPH}> lacks {triples} of the {triples} triples sent" in result.output


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_a_blank_node_stays_one_node_whatever_the_batch_size(oxigraph, tmp_path, protocol):
    source = tmp_path / "blank.ttl"
    source.write_text(BLANK, encoding="utf-8")
    endpoint = ["--sparql-update", oxigraph.update] if protocol == "update" else [oxigraph.store]
    for push in (1, 2):  # a second append makes a second node (blank nodes are new in each request), and says so
        result = runner.invoke(app, ["push", *endpoint, "--graph", str(source), "--into", GRAPH, "--batch-size", "1",
                                     "--query-endpoint", oxigraph.query])
        assert result.exit_code == 0, result.output
        [(nodes, triples)] = select(oxigraph.query, f"SELECT (COUNT(DISTINCT ?s) AS ?n) (COUNT(*) AS ?t) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o FILTER(isBlank(?s)) }} }}")
        assert (int(nodes.value), int(triples.value)) == (push, 3 * push)
