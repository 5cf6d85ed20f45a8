"""Entities by name: what `kg search` lists and what a `--bind org=Netflix` or `org="Netflix"` resolves to.

A name matches an entity's rdfs:label or skos:altLabel, or the local name of its IRI (`netflix` for
`ent:netflix`), ignoring case. Classes are shown by their rdfs:label in the ontology, in French or English.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

import pyoxigraph as ox

from kg.api import callable_verb
from kg.errors import KgError
from kg.namespace import ENT, KG, graph_base, minted_prefixes

_MATCHES = """
SELECT DISTINCT ?entity ?text WHERE {
  { ?entity rdfs:label|skos:altLabel ?name } UNION { ?entity a ?any BIND(STRAFTER(STR(?entity), STR(ent:)) AS ?name) }
  FILTER(isIRI(?entity) && STRSTARTS(STR(?entity), STR(ent:)))
  FILTER(%s)
}"""
_EXACT = "LCASE(STR(?name)) = LCASE(?text)"
_CONTAINS = "CONTAINS(LCASE(STR(?name)), LCASE(?text))"
_DETAILS = """
SELECT ?entity ?label (GROUP_CONCAT(DISTINCT STR(?class); separator=" ") AS ?classes)
       (GROUP_CONCAT(DISTINCT ?alias; separator="\\u001f") AS ?aliases) WHERE {
  OPTIONAL { ?entity rdfs:label ?label }
  OPTIONAL { ?entity a ?class FILTER(STRSTARTS(STR(?class), STR(kg:))) }
  OPTIONAL { ?entity skos:altLabel ?alias }
} GROUP BY ?entity ?label"""
_FACTS = """
SELECT ?entity (COUNT(DISTINCT ?statement) AS ?facts) WHERE {
  { ?statement rdf:subject ?entity } UNION { ?statement rdf:object ?entity }
  ?statement a rdf:Statement
} GROUP BY ?entity"""


@dataclass(frozen=True)
class EntityMatch:
    """An entity found by name: IRI, label, classes (ontology labels), aliases and how many facts it is in."""

    iri: str
    label: str
    classes: tuple[str, ...]
    aliases: tuple[str, ...]
    facts: int

    def show(self) -> str:
        """One line: `Netflix (Organisation, ent:netflix)`."""
        local = self.iri.removeprefix(str(ENT))
        return f"{self.label} ({', '.join(self.classes) or '?'}, {'ent:' + local if local != self.iri else '<' + self.iri + '>'})"


def find_entities(store: ox.Store, text: str, *, exact: bool = False, lang: str = "en") -> list[EntityMatch]:
    """The entities named `text` (`exact`) or whose names contain it, most facts first, then by label."""
    from kg.lexicon import term_labels

    labels = term_labels(lang)
    prefixes = minted_prefixes(graph_base(store))  # ent: is where this graph minted its entities
    found = store.query(_MATCHES % (_EXACT if exact else _CONTAINS), prefixes=prefixes,
                        substitutions={ox.Variable("text"): ox.Literal(text)}, use_default_graph_as_union=True)
    matches = []
    for entity in sorted({row["entity"] for row in found}, key=str):
        given = {ox.Variable("entity"): entity}
        details = next(iter(store.query(_DETAILS, prefixes=prefixes, substitutions=given, use_default_graph_as_union=True)), None)
        counted = next(iter(store.query(_FACTS, prefixes=prefixes, substitutions=given, use_default_graph_as_union=True)), None)
        label = details["label"].value if details and details["label"] else entity.value.removeprefix(prefixes["ent"])
        classes = (details["classes"].value.split() if details else [])
        aliases = sorted(set(details["aliases"].value.split("\x1f")) - {"", label}) if details and details["aliases"] else []
        matches.append(EntityMatch(
            entity.value, label, tuple(sorted(labels.get(c.removeprefix(str(KG._NS)), c) for c in classes)),
            tuple(aliases), int(counted["facts"].value) if counted else 0,
        ))
    return sorted(matches, key=lambda match: (-match.facts, match.label.casefold(), match.iri))


def entity_named(store: ox.Store, name: str, *, what: str = "the name ") -> ox.NamedNode | None:
    """The one entity called `name` (label, alias or IRI local name), None when no entity is.

    Raises KgError (exit 2) listing the candidates when several are: a name must pick one entity.
    """
    matches = find_entities(store, name, exact=True)
    if len(matches) > 1:
        listed = "; ".join(match.show() for match in matches[:10])
        raise KgError(f"{what}{name} names {len(matches)} entities: {listed}; give one by its IRI (ent:…)", exit_code=2)
    return ox.NamedNode(matches[0].iri) if matches else None


def format_matches(matches: list[EntityMatch], *, format: str = "text") -> str:
    """Matches as aligned text lines (label, classes, IRI, facts, aliases) or a JSON array."""
    if format == "json":
        return json.dumps([asdict(match) for match in matches], ensure_ascii=False, indent=2) + "\n"
    lines = [
        f"{match.show()}  {match.facts} fact{'' if match.facts == 1 else 's'}"
        + (f"  also: {', '.join(match.aliases)}" if match.aliases else "")
        for match in matches
    ]
    return "".join(line + "\n" for line in lines) + f"({len(matches)} entit{'y' if len(matches) == 1 else 'ies'})\n"


callable_verb(__name__)  # kg.search(...) is the API verb (kg/api.py); kg.search.<name> this module
