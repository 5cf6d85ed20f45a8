"""GraphML and GEXF exports through networkx, for Gephi, Cytoscape and yEd.

Labels are text XML 1.0 can carry (`clean_text`: a graph from elsewhere can hold control characters),
carriage returns are written as `&#13;` (a reader turns a raw one into a line feed), and nodes and
edges are written in a fixed order, so the same graph gives the same bytes.

Nodes are the graph's entities, events and value nodes (keyed by IRI) with `label`, `class` and `source`
(the articles that mention them) attributes; edges are the facts between them with `label` (the
prefixed predicate), `predicate` (its IRI) and `source` (the articles that state it). Articles and
statement nodes are not drawn: they are the `source` attributes. Lists are joined with spaces, since
GraphML and GEXF attributes are scalars. The nodes and edges are those of `kg.viz.to_networkx`: one
conversion serves the picture and the exports.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.articles import clean_text
from kg.export.rdf import find_article_sources
from kg.export.terms import compact_iri, term_key
from kg.files import XmlCarriageReturns, atomic_write
from kg.namespace import OX_KG

_WRITERS = {"graphml": nx.write_graphml, "gexf": nx.write_gexf}


def write_network(store: ox.Store, path: Path, *, format: str) -> list[Path]:
    """Write the entity network of `store` as GraphML or GEXF (`format`)."""
    graph = to_network(store)
    with atomic_write(path, binary=True) as handle:
        _WRITERS[format](graph, XmlCarriageReturns(handle))
    return [path]


def to_network(store: ox.Store) -> nx.MultiDiGraph:
    """The entity network of a kg graph with scalar attributes: `kg.viz.to_networkx`'s nodes and edges,
    labelled, classed and sourced by article IRI."""
    from kg.viz import to_networkx

    drawn = to_networkx(store)
    mentions: dict[str, list[str]] = defaultdict(list)
    for quad in store.quads_for_pattern(None, OX_KG.mentionedIn, None, None):
        mentions[term_key(quad.subject)].append(compact_iri(quad.object.value))
    _, fact_articles = find_article_sources(store)
    articles_of = {(term_key(t.subject), t.predicate.value, term_key(t.object)): a for t, a in fact_articles.items()}
    graph = nx.MultiDiGraph()
    for node, data in sorted(drawn.nodes(data=True), key=lambda item: item[0]):
        graph.add_node(node, label=clean_text(data["label"]), **{"class": compact_iri(data["class"]) if data["class"] else ""},
                       source=" ".join(sorted(mentions[node])))
    for source, target, predicate in sorted(drawn.edges(keys=True)):
        articles = sorted(compact_iri(a.value) for a in articles_of.get((source, predicate, target), ()))
        graph.add_edge(source, target, label=compact_iri(predicate), predicate=predicate, source=" ".join(articles))
    return graph
