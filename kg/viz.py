"""Drawing the graph: one offline HTML page, an explorer a reader can search, filter and expand.

`draw_graph` reads the graph, builds the explorer's model (kg.explorer: facts as edges between entities),
chooses what the page opens on (`choose_view`: a focus and its neighbourhood, or the whole graph, or its
best-linked part when it is big) and writes the page: pyvis renders kg's template with vis-network
inlined and the options below, and the page's script draws from the data embedded in it (every node and
fact of the graph, drawn or not), so search, filters and clicks need no request. The page builds its panel
with DOM `textContent`: text from articles never runs as HTML or script, and a Content-Security-Policy
allows only the page's own scripts.

`to_networkx` is the graph as it is stored (events as nodes), for `kg stats` and the GraphML/GEXF exports.
pyvis is imported only where a page is built, so `kg stats` starts fast.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import pyoxigraph as ox

from kg.errors import KgError
from kg.explorer import (
    ALIAS, DERIVED_FROM, EVENT_OF, LABELS, NAME, NOT_DETAILS, OBJECT, PREDICATE, SENTENCE, SUBJECT, Explorer,
    Statement, StoreScan, central_part, choose_class, explore, highlights, neighbourhood,
)
from kg.export.terms import compact_iri
from kg.files import atomic_write
from kg.memory import paused_gc
from kg.namespace import PREFIXES
from kg.store import load_graph
from kg.vocabulary import EVENT, LANGUAGES, Vocabulary, load_vocabulary, local_name

if TYPE_CHECKING:
    from pyvis.network import Network

TEMPLATES = Path(__file__).resolve().parent / "templates"
PAGE_TEMPLATE = "graph.html"
UI_TEXT = TEMPLATES / "ui.json"

DEFAULT_MAX_NODES = 500
"""Nodes the page draws first; beyond, it opens on the best-linked part and the rest is a search away."""
RANDOM_SEED = 7
"""vis-network's layout seed: the same graph draws the same way every time."""
PAGE_LAYOUT_NODES = 100
"""Up to this many nodes the page lays its first picture out itself, with vis-network's force layout (a
Kamada-Kawai start, up to 400 steps, avoiding overlaps); bigger pictures are laid out here (`force_layout`)
and drawn at once: on a 1M-triple graph, vis-network's 100 coarse steps over 500 nodes took 1.3 to 1.5 s
of the 4 to 5 s the page took to settle on a busy 2-core machine, the layout here 0.2 s."""


# ---------------------------------------------------------------- the graph as stored, for stats and exports


def to_networkx(graph: ox.Store) -> nx.MultiDiGraph:
    """The drawable part of a kg graph as a networkx multigraph keyed by IRI, events as nodes.

    Nodes carry label, kind (class local name), class (IRI), category (entity/event/value), aliases,
    details (literal properties) and sentences ({text, article}); edges are keyed by property IRI and
    carry label and sentences (an event's role edges: the event's). Statement and article nodes are
    not nodes: they become sentences.
    """
    with paused_gc():
        return build_networkx(StoreScan.read(graph))


def build_networkx(scan: StoreScan) -> nx.MultiDiGraph:
    """The networkx graph of a scanned store (see `to_networkx`)."""
    vocabulary = load_vocabulary()
    node_sources, edge_sources = collect_sentences(scan)
    result = nx.MultiDiGraph()
    candidates = set(scan.types) | set(scan.literals) | {s for s, _, _ in scan.links} | {o for _, _, o in scan.links}
    for node in sorted(n for n in candidates if not scan.is_hidden(n)):
        kind_iri = choose_class(scan.types.get(node, set()))
        result.add_node(
            node,
            label=scan.first_literal(node, LABELS) or local_name(node),
            kind=local_name(kind_iri) if kind_iri else "Thing",
            **{"class": kind_iri or ""},
            category=vocabulary.category(kind_iri),
            aliases=sorted({v for p, v in scan.literals.get(node, ()) if p == ALIAS}),
            details=sorted((vocabulary.label(p, "en"), v) for p, v in scan.literals.get(node, ()) if p not in NOT_DETAILS),
            sentences=node_sources.get(node, []),
        )
    for s, p, o in sorted(scan.links):
        if s in result and o in result:
            # an event's role edges have no statement of their own: they come from the event's sentences
            from_event = node_sources.get(s, []) if result.nodes[s]["category"] == EVENT else []
            result.add_edge(s, o, key=p, label=vocabulary.label(p, "en"), sentences=edge_sources.get((s, p, o), from_event))
    return result


