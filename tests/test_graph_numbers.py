"""Amounts of any size are written exactly as xsd:decimal: the default decimal context keeps 28 digits,
so an amount of 10^28 or more once raised InvalidOperation (no graph) or lost its last digits."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import Extraction, Fact, Mention
from kg.graph import _decimal, graph_triples
from kg.resolve import resolve
from kg.values import find_values, parse_number

BIG = "99 999 999 999 999 999 999 999 999 999"


@pytest.mark.parametrize(("value", "written"), [
    (Decimal("1E+40"), "1" + "0" * 40),
    (Decimal("12345678901234567890123456789"), "12345678901234567890123456789"),
    ("1234567890123456789012345678901.50", "1234567890123456789012345678901.5"),
    (Decimal("1E-40"), "0." + "0" * 39 + "1"),
    ("11500000000.0", "11500000000"), ("-0.0", "0"), ("-4", "-4"),
    ("NaN", None), ("Infinity", None), ("1E+5000", None), ("douze", None),
])
def test_decimal_lexical_forms_are_exact_at_any_size(value, written):
    assert _decimal(value) == written


def test_french_amounts_over_ten_to_the_28_keep_every_digit():
    assert parse_number(BIG) == Decimal(BIG.replace(" ", ""))
    assert parse_number("12 345 678 901 234 567 890 milliards") == Decimal("12345678901234567890" + "0" * 9)
    [value] = find_values(f"un budget de {BIG} euros")
    assert (value.value, value.currency) == (Decimal(BIG.replace(" ", "")), "EUR")


def test_a_huge_amount_in_an_extraction_becomes_its_exact_literal():
    sentence = f"Acme a levé {BIG} euros."
    amount = {"kind": "money", "value": str(parse_number(BIG)), "min": None, "max": None, "currency": "EUR"}
    mentions = [Mention(0, 0, 4, "Acme", "Organization", "ner:ORG", 0),
                Mention(1, 12, len(sentence) - 1, f"{BIG} euros", "MONEY", "value", 0, value=amount)]
    facts = [Fact("gained", 0, 1, 0, "test-rule", 0.9)]
    article = {"id": "a_000000000000", "name": "a.txt", "sha256": "0" * 64, "length": len(sentence)}
    triples = graph_triples(resolve([Extraction(article, "test", [(0, len(sentence), sentence)], mentions, facts)]))
    assert [o.value for _, p, o in triples if p.value.endswith("#value")] == [BIG.replace(" ", "")]


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**60), st.integers(0, 999), st.sampled_from(["euros", "dollars", "%"]))
def test_any_amount_as_an_article_writes_it_is_read_and_written_exactly(whole, cents, unit):
    written = f"{whole:,}".replace(",", " ") + (f",{cents:03d}".rstrip("0") if cents % 1000 else "")
    [value] = [v for v in find_values(f"Le budget atteint {written} {unit} cette année.") if v.kind != "date"]
    expected = Decimal(written.replace(" ", "").replace(",", "."))
    assert value.value == expected
    assert Decimal(_decimal(value.value)) == expected and "E" not in _decimal(value.value)
