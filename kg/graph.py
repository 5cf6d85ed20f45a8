"""Resolved facts → RDF triples: entities, direct facts, n-ary event nodes and provenance.

Each asserted triple also gets a statement node (rdf:Statement) that carries where it was read: the
article, the sentence as written, its character offsets in the original text, the rule and a
confidence. That is how a Turtle file (which has no named graphs) keeps every fact traceable; rdflib
cannot read RDF-star, so reification it is. Facts with more participants than two also get an event
node (kg:TechnologyUse, kg:Appointment, ...), and the main binary triple is asserted directly so that
simple SPARQL works.

Every IRI is a hash of what it stands for, so the same corpus gives the same triples; triples are
sorted before writing, so the same corpus gives a byte-identical file. Every IRI is valid RFC 3987
whatever the text: entity slugs and article ids are ASCII slugs, other node names are hex hashes,
and an article's schema:url is written (as an IRI) only when it is an absolute http(s) IRI.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from kg.articles import clean_text, http_iri
from kg.lexicon import class_families, term_labels
from kg.extract import Extraction, Fact
from kg.namespace import (BASE, ONTOLOGY_IRI, OX_KG, OX_OWL, OX_PROV, OX_RDF, OX_RDFS, OX_SDO, OX_SKOS, OX_VOID, OX_XSD,
                          PREFIXES)
from kg import places
from kg.resolve import Node, Resolution

ENT, EVENT, STMT, SRC = (PREFIXES[prefix] for prefix in ("ent", "event", "stmt", "src"))
"""kg's minted namespaces, as the strings IRIs are made from."""

Triple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]

# the roles that name the main participants of each event class: (subject role, object role)
EVENT_ROLES: dict[str, tuple[str, str]] = {
    "TechnologyUse": ("agent", "technology"),
    "ProductLaunch": ("agent", "object"),
    "Acquisition": ("agent", "object"),
    "Investment": ("agent", "object"),
    "Lawsuit": ("agent", "object"),
    "Appointment": ("person", "role"),
    "FinancialResult": ("organization", "amount"),
    "Publication": ("agent", "object"),
    "Strike": ("participant", "locatedIn"),
}
LITERAL_ROLES = frozenset({"purpose", "metric", "period", "verb"})


VALUE_CLASSES = {"MONEY": OX_KG.MonetaryAmount, "PERCENT": OX_KG.Quantity, "QUANTITY": OX_KG.Quantity}


def text(value: str, language: str | None = None) -> ox.Literal:
    """A string literal every format can carry (`clean_text`: no controls, lone surrogates or U+FFFF)."""
    value = clean_text(value)
    return ox.Literal(value, language=language) if language else ox.Literal(value)


def typed(value: str, datatype: ox.NamedNode) -> ox.Literal:
    return ox.Literal(value, datatype=datatype)


def short_hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:12]


A = OX_RDF.type
LABEL = OX_RDFS.label


def graph_triples(resolution: Resolution, *, language: str = "fr", base: str = BASE) -> list[Triple]:
    """Every triple of the graph, sorted (subject, predicate, object) for a byte-stable file; the IRIs
    kg mints are under `base` (which, when not the default, the graph records as a void:uriSpace)."""
    triples: set[Triple] = set()
    triples.update(_article_triples(resolution.extractions))
    triples.update(_entity_triples(resolution))
    triples.update(_containment_triples(resolution))
    for extraction, fact in resolution.facts():
        triples.update(_fact_triples(resolution, extraction, fact, language))
    if base != BASE:
        triples = {_rebased(triple, base) for triple in triples}
        dataset = ox.NamedNode(base)
        triples.update({(dataset, A, OX_VOID.Dataset), (dataset, OX_VOID.uriSpace, text(base))})
    return _sorted(triples)


def _rebased(triple: Triple, base: str) -> Triple:
    """The triple with the IRIs kg minted under BASE moved under `base` (ontology terms stay)."""
    return tuple(ox.NamedNode(base + term.value[len(BASE):]) if isinstance(term, ox.NamedNode) and term.value.startswith(BASE)
                 and not term.value.startswith(ONTOLOGY_IRI) else term for term in triple)  # type: ignore[return-value]


