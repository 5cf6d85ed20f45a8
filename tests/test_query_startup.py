"""`kg query` never imports spaCy or pyvis, so that it starts in well under a second."""
from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = {"spacy", "pyvis", "thinc", "torch"}


def imported_modules(*args: str) -> set[str]:
    """Top-level packages imported by `python -m kg ARGS` (from -X importtime's report on stderr)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kg", *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [line for line in done.stderr.splitlines() if line.startswith("import time:")]
    return {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in lines}


@pytest.mark.parametrize("args", [["query", "--help"], ["query", "--list"], ["validate", "--help"]], ids=["help", "list", "validate-help"])
def test_query_command_imports_no_heavy_package(args):
    modules = imported_modules(*args)
    assert "typer" in modules
    assert not modules & HEAVY


def test_running_a_query_imports_no_heavy_package(sample_graph_path):
    modules = imported_modules("query", "entities", "--graph", str(sample_graph_path))
    assert "pyoxigraph" in modules
    assert not modules & HEAVY
