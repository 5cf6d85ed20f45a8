"""Drawing the graph: an Oxigraph store → a networkx graph → a pyvis network → one offline HTML page.

The picture shows entities, n-ary events and value nodes; provenance (rdf:Statement) and article nodes
are folded into the nodes and edges they describe as source sentences, so clicking anything says
where it was read. The page inlines vis-network and everything it needs, makes no network request,
and builds its info panel with DOM `textContent`: text from articles never runs as HTML or script.
pyvis is imported only where a page is built, so `kg stats` starts fast.
"""
from __future__ import annotations

import base64
import hashlib
import math
import os
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import pyoxigraph as ox

from kg.data import ONTOLOGY_DIR
from kg.errors import KgError
from kg.files import atomic_write
from kg.memory import paused_gc
from kg.namespace import KG, OX_OWL, OX_RDF, OX_RDFS, PREFIXES, PROV, RDF, RDFS, SDO, SKOS
from kg.store import load_graph, store_quads

if TYPE_CHECKING:
    from pyvis.network import Network

ONTOLOGY = ONTOLOGY_DIR / "kg.ttl"
TEMPLATES = Path(__file__).resolve().parent / "templates"
PAGE_TEMPLATE = "graph.html"

DEFAULT_MAX_NODES = 300
"""Enough to read a picture; a million-triple graph still draws in seconds."""
RANDOM_SEED = 7
"""vis-network's layout seed: the same graph draws the same way every time."""
MAX_SOURCES = 20
"""Source sentences the page keeps per node or edge; a hub can have thousands."""

HIDDEN_TYPES = frozenset({str(RDF.Statement), str(SDO.NewsArticle)})
VALUE_TYPES = frozenset({str(KG.MonetaryAmount), str(KG.Quantity)})
LABELS = (str(RDFS.label), str(SKOS.prefLabel))
ALIAS = str(SKOS.altLabel)
NAME = str(SDO.name)
SUBJECT, PREDICATE, OBJECT, SENTENCE = str(RDF.subject), str(RDF.predicate), str(RDF.object), str(KG.sentence)
DERIVED_FROM, EVENT_OF, RDF_TYPE, KG_NS = str(PROV.wasDerivedFrom), str(KG.event), str(RDF.type), str(KG._NS)
STATEMENT_PARTS = frozenset({SUBJECT, PREDICATE, OBJECT, SENTENCE, DERIVED_FROM, EVENT_OF})
NOT_DETAILS = frozenset({*LABELS, ALIAS})

ENTITY, EVENT, VALUE = "entity", "event", "value"

STYLES: dict[str, tuple[str, str]] = {
    "Organization": ("#4e79a7", "dot"),
    "Union": ("#76b7b2", "dot"),
    "Agent": ("#86bcb6", "dot"),
    "Person": ("#e15759", "dot"),
    "Place": ("#59a14f", "triangle"),
    "CreativeWork": ("#b07aa1", "square"),
    "Movie": ("#d4a6c8", "square"),
    "TVSeries": ("#9d7660", "square"),
    "VideoGame": ("#8c564b", "square"),
    "Video": ("#c49c94", "square"),
    "Product": ("#f28e2b", "star"),
    "Technology": ("#edc948", "star"),
    "Role": ("#9c755f", "triangleDown"),
    "JobPosting": ("#ff9da7", "hexagon"),
    "Report": ("#bab0ac", "square"),
    "Strike": ("#d37295", "hexagon"),
    "MonetaryAmount": ("#8cd17d", "box"),
    "Quantity": ("#a0cbe8", "box"),
}
"""Colour and vis-network shape per entity and value class: shapes by family, colours per class."""
OTHER_STYLE = ("#a0a0a0", "dot")
EVENT_STYLE = ("#7f7f7f", "diamond")


