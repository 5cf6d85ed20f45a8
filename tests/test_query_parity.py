"""Every shipped query gives the same answers on Oxigraph (what kg query runs) and on rdflib's engine,
and answers something, so that the comparison cannot pass on two empty results; bound, kg.query's
VALUES hint changes nothing in what Oxigraph's substitutions alone answer."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib

from kg.namespace import PREFIXES
from kg.query import SelectResult, list_queries, load_query, parse_term, query
from kg.store import load_graph

# Facts the sample graph lacks, so that launches, strikes and subsidiaries have something to find.
EXTRA_FACTS = """
ent:ubisoft kg:launched ent:skull_and_bones .
event:launch_1 a kg:ProductLaunch ; kg:agent ent:ubisoft ; kg:object ent:skull_and_bones ;
    kg:date "2024-02-16"^^xsd:date .
stmt:launch_1 a rdf:Statement ;
    rdf:subject ent:ubisoft ; rdf:predicate kg:launched ; rdf:object ent:skull_and_bones ;
    kg:event event:launch_1 ; prov:wasDerivedFrom src:ubisoft-ia_3f9a0c2b11de ;
    kg:sentence "Ubisoft a lancé Skull and Bones le 16 février."@fr ; kg:rule "svo" ; kg:confidence 0.85 .
ent:stj a kg:Union ; rdfs:label "STJV" .
ent:stj kg:onStrikeIn ent:montreal .
stmt:strike_1 a rdf:Statement ;
    rdf:subject ent:stj ; rdf:predicate kg:onStrikeIn ; rdf:object ent:montreal ;
    prov:wasDerivedFrom src:ubisoft-ia_3f9a0c2b11de ;
    kg:sentence "Le STJV est en grève à Montréal."@fr ; kg:rule "strike" ; kg:confidence 0.7 .
ent:assassins_creed a kg:VideoGame ; rdfs:label "Assassin's Creed" .
event:use_2 a kg:TechnologyUse ; kg:agent ent:ubisoft_montreal ;
    kg:technology ent:artificial_intelligence ; kg:work ent:assassins_creed .
ent:jade_raymond a kg:Person ; rdfs:label "Jade Raymond" .
ent:yves_guillemot kg:met ent:jade_raymond .
event:meeting_1 a kg:Meeting ; rdfs:label "rencontre" ; kg:verb "rencontrer" ;
    kg:date "2024-03-01"^^xsd:date ; kg:locatedIn ent:montreal .
stmt:meeting_1 a rdf:Statement ;
    rdf:subject ent:yves_guillemot ; rdf:predicate kg:met ; rdf:object ent:jade_raymond ;
    kg:event event:meeting_1 ; prov:wasDerivedFrom src:ubisoft-ia_3f9a0c2b11de ;
    kg:sentence "Yves Guillemot a rencontré Jade Raymond à Montréal le 1er mars."@fr ; kg:rule "svo" ;
    kg:confidence 0.8 .
ent:jade_raymond kg:residesIn ent:montreal .
stmt:resides_1 a rdf:Statement ;
    rdf:subject ent:jade_raymond ; rdf:predicate kg:residesIn ; rdf:object ent:montreal ;
    prov:wasDerivedFrom src:ubisoft-ia_3f9a0c2b11de ;
    kg:sentence "Jade Raymond vit à Montréal."@fr ; kg:rule "residence" ; kg:confidence 0.7 .