def collect_sentences(scan: StoreScan) -> tuple[dict[str, list[dict[str, str]]], dict[tuple[str, str, str], list[dict[str, str]]]]:
    """Source sentences by node (as subject, object or event of a statement) and by fact triple."""
    by_node: dict[str, set[tuple[str, str]]] = defaultdict(set)
    by_edge: dict[tuple[str, str, str], set[tuple[str, str]]] = defaultdict(set)
    names: dict[str, str] = {}
    for parts in scan.statements.values():
        if SENTENCE not in parts or SUBJECT not in parts:
            continue
        article = parts.get(DERIVED_FROM, "")
        if article not in names:
            names[article] = (scan.first_literal(article, [NAME]) or local_name(article)) if article else ""
        source = (parts[SENTENCE], names[article])
        s, p, o = parts[SUBJECT], parts.get(PREDICATE, ""), parts.get(OBJECT, "")
        for node in (s, o, parts.get(EVENT_OF)):
            if node:
                by_node[node].add(source)
        by_edge[(s, p, o)].add(source)
    return _as_sources(by_node), _as_sources(by_edge)


def _as_sources(found: dict[Any, set[tuple[str, str]]]) -> dict[Any, list[dict[str, str]]]:
    """Sorted {text, article} lists, so the output is the same for the same graph."""
    return {key: [{"text": t, "article": a} for t, a in sorted(pairs)] for key, pairs in found.items()}


# ---------------------------------------------------------------- what the page opens on


@dataclass(frozen=True)
class View:
    """What the page opens on: the nodes drawn first (the page can draw any other), the entity it is
    centred on, the classes ticked (None: all) and how many nodes could be drawn."""

    shown: list[str]
    focus: str | None
    classes: list[str] | None
    drawable: int


def choose_view(
    explorer: Explorer,
    *,
    focus: str | None = None,
    depth: int = 1,
    types: Iterable[str] = (),
    max_nodes: int = DEFAULT_MAX_NODES,
) -> View:
    """The page's first picture: `focus` and its neighbourhood within `depth` links, else every drawable
    node, or when there are more than `max_nodes` the best-linked part (`central_part`); walks do not go
    through hubs. `types` (class names such as Person) are the classes ticked at first.

    Raises KgError (exit 2) for an unknown entity or class name or a negative number.
    """
    if depth < 0 or max_nodes < 1:
        raise KgError("--depth must be ≥ 0 and --max-nodes ≥ 1", exit_code=2)
    classes = class_names(types) if types else None
    drawable = [key for key in explorer.nodes if explorer.drawable(key)]
    center = find_node(explorer, focus) if focus else None
    if center is not None:
        shown = neighbourhood(explorer, [center], depth=depth, limit=max_nodes)
    elif len(drawable) <= max_nodes:
        shown = drawable
    else:
        shown = central_part(explorer, max_nodes)
    return View([key for key in shown if explorer.drawable(key)], center, classes, len(drawable))


def class_names(types: Iterable[str]) -> list[str]:
    """The class IRIs that names like `Person` or `organization` stand for (case does not matter).

    Raises KgError (exit 2) naming the unknown ones.
    """
    known = {local_name(c).lower(): c for c in load_vocabulary().classes}
    unknown = sorted(name for name in types if name.lower() not in known)
    if unknown:
        raise KgError(f"unknown class name(s): {', '.join(unknown)} (e.g. Person, Organization, Place)", exit_code=2)
    return sorted({known[name.lower()] for name in types})


