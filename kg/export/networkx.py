"""GraphML and GEXF exports through networkx, for Gephi, Cytoscape and yEd.

Nodes and edges are those of the property graph (kg.export.property): every node has `name` and
`label` (its name), `class` (the class's label in the ontology), `class_iri`, `category`, `aliases`
and `source` (the articles that mention it), plus its literal properties by their labels; every fact
edge has `label` (the property's label), `predicate` (its IRI), `sentence`, `title` and `article` (the
article stating it) and `confidence`. Lists are joined with " | ", since GraphML and GEXF attributes are
scalars. Text is what XML 1.0 can carry, carriage returns are written as `&#13;`, nodes and edges are
written in a fixed order and GEXF gets no date stamp, so the same graph gives the same bytes any day.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import IO

import networkx as nx
import pyoxigraph as ox
from networkx.readwrite.gexf import GEXFWriter

from kg.export.property import property_graph
from kg.export.terms import compact_iri, term_key
from kg.files import XmlCarriageReturns, atomic_write
from kg.namespace import OX_KG

RESERVED = {"name", "label", "class", "class_iri", "category", "aliases", "source"}
"""Node attributes kg sets itself: a literal property of the same label is left out rather than clash."""


def write_network(store: ox.Store, path: Path, *, format: str, lang: str = "en") -> list[Path]:
    """Write the property graph of `store` as GraphML or GEXF (`format`), labelled in `lang`."""
    graph = to_network(store, lang=lang)
    with atomic_write(path, binary=True) as handle:
        (nx.write_graphml if format == "graphml" else write_gexf)(graph, XmlCarriageReturns(handle))
    return [path]


def write_gexf(graph: nx.MultiDiGraph, handle: IO[bytes]) -> None:
    """GEXF without the `lastmodifieddate` networkx stamps on it (today's date: other bytes every day)."""
    writer = GEXFWriter()
    writer.xml.find("meta").attrib.pop("lastmodifieddate", None)
    writer.add_graph(graph)
    writer.write(handle)


def to_network(store: ox.Store, *, lang: str = "en") -> nx.MultiDiGraph:
    """The property graph of a kg graph as a networkx multigraph with scalar attributes."""
    found = property_graph(store, lang=lang)
    mentions: dict[str, list[str]] = defaultdict(list)
    for quad in store.quads_for_pattern(None, OX_KG.mentionedIn, None, None):
        mentions[term_key(quad.subject)].append(compact_iri(quad.object.value))
    graph = nx.MultiDiGraph()
    for node in found.nodes:
        properties: dict[str, list[str]] = defaultdict(list)
        for key, value in node.texts():
            if key not in RESERVED:
                properties[key].append(value)
        graph.add_node(node.iri, name=node.name, label=node.name, **{"class": node.kind}, class_iri=node.kind_iri,
                       category=node.category, aliases=" | ".join(node.aliases), source=" ".join(sorted(mentions[node.iri])),
                       **{key: " | ".join(values) for key, values in properties.items()})
    for edge in found.edges:
        sourced = {"sentence": edge.sentence, "title": edge.title, "article": edge.article} if edge.article or edge.sentence else {}
        graph.add_edge(edge.source, edge.target, key=edge.predicate, label=edge.type, predicate=edge.predicate, **sourced,
                       **({"confidence": edge.confidence} if edge.confidence is not None else {}))
    return graph