@dataclass(frozen=True)
class Vocabulary:
    """What the picture needs from ontology/kg.ttl: English labels and which classes are events."""

    labels: dict[str, str]
    event_classes: frozenset[str]
    classes: frozenset[str]


@lru_cache(maxsize=1)
def load_vocabulary() -> Vocabulary:
    """Read ontology/kg.ttl once: rdfs:label@en of every term, the kg:Event subclasses, all classes."""
    store = load_graph(ONTOLOGY)
    labels = {
        term_key(q.subject): q.object.value
        for q in store.quads_for_pattern(None, OX_RDFS.label, None, None)
        if isinstance(q.object, ox.Literal) and q.object.language == "en"
    }
    parents = defaultdict(set)
    for q in store.quads_for_pattern(None, OX_RDFS.subClassOf, None, None):
        parents[term_key(q.subject)].add(term_key(q.object))
    owl_class = OX_OWL.Class
    classes = frozenset(term_key(q.subject) for q in store.quads_for_pattern(None, OX_RDF.type, owl_class, None))
    events = frozenset(c for c in classes if str(KG.Event) in ancestors(c, parents))
    return Vocabulary(labels=labels, event_classes=events, classes=classes)


def ancestors(term: str, parents: dict[str, set[str]]) -> set[str]:
    """`term` and every class above it."""
    seen, todo = set(), [term]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(parents.get(current, ()))
    return seen


