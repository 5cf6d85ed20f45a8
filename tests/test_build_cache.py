"""The incremental build cache: rebuilds parse only new or changed articles and write the same bytes
as a full build; a stale, corrupt or unwritable cache never changes the graph."""
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checks import assert_valid_graph
from kg.articles import Article
from kg.build import build
from kg.cache import ExtractionCache, cache_key
from kg.cli import app

ROOT = Path(__file__).resolve().parent.parent
OWN = ROOT / "tests" / "data" / "articles"
FIRST = ["01_rachat_logiciel.txt", "02_nomination_pdg.txt", "10_blockchain_sans_accents.txt"]


def article(text: str = "Ubisoft rachète Kelvia.", day: date | None = None, name: str = "a.txt") -> Article:
    return Article(id="a_1", source=name, name=name, text=text, title=None, url=None, date=day, sha256="0" * 64)


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in FIRST:
        shutil.copy(OWN / name, folder)
    return folder


@pytest.fixture
def no_model_load(monkeypatch):
    """Fail the test if the build loads the spaCy model."""
    def refuse(model=None):
        raise AssertionError("the build loaded the model")

    monkeypatch.setattr("kg.nlp.load_pipeline", refuse)


def full_build(nlp, corpus: Path, tmp_path: Path) -> bytes:
    output = tmp_path / "full" / "graph.ttl"
    build([corpus], output, nlp=nlp, cache_dir=None)
    return output.read_bytes()


def test_cache_key_covers_text_date_and_version_only():
    key = cache_key(article(), "v1")
    assert cache_key(article(name="renamed.txt"), "v1") == key
    assert cache_key(article(text="Ubisoft rachète Kelvia !"), "v1") != key
    assert cache_key(article(day=date(2024, 3, 1)), "v1") != key
    assert cache_key(article(), "v2") != key


@pytest.mark.parametrize("content", [b"{not json", b'{"version": "v1"}', b"[]", b"\xff\xfe", b""])
def test_cache_ignores_an_unreadable_entry_with_a_warning(tmp_path, content):
    warnings: list[str] = []
    cache = ExtractionCache(tmp_path, "v1", on_warning=warnings.append)
    path = cache.path(article())
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    assert cache.load(article()) is None
    assert len(warnings) == 1 and str(path) in warnings[0]


def test_cache_miss_is_silent(tmp_path):
    warnings: list[str] = []
    assert ExtractionCache(tmp_path, "v1", on_warning=warnings.append).load(article()) is None
    assert warnings == []


@pytest.mark.model
def test_rebuild_with_nothing_changed_parses_nothing_and_loads_no_model(nlp, corpus, tmp_path, no_model_load):
    output = tmp_path / "out" / "graph.ttl"
    first = build([corpus], output, nlp=nlp)
    assert (first.parsed, first.cached) == (3, 0)
    assert len(list((output.parent / ".kg-cache").rglob("*.json"))) == 3
    before = output.read_bytes()
    output.unlink()
    again = build([corpus], output)
    assert (again.parsed, again.cached) == (0, 3)
    assert output.read_bytes() == before


@pytest.mark.model
def test_adding_an_article_parses_only_it_and_matches_a_full_build(nlp, corpus, tmp_path):
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "out" / "graph.ttl", nlp=nlp, cache_dir=cache)
    shutil.copy(OWN / "04_lancement_produit.txt", corpus)
    report = build([corpus], tmp_path / "out" / "graph.ttl", nlp=nlp, cache_dir=cache)
    assert (report.parsed, report.cached) == (1, 3)
    assert report.output.read_bytes() == full_build(nlp, corpus, tmp_path)
    assert_valid_graph(report.output)


@pytest.mark.model
def test_editing_or_renaming_an_article_uses_its_new_content_and_name(nlp, corpus, tmp_path):
    output = tmp_path / "out" / "graph.ttl"
    build([corpus], output, nlp=nlp)
    edited = corpus / FIRST[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nUbisoft a aussi racheté Kelvia.\n", encoding="utf-8")
    (corpus / FIRST[1]).rename(corpus / "renamed.txt")
    report = build([corpus], output, nlp=nlp)
    assert (report.parsed, report.cached) == (1, 2)
    assert output.read_bytes() == full_build(nlp, corpus, tmp_path)
    assert b"renamed" in output.read_bytes() and b"Ubisoft" in output.read_bytes()


@pytest.mark.model
def test_a_new_pipeline_version_parses_everything_again(nlp, corpus, tmp_path, monkeypatch):
    output = tmp_path / "out" / "graph.ttl"
    build([corpus], output, nlp=nlp)
    monkeypatch.setattr("kg.nlp.pipeline_version", lambda nlp=None: "kg-next")
    report = build([corpus], output, nlp=nlp)
    assert (report.parsed, report.cached) == (3, 0)


@pytest.mark.model
def test_a_corrupt_or_forged_entry_is_parsed_again(nlp, corpus, tmp_path):
    output = tmp_path / "out" / "graph.ttl"
    build([corpus], output, nlp=nlp)
    expected = output.read_bytes()
    corrupt, forged, *_ = sorted((output.parent / ".kg-cache").rglob("*.json"))
    corrupt.write_bytes(corrupt.read_bytes()[:-10])
    seal, _, payload = forged.read_bytes().partition(b"\n")
    forged.write_bytes(seal + b"\n" + json.dumps(json.loads(payload) | {"version": "kg-other"}).encode())
    warnings: list[str] = []
    report = build([corpus], output, nlp=nlp, on_warning=warnings.append)
    assert (report.parsed, report.cached) == (2, 1)
    assert len(warnings) == 2
    assert output.read_bytes() == expected
    assert build([corpus], output, nlp=nlp).parsed == 0  # both entries were rewritten


@pytest.mark.model
def test_cached_extractions_round_trip_exactly(nlp, tmp_path):
    from kg.build import extract_articles
    from kg.articles import read_articles
    from kg.nlp import pipeline_version

    articles = read_articles([ROOT / "seeds", OWN]).articles
    cache = ExtractionCache(tmp_path, pipeline_version(nlp))
    for item, extraction in zip(articles, extract_articles(articles, nlp=nlp)):
        cache.store(item, extraction)
        assert cache.load(item) == extraction


@pytest.mark.model
def test_no_cache_writes_no_cache(nlp, corpus, tmp_path, monkeypatch):
    monkeypatch.setattr("kg.nlp.load_pipeline", lambda model=None: nlp)
    output = tmp_path / "out" / "graph.ttl"
    result = CliRunner().invoke(app, ["build", str(corpus), "-o", str(output), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "3 parsed, 0 from cache" in result.output
    assert sorted(p.name for p in output.parent.iterdir()) == ["graph.ttl"]  # no lock file left behind


def test_cache_and_no_cache_together_is_a_usage_error(corpus, tmp_path, no_model_load):
    result = CliRunner().invoke(app, ["build", str(corpus), "-o", str(tmp_path / "g.ttl"), "--no-cache", "--cache", str(tmp_path)])
    assert result.exit_code == 2 and "--no-cache" in result.output


@pytest.mark.model
def test_an_unwritable_cache_warns_once_and_the_build_goes_on(nlp, corpus, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    warnings: list[str] = []
    report = build([corpus], tmp_path / "out" / "graph.ttl", nlp=nlp, cache_dir=blocker / "cache", on_warning=warnings.append)
    assert report.parsed == 3 and report.output.exists()
    assert len(warnings) == 1 and "not caching" in warnings[0]
