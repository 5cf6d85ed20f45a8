"""The IRIs kg mints and the vocabulary it writes: the one place ontology terms come from.

`KG` mirrors ontology/kg.ttl term for term (a test checks it); a misspelt term raises instead of
minting a new IRI. Standard vocabularies are rdflib's own (`SDO`, `SKOS`, `PROV`, ...).
"""
from __future__ import annotations

import pyoxigraph as ox
from rdflib import Namespace, URIRef
from rdflib.namespace import VOID, DefinedNamespace, PROV, RDF, RDFS, SDO, SKOS, XSD, OWL

BASE = "https://example.org/kg/"
ONTOLOGY_IRI = BASE + "ontology"

ENT = Namespace(BASE + "entity/")
"""Entities: one IRI per real-world thing, from its canonical name."""
EVENT = Namespace(BASE + "event/")
"""n-ary fact nodes and value nodes (amounts, quantities)."""
STMT = Namespace(BASE + "statement/")
"""Provenance nodes, one per asserted fact."""
SRC = Namespace(BASE + "source/")
"""Articles."""


class KG(DefinedNamespace):
    """The kg ontology (ontology/kg.ttl)."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

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

PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "ent": str(ENT),
    "event": str(EVENT),
    "stmt": str(STMT),
    "src": str(SRC),
    "schema": str(SDO),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "prov": str(PROV),
    "xsd": str(XSD),
    "owl": str(OWL),
}
"""Prefixes written in every Turtle file and pre-declared for SPARQL queries."""

MINTED = {prefix: str(namespace)[len(BASE):] for prefix, namespace in (("ent", ENT), ("event", EVENT), ("stmt", STMT), ("src", SRC))}
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
    """A vocabulary's terms as pyoxigraph IRIs, each looked up once: `OX_KG.sentence` is
    `KG.sentence` (a misspelt term still raises), without the microseconds that rdflib's
    DefinedNamespace lookup costs, once per triple otherwise (a third of the writing time)."""

    def __init__(self, namespace: type) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        node = ox.NamedNode(str(getattr(self._namespace, name)))
        setattr(self, name, node)
        return node


OX_KG, OX_RDF, OX_RDFS, OX_SKOS, OX_PROV, OX_SDO, OX_XSD, OX_OWL = map(OxTerms, (KG, RDF, RDFS, SKOS, PROV, SDO, XSD, OWL))
OX_VOID = OxTerms(VOID)
"""VoID's terms (void:Dataset, void:uriSpace): how a graph built with --base-iri records its base."""

__all__ = ["BASE", "ENT", "EVENT", "KG", "ONTOLOGY_IRI", "OX_KG", "OX_OWL", "OX_PROV", "OX_RDF", "OX_RDFS", "OX_SDO", "OX_SKOS", "OX_VOID", "OX_XSD", "OxTerms", "OWL", "PREFIXES", "PROV", "RDF", "RDFS", "SDO", "SKOS", "SRC", "STMT", "XSD"]
