"""What one query may cost: an answer is held in memory whole, so it is capped (--max-rows) and a
runaway join stops with a one-line message instead of taking the machine's memory."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KgError
from kg.query import query
from kg.store import load_graph

runner = CliRunner()
CROSS_JOIN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"


def test_an_answer_over_the_row_cap_is_an_error_not_a_buffer(sample_graph_path):
    store = load_graph(sample_graph_path)
    with pytest.raises(KgError) as raised:
        query(store, CROSS_JOIN, max_rows=1000)
    assert raised.value.exit_code == 1
    assert raised.value.message == "the answer has more than 1,000 rows: add a LIMIT, or raise --max-rows"
    assert len(query(store, CROSS_JOIN + " LIMIT 1000", max_rows=1000).rows) == 1000
    construct = "CONSTRUCT { ?a ?b ?f } WHERE { ?a ?b ?c . ?d ?e ?f }"
    with pytest.raises(KgError, match="more than 10 rows"):
        query(store, construct, max_rows=10)


def test_kg_query_max_rows(sample_graph_path):
    result = runner.invoke(app, ["query", CROSS_JOIN, "-g", str(sample_graph_path), "--max-rows", "50"])
    assert result.exit_code == 1
    assert result.output.strip() == "kg: error: the answer has more than 50 rows: add a LIMIT, or raise --max-rows"
