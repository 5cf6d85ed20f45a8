"""`kg viz` and `kg stats` from the command line: thin shells with clean errors and exit codes."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def test_viz_writes_the_page_and_says_what_it_opens_on(sample_graph_path, tmp_path):
    out = tmp_path / "g.html"
    result = runner.invoke(app, ["viz", "--graph", str(sample_graph_path), "-o", str(out), "--max-nodes", "3", "--no-physics"])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}: 11 nodes and 11 facts, in fr" in result.stdout
    assert "the page opens on 3 nodes; the 8 others are a search away in it" in result.stdout
    assert '\\"physics\\": {\\"enabled\\": false' in out.read_text(encoding="utf-8")


def test_viz_focus_types_events_and_language(sample_graph_path, tmp_path):
    args = ["viz", "--graph", str(sample_graph_path), "-o", str(tmp_path / "g.html")]
    result = runner.invoke(app, [*args, "--focus", "Yves Guillemot", "--depth", "1", "--types", "Person, Organization"])
    assert result.exit_code == 0, result.output
    assert "opens on 2 nodes" in result.stdout and result.stderr == ""
    events = runner.invoke(app, [*args, "--events", "--lang", "en"])
    assert events.exit_code == 0 and "16 nodes and 22 facts, in en" in events.stdout


def test_viz_errors_are_one_line_with_exit_code(sample_graph_path, tmp_path):
    missing = runner.invoke(app, ["viz", "--graph", str(tmp_path / "none.ttl"), "-o", str(tmp_path / "g.html")])
    assert missing.exit_code == 2 and missing.stderr.startswith("kg: error: graph file not found")
    unknown = runner.invoke(app, ["viz", "--graph", str(sample_graph_path), "-o", str(tmp_path / "g.html"), "--focus", "Nintendo"])
    assert unknown.exit_code == 2 and "no node 'Nintendo'" in unknown.stderr
    language = runner.invoke(app, ["viz", "--graph", str(sample_graph_path), "-o", str(tmp_path / "g.html"), "--lang", "de"])
    assert language.exit_code == 2
    assert not (tmp_path / "g.html").exists()


def test_stats_text_and_json(sample_graph_path):
    text = runner.invoke(app, ["stats", "--graph", str(sample_graph_path)])
    assert text.exit_code == 0 and "most central entities (pagerank)" in text.stdout
    as_json = runner.invoke(app, ["stats", "--graph", str(sample_graph_path), "--format", "json"])
    assert as_json.exit_code == 0 and json.loads(as_json.stdout)["edges"] == 22
