"""Query results in each output format; the SPARQL formats are read back with Oxigraph's own parsers."""
from __future__ import annotations

import csv
import io
import json
import re

import pyoxigraph as ox
import pytest

from kg.errors import KgError
from kg.query import AskResult, GraphResult, SelectResult
from kg.results import OutputFormat, format_result

XSD = "http://www.w3.org/2001/XMLSchema#"
UBISOFT = ox.NamedNode("https://example.org/kg/entity/ubisoft")
OUTSIDE = ox.NamedNode("http://example.com/x")

ROWS = SelectResult(
    ("entity", "label", "amount"),
    (
        (UBISOFT, ox.Literal("Ubisoft | studio", language="fr"), ox.Literal("90000", datatype=ox.NamedNode(XSD + "decimal"))),
        (OUTSIDE, ox.Literal('deux\nlignes, "citées"'), None),
        (ox.BlankNode("b0"), None, None),
    ),
)
"""Values that trip naive writers: a pipe, a line break, a comma, quotes, a language tag, unbound cells."""

TRIPLES = GraphResult((ox.Triple(UBISOFT, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("Ubisoft")),))


def read_back(text: str, fmt: ox.QueryResultsFormat) -> list[tuple]:
    """The rows of a serialized SELECT result, as Oxigraph parses them."""
    solutions = ox.parse_query_results(text, format=fmt)
    names = [v.value for v in solutions.variables]
    return [tuple(solution[name] for name in names) for solution in solutions]


@pytest.mark.parametrize(("name", "fmt"), [("json", ox.QueryResultsFormat.JSON), ("tsv", ox.QueryResultsFormat.TSV)])
def test_json_and_tsv_read_back_to_the_same_terms(name, fmt):
    text = format_result(ROWS, name)
    assert read_back(text, fmt) == [tuple(row) for row in ROWS.rows]


def test_json_is_sparql_results_json_with_unbound_cells_left_out():
    document = json.loads(format_result(ROWS, "json"))
    assert document["head"]["vars"] == ["entity", "label", "amount"]
    first, _, last = document["results"]["bindings"]
    assert first["label"] == {"type": "literal", "value": "Ubisoft | studio", "xml:lang": "fr"}
    assert first["amount"]["datatype"] == XSD + "decimal"
    assert last == {"entity": {"type": "bnode", "value": "b0"}}


def test_csv_has_plain_values_quoted_where_needed_and_crlf_line_ends():
    text = format_result(ROWS, "csv")
    assert text.startswith("entity,label,amount\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1:] == [
        ["https://example.org/kg/entity/ubisoft", "Ubisoft | studio", "90000"],
        ["http://example.com/x", 'deux\nlignes, "citées"', ""],
        ["_:b0", "", ""],
    ]


def test_table_compacts_iris_keeps_one_line_per_row_and_counts_rows():
    lines = format_result(ROWS).splitlines()
    assert lines[0].split() == ["entity", "label", "amount"]
    assert set(lines[1]) == {"-", " "}
    assert re.split(r"\s{2,}", lines[2]) == ["ent:ubisoft", "Ubisoft | studio", "90000"]
    assert lines[3].startswith("<http://example.com/x>  deux lignes")
    assert lines[-1] == "(3 rows)"
    assert len(lines) == 6


def test_markdown_escapes_pipes_and_has_a_header_rule():
    lines = format_result(ROWS, OutputFormat.markdown).splitlines()
    assert lines[:2] == ["| entity | label | amount |", "| --- | --- | --- |"]
    assert lines[2] == "| ent:ubisoft | Ubisoft \\| studio | 90000 |"
    assert lines[4] == "| _:b0 |  |  |"


@pytest.mark.parametrize(("name", "fmt"), [
    ("ttl", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES), ("jsonld", ox.RdfFormat.JSON_LD),
])
def test_graph_results_read_back_to_the_same_triples(name, fmt):
    text = format_result(TRIPLES, name)
    assert [quad.triple for quad in ox.parse(text, format=fmt)] == list(TRIPLES.triples)


def test_graph_results_default_to_turtle_with_project_prefixes():
    assert "ent:ubisoft rdfs:label" in format_result(TRIPLES)


@pytest.mark.parametrize(("answer", "text"), [(True, "true\n"), (False, "false\n")])
def test_ask_prints_true_or_false_and_sparql_json(answer, text):
    assert format_result(AskResult(answer)) == text
    assert bool(ox.parse_query_results(format_result(AskResult(answer), "json"), format=ox.QueryResultsFormat.JSON)) is answer


@pytest.mark.parametrize(("result", "name"), [(ROWS, "ttl"), (TRIPLES, "csv"), (AskResult(True), "tsv"), (ROWS, "yaml")])
def test_a_format_that_does_not_fit_the_result_is_a_usage_error(result, name):
    with pytest.raises(KgError) as caught:
        format_result(result, name)
    assert caught.value.exit_code == 2
