"""select_nodes / find_node: --focus with --depth, --types and --max-nodes narrow what is drawn."""
from __future__ import annotations

import pytest

from kg.errors import KgError
from kg.namespace import ENT, EVENT
from kg.store import load_graph
from kg.viz import find_node, select_nodes, to_networkx


@pytest.fixture(scope="module")
def drawn(sample_graph_path):
    return to_networkx(load_graph(sample_graph_path))


@pytest.mark.parametrize("name", [str(ENT.montreal), f"<{ENT.montreal}>", "ent:montreal", "Montréal", "montréal"])
def test_find_node_accepts_iri_prefixed_name_and_label(drawn, name):
    assert find_node(drawn, name) == str(ENT.montreal)


def test_find_node_accepts_an_alias_and_rejects_unknown_names(drawn):
    assert find_node(drawn, "Guillemot") == str(ENT.yves_guillemot)
    with pytest.raises(KgError) as error:
        find_node(drawn, "Nintendo")
    assert error.value.exit_code == 2


def test_focus_keeps_the_neighbourhood_within_depth(drawn):
    near = select_nodes(drawn, focus="ent:montreal", depth=1).graph
    assert set(near) == {str(ENT.montreal), str(ENT.ubisoft_montreal)}
    further = select_nodes(drawn, focus="ent:montreal", depth=2).graph
    assert str(ENT.ubisoft) in further and str(ENT.yves_guillemot) not in further


def test_types_keep_only_those_classes(drawn):
    kept = select_nodes(drawn, types=["Person", "organization"]).graph
    assert sorted(kind for _, kind in kept.nodes(data="kind")) == ["Organization", "Organization", "Person"]
    assert kept.number_of_edges() == 2  # ceoOf and parentOrganization


def test_unknown_type_is_a_usage_error(drawn):
    with pytest.raises(KgError, match="Persn") as error:
        select_nodes(drawn, types=["Persn"])
    assert error.value.exit_code == 2


def test_max_nodes_keeps_the_most_connected_and_reports_the_rest(drawn):
    selection = select_nodes(drawn, max_nodes=3)
    # degrees 9, 5, then 4 for a job posting and an event: the tie goes to the smaller IRI
    assert set(selection.graph) == {str(ENT.ubisoft), str(ENT.yves_guillemot), str(ENT.job_ubisoft_directeur_technique_ia)}
    assert str(EVENT.use_a1b2c3d4) in selection.dropped
    assert len(selection.dropped) == drawn.number_of_nodes() - 3
    assert selection.dropped[str(ENT.montreal)] == "Montréal (Place)"


def test_small_graph_is_drawn_whole_by_default(drawn):
    selection = select_nodes(drawn)
    assert selection.dropped == {} and selection.graph.number_of_nodes() == drawn.number_of_nodes()


def test_focus_node_survives_type_filter_and_max_nodes(drawn):
    kept = select_nodes(drawn, focus="ent:montreal", depth=3, types=["Organization"], max_nodes=1).graph
    assert list(kept) == [str(ENT.montreal)]
