"""bench/biggraph.py: a graph of the size asked for, in kg build's shape (every fact sourced by a complete
statement, entities labelled and typed), with hubs, the same bytes for the same seed, and valid by the shapes."""
from __future__ import annotations

from collections import Counter

import pytest

from bench.biggraph import write_big_graph
from kg import namespace as ns
from kg.store import load_graph

STATEMENT_PARTS = [ns.RDF.subject, ns.RDF.predicate, ns.RDF.object, ns.KG.sentence, ns.KG.startChar, ns.KG.endChar, ns.KG.rule, ns.KG.confidence]


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    return write_big_graph(5000, tmp_path_factory.mktemp("big") / "graph.ttl", seed=3)


def test_the_graph_has_the_size_asked_for_and_the_same_seed_gives_the_same_bytes(path, tmp_path):
    assert 5000 <= len(load_graph(path)) < 5050
    assert write_big_graph(5000, tmp_path / "again.ttl", seed=3).read_bytes() == path.read_bytes()
    assert write_big_graph(5000, tmp_path / "other.ttl", seed=4).read_bytes() != path.read_bytes()


def test_every_statement_is_complete_and_its_fact_is_asserted(path):
    store = load_graph(path)
    missing = store.query(f"""ASK {{ ?st a <{ns.RDF.Statement}> .
        FILTER(NOT EXISTS {{ ?st <{ns.RDF.subject}> ?s ; <{ns.RDF.predicate}> ?p ; <{ns.RDF.object}> ?o . ?s ?p ?o }}
               || NOT EXISTS {{ ?st <{ns.PROV.wasDerivedFrom}> ?a . ?a a <{ns.SDO.NewsArticle}> }}) }}""")
    assert not bool(missing)
    for part in STATEMENT_PARTS:
        assert not bool(store.query(f"ASK {{ ?st a <{ns.RDF.Statement}> FILTER NOT EXISTS {{ ?st <{part}> ?x }} }}")), part


def test_entities_are_typed_and_labelled_and_a_few_are_hubs(path):
    store = load_graph(path)
    unlabelled = store.query(f"""ASK {{ ?e a ?class FILTER(STRSTARTS(STR(?e), "https://example.org/kg/entity/"))
        FILTER NOT EXISTS {{ ?e <{ns.RDFS.label}> ?l ; <{ns.SKOS.prefLabel}> ?l }} }}""")
    assert not bool(unlabelled)
    degree = Counter(row[0].value for row in store.query(f"SELECT ?s WHERE {{ ?st <{ns.RDF.subject}> ?s }}"))
    counts = sorted(degree.values(), reverse=True)
    assert counts[0] >= 10 * counts[len(counts) // 2]


def test_the_graph_conforms_to_the_shapes(path):
    validate = pytest.importorskip("kg.validate")
    report = validate.validate_graph(path)
    assert report.conforms, report.violations[:3]
