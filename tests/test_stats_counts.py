"""graph_stats / format_stats: counts by class and property, central entities, components."""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from kg.stats import format_stats, graph_stats
from kg.store import load_graph


@pytest.fixture(scope="module")
def stats(sample_graph_path):
    return graph_stats(load_graph(sample_graph_path), top=3)


def test_counts_by_class_and_property(stats):
    assert stats["triples"] == 176
    assert stats["classes"]["rdf:Statement"] == 7 and stats["classes"]["kg:Organization"] == 2
    assert list(stats["classes"])[0] == "rdf:Statement"  # most frequent first
    assert stats["properties"]["kg:ceoOf"] == 1 and stats["properties"]["rdf:type"] == 25


def test_drawn_nodes_by_category_and_components(stats):
    assert stats["nodes"] == {"entity": 9, "event": 4, "value": 3}
    assert stats["edges"] == 22
    assert stats["components"] == {"count": 1, "largest": [16]}


def test_most_central_entities_by_degree_and_pagerank(stats):
    assert [e["label"] for e in stats["central"]["degree"]] == ["Ubisoft", "Yves Guillemot", "directeur technique en IA (Ubisoft)"]
    assert stats["central"]["degree"][0] == {"iri": "ent:ubisoft", "label": "Ubisoft", "kind": "Organization", "degree": 9}
    assert stats["central"]["pagerank"][0]["label"] == "Ubisoft"
    assert all(e["kind"] not in {"TechnologyUse", "MonetaryAmount"} for e in stats["central"]["pagerank"])


def test_components_count_separate_pieces():
    store = ox.Store()
    parse = ox.parse(
        "@prefix kg: <https://example.org/kg/ontology#> . @prefix ent: <https://example.org/kg/entity/> .\n"
        "ent:a kg:partnerOf ent:b . ent:c kg:partnerOf ent:d . ent:d kg:sued ent:e .",
        format=ox.RdfFormat.TURTLE,
    )
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in parse)
    assert graph_stats(store)["components"] == {"count": 2, "largest": [3, 2]}


def test_text_and_json_formats(stats):
    assert json.loads(format_stats(stats, format="json")) == stats
    text = format_stats(stats)
    assert "components   1 (largest: 16)" in text
    assert "   1. Ubisoft (Organization, ent:ubisoft)  9" in text


def test_classes_and_properties_are_shown_by_their_ontology_label(sample_graph_path):
    french = graph_stats(load_graph(sample_graph_path), lang="fr")
    assert (french["labels"]["kg:Organization"], french["labels"]["kg:ceoOf"]) == ("Organisation", "PDG de")
    text = format_stats(french)
    assert "Organisation (kg:Organization)" in text and "PDG de (kg:ceoOf)" in text
