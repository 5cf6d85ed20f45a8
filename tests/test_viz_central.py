"""select_central: the most connected nodes chosen by SPARQL before the picture is built give the same
picture and the same list of left-out nodes as building everything and trimming it; the page says
what was left out, and a big picture gets a quicker layout."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.store import load_graph
from kg.viz import SMALL_PICTURE, draw_graph, page_options, select_central, select_nodes, to_networkx


@pytest.fixture(scope="module")
def store(sample_graph_path) -> ox.Store:
    graph = load_graph(sample_graph_path)
    graph.bulk_load(path=str(sample_graph_path.parent / "hostile-additions.ttl"), format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    return graph


def picture(graph) -> tuple:
    return dict(graph.nodes(data=True)), sorted(graph.edges(keys=True, data=True), key=str)


@pytest.mark.parametrize("max_nodes", [1, 3, 8, 14, 300])
def test_central_selection_equals_trimming_the_whole_picture(store, max_nodes):
    whole = select_nodes(to_networkx(store), max_nodes=max_nodes)
    central = select_central(store, max_nodes=max_nodes)
    assert picture(central.graph) == picture(whole.graph)
    assert list(central.dropped.items()) == list(whole.dropped.items())


def test_the_page_says_how_many_nodes_were_left_out(sample_graph_path, tmp_path):
    drawn = draw_graph(sample_graph_path, tmp_path / "some.html", max_nodes=3, physics=False)
    total = 3 + len(drawn.dropped)
    assert f"showing the 3 most connected of {total} nodes" in (tmp_path / "some.html").read_text(encoding="utf-8")
    whole = draw_graph(sample_graph_path, tmp_path / "all.html", physics=False)
    assert not whole.dropped and "showing the" not in (tmp_path / "all.html").read_text(encoding="utf-8")


def test_big_pictures_skip_the_slow_start_layout_and_stabilise_shorter():
    small = page_options(physics=True, seed=7, nodes=SMALL_PICTURE)
    big = page_options(physics=True, seed=7, nodes=SMALL_PICTURE + 1)
    assert small["layout"]["improvedLayout"] and not big["layout"]["improvedLayout"]
    assert big["physics"]["stabilization"]["iterations"] < small["physics"]["stabilization"]["iterations"]
