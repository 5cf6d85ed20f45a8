"""Names for RDF terms in formats that are not RDF: prefixed names and human labels."""
from __future__ import annotations

import pyoxigraph as ox

from kg.namespace import PREFIXES, RDFS, SKOS

_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def split_iri(iri: str) -> tuple[str, str] | None:
    """(prefix, local name) for an IRI under one of the project's prefixes, else None.

    >>> split_iri("https://example.org/kg/entity/ubisoft")
    ('ent', 'ubisoft')
    """
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return prefix, iri[len(namespace):]
    return None


def compact_iri(iri: str) -> str:
    """`ent:ubisoft` for an IRI under a known prefix, the IRI itself otherwise."""
    parts = split_iri(iri)
    return f"{parts[0]}:{parts[1]}" if parts else iri


def term_key(term: ox.Term) -> str:
    """A stable text key for a node: the IRI, or `_:id` for a blank node, or a literal's value."""
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def find_labels(store: ox.Store) -> dict[str, str]:
    """Each labelled node's display label: rdfs:label, else skos:prefLabel (one per node)."""
    labels: dict[str, str] = {}
    for predicate in (SKOS.prefLabel, RDFS.label):
        for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
            labels[term_key(quad.subject)] = quad.object.value
    return labels


def label_of(term: ox.Term, labels: dict[str, str]) -> str:
    """The label of a node, or its prefixed name; a literal's value."""
    if isinstance(term, ox.Literal):
        return term.value
    key = term_key(term)
    return labels.get(key) or compact_iri(key)
