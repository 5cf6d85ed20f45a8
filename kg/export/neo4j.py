"""Neo4j export following the neosemantics (n10s) conventions, as a Cypher script and as CSVs.

Every IRI or blank node becomes a `:Resource` node with a `uri` property (`_:id` for blank nodes);
rdf:type becomes extra labels; literal triples become properties; other triples become relationships.
Names are n10s "SHORTEN" names, `prefix__localName` (`kg__Organization`, `rdfs__label`, `kg__uses`),
with `ns0`, `ns1`... for namespaces the project has no prefix for. A property with several values on
any node is an array everywhere (n10s handleMultival ARRAY); numbers and booleans keep their type,
everything else is a string (language tags are dropped, as n10s does by default).

Files for `-o out/graph.cypher`:
- graph.cypher: `MERGE` statements, one per line, in the openCypher both Neo4j and FalkorDB accept;
  re-running it changes nothing.
- graph.constraints.cypher: the Neo4j 5 uniqueness constraint on `Resource.uri` (run it first on Neo4j;
  FalkorDB rejects `REQUIRE`).
- graph.nodes.csv, graph.relationships.csv: for `neo4j-admin database import full --nodes=... \
  --relationships=...` (arrays use neo4j-admin's default `;` delimiter). Text cells that start like a
  spreadsheet formula get a leading `'` (kg.export.terms.spreadsheet_cell): these files get opened in
  spreadsheets too, and article text is anyone's.
"""
from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.export.rdf import store_triples
from kg.export.terms import split_iri, spreadsheet_cell, term_key
from kg.files import atomic_write
from kg.namespace import RDF, XSD

CONSTRAINT = "CREATE CONSTRAINT n10s_unique_uri IF NOT EXISTS FOR (r:Resource) REQUIRE r.uri IS UNIQUE;\n"
_NUMBERS = {str(XSD.integer): int, str(XSD.int): int, str(XSD.long): int, str(XSD.decimal): float,
            str(XSD.double): float, str(XSD.float): float}


class PropertyGraph:
    """A labelled property graph: node labels and properties by uri, and typed relationships."""

    def __init__(self) -> None:
        self.labels: dict[str, list[str]] = defaultdict(list)
        self.properties: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        self.relationships: list[tuple[str, str, str]] = []
        self.namespaces: dict[str, str] = {}

    def name(self, iri: str) -> str:
        """The n10s short name of an IRI: `prefix__local`, with `nsN` for unknown namespaces."""
        parts = split_iri(iri)
        if parts is None:
            namespace, local = re.match(r"(.*[/#:])?(.*)", iri).groups()
            prefix = self.namespaces.setdefault(namespace or "", f"ns{len(self.namespaces)}")
            parts = (prefix, local)
        return f"{parts[0]}__{parts[1]}"

    def array_properties(self) -> set[str]:
        """Properties that have more than one value on some node."""
        return {key for props in self.properties.values() for key, values in props.items() if len(values) > 1}


def to_property_graph(store: ox.Store) -> PropertyGraph:
    """Map the store's triples to a labelled property graph the n10s way."""
    graph = PropertyGraph()
    for triple in store_triples(store):
        subject = term_key(triple.subject)
        graph.labels.setdefault(subject, [])
        if isinstance(triple.object, ox.Literal):
            graph.properties[subject][graph.name(triple.predicate.value)].append(to_property_value(triple.object))
        elif triple.predicate.value == str(RDF.type) and isinstance(triple.object, ox.NamedNode):
            graph.labels[subject].append(graph.name(triple.object.value))
        else:
            graph.labels.setdefault(term_key(triple.object), [])
            graph.relationships.append((subject, graph.name(triple.predicate.value), term_key(triple.object)))
    return graph