def _sorted(triples: set[Triple]) -> list[Triple]:
    """The triples sorted by their terms in N-Triples form (subject, predicate, object), emptying `triples`.

    Each distinct term's text is made once (`str(term)` per triple would hold a copy of every term for the
    whole sort, as much memory as the serialised graph); triples are grouped by subject first, so the
    subjects sort by one text each and each subject's few triples by two (a third faster than one sort
    of every triple by three).
    """
    texts: dict[ox.NamedNode | ox.Literal, str] = {}

    def text_of(term: ox.NamedNode | ox.Literal) -> str:
        found = texts.get(term)
        if found is None:
            found = texts[term] = str(term)
        return found

    by_subject: dict[ox.NamedNode, list[Triple]] = {}
    while triples:  # the set empties as the groups fill: one container of the triples at a time
        triple = triples.pop()
        by_subject.setdefault(triple[0], []).append(triple)
    ordered: list[Triple] = []
    for subject in sorted(by_subject, key=text_of):
        group = by_subject[subject]
        group.sort(key=lambda triple: (text_of(triple[1]), text_of(triple[2])))
        ordered += group
    return ordered


def entity_iri(resolution: Resolution, key: str) -> ox.NamedNode:
    return ox.NamedNode(f"{ENT}{resolution.entities[key].slug}")


def article_iri(article_id: str) -> ox.NamedNode:
    return ox.NamedNode(f"{SRC}{article_id}")


def _article_triples(extractions: Iterable[Extraction]) -> Iterator[Triple]:
    for extraction in extractions:
        meta = extraction.article
        node = article_iri(meta["id"])
        yield node, A, OX_SDO.NewsArticle
        yield node, OX_SDO.name, text(meta["name"])
        yield node, OX_KG.sha256, text(meta["sha256"])
        yield node, OX_KG.length, typed(str(meta["length"]), OX_XSD.integer)
        if meta.get("title"):
            yield node, OX_SDO.headline, text(meta["title"])
        url = http_iri(meta["url"]) if meta.get("url") else None
        if url:
            yield node, OX_SDO.url, ox.NamedNode(url)
        if meta.get("date"):
            yield node, OX_SDO.datePublished, typed(meta["date"], OX_XSD.date)


def _entity_triples(resolution: Resolution) -> Iterator[Triple]:
    families = class_families()
    for key, entity in resolution.entities.items():
        node = entity_iri(resolution, key)
        family = families.get(entity.type, entity.type)
        yield node, A, getattr(OX_KG, family)
        for narrower in {entity.type, entity.subclass} - {None, family}:
            yield node, A, getattr(OX_KG, narrower)
            yield getattr(OX_KG, narrower), OX_RDFS.subClassOf, getattr(OX_KG, family)  # so queries can ask for the family
        if entity.gender:
            yield node, OX_KG.gender, text({"m": "male", "f": "female"}.get(entity.gender, entity.gender))
        if entity.place is not None:
            if entity.place.geonames:
                yield node, OX_OWL.sameAs, ox.NamedNode(entity.place.geonames)
            if entity.place.latitude is not None:
                yield node, OX_KG.latitude, typed(repr(entity.place.latitude), OX_XSD.decimal)
                yield node, OX_KG.longitude, typed(repr(entity.place.longitude), OX_XSD.decimal)
        yield node, LABEL, text(entity.label)
        yield node, OX_SKOS.prefLabel, text(entity.label)
        for alias in sorted(entity.aliases):
            yield node, OX_SKOS.altLabel, text(alias)
        if entity.english and entity.english != entity.label:
            yield node, OX_SKOS.altLabel, text(entity.english, "en")
        for article in sorted(entity.articles):
            yield node, OX_KG.mentionedIn, article_iri(article)
        broader = f"kb:{entity.broader}" if entity.broader else None
        if broader in resolution.entities:
            yield node, OX_SKOS.broader, entity_iri(resolution, broader)
        if "jobTitle" in entity.details:
            yield node, OX_KG.jobTitle, text(entity.details["jobTitle"])
        for prop in ("hiringOrganization", "field"):
            if entity.details.get(prop) in resolution.entities:
                yield node, getattr(OX_KG, prop), entity_iri(resolution, entity.details[prop])


