"""kg query explains the mistakes parsers word badly: a misspelt query form, and an update sent to a
command that only reads."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


@pytest.mark.parametrize("text, message", [
    ("SELEC ?s WHERE { ?s ?p ?o }", "a query starts with SELECT, CONSTRUCT, ASK, DESCRIBE (after any PREFIX or BASE lines), not SELEC"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "kg query only reads: INSERT is a SPARQL update"),
    ("# note\nPREFIX x: <http://x/>\ndelete where { ?s ?p ?o }", "kg query only reads: DELETE is a SPARQL update"),
])
def test_one_clear_line(text, message, sample_graph_path):
    result = runner.invoke(app, ["query", text, "-g", str(sample_graph_path)])
    assert result.exit_code == 2
    assert message in result.output and len(result.output.splitlines()) == 1
    assert "expected CONSTRUCT" not in result.output
