"""Where `kg push` sends credentials: only to the push endpoint's origin (scheme, host, port). A query
endpoint elsewhere gets none, a redirect to another origin is not followed (a digest client would
answer that host's challenge: offline brute-force material), credentials inside a URL are refused
without being echoed, and a netrc syntax error does not quote the file. Each case runs against local
HTTP servers that record every Authorization header they receive."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KgError
from kg.push import find_credentials
from kg.store import load_graph
from servers import DIGEST_CHALLENGE, scripted_server, sparql_count

SECRET = "s3cret-Never-Sent-Elsewhere"
runner = CliRunner()
ONE_GRAPH = "urn:kg:test"


@pytest.fixture()
def push_server():
    with scripted_server("/store") as server:
        yield server


@pytest.fixture()
def other_server():
    with scripted_server("/sparql") as server:
        yield server


def push(endpoint: str, graph_path, *options: str):
    """`kg push --replace` of the whole graph into one graph, as alice with SECRET, no retries."""
    return runner.invoke(app, ["push", endpoint, "--graph", str(graph_path), "--into", ONE_GRAPH, "--replace",
                               "--user", "alice", "--retries", "0", *options], env={"KG_PUSH_PASSWORD": SECRET})


@pytest.mark.parametrize("scheme", ["basic", "digest"])
def test_a_query_endpoint_on_another_origin_gets_no_credentials(push_server, other_server, sample_graph_path, scheme):
    triples = len(load_graph(sample_graph_path))
    push_server.script = [DIGEST_CHALLENGE, 204] if scheme == "digest" else [204]
    other_server.script = [DIGEST_CHALLENGE] if scheme == "digest" else [sparql_count(triples)]
    result = push(push_server.url, sample_graph_path, "--auth", scheme, "--query-endpoint", other_server.url)
    assert push_server.seen[-1][2].lower().startswith(scheme)  # the push endpoint did get them
    assert [auth for _, _, auth in other_server.seen] == [""] * len(other_server.seen) and other_server.seen
    assert result.exit_code == (3 if scheme == "digest" else 0), result.output  # sent, but the count was refused: not verified
    assert SECRET not in result.output


@pytest.mark.parametrize("scheme", ["basic", "digest"])
def test_a_redirect_to_another_origin_is_not_followed(push_server, other_server, sample_graph_path, scheme):
    push_server.script = [(307, {"Location": other_server.url + "?graph=x"}, b"")]
    other_server.script = [DIGEST_CHALLENGE, 204]
    result = push(push_server.url, sample_graph_path, "--auth", scheme)
    assert other_server.seen == []
    assert result.exit_code == 1
    assert f"HTTP 307 redirect to {other_server.origin} not followed" in result.output


def test_a_same_origin_307_is_followed_with_the_credentials(push_server, sample_graph_path):
    triples = len(load_graph(sample_graph_path))
    push_server.script = [(307, {"Location": push_server.origin + "/moved?graph=x"}, b""), 204, sparql_count(triples)]
    result = push(push_server.url, sample_graph_path, "--auth", "basic")
    assert result.exit_code == 0, result.output
    assert [path.split("?")[0] for _, path, _ in push_server.seen] == ["/store", "/moved", "/query"]  # counts: the derived endpoint
    assert push_server.bodies[0] == push_server.bodies[1]  # the body is sent again, whole
    assert all(auth.startswith("Basic ") for _, _, auth in push_server.seen)


@pytest.mark.parametrize("option", ["--query-endpoint", "--sparql-update"])
def test_credentials_inside_a_url_are_refused_and_not_echoed(push_server, sample_graph_path, option):
    with_secret = push_server.url.replace("//", f"//alice:{SECRET}@")
    args = ["--query-endpoint", with_secret] if option == "--query-endpoint" else []
    endpoint = push_server.url if option == "--query-endpoint" else None
    result = runner.invoke(app, ["push", *([endpoint] if endpoint else ["--sparql-update", with_secret]),
                                 "--graph", str(sample_graph_path), *args])
    assert result.exit_code == 2
    assert "do not put credentials in the" in result.output and SECRET not in result.output
    assert push_server.seen == []


def test_a_netrc_syntax_error_does_not_quote_the_file(tmp_path, monkeypatch):
    monkeypatch.delenv("KG_PUSH_PASSWORD", raising=False)
    netrc_file = tmp_path / "netrc"
    netrc_file.write_text(f"machine db.example\n  login bob\n  {SECRET} x\n")
    netrc_file.chmod(0o600)
    with pytest.raises(KgError) as raised:
        find_credentials("http://db.example/store", netrc_file=str(netrc_file))
    assert raised.value.exit_code == 2
    assert SECRET not in raised.value.message
    assert f"{netrc_file}, line 3" in raised.value.message
