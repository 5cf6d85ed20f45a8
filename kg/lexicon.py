"""The language data kg's rules read: knowledge base, verb and noun lexicons, roles, descriptions.

All of it lives in ontology/ as TSV, JSON or plain text, so extending kg to new verbs, roles or
well-known organisations is a data change. Each loader reads its file once per process.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from kg.data import LEXICON_DIR, ONTOLOGY_DIR, ONTOLOGY_FILE
from kg.errors import KgError

if TYPE_CHECKING:
    import pyoxigraph as ox


@dataclass(frozen=True)
class KbEntry:
    """A well-known entity: stable id, preferred label, kg class, aliases and links."""

    id: str
    label: str
    type: str
    aliases: tuple[str, ...]
    en: str | None = None
    broader: str | None = None
    parent: str | None = None


@dataclass(frozen=True)
class VerbRule:
    """A verb (or noun) that expresses a kg property between its subject/agent and its object."""

    lemma: str
    preposition: str | None
    property: str
    event: str | None
    object_classes: frozenset[str]


@dataclass(frozen=True)
class RoleEntry:
    """A relational noun: canonical French and English labels, the properties linking its holder to its
    complement ("^p": p from the complement to the holder), whether it is a position (a kg:Role), and
    whether a place as its complement is where the holder is ("inspectrice de police de Marseille"), not
    whom the holder represents ("l'ambassadrice de France au Maroc")."""

    label: str
    en: str
    properties: tuple[str, ...]
    is_role: bool = True
    locates: bool = True

    @property
    def property(self) -> str | None:
        """The first property (the one a role's Appointment event summarises)."""
        return self.properties[0] if self.properties else None


def _rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a lexicon file, comments and blank lines skipped."""
    path = LEXICON_DIR / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise KgError(f"cannot read lexicon {path}: {error.strerror}") from None
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def _words(name: str) -> frozenset[str]:
    """The first column of a lexicon file: a list of words or phrases, one per line."""
    return frozenset(row[0] for row in _rows(name))


def _none(cell: str) -> str | None:
    return None if cell in {"", "-"} else cell


@cache
def knowledge_base() -> dict[str, KbEntry]:
    """ontology/kb.json by id."""
    data = json.loads((ONTOLOGY_DIR / "kb.json").read_text(encoding="utf-8"))
    return {
        e["id"]: KbEntry(
            id=e["id"], label=e["label"], type=e["type"], aliases=tuple(e.get("aliases", ())),
            en=e.get("en"), broader=e.get("broader"), parent=e.get("parent"),
        )
        for e in data["entities"]
    }


def _verb_rules(name: str, *, with_preposition: bool) -> dict[str, list[VerbRule]]:
    rules: dict[str, list[VerbRule]] = {}
    for row in _rows(name):
        if with_preposition:
            lemma, prep, prop, event, classes = row[:5]
        else:
            lemma, prop, event, classes = row[:4]
            prep = row[4] if len(row) > 4 else "-"
        rules.setdefault(lemma, []).append(VerbRule(lemma, _none(prep), prop, _none(event), frozenset(classes.split(","))))
    return rules


@cache
def verbs() -> dict[str, list[VerbRule]]:
    """ontology/lexicon/verbs.tsv by lemma (multiword lemmas like "faire appel" included)."""
    return _verb_rules("verbs.tsv", with_preposition=True)


@cache
def verb_families() -> dict[str, list[VerbRule]]:
    """ontology/lexicon/verb_families.tsv by lemma: verbs relating two agents (contact, conflict,
    cooperation, membership, creation, kinship, ownership)."""
    rules: dict[str, list[VerbRule]] = {}
    for lemma, prep, prop, event, classes in (row[:5] for row in _rows("verb_families.tsv")):
        rules.setdefault(lemma, []).append(VerbRule(lemma, _none(prep), prop, _none(event), frozenset(classes.split(","))))
    return rules


@cache
def nouns() -> dict[str, list[VerbRule]]:
    """ontology/lexicon/nouns.tsv (nominalisations) by noun."""
    return _verb_rules("nouns.tsv", with_preposition=False)


@cache
def feminine_roles() -> frozenset[str]:
    """The feminine forms among the role nouns ("présidente", "directrice", "comédienne"): forms with a
    feminine ending that are not their role's canonical (masculine) label."""
    endings = ("e", "trice", "euse", "ère", "esse")
    return frozenset(surface for surface, entry in roles().items()
                     if surface != entry.label.lower() and surface.split()[0] != entry.label.lower().split()[0]
                     and surface.split()[0].endswith(endings))


@cache
def relational_nouns() -> dict[str, RoleEntry]:
    """ontology/lexicon/roles.tsv by lowercase surface form: roles, memberships, family ties."""
    return {
        row[0]: RoleEntry(row[1], row[2], tuple(p for p in row[3].split(",") if p != "-"), row[4] in {"role", "envoy"}, row[4] != "envoy")
        for row in _rows("roles.tsv")
    }


POSSESSIVES = frozenset({"son", "sa", "ses", "leur", "leurs"})
"""Third-person possessive determiners: "son siège", "sa sœur" say whose."""
KINSHIP = frozenset({"siblingOf", "spouseOf", "parentOf", "^parentOf", "relativeOf"})
"""The properties of kinship nouns ("sa sœur", "le mari de")."""


@cache
def kin_nouns() -> frozenset[str]:
    """The one-word relational nouns of kinship ("femme", "fils", "sœur")."""
    return frozenset(surface for surface, entry in relational_nouns().items() if " " not in surface and KINSHIP.intersection(entry.properties))


@cache
def roles() -> dict[str, RoleEntry]:
    """The relational nouns that are positions (kg:Role), by lowercase surface form."""
    return {surface: entry for surface, entry in relational_nouns().items() if entry.is_role}


@cache
def descriptions() -> dict[str, str]:
    """Definite descriptions (lowercase, no determiner) → class of their referent."""
    return {row[0]: row[1] for row in _rows("descriptions.tsv")}


@cache
def description_synonyms() -> dict[str, str]:
    """Descriptions that mean another one ("jeune pousse" → "start-up")."""
    return {row[0]: row[2] for row in _rows("descriptions.tsv") if len(row) > 2 and row[2] != "-"}


@cache
def capital_descriptions() -> frozenset[str]:
    """Descriptions whose referent is a national capital ("la capitale")."""
    return frozenset(row[0] for row in _rows("descriptions.tsv") if len(row) > 3 and row[3] == "capital")


@cache
def work_nouns() -> dict[str, str]:
    """Nouns announcing a title → class of the work."""
    return {row[0]: row[1] for row in _rows("works.tsv")}


@cache
def name_triggers() -> dict[str, tuple[str | None, str | None]]:
    """Nouns typing the name after them → (class, or None when the name is no entity; role label or None)."""
    return {row[0]: (_none(row[1]), _none(row[2])) for row in _rows("org_triggers.tsv")}


@cache
def stop_entities() -> frozenset[str]:
    """Lowercase words that are never entities."""
    return _words("stop_entities.txt")


@cache
def group_nouns() -> frozenset[str]:
    """ontology/lexicon/group_nouns.txt: nouns of a group named by a surname ("la famille X")."""
    return _words("group_nouns.txt")


@cache
def home_nouns() -> frozenset[str]:
    """ontology/lexicon/home_nouns.txt: nouns of a person's home."""
    return _words("home_nouns.txt")


@cache
def preposition_nouns() -> frozenset[str]:
    """ontology/lexicon/preposition_nouns.txt: nouns of compound prepositions that say no place ("à la tête de")."""
    return _words("preposition_nouns.txt")


@cache
def lower_heads() -> frozenset[str]:
    """ontology/lexicon/lower_heads.txt: kinds of body that start a name in lower case ("le ministère de …")."""
    return _words("lower_heads.txt")


@cache
def area_nouns() -> frozenset[str]:
    """ontology/lexicon/area_nouns.txt: nouns of a part of a place ("dans le nord du Mali")."""
    return _words("area_nouns.txt")


@cache
def whole_words() -> frozenset[str]:
    """ontology/lexicon/whole_words.txt: hyphenated loanwords the tokenizer must keep one token."""
    return _words("whole_words.txt")


@cache
def remote_cues() -> frozenset[str]:
    """ontology/lexicon/remote_cues.txt: words that say an agent acts away from the reported event."""
    return _words("remote_cues.txt")


@cache
def remote_verbs() -> frozenset[str]:
    """ontology/lexicon/remote_verbs.txt: verbs (or verb and object lemmas) whose agents take part from afar."""
    return _words("remote_verbs.txt")


@cache
def sighting_verbs() -> frozenset[str]:
    """ontology/lexicon/sighting_verbs.txt: verbs whose passive subject was seen at the place of the event."""
    return _words("sighting_verbs.txt")


@cache
def future_stems() -> tuple[tuple[str, str], ...]:
    """ontology/lexicon/future_stems.tsv: (infinitive ending, future stem ending) of the verbs whose future
    and conditional are not built on the infinitive ("venir" → "viendr")."""
    return tuple((row[0], row[1]) for row in _rows("future_stems.tsv"))


@cache
def reporting_verbs() -> frozenset[str]:
    """ontology/lexicon/reporting_verbs.txt: lemmas of verbs that report speech."""
    return _words("reporting_verbs.txt")


@cache
def org_suffixes() -> frozenset[str]:
    """Words that end a company name without naming another company ("Group", "SA")."""
    return _words("org_suffixes.txt")


@dataclass(frozen=True)
class Honorific:
    """A form of address before a name: the gender it tells and the role it names, if any."""

    gender: str | None
    role: str | None


@cache
def honorifics() -> dict[str, Honorific]:
    """ontology/lexicon/honorifics.tsv by form, case kept ("M.", "Mme", "Me")."""
    return {row[0]: Honorific(_none(row[1]), _none(row[2])) for row in _rows("honorifics.tsv")}


@cache
def class_families() -> dict[str, str]:
    """Entity class → its family (ontology/lexicon/classes.tsv): "NGO" → "Organization", "City" → "Place"."""
    return {row[0]: row[1] for row in _rows("classes.tsv")}


@cache
def name_heads() -> dict[str, tuple[str, bool]]:
    """Capitalised first words of names → (class, whether the word alone is a name) (name_heads.tsv)."""
    return {row[0]: (row[1], row[2] == "alone") for row in _rows("name_heads.tsv")}


_FEMININE = (("ien", "ienne"), ("éen", "éenne"), ("ain", "aine"), ("ais", "aise"), ("ois", "oise"), ("and", "ande"),
              ("ol", "ole"), ("in", "ine"), ("an", "ane"), ("on", "onne"), ("é", "ée"), ("i", "ie"))


@cache
def nationalities() -> dict[str, str]:
    """Every form of a nationality adjective (lower case: "française", "belges") → country code
    (ontology/lexicon/nationalities.tsv, feminine and plural forms derived)."""
    forms: dict[str, str] = {}
    for row in _rows("nationalities.tsv"):
        word, code = row[0], row[1]
        if len(row) > 2:
            derived = row[2].split(",")
        else:
            feminine = next((word[: -len(m)] + f for m, f in _FEMININE if word.endswith(m)), word if word.endswith("e") else word + "e")
            derived = [feminine, feminine + "s", word if word.endswith(("s", "x")) else word + "s"]
        for form in (word, *derived):
            forms.setdefault(form, code)
    return forms


@cache
def place_verbs() -> dict[str, tuple[str, frozenset[str]]]:
    """Verbs of place (ontology/lexicon/place_verbs.tsv): lemma → (property, holder classes). A verb that
    gives a person and an organisation different relations has one entry per relation, keyed
    "lemma" (person) and "lemma/org"."""
    verbs: dict[str, tuple[str, frozenset[str]]] = {}
    for lemma, person, organisation in _rows("place_verbs.tsv"):
        if person != "-":
            verbs[lemma] = (person, frozenset({"Person"}))
        if organisation != "-":
            verbs[lemma + "/org"] = (organisation, frozenset({"Organization", "Union"}))
    return verbs


@cache
def seat_nouns() -> dict[str, dict[str, str]]:
    """Nouns of an organisation's seat or sites (ontology/lexicon/seat_nouns.tsv): first word, lower case →
    {the whole noun: property}, the longest first ("siège social" before "siège")."""
    nouns: dict[str, dict[str, str]] = {}
    for noun, prop in sorted(_rows("seat_nouns.tsv"), key=lambda row: -len(row[0])):
        nouns.setdefault(noun.split()[0].lower(), {})[noun.lower()] = prop
    return nouns


@cache
def institution_nouns() -> dict[str, str]:
    """Nouns of institutions named with the place they serve (ontology/lexicon/institution_nouns.tsv): the
    noun as written, lower case → its kg class ("tribunal correctionnel" → GovernmentOrganization)."""
    return {noun.lower(): cls for noun, cls in _rows("institution_nouns.tsv")}


@cache
def place_exonyms() -> dict[str, str]:
    """French place names the gazetteer packages lack → ISO 3166 code (ontology/lexicon/places_fr.tsv)."""
    return {row[0]: row[1] for row in _rows("places_fr.tsv")}


@cache
def ontology() -> ox.Store:
    """ontology/kg.ttl, read once per process and shared by its readers (who only query it)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.load(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE)
    return store


@cache
def term_labels(language: str = "fr") -> dict[str, str]:
    """The rdfs:label in `language` of every kg term of ontology/kg.ttl, by local name: the words a
    user sees for a property or a class ("dirige" for kg:headOf)."""
    rows = ontology().query("SELECT ?t ?l WHERE { ?t <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
    return {row["t"].value.rsplit("#", 1)[-1]: row["l"].value for row in rows if row["l"].language == language}


@cache
def property_bounds() -> dict[str, dict[str, frozenset[str]]]:
    """kg property → {"domain": classes its subject may be of, "range": classes its object may be of}, by
    local name: the property's own rdfs:domain and rdfs:range and every class below them (what the
    kgsh:FactRange shape checks)."""
    from kg.namespace import ONTOLOGY_IRI

    bounds: dict[str, dict[str, set[str]]] = {}
    for side in ("domain", "range"):
        rows = ontology().query(f"""
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            SELECT ?p ?c WHERE {{ ?p rdfs:{side} ?bound . ?c rdfs:subClassOf* ?bound }}""")
        for row in rows:
            if row["p"].value.startswith(ONTOLOGY_IRI) and row["c"].value.startswith(ONTOLOGY_IRI):
                prop, cls = (row[v].value.rsplit("#", 1)[-1] for v in ("p", "c"))
                bounds.setdefault(prop, {}).setdefault(side, set()).add(cls)
    return {prop: {side: frozenset(classes) for side, classes in sides.items()} for prop, sides in bounds.items()}


CONFIDENCE_FILE = LEXICON_DIR / "confidence.tsv"


def rule_parent(rule: str) -> str | None:
    """The rule a rule's name refines: without its last "+part", else its last ":part", else every rule
    ("*"); None for "*". "verb:utiliser:nearest+pronoun" → "verb:utiliser:nearest" → "verb:utiliser" →
    "verb" → "*"."""
    if rule == "*":
        return None
    for separator in ("+", ":"):
        if separator in rule:
            return rule.rsplit(separator, 1)[0]
    return "*"


@cache
def confidence_table() -> dict[str, float]:
    """ontology/lexicon/confidence.tsv: each rule's measured precision (written by bench/calibrate.py)."""
    return {row[0]: float(row[1]) for row in _rows("confidence.tsv")}


@cache
def rule_confidence(rule: str) -> float:
    """A rule's confidence: its own measured precision, else that of the nearest rule it refines."""
    table = confidence_table()
    name: str | None = rule
    while name is not None:
        if name in table:
            return table[name]
        name = rule_parent(name)
    raise KgError(f"{CONFIDENCE_FILE} has no '*' row: run bench/calibrate.py")


@cache
def data_fingerprint() -> str:
    """A hash of the data files extraction reads (kb.json, lexicon/): part of the pipeline version, so
    caches notice edits; the ontology and the SHACL shapes don't change an extraction and are left out."""
    digest = hashlib.sha256()
    for path in [ONTOLOGY_DIR / "kb.json", *sorted(LEXICON_DIR.rglob("*"))]:
        if path.is_file():
            digest.update(path.relative_to(ONTOLOGY_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
