"""The shipped queries of the general relation families answer on a graph built from hand-written news
(roles, interactions, happenings, whereabouts). Real model, loaded once."""
from __future__ import annotations

import pytest

from kg.build import build
from kg.query import load_query, query

pytestmark = pytest.mark.model

ARTICLES = {
    "mairie.txt": "Le 12 mars 2024, à Lyon, le maire de Lyon, Paul Martin, a rencontré Mme Ana Ruiz, présidente de "
                  "l'association « Terre Vive ». Elle a ensuite remercié la fondation Solis.",
    "incendie.txt": "Un incendie a détruit une usine à Denver. M. Karl Mendez, né à Boston, a donné l'alerte. "
                    "« Tout a brûlé », a déclaré Léa Vidal.",
}


@pytest.fixture(scope="module")
def graph(nlp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("families")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    output = folder / "graph.ttl"
    build([folder], output, nlp=nlp, cache_dir=None)
    return output


def rows(graph, name: str, *columns: str) -> set[tuple[str, ...]]:
    result = query(graph, load_query(name))
    index = [result.variables.index(c) for c in columns]
    return {tuple(str(row[i].value) if row[i] is not None else "" for i in index) for row in result.rows}


def test_query_roles_names_the_organisation_or_place(graph):
    found = rows(graph, "roles", "personLabel", "roleLabel", "ofLabel")
    assert ("Paul Martin", "maire", "Lyon") in found
    assert ("Ana Ruiz", "président", "Terre Vive") in found


def test_query_interactions_with_verb_date_and_place(graph):
    found = rows(graph, "interactions", "agentLabel", "otherLabel", "verb", "placeLabel")
    assert ("Paul Martin", "Ana Ruiz", "rencontrer", "Lyon") in found
    assert any(row[:2] == ("Ana Ruiz", "Solis") for row in found)  # through "Elle"


def test_query_happenings_place_and_date(graph):
    found = rows(graph, "happenings", "kind", "placeLabel", "date")
    assert ("https://example.org/kg/ontology#Meeting", "Lyon", "2024-03-12") in found


def test_query_whereabouts_presence_and_birth(graph):
    found = rows(graph, "whereabouts", "whoLabel", "relation", "placeLabel")
    assert ("Karl Mendez", "https://example.org/kg/ontology#bornIn", "Boston") in found
    assert ("Karl Mendez", "https://example.org/kg/ontology#presentIn", "Denver") in found
    assert ("Léa Vidal", "https://example.org/kg/ontology#commentedOn", "Denver") in found  # comments, not said there
    assert ("Terre Vive", "https://example.org/kg/ontology#memberInvolvedAt", "Lyon") in found  # its president met the mayor there
