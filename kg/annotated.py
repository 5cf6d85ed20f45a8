"""Scoring a graph against a corpus annotated with entities and relations (the POPCORN format).

An annotated corpus is a JSON object `{doc_id: {"text", "entities", "relations"}}`: each entity has a
type and mentions with character offsets, each relation is `[subject_id, RELATION, object_id]`. Build
the documents as articles whose `id` (JSONL) is the doc id (`kg.annotated.write_articles`), then score:

- **named entities**: gold people, organisations and places with at least one mention that is a name
  (a capitalised word that is not capitalised only because it starts a sentence). One is *found* when
  an entity mentioned in that article has the name among its labels (case, accents and leading
  articles folded), *typed* when that entity's class is in the gold family (person / organisation /
  place);
- **pairs**: two named gold entities of one document that some gold relation joins. A pair is *linked*
  when a fact of that article joins entities that match them, directly or through one event node, and
  *linked with the right family* when the fact's property (or event role) maps to one of the pair's
  gold relations (`ontology/eval/popcorn_families.tsv`);
- **link precision**: of the pairs of named gold entities of one document that the graph links, the
  share the gold relates.

Only documents built into the graph are scored, so a graph of the held-out part scores that part.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import KgError
from kg.evaluate import RuleTally, read_json
from kg.data import ONTOLOGY_DIR
from kg.lexicon import ontology
from kg.namespace import PREFIXES
from kg.resolve import normalise
from kg.store import load_graph

FAMILY_OF_TYPE = {
    "CIVILIAN": {"person"}, "MILITARY": {"person"},
    "TERRORIST_OR_CRIMINAL": {"person", "organisation"},
    "NON_GOVERNMENTAL_ORGANISATION": {"organisation"},
    "NON_MILITARY_GOVERNMENT_ORGANISATION": {"organisation"},
    "MILITARY_ORGANISATION": {"organisation"},
    "INTERGOVERNMENTAL_ORGANISATION": {"organisation"},
    "PLACE": {"place"},
}
"""Gold entity types that are named things, and the kg class family each belongs to."""
FAMILY_CLASSES = {"person": "Person", "organisation": "Organization", "place": "Place",
                  "product": "Product", "work": "CreativeWork", "event": "PublicEvent"}
"""Each family of named things and its kg class; subclasses count (kg:Union is an organisation). Gold
entities are people, organisations or places; the graph's products, works and events count as nodes."""
REPORTED_RELATIONS = (
    "IS_LOCATED_IN", "HAS_CONTROL_OVER", "OPERATES_IN", "IS_PART_OF", "IS_IN_CONTACT_WITH", "IS_AT_ODDS_WITH",
    "RESIDES_IN", "IS_OF_NATIONALITY", "IS_BORN_IN", "CREATED", "HAS_FAMILY_RELATIONSHIP", "IS_COOPERATING_WITH",
)
FAMILIES_FILE = ONTOLOGY_DIR / "eval" / "popcorn_families.tsv"
HELD_OUT_SHARE = 4
"""One document in this many (ranked by the sha256 of its id) is held out: looked at only to check that
a change generalises."""
_NOT_NAMES = frozenset("il elle ils elles on le la les l' un une ce cette ces son sa ses leur leurs".split())


@dataclass
class Document:
    """One annotated document: its text, named gold entities (id → entity) and related named pairs."""

    id: str
    text: str
    entities: dict[int, dict[str, Any]]
    names: dict[int, list[str]]
    """Each named entity's mentions that are names, as written."""
    relations: dict[frozenset[int], set[str]]
    mentions: frozenset[str] = frozenset()
    """Every annotated mention of the document, of any entity, compared as names are."""


