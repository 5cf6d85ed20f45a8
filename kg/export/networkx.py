"""GraphML and GEXF exports through networkx, for Gephi, Cytoscape and yEd.

Nodes are the graph's entities, events and value nodes (keyed by IRI) with `label`, `class` and `source`
(the articles that mention them) attributes; edges are the facts between them with `label` (the
prefixed predicate), `predicate` (its IRI) and `source` (the articles that state it). Articles and
statement nodes are not drawn: they are the `source` attributes. Lists are joined with spaces, since
GraphML and GEXF attributes are scalars.

TODO(lead): merge with kg.viz.to_networkx once it lands; this is the minimal conversion export needs.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.export.rdf import find_article_sources, store_triples
from kg.export.terms import compact_iri, find_labels, term_key
from kg.files import atomic_write
from kg.namespace import KG, RDF, SDO

_WRITERS = {"graphml": nx.write_graphml, "gexf": nx.write_gexf}


def write_network(store: ox.Store, path: Path, *, format: str) -> list[Path]:
    """Write the entity network of `store` as GraphML or GEXF (`format`)."""
    graph = to_network(store)
    with atomic_write(path, binary=True) as handle:
        _WRITERS[format](graph, handle)
    return [path]


def to_network(store: ox.Store) -> nx.MultiDiGraph:
    """The entity network of a kg graph: one node per entity/event/value node, one edge per fact."""
    labels = find_labels(store)
    classes: dict[str, list[str]] = defaultdict(list)
    mentions: dict[str, list[str]] = defaultdict(list)
    links: list[ox.Triple] = []
    for triple in store_triples(store):
        if isinstance(triple.object, ox.Literal):
            continue
        if triple.predicate.value == str(RDF.type):
            classes[term_key(triple.subject)].append(triple.object.value)
        elif triple.predicate.value == str(KG.mentionedIn):
            mentions[term_key(triple.subject)].append(compact_iri(triple.object.value))
        else:
            links.append(triple)
    hidden = {key for key, types in classes.items() if {str(RDF.Statement), str(SDO.NewsArticle)} & set(types)}
    _, fact_articles = find_article_sources(store)
    graph = nx.MultiDiGraph()
    for key, types in classes.items():
        if key not in hidden:
            graph.add_node(key, label=labels.get(key, compact_iri(key)), **{"class": compact_iri(min(types))},
                           source=" ".join(sorted(mentions[key])))
    for triple in links:
        source, target = term_key(triple.subject), term_key(triple.object)
        if source in hidden or target in hidden:
            continue
        for key in (source, target):
            if key not in graph:
                graph.add_node(key, label=labels.get(key, compact_iri(key)), **{"class": ""}, source="")
        articles = sorted(compact_iri(a.value) for a in fact_articles.get(triple, ()))
        graph.add_edge(source, target, label=compact_iri(triple.predicate.value), predicate=triple.predicate.value,
                       source=" ".join(articles))
    return graph
