"""`kg build`: articles → output/graph.ttl, the whole data flow in one call.

read (kg.articles) → parse (kg.nlp) → extract per article (kg.extract) → resolve across articles
(kg.resolve) → triples (kg.graph) → an atomic, byte-stable Turtle file (kg.store). A lock file beside
the output keeps two builds from writing the same graph at once.
"""
from __future__ import annotations

import fcntl
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from kg.articles import Article, read_articles
from kg.errors import KgError

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.extract import Extraction

DEFAULT_OUTPUT = Path("output/graph.ttl")
T = TypeVar("T")


@dataclass
class BuildReport:
    """What a build did: for the closing summary and for tests."""

    output: Path
    articles: int
    warnings: list[str] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)
    facts: int = 0
    triples: int = 0


def build(
    paths: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str] = DEFAULT_OUTPUT,
    *,
    nlp: Language | None = None,
    progress: Callable[[Iterable[T], int], Iterable[T]] | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> BuildReport:
    """Build the graph of the articles under `paths` into `output` (Turtle).

    Unreadable inputs are skipped with a warning; raises KgError when no article could be read, when
    the model is missing, or when another build holds the output's lock.
    """
    target = Path(output)
    reading = read_articles(paths)
    for warning in reading.warnings:
        (on_warning or (lambda _: None))(warning)
    if not reading.articles:
        raise KgError(f"no articles could be read from {', '.join(map(str, paths))}", exit_code=1)
    with build_lock(target):
        extractions = extract_articles(reading.articles, nlp=nlp, progress=progress)
        return write_graph(extractions, target, warnings=reading.warnings)


def extract_articles(
    articles: Sequence[Article],
    *,
    nlp: Language | None = None,
    progress: Callable[[Iterable[T], int], Iterable[T]] | None = None,
) -> list[Extraction]:
    """Parse and extract every article (the model is loaded once, here, if not given)."""
    from kg.extract import extract_article
    from kg.nlp import load_pipeline, parse_texts, pipeline_version

    nlp = nlp or load_pipeline()
    version = pipeline_version(nlp)
    docs = parse_texts(nlp, (a.text for a in articles))
    pairs: Iterable[tuple[Article, object]] = zip(articles, docs)
    if progress is not None:
        pairs = progress(pairs, len(articles))
    return [extract_article(article, doc, version) for article, doc in pairs]


def write_graph(extractions: list[Extraction], output: Path, *, warnings: list[str] | None = None) -> BuildReport:
    """Resolve entities across the extractions and write the graph atomically."""
    import pyoxigraph as ox

    from kg.graph import graph_triples
    from kg.resolve import resolve
    from kg.store import save_graph

    resolution = resolve(extractions)
    triples = graph_triples(resolution)
    save_graph((ox.Triple(*t) for t in triples), output, format="ttl")
    return BuildReport(
        output=output,
        articles=len(extractions),
        warnings=list(warnings or []),
        entities=Counter(e.type for e in resolution.entities.values()),
        facts=sum(len(e.facts) for e in extractions),
        triples=len(triples),
    )


@contextmanager
def build_lock(output: Path) -> Iterator[None]:
    """Hold `output`.lock exclusively; a second build on the same output fails at once, clearly."""
    lock_path = output.with_name(output.name + ".lock")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path, "a")
    except OSError as error:
        raise KgError(f"cannot write {output}: {error.strerror or error}", exit_code=2) from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise KgError(f"another kg build is writing {output} (lock {lock_path}); try again when it ends") from None
        yield
