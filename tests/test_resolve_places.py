"""Resolution reads names in the countries their articles name: a place name the gazetteer finds ambiguous is
the place of that name there, so it gets its GeoNames identity and its containment; a body named by one word
("l'État") is that country's."""
from __future__ import annotations

from kg.graph import graph_triples
from kg.namespace import OX_KG
from kg.resolve import resolve
from kg.extract import Extraction
from tests.test_graph_bounds import article, named


def test_an_ambiguous_place_is_linked_to_the_gazetteer_in_the_country_its_article_names():
    text = "Au Niger, un conflit a éclaté à Zinder."
    extraction = article(3, text, [named(text, 0, "Niger", "Place", "ner:LOC"), named(text, 1, "Zinder", "Place", "ner:LOC")], [])
    triples = {(s.value, p.value, o.value) for s, p, o in graph_triples(resolve([extraction]))}
    zinder = next(s for s, p, o in triples if p.endswith("#label") and o == "Zinder")
    niger = next(s for s, p, o in triples if p.endswith("#label") and o == "Niger")
    assert (zinder, OX_KG.locatedIn.value, niger) in triples  # Zinder alone is ambiguous in the gazetteer


def test_a_french_city_name_that_is_an_english_country_name_is_the_city():
    text = "Le Mexique est en crise. Un accident a eu lieu à Mexico."
    extraction = article(1, text, [named(text, 0, "Mexique", "Place", "kb"), named(text, 1, "Mexico", "Place", "ner:LOC")], [])
    triples = {(s.value, p.value, o.value) for s, p, o in graph_triples(resolve([extraction]))}
    mexico = next(s for s, p, o in triples if p.endswith("#label") and o == "Mexico")  # its own node, not the country's
    mexique = next(s for s, p, o in triples if p.endswith("#label") and o == "Mexique")
    assert (mexico, OX_KG.locatedIn.value, mexique) in triples


def state_in(number: int, country: str) -> Extraction:
    text = f"Au {country}, l'État a promis une aide."
    return article(number, text, [named(text, 0, country, "Place", "ner:LOC"), named(text, 1, "État", "Organization", "name:head")], [])


def test_a_one_word_body_is_the_one_of_the_country_its_article_names():
    resolution = resolve([state_in(1, "Tchad"), state_in(2, "Mali"), state_in(3, "Tchad")])
    states = {e.label: e.articles for e in resolution.entities.values() if e.type == "Organization"}
    assert states == {"État (Tchad)": {"a1_000000000000", "a3_000000000000"}, "État (Mali)": {"a2_000000000000"}}


def test_the_police_and_the_army_named_by_one_word_are_each_country_s():
    """"la Police" of an article about Mexico and that of one about Belgium are two bodies, not one node."""
    def body_in(number: int, country: str, word: str) -> Extraction:
        text = f"Au {country}, la {word} a arrêté un homme."
        return article(number, text, [named(text, 0, country, "Place", "ner:LOC"), named(text, 1, word, "Organization", "ner:ORG")], [])

    resolution = resolve([body_in(1, "Mexique", "Police"), body_in(2, "Belgique", "Police"), body_in(3, "Mali", "Armée")])
    assert sorted(e.label for e in resolution.entities.values() if e.type == "Organization") == \
        ["Armée (Mali)", "Police (Belgique)", "Police (Mexique)"]


def test_a_one_word_body_of_an_article_naming_no_country_or_several_stays_in_that_article():
    text = "L'État a promis une aide."
    alone = [article(n, text, [named(text, 0, "État", "Organization", "name:head")], []) for n in (1, 2)]
    states = [e for e in resolve(alone).entities.values() if e.type == "Organization"]
    assert sorted(e.label for e in states) == ["État", "État"] and len({e.slug for e in states}) == 2


def test_a_one_word_body_with_a_nationality_adjective_is_that_country_s():
    """"la porte-parole de l'État argentin" in an article about Angola: the Argentine state, not Angola's."""
    text = "Au Tchad, selon l'État argentin, une aide arrive."
    state = named(text, 1, "État", "Organization", "name:head")
    state.extra["country"] = "AR"
    resolution = resolve([article(1, text, [named(text, 0, "Tchad", "Place", "ner:LOC"), state], [])])
    assert [e.label for e in resolution.entities.values() if e.type == "Organization"] == ["État (Argentine)"]
