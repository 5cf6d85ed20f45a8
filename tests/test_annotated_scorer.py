"""kg.annotated on one real POPCORN document (read from ../shared/data/popcorn, never copied here) and a
hand-made graph of its names (no model): names, types, pairs linked directly or through an event, right
family, link precision, and what is not counted."""
from __future__ import annotations

import pytest

from kg.annotated import documents, held_out, is_annotated, score_annotated, score_names
from kg.errors import KgError
from kg.store import load_graph

DOCUMENT = "1_256"
"""A development document naming a person (Cyprien Mohamed), his association (Oui au Recyclage), a
place (Louisiane) and his wife (Olga Mohamed); its gold also has gender self-relations and relations to
things it does not name (a phone, a car)."""

GRAPH = """
@prefix kg: <https://example.org/kg/ontology#> . @prefix ent: <https://example.org/kg/entity/> .
@prefix src: <https://example.org/kg/source/> . @prefix schema: <https://schema.org/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix event: <https://example.org/kg/event/> .
src:a a schema:NewsArticle ; schema:name "1_256" .
ent:cm a kg:Person ; rdfs:label "Cyprien Mohamed" ; kg:mentionedIn src:a .
ent:lou a kg:Place , kg:AdministrativeArea ; rdfs:label "Louisiane" ; kg:mentionedIn src:a .
ent:om a kg:Organization ; rdfs:label "Olga Mohamed" ; kg:mentionedIn src:a .
ent:oar a kg:Organization ; rdfs:label "Oui au Recyclage" ; kg:mentionedIn src:a .
ent:junk a kg:Person ; rdfs:label "Monsieur" ; kg:mentionedIn src:a .
ent:cm kg:headOf ent:oar . ent:cm kg:relatedTo ent:om .
_:s1 a rdf:Statement ; rdf:subject ent:cm ; rdf:predicate kg:headOf ; rdf:object ent:oar ; prov:wasDerivedFrom src:a ; kg:rule "r1" .
_:s2 a rdf:Statement ; rdf:subject ent:cm ; rdf:predicate kg:relatedTo ; rdf:object ent:om ; prov:wasDerivedFrom src:a ; kg:rule "r2" ;
    kg:event event:e .
event:e a kg:Action ; kg:agent ent:cm ; kg:object ent:om ; kg:locatedIn ent:lou .
"""


@pytest.fixture(scope="module")
def corpus(popcorn):
    return {DOCUMENT: popcorn[DOCUMENT]}


@pytest.fixture()
def graph(tmp_path):
    path = tmp_path / "g.ttl"
    path.write_text(GRAPH, encoding="utf-8")
    return load_graph(path)


def test_annotated_named_entities_found_and_typed(graph, corpus):
    score = score_annotated(graph, corpus)
    assert (score.entities, score.entities_found, score.entities_typed) == (4, 4, 3)  # Olga Mohamed typed an organisation
    assert score.nodes == 5 and score.nodes_matching == 4  # "Monsieur" matches no annotated mention


def test_annotated_pairs_linked_directly_or_through_one_event_and_their_family(graph, corpus):
    score = score_annotated(graph, corpus)
    assert score.all_pairs.pairs == 3  # gender self-relations and relations to unnamed things are not pairs
    assert score.all_pairs.linked == 3  # Cyprien–association and Cyprien–Olga directly, Cyprien–Louisiane through the event
    assert score.all_pairs.right == 2  # headOf and the event's place are of their pairs' families; relatedTo is of none
    assert score.families["HAS_CONTROL_OVER"].right == 1 and score.families["HAS_FAMILY_RELATIONSHIP"].right == 0


@pytest.mark.parametrize("tie", ["headOf", "worksFor", "memberOf"])
def test_annotated_a_person_s_tie_to_an_organisation_counts_for_control_as_the_corpus_marks_it(tmp_path, corpus, tie):
    path = tmp_path / "g.ttl"
    path.write_text(GRAPH.replace("kg:headOf", f"kg:{tie}"), encoding="utf-8")
    score = score_annotated(load_graph(path), corpus)
    assert score.families["HAS_CONTROL_OVER"].right == 1 and score.families["IS_PART_OF"].right == 1


def test_annotated_link_precision_counts_only_pairs_of_named_gold_entities(graph, corpus):
    score = score_annotated(graph, corpus)
    assert score.link_pairs == 4 and score.link_pairs_related == 3  # Olga–Louisiane, joined by the event: not related


def test_annotated_names_of_another_recogniser(corpus):
    score = score_names({DOCUMENT: [("Cyprien Mohamed", "person"), ("Mme Olga Mohamed", "person"), ("Louisiane", "organisation")]}, corpus)
    assert (score.entities_found, score.entities_typed) == (2, 1)


def test_annotated_format_and_split(corpus, popcorn):
    assert is_annotated(corpus) and not is_annotated({"entities": [], "facts": []})
    ids = [f"doc{i}" for i in range(40)]
    assert len(held_out(ids)) == 10 and held_out(ids) == held_out(reversed(ids))
    assert [d.id for d in documents(corpus, [DOCUMENT])] == [DOCUMENT]
    assert DOCUMENT not in held_out(popcorn)  # the scorer is tested on the development part only


def test_annotated_graph_without_the_documents_is_an_error(graph, corpus):
    with pytest.raises(KgError):
        score_annotated(graph, {"other": corpus[DOCUMENT]})
