"""`kg serve` as a user runs it: the real Oxigraph answering every shipped query as `kg query` does, read-only,
the explorer page beside it linked to the endpoint, no spaCy, and a clean stop on Ctrl-C or SIGTERM."""
from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import requests

from checks import HEAVY, modules_in
from pages import page_data_of
from servers import assert_server_answers_like, free_port


def start(graph: Path, port: int, explorer_port: int, errors: Path) -> subprocess.Popen:
    """`kg serve` in a new process, its stderr (with import times) to `errors`, a file: a pipe nobody reads
    fills up with the import report and blocks it. Returns once it says both servers listen."""
    with errors.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-X", "importtime", "-m", "kg", "serve", "--graph", str(graph), "--port", str(port),
             "--explorer-port", str(explorer_port)],
            stdout=subprocess.PIPE, stderr=stderr, text=True, preexec_fn=_ctrl_c_as_in_a_terminal,
        )
    watchdog = threading.Timer(120, process.kill)  # a server that never says it listens fails the test, not the run
    watchdog.start()
    lines = []
    for line in process.stdout:
        lines.append(line)
        if line.startswith("Ctrl-C"):
            watchdog.cancel()
            return process
    watchdog.cancel()
    process.wait()
    raise AssertionError(f"kg serve exited {process.returncode}: {''.join(lines)}{errors.read_text()[-2000:]}")


def _ctrl_c_as_in_a_terminal() -> None:
    """In the child: Ctrl-C (SIGINT) acts as in a terminal. A suite started in the background (`nohup`, `&`)
    runs with SIGINT ignored, which every process it starts inherits, and `kg serve` would never see it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def closed(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


@pytest.fixture
def graph(sample_graph_path, tmp_path) -> Path:
    """A copy of the sample graph: kg serve keeps its store beside the file."""
    return Path(shutil.copy(sample_graph_path, tmp_path / "graph.ttl"))


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_serve_answers_like_kg_query_and_stops_cleanly(graph, stop, tmp_path):
    port, explorer_port = free_port(), free_port()
    process = start(graph, port, explorer_port, tmp_path / "stderr.txt")
    try:
        assert_server_answers_like(f"http://127.0.0.1:{port}/query", graph)
        assert requests.post(f"http://127.0.0.1:{port}/update", data={"update": "CLEAR ALL"}, timeout=10).status_code == 403
        page = requests.get(f"http://127.0.0.1:{explorer_port}/", timeout=10)
        assert page.ok and page_data_of(page.text)["view"]["sparql"] == f"http://127.0.0.1:{port}/"
        assert requests.get(f"http://127.0.0.1:{explorer_port}/oxigraph.log", timeout=10).status_code == 404
    finally:
        process.send_signal(stop)
        try:
            returncode = process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()  # no server outlives its test
            process.wait()
            raise
    errors = (tmp_path / "stderr.txt").read_text()
    assert returncode == 0 and "kg: stopped" in errors and "Traceback" not in errors
    assert closed(port) and closed(explorer_port)
    assert not modules_in(errors) & (HEAVY - {"pyvis"})  # it draws the page, but never parses text


def test_a_busy_port_is_one_line_and_exit_1(graph):
    port = free_port()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", port))
        busy.listen()
        done = subprocess.run([sys.executable, "-m", "kg", "serve", "--graph", str(graph), "--port", str(port)],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip() == f"kg: error: port {port} is in use on 127.0.0.1 (choose another with --port or --explorer-port)"
