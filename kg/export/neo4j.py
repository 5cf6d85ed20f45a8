"""Neo4j export of the property graph (kg.export.property), as a Cypher script and as CSVs.

Every node is a `:Resource` with a `uri` (`_:id` for a blank node), a `name`, its class's label as a
second label (`:Organization`, `:`Job posting``) with `class_iri`, its `category` and `aliases`, and
its literal properties by their labels (numbers and booleans keep their type; a property with several
values on any node is an array everywhere). Relationships are the facts, typed by the property's label
(`:uses`, `:`parent organization``) with `predicate` (its IRI), `sentence`, `title` and `article` (the
article stating it) and `confidence`. No statement, article or predicate nodes.

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
from collections import defaultdict
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.export.property import Edge, PropertyGraph, property_graph
from kg.export.terms import spreadsheet_cell
from kg.files import atomic_write
from kg.namespace import XSD

CONSTRAINT = "CREATE CONSTRAINT kg_unique_uri IF NOT EXISTS FOR (r:Resource) REQUIRE r.uri IS UNIQUE;\n"
_NUMBERS = {str(XSD.integer): int, str(XSD.int): int, str(XSD.long): int, str(XSD.decimal): float,
            str(XSD.double): float, str(XSD.float): float}
EDGE_PROPERTIES = ("predicate", "sentence", "title", "article", "confidence")


def node_properties(graph: PropertyGraph) -> dict[str, dict[str, list[Any]]]:
    """Each node's properties by name, every value a list: uri, name, class_iri, category, aliases, then
    its literal properties (a literal property named like one of those is left out)."""
    found: dict[str, dict[str, list[Any]]] = {}
    for node in graph.nodes:
        props: dict[str, list[Any]] = {"uri": [node.iri], "name": [node.name], "class_iri": [node.kind_iri] if node.kind_iri else [],
                                       "category": [node.category], "aliases": list(node.aliases)}
        extra: dict[str, list[Any]] = defaultdict(list)
        for key, value in node.properties:
            if key not in props:
                extra[key].append(to_property_value(value))
        found[node.iri] = {key: values for key, values in {**props, **extra}.items() if values}
    return found


def edge_values(edge: Edge) -> dict[str, Any]:
    """A relationship's properties, those it has."""
    values = {"predicate": edge.predicate, "sentence": edge.sentence, "title": edge.title, "article": edge.article,
              "confidence": edge.confidence}
    return {key: value for key, value in values.items() if value not in ("", None)}


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


def write_neo4j(store: ox.Store, path: Path, *, format: str = "neo4j", lang: str = "en") -> list[Path]:
    """Write the Cypher script, the Neo4j-only constraint script and the two import CSVs."""
    graph = property_graph(store, lang=lang)
    stem = path.with_suffix("") if path.suffix == ".cypher" else path
    files = [path.with_suffix(".cypher"), stem.with_suffix(".constraints.cypher"),
             stem.with_suffix(".nodes.csv"), stem.with_suffix(".relationships.csv")]
    properties = node_properties(graph)  # once for both writers
    arrays = array_properties(properties)
    write_cypher(graph, properties, arrays, files[0])
    with atomic_write(files[1]) as handle:
        handle.write(CONSTRAINT)
    write_import_csvs(graph, properties, arrays, files[2], files[3])
    return files


def array_properties(properties: dict[str, dict[str, list[Any]]]) -> set[str]:
    """Properties that have more than one value on some node (aliases always)."""
    return {"aliases"} | {key for props in properties.values() for key, values in props.items() if len(values) > 1}


def write_cypher(graph: PropertyGraph, properties: dict[str, dict[str, list[Any]]], arrays: set[str], path: Path) -> None:
    """One idempotent statement per line: MERGE each node with its label and properties, then each edge."""
    with atomic_write(path) as handle:
        for node in graph.nodes:
            sets = [f"n:{quote_name(node.kind)}"] if node.kind else []
            sets += [f"n.{quote_name(key)} = {cypher_value(values if key in arrays else values[0])}"
                     for key, values in properties[node.iri].items() if key != "uri"]
            handle.write(f"MERGE (n:Resource {{uri: {cypher_value(node.iri)}}})" + (" SET " + ", ".join(sets) if sets else "") + ";\n")
        for edge in graph.edges:
            values = edge_values(edge)
            sets = ", ".join(f"r.{key} = {cypher_value(value)}" for key, value in values.items() if key != "predicate")
            handle.write(f"MATCH (s:Resource {{uri: {cypher_value(edge.source)}}}), (o:Resource {{uri: {cypher_value(edge.target)}}})"
                         f" MERGE (s)-[r:{quote_name(edge.type)} {{predicate: {cypher_value(edge.predicate)}}}]->(o)"
                         + (f" SET {sets}" if sets else "") + ";\n")


def write_import_csvs(graph: PropertyGraph, properties: dict[str, dict[str, list[Any]]], arrays: set[str],
                      nodes_path: Path, relationships_path: Path) -> None:
    """The neo4j-admin import files: typed header columns, labels joined with `;`."""
    keys = sorted({key for props in properties.values() for key in props} - {"uri"})
    types = {key: csv_type({type(value) for props in properties.values() for value in props.get(key, ())}) for key in keys}
    with atomic_write(nodes_path) as handle:
        writer = csv.writer(handle)
        writer.writerow(["uri:ID", ":LABEL"] + [f"{key}:{types[key]}{'[]' if key in arrays else ''}" for key in keys])
        for node in graph.nodes:
            cells = {key: ";".join(map(csv_value, properties[node.iri].get(key, []))) for key in keys}
            writer.writerow([spreadsheet_cell(node.iri), spreadsheet_cell(";".join(["Resource", *([node.kind] if node.kind else [])]))]
                            + [spreadsheet_cell(cells[key]) if types[key] == "string" else cells[key] for key in keys])
    with atomic_write(relationships_path) as handle:
        writer = csv.writer(handle)
        writer.writerow([":START_ID", ":TYPE", ":END_ID", *EDGE_PROPERTIES[:-1], "confidence:double"])
        for edge in graph.edges:
            values = edge_values(edge)
            writer.writerow([spreadsheet_cell(edge.source), spreadsheet_cell(edge.type), spreadsheet_cell(edge.target)]
                            + [spreadsheet_cell(str(values.get(key, ""))) for key in EDGE_PROPERTIES[:-1]]
                            + [csv_value(values["confidence"]) if "confidence" in values else ""])


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
