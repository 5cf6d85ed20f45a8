"""The explorer's model of a kg graph: the entities a reader follows and the facts between them.

A kg graph states a fact three ways at once: a direct triple (Netflix uses AI), a statement node with its
sentence, article, rule and confidence, and for facts with more participants an event node (the work, the
purpose, who said it). A reader wants one thing per fact, so the model makes one `Fact` per direct triple
with its statements and events, and draws it as one labelled edge between its two main participants; the
event's other entities become dashed edges from the subject, its values and texts the fact's details.
Role nodes (kg:Role: PDG, actor) would tie every chief executive to every other, so they are never drawn:
a role held in an organisation becomes an edge to that organisation labelled with the role, and a bare role
a line on the person. Events that summarise no statement (quotations) become facts of their participants.
With `events=True` the model keeps the graph's own shape instead: event nodes and their role edges.

The model is read from an Oxigraph store in one pass (`StoreScan`); kg.viz turns it into the data the
explorer page embeds and writes the page.
"""
from __future__ import annotations

import heapq
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

import pyoxigraph as ox

from kg.export.terms import term_key
from kg.memory import paused_gc
from kg.namespace import KG, PROV, RDF, RDFS, SDO, SKOS, VOID
from kg.store import store_quads
from kg.vocabulary import ENTITY, EVENT, LANGUAGES, Vocabulary, load_vocabulary, local_name

HIDDEN_TYPES = frozenset({str(RDF.Statement), str(SDO.NewsArticle), str(VOID.Dataset)})
LABELS = (str(RDFS.label), str(SKOS.prefLabel))
ALIAS = str(SKOS.altLabel)
NAME, HEADLINE, DATE, URL = str(SDO.name), str(SDO.headline), str(SDO.datePublished), str(SDO.url)
SUBJECT, PREDICATE, OBJECT, SENTENCE = str(RDF.subject), str(RDF.predicate), str(RDF.object), str(KG.sentence)
DERIVED_FROM, EVENT_OF, RDF_TYPE, KG_NS = str(PROV.wasDerivedFrom), str(KG.event), str(RDF.type), str(KG._NS)
START, RULE, CONFIDENCE = str(KG.startChar), str(KG.rule), str(KG.confidence)
STATEMENT_PARTS = frozenset({SUBJECT, PREDICATE, OBJECT, SENTENCE, DERIVED_FROM, EVENT_OF})
NOT_DETAILS = frozenset({*LABELS, ALIAS})
ROLE = str(KG.Role)
AGENT = str(KG.Agent)

HUB_NEIGHBOURS = 5
"""A node that is not an agent (a technology, a place, a product) and links this many others or more is a
hub: the page draws a small copy of it beside each neighbour, so that it does not pull them together."""


@dataclass
class StoreScan:
    """Every triple of a store, sorted into what the explorer needs, in one pass."""

    types: dict[str, set[str]]
    literals: dict[str, list[tuple[str, str]]]
    links: list[tuple[str, str, str]]
    statements: dict[str, dict[str, str]]
    languages: Counter[str]
    """Language tags of the statements' sentences: the graph's language."""

    @classmethod
    def read(cls, store: ox.Store) -> StoreScan:
        """Scan the store once: rdf:type, literal-valued triples, node-to-node triples, statement parts."""
        scan = cls(defaultdict(set), defaultdict(list), [], defaultdict(dict), Counter())
        for quad in store_quads(store):
            s, p, o = term_key(quad.subject), quad.predicate.value, term_key(quad.object)
            if p in STATEMENT_PARTS:
                scan.statements[s][p] = o
                if p == SENTENCE and isinstance(quad.object, ox.Literal) and quad.object.language:
                    scan.languages[quad.object.language] += 1
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
        """True for provenance statements and articles, which the picture folds into sources, and for the
        dataset node a graph built with --base-iri has."""
        return bool(self.types.get(node, set()) & HIDDEN_TYPES) or SUBJECT in self.statements.get(node, {})

    def language(self) -> str:
        """The graph's language among the page's: its sentences' most common tag, else the first."""
        known = [(n, tag) for tag, n in self.languages.items() if tag in LANGUAGES]
        return max(known)[1] if known else LANGUAGES[0]