def find_node(explorer: Explorer, entity: str) -> str:
    """The node an IRI (`<...>` or bare), a prefixed name (`ent:ubisoft`) or a label or alias names.

    Raises KgError (exit 2) when nothing matches or a label is ambiguous.
    """
    name = entity.strip().removeprefix("<").removesuffix(">")
    prefix, _, rest = name.partition(":")
    for iri in (name, PREFIXES.get(prefix, "\0") + rest):
        if iri in explorer.nodes:
            return iri
    folded = name.casefold()
    matches = sorted(key for key, node in explorer.nodes.items() if folded in {x.casefold() for x in (node.label, *node.aliases)})
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise KgError(f"{entity!r} names {len(matches)} nodes: {', '.join(map(compact_iri, matches[:5]))}; give an IRI", exit_code=2)
    raise KgError(f"no node {entity!r} in the graph (give an IRI, a prefixed name like ent:x or a label)", exit_code=2)


EDGE_LENGTH = 200.0
"""Canvas units between linked nodes in a layout made here: vis-network's spring length."""
ROOM = 70.0
"""Canvas units from a node to its nearest neighbour, at least, for half the nodes of a layout made here:
in a dense picture the edge length alone would pile nodes (up to 50 units wide) on one another."""


def first_positions(explorer: Explorer, shown: list[str], *, seed: int = RANDOM_SEED) -> dict[str, tuple[float, float]]:
    """A force layout of the first picture's linked nodes, scaled so that linked nodes lie EDGE_LENGTH apart
    on average, or more when half the nodes would have a neighbour nearer than ROOM: for pages that do not
    lay themselves out. Unlinked nodes are left to the page, which sets them aside."""
    neighbours, drawn = explorer.neighbours, set(shown)
    linked = sorted({key for key in shown if neighbours.get(key, set()) & drawn})
    number = {key: n for n, key in enumerate(linked)}
    edges = sorted({(number[a], number[b]) for a in linked for b in neighbours[a] if b in number and number[a] < number[b]})
    if not edges:
        return {}
    layout = force_layout(len(linked), edges, seed=seed)
    mean = float(np.mean([np.linalg.norm(layout[a] - layout[b]) for a, b in edges]))
    apart = np.linalg.norm(layout[:, None, :] - layout[None, :, :], axis=-1)
    np.fill_diagonal(apart, np.inf)
    nearest = float(np.median(apart.min(axis=1))) if len(linked) > 1 else 1.0
    scaled = layout * max(EDGE_LENGTH / max(mean, 1e-9), ROOM / max(nearest, 1e-9))
    return {key: (round(float(x), 1), round(float(y), 1)) for key, (x, y) in zip(linked, scaled)}


def force_layout(count: int, edges: list[tuple[int, int]], *, seed: int = RANDOM_SEED, iterations: int = 60) -> np.ndarray:
    """Fruchterman-Reingold positions of `count` nodes linked by `edges`, from a seeded random start, as
    arrays (all pairs at once: n² memory, a fraction of a second for 500 nodes, seconds for 2,000), with a
    weak pull towards the centre so that separate parts stay in view. networkx's own spring layout
    switches to a per-node Python loop from 500 nodes, which took 5 to 12 s for 500 to 1,000."""
    random = np.random.default_rng(seed)
    x, y = random.random((2, count), dtype=np.float32)
    adjacency = np.zeros((count, count), dtype=np.float32)
    source, target = np.array(edges).T
    adjacency[source, target] = adjacency[target, source] = 1.0
    k = np.float32(np.sqrt(1.0 / count))
    step = 0.1
    for _ in range(iterations):
        dx, dy = x[:, None] - x[None, :], y[:, None] - y[None, :]
        distance = np.maximum(np.sqrt(dx * dx + dy * dy), np.float32(0.01))
        force = k * k / (distance * distance) - adjacency * (distance / k)
        move_x = (dx * force).sum(axis=1) - 0.1 * (x - x.mean())
        move_y = (dy * force).sum(axis=1) - 0.1 * (y - y.mean())
        length = np.maximum(np.sqrt(move_x * move_x + move_y * move_y), np.float32(0.01))
        scale = np.minimum(length, step) / length
        x += move_x * scale
        y += move_y * scale
        step -= 0.1 / (iterations + 1)
    return np.stack([x, y], axis=1).astype(float)


