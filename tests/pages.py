"""Driving written explorer pages in headless Chromium, and reading the data they embed."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1400, "height": 1000}
"""The issue's reader: a laptop browser window."""


def page_data_of(page: str) -> dict[str, Any]:
    """The data block a written page embeds, as the page's script reads it."""
    return json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL).group(1))


class PageWatch:
    """An opened page plus everything it tried that it should not: requests, dialogs, errors."""

    def __init__(self, browser, path: Path, viewport: dict[str, int] = VIEWPORT) -> None:
        self.url = path.resolve().as_uri()
        self.data = page_data_of(path.read_text(encoding="utf-8"))
        self.page = browser.new_page(viewport=viewport)
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-kg-ready]", state="attached", timeout=60_000)

    def node(self, iri: str) -> int:
        """The position of a node (compact IRI, `ent:x`) in the page's data."""
        return self.data["nodes"]["iri"].index(iri)

    def drawn(self) -> dict[str, list[str]]:
        """The ids of the nodes and edges vis-network draws."""
        return self.page.evaluate("({nodes: network.body.data.nodes.getIds(), edges: network.body.data.edges.getIds()})")

    def point(self, item: str) -> tuple[float, float]:
        """Where a drawn node is on the page."""
        return tuple(self.page.evaluate(
            """(id) => {
                const dom = network.canvasToDOM(network.getPositions([id])[id]);
                const box = document.getElementById("kg-network").getBoundingClientRect();
                return [box.left + dom.x, box.top + dom.y];
            }""",
            item,
        ))

    def click_node(self, iri: str) -> str:
        """Click where the node is drawn; return the info panel's text."""
        self.page.mouse.click(*self.point(f"n{self.node(iri)}"))
        return self.page.inner_text("#kg-info")

    def click_edge(self, item: str) -> str:
        """Click the middle of a drawn edge; return the info panel's text."""
        x, y = self.page.evaluate(
            """(id) => {
                const middle = network.canvasToDOM(network.body.edges[id].edgeType.getPoint(0.5));
                const box = document.getElementById("kg-network").getBoundingClientRect();
                return [box.left + middle.x, box.top + middle.y];
            }""",
            item,
        )
        self.page.mouse.click(x, y)
        return self.page.inner_text("#kg-info")


def expected_edges(data: dict[str, Any], *, classes: set[int] | None = None, confidence: float = 0.0,
                   article: int | None = None) -> int:
    """How many edges the page should draw under these filters, worked out from its data alone: a fact is an
    edge between its ends and one more per other entity taking part, when both ends are drawn."""
    nodes, facts, statements, sentences = data["nodes"], data["facts"], data["statements"], data["sentences"]
    shown, hidden = set(data["view"]["shown"]), set(nodes["hidden"])

    def drawn(i: int) -> bool:
        return (i in shown and i not in hidden and (classes is None or nodes["class"][i] in classes)
                and (article is None or article in nodes["articles"].get(str(i), [])))

    count = 0
    for f, source in enumerate(facts["source"]):
        stated = facts["statements"][f]
        scores = [statements["confidence"][s] for s in stated if statements["confidence"][s] is not None]
        if scores and max(scores) < confidence:
            continue
        if article is not None and article not in {sentences["article"][statements["sentence"][s]] for s in stated}:
            continue
        if not drawn(source):
            continue
        target = facts["target"][f]
        count += target >= 0 and target != source and drawn(target)
        count += sum(drawn(node) for _, node in facts["roles"].get(str(f), []))
    return count