def choose_class(types: set[str]) -> str | None:
    """The node's kg class if it has one (the first by IRI if several), else any class it has."""
    kg_types = sorted(t for t in types if t.startswith(KG_NS))
    return (kg_types or sorted(types) or [None])[0]


@dataclass
class Node:
    """A thing the page can show: entity, value or event."""

    key: str
    label: str
    cls: str | None
    category: str
    aliases: list[str]
    details: list[tuple[str, str]]
    """(property IRI, value) of its other literal properties"""
    articles: set[str] = field(default_factory=set)
    """articles that mention it or state a fact about it"""


@dataclass
class Article:
    """An article as its sources are shown: file name, and title, date and URL when the graph has them."""

    key: str
    name: str
    title: str | None
    date: str | None
    url: str | None


@dataclass
class Statement:
    """One asserted fact as read: its triple, sentence, article, rule, confidence and event."""

    key: str
    subject: str
    predicate: str
    object: str
    sentence: str | None
    article: str | None
    start: int | None
    rule: str | None
    confidence: float | None
    event: str | None


@dataclass
class Fact:
    """One fact as the page shows it: an edge from `source` to `target`, or with no target a line on
    `source` (a role held, a quotation). `via` is the node the fact went through and is named after: the
    role of an edge to an organisation (PDG), the role or quotation of a line."""

    source: str
    relation: str
    target: str | None
    statements: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    via: str | None = None


@dataclass
class Explorer:
    """A kg graph as the explorer shows it."""

    nodes: dict[str, Node]
    facts: list[Fact]
    statements: dict[str, Statement]
    roles: dict[str, list[tuple[str, str, bool]]]
    """event → (role property, value, whether the value is a node) for each of its roles"""
    articles: dict[str, Article]
    language: str
    events_drawn: bool
    vocabulary: Vocabulary

    def drawable(self, key: str) -> bool:
        """Whether the node can be drawn: entities and values, events only in the events view, never roles."""
        node = self.nodes[key]
        if self.events_drawn:
            return True
        return node.category != EVENT and not self.vocabulary.is_a(node.cls, ROLE)

    @cached_property
    def secondaries(self) -> list[list[tuple[str, str]]]:
        """`secondary` of each fact, in the order of `facts` (asked once `facts` is set)."""
        return [self.secondary(fact) for fact in self.facts]

    def secondary(self, fact: Fact) -> list[tuple[str, str]]:
        """(role property, node) for the entities of the fact's events besides its ends: drawn as dashed edges."""
        if self.events_drawn:
            return []
        ends = {fact.source, fact.target, fact.via}
        found = []
        for event in fact.events:
            for prop, value, is_node in self.roles.get(event, ()):
                if is_node and value not in ends and self.drawable(value) and self.nodes[value].category == ENTITY:
                    found.append((prop, value))
                    ends.add(value)
        return found

    @cached_property
    def neighbours(self) -> dict[str, set[str]]:
        """The nodes each drawable node is drawn linked to (asked once `facts` is set)."""
        linked: dict[str, set[str]] = defaultdict(set)
        for fact, secondary in zip(self.facts, self.secondaries):
            ends = [fact.target] if fact.target is not None else []
            for other in ends + [node for _, node in secondary]:
                if other != fact.source:
                    linked[fact.source].add(other)
                    linked[other].add(fact.source)
        return linked

    @cached_property
    def hubs(self) -> frozenset[str]:
        """Nodes that are not agents and link HUB_NEIGHBOURS others or more (see HUB_NEIGHBOURS)."""
        return frozenset(key for key, linked in self.neighbours.items() if len(linked) >= HUB_NEIGHBOURS
                and self.nodes[key].category == ENTITY and not self.vocabulary.is_a(self.nodes[key].cls, AGENT))


