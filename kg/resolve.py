"""Resolution across articles: mentions → one entity per real-world thing, with a stable IRI slug.

Mentions are grouped by a key (knowledge-base id, else the normalised name), then groups are merged
where a name is a shortening of another one that is unique in the corpus: a surname and the full
name ("Ek" → "Daniel Ek"), a product and its only versioned name ("Claude" → "Claude 4").
Grouping uses keys (hash lookups), never all pairs of entities, so cost grows with the corpus.
A group's class is voted: the knowledge base first, then titles and trigger nouns, then the model's
labels; its label is the knowledge-base label or its most complete frequent name.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from kg import lexicon, places
from kg.accents import strip_accents
from kg.extract import Extraction, Fact, Mention
from kg.extract.mentions import ACRONYM
from kg.places import Place

ENTITY_CLASSES = frozenset({
    "Organization", "Union", "Person", "Place", "CreativeWork", "Movie", "TVSeries", "VideoGame",
    "Video", "Product", "Technology", "Role", "JobPosting", "Report", "PublicEvent",
})
VALUE_KINDS = frozenset({"MONEY", "PERCENT", "QUANTITY"})
_WEIGHTS = {"kb": 1000, "subsidiary": 50, "version": 50, "title": 20, "trigger": 20, "honorific": 20, "kin": 20, "job": 20, "report": 20,
            "role": 20, "role-trigger": 20, "ner:PER": 3, "ner:ORG": 3, "ner:LOC": 3, "ner:MISC": 1}
_ARTICLES = re.compile(r"^(?:(?:le|la|les|un|une)\s+|l')", re.IGNORECASE)
"""A leading article: a word of its own ("Le Chat"), never the start of a name ("Leroy Merlin", "Unilever")."""


@dataclass
class Entity:
    """One real-world thing: its key, class, labels and the articles that mention it."""

    key: str
    type: str
    label: str
    slug: str = ""
    aliases: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    kb_id: str | None = None
    english: str | None = None
    broader: str | None = None
    details: dict[str, str] = field(default_factory=dict)
    subclass: str | None = None
    """A class under `type` the mentions or the gazetteer tell ("NGO", "City"), written beside it."""
    place: Place | None = None
    """The gazetteer's place, when the entity is a place it knows unambiguously."""
    gender: str | None = None


@dataclass
class Node:
    """What a mention stands for in the graph: an entity (by key), a value or a quotation."""

    kind: str  # "entity" | "value" | "quote"
    key: str
    mention: Mention
    article: str


@dataclass
class Resolution:
    """The corpus after resolution: entities by key, and every mention mapped to its node."""

    entities: dict[str, Entity]
    nodes: dict[tuple[str, int], Node]
    extractions: list[Extraction]
    _labels: dict[str, str] = field(default_factory=dict, repr=False)

    def node(self, article: str, mention_id: int) -> Node | None:
        return self.nodes.get((article, mention_id))

    def label_of(self, iri: str) -> str:
        """The label of an entity IRI (its last path segment for anything else)."""
        slug = iri.rsplit("/", 1)[-1]
        if not self._labels:
            self._labels.update({e.slug: e.label for e in self.entities.values()})
        return self._labels.get(slug, slug)

    def entity_type(self, article: str, mention_id: int) -> str | None:
        """The family class of the entity a mention stands for ("Organization" for an NGO), if any."""
        node = self.node(article, mention_id)
        if node is None or node.kind != "entity":
            return None
        kind = self.entities[node.key].type
        return lexicon.class_families().get(kind, kind)

    def facts(self) -> Iterable[tuple[Extraction, Fact]]:
        """Every fact whose entities, as resolved, are of its property's domain and range: a name read as a
        company in its sentence may be resolved to a place across the corpus ("Nova" a town in one
        article, bought in another), and a fact it no longer fits is not a fact of the graph."""
        for extraction in self.extractions:
            for fact in extraction.facts:
                if self._fits(extraction.article["id"], fact):
                    yield extraction, fact

    def _fits(self, article: str, fact: Fact) -> bool:
        bounds = lexicon.property_bounds().get(fact.predicate, {})
        for side, mention in (("domain", fact.subject), ("range", fact.object)):
            node = self.node(article, mention)
            if side in bounds and node is not None and node.kind == "entity":
                entity = self.entities[node.key]
                if not {lexicon.class_families().get(entity.type, entity.type), entity.type, entity.subclass} & bounds[side]:
                    return False
        return True


