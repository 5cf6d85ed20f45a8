"""The map step of a build: parse a batch of articles and extract each, wherever it runs (in the build's
own process, a forked build process or a dask worker). It lives apart from kg.build and kg.distributed,
which both run it, so neither imports the other for it.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from kg.articles import Article

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.extract import Extraction


def parse_and_extract(nlp: Language, articles: Sequence[Article], version: str) -> Iterator[Extraction]:
    """The per-article map step, wherever it runs (here, in a build process or on a dask worker):
    parse, then extract."""
    from kg.extract import extract_article
    from kg.nlp import parse_texts

    docs = parse_texts(nlp, (a.text for a in articles), dates=(a.date for a in articles))
    return (extract_safely(extract_article, article, doc, version) for article, doc in zip(articles, docs))


FAILED = "extraction_failed"
"""Key of the article metadata of an extraction that raised: why (the build skips that article)."""


def extract_safely(extract: Callable[..., Extraction], article: Article, doc: object, version: str) -> Extraction:
    """`extract(article, doc, version)`, or, when it raises (a bug one article's text sets off), an
    empty extraction whose metadata says why, so that the build skips that one article with a warning
    instead of stopping the corpus (and, cached, stopping it forever). Plain data: it comes back the
    same from a build process or a dask worker."""
    try:
        return extract(article, doc, version)
    except Exception as error:  # any bug one article sets off
        from kg.extract import Extraction, article_metadata

        return Extraction(article_metadata(article) | {FAILED: f"{type(error).__name__}: {error}"[:200]}, version, [], [], [])
