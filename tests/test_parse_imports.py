"""The map step (parse and extract a batch) lives in kg.parse, run by kg.build and kg.distributed alike:
kg.distributed does not import kg.build (the circle between them is gone)."""
from __future__ import annotations

import ast

from conftest import ROOT


def imported_modules(path) -> set[str]:
    """Every module a source file imports, at the top or inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    return found | {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}


def test_distributed_does_not_import_build():
    assert "kg.build" not in imported_modules(ROOT / "kg" / "distributed.py")
    assert "kg.parse" in imported_modules(ROOT / "kg" / "distributed.py")
    assert not {"kg.build", "kg.distributed"} & imported_modules(ROOT / "kg" / "parse.py")
