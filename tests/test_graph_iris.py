"""Hostile names and fields give valid IRIs (RFC 3987) and literals every format carries, without the model.

Articles are read from files with hostile names and JSONL lines with hostile fields; extractions are
built by hand around hostile mentions, then resolved and turned into triples like `kg build` does.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.articles import MAX_CHARS, clean_text, http_iri, read_articles
from kg.extract import Extraction, Fact, Mention, article_metadata
from kg.graph import graph_triples
from kg.resolve import resolve
from kg.store import save_graph
from tests.iris import assert_valid_iri, assert_valid_terms, reparse

HOSTILE = [
    'a b<>"{}|^`\\', "l'« OpenAI »\n\"Inc\"", "\u202eevil\u202c \u200fعربي\u200e", "Emoji 🚀🤖 Corp",
    "<script>alert(1)</script>", "javascript:alert(1)", "nul\x00bell\x07esc\x1bdel\x7fc1\x85", "\ufffe\uffff",
    "lone \ud800 surrogate", "%41%zz", "x" * 5000, "   ", "_", "é",
]


def extraction_naming(article, names: list[str]) -> Extraction:
    """An extraction of `article` whose sentence names each of `names` and says the first acquired the others."""
    sentence = " ".join(names) + " ."
    mentions, start = [], 0
    for number, name in enumerate(names):
        mentions.append(Mention(number, start, start + len(name), name, "Organization", "ner:ORG", 0))
        start += len(name) + 1
    quote = Mention(len(names), 0, len(sentence), sentence, "Quotation", "quote", 0)
    facts = [Fact("acquired", 0, number, 0, "test-rule", 0.9, "Acquisition") for number in range(1, len(names))]
    facts.append(Fact("statedBy", quote.id, 0, 0, "test-quote", 1.0))
    return Extraction(article_metadata(article), "test", [(0, len(sentence), sentence)], [*mentions, quote], facts)


def check_triples(triples, tmp_path: Path) -> None:
    """Every IRI is valid, and the Turtle, N-Triples and RDF/XML files re-parse with Oxigraph and rdflib."""
    assert_valid_terms(triples)
    for name in ("graph.ttl", "graph.rdf", "graph.nt"):
        assert reparse(save_graph((ox.Triple(*t) for t in triples), tmp_path / name)) == len(triples)


def test_hostile_file_names_and_entity_names_give_valid_iris(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    names = ['a b<>"{}|^`\\.txt', "🚀 fusée \u202eRTL\u200f.txt", "ligne\nretour.txt", "tab\tx.md", "%41%zz.txt"]
    for number, name in enumerate(names):
        (corpus / name).write_text(f"Article {number} sur Acme.", encoding="utf-8")
    os.makedirs(os.fsencode(corpus / "sub"))
    with open(os.fsencode(corpus / "sub") + b"/caf\xe9 \xff.txt", "wb") as handle:  # not UTF-8: a surrogate
        handle.write("Article latin sur Acme.".encode())
    report = read_articles(corpus)
    assert len(report.articles) == len(names) + 1
    extractions = [extraction_naming(article, HOSTILE) for article in report.articles]
    resolution = resolve(extractions)
    assert len(resolution.entities) >= len(HOSTILE) - 4  # some names normalise alike; none is lost as an error
    triples = graph_triples(resolution)
    check_triples(triples, tmp_path)
    assert triples == sorted(triples, key=lambda triple: tuple(map(str, triple)))  # the byte-stable order, hostile texts too


def test_jsonl_ids_titles_and_urls_from_a_scraper_are_made_safe(tmp_path):
    records = [
        {"id": 'x<>"{}|^`\\ \n🚀', "text": "Acme rachète Beta.", "url": "javascript:alert(1)", "title": "t\x00\ud800"},
        {"id": "\u202e\u0000", "text": "Acme rachète Gamma.", "url": "https://exemple.fr/a b/<é>?q=\"x\"#\u200f"},
        {"text": "Acme rachète Delta.", "url": "pas une adresse"},
        {"text": "Acme rachète Zeta.", "url": "https://[::1]:8080/ok"},
    ]
    path = tmp_path / "scrape.jsonl"
    path.write_text("\n".join(json.dumps(record) for record in records), encoding="utf-8")
    report = read_articles(path)
    urls = {article.source: article.url for article in report.articles}
    assert urls == {
        f"{path}:1": None,
        f"{path}:2": "https://exemple.fr/a%20b/%3Cé%3E?q=%22x%22#%E2%80%8F",
        f"{path}:3": None,
        f"{path}:4": "https://[::1]:8080/ok",
    }
    assert [w for w in report.warnings if "ignored url" in w] == [
        f"{path}:1: ignored url 'javascript:alert(1)' (not an http(s) address)",
        f"{path}:3: ignored url 'pas une adresse' (not an http(s) address)",
    ]
    [first] = [article for article in report.articles if article.source.endswith(":1")]
    assert (first.title, first.id) == ("t \ufffd", f"x_{first.sha256[:12]}")
    from kg.namespace import SDO  # here: pytest's collection trips over the namespace at module level

    triples = graph_triples(resolve([extraction_naming(article, ["Acme", "Beta"]) for article in report.articles]))
    written = sorted(o.value for s, p, o in triples if p.value == str(SDO.url))
    assert written == ["https://[::1]:8080/ok", "https://exemple.fr/a%20b/%3Cé%3E?q=%22x%22#%E2%80%8F"]
    check_triples(triples, tmp_path)


@pytest.mark.parametrize("given", [
    "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://exemple.fr/", "//exemple.fr/x",
    "http://", "http://:80/", "http://a b/", "http://exe<mple.fr/", "http://[::1/", "exemple.fr", "",
    "http://[1]/news", "https://exemple\U000e0041.fr/",
])
def test_http_iri_rejects_what_is_not_a_web_address(given):
    assert http_iri(given) is None


@pytest.mark.parametrize(("given", "expected"), [
    ("https://exemple.fr/actu?id=1#haut", "https://exemple.fr/actu?id=1#haut"),
    ("HTTP://Exemple.fr/é", "http://Exemple.fr/é"),
    ("https://exemple.fr/<b>{x}|^`\\", "https://exemple.fr/%3Cb%3E%7Bx%7D%7C%5E%60%5C"),
    ("https://exemple.fr/100%", "https://exemple.fr/100%25"),
    ("https://exemple.fr/%C3%A9", "https://exemple.fr/%C3%A9"),
    ("https://u:p@exemple.fr:8443/\ufffe\x01", "https://u:p@exemple.fr:8443/%EF%BF%BE%01"),
    ("https://xn--exmple-cva.fr/🚀", "https://xn--exmple-cva.fr/🚀"),
    ("https://example.org/a#b#c", "https://example.org/a#b%23c"),
    ("https://example.org/tag\U000e0041", "https://example.org/tag%F3%A0%81%81"),
])
def test_http_iri_percent_encodes_what_an_iri_cannot_hold(given, expected):
    assert http_iri(given) == expected
    assert_valid_iri(expected)


def test_clean_text_replaces_one_for_one_and_keeps_emoji_and_rtl_marks():
    text = "a\x00b\x0bc\x1fd\x7fe\x9ff\ud800g\udfffh\ufffei\uffffj\t\n\r🚀\u200f\u202e"
    cleaned = clean_text(text)
    assert len(cleaned) == len(text)
    assert cleaned == "a b c d e f\ufffdg\ufffdh\ufffdi\ufffdj\t\n\r🚀\u200f\u202e"
    cleaned.encode("utf-8")


def test_warnings_stay_on_one_line_whatever_the_file_name(tmp_path):
    (tmp_path / "vide\n\x1b[31mrouge.txt").write_text("  ")
    with open(os.fsencode(tmp_path) + b"/\xff.pdf", "wb") as handle:
        handle.write(b"x")
    warnings = read_articles(tmp_path).warnings
    assert len(warnings) == 2
    for warning in warnings:
        assert "\n" not in warning and "\x1b" not in warning
        warning.encode("utf-8")
    assert any("vide\\n\\x1b[31mrouge.txt: skipped: empty" in w for w in warnings)


def test_articles_over_the_size_cap_are_skipped_with_their_size(tmp_path):
    (tmp_path / "long.txt").write_text("Acme. " * 20, encoding="utf-8")
    (tmp_path / "huge.txt").write_bytes(b"x" * 401)
    (tmp_path / "news.jsonl").write_text(
        json.dumps({"text": "court"}) + "\n" + json.dumps({"text": "y" * 101}) + "\n", encoding="utf-8"
    )
    report = read_articles(tmp_path, max_chars=100)
    assert [article.text for article in report.articles] == ["court"]
    assert report.warnings == [
        f"{tmp_path / 'huge.txt'}: skipped: 401 bytes, over the limit of 100 characters",
        f"{tmp_path / 'long.txt'}: skipped: 120 characters, over the limit of 100",
        f"{tmp_path / 'news.jsonl'}:2: skipped: 101 characters, over the limit of 100",
    ]
    assert MAX_CHARS == 1_000_000


def test_urls_oxigraph_rejects_never_reach_the_graph(tmp_path):
    """Addresses an earlier check let through but Oxigraph refused (a traceback, no graph), from JSONL
    and from an HTML canonical link."""
    bad = ["https://example.org/a#b#c", "http://[1]/news", "https://example.org/\U000e0041"]
    path = tmp_path / "scrape.jsonl"
    path.write_text("\n".join(json.dumps({"text": f"Acme rachète Beta {n}.", "url": url}) for n, url in enumerate(bad)),
                    encoding="utf-8")
    (tmp_path / "page.html").write_text('<html><head><link rel="canonical" href="http://[1]/news"></head>'
                                        "<body><p>Acme rachète Gamma.</p></body></html>", encoding="utf-8")
    report = read_articles(tmp_path)
    assert len(report.articles) == 4
    triples = graph_triples(resolve([extraction_naming(article, ["Acme", "Beta"]) for article in report.articles]))
    from kg.namespace import SDO

    written = sorted(o.value for s, p, o in triples if p.value == str(SDO.url))
    assert written == ["https://example.org/%F3%A0%81%81", "https://example.org/a#b%23c"]
    assert sum("ignored url 'http://[1]/news'" in warning for warning in report.warnings) == 2
    check_triples(triples, tmp_path)


def readable_by_rdflib(iri: str) -> bool:
    """Whether rdflib's N-Triples reader (what `kg validate` parses) reads `iri` as an IRI."""
    import rdflib

    try:
        rdflib.Graph().parse(data=f"<{iri}> <http://x.org/p> <http://x.org/o> .\n", format="nt")
    except Exception:  # rdflib raises several types for a line it cannot read
        return False
    return True


