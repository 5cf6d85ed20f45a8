"""JSON-LD export with a compact `@context` (the project's prefixes), one node object per subject.

Oxigraph writes expanded JSON-LD only; this writer streams a compact `@graph` node by node instead, so
the output is readable and the context tells JSON-LD tools what `kg:`, `ent:`, `src:`... mean.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.export.terms import compact_iri, term_key
from kg.files import atomic_write
from kg.namespace import PREFIXES, RDF, XSD


def write_jsonld(store: ox.Store, path: Path, *, format: str = "jsonld") -> list[Path]:
    """Write `store` as compact JSON-LD: `{"@context": prefixes, "@graph": [node, ...]}`."""
    subjects = store.query("SELECT DISTINCT ?s WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } ORDER BY ?s")
    with atomic_write(path) as handle:
        handle.write('{\n"@context": ' + json.dumps(PREFIXES, indent=1) + ',\n"@graph": [')
        for index, row in enumerate(subjects):
            handle.write(("," if index else "") + "\n" + json.dumps(to_node_object(store, row["s"]), ensure_ascii=False))
        handle.write("\n]}\n")
    return [path]


def to_node_object(store: ox.Store, subject: ox.NamedNode | ox.BlankNode) -> dict[str, Any]:
    """The JSON-LD node object of one subject: `@id`, `@type` and one key per predicate."""
    node: dict[str, Any] = {"@id": compact_id(subject)}
    seen: set[ox.Triple] = set()
    for quad in sorted(store.quads_for_pattern(subject, None, None, None), key=lambda quad: (str(quad.predicate), str(quad.object))):
        if quad.triple in seen:
            continue
        seen.add(quad.triple)
        if quad.predicate.value == str(RDF.type) and isinstance(quad.object, ox.NamedNode):
            node.setdefault("@type", []).append(compact_iri(quad.object.value))
        else:
            node.setdefault(compact_iri(quad.predicate.value), []).append(to_value(quad.object))
    return node


def compact_id(term: ox.NamedNode | ox.BlankNode) -> str:
    """A node reference: a prefixed name, a full IRI or `_:id`."""
    return term_key(term) if isinstance(term, ox.BlankNode) else compact_iri(term.value)


def to_value(term: ox.Term) -> Any:
    """A JSON-LD value object: `{"@id"}` for nodes, a plain string, or `@value` with `@language`/`@type`."""
    if not isinstance(term, ox.Literal):
        return {"@id": compact_id(term)}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == str(XSD.string):
        return term.value
    return {"@value": term.value, "@type": compact_iri(term.datatype.value)}