def normalise(name: str) -> str:
    """Comparison form of a name: no accents or case, typographic apostrophes folded, no leading article,
    no space around title punctuation ("Harbor Tales : Night Shift" = "Harbor Tales: Night Shift")."""
    text = strip_accents(name).lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"\s*([:&,/])\s*", r"\1", text)
    text = _ARTICLES.sub("", text)
    return re.sub(r"\s+", " ", text).strip(" '\"")


def slugify(text: str) -> str:
    """An IRI-safe lowercase slug: ASCII letters, digits and underscores ("x" when none is left)."""
    slug = re.sub(r"[^a-z0-9]+", "_", strip_accents(text).lower()).strip("_")
    return slug[:80] or "x"


def resolve(extractions: list[Extraction]) -> Resolution:
    """Group every entity mention of the corpus into entities and map mentions to graph nodes."""
    extractions = sorted(extractions, key=lambda e: e.article["id"])
    held_roles = {(e.article["id"], f.object) for e in extractions for f in e.facts if f.predicate == "hasRole"}
    keys: dict[tuple[str, int], str] = {}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    traits: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    countries = _countries_named(extractions)
    defined: dict[str, set[str]] = defaultdict(set)  # an acronym → the keys of the names it was defined for
    for extraction in extractions:
        article = extraction.article["id"]
        for mention in extraction.mentions:
            if mention.label == "Role" and (article, mention.id) not in held_roles:
                continue  # a role word nobody holds here ("recrute un directeur") is not an entity
            if mention.label in ENTITY_CLASSES or mention.label == "MISC":
                key = _base_key(mention)
                if key is None:
                    continue
                if key in _bodies():
                    country = mention.extra.get("country")
                    key = _body_key(key, article, frozenset({country}) if country else countries[article])
                keys[(article, mention.id)] = key
                if mention.extra.get("name") and ACRONYM.fullmatch(mention.text):
                    defined[normalise(mention.text)].add(key)  # "l'Organisation mondiale de la santé (OMS)"
                votes[key][mention.label] += _WEIGHTS.get(mention.evidence.split(":")[0], _WEIGHTS.get(mention.evidence, 2))
                forms[key][mention.text] += 1
                for trait in ("class", "gender"):
                    if mention.extra.get(trait):
                        traits[key][(trait, mention.extra[trait])] += 1
    merged = _merge_shortenings(votes, forms)
    merged.update(_merge_acronyms(forms, defined, merged))
    group_votes: dict[str, Counter[str]] = defaultdict(Counter)
    group_forms: dict[str, Counter[str]] = defaultdict(Counter)
    group_traits: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for key in sorted(votes):
        target = merged.get(key, key)
        group_votes[target].update(votes[key])
        group_forms[target].update(forms[key])
        group_traits[target].update(traits[key])
    entities = {
        target: Entity(target, _vote(group_votes[target], group_forms[target]), "")
        for target in sorted(group_votes)
    }
    nodes = _map_nodes(extractions, keys, merged)
    _describe(entities, nodes, extractions, group_forms)
    _characterise(entities, group_traits, countries)
    _key_jobs_and_reports(entities, nodes, extractions)
    _assign_slugs(entities)
    return Resolution(entities, nodes, extractions)


@cache
def _bodies() -> frozenset[str]:
    """The keys of the bodies named by one word ("l'État", "le Gouvernement", name_heads.tsv): each
    country has its own."""
    return frozenset(f"name:{normalise(word)}" for word, (_, alone) in lexicon.name_heads().items() if alone)


def _body_key(key: str, article: str, countries: frozenset[str]) -> str:
    """The key of a one-word body in an article: that of its country (`countries`: the one its adjective
    names, "l'État argentin", else those the article names: "l'État" beside "le Tchad" is the Chadian state,
    in every article about Chad) when there is one, else one of its own."""
    return f"{key}@{next(iter(countries))}" if len(countries) == 1 else f"{key}@{article}"


def _countries_named(extractions: list[Extraction]) -> dict[str, frozenset[str]]:
    """Article id → the ISO codes of the countries it names (directly, or through one of their regions)."""
    named = {}
    for extraction in extractions:
        found = (places.lookup(m.text) for m in extraction.mentions if m.label == "Place")
        named[extraction.article["id"]] = frozenset(p.country for p in found if p is not None and p.kind in {"country", "region"} and p.country)
    return named


