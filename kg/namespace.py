"""The IRIs kg mints and the vocabulary it writes: the one place ontology terms come from.

`KG` mirrors ontology/kg.ttl term for term (a test checks it); a misspelt term raises instead of
minting a new IRI. Standard vocabularies are rdflib's own (`SDO`, `SKOS`, `PROV`, ...). rdflib, a tenth
of a second to import, is imported only when one of its objects (`KG`, `ENT`, `SDO`, ...) is first asked
for: building, querying and writing use the prefixes and the pyoxigraph terms (`OX_KG`, `OX_SDO`, ...).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

if TYPE_CHECKING:
    from rdflib import URIRef

BASE = "https://example.org/kg/"
ONTOLOGY_IRI = BASE + "ontology"

_MINTED_PATHS = {"ent": "entity/", "event": "event/", "stmt": "statement/", "src": "source/"}
"""kg's minted namespaces under the base IRI: entities (one IRI per real-world thing, from its canonical
name), n-ary fact and value nodes, provenance nodes (one per asserted fact), and articles."""
_VOCABULARIES = {
    "schema": "https://schema.org/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}
"""The standard vocabularies kg writes, as rdflib names them (a test checks they are the same IRIs)."""


class _Terms:
    """The kg ontology's terms (ontology/kg.ttl), as annotations: `KG` and `OX_KG` read them."""

    # classes
    Acquisition: URIRef
    Action: URIRef
    AdministrativeArea: URIRef
    Agent: URIRef
    Appointment: URIRef
    City: URIRef
    Company: URIRef
    Conflict: URIRef
    Continent: URIRef
    Cooperation: URIRef
    Country: URIRef
    Creation: URIRef
    CreativeWork: URIRef
    EducationalOrganization: URIRef
    Entity: URIRef
    Event: URIRef
    FinancialResult: URIRef
    GovernmentOrganization: URIRef
    IntergovernmentalOrganization: URIRef
    Investment: URIRef
    JobPosting: URIRef
    KnowledgeStatement: URIRef
    Lawsuit: URIRef
    Meeting: URIRef
    Membership: URIRef
    MilitaryOrganization: URIRef
    MonetaryAmount: URIRef
    Movie: URIRef
    NGO: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    PoliticalParty: URIRef
    Product: URIRef
    ProductLaunch: URIRef
    PublicEvent: URIRef
    Publication: URIRef
    Quantity: URIRef
    Quotation: URIRef
    Report: URIRef
    Role: URIRef
    Stay: URIRef
    Strike: URIRef
    TVSeries: URIRef
    Technology: URIRef
    TechnologyUse: URIRef
    Union: URIRef
    Video: URIRef
    VideoGame: URIRef

    # properties
    acquired: URIRef
    advertises: URIRef
    agent: URIRef
    amount: URIRef
    bornIn: URIRef
    ceoOf: URIRef
    change: URIRef
    citedSource: URIRef
    colleagueOf: URIRef
    commentedOn: URIRef
    confidence: URIRef
    cooperatesWith: URIRef
    currency: URIRef
    date: URIRef
    developed: URIRef
    endChar: URIRef
    event: URIRef
    field: URIRef
    formerMemberOf: URIRef
    founded: URIRef
    gained: URIRef
    gender: URIRef
    hasRole: URIRef
    headOf: URIRef
    hiringOrganization: URIRef
    inContactWith: URIRef
    investsIn: URIRef
    involvedAt: URIRef
    jobTitle: URIRef
    latitude: URIRef
    launched: URIRef
    length: URIRef
    locatedIn: URIRef
    longitude: URIRef
    maxValue: URIRef
    memberInvolvedAt: URIRef
    memberOf: URIRef
    mentionedIn: URIRef
    met: URIRef
    metric: URIRef
    minValue: URIRef
    nationality: URIRef
    object: URIRef
    onStrikeIn: URIRef
    operatesIn: URIRef
    opposes: URIRef
    organization: URIRef
    owns: URIRef
    parentOf: URIRef
    parentOrganization: URIRef
    participant: URIRef
    presentIn: URIRef
    partnerOf: URIRef
    period: URIRef
    person: URIRef
    published: URIRef
    purpose: URIRef
    reactedTo: URIRef
    relatedTo: URIRef
    relativeOf: URIRef
    residesIn: URIRef
    revenue: URIRef
    role: URIRef
    rule: URIRef
    salary: URIRef
    sentence: URIRef
    sha256: URIRef
    siblingOf: URIRef
    speaker: URIRef
    spouseOf: URIRef
    startChar: URIRef
    statedBy: URIRef
    supportedBy: URIRef
    sued: URIRef
    technology: URIRef
    text: URIRef
    unit: URIRef
    uses: URIRef
    value: URIRef
    verb: URIRef
    work: URIRef
    worksFor: URIRef

KG_TERMS = frozenset(_Terms.__annotations__)
"""The names of the kg ontology's terms."""

PREFIXES: dict[str, str] = {
    "kg": ONTOLOGY_IRI + "#",
    **{prefix: BASE + path for prefix, path in _MINTED_PATHS.items()},
    **_VOCABULARIES,
}
"""Prefixes written in every Turtle file and pre-declared for SPARQL queries."""