def term_key(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    """A node key: the IRI, `_:id` for a blank node, the lexical value for a literal."""
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def local_name(iri: str) -> str:
    """The part of an IRI after its last `#` or `/`."""
    return re.split(r"[#/]", iri.rstrip("/#"))[-1] or iri


def compact_iri(iri: str) -> str:
    """`ent:ubisoft` for a kg IRI under a known prefix, the IRI itself otherwise."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def label_property(iri: str) -> str:
    """A property's English label from the ontology, else its local name."""
    return load_vocabulary().labels.get(iri) or local_name(iri)


@dataclass
class StoreScan:
    """Every triple of a store, sorted into what the picture needs, in one pass."""

    types: dict[str, set[str]]
    literals: dict[str, list[tuple[str, str]]]
    links: list[tuple[str, str, str]]
    statements: dict[str, dict[str, str]]

    @classmethod
    def read(cls, store: ox.Store, around: Collection[ox.NamedNode | ox.BlankNode] | None = None) -> StoreScan:
        """Scan the store once: rdf:type, literal-valued triples, node-to-node triples, statement parts;
        only the triples `around` some nodes (`quads_around`) when given."""
        scan = cls(defaultdict(set), defaultdict(list), [], defaultdict(dict))
        for quad in store_quads(store) if around is None else quads_around(store, around):
            s, p, o = term_key(quad.subject), quad.predicate.value, term_key(quad.object)
            if p in STATEMENT_PARTS:
                scan.statements[s][p] = o
            elif isinstance(quad.object, ox.Literal):
                scan.literals[s].append((p, o))
            elif p == RDF_TYPE:
                scan.types[s].add(o)
            else:
                scan.links.append((s, p, o))
        return scan

    def first_literal(self, node: str, properties: Iterable[str]) -> str | None:
        """The smallest value of the first property in `properties` that `node` has (stable choice)."""
        for prop in properties:
            values = [v for p, v in self.literals.get(node, ()) if p == prop]
            if values:
                return min(values)
        return None

    def is_hidden(self, node: str) -> bool:
        """True for provenance statements and articles, which the picture folds into sources."""
        return bool(self.types.get(node, set()) & HIDDEN_TYPES) or SUBJECT in self.statements.get(node, {})


def quads_around(store: ox.Store, nodes: Collection[ox.NamedNode | ox.BlankNode]) -> set[ox.Quad]:
    """The triples a picture of `nodes` needs: theirs in either direction, the statements about them
    (as subject, object or event) and those statements' articles' names and types."""
    found: set[ox.Quad] = set()
    statements: set[ox.NamedNode | ox.BlankNode] = set()
    parts = [ox.NamedNode(p) for p in (SUBJECT, OBJECT, EVENT_OF)]
    for node in nodes:
        found.update(store.quads_for_pattern(node, None, None, None))
        found.update(store.quads_for_pattern(None, None, node, None))
        for part in parts:
            statements.update(q.subject for q in store.quads_for_pattern(None, part, node, None))
    articles = set()
    for statement in statements:
        for quad in store.quads_for_pattern(statement, None, None, None):
            found.add(quad)
            if quad.predicate.value == DERIVED_FROM and not isinstance(quad.object, ox.Literal):
                articles.add(quad.object)
    for article in articles:
        for predicate in (NAME, RDF_TYPE):
            found.update(store.quads_for_pattern(article, ox.NamedNode(predicate), None, None))
    return found


def to_networkx(graph: ox.Store, *, nodes: Collection[ox.NamedNode | ox.BlankNode] | None = None) -> nx.MultiDiGraph:
    """The drawable part of a kg graph as a networkx multigraph keyed by IRI.

    Nodes carry label, kind (class local name), class (IRI), category (entity/event/value), aliases,
    details (literal properties) and sentences ({text, article}); edges are keyed by property IRI and
    carry label and sentences (an event's role edges: the event's). Statement and article nodes are
    not nodes: they become sentences. With `nodes`, only those and the edges among them, read
    without scanning the whole store.
    """
    with paused_gc():
        scan = StoreScan.read(graph, nodes)
        return build_networkx(scan, only=None if nodes is None else {term_key(n) for n in nodes})


def build_networkx(scan: StoreScan, *, only: set[str] | None = None) -> nx.MultiDiGraph:
    """The networkx graph of a scanned store (see `to_networkx`), of the `only` nodes when given."""
    vocabulary = load_vocabulary()
    node_sources, edge_sources = collect_sentences(scan)
    result = nx.MultiDiGraph()
    candidates = set(scan.types) | set(scan.literals) | {s for s, _, _ in scan.links} | {o for _, _, o in scan.links}
    if only is not None:
        candidates &= only
    for node in sorted(n for n in candidates if not scan.is_hidden(n)):
        kind_iri = choose_class(scan.types.get(node, set()))
        result.add_node(
            node,
            label=scan.first_literal(node, LABELS) or local_name(node),
            kind=local_name(kind_iri) if kind_iri else "Thing",
            **{"class": kind_iri or ""},
            category=EVENT if kind_iri in vocabulary.event_classes else VALUE if kind_iri in VALUE_TYPES else ENTITY,
            aliases=sorted({v for p, v in scan.literals.get(node, ()) if p == ALIAS}),
            details=sorted((label_property(p), v) for p, v in scan.literals.get(node, ()) if p not in NOT_DETAILS),
            sentences=node_sources.get(node, []),
        )
    for s, p, o in sorted(scan.links):
        if s in result and o in result:
            # an event's role edges have no statement of their own: they come from the event's sentences
            from_event = node_sources.get(s, []) if result.nodes[s]["category"] == EVENT else []
            result.add_edge(s, o, key=p, label=label_property(p), sentences=edge_sources.get((s, p, o), from_event))
    return result


def choose_class(types: set[str]) -> str | None:
    """The node's kg class if it has one (the first by IRI if several), else any class it has."""
    kg_types = sorted(t for t in types if t.startswith(KG_NS))
    return (kg_types or sorted(types) or [None])[0]


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
    """Sorted {text, article} lists, so the page is the same for the same graph."""
    return {key: [{"text": t, "article": a} for t, a in sorted(pairs)] for key, pairs in found.items()}


# ---------------------------------------------------------------- choosing what to draw


@dataclass(frozen=True)
class Selection:
    """The subgraph to draw and the nodes `max_nodes` left out: IRI → "label (Kind)", most central first."""

    graph: nx.MultiDiGraph
    dropped: Mapping[str, str]


class DroppedNodes(Mapping[str, str]):
    """Nodes left out of a big graph's picture, most central first, each described ("label (Kind)")
    only when asked: a million-triple graph leaves out a hundred thousand."""

    def __init__(self, store: ox.Store, nodes: list[ox.NamedNode | ox.BlankNode]) -> None:
        self.store = store
        self.terms = {term_key(node): node for node in nodes}

    def __getitem__(self, key: str) -> str:
        node = self.terms[key]
        types = {q.object.value for q in self.store.quads_for_pattern(node, ox.NamedNode(RDF_TYPE), None, None)}
        label = next((min(values) for prop in LABELS if (values := [
            q.object.value for q in self.store.quads_for_pattern(node, ox.NamedNode(prop), None, None) if isinstance(q.object, ox.Literal)
        ])), local_name(key))
        kind_iri = choose_class(types)
        return f"{label} ({local_name(kind_iri) if kind_iri else 'Thing'})"

    def __iter__(self) -> Iterator[str]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)


