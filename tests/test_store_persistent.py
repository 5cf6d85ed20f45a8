"""The persistent store beside a graph file: reused while the file is unchanged, rebuilt when its content
changes or the store is damaged, never trusted over the file, and answering exactly as the file does."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import kg.store
from kg.query import list_queries, query
from kg.store import STAMP, load_graph, open_graph, refresh_store, store_folder


@pytest.fixture
def graph(tmp_path, sample_graph_path) -> Path:
    path = tmp_path / "graph.ttl"
    shutil.copy(sample_graph_path, path)
    return path


@pytest.fixture
def builds(monkeypatch) -> list[Path]:
    """The graph files parsed into a new store during the test."""
    seen: list[Path] = []
    real = kg.store.build_store

    def counting(source, *args):
        seen.append(source)
        return real(source, *args)

    monkeypatch.setattr(kg.store, "build_store", counting)
    return seen


def labels(store) -> set[str]:
    return {row[0].value for row in query(store, "SELECT ?l WHERE { ?s rdfs:label ?l }").rows}


def test_an_unchanged_file_reuses_its_store_without_parsing(graph, builds):
    first = open_graph(graph, persistent=True)
    second = open_graph(graph, persistent=True)
    assert builds == [graph]
    assert len(first) == len(second) == len(load_graph(graph))
    assert store_folder(graph) == graph.parent / ".graph.ttl.oxigraph"


def test_a_same_size_edit_with_the_same_mtime_is_seen(graph, builds):
    assert "Montréal" in labels(open_graph(graph, persistent=True))
    before = graph.stat()
    graph.write_bytes(graph.read_bytes().replace("Montréal".encode(), "Montrexal".encode()))
    os.utime(graph, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert graph.stat().st_size == before.st_size
    edited = labels(open_graph(graph, persistent=True))
    assert "Montrexal" in edited and "Montréal" not in edited
    assert len(builds) == 2
    assert len([p for p in store_folder(graph).iterdir() if p.is_dir()]) == 1  # the old version is gone


@pytest.mark.parametrize(
    "damage",
    [
        lambda version: (version / STAMP).write_text("{not json", encoding="utf-8"),
        lambda version: (version / STAMP).unlink(),
        lambda version: (version / "CURRENT").unlink(),
        lambda version: [sst.write_bytes(b"garbage") for sst in version.glob("*.sst")],
    ],
    ids=["bad-stamp", "no-stamp", "no-current", "garbage-tables"],
)
def test_a_damaged_store_is_rebuilt_not_trusted(graph, damage):
    expected = labels(load_graph(graph))
    damage(refresh_store(graph))
    assert labels(open_graph(graph, persistent=True)) == expected


def test_a_half_built_folder_left_by_a_crash_is_cleared(graph):
    root = store_folder(graph)
    (root / "building-crashed").mkdir(parents=True)
    (root / "building-crashed" / "000001.sst").write_bytes(b"partial")
    open_graph(graph, persistent=True)
    assert not (root / "building-crashed").exists()


@pytest.mark.parametrize("shipped", list_queries(), ids=lambda q: q.name)
def test_every_shipped_query_answers_as_the_file_does(graph, shipped):
    text = shipped.path.read_text(encoding="utf-8")
    assert query(open_graph(graph, persistent=True), text) == query(load_graph(graph), text)


def test_small_files_and_opting_out_leave_no_folder_beside_the_graph(graph):
    open_graph(graph)
    open_graph(graph, persistent=False)
    assert not store_folder(graph).exists()


def test_big_files_get_a_store_by_default(graph, monkeypatch):
    monkeypatch.setattr(kg.store, "PERSISTENT_MIN_BYTES", 1)
    open_graph(graph)
    assert store_folder(graph).is_dir()


@pytest.mark.parametrize(("options", "kept"), [([], True), (["--no-store"], False)], ids=["store", "no-store"])
def test_kg_query_uses_the_store_unless_told_not_to(graph, monkeypatch, options, kept):
    from typer.testing import CliRunner

    from kg.cli import app

    monkeypatch.setattr(kg.store, "PERSISTENT_MIN_BYTES", 1)
    done = CliRunner().invoke(app, ["query", "entities", "--graph", str(graph), "--format", "csv", *options])
    assert done.exit_code == 0, done.output
    assert "Montréal" in done.output
    assert store_folder(graph).is_dir() == kept


def test_two_readers_at_once_share_one_build(graph, builds):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(lambda _: labels(open_graph(graph, persistent=True)), range(2)))
    assert answers[0] == answers[1] == labels(load_graph(graph))
    assert builds == [graph]