def _characterise(entities: dict[str, Entity], traits: dict[str, Counter[tuple[str, str]]],
                  countries: dict[str, frozenset[str]]) -> None:
    """Each entity's subclass (the most told one that belongs to its class's family), gender, and, for
    a place the gazetteer knows, its GeoNames place and kind: a name the gazetteer finds ambiguous is
    read in the countries its articles name ("Tunis" beside "la Tunisie")."""
    families = lexicon.class_families()
    for key, entity in entities.items():
        told = traits.get(key, Counter())
        classes = sorted(((n, c) for (t, c), n in told.items() if t == "class" and families.get(c) == entity.type and c != entity.type), reverse=True)
        genders = sorted(((n, g) for (t, g), n in told.items() if t == "gender"), reverse=True)
        entity.subclass = classes[0][1] if classes else None
        entity.gender = genders[0][1] if entity.type == "Person" and genders and (len(genders) == 1 or genders[0][0] > genders[1][0]) else None
        if entity.type == "Place":
            around = frozenset().union(*(countries.get(article, frozenset()) for article in entity.articles))
            entity.place = next((p for name in [entity.label, *sorted(entity.aliases)] if (p := places.lookup(name, around))), None)
            if entity.place is not None and entity.subclass is None:
                entity.subclass = places.KIND_CLASSES[entity.place.kind]


def _role_label(text: str) -> str:
    """The canonical form of a role ("présidente-directrice générale" → "pdg")."""
    entry = lexicon.roles().get(text.lower()) or lexicon.roles().get(strip_accents(text.lower()))
    return normalise(entry.label if entry else text)


def _base_key(mention: Mention) -> str | None:
    if mention.kb_id:
        return f"kb:{mention.kb_id}"
    if mention.label == "Role":
        return f"role:{_role_label(mention.extra.get('role', mention.text))}"
    if mention.label in {"JobPosting", "Report"}:
        return None  # keyed after their organisation is known
    name = normalise(mention.extra.get("name") or mention.text)
    if name in _kb_names():
        return f"kb:{_kb_names()[name]}"  # "La France" is the known France
    if mention.label == "Place" and (place := places.lookup(mention.text)) is not None:
        return f"place:{place.id}"  # "Pékin" and "Beijing", "Etats-Unis" and "États-Unis"
    return f"name:{name}" if name else None


@cache
def _kb_names() -> dict[str, str]:
    """Normalised knowledge-base labels and aliases → id (names only: two letters or more)."""
    names: dict[str, str] = {}
    for entry in lexicon.knowledge_base().values():
        for form in (entry.label, *entry.aliases):
            if len(normalise(form)) >= 2:
                names.setdefault(normalise(form), entry.id)
    return names


def _merge_shortenings(votes: dict[str, Counter[str]], forms: dict[str, Counter[str]]) -> dict[str, str]:
    """key → key it merges into: a lone surname into the one full name ending with it, a bare known
    product into its one versioned name. Lookups by last word and by knowledge-base id, not all pairs."""
    by_last_word: dict[str, list[str]] = defaultdict(list)
    versions: dict[str, list[str]] = defaultdict(list)
    for key, counter in votes.items():
        name = key.split(":", 1)[1]
        if key.startswith("name:") and " " in name and counter.get("Person", 0) >= max(counter.values()):
            by_last_word[name.rsplit(" ", 1)[1]].append(key)
        for form in forms[key]:
            match = re.match(r"^(.*\S)\s+\d+(\.\d+)?$", form)
            if match and key.startswith("name:") and counter.get("Product"):
                versions[normalise(match.group(1))].append(key)
    merged: dict[str, str] = {}
    for key in votes:
        name = key.split(":", 1)[1]
        if key.startswith("name:") and " " not in name and len(by_last_word.get(name, [])) == 1:
            merged[key] = by_last_word[name][0]
        if key.startswith("kb:"):
            entry = lexicon.knowledge_base().get(name)
            if entry and entry.type == "Product" and len(set(versions.get(normalise(entry.label), []))) == 1:
                merged[key] = versions[normalise(entry.label)][0]
    return merged


