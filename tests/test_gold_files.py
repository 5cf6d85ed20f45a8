"""The gold annotations (tests/gold/*.json) are well formed and agree with the ontology and the texts.

`kg eval` measures extraction against these files, so a typo in them (an undeclared label, a predicate
the ontology lacks, a quote the article does not contain) would silently skew every score.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

import jsonschema
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.namespace import KG, PREFIXES

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "gold"
GOLD_FILES = ["seeds.json", "articles.json"]
ARTICLES_DIR = ROOT / "tests" / "data" / "articles"
ONTOLOGY = Namespace(PREFIXES["kg"])

VALUE_PREDICATES = {"revenue": "amount", "salary": "amount", "gained": "quantity", "speaker": "quote"}
"""Predicates whose object is a value (an amount, a quantity, a quote), not an entity label."""
ENTITY_ROLES = {"work", "technology", "location", "role", "organization", "statedBy", "participant"}
"""Qualifiers ("with" keys) whose value is an entity label."""
ROLE_TERMS = {"location": "locatedIn"}
"""Qualifiers named differently from the ontology property that carries them."""
LABELLED_BY_OWNER = {"JobPosting", "Report"}
"""Types whose label is '<text as written> (<organisation>)'."""
XSD_DATE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}(-\d{2})?)$")


def normalize_text(text: str) -> str:
    """Fold case, accents, apostrophes and spacing so that unaccented scraped text still matches."""
    text = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "OE"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’‘`´]", "'", text)
    text = re.sub(r"[“”«»]", '"', text)
    text = re.sub(r"\s+", " ", text)
    return re.sub(r" (?=[:;!?%])", "", text).casefold().strip()


def contains_words(text: str, words: str) -> bool:
    """Whether `words` occurs in `text` as whole words, after normalization, each word maybe plural (-s, -x)."""
    parts = re.split(r"(\W+)", normalize_text(words))
    body = "".join(re.escape(part) + ("(?:s|x)?" if i % 2 == 0 and part else "") for i, part in enumerate(parts))
    pattern = r"(?<!\w)" + body + r"(?!\w)"
    return re.search(pattern, normalize_text(text)) is not None


@cache
def load_gold(name: str) -> dict:
    """One gold file, parsed."""
    return json.loads((GOLD_DIR / name).read_text(encoding="utf-8"))


@cache
def read_article(path: str) -> str:
    """An article's text, from its repository-relative path."""
    return (ROOT / path).read_text(encoding="utf-8")


@cache
def load_ontology() -> Graph:
    """ontology/kg.ttl as an rdflib graph."""
    return Graph().parse(ROOT / "ontology" / "kg.ttl", format="turtle")


def superclasses(cls: URIRef) -> set[URIRef]:
    """The class and every class it is (transitively) a subclass of."""
    return set(load_ontology().transitive_objects(cls, RDFS.subClassOf))


def entity_types(gold: dict) -> dict[str, URIRef]:
    """Entity label → its kg class."""
    return {entity["label"]: ONTOLOGY[entity["type"]] for entity in gold["entities"]}


def all_facts(gold: dict) -> list[dict]:
    """Facts and negatives: both must be well formed."""
    return gold["facts"] + gold.get("negatives", [])


def assert_conforms(label: str, cls: URIRef | None, types: dict[str, URIRef], where: str) -> None:
    """`label` is a declared entity whose class fits `cls` (a domain or range), if that is a kg class."""
    assert label in types, f"{where}: {label!r} is not a declared entity label"
    if cls is not None and cls.startswith(PREFIXES["kg"]):
        assert cls in superclasses(types[label]), f"{where}: {label!r} is not a {cls.fragment}"


@pytest.fixture(params=GOLD_FILES)
def gold(request: pytest.FixtureRequest) -> dict:
    """Each gold file in turn."""
    return load_gold(request.param)


