"""Entity mentions: the pipeline's entities become mentions, and a name keeps one type in an article."""
from __future__ import annotations

import re
from functools import cache
from typing import Any

from kg import lexicon, places
from kg.accents import strip_accents
from kg.entities import NAMING_PARTICIPLES, is_quote
from kg.extract.context import Context, description_nouns
from kg.extract.model import Mention
from kg.extract.registry import rule
from kg.nlp import VALUE_LABELS

KEPT_CLASSES = frozenset({"Union"})
"""Subclasses that rules read as labels of their own (a strike is called by unions)."""


@rule("entity-mentions", stage="mentions")
def read_mentions(ctx: Context) -> None:
    """One mention per entity of the pipeline (`doc.ents`), with its value when it is an amount or a date."""
    from kg.values import find_values

    values = {(v.start, v.end): v for v in find_values(ctx.prepared, article_date=ctx.article.date)}
    for ent in ctx.doc.ents:
        sentence = ctx.sentence_of_token.get(ent.start)
        if sentence is None:
            continue
        label = ent.label_
        family = lexicon.class_families().get(label, label)
        mention = ctx.add(ent.start_char, ent.end_char, label if label in KEPT_CLASSES else family, ent.id_, sentence, ent.kb_id_ or None)
        if mention.label != label:
            mention.extra["class"] = label  # "NGO", "City": the family is the label, the class is kept
        if ent.id_.startswith("honorific:") and ent.id_.split(":")[1] in {"m", "f"}:
            mention.extra["gender"] = ent.id_.split(":")[1]
        if mention.label in {"Organization", "Union"} and ent.end < len(ctx.tokens) and (code := lexicon.nationalities().get(ctx.lowers[ent.end])):
            mention.extra["country"] = code  # "l'État argentin": whose state, when the word names a body of each country
        if ent.label_ in VALUE_LABELS:
            value = values.get((ent.start_char, ent.end_char)) or _nearest_value(values, ent)
            mention.value = _value_dict(value) if value else None
        for token in ent:
            ctx.by_token[token.i] = mention


@rule("one-type-per-name", stage="mentions")
def propagate_types(ctx: Context) -> None:
    """Within an article a name keeps one type: a surname alone ("Ek") is the person named in
    full elsewhere; a title written once in quotes is a work everywhere ("de Night Radio")."""
    ctx.described = _descriptions_of_names(ctx)
    people = {m.text.split()[-1]: m for m in ctx.mentions if m.label == "Person" and " " in m.text}
    typed = {m.text: m.label for m in ctx.mentions if m.evidence.startswith(("title", "trigger", "version"))}
    roles = [m for m in ctx.mentions if m.label == "Role"]
    for i, m in enumerate(ctx.mentions):
        if not m.evidence.startswith("ner:") or m.kb_id:
            continue
        if m.text in people or m.label != "Person" and _titled_person(ctx, m, roles):
            m.label = "Person"
        elif m.text in typed:
            m.label = typed[m.text]
        elif m.label in {"MISC", "Person", "Place"} and not places.is_place(m.text) \
                and any(lexicon.descriptions().get(n) == "Organization" for n in ctx.described.get(m.id, ())):
            m.label = "Organization"  # "Kelvia, une start-up lyonnaise"
        elif m.label == "MISC":
            neighbours = [n for n in ctx.mentions[max(0, i - 1):i + 2] if n is not m and n.label == "Organization"]
            if any(ctx.text[min(n.end, m.end):max(n.start, m.start)].strip() in {",", "et", "ou"} for n in neighbours):
                m.label = "Organization"  # "Spotify et Deezer"


_PERSON_NAME = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ'’-]+(?: [A-ZÀ-Ý][a-zà-ÿ'’-]+){1,2}")
"""A name written as a person's: two or three capitalised words, no acronym, no linking word."""
_ROLE_THEN_NAME = re.compile(r"(?:\s+(?:de|du|des|d'|d’)\s*[^,.;]{0,60})?\s*,\s*")
_NAME_THEN_ROLE = re.compile(r"\s*,\s*(?:(?:un|une|le|la|l'|l’)\s*)?")


def _titled_person(ctx: Context, mention: Mention, roles: list[Mention]) -> bool:
    """Whether a name the model typed otherwise is a person's, set off by a comma from a person's role
    ("La journaliste, Ocean Park, a filmé", "River Stone, un journaliste américain"): written as a person's
    name, no place the gazetteer knows, and not after a preposition ("À Port Kessel, un journaliste a été
    blessé")."""
    if not _PERSON_NAME.fullmatch(mention.text) or places.is_place(mention.text):
        return False
    span = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or any(c.dep_ == "case" for c in span.root.children):
        return False
    text = ctx.prepared
    return any(r.end <= mention.start and _ROLE_THEN_NAME.fullmatch(text, r.end, mention.start)
               or mention.end <= r.start and _NAME_THEN_ROLE.fullmatch(text, mention.end, r.start)
               for r in roles if r.sentence == mention.sentence)


