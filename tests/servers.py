"""Starting real database servers for tests (free loopback ports, stopped by pid at the end) and asking
them every shipped competency query, to compare with the local graph's answers; and a scripted HTTP
server that answers what a test tells it to (errors, redirects, auth challenges, odd bodies)."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Union

import pyoxigraph as ox
import requests

from kg.query import Term, list_queries, query
from kg.serve import stop


def free_port() -> int:
    """A TCP port nothing listens on right now, from a socket bound to port 0 on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, *, timeout: float, log: Path) -> None:
    """Return once 127.0.0.1:`port` accepts connections; fail with the server's log if it died or is late."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {log.read_text(errors='replace')[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"server not listening on {port} after {timeout}s: {log.read_text(errors='replace')[-2000:]}")


@contextmanager
def running_server(command: Sequence[str], port: int, *, log: Path, timeout: float = 30, cwd: Path | None = None) -> Iterator[subprocess.Popen]:
    """Run `command` until the block ends, once it listens on `port`; stop it by its pid."""
    with log.open("wb") as output:
        process = subprocess.Popen(list(command), stdout=output, stderr=subprocess.STDOUT, cwd=cwd)
    try:
        wait_for_port(port, process, timeout=timeout, log=log)
        yield process
    finally:
        stop(process)


Row = tuple[str | None, ...]
"""One answer row: each value an RDF term in N-Triples, None where unbound.

Numbers need no normalising: Oxigraph and Virtuoso both store them in canonical form (90000.0 as 90000).
"""


OXIGRAPH = Path(sys.executable).parent / "oxigraph"
"""The `oxigraph` server of the test dependencies, beside this Python."""


class Oxigraph:
    """A running `oxigraph serve` and its endpoints."""

    def __init__(self, location: Path, port: int, process: subprocess.Popen) -> None:
        self.location, self.port, self.process = location, port, process
        self.store = f"http://127.0.0.1:{port}/store"
        self.query = f"http://127.0.0.1:{port}/query"
        self.update = f"http://127.0.0.1:{port}/update"


def serve_oxigraph(location: Path):
    """`oxigraph serve` on `location` and a free port: (port, a context manager running it)."""
    port = free_port()
    command = [str(OXIGRAPH), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    return port, running_server(command, port, log=location.parent / f"oxigraph-{port}.log", timeout=20)


def select(query_url: str, text: str) -> list[tuple[Term | None, ...]]:
    """A SELECT's answer rows from a server's SPARQL endpoint, over the union of its graphs.

    `union-default-graph` is Oxigraph's query parameter for that; Virtuoso ignores it (its default
    graph already spans all graphs). Raises requests.HTTPError when the server rejects the query.
    """
    response = requests.post(query_url, params={"union-default-graph": ""}, data={"query": text},
                             headers={"Accept": "application/sparql-results+json"}, timeout=30)
    if not response.ok:
        raise requests.HTTPError(f"{response.status_code} from {query_url}: {response.text[:2000]}", response=response)
    solutions = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
    names = [variable.value for variable in solutions.variables]
    return [tuple(solution[name] for name in names) for solution in solutions]


def rows(answers: Iterable[Sequence[Term | None]]) -> set[Row]:
    """Answer rows as a set of rows of N-Triples strings, so that two engines' answers compare with ==."""
    return {tuple(None if term is None else str(term) for term in answer) for answer in answers}


def competency_answers(ask: Callable[[str], Iterable[Sequence[Term | None]]]) -> dict[str, set[Row]]:
    """Every shipped competency query's answer rows, by query name, from `ask` (query text → rows)."""
    return {shipped.name: rows(ask(shipped.path.read_text(encoding="utf-8"))) for shipped in list_queries()}


def assert_server_answers_like(query_url: str, graph: Path) -> None:
    """Every shipped competency query answers the same rows on the server as `kg query` on the graph file."""
    local = competency_answers(lambda text: query(graph, text).rows)
    assert any(local.values()), "the local graph answers no competency query: nothing would be compared"
    assert competency_answers(partial(select, query_url)) == local


def graph_count(query_url: str, graph: str) -> int:
    """Triples in one graph on the server."""
    [(count,)] = select(query_url, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(count.value)


Behaviour = Union[int, str, tuple[int, dict[str, str], bytes], Callable[[BaseHTTPRequestHandler], None]]
"""What the scripted server does with one request: answer an HTTP status with an empty body, "drop" the
connection, answer (status, headers, body), or let a function write the answer itself."""


class Scripted(BaseHTTPRequestHandler):
    """Answers each request with the next behaviour of `server.script` (500 once it is empty) and records
    (method, path, Authorization header) in `server.seen` and the body in `server.bodies`."""

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        self.server.bodies.append(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
        self.server.seen.append((self.command, self.path, self.headers.get("Authorization", "")))
        behaviour = self.server.script.pop(0) if self.server.script else 500
        if behaviour == "drop":
            self.close_connection = True
            return
        if callable(behaviour):
            behaviour(self)
            return
        status, headers, body = behaviour if isinstance(behaviour, tuple) else (behaviour, {}, b"")
        self.send_response(status)
        for name, value in {**headers, "Content-Length": str(len(body))}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    do_PUT = do_GET = do_POST

    def log_message(self, *args) -> None:
        """Keep test output quiet."""


@contextmanager
def scripted_server(path: str = "/store") -> Iterator[ThreadingHTTPServer]:
    """A Scripted server on a free loopback port until the block ends; `.url` is its address + `path`,
    `.origin` its scheme, host and port; set `.script` to what it should answer."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Scripted)
    server.daemon_threads = True
    server.script, server.seen, server.bodies = [], [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.origin = f"http://127.0.0.1:{server.server_address[1]}"
    server.url = server.origin + path
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def sparql_count(n: int) -> tuple[int, dict[str, str], bytes]:
    """A scripted answer to a SPARQL COUNT query: `n` as SPARQL JSON."""
    body = {"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": str(n)}}]}}
    return 200, {"Content-Type": "application/sparql-results+json"}, json.dumps(body).encode()


DIGEST_CHALLENGE = (401, {"WWW-Authenticate": 'Digest realm="kg", nonce="0123456789abcdef", qop="auth"'}, b"")
"""A scripted digest challenge: a client that answers it sends a response derived from the password."""