def _containment_triples(resolution: Resolution) -> Iterator[Triple]:
    """Each place of the graph in its country and its continent, when the gazetteer knows all of them
    and the graph has them: reference facts (kg:KnowledgeStatement, derived from the GeoNames place),
    not read in an article."""
    by_place = {e.place.id: e for e in resolution.entities.values() if e.place is not None}
    continents = {e.place.continent: e for e in by_place.values() if e.place.kind == "continent"}
    for entity in by_place.values():
        place = entity.place
        country = places.country(place.country) if place.country else None
        containers = []
        if place.kind in {"city", "region"} and country is not None:
            containers.append(by_place.get(country.id))
        if place.kind != "continent" and country is not None:
            containers.append(continents.get(country.continent))
        for container in containers:
            if container is None:
                continue
            s, o = entity_iri(resolution, entity.key), entity_iri(resolution, container.key)
            statement = ox.NamedNode(f"{STMT}{short_hash('gazetteer', s.value, o.value)}")
            yield s, OX_KG.locatedIn, o
            yield statement, A, OX_KG.KnowledgeStatement
            yield statement, OX_RDF.subject, s
            yield statement, OX_RDF.predicate, OX_KG.locatedIn
            yield statement, OX_RDF.object, o
            yield statement, OX_PROV.hadPrimarySource, ox.NamedNode(place.geonames or str(s.value))
            yield statement, OX_KG.rule, text("gazetteer-containment")
            yield statement, OX_KG.confidence, typed("1", OX_XSD.decimal)


def _fact_triples(resolution: Resolution, extraction: Extraction, fact: Fact, language: str) -> Iterator[Triple]:
    article = extraction.article["id"]
    subject = resolution.node(article, fact.subject)
    obj = resolution.node(article, fact.object)
    if subject is None or obj is None:
        return
    s, s_triples = _term(resolution, subject, language)
    o, o_triples = _term(resolution, obj, language)
    yield from s_triples
    yield from o_triples
    p = getattr(OX_KG, fact.predicate)
    yield s, p, o
    start, end, sentence = extraction.sentences[fact.sentence]
    statement = ox.NamedNode(f"{STMT}{short_hash(article, fact.sentence, s.value, p.value, o.value, fact.rule)}")
    yield statement, A, OX_RDF.Statement
    yield statement, OX_RDF.subject, s
    yield statement, OX_RDF.predicate, p
    yield statement, OX_RDF.object, o
    yield statement, OX_PROV.wasDerivedFrom, article_iri(article)
    yield statement, OX_KG.sentence, text(sentence, language)
    yield statement, OX_KG.startChar, typed(str(start), OX_XSD.integer)
    yield statement, OX_KG.endChar, typed(str(end), OX_XSD.integer)
    yield statement, OX_KG.rule, text(fact.rule)
    yield statement, OX_KG.confidence, typed(f"{fact.confidence:.3f}".rstrip("0").rstrip("."), OX_XSD.decimal)
    for other in fact.support:
        s_start, s_end, s_text = extraction.sentences[other]
        span = ox.NamedNode(f"{SRC}{article}#char={s_start},{s_end}")  # an RFC 5147 fragment of the article
        yield statement, OX_KG.supportedBy, span
        yield span, OX_KG.sentence, text(s_text, language)
        yield span, OX_KG.startChar, typed(str(s_start), OX_XSD.integer)
        yield span, OX_KG.endChar, typed(str(s_end), OX_XSD.integer)
    if fact.event:
        verb = (fact.roles["verb"],) if "verb" in fact.roles else ()  # two open verbs of one pair in a sentence: two actions
        event = ox.NamedNode(f"{EVENT}{fact.event[0].lower() + fact.event[1:]}_{short_hash(article, fact.sentence, s.value, p.value, o.value, *verb)}")
        yield statement, OX_KG.event, event
        yield from _event_triples(resolution, extraction, fact, event, s, o, language)


