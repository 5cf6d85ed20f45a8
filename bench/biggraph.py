"""A synthetic graph of any size in exactly the shape `kg build` writes, to measure kg on a million triples.

Articles (schema:NewsArticle), entities of the kg classes with rdfs:label, skos:prefLabel, skos:altLabel
and kg:mentionedIn, direct fact triples, n-ary event nodes, value nodes (kg:MonetaryAmount, kg:Quantity),
job postings with salaries, and one rdf:Statement per asserted fact with its article, sentence, offsets,
rule and confidence. Which entities take part in a fact is drawn from a skewed distribution, so a few
hubs collect thousands of links and most entities have one or two, as in a real corpus.
The triples are streamed to Oxigraph's Turtle serializer: a million take seconds and little memory.

    python bench/biggraph.py --triples 1000000 --out output/big/graph.ttl
"""
from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.files import atomic_write
from kg.namespace import ENT, EVENT, KG, PREFIXES, PROV, RDF, RDFS, SDO, SKOS, SRC, STMT, XSD

TRIPLES_PER_ARTICLE = 250
"""One article per this many triples: about 15 facts an article, as the seeds give."""
TRIPLES_PER_ENTITY = 30
ARTICLE_LENGTH = 10_000
"""Characters of every generated article: statements' offsets fall inside it."""
PARENTS = 100
"""kg:parentOrganization links a subsidiary to one of this many big groups, as in the news: a forest,
not a web (a random web makes `kg:parentOrganization*` reach everything)."""
SKEW = 3.0
"""Entity i is drawn with probability ∝ the density of u**SKEW: the first few are hubs."""

CLASS_SHARE = {
    "Organization": 30, "Person": 25, "Place": 8, "Technology": 6, "Product": 8, "VideoGame": 5,
    "Movie": 4, "Role": 3, "Union": 2, "JobPosting": 9,
}
"""Relative number of entities of each kg class."""

SYLLABLES = "ba be bo da de di fa fe ka ko la le li lo ma me mi mo na ne no ra re ri ro sa se so ta te ti to va vo za".split()


def node(namespace: object, local: str) -> ox.NamedNode:
    return ox.NamedNode(f"{namespace}{local}")


def term(vocabulary_term: object) -> ox.NamedNode:
    return ox.NamedNode(str(vocabulary_term))


A, LABEL, PREF, ALT = term(RDF.type), term(RDFS.label), term(SKOS.prefLabel), term(SKOS.altLabel)
INTEGER, DECIMAL, DATE = term(XSD.integer), term(XSD.decimal), term(XSD.date)
P = {name: term(getattr(KG, name)) for name in KG.__annotations__}
"""kg terms by local name."""


def fr(text: str) -> ox.Literal:
    return ox.Literal(text, language="fr")


def short_hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Entity:
    iri: ox.NamedNode
    label: str


@dataclass(frozen=True)
class Rule:
    """A kind of fact: the predicate, the classes of subject and object, and what it adds beside the triple."""

    predicate: str
    subject: str
    object: str
    verb: str
    event: str | None = None


RULES = (
    Rule("uses", "Organization", "Technology", "utilise", "TechnologyUse"),
    Rule("ceoOf", "Person", "Organization", "dirige", "Appointment"),
    Rule("hasRole", "Person", "Role", "est", "Appointment"),
    Rule("worksFor", "Person", "Organization", "travaille pour"),
    Rule("launched", "Organization", "Product", "a lancé", "ProductLaunch"),
    Rule("launched", "Organization", "VideoGame", "a sorti", "ProductLaunch"),
    Rule("acquired", "Organization", "Organization", "a racheté", "Acquisition"),
    Rule("investsIn", "Organization", "Technology", "investit dans", "Investment"),
    Rule("partnerOf", "Organization", "Organization", "s'associe à"),
    Rule("parentOrganization", "Organization", "Organization", "est une filiale de"),
    Rule("locatedIn", "Organization", "Place", "est installé à"),
    Rule("onStrikeIn", "Union", "Place", "est en grève à"),
    Rule("advertises", "Organization", "JobPosting", "recrute un"),
    Rule("revenue", "Organization", "MonetaryAmount", "a réalisé un chiffre d'affaires de", "FinancialResult"),
)


