"""`kg serve`: the graph behind the real Oxigraph server (its SPARQL endpoint and query UI) and the explorer
page beside it, both on localhost, until Ctrl-C.

Oxigraph serves the persistent store kept beside the graph file (kg.store), read-only: the file stays the
single source of truth, and `kg query` can read the same store meanwhile. The explorer is the page
`kg viz` writes, linked to the endpoint, served from a temporary folder by Python's HTTP server. Ctrl-C or
SIGTERM stops both; the Oxigraph process also gets SIGTERM if kg dies (Linux's parent-death signal), so it
never outlives the command. Imports no spaCy: it starts as fast as `kg viz`.
"""
from __future__ import annotations

import ctypes
import functools
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.store import refresh_store
from kg.viz import draw_graph

STARTUP_SECONDS = 30.0
"""How long Oxigraph may take to listen: it opens the store, which is quick even for millions of triples."""


@dataclass(frozen=True)
class Served:
    """Where the servers listen."""

    sparql: str
    """Oxigraph's query UI; the SPARQL endpoint is at `sparql + "query"`."""
    explorer: str


def oxigraph_command() -> str:
    """The `oxigraph` program: beside this Python (a virtual environment's bin/), else on PATH.

    Raises KgError (exit 1) when there is none.
    """
    found = shutil.which("oxigraph", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    if found is None:
        raise KgError("kg serve needs the oxigraph command: pip install oxigraph", exit_code=1)
    return found


def check_port_free(port: int) -> None:
    """Raises KgError (exit 1) when something listens on 127.0.0.1:`port` already."""
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise KgError(f"port {port} is in use on 127.0.0.1 (choose another with --port or --explorer-port)", exit_code=1) from None


def _die_with_parent() -> None:
    """In the child, before exec: get SIGTERM when the parent dies (prctl PR_SET_PDEATHSIG; Linux only)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


@contextmanager
def oxigraph_server(location: Path, port: int, *, log: Path) -> Iterator[subprocess.Popen]:
    """`oxigraph serve-read-only` on `location` at 127.0.0.1:`port` until the block ends, then stopped.

    It runs in its own session, so a Ctrl-C reaches kg alone and kg stops it in order. Raises KgError
    (exit 1) with the end of its log when it exits or is not listening after STARTUP_SECONDS.
    """
    command = [oxigraph_command(), "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}",
               "--union-default-graph"]
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True, preexec_fn=_die_with_parent)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not _listening(port):
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-1:] or ["no output"]
                raise KgError(f"oxigraph did not start on port {port}: {tail[0]}", exit_code=1)
            time.sleep(0.05)
        yield process
    finally:
        stop(process)


def _listening(port: int) -> bool:
    """Whether something accepts connections on 127.0.0.1:`port`."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        return True
    except OSError:
        return False


def stop(process: subprocess.Popen) -> None:
    """Terminate the process, kill it if it lingers, and reap it."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the explorer's folder without logging every request."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Inside the block, SIGTERM stops the command like Ctrl-C does (so `kill` cleans up too)."""
    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def serve(
    graph: str | os.PathLike[str],
    *,
    port: int = 7878,
    explorer_port: int | None = None,
    on_ready: Callable[[Served], None] = lambda served: None,
    **page: Any,
) -> None:
    """Serve `graph`: Oxigraph on 127.0.0.1:`port`, the explorer (`kg.viz.draw_graph` with the `page`
    options, linked to the endpoint) on `explorer_port` (default `port` + 1). Calls `on_ready` once both
    listen, then blocks until Ctrl-C or SIGTERM, and stops both.

    Raises KgError for an unreadable graph, a busy port or an Oxigraph that does not start.
    """
    explorer_port = port + 1 if explorer_port is None else explorer_port
    for number in dict.fromkeys((port, explorer_port)):
        check_port_free(number)
    if port == explorer_port:
        raise KgError("--port and --explorer-port must differ", exit_code=2)
    try:
        location = refresh_store(graph)
    except OSError as error:
        raise KgError(f"cannot build the store beside {graph}: {error.strerror or error}", exit_code=1) from None
    served = Served(sparql=f"http://127.0.0.1:{port}/", explorer=f"http://127.0.0.1:{explorer_port}/")
    with tempfile.TemporaryDirectory(prefix="kg-serve-") as folder, sigterm_as_interrupt():
        site = Path(folder) / "site"  # what the explorer's server shows: the page alone, not the log beside it
        draw_graph(graph, site / "index.html", sparql=served.sparql, **page)
        with oxigraph_server(location, port, log=Path(folder) / "oxigraph.log"):
            with ThreadingHTTPServer(("127.0.0.1", explorer_port), functools.partial(QuietHandler, directory=str(site))) as httpd:
                on_ready(served)
                try:
                    httpd.serve_forever()
                except KeyboardInterrupt:
                    pass
