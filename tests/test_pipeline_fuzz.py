"""Generated articles through the whole pipeline: read → parse → extract → resolve → graph → Turtle →
every export format → SHACL. Hostile text never crashes a build nor makes a file a strict parser rejects.

Each hypothesis example is a small corpus (1-3 articles in .txt/.md/.html/.jsonl files with generated
names, titles, urls and ids), built into one graph. Every example's Turtle is re-parsed by Oxigraph and
rdflib, and every example's graph is validated against ontology/shapes.ttl, ten at a time (a pySHACL
run costs the same for one small graph as for ten; each example's IRIs get a suffix so the ten stay
apart). Every tenth example is also exported to every format and read back by each format's own
reader (the exports cost more than the rest of the pipeline).
"""
from __future__ import annotations

import csv
import itertools
import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.articles import UNSAFE_CHARACTERS, read_articles
from kg.export import EXPORTERS, export_graph
from kg.extract import extract_article
from kg.graph import graph_triples
from kg.namespace import BASE, ONTOLOGY_IRI
from kg.nlp import parse_texts, pipeline_version
from kg.resolve import resolve
from kg.store import load_graph, save_graph
from kg.validate import validate_graph
from tests.iris import assert_valid_terms, reparse

EXAMPLES = 250
"""Per strategy: two strategies make the 500 examples the issue asks for."""
FULL_EXPORT_EVERY = 10
VALIDATE_EVERY = 10
FUZZ_SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                         suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

HOSTILE_NAMES = [
    'Acme<>"{}|^`\\', "Nova \"Corp\"", "L'Orion « Média »", "Zeta\nHoldings", "Bêta\x00\x07\x1b\x7f\x85",
    "Groupe \u202eLTR\u202c", "\u200fسوق\u200e Capital", "Fusée 🚀 Labs", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "javascript:alert(1)", "Omega\ufffe\uffff", "%41%zz Conseil",
    "X" + "y" * 400, "Société ' OR 1=1 --", "Tab\tCorp", "Ünïcödé Ltd", "A&B <C>",
]
PLAIN_NAMES = ["Acme", "Netflix", "Ubisoft", "Marie Curie", "Jean Dupont", "Orange", "Airbus", "Paris"]
TEMPLATES = [
    "{a} a racheté {b} pour {n} millions d'euros.",
    "Selon {p}, « {q} ».",
    "{a} a nommé {p} directeur général.",
    "{p}, PDG de {a}, a déclaré : \"{q}\".",
    "Le film « {q} » de {a} sortira le {d} juillet 2023.",
    "{a} utilise l'IA générative pour {q}.",
    "Le chiffre d'affaires de {a} a progressé de {n} % au deuxième trimestre.",
    "{a} investit {n} milliards de dollars dans {b}.",
    "Les salariés de {a} sont en grève à {b}.",
]
URLS = ["https://exemple.fr/article-1", "javascript:alert(1)", "https://exemple.fr/a b/<é>?q=\"1\"",
        "pas une adresse", "http://[::1]:8080/x", "data:text/html,<script>alert(1)</script>", "https://"]
BLANK_TEXTS = ["", " ", "\n\t \r\n", "\u00a0\u2009\u202f", "\x00\x01"]
FORMATS = ["txt", "md", "html", "jsonl"]


@dataclass(frozen=True)
class Draft:
    """One generated article and the file it is written to (`ident` and `date`: JSONL fields as found
    in the wild, of any JSON type)."""

    name: str
    format: str
    text: str
    title: str | None
    url: str | None
    ident: object = None
    date: object = None


names = st.sampled_from(HOSTILE_NAMES + PLAIN_NAMES) | st.text(min_size=1, max_size=30)
numbers = (st.integers(0, 10**6).map(str) | st.sampled_from(["3,5", "1 200", "-4"])
           | st.integers(0, 10**60).map(lambda n: f"{n:,}".replace(",", " "))
           | st.decimals(allow_nan=False, allow_infinity=False, places=3).map(lambda d: str(d).replace(".", ",")))
"""Amounts as articles write them, up to 10^60 (the default decimal context rounded at 28 digits)."""
sentences = st.builds(
    lambda template, a, b, p, q, n, d: template.format(a=a, b=b, p=p, q=q, n=n, d=d),
    st.sampled_from(TEMPLATES), names, names, names, names | st.sampled_from(["l'IA « créative »", ""]),
    numbers, st.integers(0, 40),
)


