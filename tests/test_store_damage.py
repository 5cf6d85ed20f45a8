"""A damaged persistent store is rebuilt, never trusted: random bytes in any of its files (the stamp left
as it was, as a failing disk or a stray write leaves it) never crash `kg query`, never make it allocate
gigabytes (a flipped block size once did: ~24 GB, then the OOM killer), never fail it forever ("block
checksum mismatch"), and never change an answer. The stamp lists every file's size and CRC-32, and a
store that fails while answering is deleted and the query run once more on a new one."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kg.query
import kg.store
from guards import run_guarded
from kg.query import load_query, query
from kg.store import load_graph, refresh_store


@pytest.fixture
def graph(tmp_path, sample_graph_path) -> Path:
    path = tmp_path / "graph.ttl"
    shutil.copy(sample_graph_path, path)
    return path


def answers(store_or_path, **options) -> set:
    return {tuple(map(str, row)) for row in query(store_or_path, load_query("entities"), **options).rows}


def test_a_store_that_fails_while_answering_is_rebuilt_and_the_query_answered(graph, monkeypatch):
    expected = answers(load_graph(graph))
    first = refresh_store(graph)
    real, calls = kg.query.run_query, []

    def failing_once(store, text, substitutions, **options):
        calls.append(store)
        if len(calls) == 1:
            raise RuntimeError("Corruption: block checksum mismatch: stored = 1, computed = 2")
        return real(store, text, substitutions, **options)

    monkeypatch.setattr(kg.query, "run_query", failing_once)
    assert answers(graph, persistent=True) == expected
    assert len(calls) == 2 and (first / "kg-stamp.json").exists()  # rebuilt in the same place: same content


def test_a_query_on_a_file_without_a_store_is_not_run_twice(graph, monkeypatch):
    calls = []

    def failing(store, text, substitutions, **options):
        calls.append(store)
        raise RuntimeError("evaluation failed")

    monkeypatch.setattr(kg.query, "run_query", failing)
    with pytest.raises(kg.errors.KgError, match="query failed: evaluation failed"):
        query(graph, "SELECT * WHERE { ?s ?p ?o }")
    assert len(calls) == 1


def test_a_file_added_to_a_store_folder_is_damage(graph):
    version = refresh_store(graph)
    (version / "000999.sst").write_bytes(b"not RocksDB's")
    assert kg.store.read_stamp(version) is None
    assert refresh_store(graph) == version and not (version / "000999.sst").exists()


def test_random_bytes_in_store_files_never_crash_or_change_an_answer(graph):
    """Hypothesis, in a child process capped at 2 GiB and 120 CPU seconds, so that a regression fails
    here instead of taking the machine's memory: 100 stores, each with 1-4 files overwritten in place."""
    out = run_guarded("""
        import shutil, sys, tempfile
        from pathlib import Path
        from hypothesis import HealthCheck, given, settings, strategies as st
        from kg.query import load_query, query
        from kg.store import load_graph, open_graph, refresh_store

        source = Path(sys.argv[1])
        text = load_query("entities")
        expected = {tuple(map(str, row)) for row in query(load_graph(source), text).rows}
        pristine = refresh_store(source)
        files = sorted(p.name for p in pristine.iterdir() if p.name != "kg-stamp.json" and p.stat().st_size)
        runs = []

        @settings(max_examples=100, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(st.lists(st.tuples(st.sampled_from(files), st.floats(0, 1), st.binary(min_size=1, max_size=8)), min_size=1, max_size=4))
        def check(damage):
            with tempfile.TemporaryDirectory() as tmp:
                graph = Path(tmp) / source.name
                shutil.copy(source, graph)
                shutil.copytree(pristine.parent, Path(tmp) / pristine.parent.name)
                version = Path(tmp) / pristine.parent.name / pristine.name
                for name, where, data in damage:
                    raw = bytearray((version / name).read_bytes())
                    at = min(int(where * len(raw)), len(raw) - 1)
                    raw[at:at + len(data)] = data
                    (version / name).write_bytes(bytes(raw[:len((version / name).read_bytes())]))
                got = {tuple(map(str, row)) for row in query(open_graph(graph, persistent=True), text).rows}
                assert got == expected, damage
                runs.append(1)

        check()
        print(len(runs))
        """, cpu_seconds=120, memory_bytes=2 << 30, args=[str(graph)])
    assert int(out) >= 100