# ---------------------------------------------------------------- the data the page embeds


class Numbering:
    """Numbers for values in the order they are first asked for: `numbering(value)` → its position in `items`."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self._numbers: dict[Any, int] = {}

    def __call__(self, value: Any) -> int:
        number = self._numbers.get(value)
        if number is None:
            number = self._numbers[value] = len(self.items)
            self.items.append(value)
        return number


def page_data(explorer: Explorer, view: View, *, language: str, physics: bool = True, heading: str = "kg",
              sparql: str | None = None) -> dict[str, Any]:
    """Everything the page's script reads, JSON-ready. Tables refer to each other by position: classes
    (labels, colour, shape, kind), relations (labels, family), rules, articles in article order, and, column
    by column (a million-triple graph gives tens of megabytes, and repeating field names would double it),
    sentences, statements (with the spans of their sentence that name the fact's participants), nodes and
    facts; sparse columns are objects keyed by position. Then the view: what the page opens on."""
    vocabulary = explorer.vocabulary
    keys = list(explorer.nodes)
    node_index = {key: number for number, key in enumerate(keys)}
    classes, relations, rules, sentences = Numbering(), Numbering(), Numbering(), Numbering()
    articles = sorted(explorer.articles.values(), key=lambda a: (a.date is None, a.date or "", a.name, a.key))
    article_index = {article.key: number for number, article in enumerate(articles)}
    used = sorted({key for fact in explorer.facts for key in fact.statements}, key=lambda k: _statement_order(explorer, article_index, k))
    statements: dict[str, list[Any]] = {"sentence": [], "rule": [], "confidence": [], "event": [], "marks": []}
    names: dict[str, list[str]] = {}
    for key in used:
        statement = explorer.statements[key]
        column = dict(
            sentence=sentences((article_index.get(statement.article or "", -1), statement.start, statement.sentence or "")),
            rule=rules(statement.rule or ""), confidence=statement.confidence, event=node_index.get(statement.event or "", -1),
            marks=highlights(statement.sentence or "", participant_names(explorer, statement, names)),
        )
        for name, value in column.items():
            statements[name].append(value)
    statement_index = {key: number for number, key in enumerate(used)}
    nodes: dict[str, Any] = {"iri": [], "label": [], "class": [], "aliases": {}, "details": {}, "roles": {}, "articles": {},
                             "hubs": [], "hidden": []}
    for number, key in enumerate(keys):
        node = explorer.nodes[key]
        nodes["iri"].append(compact_iri(key))
        nodes["label"].append(node.label)
        nodes["class"].append(classes(node.cls) if node.cls else -1)
        sparse = {
            "aliases": node.aliases,
            "details": [[relations(p), v] for p, v in node.details if node.category != EVENT],
            "roles": [[relations(p), node_index[v] if is_node and v in node_index else v] for p, v, is_node in explorer.roles.get(key, [])],
            "articles": sorted(article_index[a] for a in node.articles if a in article_index),
        }
        for name, value in sparse.items():
            if value:
                nodes[name][number] = value
        if key in explorer.hubs:
            nodes["hubs"].append(number)
        if not explorer.drawable(key):
            nodes["hidden"].append(number)
    facts: dict[str, Any] = {"source": [], "relation": [], "target": [], "via": [], "statements": [], "events": [], "roles": {}}
    for number, fact in enumerate(explorer.facts):
        column = dict(
            source=node_index[fact.source], relation=relations(fact.relation),
            target=node_index[fact.target] if fact.target else -1, via=node_index[fact.via] if fact.via else -1,
            statements=[statement_index[k] for k in fact.statements], events=[node_index[e] for e in fact.events],
        )
        for name, value in column.items():
            facts[name].append(value)
        secondary = [[relations(p), node_index[n]] for p, n in explorer.secondaries[number]]
        if secondary:
            facts["roles"][number] = secondary
    ticked = [classes(c) for c in view.classes] if view.classes is not None else None
    return {
        "lang": language,
        "text": json.loads(UI_TEXT.read_text(encoding="utf-8")),
        "classes": [{"iri": compact_iri(c), "label": _labels(vocabulary, c), "color": vocabulary.style(c).color,
                     "shape": vocabulary.style(c).shape, "kind": vocabulary.category(c)} for c in classes.items],
        "relations": [{"iri": compact_iri(r), "label": _labels(vocabulary, r), "family": relations(vocabulary.relation_family(r))}
                      for r in _closed(relations, vocabulary)],
        "rules": rules.items,
        "articles": [{"name": a.name, "title": a.title, "date": a.date, "url": a.url} for a in articles],
        "sentences": {name: [row[n] for row in sentences.items] for n, name in enumerate(("article", "start", "text"))},
        "statements": statements,
        "nodes": nodes,
        "facts": facts,
        "view": {
            "shown": [node_index[k] for k in view.shown],
            "focus": node_index[view.focus] if view.focus else -1,
            "classes": ticked,
            "positions": {} if physics else {node_index[k]: xy for k, xy in first_positions(explorer, view.shown).items()},
            "drawable": view.drawable,
            "heading": heading,
            "sparql": sparql,
        },
    }


def participant_names(explorer: Explorer, statement: Statement, known: dict[str, list[str]]) -> list[str]:
    """The words that name a statement's participants: labels and aliases of its subject, object and event
    roles (kept in `known` by node, as the same nodes come back), and its event's texts (a purpose, a
    quotation), to highlight in its sentence."""
    roles = explorer.roles.get(statement.event or "", [])
    words = [v for _, v, is_node in roles if not is_node]
    for key in [statement.subject, statement.object] + [v for _, v, is_node in roles if is_node]:
        if key not in known:
            node = explorer.nodes.get(key)
            known[key] = [node.label, *node.aliases] if node else []
        words += known[key]
    return words


def _statement_order(explorer: Explorer, article_index: Mapping[str, int], key: str) -> tuple:
    """Sort key of a statement: its article's place in article order, its offset there, its IRI."""
    statement = explorer.statements[key]
    return article_index.get(statement.article or "", len(article_index)), statement.start or 0, key