def rarely_blank(texts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """`texts`, or one time in ten a blank text (which the reader skips with a warning)."""
    return st.integers(0, 9).flatmap(lambda n: st.sampled_from(BLANK_TEXTS) if n == 0 else texts)


french_texts = rarely_blank(st.lists(sentences, min_size=1, max_size=3).map(" ".join))
unicode_texts = rarely_blank(st.text(st.characters(), max_size=200))
"""Any code point, lone surrogates included: the reader meets those in JSONL escapes (\\ud800)."""


urls = st.sampled_from(URLS) | st.text(max_size=40) | st.builds(
    lambda scheme, host, rest: f"{scheme}://{host}{rest}", st.sampled_from(["http", "https", "HTTP"]),
    st.sampled_from(["example.org", "[::1]", "[1]", "exemple.fr:8080", "u:p@h.org", "éx.org", "a..b"]) | st.text(max_size=12),
    st.text(max_size=30))
"""Any text, and web addresses with any host and rest: Oxigraph must accept whatever becomes schema:url."""
json_values = st.none() | st.booleans() | st.integers(-10**80, 10**80) | st.floats() | names | st.lists(names, max_size=2)
"""A JSONL id or date as a scraper may write it: any JSON type, numbers of any size."""


def drafts(texts: st.SearchStrategy[str]) -> st.SearchStrategy[list[Draft]]:
    """Corpora of 1-3 articles with the given texts and hostile file names, titles, urls, ids and dates."""
    draft = st.builds(Draft, names, st.sampled_from(FORMATS), texts, st.none() | names, st.none() | urls,
                      json_values, json_values | st.dates().map(str))
    return st.lists(draft, min_size=1, max_size=3)


def write_corpus(corpus: list[Draft], folder: Path) -> None:
    """Each draft as a file named after it: text the reader can only get from JSONL (lone surrogates) goes to JSONL."""
    for number, draft in enumerate(corpus):
        fmt = "jsonl" if any("\ud800" <= c <= "\udfff" for c in draft.text + (draft.title or "")) else draft.format
        stem = "".join(c for c in draft.name if c not in "/\0" and not "\ud800" <= c <= "\udfff")[:40]
        path = folder / f"{number}-{stem}.{fmt}"
        if fmt == "jsonl":
            record = {"id": draft.ident if draft.ident is not None else draft.name, "text": draft.text,
                      "title": draft.title, "url": draft.url, "date": draft.date}
            path.write_text(json.dumps(record) + "\n", encoding="utf-8")
        elif fmt == "html":
            head = f"<title>{draft.title}</title>" if draft.title else ""
            head += f'<link rel="canonical" href="{draft.url}">' if draft.url else ""
            path.write_text(f"<html><head>{head}</head><body><p>{draft.text}</p>"
                            "<script>alert('kg')</script></body></html>", encoding="utf-8")
        else:
            path.write_text(draft.text, encoding="utf-8")


def build_graph(nlp, paths: list[Path], output: Path, version: str) -> list:
    """The whole pipeline on `paths`, checking the invariants of each step; the triples written to `output`."""
    articles = read_articles(paths).articles
    for article in articles:
        assert not UNSAFE_CHARACTERS.search(article.text + article.name + (article.title or ""))
        assert "alert('kg')" not in article.text  # scripts are not text
    extractions = []
    for article, doc in zip(articles, parse_texts(nlp, [a.text for a in articles]), strict=True):
        assert len(doc.text) == len(article.text)
        extraction = extract_article(article, doc, version)
        assert all(0 <= start <= end <= len(article.text) for start, end, _ in extraction.sentences)
        assert all(0 <= m.start <= m.end <= len(article.text) for m in extraction.mentions)
        extractions.append(extraction)
    triples = graph_triples(resolve(extractions))
    assert_valid_terms(triples)
    save_graph((ox.Triple(*t) for t in triples), output, format="ttl")
    assert reparse(output) == len(triples)
    return triples


def check_validates(graph: Path | ox.Store) -> None:
    """The graph conforms to ontology/shapes.ttl."""
    report = validate_graph(graph)
    assert report.conforms, report.lines()


@dataclass
class ShaclBatch:
    """Graphs of several examples validated in one pySHACL run; the corpora of those that fail."""

    store: ox.Store = field(default_factory=ox.Store)
    corpora: list[tuple[list[Draft], list]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def add(self, corpus: list[Draft], triples: list) -> None:
        """Add an example's triples, its IRIs suffixed with its number in the batch; validate every VALIDATE_EVERY."""
        suffix = f"_{len(self.corpora)}"
        self.store.extend(ox.Quad(*(apart(term, suffix) for term in triple)) for triple in triples)
        self.corpora.append((corpus, triples))
        if len(self.corpora) == VALIDATE_EVERY:
            self.validate()

    def validate(self) -> None:
        """Validate the batch; when it does not conform, record each failing example with its report."""
        if self.corpora and not validate_graph(self.store).conforms:
            for corpus, triples in self.corpora:
                alone = ox.Store()
                alone.extend(ox.Quad(*triple) for triple in triples)
                report = validate_graph(alone)
                if not report.conforms:
                    self.failures.append(f"{corpus!r}:\n" + "\n".join(report.lines()))
        self.store, self.corpora = ox.Store(), []


def apart(term: ox.Term, suffix: str) -> ox.Term:
    """A kg-minted IRI with `suffix` appended (ontology terms and literals as they are)."""
    if isinstance(term, ox.NamedNode) and term.value.startswith(BASE) and not term.value.startswith(ONTOLOGY_IRI):
        return ox.NamedNode(term.value + suffix)
    return term


def check_exports(graph: Path, folder: Path) -> None:
    """Every registered export format is written and read back by its own, independent reader; RDF
    formats give back the very triples (values, not only a count)."""
    store = load_graph(graph)
    for name in EXPORTERS:
        files = export_graph(store, folder / f"export.{name}", format=name)
        for path in files:
            read_back(path, store)


def read_back(path: Path, store: ox.Store) -> None:
    """Read one exported file with the reader of its format."""
    suffix = path.suffix.lstrip(".")
    if suffix in {"ttl", "nt", "nq", "trig", "jsonld", "xml"}:
        assert reparse(path) == len(store)
        fmt = ox.RdfFormat.RDF_XML if suffix == "xml" else ox.RdfFormat.from_extension(suffix)
        assert {quad.triple if isinstance(quad, ox.Quad) else quad for quad in ox.parse(path=str(path), format=fmt)} == {
            quad.triple for quad in store}, path
    elif suffix in {"graphml", "gexf"}:
        (nx.read_graphml if suffix == "graphml" else nx.read_gexf)(path)
    elif suffix == "csv":
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle, strict=True))
        assert len({len(row) for row in rows}) == 1, path
    elif suffix == "cypher":
        for line in path.read_text(encoding="utf-8").splitlines():
            assert line.endswith(";"), line  # one statement per line: no raw line break inside a value
            for start in (i + 1 for i, c in enumerate(line) if c == "{" and line[i + 1 : i + 6] == "uri: "):
                json.JSONDecoder().raw_decode(line, start + 5)
    else:
        raise AssertionError(f"no reader for {path}")


