"""ontology/shapes.ttl: the sample graph conforms, and each hand-broken variant is reported at its failing node."""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SH

from kg.errors import KgError
from kg.namespace import PREFIXES
from kg.store import load_graph, save_graph
from kg.validate import SHAPES, validate_graph

SPARQL_PREFIXES = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())


@dataclass(frozen=True)
class Break:
    """A SPARQL update that breaks the sample graph, and the result it must cause."""

    name: str
    update: str
    focus: str
    path: str
    shape: str


BREAKS = [
    Break("entity with two labels", 'INSERT DATA { ent:ubisoft rdfs:label "Ubisoft SA" }', "ent:ubisoft", "rdfs:label", "kgsh:OneLabel"),
    Break("entity without prefLabel", 'DELETE DATA { ent:pdg skos:prefLabel "PDG" }', "ent:pdg", "skos:prefLabel", "kgsh:Entity"),
    Break("entity with a class not in the ontology", "DELETE DATA { ent:montreal a kg:Place } ; INSERT DATA { ent:montreal a kg:Town }",
          "ent:montreal", "rdf:type", "kgsh:Entity"),
    Break("entity of two unrelated classes", "INSERT DATA { ent:montreal a kg:Organization }",
          "ent:montreal", "", "kgsh:OneFamily"),
    Break("reference fact without its source",
          "INSERT DATA { stmt:ref1 a kg:KnowledgeStatement ; rdf:subject ent:ubisoft_montreal ; rdf:predicate kg:locatedIn ; "
          'rdf:object ent:montreal ; kg:rule "gazetteer-containment" ; kg:confidence 1.0 }',
          "stmt:ref1", "prov:hadPrimarySource", "kgsh:KnowledgeStatement"),
    Break("supporting sentence without its text",
          "INSERT DATA { stmt:11aa22bb kg:supportedBy <https://example.org/kg/source/ubisoft-ia_3f9a0c2b11de#char=0,10> . "
          "<https://example.org/kg/source/ubisoft-ia_3f9a0c2b11de#char=0,10> kg:startChar 0 ; kg:endChar 10 }",
          "<https://example.org/kg/source/ubisoft-ia_3f9a0c2b11de#char=0,10>", "kg:sentence", "kgsh:SupportingSentence"),
    Break("fact outside its property's range", "INSERT DATA { ent:montreal kg:hasRole ent:ubisoft }",
          "ent:montreal", "kg:hasRole", "kgsh:FactRange"),
    Break("appointment whose role is an organisation",
          'INSERT DATA { event:app1 a kg:Appointment ; rdfs:label "x" ; kg:person ent:yves_guillemot ; kg:role ent:ubisoft }',
          "event:app1", "kg:role", "kgsh:AppointmentRole"),
    Break("entity typed as an event", "DELETE DATA { ent:montreal a kg:Place } ; INSERT DATA { ent:montreal a kg:Acquisition }",
          "ent:montreal", "", "kgsh:Entity"),
    Break("statement without provenance",
          "DELETE DATA { stmt:11aa22bb prov:wasDerivedFrom src:ubisoft-ia_3f9a0c2b11de }", "stmt:11aa22bb", "prov:wasDerivedFrom", "kgsh:Statement"),
    Break("statement derived from a non-article",
          "DELETE DATA { stmt:11aa22bb prov:wasDerivedFrom src:ubisoft-ia_3f9a0c2b11de } ; INSERT DATA { stmt:11aa22bb prov:wasDerivedFrom ent:ubisoft }",
          "stmt:11aa22bb", "prov:wasDerivedFrom", "kgsh:Statement"),
    Break("end offset beyond the sentence", "DELETE DATA { stmt:11aa22bb kg:endChar 129 } ; INSERT DATA { stmt:11aa22bb kg:endChar 5000 }",
          "stmt:11aa22bb", "", "kgsh:Statement"),
    Break("negative start offset", "DELETE DATA { stmt:66ff7700 kg:startChar 0 } ; INSERT DATA { stmt:66ff7700 kg:startChar -1 }",
          "stmt:66ff7700", "kg:startChar", "kgsh:Statement"),
    Break("start after end", "DELETE DATA { stmt:66ff7700 kg:startChar 0 } ; INSERT DATA { stmt:66ff7700 kg:startChar 90 }",
          "stmt:66ff7700", "kg:startChar", "kgsh:Statement"),
    Break("confidence 1.5", "DELETE DATA { stmt:11aa22bb kg:confidence 0.85 } ; INSERT DATA { stmt:11aa22bb kg:confidence 1.5 }",
          "stmt:11aa22bb", "kg:confidence", "kgsh:Statement"),
    Break("blank sentence", "DELETE { stmt:88119922 kg:sentence ?s } INSERT { stmt:88119922 kg:sentence \"   \" } WHERE { stmt:88119922 kg:sentence ?s }",
          "stmt:88119922", "kg:sentence", "kgsh:Statement"),
    Break("statement of an unasserted triple", "DELETE DATA { ent:ubisoft kg:uses ent:generative_ai }", "stmt:11aa22bb", "", "kgsh:Statement"),
    Break("amount without currency", 'DELETE DATA { event:amount_77d0e1aa kg:currency "EUR" }', "event:amount_77d0e1aa", "kg:currency", "kgsh:MonetaryAmount"),
    Break("amount without a number", "DELETE DATA { event:amount_77d0e1aa kg:value 2300000000.0 }", "event:amount_77d0e1aa", "", "kgsh:MonetaryAmount"),
    Break("quantity as text", 'DELETE DATA { event:quantity_0c9e44b2 kg:value 12.0 } ; INSERT DATA { event:quantity_0c9e44b2 kg:value "douze" }',
          "event:quantity_0c9e44b2", "kg:value", "kgsh:NumericValue"),
    Break("quantity with two units", 'INSERT DATA { event:quantity_0c9e44b2 kg:unit "points" }', "event:quantity_0c9e44b2", "kg:unit", "kgsh:Quantity"),
    Break("event participant without a class", "INSERT DATA { event:use_a1b2c3d4 kg:statedBy ent:nobody }", "ent:nobody", "rdf:type", "kgsh:OntologyTyped"),
    Break("event with two labels", 'INSERT DATA { event:role_e5f6a7b8 rdfs:label "again" }', "event:role_e5f6a7b8", "rdfs:label", "kgsh:OneLabel"),
    Break("event with two dates", 'INSERT DATA { event:result_c9d0e1f2 kg:date "2024"^^xsd:gYear , "2025"^^xsd:gYear }',
          "event:result_c9d0e1f2", "kg:date", "kgsh:Event"),
    Break("quotation without words", "DELETE WHERE { event:quote_0a1b2c3d kg:text ?t }", "event:quote_0a1b2c3d", "kg:text", "kgsh:Quotation"),
    Break("offsets beyond the article's length",
          "DELETE DATA { src:resultats-ubisoft_9c1d2e3f4a5b kg:length 642 } ; INSERT DATA { src:resultats-ubisoft_9c1d2e3f4a5b kg:length 50 }",
          "stmt:66ff7700", "", "kgsh:Statement"),
    Break("article without length", "DELETE WHERE { src:resultats-ubisoft_9c1d2e3f4a5b kg:length ?n }",
          "src:resultats-ubisoft_9c1d2e3f4a5b", "kg:length", "kgsh:Article"),
    Break("article without checksum", "DELETE WHERE { src:resultats-ubisoft_9c1d2e3f4a5b kg:sha256 ?h }",
          "src:resultats-ubisoft_9c1d2e3f4a5b", "kg:sha256", "kgsh:Article"),
]