def _event_triples(resolution: Resolution, extraction: Extraction, fact: Fact, event: ox.NamedNode,
                   s: ox.NamedNode, o: ox.NamedNode, language: str) -> Iterator[Triple]:
    article = extraction.article["id"]
    yield event, A, getattr(OX_KG, fact.event)
    subject_role, object_role = EVENT_ROLES.get(fact.event, ("agent", "object"))
    if object_role in fact.roles and fact.roles[object_role] != fact.object:  # "X ceoOf Y" of an appointment
        object_role = "organization" if resolution.entity_type(article, fact.object) == "Organization" else "locatedIn"  # as role Z
    yield event, getattr(OX_KG, subject_role), s
    yield event, getattr(OX_KG, object_role), o
    said = str(fact.roles.get("verb", "")) if fact.event == "Action" else term_labels(language).get(fact.predicate, fact.predicate)
    labels = [_label(resolution, extraction, fact.subject), said, _label(resolution, extraction, fact.object)]
    for role, value in sorted(fact.roles.items()):
        if role in {subject_role, object_role}:
            continue
        if role in LITERAL_ROLES or isinstance(value, str):
            yield event, getattr(OX_KG, role), text(str(value), language if role == "purpose" else None)
            continue
        mention = extraction.mentions[value]
        if mention.label == "DATE":
            yield event, OX_KG.date, _date_literal(mention.value, mention.text, language)
            continue
        node = resolution.node(article, value)
        if node is None:
            continue
        term, extra = _term(resolution, node, language)
        yield from extra
        yield event, getattr(OX_KG, role), term
        if role == "work":
            labels.append(f"({resolution.label_of(term.value)})")
    yield event, LABEL, text(" ".join(labels))


def _label(resolution: Resolution, extraction: Extraction, mention_id: int) -> str:
    """What a user reads for a participant: an entity's label, a value or a quotation as written."""
    node = resolution.node(extraction.article["id"], mention_id)
    if node is not None and node.kind == "entity":
        return resolution.entities[node.key].label
    text_ = extraction.mentions[mention_id].text
    return text_ if len(text_) <= 40 else text_[:39] + "…"


def _term(resolution: Resolution, node: Node, language: str) -> tuple[ox.NamedNode, list[Triple]]:
    """The IRI of a node, and the triples that describe it when it is a value or a quotation."""
    if node.kind == "entity":
        return entity_iri(resolution, node.key), []
    mention = node.mention
    if node.kind == "quote":
        quote = ox.NamedNode(f"{EVENT}quote_{short_hash(node.key)}")
        words = mention.text if len(mention.text) <= 80 else mention.text[:77] + "…"
        return quote, [(quote, A, OX_KG.Quotation), (quote, LABEL, text(f"« {words} »")),
                       (quote, OX_KG.text, text(mention.text, language))]
    value = ox.NamedNode(f"{EVENT}{mention.label.lower()}_{short_hash(node.key)}")
    triples: list[Triple] = [(value, A, VALUE_CLASSES[mention.label]), (value, LABEL, text(mention.text))]
    data = mention.value or {}
    for field, prop in (("value", OX_KG.value), ("min", OX_KG.minValue), ("max", OX_KG.maxValue)):
        number = _decimal(data.get(field))
        if number is not None:
            triples.append((value, prop, typed(number, OX_XSD.decimal)))
    if data.get("currency"):
        triples.append((value, OX_KG.currency, text(data["currency"])))
    if data.get("unit"):
        triples.append((value, OX_KG.unit, text(data["unit"])))
    if data.get("period"):
        triples.append((value, OX_KG.period, text(data["period"])))
    return value, triples


MAX_DECIMAL_DIGITS = 1000
"""Longest number written as an xsd:decimal; no amount in an article comes near it."""


def _decimal(value: object) -> str | None:
    """A canonical xsd:decimal lexical form ("11500000000", "11.5", exact at any size: no rounding
    arithmetic), or None for what is not a finite number of at most MAX_DECIMAL_DIGITS digits."""
    if value is None:
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    if not number.is_finite() or max(abs(number.adjusted()), len(number.as_tuple().digits)) > MAX_DECIMAL_DIGITS:
        return None
    written = format(number, "f")
    if "." in written:
        written = written.rstrip("0").rstrip(".")
    return "0" if written == "-0" else written


def _date_literal(value: dict | None, written: str, language: str) -> ox.Literal:
    """xsd:date / gYearMonth / gMonthDay / gYear when the date was resolved, else the words as written."""
    if value and value.get("date") and value.get("datatype"):
        return typed(value["date"], getattr(OX_XSD, value["datatype"]))
    return text(written, language)
