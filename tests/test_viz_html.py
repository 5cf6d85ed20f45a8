"""write_html without a browser: one self-contained page, byte-identical for the same graph, and no
text from the data reaching the HTML unescaped."""
from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from kg.store import load_graph
from kg.viz import to_networkx, to_pyvis, write_html

HOSTILE = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", '"onmouseover="alert(1)']


@pytest.fixture(scope="module")
def hostile_graph(sample_graph_path):
    store = load_graph(sample_graph_path)
    store.bulk_load(path=str(sample_graph_path.parent / "hostile-additions.ttl"), format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    return to_networkx(store)


def test_same_graph_gives_byte_identical_html(sample_graph_path, tmp_path):
    first = write_html(to_networkx(load_graph(sample_graph_path)), tmp_path / "a.html").read_bytes()
    second = write_html(to_networkx(load_graph(sample_graph_path)), tmp_path / "b.html").read_bytes()
    assert first == second
    assert b'\\"randomSeed\\": 7' in first  # vis-network's layout seed, inside the JSON-escaped options


def test_page_references_nothing_outside_itself(hostile_graph, tmp_path):
    page = write_html(hostile_graph, tmp_path / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]*\b(src|href)=\"(?!data:)", page)
    assert "https://cdn" not in page and "bootstrap" not in page
    assert "vis.Network" in page


def test_csp_allows_only_the_pages_own_scripts(hostile_graph, tmp_path):
    page = write_html(hostile_graph, tmp_path / "graph.html").read_text(encoding="utf-8")
    policy = re.search(r'Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    assert policy.count("'sha256-") == len(re.findall(r"^<script>", page, flags=re.MULTILINE)) == 2


def test_hostile_text_never_appears_raw(hostile_graph, tmp_path):
    page = write_html(to_pyvis(hostile_graph, physics=False), tmp_path / "graph.html").read_text(encoding="utf-8")
    for text in HOSTILE:
        assert text not in page
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in page  # it is there, as JSON-escaped data


def test_page_keeps_twenty_sources_per_node_and_counts_the_rest():
    import networkx as nx

    graph = nx.MultiDiGraph()
    sentences = [{"text": f"Phrase {i}.", "article": "a.txt"} for i in range(25)]
    graph.add_node("https://example.org/kg/entity/hub", label="Hub", kind="Organization", **{"class": ""},
                   category="entity", aliases=[], details=[], sentences=sentences)
    node = to_pyvis(graph).nodes[0]
    assert len(node["sentences"]) == 20 and node["more_sentences"] == 5