def explore(store: ox.Store, *, events: bool = False) -> Explorer:
    """The explorer's model of the graph in `store`: facts as edges, or with `events` event nodes as drawn."""
    with paused_gc():
        return build_explorer(StoreScan.read(store), events=events)


def build_explorer(scan: StoreScan, *, events: bool = False) -> Explorer:
    """The model of a scanned store (see `explore`)."""
    vocabulary = load_vocabulary()
    articles = read_articles(scan)
    nodes = read_nodes(scan, vocabulary)
    statements = read_statements(scan)
    roles: dict[str, list[tuple[str, str, bool]]] = {}
    for key, node in nodes.items():
        if node.category == EVENT:
            roles[key] = []
    for s, p, o in scan.links:
        if o in articles and s in nodes:
            nodes[s].articles.add(o)
        elif s in roles and o in nodes:
            roles[s].append((p, o, True))
    for key in roles:
        roles[key] += [(p, v, False) for p, v in nodes[key].details]
        roles[key].sort()
    for statement in statements.values():
        for key in (statement.subject, statement.object, statement.event):
            if key in nodes and statement.article:
                nodes[key].articles.add(statement.article)
    explorer = Explorer(nodes, [], statements, roles, articles, scan.language(), events, vocabulary)
    triples = {(s, p, o) for s, p, o in scan.links if s in nodes and o in nodes}
    triples |= {(st.subject, st.predicate, st.object) for st in statements.values() if st.subject in nodes and st.object in nodes}
    explorer.facts = (event_facts if events else reader_facts)(explorer, sorted(triples))
    return explorer


def read_articles(scan: StoreScan) -> dict[str, Article]:
    """The schema:NewsArticle nodes, by IRI."""
    url_of = {s: o for s, p, o in scan.links if p == URL}
    return {
        key: Article(key, scan.first_literal(key, [NAME]) or local_name(key), scan.first_literal(key, [HEADLINE]),
                     scan.first_literal(key, [DATE]), url_of.get(key))
        for key, types in scan.types.items() if str(SDO.NewsArticle) in types
    }


def read_nodes(scan: StoreScan, vocabulary: Vocabulary) -> dict[str, Node]:
    """Every node but statements and articles, by IRI in IRI order, with label, class, aliases, details."""
    candidates = set(scan.types) | set(scan.literals) | {s for s, _, _ in scan.links} | {o for _, _, o in scan.links}
    nodes = {}
    for key in sorted(n for n in candidates if not scan.is_hidden(n)):
        cls = choose_class(scan.types.get(key, set()))
        literals = scan.literals.get(key, ())
        nodes[key] = Node(
            key=key,
            label=scan.first_literal(key, LABELS) or local_name(key),
            cls=cls,
            category=vocabulary.category(cls),
            aliases=sorted({v for p, v in literals if p == ALIAS}),
            details=sorted((p, v) for p, v in literals if p not in NOT_DETAILS),
        )
    return nodes


def read_statements(scan: StoreScan) -> dict[str, Statement]:
    """The rdf:Statement nodes with a whole triple, by IRI in IRI order."""
    found = {}
    for key, parts in sorted(scan.statements.items()):
        if SUBJECT not in parts or PREDICATE not in parts or OBJECT not in parts:
            continue
        start, rule, confidence = (scan.first_literal(key, [p]) for p in (START, RULE, CONFIDENCE))
        found[key] = Statement(
            key, parts[SUBJECT], parts[PREDICATE], parts[OBJECT], parts.get(SENTENCE), parts.get(DERIVED_FROM),
            _number(start, int), rule, _number(confidence, float), parts.get(EVENT_OF),
        )
    return found


def _number(text: str | None, kind: type) -> Any:
    """`kind(text)`, or None when there is no text or it is not a number (a hand-written graph may say anything)."""
    try:
        return None if text is None else kind(text)
    except ValueError:
        return None


