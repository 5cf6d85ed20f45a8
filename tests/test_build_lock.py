"""The build lock leaves no file behind, and a build that opened the lock file just before the build
holding it deleted it sees that the name no longer points at its file (so it locks the new one)."""
from __future__ import annotations

import os

import pytest

from kg.build import build_lock, same_file
from kg.errors import KgError


def test_the_lock_file_goes_with_the_build(tmp_path):
    output = tmp_path / "graph.ttl"
    with build_lock(output):
        assert (tmp_path / "graph.ttl.lock").exists()
        with pytest.raises(KgError, match="another kg build is writing"):
            with build_lock(output):
                pass
    assert list(tmp_path.iterdir()) == []


def test_a_lock_file_replaced_under_its_name_is_not_the_same_file(tmp_path):
    path = tmp_path / "graph.ttl.lock"
    path.write_text("")
    with open(path) as opened:
        assert same_file(path, opened.fileno())
        os.unlink(path)
        assert not same_file(path, opened.fileno())
        path.write_text("")
        assert not same_file(path, opened.fileno())
