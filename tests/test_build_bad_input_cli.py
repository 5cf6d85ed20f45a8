"""Bad input through `kg build` (and `kg query`): a one-line message naming the file (and line), the
summary, the documented exit code, never a traceback.

Covered in tests/test_build_cli.py already: empty and binary files in a folder, a folder without
articles, a missing path, an unwritable output folder, a second build on the same output; and in
tests/test_query_cli.py: malformed SPARQL, a missing or corrupt graph file.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checks import assert_valid_graph
from kg.cli import app

runner = CliRunner()
GOOD = "Netflix a racheté Ubisoft pour 3 millions d'euros. Le siège de Netflix est à Paris."


@pytest.fixture
def shared_pipeline(nlp, monkeypatch):
    """CLI builds reuse the session's pipeline instead of loading the model again."""
    monkeypatch.setattr("kg.nlp.load_pipeline", lambda model=None: nlp)


def build(*paths: Path, output: Path):
    """`kg build PATHS -o OUTPUT`, checking that nothing escaped as a traceback."""
    result = runner.invoke(app, ["build", *map(str, paths), "-o", str(output)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def warning_about(result, name: str) -> str:
    """The one warning line that names `name`."""
    [line] = [line for line in result.stderr.splitlines() if name in line and line.startswith("kg: warning: ")]
    return line


def assert_built(result, articles: int) -> None:
    """Exit 0 and the closing summary, counting the repaired or skipped inputs."""
    assert result.exit_code == 0
    assert re.search(rf": {articles} articles\b", result.stdout), result.stdout
    assert "inputs skipped or repaired (see warnings)" in result.stdout


@pytest.mark.model
def test_latin1_file_is_decoded_with_a_warning(shared_pipeline, tmp_path):
    (tmp_path / "ancien.txt").write_bytes(("Le café « Ubisoft » : " + GOOD).encode("cp1252"))
    output = tmp_path / "out" / "graph.ttl"
    result = build(tmp_path / "ancien.txt", output=output)
    assert_built(result, 1)
    assert warning_about(result, "ancien.txt").endswith("ancien.txt: not UTF-8, decoded as cp1252")
    graph = output.read_text(encoding="utf-8")
    assert "Netflix" in graph and "\ufffd" not in graph


@pytest.mark.model
def test_huge_file_is_skipped_by_the_size_cap_and_the_rest_built(shared_pipeline, tmp_path):
    (tmp_path / "ok.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "huge.txt").write_text("Netflix a racheté Ubisoft. " * 200_000, encoding="utf-8")  # 5.6 MB
    result = build(tmp_path, output=tmp_path / "graph.ttl")
    assert_built(result, 1)
    assert warning_about(result, "huge.txt").endswith("huge.txt: skipped: 5,600,000 bytes, over the limit of 1,000,000 characters")


@pytest.mark.model
def test_huge_file_alone_is_no_article_exit_1(shared_pipeline, tmp_path):
    (tmp_path / "huge.jsonl").write_text(json.dumps({"text": "x " * 600_000}) + "\n", encoding="utf-8")
    result = build(tmp_path / "huge.jsonl", output=tmp_path / "graph.ttl")
    assert result.exit_code == 1
    assert warning_about(result, "huge.jsonl:1").endswith("huge.jsonl:1: skipped: 1,200,000 characters, over the limit of 1,000,000")
    assert "kg: error: no articles could be read" in result.stderr
    assert not (tmp_path / "graph.ttl").exists()


def test_max_chars_option_sets_the_size_cap(tmp_path):
    (tmp_path / "long.txt").write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path / "long.txt"), "-o", str(tmp_path / "graph.ttl"), "--max-chars", "40"])
    assert result.exit_code == 1
    assert warning_about(result, "long.txt").endswith(f"long.txt: skipped: {len(GOOD)} characters, over the limit of 40")
    assert not (tmp_path / "graph.ttl").exists()


