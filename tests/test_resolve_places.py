"""Resolution links a place name the gazetteer finds ambiguous to the place of that name in the countries
its articles name, so it gets its GeoNames identity and its containment."""
from __future__ import annotations

from kg.graph import graph_triples
from kg.namespace import OX_KG
from kg.resolve import resolve
from tests.test_graph_bounds import article, named


def test_an_ambiguous_place_is_linked_to_the_gazetteer_in_the_country_its_article_names():
    text = "Au Niger, un conflit a éclaté à Zinder."
    extraction = article(3, text, [named(text, 0, "Niger", "Place", "ner:LOC"), named(text, 1, "Zinder", "Place", "ner:LOC")], [])
    triples = {(s.value, p.value, o.value) for s, p, o in graph_triples(resolve([extraction]))}
    zinder = next(s for s, p, o in triples if p.endswith("#label") and o == "Zinder")
    niger = next(s for s, p, o in triples if p.endswith("#label") and o == "Niger")
    assert (zinder, OX_KG.locatedIn.value, niger) in triples  # Zinder alone is ambiguous in the gazetteer
