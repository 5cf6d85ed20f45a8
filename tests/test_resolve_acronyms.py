"""Resolution of acronyms across articles: an acronym written alone is the one name an article of the corpus
defined it for ("l'Organisation mondiale de la santé (OMS)"), and stays apart when two names share it."""
from __future__ import annotations

from kg.extract import Extraction
from kg.resolve import resolve
from tests.test_graph_bounds import article, named


def defining(number: int, name: str, acronym: str) -> Extraction:
    text = f"L'{name} ({acronym}) a alerté les autorités."
    short = named(text, 1, acronym, "Organization", "ner:ORG")
    short.extra["name"] = name  # what the acronym-alias rule records
    return article(number, text, [named(text, 0, name, "Organization", "ner:ORG"), short], [])


def alone(number: int, acronym: str) -> Extraction:
    text = f"Selon l'{acronym}, la situation est grave."
    return article(number, text, [named(text, 0, acronym, "Organization", "ner:ORG")], [])


def organisations(extractions: list[Extraction]) -> dict[str, set[str]]:
    return {e.label: e.articles for e in resolve(extractions).entities.values() if e.type == "Organization"}


def test_resolve_an_acronym_alone_is_the_name_another_article_defined_it_for():
    entities = [e for e in resolve([defining(1, "Fédération des pêcheurs bretons", "FPB"), alone(2, "FPB")]).entities.values()
                if e.type == "Organization"]
    assert len(entities) == 1 and entities[0].articles == {"a1_000000000000", "a2_000000000000"}
    assert {entities[0].label, *entities[0].aliases} == {"Fédération des pêcheurs bretons", "FPB"}


def test_resolve_an_acronym_defined_for_two_names_stays_apart():
    found = organisations([defining(1, "Parti socialiste", "PS"), defining(2, "Pêcheurs solidaires", "PS"), alone(3, "PS")])
    assert found["PS"] == {"a3_000000000000"} and len(found) == 3
    assert organisations([alone(1, "FPB")]) == {"FPB": {"a1_000000000000"}}  # defined nowhere: itself