_COMPLEMENT_WORD = r"(?!(?:par|à|pour|avec|sur|dans|qui|que|le|la|les|un|une|l')\b)[\w'-]+(?<!é)(?<!ée)(?<!és)(?<!ées)"
_NAMED_AFTER = (rf"(?:(?:\s+(?:de|du|des)\s+|\s+d')(?:{_COMPLEMENT_WORD})(?:\s+{_COMPLEMENT_WORD}){{0,5}}(?<!\bde)(?<!\bdu)(?<!\bdes)(?<!d'))?"
                rf"(?:,?\s+(?:{'|'.join(sorted(NAMING_PARTICIPLES, key=len, reverse=True))}))?\s*\"?\s*$")
"""What may come between a describing noun and its name: a complement that the name does not depend on
("l'usine de production de sucre "Sugar High"", not "l'usine de production de Lomé"), a naming
participle ("L'usine, nommée "X""), an opening quote."""


@cache
def _described_before() -> re.Pattern[str]:
    """A description noun with its determiner, and what may separate it from the name that follows."""
    words = {p.split()[0] for p in lexicon.descriptions()}
    nouns = "|".join(sorted(words | {strip_accents(w) for w in words}, key=len, reverse=True))
    return re.compile(rf"\b(?:le|la|l'|les|un|une|du|des|au|aux)\b\s*({nouns})(?={_NAMED_AFTER})")


def _descriptions_of_names(ctx: Context) -> dict[int, set[str]]:
    """Nouns the article uses to describe each name: "Kelvia, une start-up lyonnaise", "la start-up
    Kelvia" — so that "la start-up" later points to Kelvia, not to the last company named."""
    text = ctx.prepared.lower()
    described: dict[int, set[str]] = {}
    for m in ctx.mentions:
        if not m.is_named:
            continue
        after = re.match(r",\s+(?:un|une|le|la|l')\s*([\w-]+)(?:\s+([\w-]+))?", text[m.end:m.end + 50])
        first = ctx.prepared[m.end + after.end(1):m.end + after.end(1) + 3].lstrip()[:1] if after else ""
        if first.isupper() or is_quote(first):
            after = None  # "Dirigée par X, la société Stellantis": the noun names what follows it, not X
        nouns = {strip_accents(g) for g in after.groups() if g} if after else set()
        window = text[max(0, m.start - 60):m.start]
        nouns |= {strip_accents(d.group(1)) for d in _described_before().finditer(window)}
        described[m.id] = {n for n in nouns if n in description_nouns()}
        for noun in list(described[m.id]):
            described[m.id] |= _descriptions_by_fold().get(noun, frozenset())
    return described


@cache
def _descriptions_by_fold() -> dict[str, frozenset[str]]:
    """The description phrases by their accent-free form ("societe" → {"société"})."""
    found: dict[str, set[str]] = {}
    for phrase in lexicon.descriptions():
        found.setdefault(strip_accents(phrase), set()).add(phrase)
    return {form: frozenset(phrases) for form, phrases in found.items()}


def _nearest_value(values: dict, ent) -> Any:
    for (start, end), value in values.items():
        if start < ent.end_char and end > ent.start_char:
            return value
    return None


def _value_dict(value) -> dict[str, Any]:
    """A kg.values.Value as JSON-ready data (decimals as strings, exact)."""
    data = {}
    for name in ("kind", "value", "min", "max", "approximate", "currency", "unit", "period", "date", "datatype"):
        item = getattr(value, name, None)
        data[name] = str(item) if item is not None and name in {"value", "min", "max"} else item
    return data