class GraphWriter:
    """Draws articles, entities and facts with one seeded random generator and yields their triples."""

    def __init__(self, n_triples: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.budget = n_triples
        self.articles = [self.new_article(i) for i in range(max(1, n_triples // TRIPLES_PER_ARTICLE))]
        n_entities = max(len(CLASS_SHARE), n_triples // TRIPLES_PER_ENTITY)
        total = sum(CLASS_SHARE.values())
        self.entities = {kind: [self.new_entity(kind, i) for i in range(max(1, n_entities * share // total))]
                         for kind, share in CLASS_SHARE.items()}
        self.asserted: set[tuple[str, str, str]] = set()
        self.subsidiaries: set[str] = set()

    def new_article(self, number: int) -> ox.NamedNode:
        return node(SRC, f"{number:06d}_{short_hash('article', number)}")

    def new_entity(self, kind: str, number: int) -> Entity:
        words = [("".join(self.rng.choices(SYLLABLES, k=self.rng.randint(2, 4)))).capitalize()
                 for _ in range(1 if kind in {"Organization", "Technology", "Place"} else 2)]
        label = " ".join(words) if kind != "JobPosting" else f"ingénieur {words[0].lower()}"
        slug = "_".join(word.lower() for word in label.split()) + f"_{number}"
        return Entity(node(ENT, slug), label)

    def pick(self, kind: str) -> Entity:
        """An entity of `kind`, hubs far more often than the rest."""
        pool = self.entities[kind]
        return pool[int(len(pool) * self.rng.random() ** SKEW)]

    def pick_subsidiary(self) -> Entity | None:
        """An organisation without a parent yet, outside the PARENTS biggest: groups are one level deep."""
        pool = self.entities["Organization"]
        candidate = pool[self.rng.randrange(min(PARENTS, len(pool) - 1), len(pool))]
        if candidate.iri.value in self.subsidiaries:
            return None
        self.subsidiaries.add(candidate.iri.value)
        return candidate

    def pick_parent(self) -> Entity:
        """One of the PARENTS biggest organisations, the biggest most often."""
        return self.entities["Organization"][int(min(PARENTS, len(self.entities["Organization"])) * self.rng.random() ** SKEW)]

    def pick_article(self) -> ox.NamedNode:
        return self.articles[int(len(self.articles) * self.rng.random() ** 1.5)]

    def triples(self) -> Iterator[ox.Triple]:
        """Articles, entities, then facts until `n_triples` are written; whole facts only, so it may be a few more."""
        count = 0
        for part in (self.article_triples(), self.entity_triples(), self.fact_triples()):
            for unit in part:
                count += len(unit)
                yield from (ox.Triple(*triple) for triple in unit)
                if count >= self.budget:
                    return

    def article_triples(self) -> Iterator[list[tuple]]:
        for article in self.articles:
            number = article.value.rsplit("/", 1)[1].split("_")[0]
            yield [
                (article, A, term(SDO.NewsArticle)),
                (article, term(SDO.name), ox.Literal(f"{number}.txt")),
                (article, P["sha256"], ox.Literal(hashlib.sha256(article.value.encode()).hexdigest())),
                (article, P["length"], ox.Literal(str(ARTICLE_LENGTH), datatype=INTEGER)),
                (article, term(SDO.datePublished), ox.Literal(f"2025-{1 + int(number) % 12:02d}-{1 + int(number) % 28:02d}", datatype=DATE)),
            ]

    def entity_triples(self) -> Iterator[list[tuple]]:
        for kind, pool in self.entities.items():
            for rank, entity in enumerate(pool):
                triples = [(entity.iri, A, P[kind]), (entity.iri, LABEL, ox.Literal(entity.label)), (entity.iri, PREF, ox.Literal(entity.label))]
                if self.rng.random() < 0.3:
                    triples.append((entity.iri, ALT, ox.Literal(entity.label.split()[-1].upper())))
                hub_mentions = int(len(self.articles) * 0.2 / (1 + rank))
                triples += [(entity.iri, P["mentionedIn"], article) for article in sorted(
                    {self.pick_article() for _ in range(1 + min(hub_mentions, 200))}, key=str)]
                if kind == "JobPosting":
                    triples += self.job_details(entity)
                yield triples

    def job_details(self, job: Entity) -> list[tuple]:
        """A job posting's title, employer and field, and its salary: a value node and a sourced fact."""
        triples = [(job.iri, P["jobTitle"], ox.Literal(job.label)),
                   (job.iri, P["hiringOrganization"], self.pick("Organization").iri),
                   (job.iri, P["field"], self.pick("Technology").iri)]
        low = self.rng.randrange(30, 90) * 1000
        label = f"de {low} à {low + 20000} euros par an"
        salary, value_triples = self.money(label, minimum=low, maximum=low + 20000)
        statement, fact_triples = self.assert_fact(job, "salary", Entity(salary, label), "offre un salaire", "salary-value")
        return triples + value_triples + fact_triples

    def money(self, label: str, *, value: int | None = None, minimum: int | None = None,
              maximum: int | None = None) -> tuple[ox.NamedNode, list[tuple]]:
        """A kg:MonetaryAmount value node and its triples."""
        amount = node(EVENT, f"money_{short_hash(label, self.rng.random())}")
        triples = [(amount, A, P["MonetaryAmount"]), (amount, LABEL, ox.Literal(label)), (amount, P["currency"], ox.Literal("EUR"))]
        for prop, number in (("value", value), ("minValue", minimum), ("maxValue", maximum)):
            if number is not None:
                triples.append((amount, P[prop], ox.Literal(str(number), datatype=DECIMAL)))
        if minimum is not None:
            triples.append((amount, P["period"], ox.Literal("year")))
        return amount, triples

    def fact_triples(self) -> Iterator[list[tuple]]:
        while True:
            triples = list(self.fact(self.rng.choice(RULES)))
            if triples:
                yield triples

    def fact(self, rule: Rule) -> Iterator[tuple]:
        """One fact: its direct triple, its statement node and, for n-ary facts, the event node."""
        subject = self.pick(rule.subject) if rule.predicate != "parentOrganization" else self.pick_subsidiary()
        if subject is None:
            return
        extra: list[tuple] = []
        if rule.object == "MonetaryAmount":
            millions = self.rng.randrange(5, 9000)
            obj_iri, extra = self.money(f"{millions} millions d'euros", value=millions * 1_000_000)
            obj = Entity(obj_iri, f"{millions} millions d'euros")
        elif rule.predicate == "parentOrganization":
            obj = self.pick_parent()
        else:
            obj = self.pick(rule.object)
        key = (subject.iri.value, rule.predicate, obj.iri.value)
        if key in self.asserted or subject == obj:
            return
        self.asserted.add(key)
        yield from extra
        statement, triples = self.assert_fact(subject, rule.predicate, obj, rule.verb, f"{rule.predicate}-{rule.event or 'direct'}")
        yield from triples
        if rule.event:
            event = node(EVENT, f"{rule.event[0].lower()}{rule.event[1:]}_{short_hash(statement.value)}")
            yield statement, P["event"], event
            yield from self.event(rule, event, subject, obj, f"{subject.label} {rule.predicate} {obj.label}")

    def assert_fact(self, subject: Entity, predicate: str, obj: Entity, verb: str, rule: str) -> tuple[ox.NamedNode, list[tuple]]:
        """The direct triple and its rdf:Statement: article, sentence, offsets, rule and confidence."""
        article = self.pick_article()
        sentence = f"{subject.label} {verb} {obj.label}, selon nos informations."
        start = self.rng.randrange(0, ARTICLE_LENGTH // 2)
        statement = node(STMT, short_hash(article.value, subject.iri.value, predicate, obj.iri.value))
        return statement, [
            (subject.iri, P[predicate], obj.iri),
            (statement, A, term(RDF.Statement)),
            (statement, term(RDF.subject), subject.iri),
            (statement, term(RDF.predicate), P[predicate]),
            (statement, term(RDF.object), obj.iri),
            (statement, term(PROV.wasDerivedFrom), article),
            (statement, P["sentence"], fr(sentence)),
            (statement, P["startChar"], ox.Literal(str(start), datatype=INTEGER)),
            (statement, P["endChar"], ox.Literal(str(start + len(sentence)), datatype=INTEGER)),
            (statement, P["rule"], ox.Literal(rule)),
            (statement, P["confidence"], ox.Literal(f"0.{self.rng.randrange(5, 10)}", datatype=DECIMAL)),
        ]

    def event(self, rule: Rule, event: ox.NamedNode, subject: Entity, obj: Entity, label: str) -> Iterator[tuple]:
        """The n-ary event node with its roles, as kg.graph writes it for each event class."""
        yield event, A, P[rule.event]
        roles: dict[str, Callable[[], Iterator[tuple]]] = {
            "TechnologyUse": lambda: iter([(event, P["agent"], subject.iri), (event, P["technology"], obj.iri),
                                           (event, P["work"], self.pick(self.rng.choice(["VideoGame", "Movie"])).iri)]),
            "Appointment": lambda: iter([(event, P["person"], subject.iri),
                                         (event, P["role"] if rule.object == "Role" else P["organization"], obj.iri)]),
            "ProductLaunch": lambda: iter([(event, P["agent"], subject.iri), (event, P["object"], obj.iri),
                                           (event, P["date"], ox.Literal(f"2025-{self.rng.randrange(1, 13):02d}-01", datatype=DATE))]),
            "FinancialResult": lambda: self.financial_roles(event, subject),
        }
        yield from roles.get(rule.event, lambda: iter([(event, P["agent"], subject.iri), (event, P["object"], obj.iri)]))()
        if rule.event == "FinancialResult":
            yield event, P["amount"], obj.iri
        yield event, LABEL, ox.Literal(label)

    def financial_roles(self, event: ox.NamedNode, organization: Entity) -> Iterator[tuple]:
        change = node(EVENT, f"percent_{short_hash(event.value)}")
        percent = self.rng.randrange(-30, 40)
        yield change, A, P["Quantity"]
        yield change, LABEL, ox.Literal(f"{percent} %")
        yield change, P["value"], ox.Literal(str(percent), datatype=DECIMAL)
        yield change, P["unit"], ox.Literal("percent")
        yield event, P["organization"], organization.iri
        yield event, P["change"], change
        yield event, P["metric"], ox.Literal("revenue")
        yield event, P["period"], ox.Literal(self.rng.choice(["quarter", "year"]))


def write_big_graph(n_triples: int, path: Path, *, seed: int = 0) -> Path:
    """Write a graph of `n_triples` triples in kg's shape to the Turtle file `path` (atomically); the same
    seed gives the same file."""
    with atomic_write(path, binary=True) as handle:
        ox.serialize(GraphWriter(n_triples, seed).triples(), handle, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return Path(path)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, required=True, help="how many triples to write")
    parser.add_argument("--out", type=Path, required=True, help="Turtle file to write")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(write_big_graph(args.triples, args.out, seed=args.seed))


if __name__ == "__main__":
    main()
