"""Every export format read back by a second, independent reader: Oxigraph (strict) for RDF,
networkx for GraphML/GEXF, the csv module for CSV."""
from __future__ import annotations

import csv
import json

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.export import export_graph
from kg.export.networkx import to_network
from kg.namespace import ENT, KG, RDF, RDFS, SRC
from kg.store import load_graph


@pytest.fixture()
def sample(sample_graph_path) -> ox.Store:
    """The sample graph plus one blank node, so isomorphism (not equality) is what is tested."""
    store = load_graph(sample_graph_path)
    note = ox.BlankNode()
    store.add(ox.Quad(ox.NamedNode(ENT.ubisoft), ox.NamedNode(RDFS.seeAlso), note, ox.DefaultGraph()))
    store.add(ox.Quad(note, ox.NamedNode(RDFS.label), ox.Literal("note « anonyme »", language="fr"), ox.DefaultGraph()))
    return store


def to_rdflib(quads) -> Graph:
    """The triples of Oxigraph quads as an rdflib graph, graph names dropped."""
    graph = Graph()
    graph.parse(data=ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    return graph


@pytest.mark.parametrize("name", ["ttl", "nt", "nq", "trig", "jsonld", "xml"])
def test_rdf_formats_parse_back_to_the_same_graph(sample, tmp_path, name):
    [path] = export_graph(sample, tmp_path / f"graph.{name}")
    fmt = {"xml": ox.RdfFormat.RDF_XML}.get(name) or ox.RdfFormat.from_extension(name)
    back = list(ox.parse(path=str(path), format=fmt))  # strict: raises on any syntax error
    assert len({q.triple for q in back}) == len(sample)
    assert isomorphic(to_rdflib(back), to_rdflib(sample))


def test_trig_puts_each_article_in_its_own_graph(sample, tmp_path):
    [path] = export_graph(sample, tmp_path / "graph.trig")
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
    graphs = {q.graph_name for q in quads}
    article = ox.NamedNode(SRC["ubisoft-ia_3f9a0c2b11de"])
    uses = ox.Triple(ox.NamedNode(ENT.ubisoft), ox.NamedNode(KG.uses), ox.NamedNode(ENT.generative_ai))
    revenue_article = ox.NamedNode(SRC["resultats-ubisoft_9c1d2e3f4a5b"])
    assert graphs == {ox.DefaultGraph(), article, revenue_article}
    assert ox.Quad(uses.subject, uses.predicate, uses.object, article) in quads
    label = ox.Quad(ox.NamedNode(ENT.ubisoft), ox.NamedNode(RDFS.label), ox.Literal("Ubisoft"), ox.DefaultGraph())
    assert label in quads
    assert {q.graph_name for q in quads if q.subject == article} == {article}


def test_jsonld_has_a_compact_context(sample, tmp_path):
    [path] = export_graph(sample, tmp_path / "graph.jsonld")
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["@context"]["kg"] == str(KG._NS)
    ubisoft = next(node for node in document["@graph"] if node["@id"] == "ent:ubisoft")
    assert ubisoft["@type"] == ["kg:Organization"]
    assert {"@id": "ent:generative_ai"} in ubisoft["kg:uses"]


@pytest.mark.parametrize("name, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_formats_read_back_with_the_same_counts(sample, tmp_path, name, read):
    expected = to_network(sample)
    [path] = export_graph(sample, tmp_path / f"graph.{name}")
    back = read(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (expected.number_of_nodes(), expected.number_of_edges())
    ubisoft = back.nodes[str(ENT.ubisoft)]
    assert (ubisoft["name"], ubisoft["label"], ubisoft["class"], ubisoft["class_iri"]) == ("Ubisoft", "Ubisoft", "Organization", str(KG.Organization))
    uses = [data for _, _, data in back.edges(data=True) if data["label"] == "uses"]
    assert uses[0]["predicate"] == str(KG.uses) and uses[0]["sentence"].startswith("Le studio Ubisoft a utilisé")
    assert 0 < float(uses[0]["confidence"]) <= 1 and uses[0]["title"]
    assert "src:ubisoft-ia_3f9a0c2b11de" in ubisoft["source"].split()
    assert str(SRC["ubisoft-ia_3f9a0c2b11de"]) not in back  # articles are attributes, not nodes


def test_csv_is_an_entities_file_and_a_facts_file(sample, tmp_path):
    entities_path, facts_path = export_graph(sample, tmp_path / "graph.csv")
    assert (entities_path.name, facts_path.name) == ("graph.entities.csv", "graph.facts.csv")
    with entities_path.open(newline="", encoding="utf-8") as handle:
        entities = list(csv.DictReader(handle))
    with facts_path.open(newline="", encoding="utf-8") as handle:
        facts = list(csv.DictReader(handle))
    network = to_network(sample)
    assert (len(entities), len(facts)) == (network.number_of_nodes(), network.number_of_edges())
    ubisoft = next(row for row in entities if row["iri"] == str(ENT.ubisoft))
    assert (ubisoft["name"], ubisoft["class"], ubisoft["aliases"]) == ("Ubisoft", "Organization", "le studio")
    uses = [row for row in facts if row["predicate_label"] == "uses"]
    assert len(uses) == 1 and uses[0]["predicate"] == str(KG.uses)
    assert (uses[0]["subject_name"], uses[0]["object_name"]) == ("Ubisoft", "IA générative")
    assert uses[0]["article"] == str(SRC["ubisoft-ia_3f9a0c2b11de"]) and uses[0]["article_title"]
    assert uses[0]["sentence"].startswith("Le studio Ubisoft a utilisé") and float(uses[0]["confidence"]) > 0
    french = export_graph(sample, tmp_path / "fr" / "graph.csv", lang="fr")[1].read_text(encoding="utf-8")
    assert ",utilise," in french  # kg:uses by its French label


HOSTILE_TEXT = "a\x01b\rc\r\nd\te\nf\x0b\ufffeg « h »"
"""What a graph from elsewhere can hold in a literal: controls XML 1.0 cannot carry (written as spaces or
U+FFFD, as clean_text does), and a CR, CRLF, tab and line feed that must come back as they were."""
XML_SAFE = "a b\rc\r\nd\te\nf \ufffdg « h »"


@pytest.fixture()
def hostile() -> ox.Store:
    store = ox.Store()
    node = ox.NamedNode(ENT.hostile)
    store.extend([ox.Quad(node, ox.NamedNode(RDF.type), ox.NamedNode(KG.Organization)),
                  ox.Quad(node, ox.NamedNode(RDFS.label), ox.Literal(HOSTILE_TEXT)),
                  ox.Quad(node, ox.NamedNode(RDFS.comment), ox.Literal(HOSTILE_TEXT, language="fr"))])
    return store


def test_rdf_xml_carries_every_value_back_except_what_xml_cannot_hold(hostile, tmp_path):
    [path] = export_graph(hostile, tmp_path / "graph.rdf")
    strict = {q.object for q in ox.parse(path=str(path), format=ox.RdfFormat.RDF_XML) if isinstance(q.object, ox.Literal)}
    assert strict == {ox.Literal(XML_SAFE), ox.Literal(XML_SAFE, language="fr")}
    loose = {str(o) for o in Graph().parse(path, format="xml").objects() if not str(o).startswith("http")}
    assert loose == {XML_SAFE}


@pytest.mark.parametrize("name", ["graphml", "gexf"])
def test_graphml_and_gexf_carry_labels_back(hostile, tmp_path, name):
    [path] = export_graph(hostile, tmp_path / f"graph.{name}")
    graph = (nx.read_graphml if name == "graphml" else nx.read_gexf)(path)
    assert graph.nodes[str(ENT.hostile)]["label"] == XML_SAFE


EXPORTED = ["ttl", "nt", "nq", "trig", "jsonld", "xml", "graphml", "gexf", "csv", "neo4j"]


def test_export_bytes_do_not_depend_on_the_input_triple_order(sample_graph_path, tmp_path):
    import random

    lines = ox.serialize(load_graph(sample_graph_path), format=ox.RdfFormat.N_QUADS).decode().splitlines()
    random.Random(15).shuffle(lines)
    shuffled = tmp_path / "shuffled.nt"
    shuffled.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for name in EXPORTED:
        first = export_graph(load_graph(sample_graph_path), tmp_path / "a" / f"graph.{name}", format=name)
        second = export_graph(load_graph(shuffled), tmp_path / "b" / f"graph.{name}", format=name)
        assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second], name