def broken_sample(sample_graph_path, update: str) -> ox.Store:
    store = load_graph(sample_graph_path)
    store.update(SPARQL_PREFIXES + update)
    return store


def test_sample_graph_conforms(sample_graph_path):
    report = validate_graph(sample_graph_path)
    assert report.conforms, report.lines()
    assert report.count("Violation") == 0


@pytest.mark.parametrize("case", BREAKS, ids=[case.name for case in BREAKS])
def test_broken_graph_is_reported_at_its_failing_node(sample_graph_path, case):
    report = validate_graph(broken_sample(sample_graph_path, case.update))
    assert not report.conforms
    found = {(v.focus, v.path, v.shape) for v in report.violations if v.severity == "Violation"}
    assert (case.focus, case.path, case.shape) in found, report.lines()
    assert all(line.startswith(("Violation: ", "Warning: ")) and " — " in line for line in report.lines())


def test_every_targeted_shape_has_a_breaking_case():
    shapes = Graph().parse(SHAPES)
    targeted = {shapes.namespace_manager.qname(shape) for shape in set(shapes.subjects(RDF.type, SH.NodeShape))
                if any(shapes.triples((shape, target, None)) for target in (SH.targetClass, SH.targetObjectsOf, SH.targetSubjectsOf))}
    assert targeted - {"kgsh:FactProvenance"} <= {case.shape for case in BREAKS}


def test_fact_without_statement_is_a_warning_not_a_violation(sample_graph_path):
    report = validate_graph(broken_sample(sample_graph_path, "INSERT DATA { ent:ubisoft kg:partnerOf ent:ubisoft_montreal }"))
    assert report.conforms
    warned = {(v.focus, v.path, v.value) for v in report.violations if v.severity == "Warning"}
    assert ("ent:ubisoft", "kg:partnerOf", "ent:ubisoft_montreal") in warned


def test_any_rdf_format_is_read(sample_graph_path, tmp_path):
    as_ntriples = save_graph(load_graph(sample_graph_path), tmp_path / "graph.nt")
    assert validate_graph(as_ntriples).conforms


@pytest.mark.parametrize("content", [None, "this is { not turtle"], ids=["missing", "unparseable"])
def test_unreadable_graph_is_a_usage_error(tmp_path, content):
    path = tmp_path / "graph.ttl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(KgError) as caught:
        validate_graph(path)
    assert caught.value.exit_code == 2 and str(path) in caught.value.message
