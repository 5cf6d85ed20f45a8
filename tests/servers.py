"""Starting real database servers for tests (free loopback ports, stopped by pid at the end) and asking
them every shipped competency query, to compare with the local graph's answers."""
from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path

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
