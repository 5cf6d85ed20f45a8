"""Cache entries are not trusted: a checksum (an HMAC when $KG_CACHE_KEY is set) over the entry and the
pipeline version catches edits, and a schema check catches entries a forger re-sealed. Either way the
entry is ignored with a warning and the article parsed again, so the graph is the one a full build
writes: never a crash, never a false fact such as an edited `ceoOf` → `sued` with exit 0."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.articles import read_articles
from kg.build import build, extract_articles
from kg.cache import ExtractionCache
from kg.graph import graph_triples
from kg.nlp import pipeline_version
from kg.resolve import resolve
from tests.iris import assert_valid_terms

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "001_98b6e2de43e421a1.txt"


def entry_parts(path: Path) -> tuple[bytes, dict]:
    seal, _, payload = path.read_bytes().partition(b"\n")
    return seal, json.loads(payload)


def forge(cache: ExtractionCache, path: Path, data: dict) -> None:
    """Write `data` as the entry at `path` with a valid seal, as someone who knows the format (and the key) would."""
    payload = json.dumps(data).encode()
    path.write_bytes(cache.seal(path, payload) + b"\n" + payload)


@pytest.fixture(scope="module")
def seeded(nlp, tmp_path_factory):
    """A cache holding the real extraction of a seed article that states a ceoOf fact."""
    folder = tmp_path_factory.mktemp("cache")
    [article] = read_articles(SEED).articles
    cache = ExtractionCache(folder, pipeline_version(nlp))
    [extraction] = extract_articles([article], nlp=nlp)
    cache.store(article, extraction)
    assert any(fact.predicate == "ceoOf" for fact in extraction.facts)
    return cache, article, extraction


def load_with_warnings(cache: ExtractionCache, article):
    warnings: list[str] = []
    cache.warn = warnings.append
    try:
        return cache.load(article), warnings
    finally:
        cache.warn = lambda _: None


@pytest.mark.model
def test_an_edited_predicate_is_caught_by_the_checksum(seeded, tmp_path):
    cache, article, extraction = seeded
    path = cache.path(article)
    original = path.read_bytes()
    try:
        path.write_bytes(original.replace(b'"predicate":"ceoOf"', b'"predicate":"sued"'))
        found, warnings = load_with_warnings(cache, article)
        assert found is None and "checksum mismatch" in warnings[0]
        path.write_bytes(original)
        assert cache.load(article) == extraction
    finally:
        path.write_bytes(original)


@pytest.mark.model
@pytest.mark.parametrize("edit", [
    lambda d: d["facts"][0].update(subject=10_000),
    lambda d: d["facts"][0].update(object=-1),
    lambda d: d["facts"][0].update(predicate="notAProperty"),
    lambda d: d["facts"][0].update(predicate="Organization"),
    lambda d: d["facts"][0].update(sentence=len(d["sentences"])),
    lambda d: d["facts"][0].update(confidence=float("nan")),
    lambda d: d["facts"][0].update(event="NotAClass"),
    lambda d: d["facts"][0].update(roles={"agent": 10_000}),
    lambda d: d["mentions"][0].update(kb_id="no-such-entry"),
    lambda d: d["mentions"][0].update(end=10**9),
    lambda d: d["mentions"][1].update(id=0),
    lambda d: d["sentences"][0].__setitem__(2, "Une phrase que l'article ne contient pas."),
    lambda d: d.update(facts={}),
], ids=["subject", "negative-object", "predicate", "class-as-predicate", "sentence", "nan", "event", "role",
        "kb-id", "offset", "mention-id", "sentence-text", "facts-type"])
def test_a_resealed_entry_kg_would_not_write_is_refused(seeded, edit):
    cache, article, extraction = seeded
    path = cache.path(article)
    original = path.read_bytes()
    try:
        data = entry_parts(path)[1]
        edit(data)
        forge(cache, path, data)
        found, warnings = load_with_warnings(cache, article)
        assert found is None and "is not one kg writes" in warnings[0]
    finally:
        path.write_bytes(original)


@pytest.mark.model
def test_a_secret_key_refuses_entries_sealed_without_it(seeded, monkeypatch):
    cache, article, extraction = seeded
    monkeypatch.setenv("KG_CACHE_KEY", "shared by the builders that trust each other")
    keyed = ExtractionCache(cache.folder, cache.version)
    found, warnings = load_with_warnings(keyed, article)
    assert found is None and "KG_CACHE_KEY" in warnings[0]
    keyed.store(article, extraction)
    assert keyed.load(article) == extraction
    assert load_with_warnings(cache, article)[0] is None  # and the unkeyed cache no longer trusts it
    cache.store(article, extraction)


@pytest.mark.model
def test_builds_reparse_edited_entries_and_write_the_full_builds_graph(nlp, tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    output = tmp_path / "out" / "graph.ttl"
    build([corpus], output, nlp=nlp)
    expected = output.read_bytes()
    [path] = (output.parent / ".kg-cache").rglob("*.json")
    path.write_bytes(path.read_bytes().replace(b'"predicate":"ceoOf"', b'"predicate":"sued"'))
    warnings: list[str] = []
    report = build([corpus], output, nlp=nlp, on_warning=warnings.append)
    assert (report.parsed, report.cached, output.read_bytes()) == (1, 0, expected)
    assert len(warnings) == 1 and "checksum mismatch" in warnings[0]


# ---- generated edits: whatever a forger writes, loading never crashes and what loads resolves and writes

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 10**6) | st.floats(allow_nan=True) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def leaves(data, path=()):
    """Every (path, value) of the JSON tree, containers included."""
    yield path, data
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield from leaves(value, (*path, key))


def replace_at(data, path, value):
    if not path:
        return value
    copy = json.loads(json.dumps(data))
    target = copy
    for key in path[:-1]:
        target = target[key]
    if value is DELETE and isinstance(target, dict):
        del target[path[-1]]
    else:
        target[path[-1]] = None if value is DELETE else value
    return copy


DELETE = object()


@pytest.mark.model
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_edits_of_an_entry_never_crash_a_build(seeded, data):
    cache, article, extraction = seeded
    path = cache.path(article)
    original = path.read_bytes()
    seal, entry = entry_parts(path)
    paths = [p for p, _ in leaves(entry) if p and p[0] != "article"]
    try:
        if data.draw(st.booleans(), label="reseal"):
            where = data.draw(st.sampled_from(paths), label="path")
            forge(cache, path, replace_at(entry, where, data.draw(json_values | st.just(DELETE), label="value")))
        else:  # bytes flipped, cut or added, by a disk or a hand: the checksum must see it
            raw = bytearray(original)
            at = data.draw(st.integers(0, len(raw) - 1), label="at")
            raw[at:at + data.draw(st.integers(0, 3))] = data.draw(st.binary(max_size=3), label="bytes")
            path.write_bytes(bytes(raw))
        found, warnings = load_with_warnings(cache, article)
        if found is None:
            assert len(warnings) == 1 and str(path) in warnings[0]
            return
        assert_valid_terms(graph_triples(resolve([found])))
    finally:
        path.write_bytes(original)
