"""Extraction: one article → its mentions and facts, read from the dependency parse.

`extract_article(article, doc, version)` is a pure function of the article and the pipeline version, and its
result is plain data (JSON-ready), so extraction can run on many processes, be cached by content hash,
or run on a cluster; resolution across articles (kg.resolve) is a separate step.

Extraction is a registry of small named rules (kg.extract.registry), one module per frame: entity
mentions, coreference, verb clauses, nominalisations, relational nouns, locatives, measures, job
postings, events, publications, names and quotations. Their words and patterns are data files in
ontology/lexicon/. References inside the article are settled here, because they need the article's
order of mention.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.articles import Article
from kg.extract import (  # noqa: F401  (importing a frame registers its rules, in this order)
    mentions, coreference, relational, verbs, nominal, locatives, postings, measures, events, publications, names,
    quotations, scene,
)
from kg.extract.context import Context
from kg.extract.model import Extraction, Fact, Mention, article_metadata
from kg.extract.registry import RULES, run_rules

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Extraction", "Fact", "Mention", "RULES", "article_metadata", "extract_article"]


def extract_article(article: Article, doc: Doc, version: str) -> Extraction:
    """Mentions and facts of one parsed article (`doc` is the pipeline's output on its prepared text)."""
    ctx = Context(article, doc)
    run_rules(ctx)
    return Extraction(article_metadata(article), version, ctx.sentence_bounds, ctx.mentions, ctx.facts)
