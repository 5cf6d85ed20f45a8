"""atomic_write removes temporary files that killed writers left, and never one a live writer holds."""
from __future__ import annotations

import os

from kg.files import atomic_write, remove_stale_temps

LONG_AGO = (0, 0)


def test_a_dead_writers_old_temp_is_removed_by_the_next_write(tmp_path):
    stale = tmp_path / ".graph.ttl.abcd1234.tmp"
    stale.write_text("@prefix half", encoding="utf-8")
    os.utime(stale, LONG_AGO)
    with atomic_write(tmp_path / "graph.ttl") as handle:
        handle.write("new")
    assert not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]


def test_live_fresh_and_other_files_temps_are_kept(tmp_path):
    target = tmp_path / "graph.ttl"
    fresh = tmp_path / ".graph.ttl.efgh5678.tmp"
    other = tmp_path / ".graph.ttl.bak.abcd1234.tmp"  # a temp of another file, graph.ttl.bak
    for path in (fresh, other):
        path.write_text("x", encoding="utf-8")
    os.utime(other, LONG_AGO)
    with atomic_write(target) as handle:
        (live,) = set(tmp_path.iterdir()) - {fresh, other}
        os.utime(live, LONG_AGO)  # old, but locked by this writer
        assert remove_stale_temps(target) == []
        handle.write("new")
    assert fresh.exists() and other.exists() and target.read_text(encoding="utf-8") == "new"
