"""RDF exports (Turtle, N-Triples, N-Quads, TriG, RDF/XML) streamed by Oxigraph, and the per-article
dataset layout shared by the dataset formats and `kg push`.

Dataset layout: one named graph per article, named by the article's IRI, holding the article node, the
statement nodes derived from it (prov:wasDerivedFrom) and the asserted triples those statements describe,
so a store can drop or replace one article's facts. Everything else (entity types and labels, events,
value nodes, kg:mentionedIn) goes to a shared graph, the default graph unless told otherwise. A fact
stated by two articles is in both of their graphs.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError
from kg.export.parts import check_splittable, write_parts
from kg.namespace import PROV, RDF, SDO
from kg.store import save_graph, sorted_quads


def write_rdf(store: ox.Store, path: Path, *, format: str, split_every: int | None = None) -> list[Path]:
    """Write `store` as `format` (ttl, nt, nq, trig, xml); datasets get one named graph per article.

    With `split_every` (nt, nq only), write parts of that many lines and a manifest (kg.export.parts).
    Raises KgError (exit 2) when asked to split a graph with blank nodes: a blank node's label means a
    different node in each file, so its triples would fall apart across parts.
    """
    dataset = to_article_dataset(store) if format in {"nq", "trig"} else None
    if split_every is None:
        return [save_graph(dataset if dataset is not None else store_triples(store), path, format=format)]
    check_splittable(format)
    if has_blank_nodes(store):
        raise KgError("cannot split a graph with blank nodes into parts: export it whole", exit_code=2)
    if dataset is not None:
        return write_parts(sorted_quads(dataset), len(dataset), path, format=format, split_every=split_every)
    return write_parts(store_triples(store), len(store), path, format=format, split_every=split_every)


def has_blank_nodes(store: ox.Store) -> bool:
    """Whether any subject or object in any graph of the store is a blank node."""
    ask = "ASK { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) }"
    return bool(store.query(ask, use_default_graph_as_union=True))


def store_triples(store: ox.Store) -> Iterator[ox.Triple]:
    """Every triple of the store, whatever graph it is in, in a fixed order (`sorted_quads`): exports
    are the same bytes whatever order the graph file listed its triples in."""
    return (quad.triple for quad in sorted_quads(store))


def to_article_dataset(store: ox.Store, *, shared_graph: ox.NamedNode | ox.DefaultGraph | None = None) -> ox.Store:
    """The store's triples laid out as a dataset: one named graph per article plus a shared graph.

    The result is a new in-memory store (Oxigraph's memory, not Python objects), so callers can stream
    it whole or graph by graph.
    """
    shared = shared_graph if shared_graph is not None else ox.DefaultGraph()
    statement_articles, fact_articles = find_article_sources(store)
    articles = {row["a"] for row in store.query(f"SELECT DISTINCT ?a WHERE {{ ?a a <{SDO.NewsArticle}> }}")}
    dataset = ox.Store()
    dataset.extend(
        ox.Quad(triple.subject, triple.predicate, triple.object, graph)
        for triple in store_triples(store)
        for graph in article_graphs(triple, statement_articles, fact_articles, articles) or (shared,)
    )
    return dataset


def find_article_sources(store: ox.Store) -> tuple[dict[ox.Term, set[ox.NamedNode]], dict[ox.Triple, set[ox.NamedNode]]]:
    """The articles each statement node is derived from, and the articles each asserted triple comes from."""
    statement_articles: dict[ox.Term, set[ox.NamedNode]] = defaultdict(set)
    fact_articles: dict[ox.Triple, set[ox.NamedNode]] = defaultdict(set)
    rows = store.query(
        f"SELECT ?st ?a ?s ?p ?o WHERE {{ ?st <{PROV.wasDerivedFrom}> ?a ; <{RDF.subject}> ?s ;"
        f" <{RDF.predicate}> ?p ; <{RDF.object}> ?o }}"
    )
    for row in rows:
        statement_articles[row["st"]].add(row["a"])
        if isinstance(row["p"], ox.NamedNode):
            fact_articles[ox.Triple(row["s"], row["p"], row["o"])].add(row["a"])
    return statement_articles, fact_articles


def article_graphs(
    triple: ox.Triple,
    statement_articles: dict[ox.Term, set[ox.NamedNode]],
    fact_articles: dict[ox.Triple, set[ox.NamedNode]],
    articles: set[ox.Term],
) -> set[ox.NamedNode]:
    """The article graphs a triple belongs to (empty: it goes to the shared graph)."""
    graphs = set(statement_articles.get(triple.subject, ())) | fact_articles.get(triple, set())
    if triple.subject in articles:
        graphs.add(triple.subject)
    return graphs
