"""choose_view / find_node: what the page opens on: the whole graph, a focus and its neighbourhood, or the
best-linked part of a big graph; --types tick classes; bad names are usage errors."""
from __future__ import annotations

import pytest

from kg.errors import KgError
from kg.explorer import explore
from kg.namespace import ENT, EVENT, KG
from kg.store import load_graph
from kg.viz import choose_view, class_names, find_node


@pytest.fixture(scope="module")
def sample(sample_graph_path):
    return explore(load_graph(sample_graph_path))


@pytest.mark.parametrize("name", [str(ENT.montreal), f"<{ENT.montreal}>", "ent:montreal", "Montréal", "montréal"])
def test_find_node_accepts_iri_prefixed_name_and_label(sample, name):
    assert find_node(sample, name) == str(ENT.montreal)


def test_find_node_accepts_an_alias_and_rejects_unknown_names(sample):
    assert find_node(sample, "Guillemot") == str(ENT.yves_guillemot)
    with pytest.raises(KgError) as error:
        find_node(sample, "Nintendo")
    assert error.value.exit_code == 2


def test_a_small_graph_opens_whole_without_events_or_roles(sample):
    view = choose_view(sample)
    assert set(view.shown) == {key for key in sample.nodes if sample.drawable(key)} and view.drawable == len(view.shown)
    assert str(ENT.montreal) in view.shown and str(EVENT.use_a1b2c3d4) not in view.shown and str(ENT.pdg) not in view.shown
    assert view.focus is None and view.classes is None


def test_focus_opens_on_the_neighbourhood_within_depth(sample):
    near = choose_view(sample, focus="ent:montreal", depth=1)
    assert (near.focus, set(near.shown)) == (str(ENT.montreal), {str(ENT.montreal), str(ENT.ubisoft_montreal)})
    further = choose_view(sample, focus="ent:montreal", depth=2).shown
    assert str(ENT.ubisoft) in further and str(ENT.yves_guillemot) not in further


def test_a_big_graph_opens_on_its_best_linked_part(sample):
    view = choose_view(sample, max_nodes=3)
    # Ubisoft links 6 nodes, the job posting 3 (one of them Ubisoft), AI 2 (one of them the job posting)
    assert view.shown == [str(ENT.ubisoft), str(ENT.job_ubisoft_directeur_technique_ia), str(ENT.artificial_intelligence)]
    assert view.drawable > 3


def test_types_tick_classes_by_name_whatever_the_case(sample):
    view = choose_view(sample, types=["Person", "organization"])
    assert view.classes == sorted([str(KG.Organization), str(KG.Person)])
    assert class_names(["union"]) == [str(KG.Union)]


@pytest.mark.parametrize("options", [{"types": ["Persn"]}, {"focus": "Nintendo"}, {"depth": -1}, {"max_nodes": 0}])
def test_bad_options_are_usage_errors(sample, options):
    with pytest.raises(KgError) as error:
        choose_view(sample, **options)
    assert error.value.exit_code == 2