MINTED = dict(_MINTED_PATHS)
"""The prefixes of the IRIs kg mints, and their paths under the base IRI (`kg build --base-iri`)."""


def minted_prefixes(base: str = BASE) -> dict[str, str]:
    """PREFIXES with kg's minted namespaces under `base` (the ontology's terms stay where they are)."""
    return {**PREFIXES, **{prefix: base + path for prefix, path in MINTED.items()}}


def check_base_iri(base: str) -> str:
    """`base` if it can hold kg's minted IRIs: an absolute http(s) IRI ending with "/" or "#", outside
    the ontology's namespace (KgError, exit 2, naming the value otherwise)."""
    from kg.articles import http_iri
    from kg.errors import KgError

    if http_iri(base) != base or not base.endswith(("/", "#")) or base.startswith(ONTOLOGY_IRI):
        raise KgError(f"--base-iri {base!r} is not an absolute http(s) IRI ending with / or #, such as "
                      f"https://news.example.com/kg/", exit_code=2)
    return base


def graph_base(store: ox.Store) -> str:
    """The base IRI a graph's IRIs were minted under: what its void:uriSpace records, else kg's default."""
    for quad in store.quads_for_pattern(None, OX_VOID.uriSpace, None, None):
        if isinstance(quad.object, ox.Literal):
            return quad.object.value
    return BASE


class OxTerms:
    """A vocabulary's terms as pyoxigraph IRIs, each made once: `OX_KG.sentence` (a term `terms` does not
    list raises AttributeError, as a misspelt term must), without rdflib: its DefinedNamespace lookup
    costs microseconds once per triple (a third of the writing time), and its import a tenth of a second."""

    def __init__(self, namespace: str, terms: frozenset[str]) -> None:
        self._namespace = namespace
        self._terms = terms

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_") or name not in self._terms:
            raise AttributeError(f"{self._namespace} has no term {name!r} that kg writes")
        node = ox.NamedNode(self._namespace + name)
        setattr(self, name, node)
        return node


OX_KG = OxTerms(PREFIXES["kg"], KG_TERMS)
OX_SDO = OxTerms(_VOCABULARIES["schema"], frozenset({"NewsArticle", "datePublished", "headline", "name", "url"}))
OX_RDF = OxTerms(_VOCABULARIES["rdf"], frozenset({"Statement", "object", "predicate", "subject", "type"}))
OX_RDFS = OxTerms(_VOCABULARIES["rdfs"], frozenset({"label", "subClassOf", "subPropertyOf"}))
OX_SKOS = OxTerms(_VOCABULARIES["skos"], frozenset({"altLabel", "broader", "prefLabel"}))
OX_PROV = OxTerms(_VOCABULARIES["prov"], frozenset({"hadPrimarySource", "wasDerivedFrom"}))
OX_XSD = OxTerms(_VOCABULARIES["xsd"], frozenset({"date", "decimal", "integer", "gYear", "gYearMonth", "gMonthDay"}))
OX_OWL = OxTerms(_VOCABULARIES["owl"], frozenset({"Class", "sameAs"}))
"""The standard terms kg writes with pyoxigraph, listed (a test checks each is its vocabulary's)."""
OX_VOID = OxTerms("http://rdfs.org/ns/void#", frozenset({"Dataset", "uriSpace"}))
"""VoID's terms (void:Dataset, void:uriSpace): how a graph built with --base-iri records its base."""

_RDFLIB_NAMES = frozenset({"KG", "ENT", "EVENT", "STMT", "SRC", "SDO", "RDF", "RDFS", "SKOS", "PROV", "XSD", "OWL", "VOID"})


def __getattr__(name: str) -> Any:
    """rdflib's objects (`KG`, the minted namespaces `ENT`, `EVENT`, `STMT`, `SRC`, and the standard
    vocabularies), made on first use: importing rdflib is for the modules that work with it."""
    if name not in _RDFLIB_NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    made = _rdflib_objects()
    globals().update(made)
    return made[name]


def _rdflib_objects() -> dict[str, Any]:
    import types

    from rdflib import Namespace
    from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, VOID, XSD, DefinedNamespace

    def body(namespace: dict[str, Any]) -> None:
        namespace.update(__doc__="The kg ontology (ontology/kg.ttl).", __annotations__=dict(_Terms.__annotations__),
                         _NS=Namespace(PREFIXES["kg"]), _fail=True)

    kg = types.new_class("KG", (DefinedNamespace,), exec_body=body)
    minted = {name: Namespace(PREFIXES[prefix]) for name, prefix in (("ENT", "ent"), ("EVENT", "event"), ("STMT", "stmt"), ("SRC", "src"))}
    return {"KG": kg, **minted, "SDO": SDO, "RDF": RDF, "RDFS": RDFS, "SKOS": SKOS, "PROV": PROV, "XSD": XSD, "OWL": OWL, "VOID": VOID}


__all__ = ["BASE", "ENT", "EVENT", "KG", "KG_TERMS", "ONTOLOGY_IRI", "OX_KG", "OX_OWL", "OX_PROV", "OX_RDF", "OX_RDFS", "OX_SDO", "OX_SKOS", "OX_VOID", "OX_XSD", "OxTerms", "OWL", "PREFIXES", "PROV", "RDF", "RDFS", "SDO", "SKOS", "SRC", "STMT", "XSD"]