def test_gold_matches_schema(gold: dict) -> None:
    schema = json.loads((GOLD_DIR / "gold.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(gold, schema, cls=jsonschema.Draft202012Validator)


def test_gold_articles_exist_and_each_has_facts(gold: dict) -> None:
    annotated = {fact["article"] for fact in gold["facts"] if "article" in fact}
    for path in gold["articles"]:
        assert read_article(path).strip(), path
        assert path in annotated, f"{path}: no fact annotated"
    assert {fact["article"] for fact in all_facts(gold) if "article" in fact} <= set(gold["articles"])


def test_gold_entity_types_are_ontology_entity_classes(gold: dict) -> None:
    onto = load_ontology()
    for entity in gold["entities"]:
        cls = ONTOLOGY[entity["type"]]
        assert (cls, RDF.type, OWL.Class) in onto, f"{entity['type']} is not a class in kg.ttl"
        assert KG.Entity in superclasses(cls), f"{entity['type']} is not an entity class"


def test_gold_has_one_entity_per_name(gold: dict) -> None:
    owner: dict[str, str] = {}
    for entity in gold["entities"]:
        for name in {normalize_text(n) for n in [entity["label"], *entity["aliases"]]}:
            assert owner.setdefault(name, entity["label"]) == entity["label"], (
                f"{name!r} names both {owner[name]!r} and {entity['label']!r}"
            )


def test_gold_entity_labels_occur_in_texts(gold: dict) -> None:
    corpus = "\n".join(read_article(path) for path in gold["articles"])
    labels = {entity["label"] for entity in gold["entities"]}
    for entity in gold["entities"]:
        label = entity["label"]
        if entity["type"] in LABELLED_BY_OWNER:
            match = re.fullmatch(r"(.+) \((.+)\)", label)
            assert match, f"{label!r} should read '<text as written> (<organisation>)'"
            label, owner = match.groups()
            assert owner in labels, f"{entity['label']!r}: {owner!r} is not a declared entity"
        assert contains_words(corpus, label), f"{label!r} does not occur in the articles"


def test_gold_predicates_and_qualifiers_are_ontology_properties(gold: dict) -> None:
    onto = load_ontology()
    properties = set(onto.subjects(RDF.type, OWL.ObjectProperty)) | set(onto.subjects(RDF.type, OWL.DatatypeProperty))
    for fact in all_facts(gold):
        assert ONTOLOGY[fact["p"]] in properties, f"{fact['p']} is not a property in kg.ttl"
        for role in fact.get("with", {}):
            assert ONTOLOGY[ROLE_TERMS.get(role, role)] in properties, f"{role} is not a property in kg.ttl"


def test_gold_facts_link_declared_entities_of_the_right_type(gold: dict) -> None:
    onto = load_ontology()
    types = entity_types(gold)
    for fact in all_facts(gold):
        where = f"{fact['s']} {fact['p']} {fact['o']}"
        predicate = ONTOLOGY[fact["p"]]
        if fact["p"] == "speaker":
            assert_conforms(fact["s"], onto.value(predicate, RDFS.range), types, where)
        else:
            assert_conforms(fact["s"], onto.value(predicate, RDFS.domain), types, where)
        kind = VALUE_PREDICATES.get(fact["p"])
        if kind is None:
            assert_conforms(fact["o"], onto.value(predicate, RDFS.range), types, where)
        else:
            assert isinstance(fact["o"], dict) and (kind != "quote") == ("quote" not in fact["o"]), where
        for role, value in fact.get("with", {}).items():
            if role in ENTITY_ROLES:
                assert_conforms(value, onto.value(ONTOLOGY[ROLE_TERMS.get(role, role)], RDFS.range), types, where)


def test_gold_value_predicates_match_ontology_ranges() -> None:
    onto = load_ontology()
    value_classes = {"amount": KG.MonetaryAmount, "quantity": KG.Quantity}
    for predicate, kind in VALUE_PREDICATES.items():
        if kind in value_classes:
            assert onto.value(ONTOLOGY[predicate], RDFS.range) == value_classes[kind], predicate


def test_gold_quotes_purposes_and_dates_come_from_their_article(gold: dict) -> None:
    for fact in all_facts(gold):
        text = normalize_text(read_article(fact["article"]))
        quote = fact["o"].get("quote") if isinstance(fact["o"], dict) else None
        if quote is not None:
            assert normalize_text(quote) in text, f"quote not in {fact['article']}: {quote!r}"
        qualifiers = fact.get("with", {})
        if "purpose" in qualifiers:
            assert normalize_text(qualifiers["purpose"]) in text, f"purpose not in {fact['article']}: {qualifiers['purpose']!r}"
        if "date" in qualifiers and not XSD_DATE.match(qualifiers["date"]):
            assert normalize_text(qualifiers["date"]) in text, f"date not in {fact['article']}: {qualifiers['date']!r}"


def test_gold_facts_carry_their_article(gold: dict) -> None:
    assert all("article" in fact for fact in all_facts(gold))


def test_gold_negatives_are_not_facts(gold: dict) -> None:
    facts = [json.dumps(fact, sort_keys=True) for fact in gold["facts"]]
    assert len(facts) == len(set(facts)), "a fact is annotated twice"
    for negative in gold.get("negatives", []):
        assert json.dumps(negative, sort_keys=True) not in facts, negative


def test_article_corpus_is_fully_annotated() -> None:
    annotated = set(load_gold("articles.json")["articles"])
    corpus = {path.relative_to(ROOT).as_posix() for path in ARTICLES_DIR.glob("*.txt")}
    assert len(corpus) >= 10
    assert annotated == corpus


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("l'application de l'IA creative", "IA créative", True),
        ("les scénaristes hollywoodiens", "scénariste", True),
        ("des ingenieurs en effets visuels", "ingénieur en effets visuels", True),
        ("Scriptic : Crime Stories", "Scriptic: Crime Stories", True),
        ("une vision sociale", "IA", False),
        ("le studio Hollywoodien", "Hollywood", False),
        ("l’œuvre\u00a0citée", "l'oeuvre citee", True),
    ],
)
def test_contains_words_folds_accents_but_keeps_word_bounds(text: str, words: str, expected: bool) -> None:
    assert contains_words(text, words) is expected
