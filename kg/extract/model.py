"""What extraction produces: plain, JSON-ready data (mentions, facts, the article's extraction), so it
can cross process boundaries, be cached by content hash, or come back from a cluster."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from kg.articles import Article

NAMED_EVIDENCE = ("kb", "ner", "title", "trigger", "version", "subsidiary", "honorific", "kin", "name", "head", "institution")
"""Evidence prefixes of mentions that are names (not descriptions, roles, values or quotations)."""


@dataclass
class Mention:
    """A stretch of the article that names or describes something (an entity, a value, a quotation)."""

    id: int
    start: int
    end: int
    text: str
    label: str
    evidence: str
    sentence: int
    kb_id: str | None = None
    refs: list[int] = field(default_factory=list)
    value: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_named(self) -> bool:
        return self.evidence.startswith(NAMED_EVIDENCE)


@dataclass
class Fact:
    """One asserted triple (subject and object are mention ids) and the n-ary event it belongs to.

    `sentence` states the fact; `support` lists the other sentences it was read from (where a pronoun's
    antecedent or an inherited place was named), so provenance names every sentence used."""

    predicate: str
    subject: int
    object: int
    sentence: int
    rule: str
    confidence: float
    event: str | None = None
    roles: dict[str, int | str] = field(default_factory=dict)
    support: list[int] = field(default_factory=list)


@dataclass
class Extraction:
    """Everything read from one article: its metadata, sentences, mentions and facts."""

    article: dict[str, Any]
    version: str
    sentences: list[tuple[int, int, str]]
    mentions: list[Mention]
    facts: list[Fact]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        return cls(
            article=data["article"],
            version=data["version"],
            sentences=[tuple(s) for s in data["sentences"]],
            mentions=[Mention(**m) for m in data["mentions"]],
            facts=[Fact(**f) for f in data["facts"]],
        )


def article_metadata(article: Article) -> dict[str, Any]:
    """The JSON-ready description of an article that the graph needs."""
    return {
        "id": article.id, "name": article.name, "source": article.source, "title": article.title,
        "url": article.url, "date": article.date.isoformat() if article.date else None,
        "sha256": article.sha256, "length": len(article.text),
    }
