"""The persistent store beside a graph file: reused while the file is unchanged, rebuilt when its content
changes or the store is damaged, never trusted over the file, and answering exactly as the file does.
A symlink where kg keeps its store (an unpacked archive can hold one) is removed, never followed."""
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


# ---- symlinks: an archive can put a link where kg keeps its store, its lock or a version folder


@pytest.fixture
def precious(tmp_path) -> Path:
    """A folder of someone else's data: subfolders and a file named `lock`."""
    folder = tmp_path / "precious"
    (folder / "photos").mkdir(parents=True)
    (folder / "photos" / "cat.jpg").write_bytes(b"meow")
    (folder / "lock").write_text("not kg's", encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_symlinked_store_folder_is_replaced_and_its_target_left_alone(graph, precious):
    before = snapshot(precious)
    store_folder(graph).symlink_to(precious, target_is_directory=True)
    assert labels(open_graph(graph, persistent=True)) == labels(load_graph(graph))
    assert snapshot(precious) == before and (precious / "photos").is_dir()
    assert store_folder(graph).is_dir() and not store_folder(graph).is_symlink()


@pytest.mark.parametrize("name", ["lock", "stale-version"])
def test_symlinks_inside_the_store_folder_are_unlinked_not_followed(graph, precious, name):
    before = snapshot(precious)
    root = store_folder(graph)
    root.mkdir()
    (root / name).symlink_to(precious / "lock" if name == "lock" else precious)
    refresh_store(graph)
    assert snapshot(precious) == before and (precious / "photos").is_dir()
    assert not (root / name).is_symlink()


def test_a_symlinked_version_folder_with_a_valid_stamp_is_not_trusted(graph, tmp_path):
    version = refresh_store(graph)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(version, elsewhere)
    version.symlink_to(elsewhere, target_is_directory=True)
    assert refresh_store(graph) == version
    assert version.is_dir() and not version.is_symlink()
    assert (elsewhere / "kg-stamp.json").is_file()  # moved away, not deleted through the link
