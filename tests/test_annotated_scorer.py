"""kg.annotated on a hand-made annotated corpus and graph (no model): names, types, pairs linked
directly or through an event, right family, link precision, and what is not counted."""
from __future__ import annotations

import pytest

from kg.annotated import documents, held_out, is_annotated, score_annotated, score_names
from kg.errors import KgError
from kg.store import load_graph

CORPUS = {
    "d1": {
        "text": "Le maire de Lyon, Paul Martin, a rencontré Mme Ana Ruiz à Lyon. Elle préside Terre Vive.",
        "entities": [
            {"id": 0, "type": "CIVILIAN", "mentions": [{"value": "Paul Martin", "start": 18, "end": 29}]},
            {"id": 1, "type": "PLACE", "mentions": [{"value": "Lyon", "start": 12, "end": 16}, {"value": "Lyon", "start": 58, "end": 62}]},
            {"id": 2, "type": "CIVILIAN", "mentions": [{"value": "Ana Ruiz", "start": 47, "end": 55}, {"value": "Elle", "start": 64, "end": 68}]},
            {"id": 3, "type": "NON_GOVERNMENTAL_ORGANISATION", "mentions": [{"value": "Terre Vive", "start": 77, "end": 87}]},
            {"id": 4, "type": "MATERIEL", "mentions": [{"value": "voiture", "start": 0, "end": 0}]},
        ],
        "relations": [[0, "HAS_CONTROL_OVER", 1], [0, "IS_IN_CONTACT_WITH", 2], [2, "HAS_CONTROL_OVER", 3], [2, "IS_LOCATED_IN", 1], [0, "GENDER_MALE", 0]],
    },
}

GRAPH = """
@prefix kg: <https://example.org/kg/ontology#> . @prefix ent: <https://example.org/kg/entity/> .
@prefix src: <https://example.org/kg/source/> . @prefix schema: <https://schema.org/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix event: <https://example.org/kg/event/> .
src:a a schema:NewsArticle ; schema:name "d1" .
ent:pm a kg:Person ; rdfs:label "Paul Martin" ; kg:mentionedIn src:a .
ent:lyon a kg:Place , kg:City ; rdfs:label "Lyon" ; kg:mentionedIn src:a .
ent:ar a kg:Organization ; rdfs:label "Ana Ruiz" ; kg:mentionedIn src:a .
ent:tv a kg:Organization ; rdfs:label "Terre Vive" ; kg:mentionedIn src:a .
ent:junk a kg:Person ; rdfs:label "Monsieur" ; kg:mentionedIn src:a .
ent:pm kg:headOf ent:lyon . ent:pm kg:relatedTo ent:tv .
_:s1 a rdf:Statement ; rdf:subject ent:pm ; rdf:predicate kg:headOf ; rdf:object ent:lyon ; prov:wasDerivedFrom src:a ; kg:rule "r1" .
_:s2 a rdf:Statement ; rdf:subject ent:pm ; rdf:predicate kg:relatedTo ; rdf:object ent:tv ; prov:wasDerivedFrom src:a ; kg:rule "r2" ;
    kg:event event:e .
event:e a kg:Action ; kg:agent ent:pm ; kg:object ent:tv ; kg:locatedIn ent:lyon ; kg:participant ent:ar .
"""


@pytest.fixture()
def graph(tmp_path):
    path = tmp_path / "g.ttl"
    path.write_text(GRAPH, encoding="utf-8")
    return load_graph(path)


def test_annotated_named_entities_found_and_typed(graph):
    score = score_annotated(graph, CORPUS)
    assert (score.entities, score.entities_found, score.entities_typed) == (4, 4, 3)  # Ana Ruiz typed an organisation
    assert score.nodes == 5 and score.nodes_matching == 4  # "Monsieur" matches no annotated mention


def test_annotated_pairs_linked_directly_or_through_one_event_and_their_family(graph):
    score = score_annotated(graph, CORPUS)
    assert score.all_pairs.pairs == 4  # the self relation (gender) and the unnamed object are not pairs
    assert score.all_pairs.linked == 3  # Paul–Lyon directly; Paul–Ana and Ana–Terre Vive through the event; not Ana–Lyon
    assert score.all_pairs.right == 1  # only headOf is of its pair's family
    assert score.families["HAS_CONTROL_OVER"].right == 1


def test_annotated_link_precision_counts_only_pairs_of_named_gold_entities(graph):
    score = score_annotated(graph, CORPUS)
    assert score.link_pairs == 5 and score.link_pairs_related == 3  # Paul–Terre Vive, Lyon–Terre Vive: not related


def test_annotated_names_of_another_recogniser():
    score = score_names({"d1": [("Paul Martin", "person"), ("Mme Ana Ruiz", "person"), ("Lyon", "organisation")]}, CORPUS)
    assert (score.entities_found, score.entities_typed) == (2, 1)


def test_annotated_format_and_split():
    assert is_annotated(CORPUS) and not is_annotated({"entities": [], "facts": []})
    ids = [f"doc{i}" for i in range(40)]
    assert len(held_out(ids)) == 10 and held_out(ids) == held_out(reversed(ids))
    assert [d.id for d in documents(CORPUS, ["d1"])] == ["d1"]


def test_annotated_graph_without_the_documents_is_an_error(graph):
    with pytest.raises(KgError):
        score_annotated(graph, {"other": CORPUS["d1"]})