def _by_triple(explorer: Explorer) -> dict[tuple[str, str, str], list[str]]:
    """Statement IRIs by the triple they state."""
    found: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for statement in explorer.statements.values():
        found[(statement.subject, statement.predicate, statement.object)].append(statement.key)
    return found


def event_facts(explorer: Explorer, triples: list[tuple[str, str, str]]) -> list[Fact]:
    """The graph as it is: every triple between shown nodes is an edge; an event's role edges take the
    statements the event summarises."""
    stated = _by_triple(explorer)
    summarised: dict[str, list[str]] = defaultdict(list)
    for statement in explorer.statements.values():
        if statement.event:
            summarised[statement.event].append(statement.key)
    facts = []
    for s, p, o in triples:
        from_event = explorer.nodes[s].category == EVENT
        facts.append(Fact(s, p, o, stated.get((s, p, o)) or summarised.get(s, []), [s] if from_event else []))
    return facts


def reader_facts(explorer: Explorer, triples: list[tuple[str, str, str]]) -> list[Fact]:
    """One fact per triple between entities or values, with its statements and the events they summarise;
    facts through role nodes and the events no statement summarises are folded as the module says."""
    nodes, vocabulary = explorer.nodes, explorer.vocabulary
    stated = _by_triple(explorer)
    about: dict[str, list[str]] = defaultdict(list)
    facts, through_roles = [], []
    for s, p, o in triples:
        keys = stated.get((s, p, o), [])
        event = s if nodes[s].category == EVENT else o if nodes[o].category == EVENT else None
        if event is not None:
            about[event] += keys
            continue
        fact = Fact(s, p, o, keys, sorted({e for k in keys if (e := explorer.statements[k].event) in nodes}))
        (through_roles if vocabulary.is_a(nodes[s].cls, ROLE) or vocabulary.is_a(nodes[o].cls, ROLE) else facts).append(fact)
    summarised = {st.event for st in explorer.statements.values() if st.event}
    for event in sorted(e for e in explorer.roles if e not in summarised):
        facts.append(_event_as_fact(explorer, event, about[event]))
    return _fold_roles(explorer, facts, through_roles)


def _event_as_fact(explorer: Explorer, event: str, statements: list[str]) -> Fact:
    """An event no statement summarises, as a fact: an edge between its first two participants, or a
    line on its one participant. The participants that statements name come first, then its agent (a role
    under schema:agent), its object (under schema:object) and the others."""
    named = [k for st in statements for k in (explorer.statements[st].subject, explorer.statements[st].object)]
    parents = explorer.vocabulary.property_parents
    rank = {str(SDO.agent): 0, str(SDO.object): 1}
    roles = sorted(explorer.roles[event], key=lambda role: min(
        [rank.get(p, 2) for p in explorer.vocabulary.ancestors(role[0], parents)]))
    others = [value for _, value, is_node in roles if is_node]
    participants = [k for k in dict.fromkeys(named + others) if k != event and k in explorer.nodes and explorer.drawable(k)]
    cls = explorer.nodes[event].cls or str(KG.Event)
    source = participants[0] if participants else event
    target = participants[1] if len(participants) > 1 else None
    return Fact(source, cls, target, statements, [event], via=None if target else event)


