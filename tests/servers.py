"""Starting real database servers for tests (free loopback ports, stopped by pid at the end) and asking
them the same SPARQL questions as the local graph."""
from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import requests

from kg.namespace import PREFIXES


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
        stop_server(process)


def stop_server(process: subprocess.Popen) -> None:
    """Terminate the process (kill it if it lingers) and reap it."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


HEADER = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())
QUERIES = [
    "SELECT ?person ?org WHERE { ?person kg:ceoOf ?org }",
    "SELECT ?s ?p ?o ?article WHERE { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?article }",
    "SELECT ?e ?label ?alias WHERE { ?e a kg:Organization ; rdfs:label ?label OPTIONAL { ?e skos:altLabel ?alias } }",
]
"""Competency questions asked of the local graph and of the server: the answers must be equal."""


def select(query_url: str, query: str) -> set[tuple[str, ...]]:
    """A SELECT's answers from a server, over the union of its graphs, as tuples of values."""
    response = requests.post(query_url, params={"union-default-graph": ""}, data={"query": HEADER + query},
                             headers={"Accept": "application/sparql-results+json"}, timeout=30)
    response.raise_for_status()
    body = response.json()
    names = body["head"]["vars"]
    return {tuple(row.get(name, {}).get("value", "") for name in names) for row in body["results"]["bindings"]}


def select_local(store: ox.Store, query: str) -> set[tuple[str, ...]]:
    """The same SELECT answered by pyoxigraph on the local graph."""
    results = store.query(HEADER + query)
    names = [variable.value for variable in results.variables]
    return {tuple(row[name].value if row[name] is not None else "" for name in names) for row in results}


def graph_count(query_url: str, graph: str) -> int:
    """Triples in one graph on the server."""
    [(count,)] = select(query_url, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(count)