def to_property_value(literal: ox.Literal) -> Any:
    """A literal as a Cypher value: int or float for numbers, bool for booleans, else its text."""
    datatype = literal.datatype.value
    try:
        if datatype in _NUMBERS:
            return _NUMBERS[datatype](literal.value)
    except ValueError:
        return literal.value
    if datatype == str(XSD.boolean):
        return literal.value in {"true", "1"}
    return literal.value


def write_neo4j(store: ox.Store, path: Path, *, format: str = "neo4j") -> list[Path]:
    """Write the Cypher script, the Neo4j-only constraint script and the two import CSVs."""
    graph = to_property_graph(store)
    stem = path.with_suffix("") if path.suffix == ".cypher" else path
    files = [path.with_suffix(".cypher"), stem.with_suffix(".constraints.cypher"),
             stem.with_suffix(".nodes.csv"), stem.with_suffix(".relationships.csv")]
    write_cypher(graph, files[0])
    with atomic_write(files[1]) as handle:
        handle.write(CONSTRAINT)
    write_import_csvs(graph, files[2], files[3])
    return files


def write_cypher(graph: PropertyGraph, path: Path) -> None:
    """One idempotent statement per line: MERGE each node with its labels and properties, then each edge."""
    arrays = graph.array_properties()
    with atomic_write(path) as handle:
        for uri, labels in graph.labels.items():
            sets = [f"n:{quote_name(label)}" for label in sorted(set(labels))]
            sets += [f"n.{quote_name(key)} = {cypher_value(values if key in arrays else values[0])}"
                     for key, values in graph.properties[uri].items()]
            handle.write(f"MERGE (n:Resource {{uri: {cypher_value(uri)}}})" + (" SET " + ", ".join(sets) if sets else "") + ";\n")
        for source, kind, target in dict.fromkeys(graph.relationships):
            handle.write(f"MATCH (s:Resource {{uri: {cypher_value(source)}}}), (o:Resource {{uri: {cypher_value(target)}}})"
                         f" MERGE (s)-[:{quote_name(kind)}]->(o);\n")


def write_import_csvs(graph: PropertyGraph, nodes_path: Path, relationships_path: Path) -> None:
    """The neo4j-admin import files: typed header columns, labels joined with `;`."""
    arrays = graph.array_properties()
    keys = sorted({key for props in graph.properties.values() for key in props})
    types = {key: csv_type({type(value) for props in graph.properties.values() for value in props.get(key, ())})
             for key in keys}
    with atomic_write(nodes_path) as handle:
        writer = csv.writer(handle)
        writer.writerow(["uri:ID", ":LABEL"] + [f"{key}:{types[key]}{'[]' if key in arrays else ''}" for key in keys])
        for uri, labels in graph.labels.items():
            props = graph.properties.get(uri, {})
            cells = {key: ";".join(map(csv_value, props.get(key, []))) for key in keys}
            writer.writerow([spreadsheet_cell(uri), ";".join(["Resource", *sorted(set(labels))])]
                            + [spreadsheet_cell(cells[key]) if types[key] == "string" else cells[key] for key in keys])
    with atomic_write(relationships_path) as handle:
        writer = csv.writer(handle)
        writer.writerow([":START_ID", ":TYPE", ":END_ID"])
        writer.writerows([spreadsheet_cell(cell) for cell in row] for row in dict.fromkeys(graph.relationships))


def csv_type(kinds: set[type]) -> str:
    """The neo4j-admin column type that holds every value of a property."""
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "long"
    return "double" if kinds <= {int, float} else "string"


def quote_name(name: str) -> str:
    """A backtick-quoted Cypher label, type or property name."""
    return "`" + name.replace("`", "``") + "`"


def cypher_value(value: Any) -> str:
    """A Cypher literal: a string, a number, a boolean or a list of them."""
    if isinstance(value, list):
        return "[" + ", ".join(map(cypher_value, value)) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


def csv_value(value: Any) -> str:
    """A CSV cell value as neo4j-admin reads it."""
    return ("true" if value else "false") if isinstance(value, bool) else str(value)