def _fold_roles(explorer: Explorer, facts: list[Fact], through_roles: list[Fact]) -> list[Fact]:
    """Facts with a role node at one end: re-drawn from the holder to the organisation the role is held in
    (merged into a fact between them from an event of the same class, if any), else a line on the holder."""
    nodes, vocabulary = explorer.nodes, explorer.vocabulary
    between: dict[tuple[str, str | None], list[Fact]] = defaultdict(list)
    for fact in facts:
        between[(fact.source, fact.target)].append(fact)
    for fact in through_roles:
        role, holder = (fact.target, fact.source) if vocabulary.is_a(nodes[fact.target].cls, ROLE) else (fact.source, fact.target)
        where = next((value for event in fact.events for _, value, is_node in explorer.roles.get(event, ())
                      if is_node and value not in {role, holder} and explorer.drawable(value) and nodes[value].category == ENTITY), None)
        classes = {nodes[e].cls for e in fact.events}
        same = next((f for f in between[(holder, where)] if where and classes & {nodes[e].cls for e in f.events}), None)
        if same is not None:
            same.statements = sorted({*same.statements, *fact.statements})
            same.events = sorted({*same.events, *fact.events})
            continue
        folded = Fact(holder, fact.relation, where, fact.statements, fact.events, via=role)
        facts.append(folded)
        between[(holder, where)].append(folded)
    return facts


# ---------------------------------------------------------------- what the page opens on


def neighbourhood(explorer: Explorer, start: Iterable[str], *, depth: int, limit: int | None = None) -> list[str]:
    """Drawable nodes within `depth` links of `start`, nearest first (ties by IRI), at most `limit`; the
    walk does not go on through hubs, so a shared concept does not bring in unrelated neighbourhoods."""
    neighbours, hubs = explorer.neighbours, explorer.hubs
    order = list(dict.fromkeys(start))
    starts = set(order)
    seen, frontier = set(order), list(order)
    for _ in range(depth):
        walked = [node for node in frontier if node not in hubs or node in starts]
        frontier = sorted({n for node in walked for n in neighbours.get(node, ()) if n not in seen})
        seen.update(frontier)
        order += frontier
    return order[:limit]


def central_part(explorer: Explorer, limit: int) -> list[str]:
    """Up to `limit` drawable nodes around the most connected ones: grown from the best-linked node by
    always adding the best-linked node next to those taken, then from the next best one when that part is
    exhausted. Unlike the `limit` best-linked nodes, this gives connected pictures. Hubs are left out: the
    page would draw one beside each neighbour, and they would not be central but everywhere."""
    neighbours, hubs = explorer.neighbours, explorer.hubs
    degree = {key: len(linked) for key, linked in neighbours.items()}
    ranked = sorted((k for k in explorer.nodes if explorer.drawable(k) and k in degree), key=lambda k: (-degree[k], k))
    taken: dict[str, None] = {}
    frontier: list[tuple[int, str]] = []
    seeds = iter(ranked)
    while len(taken) < limit:
        if not frontier:
            seed = next((k for k in seeds if k not in taken), None)
            if seed is None:
                break
            frontier = [(-degree[seed], seed)]
        _, key = heapq.heappop(frontier)
        if key in taken or key in hubs:
            continue
        taken[key] = None
        for other in neighbours.get(key, ()):
            if other not in taken:
                heapq.heappush(frontier, (-degree[other], other))
    return list(taken)


# ---------------------------------------------------------------- finding names in sentences


class _Folded(dict):
    """Character → lower-case character without accent, one for one, so offsets in folded text are offsets
    in the original; apostrophes are one character."""

    def __missing__(self, char: str) -> str:
        base = unicodedata.normalize("NFD", char)[0].lower()[:1] or char
        folded = self[char] = "'" if base in "’‘ʼ" else base
        return folded


_FOLD = _Folded()


def fold(text: str) -> str:
    """`text` lower-cased without accents, the same length (see _Folded)."""
    return "".join(map(_FOLD.__getitem__, text))


@lru_cache(maxsize=1 << 16)
def _folded_name(name: str) -> str:
    """A name as `highlights` looks for it; the same labels come back for thousands of statements."""
    return fold(name.strip())


def highlights(sentence: str, names: Iterable[str]) -> list[list[int]]:
    """[start, end) spans of `sentence` where one of `names` is written as a whole word, ignoring case and
    accents; overlapping spans merged, in order."""
    text = fold(sentence)
    spans = []
    for name in {folded for n in names if len(folded := _folded_name(n)) >= 2}:
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
                spans.append([start, end])
            start = text.find(name, start + 1)
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged
