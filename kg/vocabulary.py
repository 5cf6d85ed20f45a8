"""What pictures and pages read from the ontology (ontology/kg.ttl): every term's French and English label,
the class and property trees, and from them which classes are events, values, roles or agents, which
family a relation belongs to, and one distinct colour and shape per class.

Nothing here lists today's classes or properties: a term added to kg.ttl gets its labels, family, colour
and shape from where it sits in the trees.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache

import pyoxigraph as ox

from kg.export.terms import term_key
from kg.namespace import KG, OX_OWL, OX_RDF, OX_RDFS
from kg.lexicon import ontology

LANGUAGES = ("fr", "en")
"""The page's languages; the first is the default for graphs that do not say theirs."""

PALETTE = (
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#ff77cc", "#aa9977", "#00cccc", "#994455", "#aa9911", "#7755bb",
    "#ccaadd", "#995511", "#227755", "#ff9988", "#aacc77", "#556611", "#55ccff", "#00cc88", "#ee5577", "#7799ff",
    "#228899", "#775588", "#dd99ff", "#eeaa55", "#5500ff", "#ff22ff", "#00ee00", "#aadd00", "#0055ff", "#8800bb",
    "#991177", "#ff00bb", "#ffcc00", "#55ee66", "#ff0000", "#aaddbb",
)
"""Class colours, given in the order classes are met in the class tree: each was picked as the farthest (CIE76
ΔE) from all before it among mid-light colours (the last twelve with more saturation, for the organisation
and place kinds), so any two differ by ΔE > 27."""
ENTITY_SHAPES = ("dot", "square", "triangle", "star", "hexagon", "triangleDown")
"""One shape per family of entity classes (the direct subclasses of kg:Entity, by name); every shape
listed here is one the legend can draw; diamonds are events'."""
VALUE_SHAPE = "box"
EVENT_STYLE = ("#7f7f7f", "diamond")
OTHER_STYLE = ("#a0a0a0", "ellipse")

ENTITY, EVENT, VALUE = "entity", "event", "value"


def local_name(iri: str) -> str:
    """The part of an IRI after its last `#` or `/`."""
    return re.split(r"[#/]", iri.rstrip("/#"))[-1] or iri


@dataclass(frozen=True)
class ClassStyle:
    """How a class is drawn: colour, vis-network shape and the family it belongs to."""

    color: str
    shape: str
    family: str