def select_nodes(
    graph: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    depth: int = 1,
    types: Iterable[str] = (),
    max_nodes: int | None = DEFAULT_MAX_NODES,
) -> Selection:
    """Narrow the graph for drawing: the ego graph of `focus` within `depth` hops (edges in either
    direction), then only nodes whose class local name is in `types`, then the `max_nodes` with
    the highest degree (ties by IRI). The focus node is always kept.

    Raises KgError (exit 2) for an unknown entity, an unknown class name or a negative number.
    """
    if depth < 0 or (max_nodes is not None and max_nodes < 1):
        raise KgError("--depth must be ≥ 0 and --max-nodes ≥ 1", exit_code=2)
    center = find_node(graph, focus) if focus else None
    if center is not None:
        graph = nx.ego_graph(graph, center, radius=depth, undirected=True)
    wanted = {kind.lower() for kind in types}
    if wanted:
        known = {local_name(c).lower() for c in load_vocabulary().classes} | {k.lower() for _, k in graph.nodes(data="kind")}
        unknown = sorted(kind for kind in types if kind.lower() not in known)
        if unknown:
            raise KgError(f"unknown class name(s): {', '.join(unknown)} (e.g. Person, Organization, Place)", exit_code=2)
        graph = graph.subgraph(n for n, kind in graph.nodes(data="kind") if kind.lower() in wanted or n == center)
    ranked = sorted(graph.nodes, key=lambda n: (n != center, -graph.degree(n), n))
    keep = ranked if max_nodes is None else ranked[:max_nodes]
    dropped = {n: f"{graph.nodes[n]['label']} ({graph.nodes[n]['kind']})" for n in ranked[len(keep):]}
    return Selection(graph=nx.MultiDiGraph(graph.subgraph(keep)), dropped=dropped)


_PARTS = ", ".join(f"<{p}>" for p in sorted(STATEMENT_PARTS))
_HIDDEN_QUERY = f"""SELECT DISTINCT ?n WHERE {{
  {{ ?n a ?type VALUES ?type {{ {" ".join(f"<{t}>" for t in sorted(HIDDEN_TYPES))} }} }} UNION {{ ?n <{SUBJECT}> ?x }} }}"""
_NODES_QUERY = f"SELECT DISTINCT ?n WHERE {{ ?n ?p ?o FILTER(?p NOT IN ({_PARTS})) }}"
_LINKS_QUERY = f"SELECT ?s ?o WHERE {{ ?s ?p ?o FILTER(!isLiteral(?o) && ?p NOT IN (<{RDF_TYPE}>, {_PARTS})) }}"


