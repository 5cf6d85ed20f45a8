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


def test_service_sends_nothing_unless_allowed(sample_graph_path):
    from servers import scripted_server

    with scripted_server("/sparql") as remote:
        text = f"SELECT * WHERE {{ SERVICE <{remote.url}> {{ ?s ?p ?o }} }}"
        refused = runner.invoke(app, ["query", text, "-g", str(sample_graph_path)])
        assert refused.exit_code == 2 and "pass --allow-service" in refused.output
        assert remote.seen == []
        remote.script = [(200, {"Content-Type": "application/sparql-results+json"}, b'{"head":{"vars":["s"]},"results":{"bindings":[]}}')]
        allowed = runner.invoke(app, ["query", text, "-g", str(sample_graph_path), "--allow-service"])
        assert allowed.exit_code == 0, allowed.output
        assert len(remote.seen) == 1


def test_a_query_stops_at_its_timeout_with_one_line(sample_graph_path):
    """Oxigraph cannot be interrupted from Python: kg query ends its own process at --timeout. In a
    child under a CPU cap, so that a regression fails here instead of running for hours."""
    from guards import run_guarded

    join = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    out = run_guarded("""
        import subprocess, sys
        done = subprocess.run([sys.executable, "-m", "kg", "query", sys.argv[1], "-g", sys.argv[2], "--timeout", "1"],
                              capture_output=True, text=True)
        print(done.returncode, done.stdout == "", done.stderr.strip())
        """, cpu_seconds=30, args=[join, str(sample_graph_path)])
    assert out.strip() == "1 True kg: error: the query ran out of time after 1 s (raise --timeout)"


def test_a_shipped_name_wins_over_a_file_of_that_name_here(sample_graph_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ceo").write_text("SELECT ?planted WHERE { BIND(\"planted\" AS ?planted) }", encoding="utf-8")
    shipped = runner.invoke(app, ["query", "ceo", "-g", str(sample_graph_path), "-f", "csv"])
    assert shipped.exit_code == 0 and "planted" not in shipped.output
    assert shipped.output.splitlines()[0] == "org,orgLabel,person,personLabel,sentence"
    local = runner.invoke(app, ["query", "./ceo", "-g", str(sample_graph_path), "-f", "csv"])
    assert local.output.splitlines() == ["planted", "planted"]