@dataclass(frozen=True)
class Vocabulary:
    """The ontology's labels and trees, and what the page derives from them."""

    labels: dict[str, dict[str, str]]
    """term IRI → {language: rdfs:label}"""
    class_parents: dict[str, frozenset[str]]
    property_parents: dict[str, frozenset[str]]
    classes: frozenset[str]

    def label(self, term: str, language: str) -> str:
        """The term's label in `language`, else in English, else its local name."""
        labels = self.labels.get(term, {})
        return labels.get(language) or labels.get("en") or local_name(term)

    def ancestors(self, term: str, parents: dict[str, frozenset[str]] | None = None) -> set[str]:
        """`term` and every class (or property, with `parents=property_parents`) above it."""
        parents = self.class_parents if parents is None else parents
        seen, todo = set(), [term]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(parents.get(current, ()))
        return seen

    @cached_property
    def event_classes(self) -> frozenset[str]:
        """kg:Event and the classes below it: n-ary facts."""
        return frozenset(c for c in self.classes if str(KG.Event) in self.ancestors(c))

    @cached_property
    def entity_classes(self) -> frozenset[str]:
        """Classes below kg:Entity (not kg:Entity itself, which nothing is only an instance of)."""
        return frozenset(c for c in self.classes if str(KG.Entity) in self.ancestors(c) and c != str(KG.Entity))

    @cached_property
    def value_classes(self) -> frozenset[str]:
        """kg classes that are neither entities nor events: amounts and quantities."""
        return frozenset(c for c in self.classes if c.startswith(str(KG._NS)) and c not in self.entity_classes
                         and c not in self.event_classes and c not in {str(KG.Entity), str(KG.Event)})

    def category(self, cls: str | None) -> str:
        """entity, event or value for a node of class `cls` (entity when the ontology does not know it)."""
        return EVENT if cls in self.event_classes else VALUE if cls in self.value_classes else ENTITY

    def is_a(self, cls: str | None, ancestor: str) -> bool:
        """Whether `cls` is `ancestor` or below it (asked per node and fact: the classes' ancestors are kept)."""
        if cls is None:
            return False
        if cls not in self._above:
            self._above[cls] = frozenset(self.ancestors(cls))
        return ancestor in self._above[cls]

    @cached_property
    def _above(self) -> dict[str, frozenset[str]]:
        """Each class asked about by `is_a`, with the classes above it."""
        return {}

    def relation_family(self, term: str) -> str:
        """The most general kg property above `term` (kg:ceoOf → kg:worksFor), or the term itself: relations
        of one family are filtered together."""
        above = [p for p in self.ancestors(term, self.property_parents) if p.startswith(str(KG._NS))]
        tops = sorted(p for p in above if not (set(self.property_parents.get(p, ())) & set(above)))
        return tops[0] if tops else term

    @cached_property
    def styles(self) -> dict[str, ClassStyle]:
        """A colour and shape for every entity and value class: shapes by family (the class's branch under
        kg:Entity), colours one per class in tree order, so no two classes look alike."""
        entity = str(KG.Entity)
        families = sorted((c for c in self.entity_classes if self.class_parents.get(c, frozenset()) & {entity}),
                          key=local_name)
        ordered: list[tuple[str, str, str]] = []
        for number, family in enumerate(families):
            members = sorted((c for c in self.entity_classes if family in self.ancestors(c)), key=lambda c: (c != family, local_name(c)))
            ordered += [(c, family, ENTITY_SHAPES[number % len(ENTITY_SHAPES)]) for c in members]
        ordered += [(c, VALUE, VALUE_SHAPE) for c in sorted(self.value_classes, key=local_name)]
        styles: dict[str, ClassStyle] = {}
        for cls, family, shape in ordered:
            styles.setdefault(cls, ClassStyle(PALETTE[len(styles) % len(PALETTE)], shape, family))
        return styles

    def style(self, cls: str | None) -> ClassStyle:
        """The drawing style of a node of class `cls`: its class's, grey diamonds for events."""
        if cls in self.styles:
            return self.styles[cls]
        color, shape = EVENT_STYLE if cls in self.event_classes else OTHER_STYLE
        return ClassStyle(color, shape, EVENT if cls in self.event_classes else "")


@lru_cache(maxsize=1)
def load_vocabulary() -> Vocabulary:
    """The terms of ontology/kg.ttl (read once per process, see `kg.lexicon.ontology`)."""
    store = ontology()
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for quad in store.quads_for_pattern(None, OX_RDFS.label, None, None):
        if isinstance(quad.object, ox.Literal) and quad.object.language:
            labels[term_key(quad.subject)][quad.object.language] = quad.object.value
    return Vocabulary(
        labels=dict(labels),
        class_parents=_parents(store, OX_RDFS.subClassOf),
        property_parents=_parents(store, OX_RDFS.subPropertyOf),
        classes=frozenset(term_key(q.subject) for q in store.quads_for_pattern(None, OX_RDF.type, OX_OWL.Class, None)),
    )


def _parents(store: ox.Store, predicate: ox.NamedNode) -> dict[str, frozenset[str]]:
    """term → the terms `predicate` (rdfs:subClassOf, rdfs:subPropertyOf) says are directly above it."""
    found: dict[str, set[str]] = defaultdict(set)
    for quad in store.quads_for_pattern(None, predicate, None, None):
        found[term_key(quad.subject)].add(term_key(quad.object))
    return {term: frozenset(parents) for term, parents in found.items()}
