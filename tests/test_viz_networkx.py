"""to_networkx: what the picture keeps from a kg graph and what it folds into source sentences."""
from __future__ import annotations

import pytest

from kg.namespace import ENT, EVENT, KG, SKOS
from kg.store import load_graph
from kg.viz import to_networkx


@pytest.fixture(scope="module")
def drawn(sample_graph_path):
    return to_networkx(load_graph(sample_graph_path))


def test_statement_and_article_nodes_are_not_drawn(drawn):
    assert not [n for n in drawn if "/statement/" in n or "/source/" in n]
    assert drawn.number_of_nodes() == 16  # 9 entities, 4 events, 3 values
    assert drawn.number_of_edges() == 22  # every node-to-node triple but rdf:type, mentionedIn and provenance


def test_nodes_carry_label_class_category_and_aliases(drawn):
    ubisoft = drawn.nodes[str(ENT.ubisoft)]
    assert (ubisoft["label"], ubisoft["kind"], ubisoft["class"]) == ("Ubisoft", "Organization", str(KG.Organization))
    assert ubisoft["aliases"] == ["le studio"]
    assert drawn.nodes[str(EVENT.use_a1b2c3d4)]["category"] == "event"
    assert drawn.nodes[str(EVENT.amount_77d0e1aa)]["category"] == "value"
    assert ("currency", "EUR") in drawn.nodes[str(EVENT.amount_77d0e1aa)]["details"]


def test_node_sentences_come_from_statements_about_it(drawn):
    montreal_branch = drawn.nodes[str(ENT.ubisoft_montreal)]["sentences"]
    assert montreal_branch == [{"text": "Ubisoft Montréal a développé le jeu.", "article": "ubisoft-ia.txt"}]
    assert len(drawn.nodes[str(ENT.ubisoft)]["sentences"]) == 4  # subject or object of four distinct sentences
    assert drawn.nodes[str(ENT.montreal)]["sentences"] == []


def test_edges_are_keyed_by_property_with_ontology_label_and_sentence(drawn):
    edge = drawn.edges[str(ENT.yves_guillemot), str(ENT.ubisoft), str(KG.ceoOf)]
    assert edge["label"] == "CEO of"
    assert edge["sentences"][0]["text"].startswith("Le studio Ubisoft a utilisé")
    broader = drawn.edges[str(ENT.generative_ai), str(ENT.artificial_intelligence), str(SKOS.broader)]
    assert broader["label"] == "broader"  # not in kg.ttl: the local name


def test_event_role_edges_take_the_event_sentence(drawn):
    edge = drawn.edges[str(EVENT.result_c9d0e1f2), str(ENT.ubisoft), str(KG.organization)]
    assert [s["article"] for s in edge["sentences"]] == ["resultats-ubisoft.txt"]