def _labels(vocabulary: Vocabulary, term: str) -> dict[str, str]:
    """A term's label in each of the page's languages."""
    return {language: vocabulary.label(term, language) for language in LANGUAGES}


def _closed(relations: Numbering, vocabulary: Vocabulary) -> list[str]:
    """The relations numbered so far with their families numbered too (a family may be a relation no fact uses)."""
    for term in list(relations.items):
        relations(vocabulary.relation_family(term))
    return relations.items


# ---------------------------------------------------------------- the page


def page_options(*, physics: bool, seed: int, classes: list[dict[str, Any]]) -> dict[str, Any]:
    """vis-network options: the page's own force layout (fixed seed, bounded stabilisation) when `physics`,
    one group per class with its colour and shape, labels that show as the reader zooms in."""
    groups = {f"c{number}": {"color": c["color"], "shape": c["shape"]} for number, c in enumerate(classes)}
    groups["c-1"] = {"color": "#a0a0a0", "shape": "ellipse"}
    return {
        "layout": {"randomSeed": seed, "improvedLayout": physics},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -9000, "springLength": EDGE_LENGTH, "avoidOverlap": 0.4},
            "stabilization": {"enabled": True, "iterations": 400, "fit": True},
        },
        "groups": groups,
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 14, "strokeWidth": 4, "strokeColor": "#ffffff"},
            "scaling": {"label": {"drawThreshold": 8, "maxVisible": 26}},
            "widthConstraint": {"maximum": 180},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9a9a9a", "highlight": "#333333"},
            "font": {"size": 11, "color": "#444444", "strokeWidth": 4, "align": "middle"},
            "scaling": {"label": {"drawThreshold": 7, "maxVisible": 18}},
            "smooth": {"enabled": True, "type": "continuous"},
        },
        "interaction": {"hover": True, "multiselect": False, "tooltipDelay": 300},
    }


