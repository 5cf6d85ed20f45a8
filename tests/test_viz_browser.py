"""The written page in a real headless Chromium: drawn offline, the counts kg kept, a click shows the
info panel, and hostile text from articles shows literally without running."""
from __future__ import annotations

import io
import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.store import load_graph
from kg.viz import to_networkx, to_pyvis, write_html

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
HOSTILE = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", '"onmouseover="alert(1)', "javascript:alert(1)"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium from Debian; skipped on a dev machine without it, a failure in CI."""
    if not CHROMIUM.exists() and os.environ.get("CI") != "true":
        pytest.skip("browser tests need /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class PageWatch:
    """An opened page plus everything it tried that it should not: requests, dialogs, errors."""

    def __init__(self, browser, path: Path) -> None:
        self.url = path.resolve().as_uri()
        self.page = browser.new_page(viewport={"width": 1200, "height": 800})
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-kg-ready]", state="attached", timeout=60_000)

    def click_node(self, node: str) -> str:
        """Click where the node is drawn; return the info panel's text."""
        x, y = self.page.evaluate(
            """(id) => {
                const dom = network.canvasToDOM(network.getPositions([id])[id]);
                const box = document.getElementById("kg-network").getBoundingClientRect();
                return [box.left + dom.x, box.top + dom.y];
            }""",
            node,
        )
        self.page.mouse.click(x, y)
        return self.page.inner_text("#kg-info")


def open_page(browser, graph, path: Path) -> PageWatch:
    write_html(to_pyvis(graph), path)
    return PageWatch(browser, path)


@pytest.fixture(scope="module")
def sample(sample_graph_path):
    return to_networkx(load_graph(sample_graph_path))


def test_page_draws_offline_with_the_counts_kept(browser, sample, tmp_path):
    watch = open_page(browser, sample, tmp_path / "graph.html")
    assert watch.requests == [watch.url]
    drawn = watch.page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]")
    assert drawn == [sample.number_of_nodes(), sample.number_of_edges()]
    assert watch.errors == [] and watch.dialogs == []


def test_screenshot_is_not_blank(browser, sample, tmp_path):
    from PIL import Image

    watch = open_page(browser, sample, tmp_path / "graph.html")
    picture = Image.open(io.BytesIO(watch.page.locator("#kg-network").screenshot())).convert("RGB")
    assert len(picture.getcolors(maxcolors=1 << 24)) > 50  # a blank canvas has one colour


def test_clicking_a_node_shows_its_label_type_and_sources(browser, sample, tmp_path):
    watch = open_page(browser, sample, tmp_path / "graph.html")
    panel = watch.click_node("https://example.org/kg/entity/yves_guillemot")
    assert watch.page.inner_text("#kg-info h2") == "Yves Guillemot"
    assert "Person" in panel and "Guillemot" in panel and "ubisoft-ia.txt" in panel
    assert "« L'IA nous fait gagner du temps », a déclaré Yves Guillemot." in panel


def test_clicking_an_edge_shows_its_property_and_sentence(browser, sample, tmp_path):
    watch = open_page(browser, sample, tmp_path / "graph.html")
    x, y = watch.page.evaluate(
        """() => {
            const id = network.body.data.edges.get({filter: (edge) => edge.label === "located in"})[0].id;
            const middle = network.canvasToDOM(network.body.edges[id].edgeType.getPoint(0.5));
            const box = document.getElementById("kg-network").getBoundingClientRect();
            return [box.left + middle.x, box.top + middle.y];
        }"""
    )
    watch.page.mouse.click(x, y)
    assert watch.page.inner_text("#kg-info h2") == "located in"
    assert "kg:locatedIn" in watch.page.inner_text("#kg-info")


def test_same_page_draws_the_same_layout_twice(browser, sample, tmp_path):
    first, second = (open_page(browser, sample, tmp_path / f"graph{i}.html") for i in (1, 2))
    positions = "JSON.stringify(network.getPositions())"
    assert first.page.evaluate(positions) == second.page.evaluate(positions)


def test_legend_lists_the_drawn_classes(browser, sample, tmp_path):
    legend = open_page(browser, sample, tmp_path / "graph.html").page.inner_text("#kg-legend")
    for name in ("Organization", "Person", "Place", "Video game", "Event (n-ary fact)", "Monetary amount"):
        assert name in legend


def test_hostile_text_shows_literally_and_runs_nothing(browser, sample_graph_path, tmp_path):
    store = load_graph(sample_graph_path)
    store.bulk_load(path=str(sample_graph_path.parent / "hostile-additions.ttl"), format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    watch = open_page(browser, to_networkx(store), tmp_path / "hostile.html")
    panel = watch.click_node("https://example.org/kg/entity/hostile")
    for text in HOSTILE[:3]:
        assert text in panel
    assert "<script>alert(1)</script>.txt" in panel  # the article name
    assert watch.click_node("javascript:alert(1)").startswith("javascript:alert(1)")
    watch.page.mouse.move(5, 5)
    assert watch.page.evaluate("document.querySelectorAll('#kg-side img, #kg-side script, #kg-side a').length") == 0
    assert watch.dialogs == [] and watch.errors == []
    assert watch.requests == [watch.url]