def rank_nodes(store: ox.Store) -> list[ox.NamedNode | ox.BlankNode]:
    """Every node `to_networkx` would draw, by falling degree then IRI (`select_nodes`' order), counted
    by SPARQL in Oxigraph without building the picture of the whole graph."""
    hidden = {term_key(row[0]) for row in store.query(_HIDDEN_QUERY)}
    terms: dict[str, ox.NamedNode | ox.BlankNode] = {}
    degree: dict[str, int] = defaultdict(int)
    for row in store.query(_NODES_QUERY):
        terms.setdefault(term_key(row[0]), row[0])
    for s, o in store.query(_LINKS_QUERY):
        ks, ko = term_key(s), term_key(o)
        terms.setdefault(ko, o)
        if ks not in hidden and ko not in hidden:
            degree[ks] += 1
            degree[ko] += 1
    return [terms[key] for key in sorted((k for k in terms if k not in hidden), key=lambda k: (-degree[k], k))]


def select_central(store: ox.Store, *, max_nodes: int = DEFAULT_MAX_NODES) -> Selection:
    """`select_nodes(to_networkx(store), max_nodes=max_nodes)` for a graph of any size: the most
    connected nodes are ranked by SPARQL first, and only they are read into the picture."""
    if max_nodes < 1:
        raise KgError("--depth must be ≥ 0 and --max-nodes ≥ 1", exit_code=2)
    ranked = rank_nodes(store)
    graph = to_networkx(store, nodes=ranked[:max_nodes])
    return Selection(graph=graph, dropped=DroppedNodes(store, ranked[max_nodes:]))


def find_node(graph: nx.MultiDiGraph, entity: str) -> str:
    """The node an IRI (`<...>` or bare), a prefixed name (`ent:ubisoft`) or a label or alias names.

    Raises KgError (exit 2) when nothing matches or a label is ambiguous.
    """
    name = entity.strip().removeprefix("<").removesuffix(">")
    prefix, _, rest = name.partition(":")
    for iri in (name, PREFIXES.get(prefix, "\0") + rest):
        if iri in graph:
            return iri
    folded = name.casefold()
    matches = sorted(n for n, data in graph.nodes(data=True) if folded in {x.casefold() for x in (data["label"], *data["aliases"])})
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise KgError(f"{entity!r} names {len(matches)} nodes: {', '.join(map(compact_iri, matches[:5]))}; give an IRI", exit_code=2)
    raise KgError(f"no node {entity!r} in the graph (give an IRI, a prefixed name like ent:x or a label)", exit_code=2)


# ---------------------------------------------------------------- drawing


def to_pyvis(graph: nx.MultiDiGraph, *, physics: bool = True, seed: int = RANDOM_SEED, height: str = "100vh") -> Network:
    """A pyvis network of `graph`: nodes coloured and shaped by class and sized by degree, events
    small diamonds, values small boxes with their label, edges labelled with their property.

    Each node and edge also carries the text the page's info panel shows (type, aliases, sources).
    """
    from pyvis.network import Network

    vocabulary = load_vocabulary()
    network = Network(height=height, width="100%", directed=True, cdn_resources="in_line")
    network.heading = f"kg graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        color, shape = node_style(data["category"], data["kind"])
        kind_label = vocabulary.labels.get(data["class"]) or data["kind"]
        small = data["category"] != ENTITY
        network.add_node(
            node,
            label=data["label"],
            shape=shape,
            color=color,
            size=6 if small else round(10 + 4 * math.sqrt(graph.degree(node)), 1),
            font={"size": 10 if small else 14},
            kind=kind_label,
            legend="Event (n-ary fact)" if data["category"] == EVENT else kind_label,
            category=data["category"],
            iri=compact_iri(node),
            aliases=data["aliases"],
            details=[list(pair) for pair in data["details"]],
            **page_sources(data["sentences"]),
        )
    for number, (source, target, key, data) in enumerate(sorted(graph.edges(keys=True, data=True))):
        network.add_edge(
            source,
            target,
            id=f"e{number}",
            label=data["label"],
            property=compact_iri(key),
            **page_sources(data["sentences"]),
        )
    network.options = page_options(physics=physics, seed=seed, nodes=graph.number_of_nodes())
    return network


