"""graph_triples writes a fact only when its entities, as resolved across the corpus, are of its property's
domain and range (what kgsh:FactRange checks)."""
from __future__ import annotations

from kg.extract import Extraction, Fact, Mention
from kg.graph import graph_triples
from kg.namespace import OX_KG
from kg.resolve import resolve


def article(number: int, sentence: str, mentions: list[Mention], facts: list[Fact]) -> Extraction:
    meta = {"id": f"a{number}_000000000000", "name": f"a{number}.txt", "sha256": "0" * 64, "length": len(sentence)}
    return Extraction(meta, "test", [(0, len(sentence), sentence)], mentions, facts)


def named(sentence: str, ident: int, name: str, label: str, evidence: str) -> Mention:
    start = sentence.index(name)
    return Mention(ident, start, start + len(name), name, label, evidence, 0)


BOUGHT = "Acme a racheté Nova."


def bought(nova_label: str) -> Extraction:
    return article(0, BOUGHT, [named(BOUGHT, 0, "Acme", "Organization", "ner:ORG"),
                               named(BOUGHT, 1, "Nova", nova_label, "ner:ORG")],
                   [Fact("acquired", 0, 1, 0, "test-rule", 0.9)])


def place_articles() -> list[Extraction]:
    """Two articles where Nova is a town: the corpus votes it a place."""
    found = []
    for number in (1, 2):
        text = f"Les habitants de Nova ont voté {number} fois."
        found.append(article(number, text, [named(text, 0, "Nova", "Place", "ner:LOC")], []))
    return found


def predicates(extractions: list[Extraction]) -> set[str]:
    return {p.value for _, p, _ in graph_triples(resolve(extractions))}


def test_a_fact_whose_object_the_corpus_resolves_outside_the_range_is_not_written():
    assert OX_KG.acquired.value not in predicates([bought("Organization"), *place_articles()])


def test_a_fact_whose_entities_fit_its_property_is_written():
    assert OX_KG.acquired.value in predicates([bought("Organization")])
