"""The written page without a browser: one self-contained file, byte-identical for the same graph, every node
of the graph in its data whatever it opens on, and no text from the data reaching the HTML unescaped."""
from __future__ import annotations

import json
import re

import pyoxigraph as ox
import pytest

from kg.viz import draw_graph

HOSTILE = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", '"onmouseover="alert(1)']


def page_data_of(page: str) -> dict:
    """The data block a written page embeds."""
    return json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL).group(1))


@pytest.fixture(scope="module")
def hostile_path(sample_graph_path, tmp_path_factory):
    """The sample graph plus hostile-additions.ttl, as one N-Quads file."""
    store = ox.Store()
    for name in ("sample-graph.ttl", "hostile-additions.ttl"):
        store.bulk_load(path=str(sample_graph_path.parent / name), format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    path = tmp_path_factory.mktemp("hostile") / "hostile.nq"
    store.dump(output=str(path), format=ox.RdfFormat.N_QUADS)
    return path


def test_same_graph_gives_byte_identical_html(sample_graph_path, tmp_path):
    first = draw_graph(sample_graph_path, tmp_path / "a.html").path.read_bytes()
    second = draw_graph(sample_graph_path, tmp_path / "b.html").path.read_bytes()
    assert first == second
    assert b'\\"randomSeed\\": 7' in first  # vis-network's layout seed, inside the JSON-escaped options


def test_page_references_nothing_outside_itself(hostile_path, tmp_path):
    page = draw_graph(hostile_path, tmp_path / "graph.html").path.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]*\b(src|href)=\"(?!data:)", page)
    assert "https://cdn" not in page and "bootstrap" not in page
    assert "vis.Network" in page


def test_csp_allows_only_the_pages_own_scripts_and_the_data_does_not_run(hostile_path, tmp_path):
    page = draw_graph(hostile_path, tmp_path / "graph.html").path.read_text(encoding="utf-8")
    policy = re.search(r'Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    assert policy.count("'sha256-") == len(re.findall(r"^<script>", page, flags=re.MULTILINE)) == 2
    assert len(re.findall(r'^<script type="application/json" id="kg-data">', page, flags=re.MULTILINE)) == 1


def test_hostile_text_never_appears_raw(hostile_path, tmp_path):
    page = draw_graph(hostile_path, tmp_path / "graph.html", physics=False).path.read_text(encoding="utf-8")
    for text in HOSTILE:
        assert text not in page
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in page  # it is there, as JSON-escaped data
    assert "<img src=x onerror=alert(1)>" in page_data_of(page)["nodes"]["label"]


def test_the_page_holds_every_node_when_it_opens_on_a_few(sample_graph_path, tmp_path):
    drawn = draw_graph(sample_graph_path, tmp_path / "some.html", max_nodes=3)
    data = page_data_of(drawn.path.read_text(encoding="utf-8"))
    assert len(data["view"]["shown"]) == 3 and data["view"]["drawable"] == drawn.view.drawable > 3
    assert len(data["nodes"]["label"]) == len(drawn.explorer.nodes)
    assert len(data["facts"]["source"]) == len(drawn.explorer.facts)