@rule("institution-of-place", stage="mentions")
def institutions_of_places(ctx: Context) -> None:
    """An institution named by what it is and the place it serves, in lower case ("le commissariat de
    Villeurbanne", "la préfecture du Rhône", "le tribunal correctionnel de Périgueux"; nouns in
    ontology/lexicon/institution_nouns.tsv) is an organisation of its own, located in that place, which
    stays a place: the noun's words are the organisation's mention, the place's words the place's."""
    nouns = lexicon.institution_nouns()
    longest = max(len(noun.replace("'", "' ").split()) for noun in nouns)
    for place in [m for m in ctx.mentions if m.is_named and (m.label == "Place" or m.label == "Organization" and m.evidence == "ner:ORG"
                                                             and places.is_place(m.text))]:
        span = ctx.doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None or span.start < 3:
            continue
        of = span.start - 2 if ctx.lowers[span.start - 1] in _ARTICLES and ctx.lowers[span.start - 2] == "de" else span.start - 1
        if ctx.lowers[of] not in _OF:
            continue  # "la préfecture du Rhône", "la gendarmerie de l'Isère"
        for size in range(min(longest, of - ctx.sents[place.sentence].start), 0, -1):
            words = ctx.lowers[of - size:of]
            cls = nouns.get(" ".join(words).replace("' ", "'"))
            if cls is None or any(i in ctx.by_token and not _role_tail(ctx, i, of - size) for i in range(of - size, of + 1)):
                continue
            if of - size > 0 and ctx.tags[of - size - 1] == "ADJ" and ctx.lowers[of - size - 1] not in _FRONT_ADJECTIVES:
                break  # "l'ancien tribunal" is still one; "un futur hôpital" names nothing yet
            if (role := ctx.by_token.get(of - size)) is not None:  # "le directeur du centre hospitalier": the title ends before "du"
                role.end = ctx.tokens[of - size - 2].idx + len(ctx.tokens[of - size - 2].text)
                role.text = ctx.text[role.start:role.end]
                ctx.by_token.pop(of - size - 1)
            place.label = "Place"  # the model may call a department an organisation
            institution = ctx.add(ctx.tokens[of - size].idx, place.end, "Organization", f"institution:{words[0]}", place.sentence)
            institution.extra["class"] = cls
            for i in range(of - size, span.start):
                ctx.by_token[i] = institution
            break  # the place rules say where it is ("named-with-place")


def _role_tail(ctx: Context, i: int, start: int) -> bool:
    """Whether token i is in the part after "de" of a title that runs on over an institution's noun
    starting at `start` ("directeur du centre hospitalier" before "de Rodez")."""
    role = ctx.by_token.get(i)
    return role is not None and role.label == "Role" and start >= 2 and ctx.lowers[start - 1] in _OF \
        and ctx.by_token.get(start - 1) is role and ctx.by_token.get(start - 2) is role


_OF = frozenset({"de", "du", "des", "d'"})
_ARTICLES = frozenset({"l'", "la", "les"})
_FRONT_ADJECTIVES = frozenset({"ancien", "ancienne", "nouveau", "nouvel", "nouvelle", "grand", "grande", "petit", "petite"})


@rule("person-name-variants", stage="mentions")
def name_variants(ctx: Context) -> None:
    """One person, one name in an article: "Tellier", "Jack Tellier", "Jack T." and "Monsieur Jack
    Tellier" (its honorific already cut) are the person the fullest form names, when only one full form
    contains those words or their initials ("Dufour Abigaël" and "Abigaël Dufour" are one)."""
    people = [m for m in ctx.mentions if m.label == "Person" and m.is_named]
    words = {m.id: frozenset(strip_accents(w).lower() for w in m.text.replace("-", " ").split()) for m in people}
    fullest: dict[frozenset[str], str] = {}
    for m in sorted(people, key=lambda m: (-len(words[m.id]), m.start)):
        fullest.setdefault(words[m.id], m.text)
    for m in people:
        wider = {text for group, text in fullest.items() if _covered(words[m.id], group) and (group != words[m.id] or text != m.text)}
        if len(wider) == 1:
            m.extra["name"] = wider.pop()


def _covered(short: frozenset[str], full: frozenset[str]) -> bool:
    """Whether every word of a name is a word of the fuller one, or the initial of one ("j." of "joseph")."""
    return all(w in full or len(w) == 2 and w[1] == "." and any(f[0] == w[0] and len(f) > 2 for f in full) for w in short)


@rule("acronym-alias", stage="mentions")
def acronym_aliases(ctx: Context) -> None:
    """An acronym in parentheses right after a name whose words it abbreviates ("l'Association des Tailleurs
    de Pierre de Berne (ATPB)", "l'Organisation mondiale de la santé (OMS)") is that name: it and every
    other mention written so in the article are the same entity, of its type."""
    for m in ctx.mentions:
        if not ACRONYM.fullmatch(m.text) or m.start < 2 or ctx.text[m.start - 1] != "(" or ctx.text[m.end:m.end + 1] != ")":
            continue
        named = next((n for n in reversed(ctx.by_sentence.get(m.sentence, [])) if n.end <= m.start - 1 and n.is_named), None)
        if named is None or ctx.text[named.end:m.start - 1].strip(" \"'»”’") or _initials(named.text) != m.text:
            continue
        for other in ctx.mentions:
            if other.text == m.text:
                other.label, other.extra["name"] = named.label, str(named.extra.get("name") or named.text)


ACRONYM = re.compile(r"[A-Z]{2,8}")
"""An acronym: capitals only ("OMS", "ATPB")."""
_FUNCTION_WORDS = frozenset("de du des d la le les l et pour en à au aux sur contre par".split())


def _initials(name: str) -> str:
    """The initials of a name's words, function words left out ("Organisation mondiale de la santé": OMS)."""
    words = [w for w in re.split(r"[\s'’-]+", strip_accents(name)) if w and w.lower() not in _FUNCTION_WORDS]
    return "".join(w[0].upper() for w in words)
