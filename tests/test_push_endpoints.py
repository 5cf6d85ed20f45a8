"""Push works with the common stores with their default options: the query endpoint that verifies a push
is derived for Oxigraph, Fuseki and Virtuoso (live Oxigraph here; the derivations of the others checked
by rule and against a server that only answers counts at Fuseki's path); a push that was sent but
cannot be verified says so and exits 3; a URL that is not http(s) is refused before any request."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.push import derive_query_endpoint
from servers import scripted_server, sparql_count

runner = CliRunner()


@pytest.mark.parametrize("endpoint, query", [
    ("http://h:7878/store", "http://h:7878/query"),
    ("http://h:7878/update", "http://h:7878/query"),
    ("http://h:3030/ds/data", "http://h:3030/ds/sparql"),
    ("http://h:3030/ds/update", "http://h:3030/ds/sparql"),
    ("http://h:8890/sparql-graph-crud-auth", "http://h:8890/sparql"),
    ("http://h:8890/sparql", "http://h:8890/sparql"),
    ("http://h/unknown/endpoint", None),
])
def test_query_endpoints_are_derived(endpoint, query):
    assert derive_query_endpoint(endpoint) == query


def test_oxigraph_with_default_options(oxigraph, sample_graph_path):
    for args in ([oxigraph.store], [oxigraph.store, "--replace"], ["--sparql-update", oxigraph.update],
                 ["--sparql-update", oxigraph.update, "--replace"]):
        result = runner.invoke(app, ["push", *args, "-g", str(sample_graph_path)])
        assert result.exit_code == 0, (args, result.output)
        assert "server has" in result.output and "not verified" not in result.output


def test_fuseki_paths_are_verified_at_the_dataset_query_endpoint(sample_graph_path):
    with scripted_server("/ds/data") as server:
        server.script = [204, sparql_count(176)]
        result = runner.invoke(app, ["push", server.url, "-g", str(sample_graph_path), "--into", "urn:kg:g", "--replace"])
        assert result.exit_code == 0, result.output
        assert [path for _, path, _ in server.seen] == ["/ds/data?graph=urn%3Akg%3Ag", "/ds/sparql"]


def test_a_push_that_cannot_be_verified_exits_3_saying_the_data_was_sent(sample_graph_path):
    with scripted_server("/somewhere/else") as server:
        server.script = [204]
        result = runner.invoke(app, ["push", server.url, "-g", str(sample_graph_path), "--into", "urn:kg:g", "--replace"])
    assert result.exit_code == 3
    assert result.output.splitlines()[0] == "pushed <urn:kg:g>: 176 triples, not verified"
    assert f"sent 1 graphs (176 triples) to {server.url} but could not check them" in result.output
    assert "--query-endpoint" in result.output and len(server.seen) == 1


@pytest.mark.parametrize("url", ["localhost:7878/store", "127.0.0.1:7878/store", "ftp://h/store"])
def test_a_url_that_is_not_http_is_refused_at_once(url, sample_graph_path):
    result = runner.invoke(app, ["push", url, "-g", str(sample_graph_path), "--verbose"])
    assert result.exit_code == 2  # before any request: --verbose logs none
    assert result.output == f"kg: error: the endpoint must be an http(s) URL with a host, not {url!r}\n"