@pytest.mark.model
def test_html_scripts_are_not_read_as_text(shared_pipeline, tmp_path):
    page = (
        "<html><head><title>Rachat</title><script>var s = 'Amazon a racheté Orange.'; alert(1)</script>"
        '<link rel="canonical" href="javascript:alert(1)"></head>'
        f"<body><p>{GOOD}</p><script>document.write('Google a racheté Airbus.')</script>"
        "<noscript>Meta a racheté Renault.</noscript></body></html>"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    output = tmp_path / "graph.ttl"
    result = build(tmp_path, output=output)
    assert_built(result, 1)
    assert warning_about(result, "page.html").endswith("page.html: ignored url 'javascript:alert(1)' (not an http(s) address)")
    graph = output.read_text(encoding="utf-8")
    assert "Netflix" in graph
    for hidden in ("Amazon", "Orange", "Google", "Airbus", "Meta", "Renault", "alert", "javascript"):
        assert hidden not in graph


@pytest.mark.model
def test_jsonl_broken_line_is_reported_by_number_and_the_rest_kept(shared_pipeline, tmp_path):
    lines = [json.dumps({"text": GOOD}), '{"text": "Netflix a racheté', "", json.dumps({"text": "Ubisoft est à Paris."})]
    (tmp_path / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = build(tmp_path / "news.jsonl", output=tmp_path / "graph.ttl")
    assert_built(result, 2)
    assert "news.jsonl:2: skipped: invalid JSON (Unterminated string" in warning_about(result, "news.jsonl:2")


@pytest.mark.model
def test_unknown_extensions_are_named_and_skipped(shared_pipeline, tmp_path):
    (tmp_path / "article.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "rapport.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "README").write_text("notes")
    result = build(tmp_path, output=tmp_path / "out" / "graph.ttl")
    assert_built(result, 1)
    assert "rapport.pdf: skipped: unsupported extension .pdf (use .txt, .md, .html, .jsonl)" in warning_about(result, "rapport.pdf")
    assert "README: skipped: unsupported extension (none)" in warning_about(result, "README")


@pytest.mark.model
def test_empty_file_alone_is_no_article_exit_1(shared_pipeline, tmp_path):
    (tmp_path / "vide.md").write_text(" \n\t\n", encoding="utf-8")
    result = build(tmp_path / "vide.md", output=tmp_path / "graph.ttl")
    assert result.exit_code == 1
    assert warning_about(result, "vide.md").endswith("vide.md: skipped: empty")
    assert result.stderr.strip().splitlines()[-1] == f"kg: error: no articles could be read from {tmp_path / 'vide.md'}"


@pytest.mark.model
def test_hostile_file_names_give_one_line_warnings(shared_pipeline, tmp_path):
    (tmp_path / "ok.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "vide\n\x1b[2J.txt").write_text("", encoding="utf-8")
    result = build(tmp_path, output=tmp_path / "graph.ttl")
    assert_built(result, 1)
    assert warning_about(result, "vide\\n\\x1b[2J.txt").endswith(": skipped: empty")
    assert "\x1b" not in result.output


@pytest.mark.parametrize(("name", "content", "says"), [
    ("graph.ttl", b"\x89PNG\r\n\x1a\n\x00\x00binary", "line 1 column 1"),
    ("graph.nt", b'{"@context": {}, "@id": "x"}\n', "line 1 column 1"),
    ("graph.jsonld", b"<http://a> <http://b> <http://c> .\n", "line 1"),
], ids=["binary-as-turtle", "json-as-ntriples", "ntriples-as-jsonld"])
def test_query_on_a_graph_in_the_wrong_format_names_the_position_exit_2(tmp_path, name, content, says):
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(app, ["query", "SELECT * WHERE { ?s ?p ?o }", "--graph", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"kg: error: {path}: not valid ") and says in line


@pytest.mark.model
def test_inputs_that_once_stopped_the_build_are_skipped_or_repaired(shared_pipeline, tmp_path):
    """Issue 15, items 4-5: a url Oxigraph rejects (JSONL and HTML canonical link), an amount of 10^28
    or more, a JSONL integer of 5,000 digits and a symlink loop each gave a traceback and no graph."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    records = [{"text": GOOD, "url": "https://example.org/a#b#c"},
               {"text": "Netflix investit 99 999 999 999 999 999 999 999 999 999 dollars dans Ubisoft.",
                "url": "http://[1]/news"}]
    (corpus / "news.jsonl").write_text("\n".join(map(json.dumps, records)) + '\n{"text": "x", "id": ' + "1" * 5000 + "}\n",
                                       encoding="utf-8")
    (corpus / "page.html").write_text('<html><head><link rel="canonical" href="https://example.org/\U000e0041">'
                                      "</head><body><p>Netflix est à Paris.</p></body></html>", encoding="utf-8")
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    output = tmp_path / "out" / "graph.ttl"
    for _ in range(2):  # the second build reads the cache: it must not fail the same way forever
        result = build(corpus, output=output)
        assert_built(result, 3)
    assert warning_about(result, "loop.txt").endswith("skipped: a symlink loop or an unreadable link")
    graph = output.read_text(encoding="utf-8")
    assert "https://example.org/a#b%23c" in graph and "99999999999999999999999999999" in graph
    assert_valid_graph(output)


@pytest.mark.model
def test_a_full_disk_is_a_warning_for_the_cache_and_one_error_line_for_the_graph(shared_pipeline, tmp_path, monkeypatch):
    import errno
    import os

    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    output = tmp_path / "out" / "graph.ttl"
    output.parent.mkdir()
    output.write_text("old graph", encoding="utf-8")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    result = build(tmp_path / "a.txt", output=output)
    assert result.exit_code == 2
    assert warning_about(result, "not caching").startswith("kg: warning: not caching extractions: cannot write ")
    assert result.stderr.strip().splitlines()[-1] == f"kg: error: cannot write {output}: No space left on device"
    assert output.read_text(encoding="utf-8") == "old graph"


@pytest.mark.model
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_article_that_breaks_extraction_is_skipped_not_the_corpus(shared_pipeline, tmp_path, monkeypatch, jobs):
    """A bug one article's text sets off in extraction skips that article with a warning; the others are
    built, and the failure is not cached (the next build tries it again)."""
    import kg.extract

    real = kg.extract.extract_article

    def breaks_on_boom(article, doc, version):
        if "BOOM" in article.text:
            raise RuntimeError("boom")
        return real(article, doc, version)

    monkeypatch.setattr(kg.extract, "extract_article", breaks_on_boom)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.txt").write_text("Ubisoft a racheté BOOM Studio.", encoding="utf-8")
    output = tmp_path / "out" / "graph.ttl"
    result = runner.invoke(app, ["build", str(tmp_path / "good.txt"), str(tmp_path / "bad.txt"), "-o", str(output), "-j", jobs])
    assert result.exit_code == 0, result.output
    assert warning_about(result, "bad.txt").endswith("bad.txt: skipped: extraction failed (RuntimeError: boom)")
    graph = output.read_text(encoding="utf-8")
    assert "Netflix" in graph and "BOOM" not in graph
    assert len(list((output.parent / ".kg-cache").rglob("*.json"))) == 1
