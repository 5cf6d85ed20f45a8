"""Bound values also reach Oxigraph's planner as a VALUES clause (kg.query.hint_values): the answers stay
those of plain substitution, and no bound value can break out of the clause."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.errors import KgError
from kg.namespace import PREFIXES
from kg.query import hint_values, query

ENT = PREFIXES["ent"]
LABELS = 'SELECT ?e ?label WHERE { ?e rdfs:label ?label }'
HOSTILE = ['say "hi"', "back\\slash", "two\nlines", "brace } UNION { ?e ?p ?label }", "\\u0022 } #", "bell\x07", "\u2028sep"]
"""Labels that would end the string, the clause or the query if they were pasted into its text as typed."""


@pytest.fixture(scope="module")
def hostile_store() -> ox.Store:
    """One entity per hostile label, plus one labelled `x`."""
    store = ox.Store()
    label = ox.NamedNode(PREFIXES["rdfs"] + "label")
    for i, text in enumerate([*HOSTILE, "x"]):
        store.add(ox.Quad(ox.NamedNode(f"{ENT}e{i}"), label, ox.Literal(text)))
    return store


@pytest.mark.parametrize("value", HOSTILE, ids=["quote", "backslash", "newline", "brace", "escape-text", "control", "separator"])
def test_a_hostile_literal_in_the_clause_matches_only_itself(hostile_store, value):
    expected = ((ox.NamedNode(f"{ENT}e{HOSTILE.index(value)}"), ox.Literal(value)),)
    hinted = hint_values(LABELS, {ox.Variable("label"): ox.Literal(value)})
    assert "VALUES" in hinted
    alone = hostile_store.query(hinted, prefixes=PREFIXES)
    assert tuple((s["e"], s["label"]) for s in alone) == expected
    assert query(hostile_store, LABELS, bindings={"label": f'"{value}"'}).rows == expected


def test_a_value_pasted_to_end_the_clause_is_still_one_literal(hostile_store):
    injected = 'x" ) } ?e ?p ?label . VALUES (?label) { ("x'
    assert query(hostile_store, LABELS, bindings={"label": injected}).rows == ()


def test_an_iri_pyoxigraph_rejects_is_a_usage_error(hostile_store):
    with pytest.raises(KgError) as caught:
        query(hostile_store, LABELS, bindings={"e": "<https://x.org/a b>"})
    assert caught.value.exit_code == 2


def test_binding_a_variable_the_query_does_not_select_is_still_refused(hostile_store):
    with pytest.raises(KgError, match=r"cannot bind \?p: the query does not select it") as caught:
        query(hostile_store, LABELS, bindings={"p": "ent:e0"})
    assert caught.value.exit_code == 2


def test_the_clause_opens_the_first_group_outside_comments_strings_and_iris():
    text = '# not { here\nPREFIX a: <https://x.org/ns#> SELECT ?e ("{" AS ?s) (\'}{\' AS ?t) WHERE { ?e ?p ?o }'
    hinted = hint_values(text, {ox.Variable("e"): ox.NamedNode(f"{ENT}a")})
    assert hinted == text.replace("WHERE {", f"WHERE {{ VALUES (?e) {{ (<{ENT}a>) }}")


def test_nothing_to_hint_without_bound_iris_or_literals():
    assert hint_values(LABELS, {}) is None
    assert hint_values(LABELS, {ox.Variable("e"): ox.BlankNode("b")}) is None
    assert hint_values("ASK", {ox.Variable("e"): ox.Literal("x")}) is None


def test_a_query_the_clause_does_not_fit_runs_with_substitution_alone(hostile_store):
    text = 'CONSTRUCT { ?e rdfs:comment ?label } WHERE { ?e rdfs:label ?label }'
    answer = query(hostile_store, text, bindings={"e": f"<{ENT}e0>"})
    assert [str(t.object.value) for t in answer.triples] == [HOSTILE[0]]