"""

BOUND = {
    "works-using-technology": {"org": "ent:ubisoft"},
    "ceo": {"org": "ent:ubisoft"},
    "facts-about": {"entity": "ent:yves_guillemot"},
    "sources": {"s": "ent:yves_guillemot", "p": "kg:ceoOf", "o": "ent:ubisoft"},
    "entities": {"class": "kg:Person"},
    "financial-results": {"metric": "revenue"},
}
"""A binding per query that takes one, to check bindings mean the same on both engines."""

CASES = [(q.name, {}) for q in list_queries()] + sorted(BOUND.items())


@pytest.fixture(scope="module")
def stores(sample_graph_path, tmp_path_factory) -> tuple[ox.Store, rdflib.Graph]:
    """The sample graph plus EXTRA_FACTS, in Oxigraph and in rdflib.

    rdflib reads Oxigraph's N-Triples dump: Oxigraph stores numbers in canonical form (90000.0 is
    read back as 90000), so both engines must start from the same lexical forms.
    """
    prologue = "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in PREFIXES.items())
    path = tmp_path_factory.mktemp("parity") / "graph.ttl"
    path.write_text(sample_graph_path.read_text(encoding="utf-8") + prologue + EXTRA_FACTS, encoding="utf-8")
    store = load_graph(path)
    dump = ox.serialize((quad.triple for quad in store), format=ox.RdfFormat.N_TRIPLES)
    return store, rdflib.Graph().parse(data=dump.decode("utf-8"), format="nt")


def rdflib_term(term: ox.NamedNode | ox.Literal) -> rdflib.term.Identifier:
    """The rdflib twin of an Oxigraph term, for rdflib's initBindings."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def nt(term: rdflib.term.Identifier | None) -> str | None:
    """An rdflib term in N-Triples, written by Oxigraph so both sides share one spelling."""
    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return str(ox.NamedNode(str(term)))
    if term.language:
        return str(ox.Literal(str(term), language=term.language))
    return str(ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or rdflib.XSD.string))))


@pytest.mark.parametrize(("name", "bindings"), CASES, ids=[f"{n}{'-bound' if b else ''}" for n, b in CASES])
def test_shipped_query_answers_the_same_on_rdflib_and_oxigraph(stores, name, bindings):
    store, graph = stores
    text = load_query(name)
    ours = query(store, text, bindings=bindings)
    assert isinstance(ours, SelectResult)
    theirs = graph.query(
        text, initNs=PREFIXES, initBindings={k: rdflib_term(parse_term(v)) for k, v in bindings.items()}
    )
    ours_set = {tuple(None if t is None else str(t) for t in row) for row in ours.rows}
    theirs_set = {tuple(nt(row[v]) for v in ours.variables) for row in theirs}
    assert ours_set, f"{name} found nothing on the sample graph"
    assert ours_set == theirs_set
    assert len(ours.rows) == len(theirs)


def substituted(store: ox.Store, text: str, bindings: dict[str, ox.NamedNode | ox.Literal]) -> SelectResult:
    """The answer of Oxigraph's substitutions alone, without the VALUES clause."""
    answer = store.query(text, prefixes=PREFIXES, substitutions={ox.Variable(k): v for k, v in bindings.items()})
    names = tuple(variable.value for variable in answer.variables)
    return SelectResult(names, tuple(tuple(solution[name] for name in names) for solution in answer))


def bound_cases(store: ox.Store) -> list[tuple[str, dict[str, ox.NamedNode | ox.Literal]]]:
    """Every shipped query unbound, then bound on each variable it selects to that variable's value
    in its first answer row (facts-about's ?predicate is a BIND, where the clause does not fit)."""
    cases: list[tuple[str, dict[str, ox.NamedNode | ox.Literal]]] = []
    for shipped in list_queries():
        answer = query(store, load_query(shipped.name))
        cases.append((shipped.name, {}))
        for row in answer.rows[:1]:
            cases += [(shipped.name, {name: term}) for name, term in zip(answer.variables, row) if term is not None]
    return cases


def test_every_shipped_query_answers_as_with_substitution_alone_bound_and_unbound(stores):
    store, _ = stores
    cases = bound_cases(store)
    assert sum(1 for _, bindings in cases if bindings) >= 40, "the sample graph should bind most variables"
    for name, bindings in cases:
        ours = query(store, load_query(name), bindings=bindings)
        assert ours.rows, f"{name} {bindings} found nothing"
        assert ours == substituted(store, load_query(name), bindings), f"{name} {bindings}"


def test_entities_sort_by_class_then_label_as_whole_iris_would(stores):
    store, _ = stores
    text = load_query("entities")
    by_iri = text[: text.index("ORDER BY")] + "ORDER BY ?class ?label ?entity"
    assert query(store, text) == query(store, by_iri)
    assert len({row[0] for row in query(store, text).rows}) > 3
