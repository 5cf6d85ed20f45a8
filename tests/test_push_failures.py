"""`kg push` when things go wrong: a server answering 500 or dropping connections, bad credentials."""
from __future__ import annotations

import base64

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KgError
from kg.push import Client, find_credentials
from servers import scripted_server

SECRET = "pa55-Word-never-shown"
runner = CliRunner()


@pytest.fixture()
def scripted():
    """A local HTTP server on a free loopback port; set `.script` to what it should answer."""
    with scripted_server() as server:
        yield server


def test_server_errors_are_retried_then_reported_in_one_line(scripted, sample_graph_path):
    result = runner.invoke(app, ["push", scripted.url, "--graph", str(sample_graph_path), "--replace",
                                 "--retries", "2", "--backoff", "0.01"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"kg: error: PUT graph <https://example.org/kg/source/> (85 triples) at {scripted.url}: HTTP 500, gave up after 3 attempts"
    ]
    assert len(scripted.seen) == 3


def test_dropped_connections_are_retried_until_the_server_answers(scripted):
    scripted.script = ["drop", "drop", 204]
    lines = []
    response = Client(retries=3, backoff=0.01, log=lines.append).send("PUT", scripted.url, what="PUT x", body=b"")
    assert response.status_code == 204
    assert [line.split(";")[0] for line in lines[:2]] == [f"PUT x at {scripted.url}: connection failed"] * 2
    assert len(scripted.seen) == 3


def test_client_errors_are_not_retried(scripted):
    scripted.script = [400]
    with pytest.raises(KgError) as raised:
        Client(retries=3, backoff=0.01).send("POST", scripted.url, what="POST x", body=b"")
    assert (raised.value.exit_code, raised.value.message, len(scripted.seen)) == (1, f"POST x at {scripted.url}: HTTP 400", 1)


def test_password_is_sent_but_never_printed(scripted, sample_graph_path):
    result = runner.invoke(app, ["push", scripted.url, "--graph", str(sample_graph_path), "--user", "alice",
                                 "--auth", "basic", "--retries", "1", "--backoff", "0.01", "--verbose"],
                           env={"KG_PUSH_PASSWORD": SECRET})
    assert result.exit_code == 1
    assert SECRET not in result.output and base64.b64encode(f"alice:{SECRET}".encode()).decode() not in result.output
    assert "retry 1/1" in result.output
    assert scripted.seen[0][2] == "Basic " + base64.b64encode(f"alice:{SECRET}".encode()).decode()


def test_credentials_come_from_netrc(tmp_path, monkeypatch):
    monkeypatch.delenv("KG_PUSH_PASSWORD", raising=False)
    netrc_file = tmp_path / "netrc"
    netrc_file.write_text(f"machine db.example login bob password {SECRET}\n")
    netrc_file.chmod(0o600)
    found = find_credentials("http://db.example/store", netrc_file=str(netrc_file))
    assert (found.user, found.password) == ("bob", SECRET)
    assert SECRET not in repr(found)
    assert find_credentials("http://other.example/store", netrc_file=str(netrc_file)) is None


@pytest.mark.parametrize("endpoint, user, message", [
    (f"http://carol:{SECRET}@db.example/store", None, "do not put credentials in the endpoint URL"),
    ("http://db.example/store", "dave", "no password for user 'dave'"),
])
def test_credential_mistakes_are_usage_errors_that_do_not_echo_secrets(endpoint, user, message, tmp_path, monkeypatch):
    monkeypatch.delenv("KG_PUSH_PASSWORD", raising=False)
    with pytest.raises(KgError) as raised:
        find_credentials(endpoint, user=user, netrc_file=str(tmp_path / "missing"))
    assert raised.value.exit_code == 2
    assert message in raised.value.message and SECRET not in raised.value.message


@pytest.mark.parametrize("args", [[], ["http://127.0.0.1:9/store", "--sparql-update", "http://127.0.0.1:9/update"]])
def test_push_needs_exactly_one_endpoint(args, sample_graph_path):
    result = runner.invoke(app, ["push", *args, "--graph", str(sample_graph_path)])
    assert result.exit_code == 2
    assert "give either an ENDPOINT" in result.output


def json_answer(body: bytes) -> tuple[int, dict[str, str], bytes]:
    return 200, {"Content-Type": "application/sparql-results+json"}, body


@pytest.mark.parametrize("body", [b'{"results": []}', b"null", b'{"results": {"bindings": [{"n": null}]}}',
                                  b"[" * 100_000 + b"]" * 100_000, b"\xff\xfe not text"],
                         ids=["results-list", "null", "null-binding", "deeply-nested", "not-utf8"])
def test_a_count_answer_that_is_not_a_count_is_one_error_line(scripted, sample_graph_path, body):
    """The data went, so this is "sent, not verified" (exit 3), naming the query endpoint that failed."""
    scripted.script = [204, json_answer(body)]
    result = runner.invoke(app, ["push", scripted.url, "--graph", str(sample_graph_path), "--into", "urn:kg:g",
                                 "--replace", "--retries", "0"])
    assert result.exit_code == 3
    pushed, error = result.output.splitlines()
    assert pushed == "pushed <urn:kg:g>: 176 triples, not verified"
    assert error.startswith(f"kg: error: sent 1 graphs (176 triples) to {scripted.url} but could not check them")
    assert f"{scripted.origin}/query did not answer a SPARQL count (is it a query endpoint?)" in error


def trickle(where: str):
    """A behaviour that answers one byte every 0.2 s, in the status line or in the body."""
    def answer(handler) -> None:
        import time

        head = b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
        data = head + b"x" * 1000 if where == "head" else head
        if where == "body":
            handler.wfile.write(head)
            handler.wfile.flush()
            data = b"x" * 1000
        try:
            for byte in data:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
                time.sleep(0.2)
        except (BrokenPipeError, ConnectionResetError):  # kg hung up, as it should
            handler.close_connection = True
    return answer


@pytest.mark.parametrize("where", ["head", "body"])
def test_a_server_trickling_its_answer_is_cut_off_by_the_request_timeout(scripted, sample_graph_path, where):
    scripted.script = [trickle(where)] * 2
    result = runner.invoke(app, ["push", scripted.url, "--graph", str(sample_graph_path), "--into", "urn:kg:g",
                                 "--replace", "--retries", "1", "--backoff", "0", "--timeout", "1"])
    assert result.exit_code == 1
    assert result.output.strip() == f"kg: error: PUT graph <urn:kg:g> (176 triples) at {scripted.url}: timed out, gave up after 2 attempts"


def test_terminal_escapes_in_a_server_answer_never_reach_the_terminal(scripted, sample_graph_path):
    scripted.script = [(400, {"Content-Type": "text/plain"}, b"\x1b]0;owned\x07\x1b[2J\x9b31m bad request")]
    result = runner.invoke(app, ["push", scripted.url, "--graph", str(sample_graph_path), "--into", "urn:kg:g",
                                 "--replace", "--retries", "0", "--verbose"])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output and "\x9b" not in result.output
    assert result.output.strip().endswith(r"HTTP 400 \x1b]0;owned\x07\x1b[2J\x9b31m bad request")