def to_pyvis(data: Mapping[str, Any], *, physics: bool = True, seed: int = RANDOM_SEED, height: str = "100vh") -> Network:
    """The pyvis network of a page: its heading and vis-network options. The nodes and edges are drawn
    by the page's script from `data` (see `page_data`), the same way first and after every search."""
    from pyvis.network import Network

    network = Network(height=height, width="100%", directed=True, cdn_resources="in_line")
    network.heading = data["view"]["heading"]
    network.options = page_options(physics=physics, seed=seed, classes=data["classes"])
    return network


def render_html(network: Network, data: Mapping[str, Any]) -> str:
    """The page: kg's template with vis-network inlined, `data` as a JSON block, a CSP allowing only its
    own scripts.

    The Content-Security-Policy lists the hashes of the page's inline scripts, so even an injected
    event handler or `javascript:` URL could not run, and `default-src 'none'` forbids any request.
    """
    import pyvis
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader

    network.templateEnv = Environment(
        loader=ChoiceLoader([FileSystemLoader(TEMPLATES), FileSystemLoader(Path(pyvis.__file__).parent / "templates")]),
        autoescape=True,
        keep_trailing_newline=True,
    )
    network.templateEnv.globals.update(data=data, language=data["lang"])
    # the data block is most of a big page: no spaces after separators, UTF-8 rather than \u escapes
    # (tojson still escapes <, >, & and ' so nothing in it can close the block)
    network.templateEnv.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": False}
    network.path = PAGE_TEMPLATE
    page = network.generate_html()
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
        for script in re.findall(r"<script>(.*?)</script>", page, flags=re.DOTALL)
    )
    return page.replace("__SCRIPT_HASHES__", hashes)


def write_html(network: Network, data: Mapping[str, Any], path: str | os.PathLike[str]) -> Path:
    """Write the page to `path` atomically; the same graph and options give the same bytes."""
    page = render_html(network, data)
    target = Path(path)
    with atomic_write(target) as handle:
        handle.write(page)
    return target


@dataclass(frozen=True)
class Drawn:
    """What `draw_graph` wrote: the model, the first picture and the page's language."""

    explorer: Explorer
    view: View
    language: str
    path: Path


def draw_graph(
    source: ox.Store | str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    focus: str | None = None,
    depth: int = 1,
    types: Iterable[str] = (),
    max_nodes: int = DEFAULT_MAX_NODES,
    physics: bool = True,
    events: bool = False,
    lang: str | None = None,
    sparql: str | None = None,
    title: str | None = None,
) -> Drawn:
    """Load the RDF file `source` (or take the store) and write its explorer page to `output`: facts as edges (`events`: event
    nodes as stored), opening on `choose_view`'s picture (laid out by the page when `physics` and it is
    small, see PAGE_LAYOUT_NODES, else here), in `lang` (default: the graph's language), linking to a SPARQL
    endpoint when given; the page is headed with `title` (default: the file's name). Raises KgError for
    unreadable input or bad options."""
    if lang is not None and lang not in LANGUAGES:
        raise KgError(f"--lang must be one of {', '.join(LANGUAGES)}", exit_code=2)
    store = source if isinstance(source, ox.Store) else load_graph(source)
    explorer = explore(store, events=events)
    view = choose_view(explorer, focus=focus, depth=depth, types=types, max_nodes=max_nodes)
    language = lang or explorer.language
    physics = physics and len(view.shown) <= PAGE_LAYOUT_NODES
    data = page_data(explorer, view, language=language, physics=physics, heading=f"kg · {title or ('graph' if isinstance(source, ox.Store) else Path(source).name)}", sparql=sparql)
    path = write_html(to_pyvis(data, physics=physics), data, output)
    return Drawn(explorer, view, language, path)
