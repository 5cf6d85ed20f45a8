"""The IRIs kg mints and the vocabulary it writes: the one place ontology terms come from.

`KG` mirrors ontology/kg.ttl term for term (a test checks it); a misspelt term raises instead of
minting a new IRI. Standard vocabularies are rdflib's own (`SDO`, `SKOS`, `PROV`, ...).
"""
from __future__ import annotations

import pyoxigraph as ox
from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace, PROV, RDF, RDFS, SDO, SKOS, XSD, OWL

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
    Agent: URIRef
    Appointment: URIRef
    CreativeWork: URIRef
    Entity: URIRef
    Event: URIRef
    FinancialResult: URIRef
    Investment: URIRef
    JobPosting: URIRef
    Lawsuit: URIRef
    MonetaryAmount: URIRef
    Movie: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    Product: URIRef
    ProductLaunch: URIRef
    Publication: URIRef
    Quantity: URIRef
    Quotation: URIRef
    Report: URIRef
    Role: URIRef
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
    ceoOf: URIRef
    change: URIRef
    citedSource: URIRef
    confidence: URIRef
    currency: URIRef
    date: URIRef
    developed: URIRef
    endChar: URIRef
    event: URIRef
    field: URIRef
    gained: URIRef
    hasRole: URIRef
    hiringOrganization: URIRef
    investsIn: URIRef
    jobTitle: URIRef
    launched: URIRef
    locatedIn: URIRef
    maxValue: URIRef
    mentionedIn: URIRef
    metric: URIRef
    minValue: URIRef
    object: URIRef
    onStrikeIn: URIRef
    organization: URIRef
    parentOrganization: URIRef
    participant: URIRef
    partnerOf: URIRef
    period: URIRef
    person: URIRef
    published: URIRef
    purpose: URIRef
    revenue: URIRef
    role: URIRef
    rule: URIRef
    salary: URIRef
    sentence: URIRef
    sha256: URIRef
    length: URIRef
    speaker: URIRef
    startChar: URIRef
    statedBy: URIRef
    sued: URIRef
    technology: URIRef
    text: URIRef
    unit: URIRef
    uses: URIRef
    value: URIRef
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

__all__ = ["BASE", "ENT", "EVENT", "KG", "ONTOLOGY_IRI", "OX_KG", "OX_OWL", "OX_PROV", "OX_RDF", "OX_RDFS", "OX_SDO", "OX_SKOS", "OX_XSD", "OxTerms", "OWL", "PREFIXES", "PROV", "RDF", "RDFS", "SDO", "SKOS", "SRC", "STMT", "XSD"]
