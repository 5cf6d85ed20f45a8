"""The graph as a property graph, for the exports to tools that are not RDF (GraphML, GEXF, CSV, Neo4j).

Nodes are the entities, events and values `kg.viz.to_networkx` draws (never statement, article or
predicate nodes), each with its IRI, a `name` (its label) and its class by the class's rdfs:label in
the ontology. Edges are the facts between them, typed by the property's rdfs:label ("uses", "parent
organization"; French with lang="fr") with the property's IRI beside it, and carrying the sentence,
the article's title and IRI and the confidence of the statement that states them (the first by
article and sentence when several do). One name per term: the same labels as the page and `kg search`.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from kg.articles import clean_text
from kg.export.terms import compact_iri, term_key
from kg.namespace import KG, PREFIXES

_FACT_SOURCES = """
SELECT ?s ?p ?o ?sentence ?article ?title ?confidence WHERE {
  ?statement a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?statement kg:sentence ?sentence }
  OPTIONAL { ?statement kg:confidence ?confidence }
  OPTIONAL { ?statement prov:wasDerivedFrom ?article
             OPTIONAL { ?article schema:headline ?headline } OPTIONAL { ?article schema:name ?file } }
  BIND(COALESCE(?headline, ?file) AS ?title)
}"""
_LITERALS = "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }"
_SKIPPED = {PREFIXES["rdfs"] + "label", PREFIXES["skos"] + "prefLabel", PREFIXES["skos"] + "altLabel"}
"""Literal properties that are the node's name and aliases, not properties of their own."""


@dataclass(frozen=True)
class Node:
    """An entity, event or value: IRI, name, class label and IRI, category, aliases and literal properties
    (property label, literal), sorted."""

    iri: str
    name: str
    kind: str
    kind_iri: str
    category: str
    aliases: tuple[str, ...]
    properties: tuple[tuple[str, ox.Literal], ...]

    def texts(self) -> list[tuple[str, str]]:
        """The literal properties as (label, text XML can carry)."""
        return [(key, clean_text(value.value)) for key, value in self.properties]


@dataclass(frozen=True)
class Edge:
    """A fact: its ends, its type (the property's label) and IRI, and the statement that states it."""

    source: str
    target: str
    type: str
    predicate: str
    sentence: str = ""
    article: str = ""
    title: str = ""
    confidence: float | None = None


@dataclass(frozen=True)
class PropertyGraph:
    """Nodes and edges in a fixed order (by IRI, then by type), so an export is the same bytes each time."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def term_label(iri: str, labels: dict[str, str]) -> str:
    """A class's or property's rdfs:label in the chosen language (kg terms), else its prefixed name."""
    if iri.startswith(str(KG._NS)):
        return labels.get(iri[len(str(KG._NS)):], compact_iri(iri))
    return compact_iri(iri)


def property_graph(store: ox.Store, *, lang: str = "en") -> PropertyGraph:
    """The property graph of a kg graph, with the ontology's labels in `lang` (fr or en)."""
    from kg.lexicon import term_labels
    from kg.viz import to_networkx

    labels = term_labels(lang)
    drawn = to_networkx(store)
    literals: dict[str, list[tuple[str, ox.Literal]]] = defaultdict(list)
    for row in store.query(_LITERALS, use_default_graph_as_union=True):
        key = term_key(row["s"])
        if key in drawn and row["p"].value not in _SKIPPED:
            literals[key].append((term_label(row["p"].value, labels), row["o"]))
    nodes = tuple(
        Node(node, clean_text(data["label"]), term_label(data["class"], labels) if data["class"] else "", data["class"],
             data["category"], tuple(clean_text(alias) for alias in data["aliases"]),
             tuple(sorted(literals[node], key=lambda pair: (pair[0], pair[1].value, str(pair[1])))))
        for node, data in sorted(drawn.nodes(data=True), key=lambda item: item[0])
    )
    sources = fact_sources(store)
    edges = tuple(sorted(
        (Edge(source, target, term_label(predicate, labels), predicate, *sources.get((source, predicate, target), ()))
         for source, target, predicate in drawn.edges(keys=True)),
        key=lambda edge: (edge.source, edge.type, edge.target, edge.predicate),
    ))
    return PropertyGraph(nodes, edges)


def fact_sources(store: ox.Store) -> dict[tuple[str, str, str], tuple[str, str, str, float | None]]:
    """(sentence, article IRI, article title, confidence) of each stated fact, from its first statement
    by article IRI and sentence."""
    found: dict[tuple[str, str, str], tuple[str, str, str, float | None]] = {}
    rows = store.query(_FACT_SOURCES, prefixes=PREFIXES, use_default_graph_as_union=True)
    for row in rows:
        if not isinstance(row["p"], ox.NamedNode) or isinstance(row["o"], ox.Literal):
            continue
        source = (
            clean_text(row["sentence"].value) if row["sentence"] else "",
            row["article"].value if row["article"] else "",
            clean_text(row["title"].value) if row["title"] else "",
            confidence(row["confidence"]),
        )
        key = (term_key(row["s"]), row["p"].value, term_key(row["o"]))
        if key not in found or order(source) < order(found[key]):
            found[key] = source
    return found


def order(source: tuple[str, str, str, float | None]) -> tuple[str, str, str, float]:
    """Which statement of a fact speaks for it: the first by article, sentence, title and confidence."""
    sentence, article, title, value = source
    return article, sentence, title, -1.0 if value is None else value


def confidence(term: ox.Literal | None) -> float | None:
    """A statement's confidence as a number, None when it has none (or not a number)."""
    try:
        return float(term.value) if term is not None else None
    except ValueError:
        return None