def page_sources(sentences: list[dict[str, str]]) -> dict[str, Any]:
    """The first MAX_SOURCES sentences and how many more there are, for the info panel."""
    return {"sentences": sentences[:MAX_SOURCES], "more_sentences": max(0, len(sentences) - MAX_SOURCES)}


def node_style(category: str, kind: str) -> tuple[str, str]:
    """(colour, shape) for a node."""
    return EVENT_STYLE if category == EVENT else STYLES.get(kind, OTHER_STYLE)


SMALL_PICTURE = 100
"""Up to this many nodes, vis-network starts from its Kamada-Kawai layout and stabilises for up to 400
steps. On 300 nodes that start layout held the page for seconds before the force layout even began and
400 steps took 3× as long as 200, so bigger pictures start from the seeded random layout, 200 steps."""


def page_options(*, physics: bool, seed: int, nodes: int) -> dict[str, Any]:
    """vis-network options: fixed layout seed, a bounded stabilisation (shorter above SMALL_PICTURE
    `nodes`), labelled arrows, hover events."""
    small = nodes <= SMALL_PICTURE
    return {
        "layout": {"randomSeed": seed, "improvedLayout": small},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 140, "avoidOverlap": 0.2},
            "stabilization": {"enabled": True, "iterations": 400 if small else 200, "fit": True},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9a9a9a", "highlight": "#333333"},
            "font": {"size": 10, "color": "#555555", "strokeWidth": 3, "align": "middle"},
            "smooth": {"enabled": True, "type": "continuous"},
        },
        "nodes": {"borderWidth": 1},
        "interaction": {"hover": True, "tooltipDelay": 150, "multiselect": False},
    }


def render_html(network: Network) -> str:
    """The page for `network`: kg's template, vis-network inlined, a CSP allowing only its own scripts.

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
    network.path = PAGE_TEMPLATE
    page = network.generate_html()
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
        for script in re.findall(r"<script>(.*?)</script>", page, flags=re.DOTALL)
    )
    return page.replace("__SCRIPT_HASHES__", hashes)


def write_html(network_or_graph: Network | nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Write the self-contained page for a pyvis network (or a networkx graph, drawn with
    `to_pyvis` defaults) to `path` atomically; the same input gives the same bytes."""
    network = to_pyvis(network_or_graph) if isinstance(network_or_graph, nx.Graph) else network_or_graph
    page = render_html(network)
    target = Path(path)
    with atomic_write(target) as handle:
        handle.write(page)
    return target


def draw_graph(
    source: ox.Store | str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    focus: str | None = None,
    depth: int = 1,
    types: Iterable[str] = (),
    max_nodes: int | None = DEFAULT_MAX_NODES,
    physics: bool = True,
) -> Selection:
    """Load the RDF file `source` (or take the store), narrow it with `select_nodes` and write the page to `output`.

    Without --focus or --types, the `max_nodes` most connected nodes are chosen before the picture is
    built (`select_central`), so a million-triple graph draws in seconds. The page's heading says how
    many nodes were left out. Returns what was drawn and dropped. Raises KgError for unreadable input
    or bad options.
    """
    store = source if isinstance(source, ox.Store) else load_graph(source)
    if focus is None and not types and max_nodes is not None:
        selection = select_central(store, max_nodes=max_nodes)
    else:
        selection = select_nodes(to_networkx(store), focus=focus, depth=depth, types=types, max_nodes=max_nodes)
    network = to_pyvis(selection.graph, physics=physics)
    if selection.dropped:
        total = selection.graph.number_of_nodes() + len(selection.dropped)
        network.heading += f" (showing the {selection.graph.number_of_nodes():,} most connected of {total:,} nodes; --max-nodes to change)"
    write_html(network, output)
    return selection
