"""The seeds' page as a reader first sees it, at 1400×1000 in headless Chromium: facts are labelled edges with
no event diamonds, and the main entities' labels are legible at the first zoom.

`KG_SCREENSHOT=docs/viz.png pytest tests/test_viz_seeds.py` also writes the README's picture from this page.
"""
from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from pages import PageWatch
from kg.build import build
from kg.viz import draw_graph

pytestmark = [pytest.mark.model, pytest.mark.browser]
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
LEGIBLE_PX = 14
"""Smallest on-screen label size we call legible."""


@pytest.fixture(scope="module")
def seeds_graph(nlp, tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("seeds") / "graph.ttl"
    build([SEEDS], output, nlp=nlp, cache_dir=None)
    return output


def shapes(watch: PageWatch) -> list[list]:
    return watch.page.evaluate("network.body.data.nodes.get().map((n) => [n.id, network.body.nodes[n.id].options.shape, n.label])")


def test_facts_are_labelled_edges_without_event_diamonds(browser, seeds_graph, tmp_path):
    watch = PageWatch(browser, draw_graph(seeds_graph, tmp_path / "facts.html").path)
    drawn = shapes(watch)
    assert drawn and not [node for node in drawn if node[1] == "diamond" or not node[2]]
    assert all(watch.page.evaluate("network.body.data.edges.get().map((e) => e.label)"))
    events = PageWatch(browser, draw_graph(seeds_graph, tmp_path / "events.html", events=True).path)
    assert [node for node in shapes(events) if node[1] == "diamond"]


def test_main_labels_are_legible_at_the_first_zoom(browser, seeds_graph, tmp_path):
    watch = PageWatch(browser, draw_graph(seeds_graph, tmp_path / "seeds.html").path)
    sizes = watch.page.evaluate("""() => {
        const scale = network.getScale();
        return network.body.data.nodes.get().map((n) => [n.label, n.id, network.body.nodes[n.id].options.font.size * scale]);
    }""")
    best = watch.page.evaluate("""() => network.body.data.nodes.getIds().sort((a, b) =>
        network.getConnectedEdges(b).length - network.getConnectedEdges(a).length).slice(0, 5)""")
    legible = {node for _, node, size in sizes if size >= LEGIBLE_PX}
    assert set(best) <= legible, sizes
    assert len(legible) >= len(sizes) // 2
    picture = watch.page.screenshot()
    from PIL import Image

    assert len(Image.open(io.BytesIO(picture)).convert("RGB").getcolors(maxcolors=1 << 24)) > 50
    if os.environ.get("KG_SCREENSHOT"):
        Path(os.environ["KG_SCREENSHOT"]).write_bytes(picture)
