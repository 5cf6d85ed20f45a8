"""explore: one fact per direct triple between entities, n-ary events folded into their facts, role nodes and
quotations turned into attributes, and with events=True the graph's own shape."""
from __future__ import annotations

import pytest

from graphs import entity, stated, store_of
from kg.explorer import explore
from kg.namespace import ENT, EVENT, KG, SKOS
from kg.store import load_graph


@pytest.fixture(scope="module")
def sample(sample_graph_path):
    return explore(load_graph(sample_graph_path))


def facts_between(explorer, source, target=None):
    return [f for f in explorer.facts if f.source == str(source) and f.target == (str(target) if target else None)]


def test_events_and_roles_are_not_drawn_but_entities_and_values_are(sample):
    assert not sample.drawable(str(EVENT.use_a1b2c3d4)) and not sample.drawable(str(ENT.pdg))
    assert sample.drawable(str(ENT.ubisoft)) and sample.drawable(str(EVENT.amount_77d0e1aa))
    assert not [f for f in sample.facts if not sample.drawable(f.source) or (f.target and not sample.drawable(f.target))]


def test_an_event_is_one_fact_between_its_main_participants_with_its_other_entities_beside(sample):
    [uses] = facts_between(sample, ENT.ubisoft, ENT.generative_ai)
    assert uses.relation == str(KG.uses) and uses.events == [str(EVENT.use_a1b2c3d4)]
    assert [sample.statements[s].rule for s in uses.statements] == ["svo"]
    assert sample.secondary(uses) == [(str(KG.statedBy), str(ENT.yves_guillemot)), (str(KG.work), str(ENT.skull_and_bones))]
    assert (str(KG.purpose), "écrire les dialogues", False) in sample.roles[str(EVENT.use_a1b2c3d4)]


def test_values_of_an_event_stay_details_not_edges(sample):
    [revenue] = facts_between(sample, ENT.ubisoft, EVENT.amount_77d0e1aa)
    assert sample.secondary(revenue) == []  # the 12 % change is a value: shown in the fact's panel
    assert (str(KG.change), str(EVENT.quantity_0c9e44b2), True) in sample.roles[str(EVENT.result_c9d0e1f2)]


def test_a_role_held_in_an_organisation_joins_that_fact_instead_of_a_role_node(sample):
    [ceo] = facts_between(sample, ENT.yves_guillemot, ENT.ubisoft)
    assert ceo.relation == str(KG.ceoOf)
    assert sorted(sample.statements[s].predicate for s in ceo.statements) == [str(KG.ceoOf), str(KG.hasRole)]
    assert not [f for f in sample.facts if str(ENT.pdg) in (f.source, f.target)]


def test_a_quotation_is_a_line_on_its_speaker(sample):
    [quote] = facts_between(sample, ENT.yves_guillemot)
    assert (quote.relation, quote.via) == (str(KG.Quotation), str(EVENT.quote_0a1b2c3d))
    assert [sample.statements[s].predicate for s in quote.statements] == [str(KG.speaker)]


def test_facts_without_statements_are_kept(sample):
    [broader] = facts_between(sample, ENT.generative_ai, ENT.artificial_intelligence)
    assert broader.relation == str(SKOS.broader) and broader.statements == []


ROLES = (entity("ted", "Person", "Ted Sarandos") + entity("bryan", "Person", "Bryan Cranston") + entity("netflix", "Organization")
         + entity("pdg", "Role", "PDG") + entity("acteur", "Role")
         + "event:a1 a kg:Appointment ; kg:person ent:ted ; kg:role ent:pdg ; kg:organization ent:netflix .\n"
         + "event:a2 a kg:Appointment ; kg:person ent:bryan ; kg:role ent:acteur .\n"
         + stated("s1", "ent:ted", "kg:hasRole", "ent:pdg", sentence="Ted Sarandos, PDG de Netflix.", event="event:a1")
         + stated("s2", "ent:bryan", "kg:hasRole", "ent:acteur", sentence="L'acteur Bryan Cranston.", event="event:a2"))


def test_a_role_in_an_organisation_becomes_an_edge_to_it_named_after_the_role():
    explorer = explore(store_of(ROLES))
    [edge] = facts_between(explorer, ENT.ted, ENT.netflix)
    assert (edge.relation, edge.via) == (str(KG.hasRole), str(ENT.pdg))


def test_a_bare_role_becomes_a_line_on_its_holder():
    explorer = explore(store_of(ROLES))
    [line] = facts_between(explorer, ENT.bryan)
    assert (line.relation, line.via) == (str(KG.hasRole), str(ENT.acteur))


def test_an_event_no_statement_summarises_joins_its_first_two_participants():
    turtle = (entity("a", "Organization") + entity("b", "Organization") + entity("c", "Place")
              + "event:m a kg:Lawsuit ; kg:agent ent:a ; kg:object ent:b ; kg:locatedIn ent:c .\n")
    explorer = explore(store_of(turtle))
    [fact] = explorer.facts
    assert (fact.source, fact.relation, fact.target) == (str(ENT.a), str(KG.Lawsuit), str(ENT.b))
    assert explorer.secondary(fact) == [(str(KG.locatedIn), str(ENT.c))]


def test_the_events_view_draws_event_nodes_and_their_role_edges(sample_graph_path):
    explorer = explore(load_graph(sample_graph_path), events=True)
    assert explorer.drawable(str(EVENT.use_a1b2c3d4)) and explorer.drawable(str(ENT.pdg))
    [work] = facts_between(explorer, EVENT.use_a1b2c3d4, ENT.skull_and_bones)
    assert work.relation == str(KG.work) and work.statements and work.events == [str(EVENT.use_a1b2c3d4)]
    assert explorer.secondary(work) == []


def test_statements_keep_sentence_article_offset_rule_and_confidence(sample):
    statement = sample.statements["https://example.org/kg/statement/66ff7700"]
    assert (statement.article, statement.start, statement.rule, statement.confidence) == (
        "https://example.org/kg/source/resultats-ubisoft_9c1d2e3f4a5b", 0, "financial-result", 0.85)
    article = sample.articles["https://example.org/kg/source/ubisoft-ia_3f9a0c2b11de"]
    assert (article.title, article.date, article.url) == ("Ubisoft mise sur l'IA générative", "2025-03-14", None)


def test_nodes_know_the_articles_that_mention_them(sample):
    assert sample.nodes[str(ENT.ubisoft)].articles == {
        "https://example.org/kg/source/ubisoft-ia_3f9a0c2b11de", "https://example.org/kg/source/resultats-ubisoft_9c1d2e3f4a5b"}
    assert sample.nodes[str(ENT.montreal)].articles == {"https://example.org/kg/source/ubisoft-ia_3f9a0c2b11de"}


@pytest.mark.parametrize(("tags", "language"), [("fr fr en", "fr"), ("en en fr", "en"), ("de de", "fr"), ("", "fr")])
def test_the_graph_language_is_its_sentences_most_common(tags, language):
    turtle = entity("a", "Organization") + entity("b", "Organization")
    for n, tag in enumerate(tags.split()):
        turtle += stated(f"s{n}", "ent:a", "kg:partnerOf", "ent:b", sentence=f"Phrase {n}.").replace('"@fr', f'"@{tag}')
    assert explore(store_of(turtle)).language == language
