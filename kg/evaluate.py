"""`kg eval`: precision and recall of a built graph against a gold annotation (tests/gold/*.json).

Entities match when one of the graph entity's labels (rdfs:label, skos:prefLabel, skos:altLabel) equals
one of the gold entity's label or aliases, compared without accents, case or leading articles.
Facts are the graph's statement nodes: subject, predicate, object, and the roles of their event node.
Only facts of the properties the gold annotates are scored: those its "predicates" list names, else
those its facts and negatives use; the others are counted apart, neither right nor wrong.
A gold fact is found when an extracted fact has its subject, predicate and object and agrees on every
qualifier the gold fact gives ("with": work, purpose, date...). An extracted fact is correct when it
matches a gold fact on subject, predicate and object, agrees with it on the qualifiers both give, and
matches none of the gold "negatives" (facts that must not be extracted: negated or speculative).
Free-text qualifiers (purpose, quotes) match when most words of the shorter one are in the other.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.accents import strip_accents
from kg.errors import KgError
from kg.lexicon import class_families
from kg.namespace import PREFIXES
from kg.resolve import ENTITY_CLASSES, normalise
from kg.store import load_graph

_QUALIFIER_ALIASES = {"location": "locatedIn"}
"""Gold qualifier names → the ontology's role names (the gold README maps location to kg:locatedIn)."""
_VALUE_KEYS = ("value", "min", "max", "currency", "unit", "period")


@dataclass
class Score:
    """Precision and recall of one kind of item, with the items behind them."""

    correct: int
    extracted: int
    found: int
    gold: int
    false_positives: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    """Scores of a graph against one gold file."""

    entities: Score
    typed_entities: Score
    facts: Score
    negatives_extracted: list[str]
    unannotated: list[str] = field(default_factory=list)
    """Facts of properties the gold file does not annotate: neither right nor wrong by it."""

    def summary(self) -> str:
        rows = [("entities", self.entities), ("entities+type", self.typed_entities), ("facts", self.facts)]
        lines = [f"{'':14} {'P':>6} {'R':>6} {'F1':>6}   counts"]
        for name, s in rows:
            lines.append(f"{name:14} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}   "
                         f"{s.correct}/{s.extracted} correct, {s.found}/{s.gold} found")
        lines.append(f"negated or speculative facts extracted: {len(self.negatives_extracted)}")
        if self.unannotated:
            lines.append(f"facts of properties the gold does not annotate (not scored): {len(self.unannotated)}")
        return "\n".join(lines)


@dataclass(frozen=True)
class GraphFact:
    subject: frozenset[str]
    predicate: str
    object: Any
    qualifiers: tuple[tuple[str, Any], ...]
    sentence: str
    rule: str = ""

    def describe(self) -> str:
        quals = ", ".join(f"{k}={_show(v)}" for k, v in self.qualifiers)
        return f"{_show(self.subject)} {self.predicate} {_show(self.object)}" + (f" [{quals}]" if quals else "")


def evaluate(graph: str | os.PathLike[str] | ox.Store, gold: str | os.PathLike[str]) -> Evaluation:
    """Score `graph` against the gold file."""
    store = graph if isinstance(graph, ox.Store) else load_graph(graph)
    data = load_gold(gold)
    gold_entities = [_names(e["label"], e.get("aliases", [])) for e in data["entities"]]
    gold_types = [e["type"] for e in data["entities"]]
    entities = _graph_entities(store)
    annotated = set(data.get("predicates") or {f["p"] for f in (*data["facts"], *data.get("negatives", []))})
    facts = list(_graph_facts(store))
    return Evaluation(
        entities=_score_entities(entities, gold_entities, gold_types, typed=False, labels=data["entities"]),
        typed_entities=_score_entities(entities, gold_entities, gold_types, typed=True, labels=data["entities"]),
        facts=_score_facts([f for f in facts if f.predicate in annotated], data, gold_entities),
        negatives_extracted=[f.describe() for f in facts if any(_matches(f, n, data, strict=True) for n in data.get("negatives", []))],
        unannotated=[f"{f.describe()}  ← {f.sentence[:90]}" for f in facts if f.predicate not in annotated],
    )