def _merge_acronyms(forms: dict[str, Counter[str]], defined: dict[str, set[str]], merged: dict[str, str]) -> dict[str, str]:
    """key → key it merges into: an acronym written alone ("l'OMS") into the one name an article of the
    corpus defined it for ("l'Organisation mondiale de la santé (OMS)"); an acronym defined for two names
    stays apart."""
    found: dict[str, str] = {}
    for key, written in forms.items():
        targets = defined.get(key.split(":", 1)[1], set()) if key.startswith("name:") else set()
        if len(targets) == 1 and key not in targets and key not in merged and all(ACRONYM.fullmatch(form) for form in written):
            found[key] = merged.get(next(iter(targets)), next(iter(targets)))
    return found


def _vote(counter: Counter[str], names: Counter[str]) -> str:
    """The class with the most weight; names only ever tagged MISC become works when they look like
    titles (a number, an English article), else organisations."""
    typed = Counter({k: v for k, v in counter.items() if k in ENTITY_CLASSES})
    if typed:
        best = max(typed.items(), key=lambda kv: (kv[1], kv[0]))[0]
        works = {k for k in typed if k in {"Movie", "TVSeries", "VideoGame", "Video"}}
        return best if best != "CreativeWork" or not works else max(works, key=lambda k: (typed[k], k))  # ties: by name, not set order
    name = names.most_common(1)[0][0] if names else ""
    return "CreativeWork" if re.search(r"\d\b|^The\s", name) else "Organization"


def _map_nodes(extractions: list[Extraction], keys: dict[tuple[str, int], str], merged: dict[str, str]) -> dict[tuple[str, int], Node]:
    nodes: dict[tuple[str, int], Node] = {}
    for extraction in extractions:
        article = extraction.article["id"]
        for mention in extraction.mentions:
            ref = (article, mention.id)
            if ref in keys:
                nodes[ref] = Node("entity", merged.get(keys[ref], keys[ref]), mention, article)
            elif mention.label in VALUE_KINDS:
                nodes[ref] = Node("value", f"{article}:{mention.start}:{mention.end}", mention, article)
            elif mention.label == "Quotation":
                nodes[ref] = Node("quote", f"{article}:{mention.start}:{mention.end}", mention, article)
    return nodes


def _describe(entities: dict[str, Entity], nodes: dict[tuple[str, int], Node], extractions: list[Extraction],
              forms: dict[str, Counter[str]]) -> None:
    """Labels, aliases, knowledge-base details and articles of every entity."""
    kb = lexicon.knowledge_base()
    for key, entity in entities.items():
        names = forms[key]
        if key.startswith("kb:"):
            entry = kb[key[3:]]
            entity.kb_id, entity.label, entity.english, entity.broader = entry.id, entry.label, entry.en, entry.broader
        elif key.startswith("role:"):
            entry = next((r for r in lexicon.roles().values() if normalise(r.label) == key[5:]), None)
            entity.label = entry.label if entry else names.most_common(1)[0][0]
            entity.english = entry.en if entry else None
        else:
            entity.label = max(names.items(), key=lambda kv: (len(kv[0].split()) if entity.type == "Person" else 0, kv[1], len(kv[0]), kv[0]))[0]
            country = places.country(key.rpartition("@")[2]) if key.startswith("name:") and "@" in key else None
            if country is not None:
                entity.label = f"{entity.label} ({country.name})"  # "État (Tchad)": one node per country
        entity.aliases = {n for n in names if n != entity.label and normalise(n) != normalise(entity.label) or n != entity.label and n.lower() != entity.label.lower()}
        entity.aliases.discard(entity.label)
    for extraction in extractions:
        article = extraction.article["id"]
        for mention in extraction.mentions:
            node = nodes.get((article, mention.id))
            if node is not None and node.kind == "entity" and node.key in entities:
                entities[node.key].articles.add(article)
            definite = re.match(r"^(le|la|l'|l’)\s*", mention.text, re.IGNORECASE)
            if mention.label == "DESC" and len(mention.refs) == 1 and definite and len(mention.text[definite.end():].split()) >= 3:
                target = nodes.get((article, mention.refs[0]))
                if target is not None and target.key in entities:
                    entities[target.key].aliases.add(_ARTICLES.sub("", mention.text.replace("’", "'")))


