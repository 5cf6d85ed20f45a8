"""A build killed with SIGKILL while it writes graph.ttl leaves the previous graph.ttl byte for byte; the next
build on the same output succeeds despite the dead build's lock and temporary files.

The corpus is parsed once in this process (the session pipeline) into the extraction cache beside the output,
so each killed `kg build` only resolves and writes: a graph of ~10,000 triples whose write takes long enough
to be caught by polling the folder for atomic_write's temporary file.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from bench.corpus import write_corpus
from kg.build import build

ARTICLES = 25
ATTEMPTS = 5
TEMP = re.compile(r"\.graph\.ttl\.[a-z0-9_]{8}\.tmp")
"""The temporary file kg.files.atomic_write writes graph.ttl through."""


def temp_files(folder: Path) -> list[Path]:
    return [folder / entry.name for entry in os.scandir(folder) if TEMP.fullmatch(entry.name)]


def size(path: Path) -> int:
    """The file's size, 0 once it is gone (renamed or removed by the build)."""
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def kill_while_writing(corpus: Path, output: Path) -> Path | None:
    """Run `kg build`, SIGKILL it once graph.ttl's temporary file has content; the temp it died on, or None if missed."""
    process = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(output), "-q"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while process.poll() is None:
            for temp in temp_files(output.parent):
                if size(temp) > 0:
                    process.send_signal(signal.SIGKILL)
                    process.wait()
                    # a finished write renames its temp away, a failed one deletes it: still here = killed mid-write
                    return temp if temp.exists() else None
            time.sleep(0.0005)
        return None
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.mark.model
def test_sigkill_mid_write_keeps_the_previous_graph(nlp, tmp_path, sample_graph_path):
    corpus = tmp_path / "corpus"
    write_corpus(ARTICLES, corpus)
    out = tmp_path / "out"
    build([corpus], out / "warm-up.ttl", nlp=nlp)  # fills out/.kg-cache, the killed builds' default cache
    graph = out / "graph.ttl"
    previous = sample_graph_path.read_bytes()

    killed = None
    for _ in range(ATTEMPTS):
        graph.write_bytes(previous)
        killed = kill_while_writing(corpus, graph)
        if killed:
            break
        # missed the window: the build replaced the graph whole (it must parse), or never wrote it
        content = graph.read_bytes()
        assert content == previous or list(ox.parse(content, format=ox.RdfFormat.TURTLE))
    assert killed, f"no kill landed while graph.ttl was being written in {ATTEMPTS} attempts"
    assert graph.read_bytes() == previous
    assert len(list(ox.parse(path=str(graph), format=ox.RdfFormat.TURTLE))) == len(list(ox.parse(previous, format=ox.RdfFormat.TURTLE)))
    assert 0 < killed.stat().st_size

    os.utime(killed, (0, 0))  # the leftover of a build killed long ago
    report = build([corpus], graph, nlp=nlp)
    assert report.triples > 1000 and report.cached == ARTICLES
    assert len(list(ox.parse(path=str(graph), format=ox.RdfFormat.TURTLE))) == report.triples
    assert temp_files(out) == []