@dataclass
class RuleTally:
    """How many of a rule's facts an annotation could judge, and how many it says are right."""

    judged: int = 0
    right: int = 0


def judge_gold_rules(graph: str | os.PathLike[str] | ox.Store, gold: str | os.PathLike[str]) -> dict[str, RuleTally]:
    """Each rule's facts of the properties the gold annotates, and how many are right as `kg eval`
    counts them (matching a gold fact on subject, predicate, object and shared qualifiers)."""
    store = graph if isinstance(graph, ox.Store) else load_graph(graph)
    data = load_gold(gold)
    annotated = set(data.get("predicates") or {f["p"] for f in (*data["facts"], *data.get("negatives", []))})
    tallies: dict[str, RuleTally] = {}
    for fact in _graph_facts(store):
        if fact.predicate not in annotated:
            continue
        tally = tallies.setdefault(fact.rule, RuleTally())
        tally.judged += 1
        tally.right += _correct(fact, data)
    return tallies


def load_gold(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a gold file; KgError (exit 2) when it is missing or not the gold format."""
    data = read_json(path, "gold file")
    if not isinstance(data, dict) or not isinstance(data.get("entities"), list) or not isinstance(data.get("facts"), list):
        raise KgError(f"{path}: a gold file needs 'entities' and 'facts' lists", exit_code=2)
    problem = gold_problem(data)
    if problem:
        raise KgError(f"{path}: {problem} is not in the gold format (see tests/gold/README.md)", exit_code=2)
    return data


def read_json(path: str | os.PathLike[str], what: str) -> Any:
    """A JSON file's content; KgError (exit 2) naming `what` when it is missing or not JSON."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KgError(f"{what} not found: {path}", exit_code=2) from None
    except (OSError, ValueError) as error:
        raise KgError(f"{path}: not a readable JSON {what}: {error}", exit_code=2) from None


def gold_problem(data: dict[str, Any]) -> str | None:
    """The first entity, fact or negative the scoring could not read (a missing label, a fact without
    a predicate, a qualifier that is neither text nor a value...), or None."""
    for number, entity in enumerate(data["entities"]):
        aliases = entity.get("aliases", []) if isinstance(entity, dict) else None
        if not (isinstance(entity, dict) and _texts(entity.get("label"), entity.get("type"))
                and isinstance(aliases, list) and _texts(*aliases)):
            return f"entity {number + 1}"
    for kind in ("facts", "negatives"):
        facts = data.get(kind, [])
        if not isinstance(facts, list):
            return f"'{kind}'"
        for number, fact in enumerate(facts):
            qualifiers = fact.get("with", {}) if isinstance(fact, dict) else None
            if not (isinstance(fact, dict) and _texts(fact.get("p"), fact.get("s")) and _gold_value(fact.get("o"))
                    and isinstance(qualifiers, dict) and all(map(_gold_value, qualifiers.values()))):
                return f"{kind[:-1]} {number + 1}"
    return None


def _texts(*values: Any) -> bool:
    return all(isinstance(value, str) and value for value in values)


def _gold_value(value: Any) -> bool:
    """An entity label, or a value / quote object of scalars."""
    return _texts(value) or isinstance(value, dict) and all(isinstance(v, (str, int, float)) and not isinstance(v, bool)
                                                          for v in value.values())


# ---------------------------------------------------------------- reading the graph


def _query(store: ox.Store, text: str) -> Iterable[Any]:
    return store.query(text, prefixes=PREFIXES)


def _graph_entities(store: ox.Store) -> dict[str, tuple[frozenset[str], str, str]]:
    """Entity IRI → (normalised labels, class local name, display label)."""
    entities: dict[str, tuple[set[str], str, str]] = {}
    classes = " ".join(f"kg:{c}" for c in sorted(ENTITY_CLASSES))
    for row in _query(store, f"""
        SELECT ?e ?class ?label WHERE {{
          VALUES ?class {{ {classes} }}
          ?e a ?class .
          {{ ?e rdfs:label ?label }} UNION {{ ?e skos:prefLabel ?label }} UNION {{ ?e skos:altLabel ?label }}
        }}"""):
        iri = row["e"].value
        kind = row["class"].value.rsplit("#", 1)[1]
        names, known, display = entities.setdefault(iri, (set(), kind, ""))
        if class_families().get(kind, kind) != kind:  # the narrower of two classes: kg:Union, not kg:Organization
            entities[iri] = (names, kind, display)
        names.add(normalise(row["label"].value))
    for row in _query(store, "SELECT ?e ?l WHERE { ?e rdfs:label ?l }"):
        if row["e"].value in entities:
            names, kind, _ = entities[row["e"].value]
            entities[row["e"].value] = (names, kind, row["l"].value)
    return {k: (frozenset(v[0]), v[1], v[2]) for k, v in entities.items()}


def _graph_facts(store: ox.Store) -> Iterable[GraphFact]:
    labels: dict[str, set[str]] = {}
    for row in _query(store, "SELECT ?x ?l WHERE { ?x rdfs:label|skos:prefLabel|skos:altLabel ?l }"):
        labels.setdefault(row["x"].value, set()).add(normalise(row["l"].value))
    values = _value_nodes(store)
    quotes = {row["q"].value: row["t"].value for row in _query(store, "SELECT ?q ?t WHERE { ?q a kg:Quotation ; kg:text ?t }")}
    roles: dict[str, list[tuple[str, Any]]] = {}
    for row in _query(store, "SELECT ?e ?role ?v WHERE { ?st kg:event ?e . ?e ?role ?v . FILTER(STRSTARTS(STR(?role), STR(kg:))) }"):
        role = row["role"].value.rsplit("#", 1)[1]
        roles.setdefault(row["e"].value, []).append((role, row["v"]))
    for row in _query(store, """
        SELECT ?st ?s ?p ?o ?e ?sentence ?rule WHERE {
          ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:sentence ?sentence ; kg:rule ?rule .
          OPTIONAL { ?st kg:event ?e }
        }"""):
        predicate = row["p"].value.rsplit("#", 1)[1]
        subject = _term_value(row["s"], labels, values)
        obj = _term_value(row["o"], labels, values)
        if predicate == "speaker" and row["s"].value in quotes:
            subject, obj = obj, {"quote": quotes[row["s"].value]}
        event = row["e"].value if row["e"] is not None else None
        own = (row["s"], row["o"])
        qualifiers = tuple(sorted(
            ((k, _term_value(v, labels, values)) for k, v in roles.get(event, []) if v not in own),
            key=lambda kv: (kv[0], _show(kv[1])),
        ))
        yield GraphFact(subject, predicate, obj, qualifiers, row["sentence"].value, row["rule"].value)


def _value_nodes(store: ox.Store) -> dict[str, dict[str, str]]:
    values: dict[str, dict[str, str]] = {}
    for row in _query(store, """
        SELECT ?v ?p ?x WHERE {
          { ?v a kg:MonetaryAmount } UNION { ?v a kg:Quantity }
          ?v ?p ?x . FILTER(?p IN (kg:value, kg:minValue, kg:maxValue, kg:currency, kg:unit, kg:period))
        }"""):
        key = {"minValue": "min", "maxValue": "max"}.get(row["p"].value.rsplit("#", 1)[1], row["p"].value.rsplit("#", 1)[1])
        values.setdefault(row["v"].value, {})[key] = row["x"].value
    return values


def _term_value(term: Any, labels: dict[str, set[str]], values: dict[str, dict[str, str]]) -> Any:
    if isinstance(term, ox.Literal):
        return term.value
    if term.value in values:
        return values[term.value]
    return frozenset(labels.get(term.value, {normalise(term.value.rsplit("/", 1)[-1])}))


# ---------------------------------------------------------------- scoring


def _names(label: str, aliases: Iterable[str]) -> frozenset[str]:
    return frozenset(normalise(n) for n in (label, *aliases))


def _score_entities(entities: dict[str, tuple[frozenset[str], str, str]], gold: list[frozenset[str]],
                    gold_types: list[str], *, typed: bool, labels: list[dict]) -> Score:
    found: set[int] = set()
    correct = 0
    false_positives = []
    for names, kind, display in entities.values():
        hits = [i for i, g in enumerate(gold) if names & g and (not typed or gold_types[i] == kind)]
        if hits:
            correct += 1
            found.update(hits)
        else:
            false_positives.append(f"{display} ({kind})")
    misses = [f"{labels[i]['label']} ({gold_types[i]})" for i in range(len(gold)) if i not in found]
    return Score(correct, len(entities), len(found), len(gold), sorted(false_positives), misses)


def _score_facts(facts: list[GraphFact], data: dict[str, Any], gold_entities: list[frozenset[str]]) -> Score:
    gold = data["facts"]
    found = {i for i, g in enumerate(gold) if any(_matches(f, g, data, strict=True) for f in facts)}
    correct = 0
    false_positives = []
    for fact in facts:
        if _correct(fact, data):
            correct += 1
        else:
            false_positives.append(f"{fact.describe()}  ← {fact.sentence[:90]}")
    misses = [json.dumps(gold[i], ensure_ascii=False) for i in range(len(gold)) if i not in found]
    return Score(correct, len(facts), len(found), len(gold), false_positives, misses)


def _correct(fact: GraphFact, data: dict[str, Any]) -> bool:
    """An extracted fact is right: it matches a gold fact on what both say, and no gold negative."""
    return any(_matches(fact, g, data, strict=False) for g in data["facts"]) and not any(
        _matches(fact, n, data, strict=True) for n in data.get("negatives", []))


def _matches(fact: GraphFact, gold: dict[str, Any], data: dict[str, Any], *, strict: bool) -> bool:
    """Whether an extracted fact is this gold fact: strict (recall) needs every gold qualifier;
    lenient (precision) needs agreement on the qualifiers both have."""
    if fact.predicate != gold["p"] or not _same(fact.subject, gold["s"], data) or not _same(fact.object, gold["o"], data):
        return False
    have = dict(fact.qualifiers)
    for key, expected in gold.get("with", {}).items():
        key = _QUALIFIER_ALIASES.get(key, key)
        if key not in have:
            if strict:
                return False
            continue
        if not _same(have[key], expected, data):
            return False
    return True


def _same(extracted: Any, expected: Any, data: dict[str, Any]) -> bool:
    if isinstance(expected, dict) and "quote" in expected:
        return isinstance(extracted, dict) and "quote" in extracted and _overlaps(extracted["quote"], expected["quote"])
    if isinstance(expected, dict):
        return isinstance(extracted, dict) and all(_same_value(extracted.get(k), expected[k]) for k in _VALUE_KEYS if k in expected)
    if isinstance(extracted, frozenset):
        names = _entity_names(expected, data)
        return bool(extracted & names)
    if isinstance(extracted, str):
        return _overlaps(extracted, str(expected)) or normalise(extracted) == normalise(str(expected))
    return False


def _entity_names(label: str, data: dict[str, Any]) -> frozenset[str]:
    for entity in data["entities"]:
        names = _names(entity["label"], entity.get("aliases", []))
        if normalise(label) in names:
            return names
    return frozenset({normalise(label)})


def _same_value(extracted: Any, expected: Any) -> bool:
    if extracted is None:
        return False
    try:
        return Decimal(str(extracted)) == Decimal(str(expected))
    except InvalidOperation:
        a, b = normalise(str(extracted)).split(), normalise(str(expected)).split()
        return bool(a and b) and a[0].rstrip("sx") == b[0].rstrip("sx")  # units by head word: "point" = "points de part de marché"


_WORD = re.compile(r"\w+")


def _overlaps(a: str, b: str, threshold: float = 0.6) -> bool:
    """Most words of the shorter text are in the longer one (free-text qualifiers, quotes)."""
    wa = set(_WORD.findall(strip_accents(a.lower())))
    wb = set(_WORD.findall(strip_accents(b.lower())))
    if not wa or not wb:
        return False
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return len(short & long_) / len(short) >= threshold


def _show(value: Any) -> str:
    if isinstance(value, frozenset):
        return "/".join(sorted(value)[:2])
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={v}" for k, v in sorted(value.items())) + "}"
    return str(value)