def _key_jobs_and_reports(entities: dict[str, Entity], nodes: dict[tuple[str, int], Node], extractions: list[Extraction]) -> None:
    """Job postings are one per employer, role and field family; reports one per owner and name."""
    kb = lexicon.knowledge_base()
    for extraction in extractions:
        article = extraction.article["id"]
        for mention in extraction.mentions:
            if mention.label not in {"JobPosting", "Report"}:
                continue
            owner_id = mention.extra.get("org", mention.extra.get("owner"))
            owner = nodes.get((article, owner_id))
            if owner is None or owner.key not in entities:
                continue
            owner_label = entities[owner.key].label
            if mention.label == "JobPosting":
                role = _role_label(extraction.mentions[mention.extra["role"]].text)
                field_node = nodes.get((article, mention.extra["field"])) if mention.extra.get("field") is not None else None
                family = _root_concept(field_node.key, kb) if field_node else ""
                key = f"job:{owner.key}|{role}|{family}"
                label = f"{mention.text.replace('’', chr(39))} ({owner_label})"
                details = {"jobTitle": mention.text.replace("’", "'"), "hiringOrganization": owner.key}
                if field_node is not None:
                    details["field"] = field_node.key
            else:
                key = f"report:{owner.key}|{normalise(mention.text)}"
                label = f"{mention.text} ({owner_label})"
                details = {}
            entity = entities.get(key)
            if entity is None:
                entity = entities[key] = Entity(key, mention.label, label, details=details)
            elif label != entity.label:
                entity.aliases.add(label)
            named = label[: -len(f"({owner_label})")].rstrip()
            entity.aliases |= {f"{named} ({alias})" for alias in entities[owner.key].aliases if alias[:1].isupper()}
            entity.articles.add(article)
            nodes[(article, mention.id)] = Node("entity", key, mention, article)


def _root_concept(key: str, kb: dict) -> str:
    """The top of a technology's broader chain ("machine learning" → "artificial intelligence")."""
    entry = kb.get(key[3:]) if key.startswith("kb:") else None
    seen = set()
    while entry is not None and entry.broader and entry.id not in seen:
        seen.add(entry.id)
        entry = kb.get(entry.broader)
    return entry.id if entry else key


PLAIN_NAME = re.compile(r"[a-z0-9]+(?:[ -][a-z0-9]+)*")
"""A normalised name its slug spells out whole (spaces as "_", hyphens kept): no two share a slug."""
SLUG_HASH_DIGITS = 12


def _assign_slugs(entities: dict[str, Entity]) -> None:
    """Each entity's slug from its own key and static data alone, never from which other entities
    exist, so that adding an article never changes an existing IRI:
    - the knowledge-base id;
    - for a place of the gazetteer, its name and its GeoNames id (or ISO code): paris_2988507;
    - a plain name spelt out: "paul vernier" → paul_vernier, "acme-corp" → acme-corp (unless it is a
      role word or a knowledge-base id, whose slugs those keep);
    - any other key ("Acme & Co", a title with an apostrophe, a name in another script, a job
      posting): the slug of the key's name and SLUG_HASH_DIGITS hex digits of the key's sha256.
    Two keys whose slugs still meet (a hash collision: it takes a crafted input) get the whole sha256."""
    taken = _role_names() | set(lexicon.knowledge_base())
    for key, entity in entities.items():
        kind, _, name = key.partition(":")
        slug = name.replace(" ", "_")
        if entity.kb_id:
            entity.slug = entity.kb_id
        elif kind == "place" and entity.place is not None:  # "place:gn:2988507" → paris_2988507
            entity.slug = f"{slugify(entity.place.name)}_{slugify(name.partition(':')[2])}"
        elif kind in {"name", "role"} and PLAIN_NAME.fullmatch(name) and (kind == "role" or slug not in taken):
            entity.slug = slug
        else:
            entity.slug = f"{slugify(name)[:60]}_{_key_hash(key)[:SLUG_HASH_DIGITS]}"
    counts = Counter(entity.slug for entity in entities.values())
    for key, entity in entities.items():
        if counts[entity.slug] > 1 and not entity.kb_id:
            entity.slug = f"{slugify(key.partition(':')[2])[:60]}_{_key_hash(key)}"


def _key_hash(key: str) -> str:
    """The hex sha256 of a key (names from hostile text can hold lone surrogates: kept as they are)."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


@cache
def _role_names() -> frozenset[str]:
    """The slugs role entities may take: every role name of the lexicon, normalised and spelt out."""
    return frozenset(normalise(form).replace(" ", "_") for key, entry in lexicon.roles().items() for form in (key, entry.label))
