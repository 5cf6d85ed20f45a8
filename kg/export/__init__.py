"""Exporting a kg graph to other tools' formats: one module per target, registered by name.

`EXPORTERS` maps a format name to "module:function", imported on first use (like rdflib plugins), so
`kg export --format nt` never imports networkx. Every exporter has the signature
`(store, path, *, format) -> list[Path]` and writes its files through `kg.files.atomic_write`.
"""
from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from kg.api import callable_verb
from kg.errors import KgError
from kg.export.parts import check_splittable

Exporter = Callable[..., list[Path]]

EXPORTERS: dict[str, str] = {
    "ttl": "kg.export.rdf:write_rdf",
    "nt": "kg.export.rdf:write_rdf",
    "nq": "kg.export.rdf:write_rdf",
    "trig": "kg.export.rdf:write_rdf",
    "jsonld": "kg.export.jsonld:write_jsonld",
    "xml": "kg.export.rdf:write_rdf",
    "graphml": "kg.export.networkx:write_network",
    "gexf": "kg.export.networkx:write_network",
    "csv": "kg.export.csv:write_csv",
    "neo4j": "kg.export.neo4j:write_neo4j",
}
"""Format name → the function that writes it."""

EXTENSIONS: dict[str, str] = {
    "ttl": "ttl", "turtle": "ttl", "nt": "nt", "nq": "nq", "trig": "trig", "jsonld": "jsonld",
    "json": "jsonld", "rdf": "xml", "xml": "xml", "owl": "xml", "graphml": "graphml", "gexf": "gexf",
    "csv": "csv", "cypher": "neo4j",
}
"""File extension → format name, for when `--format` is left out."""

ALIASES: dict[str, str] = {
    "turtle": "ttl", "ntriples": "nt", "n-triples": "nt", "nquads": "nq", "n-quads": "nq", "json-ld": "jsonld",
    "rdfxml": "xml", "rdf": "xml", "cypher": "neo4j",
}
"""Other names of the export formats (those the RDF readers know them by)."""


def export_format(path: str | os.PathLike[str], name: str | None = None) -> str:
    """The export format named by `name`, or guessed from `path`'s extension.

    Raises KgError (exit 2) for an unknown name or extension.
    >>> export_format("out/graph.gexf")
    'gexf'
    """
    if name is not None:
        if ALIASES.get(name.lower(), name.lower()) in EXPORTERS:
            return ALIASES.get(name.lower(), name.lower())
        raise KgError(f"unknown export format {name!r} (known: {', '.join(EXPORTERS)}; also {', '.join(ALIASES)})", exit_code=2)
    suffix = Path(path).suffix.lstrip(".").lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    raise KgError(
        f"cannot guess the export format from {Path(path).name!r}: use --format ({', '.join(EXPORTERS)})",
        exit_code=2,
    )


def load_exporter(name: str) -> Exporter:
    """Import the function registered for format `name`."""
    module_name, function_name = EXPORTERS[name].split(":")
    return getattr(importlib.import_module(module_name), function_name)


LABELLED = {"graphml", "gexf", "csv", "neo4j"}
"""Formats for tools that are not RDF: they name classes and properties by their labels in a language."""


def export_graph(
    store: ox.Store, path: str | os.PathLike[str], *, format: str | None = None, split_every: int | None = None,
    lang: str = "en",
) -> list[Path]:
    """Write `store` to `path` in `format` (guessed from the extension when None); return the files written.

    `split_every` N writes line-based formats (nt, nq) in parts of N lines plus a manifest, for bulk
    loaders (see kg.export.parts). GraphML, GEXF, CSV and Neo4j name classes and properties by their
    ontology labels in `lang` (fr or en). Raises KgError (exit 2) for an unknown format, a format that
    cannot be split, or an unwritable path.
    """
    name = export_format(path, format)
    if split_every is not None:
        check_splittable(name)
        return load_exporter(name)(store, Path(path), format=name, split_every=split_every)
    return load_exporter(name)(store, Path(path), format=name, **({"lang": lang} if name in LABELLED else {}))


callable_verb(__name__)  # kg.export(...) is the API verb (kg/api.py); kg.export.<name> this package