def run_examples(nlp, texts: st.SearchStrategy[str]) -> None:
    """Build a graph from each generated corpus; validate each (in batches), export every tenth."""
    version = pipeline_version(nlp)
    examples = itertools.count()
    batch = ShaclBatch()

    @FUZZ_SETTINGS
    @given(corpus=drafts(texts))
    def check(corpus: list[Draft]) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            (folder / "in").mkdir()
            write_corpus(corpus, folder / "in")
            graph = folder / "out" / "graph.ttl"
            batch.add(corpus, build_graph(nlp, [folder / "in"], graph, version))
            if next(examples) % FULL_EXPORT_EVERY == 0:
                check_exports(graph, folder / "out")

    check()
    batch.validate()
    assert not batch.failures, "\n\n".join(batch.failures)
    assert next(examples) >= EXAMPLES  # hypothesis ran them all (it stops early on an exhausted strategy)


@pytest.mark.model
@pytest.mark.filterwarnings("ignore:Dataset.default_context:DeprecationWarning")  # rdflib's own TriG/N-Quads parsers
def test_french_articles_with_hostile_names_build_valid_graphs(nlp):
    run_examples(nlp, french_texts)


@pytest.mark.model
@pytest.mark.filterwarnings("ignore:Dataset.default_context:DeprecationWarning")
def test_random_unicode_articles_build_valid_graphs(nlp):
    run_examples(nlp, unicode_texts)


def test_a_five_megabyte_line_is_skipped_by_the_size_cap(tmp_path):
    line = "Acme a racheté Beta pour 3 millions d'euros. " * 120_000
    (tmp_path / "huge.txt").write_text(line, encoding="utf-8")
    (tmp_path / "huge.jsonl").write_text(json.dumps({"text": line}) + "\n", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Acme a racheté Beta.", encoding="utf-8")
    report = read_articles(tmp_path)
    assert [article.name for article in report.articles] == ["ok.txt"]
    assert report.warnings == [
        f"{tmp_path / 'huge.jsonl'}:1: skipped: {len(line):,} characters, over the limit of 1,000,000",
        f"{tmp_path / 'huge.txt'}: skipped: {len(line.encode()):,} bytes, over the limit of 1,000,000 characters",
    ]


@pytest.mark.model
def test_a_line_longer_than_a_parse_chunk_builds_a_valid_graph(nlp, tmp_path):
    sentence = "Acme a racheté Beta pour 3 millions d'euros."
    line = (sentence + " " * 2000) * 75  # ~150k characters on one line, few tokens: parsed in two chunks
    (tmp_path / "long.txt").write_text(line, encoding="utf-8")
    triples = build_graph(nlp, [tmp_path / "long.txt"], tmp_path / "graph.ttl", pipeline_version(nlp))
    assert len(line) > 150_000 and triples
    check_validates(tmp_path / "graph.ttl")
