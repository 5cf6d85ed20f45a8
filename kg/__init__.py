"""kg: French news articles → an RDF knowledge graph you can query, look at and export.

The public API mirrors the CLI verbs, with the same option names (kg/api.py):

    >>> import kg
    >>> graph = kg.load("tests/data/sample-graph.ttl")
    >>> [row["personLabel"] for row in kg.query(graph, "ceo", org="Ubisoft")]
    ['Yves Guillemot']

`kg.build`, `kg.load`, `kg.query`, `kg.search`, `kg.draw`, `kg.export`, `kg.push` and `kg.validate`.
Nothing heavy is imported here: spaCy loads only when a build needs it, so `kg query`, `kg viz` and
`kg export` start fast.
"""
from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

__all__ = ["IRI", "KgError", "Rows", "build", "draw", "export", "load", "push", "query", "search", "validate", "__version__"]

_VERB_MODULES = {"build", "query", "export", "push", "search", "validate"}
"""Verbs that are also modules of kg: the module itself is callable as the verb (kg.api.VerbModule)."""


def __getattr__(name: str) -> Any:
    """The API's names, imported on first use."""
    if name in _VERB_MODULES:
        return importlib.import_module(f"kg.{name}")
    if name == "KgError":
        from kg.errors import KgError

        return KgError
    if name in __all__:
        return getattr(importlib.import_module("kg.api"), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
