"""The namespace module and ontology/kg.ttl declare the same terms, each labelled in en and fr."""
import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from kg.lexicon import ONTOLOGY_DIR
from kg.namespace import KG

ONTOLOGY = rdflib.Graph().parse(ONTOLOGY_DIR / "kg.ttl")
DECLARED = {str(s) for s in ONTOLOGY.subjects(RDF.type, None) if str(s).startswith(str(KG._NS))}


def test_ontology_matches_namespace_module():
    module_terms = {str(KG._NS) + name for name in KG.__annotations__}
    assert module_terms == DECLARED


@pytest.mark.parametrize("term", sorted(DECLARED))
def test_ontology_term_has_labels_and_comment(term):
    node = rdflib.URIRef(term)
    languages = {label.language for label in ONTOLOGY.objects(node, RDFS.label)}
    assert {"en", "fr"} <= languages
    assert list(ONTOLOGY.objects(node, RDFS.comment))


def test_ontology_classes_align_to_standard_vocabularies():
    entity_classes = [c for c in ONTOLOGY.subjects(RDF.type, OWL.Class) if str(c) != str(KG.Entity)]
    unaligned = [
        c for c in entity_classes
        if not any(not str(sup).startswith(str(KG._NS)) for sup in ONTOLOGY.transitive_objects(c, RDFS.subClassOf))
        and not list(ONTOLOGY.objects(c, OWL.equivalentClass))
        and str(c) not in {str(KG.Event), *(str(x) for x in ONTOLOGY.subjects(RDFS.subClassOf, KG.Event))}
    ]
    assert unaligned == []


def test_namespace_rejects_misspelt_terms():
    with pytest.raises(AttributeError):
        KG.usez  # noqa: B018


def test_ontology_terms_pyoxigraph_terms_are_their_vocabularies_own():
    """The standard terms kg writes without rdflib (OX_SDO, ...) are rdflib's, prefixes included."""
    from rdflib.namespace import PROV, SDO, SKOS, VOID, XSD

    from kg.namespace import OX_KG, OX_OWL, OX_PROV, OX_RDF, OX_RDFS, OX_SDO, OX_SKOS, OX_VOID, OX_XSD, PREFIXES

    pairs = [(OX_SDO, SDO), (OX_RDF, RDF), (OX_RDFS, RDFS), (OX_SKOS, SKOS), (OX_PROV, PROV), (OX_XSD, XSD), (OX_OWL, OWL),
             (OX_VOID, VOID), (OX_KG, KG)]
    for terms, vocabulary in pairs:
        for name in terms._terms:
            assert getattr(terms, name).value == str(getattr(vocabulary, name))  # rdflib raises for a term it lacks
    assert {PREFIXES[p] for p in ("schema", "rdf", "rdfs", "skos", "prov", "xsd", "owl", "kg")} == {
        str(v) for v in (SDO, RDF, RDFS, SKOS, PROV, XSD, OWL, KG._NS)}
    with pytest.raises(AttributeError):
        OX_SDO.headLine  # noqa: B018 — a misspelt term


def test_ontology_terms_building_does_not_import_rdflib():
    """rdflib is imported when a module asks for one of its objects, not to build, query or write a graph."""
    import subprocess
    import sys

    code = ("import sys, kg.cli, kg.build, kg.graph, kg.query, kg.store, kg.extract, kg.cache; "
            "print('rdflib' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
