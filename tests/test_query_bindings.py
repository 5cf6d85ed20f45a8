"""Values passed into queries: how --bind values read as RDF terms, and that they never become query text."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.errors import KgError
from kg.query import SelectResult, parse_bindings, parse_term, query

ENT = "https://example.org/kg/entity/"


@pytest.mark.parametrize(("value", "term"), [
    ("<https://example.com/a>", ox.NamedNode("https://example.com/a")),
    ("ent:netflix", ox.NamedNode(ENT + "netflix")),
    ("kg:ceoOf", ox.NamedNode("https://example.org/kg/ontology#ceoOf")),
    ('"ent:netflix"', ox.Literal("ent:netflix")),
    ("Netflix", ox.Literal("Netflix")),
    ("foo:bar", ox.Literal("foo:bar")),
    ("ent:a b", ox.Literal("ent:a b")),
    ("", ox.Literal("")),
])
def test_bound_values_read_as_iris_prefixed_names_or_strings(value, term):
    assert parse_term(value) == term


def test_an_invalid_iri_is_a_usage_error():
    with pytest.raises(KgError) as caught:
        parse_term("<not an iri>")
    assert caught.value.exit_code == 2


def test_bindings_split_on_the_first_equals_sign_and_drop_a_leading_question_mark():
    assert parse_bindings(["org=ent:x", "?label=a=b", "$n="]) == {"org": "ent:x", "label": "a=b", "n": ""}


@pytest.mark.parametrize("pair", ["org", "=x", "two words=x", "1st=x"])
def test_a_pair_without_a_variable_name_is_a_usage_error(pair):
    with pytest.raises(KgError) as caught:
        parse_bindings([pair])
    assert caught.value.exit_code == 2


def test_a_bound_value_with_quotes_and_braces_matches_only_itself(sample_graph_path):
    text = "SELECT ?e ?label WHERE { ?e rdfs:label ?label }"
    hostile = 'Ubisoft" } UNION { ?e ?p ?label } #'
    assert query(sample_graph_path, text, bindings={"label": hostile}) == SelectResult(("e", "label"), ())
    found = query(sample_graph_path, text, bindings={"label": '"Ubisoft"'})  # quoted: the string, not the entity it names
    assert found.rows == ((ox.NamedNode(ENT + "ubisoft"), ox.Literal("Ubisoft")),)


def test_terms_can_be_bound_directly_from_python(sample_graph_path):
    text = "SELECT ?p ?o WHERE { ?p kg:ceoOf ?o }"
    found = query(sample_graph_path, text, bindings={"o": ox.NamedNode(ENT + "ubisoft")})
    assert found.rows == ((ox.NamedNode(ENT + "yves_guillemot"), ox.NamedNode(ENT + "ubisoft")),)