@dataclass
class FamilyRow:
    """Counts for one gold relation (or for all of them)."""

    pairs: int = 0
    found: int = 0
    linked: int = 0
    right: int = 0
    claimed: int = 0
    claimed_right: int = 0

    def add(self, other: FamilyRow) -> None:
        for name in ("pairs", "found", "linked", "right", "claimed", "claimed_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class AnnotatedScore:
    """What `score_annotated` measured, with the items behind the figures for `--details`."""

    documents: int
    entities: int
    entities_found: int
    entities_typed: int
    nodes: int
    nodes_matching: int
    link_pairs: int
    link_pairs_related: int
    families: dict[str, FamilyRow]
    all_pairs: FamilyRow
    misses: list[str] = field(default_factory=list)
    false_links: list[str] = field(default_factory=list)
    missed_entities: list[str] = field(default_factory=list)
    mistyped_entities: list[str] = field(default_factory=list)
    unmatched_nodes: list[str] = field(default_factory=list)

    @property
    def link_precision(self) -> float:
        return _share(self.link_pairs_related, self.link_pairs)

    def figures(self) -> dict[str, float]:
        """The headline figures the targets are stated in."""
        return {
            "entities found": _share(self.entities_found, self.entities),
            "entities typed": _share(self.entities_typed, self.entities),
            "nodes matching an annotated mention": _share(self.nodes_matching, self.nodes),
            "pairs linked": _share(self.all_pairs.linked, self.all_pairs.pairs),
            "pairs linked with the right family": _share(self.all_pairs.right, self.all_pairs.pairs),
            "link precision": self.link_precision,
        }

    def summary(self) -> str:
        lines = [f"{self.documents} documents, {self.entities} named entities, {self.all_pairs.pairs} related named pairs"]
        lines += [f"{name:36} {value:.3f}" for name, value in self.figures().items()]
        lines.append("")
        lines.append(f"{'relation':26} {'pairs':>5} {'found':>6} {'linked':>7} {'right':>6} {'precision':>10}")
        for name, row in [*sorted(self.families.items(), key=lambda kv: -kv[1].pairs), ("all", self.all_pairs)]:
            precision = f"{_share(row.claimed_right, row.claimed):10.3f}" if row.claimed else f"{'-':>10}"
            lines.append(f"{name:26} {row.pairs:5} {_share(row.found, row.pairs):6.3f} {_share(row.linked, row.pairs):7.3f} "
                         f"{_share(row.right, row.pairs):6.3f} {precision}")
        lines.append("found: both entities found; linked: joined by a fact; right: by a fact of that relation's family;")
        lines.append("precision: of the named pairs joined by a fact of the family, the share the gold relates so")
        return "\n".join(lines)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


# ---------------------------------------------------------------- the corpus


def load_annotated(path: str | os.PathLike[str]) -> dict[str, dict[str, Any]]:
    """Read an annotated corpus; KgError (exit 2) when it is missing or not in the format."""
    data = read_json(path, "annotated corpus")
    if not is_annotated(data):
        raise KgError(f"{path}: an annotated corpus maps document ids to objects with 'text', 'entities' and 'relations'", exit_code=2)
    return data


def is_annotated(data: Any) -> bool:
    """Whether parsed JSON is an annotated corpus (rather than a kg gold file)."""
    return isinstance(data, dict) and bool(data) and all(
        isinstance(doc, dict) and isinstance(doc.get("text"), str) and isinstance(doc.get("entities"), list)
        and isinstance(doc.get("relations"), list) for doc in data.values()
    )


def held_out(ids: Iterable[str]) -> set[str]:
    """The held-out documents: the first quarter of the ids ranked by sha256 (a fixed, content-free split)."""
    ranked = sorted(ids, key=lambda i: hashlib.sha256(i.encode()).hexdigest())
    return set(ranked[: len(ranked) // HELD_OUT_SHARE])


def write_articles(corpus: dict[str, dict[str, Any]], ids: Iterable[str], path: str | os.PathLike[str]) -> None:
    """Write the documents as a JSONL file `kg build` reads, one article per document, id = doc id."""
    with open(path, "w", encoding="utf-8") as out:
        for doc_id in sorted(ids):
            out.write(json.dumps({"id": doc_id, "text": corpus[doc_id]["text"]}, ensure_ascii=False) + "\n")


class _Capitals:
    """Tells names from words capitalised by position: a sentence-initial word is a name only if the
    corpus never writes it in lower case."""

    def __init__(self, corpus: dict[str, dict[str, Any]]) -> None:
        self.lower = {w for doc in corpus.values() for w in re.findall(r"\w[\w'-]*", doc["text"]) if w[:1].islower()}

    def is_name(self, text: str, mention: dict[str, Any]) -> bool:
        words = str(mention.get("value", "")).split()
        initial = _starts_sentence(text, int(mention.get("start", 0)))
        for k, word in enumerate(words):
            bare = re.sub(r"^[ldLD]['’]", "", word)
            if not bare[:1].isupper() or bare.lower() in _NOT_NAMES:
                continue
            if k == 0 and initial and bare.lower() in self.lower:
                continue
            return True
        return False


def _starts_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'«“(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:"


def documents(corpus: dict[str, dict[str, Any]], ids: Iterable[str]) -> list[Document]:
    """The named entities and related named pairs of these documents."""
    capitals = _Capitals(corpus)
    docs = []
    for doc_id in sorted(ids):
        raw = corpus[doc_id]
        names = {
            e["id"]: [str(m["value"]) for m in e.get("mentions", []) if capitals.is_name(raw["text"], m)]
            for e in raw["entities"] if e.get("type") in FAMILY_OF_TYPE
        }
        named = {e["id"]: e for e in raw["entities"] if names.get(e["id"])}
        relations: dict[frozenset[int], set[str]] = defaultdict(set)
        for subject, relation, obj in raw["relations"]:
            if subject in named and obj in named and subject != obj:
                relations[frozenset((subject, obj))].add(relation)
        mentions = frozenset(normalise(str(m.get("value", ""))) for e in raw["entities"] for m in e.get("mentions", []))
        docs.append(Document(doc_id, raw["text"], named, {i: names[i] for i in named}, dict(relations), mentions))
    return docs


# ---------------------------------------------------------------- the graph


@dataclass
class _GraphDocument:
    """What the graph says about one article: its entities (IRI → names, family) and links."""

    entities: dict[str, tuple[frozenset[str], str | None, str]] = field(default_factory=dict)
    links: dict[frozenset[str], set[str]] = field(default_factory=lambda: defaultdict(set))
    facts: list[tuple[str, str, str, str]] = field(default_factory=list)
    """(subject IRI, property, object IRI, rule) of each statement."""


class _Graph:
    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def query(self, text: str) -> Iterable[Any]:
        return self.store.query(text, prefixes=PREFIXES)

    @cached_property
    def families(self) -> dict[str, str]:
        """Class IRI → family, through rdfs:subClassOf in the graph's classes and kg's ontology."""
        found: dict[str, str] = {}
        for family, local in FAMILY_CLASSES.items():
            for row in ontology().query(f"SELECT ?c WHERE {{ ?c rdfs:subClassOf* kg:{local} }}", prefixes=PREFIXES):
                found[row["c"].value] = family
        return found

    def documents(self) -> dict[str, _GraphDocument]:
        """Article name → what the graph says of it."""
        docs: dict[str, _GraphDocument] = defaultdict(_GraphDocument)
        names: dict[str, set[str]] = defaultdict(set)
        label: dict[str, str] = {}
        for row in self.query("SELECT ?e ?l ?p WHERE { ?e kg:mentionedIn ?a ; ?p ?l . VALUES ?p { rdfs:label skos:altLabel } }"):
            names[row["e"].value].add(normalise(row["l"].value))
            if row["p"].value.endswith("label"):
                label[row["e"].value] = row["l"].value
        family: dict[str, str | None] = {}
        for row in self.query("SELECT ?e ?c WHERE { ?e kg:mentionedIn ?a ; a ?c }"):
            family[row["e"].value] = family.get(row["e"].value) or self.families.get(row["c"].value)
        article_names = {row["a"].value: row["n"].value for row in self.query("SELECT ?a ?n WHERE { ?a a schema:NewsArticle ; schema:name ?n }")}
        for row in self.query("SELECT ?e ?a WHERE { ?e kg:mentionedIn ?a }"):
            e = row["e"].value
            docs[article_names.get(row["a"].value, row["a"].value)].entities[e] = (frozenset(names[e]), family.get(e), label.get(e, e))
        for row in self.query("""
            SELECT ?a ?s ?p ?o ?ev ?rule WHERE {
              ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?a ; kg:rule ?rule .
              OPTIONAL { ?st kg:event ?ev }
            }"""):
            doc = docs[article_names.get(row["a"].value, row["a"].value)]
            doc.links[frozenset((row["s"].value, row["o"].value))].add(_local(row["p"].value))
            doc.facts.append((row["s"].value, _local(row["p"].value), row["o"].value, row["rule"].value))
            if row["ev"] is not None:
                for role_row in self.query(f"SELECT ?r ?x WHERE {{ <{row['ev'].value}> ?r ?x . ?x kg:mentionedIn ?any }}"):
                    for other in (row["s"].value, row["o"].value):
                        if role_row["x"].value != other:
                            doc.links[frozenset((other, role_row["x"].value))].add("role:" + _local(role_row["r"].value))
        knowledge = [(row["s"].value, _local(row["p"].value), row["o"].value, row["rule"].value) for row in self.query(
            "SELECT ?s ?p ?o ?rule WHERE { ?st a kg:KnowledgeStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:rule ?rule }")]
        for doc in docs.values():  # reference facts hold in every article that names both entities
            for subject, prop, obj, rule_name in knowledge:
                if subject in doc.entities and obj in doc.entities:
                    doc.links[frozenset((subject, obj))].add(prop)
                    doc.facts.append((subject, prop, obj, rule_name))
        return docs


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def load_families(path: Path = FAMILIES_FILE) -> dict[str, tuple[str, ...]]:
    """kg property (or `role:NAME` of an event) → the gold relations it expresses, the main one first."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise KgError(f"cannot read {path}: {error.strerror}") from None
    mapping: dict[str, tuple[str, ...]] = {}
    for line in lines:
        if line.strip() and not line.startswith("#"):
            term, relations = line.split("\t")[:2]
            mapping[term] = tuple(relations.split(","))
    return mapping


# ---------------------------------------------------------------- scoring


def judge_rules(graph: str | os.PathLike[str] | ox.Store, corpus: str | os.PathLike[str] | dict[str, Any]) -> dict[str, RuleTally]:
    """Each rule's facts that join two named gold entities (judged), and how many the gold joins by a
    relation of the fact's family (right; by any relation for a property with no family)."""
    store = graph if isinstance(graph, ox.Store) else load_graph(graph)
    data = corpus if isinstance(corpus, dict) else load_annotated(corpus)
    built = _Graph(store).documents()
    families = load_families()
    tallies: dict[str, RuleTally] = defaultdict(RuleTally)
    for doc in documents(data, [i for i in data if i in built]):
        graph_doc = built[doc.id]
        gold_of: dict[str, set[int]] = defaultdict(set)
        for gid in doc.entities:
            for iri in _matches(doc.names[gid], graph_doc):
                gold_of[iri].add(gid)
        for subject, prop, obj, rule_name in graph_doc.facts:
            pairs = {frozenset((x, y)) for x in gold_of.get(subject, ()) for y in gold_of.get(obj, ()) if x != y}
            if not pairs:
                continue
            wanted = families.get(prop)
            related = set().union(*(doc.relations.get(pair, set()) for pair in pairs))
            tally = tallies[rule_name]
            tally.judged += 1
            tally.right += bool(related & set(wanted)) if wanted else bool(related)
    return dict(tallies)


def score_annotated(graph: str | os.PathLike[str] | ox.Store, corpus: str | os.PathLike[str] | dict[str, Any]) -> AnnotatedScore:
    """Score `graph` against the documents of the annotated `corpus` that it contains."""
    store = graph if isinstance(graph, ox.Store) else load_graph(graph)
    data = corpus if isinstance(corpus, dict) else load_annotated(corpus)
    return _score(_Graph(store).documents(), data)


def score_names(names: dict[str, list[tuple[str, str | None]]], corpus: str | os.PathLike[str] | dict[str, Any]) -> AnnotatedScore:
    """Score plain names found in each document (doc id → (name, family or None)) as if each were a
    graph entity: what another tool's named-entity recogniser finds and types (no links)."""
    data = corpus if isinstance(corpus, dict) else load_annotated(corpus)
    built = {doc_id: _GraphDocument({f"name:{n}": (frozenset({normalise(name)}), family, name) for n, (name, family) in enumerate(found)})
             for doc_id, found in names.items()}
    return _score(built, data)


def _score(built: dict[str, _GraphDocument], data: dict[str, Any]) -> AnnotatedScore:
    ids = [i for i in data if i in built]
    if not ids:
        raise KgError("the graph holds none of the annotated documents (articles are matched by name = document id)")
    families = load_families()
    rows: dict[str, FamilyRow] = {r: FamilyRow() for r in REPORTED_RELATIONS}
    total = FamilyRow()
    score = AnnotatedScore(len(ids), 0, 0, 0, 0, 0, 0, 0, rows, total)
    for doc in documents(data, ids):
        _score_document(doc, built[doc.id], families, score)
    return score


def _score_document(doc: Document, graph: _GraphDocument, families: dict[str, tuple[str, ...]], score: AnnotatedScore) -> None:
    match = {gid: _matches(doc.names[gid], graph) for gid in doc.entities}
    score.entities += len(doc.entities)
    for gid, entity in doc.entities.items():
        wanted = FAMILY_OF_TYPE[entity["type"]]
        if match[gid]:
            score.entities_found += 1
            typed = any(graph.entities[e][1] in wanted for e in match[gid])
            score.entities_typed += typed
            if not typed:
                found = ", ".join(f"{graph.entities[e][2]} ({graph.entities[e][1] or 'other'})" for e in match[gid])
                score.mistyped_entities.append(f"{doc.id}: {_gold_name(doc.names[gid])} ({entity['type']}) as {found}")
        else:
            score.missed_entities.append(f"{doc.id}: {_gold_name(doc.names[gid])} ({entity['type']})")
    for iri, (labels, family, label) in graph.entities.items():
        if family is not None:  # a person, organisation, place, product, work or event of the graph
            score.nodes += 1
            score.nodes_matching += bool(labels & doc.mentions) or any(iri in iris for iris in match.values())
            if not labels & doc.mentions and not any(iri in iris for iris in match.values()):
                score.unmatched_nodes.append(f"{doc.id}: {label} ({family})")
    gold_of: dict[str, set[int]] = defaultdict(set)
    for gid, iris in match.items():
        for iri in iris:
            gold_of[iri].add(gid)
    for pair, relations in doc.relations.items():
        a, b = tuple(pair)
        linked = {p for x in match[a] for y in match[b] if x != y for p in graph.links.get(frozenset((x, y)), ())}
        right = any(relations & set(families.get(p, ())) for p in linked)
        row = FamilyRow(1, bool(match[a] and match[b]), bool(linked), right)
        score.all_pairs.add(row)
        for relation in relations:
            if relation in score.families:
                score.families[relation].add(FamilyRow(1, row.found, row.linked, _right(relation, linked, families)))
        if not linked:
            why = "" if row.found else " (an entity is not found)"
            score.misses.append(f"{doc.id}: {_gold_name(doc.names[a])} —{'/'.join(sorted(relations))}— {_gold_name(doc.names[b])}{why}")
    seen: set[frozenset[int]] = set()
    for link, properties in graph.links.items():
        golds = [gold_of.get(iri, set()) for iri in link]
        if len(link) != 2 or not all(golds):
            continue
        pairs = {frozenset((x, y)) for x in golds[0] for y in golds[1] if x != y}
        for pair in pairs - seen:
            seen.add(pair)
            relations = doc.relations.get(pair, set())
            score.link_pairs += 1
            score.link_pairs_related += bool(relations)
            for p in properties:  # a link counts for its property's first relation, right if any of them holds
                mapped = families.get(p)
                if mapped and (primary := mapped[0]) in score.families:
                    score.families[primary].claimed += 1
                    score.families[primary].claimed_right += bool(set(mapped) & relations)
            if not relations:
                names = " — ".join(_gold_name(doc.names[g]) for g in sorted(pair))
                score.false_links.append(f"{doc.id}: {names} [{', '.join(sorted(properties))}]")


def _right(relation: str, linked: set[str], families: dict[str, tuple[str, ...]]) -> bool:
    return any(relation in families.get(p, ()) for p in linked)


def _matches(names: list[str], graph: _GraphDocument) -> list[str]:
    """The graph entities of the article that carry one of these names, whole or from its first
    capitalised word ("région de Kano" is also "Kano")."""
    wanted = {normalise(n) for n in names} | {normalise(m.group()) for n in names if (m := _FROM_CAPITAL.search(n))}
    wanted.discard("")
    return sorted(iri for iri, (labels, _, _) in graph.entities.items() if labels & wanted)


_FROM_CAPITAL = re.compile(r"(?<=\s)[A-ZÀ-Ý].*$")


def _gold_name(names: list[str]) -> str:
    return Counter(names).most_common(1)[0][0]
