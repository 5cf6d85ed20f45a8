"""A write that fails half way (a full disk: ENOSPC from write or fsync) is a one-line error naming the
file, exit 2, with the old file kept whole and no temporary file left; a cache that cannot be written is
a warning and the build goes on without it. Before, both were raw OSError tracebacks."""
from __future__ import annotations

import errno
import os

import pytest
from typer.testing import CliRunner

from kg.cache import ExtractionCache
from kg.cli import app
from kg.errors import KgError
from kg.files import atomic_write
from test_build_cache import article


@pytest.fixture
def full_disk(monkeypatch):
    """Every fsync fails as on a full disk (where a write has not failed first)."""
    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)


def test_a_failed_write_keeps_the_old_file_and_says_why(tmp_path, full_disk):
    target = tmp_path / "graph.ttl"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(KgError) as raised:
        with atomic_write(target) as handle:
            handle.write("new")
    assert (raised.value.exit_code, raised.value.message) == (2, f"cannot write {target}: No space left on device")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]


def test_an_unwritable_cache_entry_is_a_warning_once(tmp_path, full_disk):
    from kg.extract import Extraction

    warnings: list[str] = []
    cache = ExtractionCache(tmp_path, "v1", on_warning=warnings.append)
    extraction = Extraction({"id": "a_1"}, "v1", [], [], [])
    cache.store(article(), extraction)
    cache.store(article("Autre texte."), extraction)
    assert warnings == [f"not caching extractions: cannot write {cache.path(article())}: No space left on device"]


def test_kg_export_on_a_full_disk(tmp_path, sample_graph_path, full_disk):
    output = tmp_path / "graph.nt"
    output.write_text("old", encoding="utf-8")
    result = CliRunner().invoke(app, ["export", "--graph", str(sample_graph_path), "-o", str(output)])
    assert result.exit_code == 2
    assert result.output == f"kg: error: cannot write {output}: No space left on device\n"
    assert output.read_text(encoding="utf-8") == "old"
