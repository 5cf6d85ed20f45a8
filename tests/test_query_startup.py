"""`kg query` never imports spaCy or pyvis, so that it starts in well under a second."""
from __future__ import annotations

import pytest

from checks import HEAVY, imported_modules


@pytest.mark.parametrize("args", [["query", "--help"], ["query", "--list"], ["validate", "--help"]], ids=["help", "list", "validate-help"])
def test_query_command_imports_no_heavy_package(args):
    modules = imported_modules(*args)
    assert "typer" in modules
    assert not modules & HEAVY


def test_running_a_query_imports_no_heavy_package(sample_graph_path):
    modules = imported_modules("query", "entities", "--graph", str(sample_graph_path))
    assert "pyoxigraph" in modules
    assert not modules & HEAVY