url_texts = st.text(max_size=40) | st.builds(
    lambda scheme, host, rest: f"{scheme}://{host}{rest}", st.sampled_from(["http", "https", "HTTP"]),
    st.sampled_from(["example.org", "[::1]", "[1]", "ex.org:80", "u:p@h.org", "éx.org", "a\u00a0b.org"]) | st.text(max_size=12),
    st.text(max_size=30))


@settings(max_examples=500, deadline=None)
@given(url_texts)
def test_any_url_becomes_an_iri_every_reader_takes_or_nothing(url):
    """Whatever the text, http_iri gives None or an IRI that RFC 3987, Oxigraph and rdflib all accept
    (a NBSP passed the first two and broke `kg validate`, which reads with rdflib)."""
    iri = http_iri(url)
    if iri is not None:
        assert_valid_iri(iri)
        assert readable_by_rdflib(iri), iri


def test_two_open_verbs_of_one_pair_in_a_sentence_are_two_actions():
    sentence = "Paul Roux a félicité puis remercié Ana Ruiz."
    mentions = [Mention(0, 0, 9, "Paul Roux", "Person", "ner:PER", 0), Mention(1, 35, 43, "Ana Ruiz", "Person", "ner:PER", 0)]
    facts = [Fact("relatedTo", 0, 1, 0, "open-verb", 0.8, "Action", {"verb": verb}) for verb in ("féliciter", "remercier")]
    article = {"id": "a_000000000000", "name": "a.txt", "sha256": "0" * 64, "length": len(sentence)}
    triples = graph_triples(resolve([Extraction(article, "test", [(0, len(sentence), sentence)], mentions, facts)]))
    labels: dict[str, list[str]] = {}
    for s, p, o in triples:
        if p.value.endswith("#label") and "/event/action_" in s.value:
            labels.setdefault(s.value, []).append(o.value)
    assert sorted(labels.values()) == [["Paul Roux féliciter Ana Ruiz"], ["Paul Roux remercier Ana Ruiz"]]
