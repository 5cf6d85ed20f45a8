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
