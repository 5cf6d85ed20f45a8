"""Checks that written RDF is valid whatever the input: strict IRIs, and files two parsers read back."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox
import rdflib
import rfc3987

BIDI_MARKS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "xml": "xml", "rdf": "xml"}
"""File extension → rdflib parser name."""


def assert_valid_iri(value: str) -> None:
    """`value` is an IRI by RFC 3987's grammar, without the bidi marks its section 4.1 forbids."""
    assert rfc3987.match(value, rule="IRI"), value
    assert not BIDI_MARKS & set(value), value
    ox.NamedNode(value)


def assert_valid_terms(triples: Sequence[ox.Triple | tuple]) -> None:
    """Every IRI is valid and no literal holds what XML 1.0 or UTF-8 cannot carry."""
    for triple in triples:
        for term in triple:
            if isinstance(term, ox.NamedNode):
                assert_valid_iri(term.value)
            elif isinstance(term, ox.Literal):
                assert not any(ord(c) < 0x20 and c not in "\t\n\r" or c in "\ufffe\uffff" for c in term.value), term
                term.value.encode("utf-8")


def reparse(path: Path) -> int:
    """The number of distinct triples in an RDF file, read by Oxigraph (strict) and by rdflib, which must agree."""
    extension = path.suffix.lstrip(".")
    fmt = ox.RdfFormat.RDF_XML if extension in {"xml", "rdf"} else ox.RdfFormat.from_extension(extension)
    strict = {quad.triple if isinstance(quad, ox.Quad) else quad for quad in ox.parse(path=str(path), format=fmt)}
    graph = rdflib.Dataset() if fmt.supports_datasets else rdflib.Graph()
    graph.parse(path, format=RDFLIB_FORMATS[extension])
    loose = {triple[:3] for triple in (graph.quads() if fmt.supports_datasets else graph)}
    assert len(loose) == len(strict), path
    return len(strict)
