"""Relational nouns, one frame for roles, memberships, ownership, residence and family ties: a noun of
ontology/lexicon/roles.tsv said of a holder, with a complement ("X, présidente de l'association Y",
"le maire de Lyon, X", "X est membre de Y", "le PDG X", "X, un habitant de Tunis", "son fils X").

The holder is found next to the noun (apposition before or after it, with or without a comma or a
determiner), through the parse (apposition, copula, "en tant que", "nommé X directrice"), or as the
subject pronoun of a copula; the complement is the noun's "de" phrase however far it goes ("présidente de
l'association « Médecins du Monde »"), else, for a possessive ("son fils X"), the possessor.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from kg import lexicon, places
from kg.accents import strip_accents
from kg.extract.context import AGENT_CLASSES, TITLE_HOLDERS, Context, key, of_kind
from kg.extract.model import Mention
from kg.extract.registry import rule
from kg.extract.syntax import has_feature, honorific_subject, is_relational, main_subject

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

APPOINTING = frozenset({"nommer", "désigner", "promouvoir", "choisir", "élire", "recruter", "devenir"})
_DETERMINERS = frozenset("le la l' les un une des son sa ses leur leurs notre nos votre ce cet cette".split())
_OF_ORGANISATION = re.compile(r"\s+(?:de|du|d')\s*(?:la |l'|le )?(?:[a-zàâçéèêëîïôûùüÿœ-]+\s+)?[\"']?\s*")
"""What joins a person to an organisation named with them: " de l'organisation « ", " de la société "."""
_LINKS = frozenset({"de", "d'", "du", "des"})
_ARTICLES = frozenset({"le", "la", "l'", "les"})
_HEADS = frozenset({"headOf", "ceoOf", "founded"})
"""Properties of the head of the complement: a longer title ("directrice marketing") is a function, not the head."""
ORGANISATIONS = frozenset({"Organization", "Union"})
_COMPLEMENTS = {
    "headOf": ORGANISATIONS | {"Place"}, "ceoOf": ORGANISATIONS, "worksFor": ORGANISATIONS, "memberOf": ORGANISATIONS,
    "founded": ORGANISATIONS, "owns": ORGANISATIONS | {"Place", "Product"}, "residesIn": {"Place"}, "bornIn": {"Place"},
    "relativeOf": {"Person"}, "spouseOf": {"Person"}, "parentOf": {"Person"}, "siblingOf": {"Person"},
    "colleagueOf": {"Person"},
    "parentOrganization": ORGANISATIONS, "^parentOrganization": ORGANISATIONS, "^developed": ORGANISATIONS,
    "^bornIn": {"Person"}, "^parentOf": {"Person"},
}
"""What a noun's complement may be, by the property it gives ("^p": the complement is p's subject)."""
_MADE = frozenset({"Product", "Technology", "CreativeWork", "Movie", "TVSeries", "VideoGame", "Video", "MISC"})
_HOLDERS = {"memberOf": AGENT_CLASSES, "owns": AGENT_CLASSES, "parentOrganization": ORGANISATIONS, "^parentOrganization": ORGANISATIONS,
            "^developed": _MADE | {"Organization"}, "^bornIn": frozenset({"Place"})}
"""Who may hold a noun: a person, or for membership and ownership any agent, a company for "filiale",
a product for "son logiciel X"."""


@dataclass
class _Noun:
    """One relational noun in a sentence: its tokens, lexicon entry, and Role mention if a position."""

    start: int
    end: int
    entry: lexicon.RoleEntry
    surface: str
    role: Mention | None


_BOTH = frozenset({"tous", "toutes", "deux", "trois"})
"""What says a plural noun in apposition is of every name before it: "X et Y, tous deux membres de Z"."""
_MUTUAL = frozenset({"siblingOf", "spouseOf", "colleagueOf"})
"""Ties a plural noun says of the coordinated names among themselves when it has no complement ("X et Y,
deux collègues")."""
FORMER = frozenset({"ancien", "ancienne", "anciens", "anciennes", "ex", "ex-", "feu"})


@rule("relational-noun")
def relational_nouns(ctx: Context, sent: Span, n: int) -> None:
    """Each relational noun with a holder gives its facts; a position also gives hasRole (an Appointment
    event naming the role and the organisation)."""
    for noun in _nouns_in(ctx, sent):
        before = ctx.doc[noun.start - 1].lower_ if noun.start > 0 else ""
        if _by_training(ctx, noun):
            continue
        if before in FORMER or noun.surface.lower().startswith("ex-"):
            _former_position(ctx, noun, n)
            continue
        holder, how = _holder(ctx, noun)
        if how == "apposition" and "," in ctx.prepared[ctx.tokens[noun.end - 1].idx:holder.start] and _tie_of_another(ctx, noun):
            continue  # "L'épouse du président, Brigitte Macron": the wife, not the president
        support: tuple[int, ...] = ()
        if holder is None and (holder := _native_place(ctx, noun)) is not None:
            how, support = "description", (holder.sentence,) if holder.sentence != n else ()
        if holder is None:
            continue
        if noun.entry.property == "^developed" and holder.label in {"MISC", "Organization"} and holder.evidence.startswith("ner:"):
            holder.label = "Product"  # the noun types the name: "son logiciel Kelvia Twin"
        complement, link = _complement(ctx, noun, holder)
        if complement is None or {key(t) for t in ctx.targets(complement)}.isdisjoint({key(t) for t in ctx.targets(holder)}):
            ctx.memory.setdefault(TITLE_HOLDERS, {}).update(dict.fromkeys(range(noun.start, noun.end), holder))  # not
            # "Le mari de Mme X, présidente de Y,": the husband is unnamed, X no holder of her own tie
        roles: dict[str, int | str] = {}
        if noun.role is not None:
            noun.role.extra = {"role": noun.entry.label if noun.role.text.lower() == noun.surface else noun.role.text.lower(), "en": noun.entry.en}
            roles["role"] = noun.role.id
        properties = _properties(noun, complement, ctx.targets(complement), post=link == "at")
        if noun.entry.property == "ceoOf" and complement is None:  # "le PDG X": of the one company of the
            named = {key(t): t for m in ctx.mentions_in(sent) for t in ctx.targets(m) if t.label == "Organization"}
            if len(named) == 1:  # sentence, else of the company the article is about
                complement, link = next(iter(named.values())), "sentence"
            else:
                complement, link = ctx.salient(AGENT_CLASSES - {"Person", "Union"}), "salient"
        organisations = [t for t in ctx.targets(complement) if t.label in ORGANISATIONS]
        if organisations:
            roles["organization"] = organisations[0].id
        date = ctx.value_in(sent, "DATE")
        if noun.role is not None and date is not None:
            roles["date"] = date.id
        name = f"relational-noun:{how}" + (f":{link}" if link else "")
        holders = [holder, *(_coordinated_before(ctx, holder) if how == "apposition" and _plural(ctx, noun) else [])]
        if complement is None and noun.entry.property in _MUTUAL and len(holders) > 1:
            for i, one in enumerate(holders):  # "X et Y, deux frères jumeaux": of each other
                for other in holders[i + 1:]:
                    ctx.add_fact(noun.entry.property, other, one, n, f"{name}:mutual")
        party = _party(ctx, noun)
        for each in holders:  # "X et Y, tous deux membres de Z"
            if noun.role is not None:
                ctx.add_fact("hasRole", each, noun.role, n, name, "Appointment", roles)
            if party is not None:  # "X, maire (PS) de Rennes": a member of the party
                ctx.add_fact("memberOf", each, party, n, f"relational-noun:{how}:party")
            if complement is None:
                continue
            for prop in properties:
                inverse = prop.startswith("^")
                prop = prop.lstrip("^")
                for one in _with_coordinated(ctx, complement):
                    subject, obj = (one, each) if inverse else (each, one)
                    event = "Appointment" if noun.role is not None else None
                    ctx.add_fact(prop, subject, obj, n, name, event, roles if event else None, support)


def _tie_of_another(ctx: Context, noun: _Noun) -> bool:
    """Whether the noun is the complement of a relational noun before it ("l'épouse du président", "le
    porte-parole du ministre"): the name set beside the phrase is the first noun's holder."""
    token = ctx.tokens[noun.start]
    head = token.head
    return token.dep_ == "nmod" and head.i < token.i and head.pos_ == "NOUN" and is_relational(head.lower_)


def _with_coordinated(ctx: Context, complement: Mention) -> list[Mention]:
    """The complement and the names of its kind coordinated with it: "le patron de Tesla et de SpaceX";
    not a person's ("la sœur de Paul Roux et Marie Dupont": Marie may be the sister's companion)."""
    if complement.label in {"Person", "DESC"}:
        return [complement]
    return [complement, *ctx.coordinated(complement, {complement.label})]


_HELD_POSITIONS = frozenset({"worksFor", "memberOf", "headOf", "ceoOf"})
"""Properties of a position or membership in an organisation, which a former one says no longer holds."""


def _former_position(ctx: Context, noun: _Noun, n: int) -> None:
    """"X, ancien président du Club Y", "l'ex-membre de Y": X belonged to the organisation and no longer
    does (kg:formerMemberOf), and holds no role now. A former tie of another kind ("son ex-mari", "l'ancien
    maire de Lyon") gives nothing: the graph has no end dates."""
    if not _HELD_POSITIONS.intersection(noun.entry.properties):
        return
    holder, how = _holder(ctx, noun)
    if holder is None:
        return
    complement, link = _complement(ctx, noun, holder)
    if any(t.label in ORGANISATIONS for t in ctx.targets(complement)):
        ctx.add_fact("formerMemberOf", holder, complement, n, f"relational-noun:former:{how}" + (f":{link}" if link else ""))


def _native_place(ctx: Context, noun: _Noun) -> Mention | None:
    """The place a possessive "sa ville natale" or "son pays natal" with no name beside it stands for: the
    last place of the noun's kind (ontology/lexicon/descriptions.tsv) named before it ("Un incendie a eu lieu
    à Paris. … il aimerait prendre part à la reconstruction de sa ville natale")."""
    wanted = lexicon.descriptions().get(noun.surface.split()[0])
    if wanted is None or "^bornIn" not in noun.entry.properties or noun.start == 0 or ctx.lowers[noun.start - 1] not in lexicon.POSSESSIVES:
        return None
    start = ctx.tokens[noun.start].idx
    before = [m for m in ctx.mentions if m.start < start and m.label == "Place" and m.is_named and of_kind(m, wanted)]
    return max(before, key=lambda m: m.start) if before else None


def _by_training(ctx: Context, noun: _Noun) -> bool:
    """"infirmier de formation": what the person trained as, not a position they hold."""
    return [t.lower_ for t in ctx.doc[noun.end:noun.end + 2]] == ["de", "formation"] or \
        noun.role is not None and noun.role.text.lower().endswith(" de formation")


def _plural(ctx: Context, noun: _Noun) -> bool:
    """Whether the noun is plural: so tagged, or a listed noun with a plural ending ("cofondatrices")."""
    first = noun.surface.split()[0]
    return has_feature(ctx.doc[noun.start], "Number", "Plur") or first.endswith(("s", "x")) and first[:-1] in lexicon.relational_nouns()


def _coordinated_before(ctx: Context, holder: Mention) -> list[Mention]:
    """The names of the holder's class coordinated before it ("Paul Roux, Ana Ruiz et Marie Dubois"), to
    which a plural noun in apposition also applies."""
    doc = ctx.doc
    found: list[Mention] = []
    i = doc.char_span(holder.start, holder.end, alignment_mode="expand").start
    while i >= 2 and doc[i - 1].lower_ in {"et", ","}:
        other = ctx.by_token.get(i - 2)
        if other is None or other.label != holder.label or not other.is_named:
            break
        found.append(other)
        i = doc.char_span(other.start, other.end, alignment_mode="expand").start
    return found


def _nouns_in(ctx: Context, sent: Span) -> list[_Noun]:
    """The sentence's positions (its Role mentions) and other relational nouns (tokens)."""
    found: list[_Noun] = []
    taken: set[int] = set()
    for m in ctx.mentions_in(sent):
        if m.label != "Role":
            continue
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        entry, surface = role_entry(m.text)
        if span is not None and entry is not None:
            found.append(_Noun(span.start, span.end, entry, surface, m))
            taken.update(range(span.start, span.end))
    nouns = lexicon.relational_nouns()
    pair_heads = _pair_heads()
    for token in ctx.tokens_with(sent, _noun_words()):
        if token.pos_ not in {"NOUN", "ADJ", "PROPN"} and not _noun_in_participle_form(ctx, token) or token.i in taken or token.i in ctx.by_token:
            continue
        pair = f"{token.lower_} {ctx.tokens[token.i + 1].lower_}" if token.lower_ in pair_heads and token.i + 1 < sent.end else ""
        if (entry := nouns.get(pair)) is not None and not entry.is_role:
            found.append(_Noun(token.i, token.i + 2, entry, pair, None))  # "sa ville natale"
            continue
        entry = nouns.get(token.lower_) or nouns.get(token.lemma_.lower())
        if entry is not None and (not entry.is_role or has_feature(token, "Number", "Plur")):
            found.append(_Noun(token.i, token.i + 1, entry, token.lower_, None))  # a plural position: no kg:Role node
    if "ex-" in ctx.lower_texts[ctx.sentence_of_token[sent.start]]:  # "l'ex-présidente du club": a former position, one word
        for i in range(sent.start, sent.end):
            lower = ctx.lowers[i]
            if lower.startswith("ex-") and i not in taken and (entry := nouns.get(lower[3:])) is not None:
                found.append(_Noun(i, i + 1, entry, lower, None))
    return sorted(found, key=lambda noun: noun.start)


def _noun_in_participle_form(ctx: Context, token: Token) -> bool:
    """A noun in the form of a present participle, which the tagger reads as a verb: "habitant de
    Villeurbanne", "dirigeant du groupe" (the verb would take no "de": "habitant Villeurbanne")."""
    return token.pos_ == "VERB" and token.lower_.endswith(("ant", "ante", "ants", "antes")) \
        and token.i + 1 < len(ctx.tokens) and ctx.lowers[token.i + 1] in _LINKS


@cache
def _noun_words() -> frozenset[str]:
    """The words a relational noun starts with: a one-word noun or the first word of a pair."""
    return frozenset(lexicon.relational_nouns()) | _pair_heads()


@cache
def _pair_heads() -> frozenset[str]:
    """The first words of the two-word relational nouns that are not positions ("ville natale")."""
    return frozenset(surface.split()[0] for surface, entry in lexicon.relational_nouns().items() if " " in surface and not entry.is_role)


def _properties(noun: _Noun, complement: Mention | None, targets: list[Mention], *, post: bool = False) -> list[str]:
    """The noun's properties that fit its complement (`targets`: what it stands for): a head's title
    extended by a function ("directrice marketing") or said of a `post` at the complement ("directeur de
    recherche au CNRS") names no head; a role "of" a place puts its holder there. A description or pronoun
    fits as what it stands for ("X, son frère" after "Il": a person)."""
    properties = list(noun.entry.properties)
    if post or noun.role is not None and len(noun.role.text) > len(noun.surface) + 1:
        properties = [p for p in properties if p not in _HEADS] or ["worksFor"]
    if complement is None:
        return properties
    label = complement.label if complement.label != "DESC" else (targets[0].label if targets else "Organization")
    fitting = [p for p in properties if label in _COMPLEMENTS.get(p, ORGANISATIONS)]
    if not fitting and label == "Place" and noun.role is not None and noun.entry.locates:
        return ["locatedIn"]  # "inspectrice de police de Marseille"; not "l'ambassadrice de France"
    return fitting


# ---------------------------------------------------------------- the holder


def _holder(ctx: Context, noun: _Noun) -> tuple[Mention | None, str]:
    """Who the noun is said of, and how it was found."""
    allowed = frozenset({"Person"}) if noun.role is not None else _HOLDERS.get(noun.entry.property or "", frozenset({"Person"}))
    doc = ctx.doc
    np_start = noun.start
    while np_start > 0 and (doc[np_start - 1].lower_ in _DETERMINERS | _BOTH or _premodifier(doc, np_start - 1)):
        np_start -= 1
    if np_start > 0 and doc[np_start - 1].lower_ == "à" and doc[np_start - 1].head.i == noun.start:
        np_start -= 1  # "X, à la tête de Y, a dit": the phrase is said of X as a title in apposition is
    start = noun.end
    while start < len(doc) and start - noun.end < 2 and doc[start].pos_ == "ADJ" and doc[start].text.islower():
        start += 1  # "sa filiale russe Avtovaz": the name after the noun's adjectives
    after = _mention_starting(ctx, start, allowed)
    if after is not None and (start == noun.end or after.is_named):  # not "la filiale suisse du groupe, X"
        return after, "apposition"  # "le PDG Paul Vernier", "son compagnon Ramos Sanchez"
    before = _mention_ending(ctx, np_start, allowed, comma=True)
    if before is None and np_start == noun.start:
        before = _mention_ending(ctx, np_start, allowed, comma=False)  # "a nommé Hélène Vasseur directrice générale"
    if before is None and np_start > 1 and doc[np_start - 1].text == "," and doc[np_start].lower_ in _BOTH and doc[np_start - 2].dep_ == "conj":
        before = ctx.mention_of(doc[np_start - 2].head)  # "X et son mari, tous deux responsables de Y": the named one
        before = before if before is not None and any(t.label in allowed for t in ctx.targets(before)) else None
    if before is None and np_start > 0 and doc[np_start - 1].lower_ == "et" and _aside_closes(doc, _np_end(ctx, noun)):
        before = _mention_ending(ctx, aside_start(doc, np_start - 1), allowed, comma=True)  # "X, né en 1996 et originaire du Soudan, a"
    if before is None and np_start > 1 and doc[np_start - 1].text == "," and _aside_closes(doc, _np_end(ctx, noun)):
        before = _after_first_aside(ctx, np_start - 1, allowed)  # "X, un industriel irlandais, membre de Y, a"
    if before is not None:
        return before, "apposition"  # "Paul Vernier, le PDG d'Acme"
    if (fronted := _fronted_holder(ctx, noun, np_start, allowed)) is not None:
        return fronted, "apposition"  # "Originaire de La Tronche, en Isère, Michel Barnier a été nommé"
    np_end = _np_end(ctx, noun)
    following = _mention_starting(ctx, np_end, allowed, comma=True)
    head = doc[noun.start] if noun.end - noun.start == 1 else doc[noun.start:noun.end].root
    if following is not None and (head.dep_ not in _PREPOSITIONAL or _closed(ctx, following)):
        return following, "apposition"  # "La fondatrice de la start-up, Inès Marchal"; "Selon le maire, X, ..."
    beside = _name_closing(ctx, noun.end, np_end) if "Person" in allowed and head.dep_ not in _PREPOSITIONAL else None
    if beside is not None:
        return beside, "apposition"  # "la maire de Paris Anne Hidalgo", the name the parser made a second subject
    linked = [c for c in head.children if c.dep_ in {"appos", "nsubj", "nsubj:pass"}] + ([head.head] if head.dep_ in {"appos", "xcomp", "obj"} else [])
    if head.dep_ == "nsubj" and any(c.dep_ == "cop" for c in head.head.children):
        linked.append(head.head)  # "Le président de l'association est M. X": the name the copula says it is
    if any(c.dep_ == "cop" for c in head.children) or _after_en_tant_que(head):
        linked += [c for c in head.children if c.dep_.startswith("nsubj")] or [h for h in (honorific_subject(head),) if h is not None]
        if _after_en_tant_que(head) and (verb := head.head) is not None:
            linked += [c for c in verb.children if c.dep_.startswith("nsubj")]
    if head.dep_ in {"xcomp", "obj", "obl:mod"} and head.head.lemma_ in APPOINTING:
        # "X, membre de Y, a été élu maire": a passive's subject the parser may call active
        passive = any(c.dep_ == "aux:pass" for c in head.head.children)
        subjects = {"obj", "nsubj:pass", "nsubj"} if passive else {"obj", "nsubj:pass"}
        linked += [c for c in head.head.children if c.dep_ in subjects and c.i != head.i]
    for candidate in linked:
        relative = candidate if candidate.lower_ == "qui" and head.dep_ == "acl:relcl" else None
        if relative is not None:
            candidate = head.head  # "X, leader du parti Y, qui est également la sœur de Z"
            while candidate.dep_ in {"appos", "conj", "flat:name"} and candidate.head.i != candidate.i and not any(
                    t.label in allowed for t in ctx.targets(ctx.mention_of(candidate))):
                candidate = candidate.head
        mention = ctx.mention_of(candidate)
        if mention is not None and any(t.label in allowed for t in ctx.targets(mention)):
            return mention, "parse"
        if relative is not None and relative.i > 0 and doc[relative.i - 1].text == ",":
            start = aside_start(doc, relative.i - 2)  # the parser hung the relative on a name inside the aside
            mention = _mention_ending(ctx, start, allowed, comma=True) if start else None
            if mention is not None:
                return mention, "parse"
    return None, ""


_PREPOSITIONAL = frozenset({"obl", "obl:mod", "obl:arg", "nmod"})
"""Dependencies of a noun in a prepositional phrase: a name after it and a comma is its apposition only if
another comma closes the name ("Selon le maire, X, ..."), else it is the clause's subject ("Après le départ
du maire, X a parlé")."""


def aside_start(doc, i: int) -> int:
    """The token after the comma that opens the aside token i is in (0 if none within 25 tokens of the
    sentence)."""
    j = i - 1
    while j > doc[i].sent.start and j > i - 25 and doc[j].text not in {",", ";", ":", "(", ")"}:
        j -= 1
    return j + 1 if doc[j].text == "," else 0


def _after_first_aside(ctx: Context, comma: int, allowed) -> Mention | None:
    """The name before a first aside that ends at this comma, when that aside is a noun phrase, not a clause:
    a second noun set off after it is said of the name too ("X, un industriel irlandais, membre de Y";
    not "X, qui dirige la société, membre de Y", whose relative may end on the one meant)."""
    doc = ctx.doc
    start = aside_start(doc, comma - 1)
    if not start or start >= comma or any(t.pos_ in {"VERB", "AUX", "PRON"} for t in doc[start:comma]):
        return None
    return _mention_ending(ctx, start, allowed, comma=True)


def _aside_closes(doc, i: int) -> bool:
    """Whether an aside ends at token i: a comma, or the end of its sentence."""
    return i >= len(doc) or doc[i].text == "," or doc[i].is_sent_start or doc[i].is_sent_end and doc[i].is_punct


def _closed(ctx: Context, mention: Mention) -> bool:
    """Whether a comma, a parenthesis or the end of the sentence follows the mention."""
    span = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and (span.end == span.sent.end or ctx.doc[span.end].text in {",", ")"} or ctx.doc[span.end].is_sent_end)


def _premodifier(doc, i: int) -> bool:
    """Whether token i is an adjective before the noun: tagged so, or a lowercase word the tagger calls a
    noun right after a determiner ("l'actuelle leader du parti")."""
    token = doc[i]
    if not token.text.islower() or not token.is_alpha:
        return False
    return token.pos_ == "ADJ" or token.pos_ == "NOUN" and i > 0 and doc[i - 1].lower_ in _DETERMINERS


@rule("person-of-organisation")
def person_of_organisation(ctx: Context, sent: Span, n: int) -> None:
    """A person named with "de" and an organisation: "Monsieur Juan Mores de l'organisation X", "Martinez
    Dyron de la société Energy&life" — a member of it."""
    for person in ctx.mentions_in(sent):
        if person.label != "Person" or not person.is_named:
            continue
        for org in ctx.mentions_in(sent):
            if org.start <= person.end or org.start - person.end > 40 or org.label not in ORGANISATIONS or not org.is_named:
                continue
            between = ctx.prepared[person.end:org.start].lower().replace("’", "'")
            if _OF_ORGANISATION.fullmatch(between):
                ctx.add_fact("memberOf", person, org, n, "person-of-organisation")
            break


_BELONGING = {"NGO": "memberOf", "PoliticalParty": "memberOf", "Union": "memberOf", "Company": "worksFor"}
"""What "son association X", "son entreprise X" say of the possessor, by the class the noun gives X."""


@rule("possessed-organisation")
def possessed_organisation(ctx: Context, sent: Span, n: int) -> None:
    """A possessive before a noun naming an organisation ("son ONG « X »", "leur syndicat X"): the
    person it refers to is a member of it (or works for it: "son entreprise X")."""
    triggers = lexicon.name_triggers()
    for token in ctx.tokens_with(sent, triggers.keys()):
        kind = triggers.get(token.lower_, ("", None))[0]
        if kind not in _BELONGING or token.i == 0 or ctx.doc[token.i - 1].lower_ not in lexicon.POSSESSIVES:
            continue
        after = token.i + 1
        while after < sent.end and ctx.tokens[after].pos_ == "ADJ" and ctx.tokens[after].text.islower():
            after += 1  # "son association caritative « X »", "leur syndicat agricole X"
        organisation = _mention_starting(ctx, after, ORGANISATIONS)
        if organisation is None or not organisation.is_named:
            continue
        person = possessor(ctx, token.i, organisation, {"Person"})
        if person is not None:
            ctx.add_fact(_BELONGING[kind], person, organisation, n, "possessed-organisation")


def _after_en_tant_que(token: Token) -> bool:
    doc = token.doc
    return token.i >= 3 and " ".join(t.lower_ for t in doc[token.i - 3:token.i]).endswith("en tant que") or \
        token.i >= 4 and " ".join(t.lower_ for t in doc[token.i - 4:token.i - 1]) == "en tant que"


def _mention_starting(ctx: Context, i: int, allowed, *, comma: bool = False) -> Mention | None:
    """The mention of an allowed class that starts at token i, or after an honorific there (after a
    comma, and maybe a determiner, when `comma`: "sa box, la Freebox Ultra")."""
    doc = ctx.doc
    if comma:
        if i >= len(doc) or doc[i].text != ",":
            return None
        i += 1
        if i < len(doc) and doc[i].lower_ in {"le", "la", "l'", "les"}:
            i += 1
    i = ctx.name_start(i)  # "Le leader du parti, Mme Marie Dupont": the name starts after the honorific
    mention = ctx.by_token.get(i) if i < len(doc) else None
    if mention is not None and ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand").start == i \
            and any(t.label in allowed for t in ctx.targets(mention)):
        return mention
    return None


def _name_closing(ctx: Context, start: int, end: int) -> Mention | None:
    """A person's name that ends the noun phrase's tokens [start, end) right after the complement's name, no
    comma between: "la maire de Paris Anne Hidalgo", "le patron de LVMH Bernard Arnault"."""
    starts = [i for i in range(start, end) if i in ctx.by_token and ctx.by_token.get(i - 1) is not ctx.by_token[i]]
    if len(starts) < 2:
        return None
    last, complement = ctx.by_token[starts[-1]], ctx.by_token[starts[-2]]
    if last.label != "Person" or complement.label not in ORGANISATIONS | {"Place"} or ctx.by_token.get(starts[-1] - 1) is not complement:
        return None
    return last if all(ctx.by_token.get(i) is last for i in range(starts[-1], end)) else None


def _mention_ending(ctx: Context, i: int, allowed, *, comma: bool) -> Mention | None:
    """The mention of an allowed class that ends right before token i (before a comma when `comma`)."""
    doc = ctx.doc
    if comma:
        if i == 0 or doc[i - 1].text != ",":
            return None
        i -= 1
        if i > 0 and doc[i - 1].text == ")":  # "Amazon Web Services (AWS), la filiale d'Amazon"
            opening = next((j for j in range(i - 2, max(i - 6, -1), -1) if doc[j].text == "("), None)
            i = opening if opening is not None else i
    mention = ctx.by_token.get(i - 1) if i > 0 else None
    if mention is not None and any(t.label in allowed for t in ctx.targets(mention)):
        return mention
    return None


# ---------------------------------------------------------------- the complement


def _complement(ctx: Context, noun: _Noun, holder: Mention) -> tuple[Mention | None, str]:
    """What the noun relates its holder to: the entity of its "de" phrase, the name a "dont" follows, or the
    possessor."""
    doc = ctx.doc
    i = start = _after_party(ctx, noun)  # "maire (PS) de Rennes": the party said in passing, then the complement
    end = _np_end(ctx, noun)
    right_after = ctx.by_token.get(i)
    if right_after is not None and right_after is not holder and right_after.is_named and right_after.label in ORGANISATIONS:
        return right_after, ""  # "délégué syndical CGT"
    fits = set().union(*(_COMPLEMENTS.get(p, ORGANISATIONS) for p in noun.entry.properties)) | {"MISC", "Place"}
    if ORGANISATIONS & fits:
        fits.add("Person")  # "directrice de Leroy Merlin": a name the model calls a person, typed by the noun below
    while i < end:
        mention = ctx.by_token.get(i)
        if mention is not None and mention.label == "Technology":
            i += 1
            continue  # "la filiale d'informatique en nuage d'Amazon": a field, not the complement
        if mention is not None and mention is not holder and not _is_value(mention) and ctx.targets(mention):
            if not any(t.label in fits for t in ctx.targets(mention)) and mention.label != "DESC":
                return None, ""
            if mention.label == "Place" and doc[i - 1].lower_ in _WHERE:
                return None, ""  # "présidente de l'association « one hand » à Mexico": where, not of what
            if doc[i - 1].lower_ in _LINKS or doc[i - 1].text in {'"', "'"} or _linked_by_de(doc, start, i) \
                    or mention.label == "DESC" and doc[i].lower_ in _LINKS:  # "chercheur du laboratoire": "du" opens the description
                if mention.label == "DESC" and any(key(t) == key(h) for t in ctx.targets(mention) for h in ctx.targets(holder)):
                    mention = _other_antecedent(ctx, mention, holder)  # "Dacia, la filiale du groupe": not Dacia
                    return (mention, "") if mention is not None else (None, "")
                if mention.label == "MISC" or mention.label in {"Place", "Person"} and mention.evidence.startswith("ner:") and not places.is_place(mention.text) \
                        and any(_COMPLEMENTS.get(p) == ORGANISATIONS for p in noun.entry.properties):
                    mention.label = "Organization"  # the frame types a name no gazetteer knows: "directrice de Vantel"
                return mention, ""
            if _at_organisation(ctx, start, i, mention):
                return mention, "at"
            return None, ""
        i += 1
    first = noun.start - 1 if noun.start > 1 and doc[noun.start - 1].pos_ == "ADJ" and doc[noun.start - 1].text.islower() else noun.start
    determiner = doc[first - 1].lower_ if first > 0 else ""  # "son nouvel entraîneur"
    wanted = set().union(*(_COMPLEMENTS.get(p, ORGANISATIONS) for p in noun.entry.properties)) or ORGANISATIONS
    if determiner in _ARTICLES and (dont := _dont(ctx, noun, holder)) is not None:
        j = dont - 1
        while j > 0 and (doc[j].text == "," or not doc[j].text.strip("'\"")):
            j -= 1
        owner = ctx.by_token.get(j)
        if owner is not None and owner is not holder and any(t.label in wanted for t in ctx.targets(owner)):
            return owner, "relative"  # "Jacques Laurent, dont le frère Arthur": Jacques Laurent's brother
    if determiner in lexicon.POSSESSIVES:
        owner = possessor(ctx, noun.start, holder, wanted)
        if owner is not None:
            return owner, "possessive"
    return None, ""


def _dont(ctx: Context, noun: _Noun, holder: Mention) -> int | None:
    """Where the "dont" of a relative clause the noun's phrase is in stands: right before its determiner
    ("X, dont le frère Arthur"), or before its holder and a copula ("Batimex, dont Mme Y est la directrice")."""
    doc = ctx.doc
    i = noun.start - 2
    if i > 0 and doc[i].lemma_ == "être" and doc[i].pos_ == "AUX" and ctx.by_token.get(i - 1) is holder:
        i = doc.char_span(holder.start, holder.end, alignment_mode="expand").start - 1
        while i > 0 and doc[i].text in lexicon.honorifics():
            i -= 1
    return i if i > 0 and doc[i].lower_ == "dont" else None


_WHERE = frozenset({"à", "a", "au", "aux", "en", "dans"})
"""Prepositions that say where the noun phrase is, not what the noun is of."""
_AT = frozenset({"à", "au", "aux"})


def _at_organisation(ctx: Context, start: int, i: int, mention: Mention) -> bool:
    """Whether the mention at token i is an organisation the noun's holder works at, joined by "à" right
    after the noun: "procureure au tribunal de Lyon", "chercheuse à l'Inserm" (a post there, not its head)."""
    j = i - 1
    while j > start and ctx.lowers[j] in _ARTICLES:
        j -= 1
    return j == start and ctx.lowers[j] in _AT and all(t.label in ORGANISATIONS for t in ctx.targets(mention))


def _other_antecedent(ctx: Context, description: Mention, holder: Mention) -> Mention | None:
    """What a description complementing a noun said of `holder` stands for, `holder` excluded: the
    article's most mentioned organisation, else the last one named before."""
    held = {key(t) for t in ctx.targets(holder)}
    before = [m for m in ctx.mentions if m.start < description.start and m.is_named and m.label in ORGANISATIONS and key(m) not in held]
    counts: dict[str, list[Mention]] = {}
    for m in before:
        counts.setdefault(key(m), []).append(m)
    return max(counts.values(), key=lambda ms: (len(ms), ms[-1].start))[-1] if counts else None


def _fronted_holder(ctx: Context, noun: _Noun, np_start: int, allowed: frozenset[str]) -> Mention | None:
    """The subject of the sentence's main clause, for a relational noun phrase that opens the sentence and a
    comma ends ("Originaire de Lyon, X a été nommé", "Présidente de l'association depuis 2010, Y a parlé")."""
    doc = ctx.doc
    sent = doc[noun.start].sent
    end = _np_end(ctx, noun)
    if np_start != sent.start or end >= sent.end or doc[end].text != ",":
        return None
    root = sent.root
    subject = main_subject(root)
    if subject is None and root.i < end:  # the parser made the opening phrase the root, the clause after it its
        clause = next((c for c in root.children if c.dep_ in {"parataxis", "conj"} and c.i > end and c.pos_ in {"VERB", "AUX"}), None)
        subject = main_subject(clause) if clause is not None else None  # parataxis: "Originaire de X, la chanteuse Y vit"
    if subject is None or subject.i < noun.end:
        return None  # "Le maire de Lyon a parlé": the noun is the subject
    return ctx.find_in(subject.subtree, allowed)


def _party(ctx: Context, noun: _Noun) -> Mention | None:
    """The organisation named in parentheses right after a title: "maire (PS) de Rennes", "député (LR)"."""
    doc = ctx.doc
    if noun.end + 2 < len(doc) and doc[noun.end].text == "(" and doc[noun.end + 2].text == ")":
        found = ctx.by_token.get(noun.end + 1)
        return found if found is not None and found.label in ORGANISATIONS else None
    return None


def _after_party(ctx: Context, noun: _Noun) -> int:
    """The token after a title and the party in parentheses after it, if any."""
    return noun.end + 3 if _party(ctx, noun) is not None else noun.end


def _is_value(mention: Mention) -> bool:
    return mention.label in {"MONEY", "PERCENT", "QUANTITY", "DATE", "Role"}


def _linked_by_de(doc, start: int, i: int) -> bool:
    """Whether a "de" stands between the noun and token i: "présidente de l'association X"."""
    return any(t.lower_ in _LINKS for t in doc[start:i])


def _np_end(ctx: Context, noun: _Noun) -> int:
    """Where the noun phrase ends: the next comma, parenthesis, relative pronoun or verb, out of quotes
    and names."""
    doc = ctx.doc
    sent_end = doc[noun.start].sent.end
    in_quote = False
    for i in range(_after_party(ctx, noun), sent_end):  # "maire (PS) de Rennes" goes on past the party
        token = doc[i]
        if token.text in {'"', "'"} and (in_quote or i + 1 < sent_end and doc[i + 1].text[:1].isupper() or token.text == '"'):
            in_quote = not in_quote
            continue
        if in_quote:
            continue
        if token.text in {",", ";", "(", ")", ":"} or token.lower_ in {"qui", "que", "dont", "et"} \
                or token.pos_ in {"VERB", "AUX"} and i not in ctx.by_token:  # "l'ONG Santé Équitable": "Santé" a verb
            return i
    return sent_end


def possessor(ctx: Context, start: int, holder: Mention | None, wanted: set[str]) -> Mention | None:
    """Whose the noun at token `start` is in "son fils", "son directeur général": the subject of the clause
    when the noun is not in it, else the subject of the last sentence that named an entity of the wanted
    classes (or described one), that of its main clause first ("le parti estime que la Suisse doit…": the
    party), else that last entity; never the `holder` the noun is said of, no institution only named in
    passing ("devant le tribunal de X": not whose "sa box" is), and no organisation when the noun opens a
    sentence that follows one about a person."""
    doc = ctx.doc
    verb = doc[start]
    while verb.dep_ not in {"ROOT"} and verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    for child in verb.children:
        if child.dep_.startswith("nsubj") and not (child.i <= start < max(t.i for t in child.subtree) + 1):
            held = ctx.title_holder(child)  # "Le fils de l'acteur X, Y, a porté plainte contre sa sœur": Y's
            mention = held if held is not None and held.label in wanted else ctx.find_in(child.subtree, wanted)
            if mention is not None and (holder is None or all(key(t) != key(holder) for t in ctx.targets(mention))):
                return mention
    if "Person" not in wanted and _after_a_person_s_sentence(ctx, start):
        return None  # "X a marqué contre le club Y. Son entraîneur, Z, …": X's coach, no organisation's
    before = [m for m in ctx.mentions if m.end <= doc[start].idx and any(t.label in wanted and (holder is None or key(t) != key(holder)) for t in ctx.targets(m))
              and not (m.evidence.startswith("institution:") and not _is_subject(doc.char_span(m.start, m.end, alignment_mode="expand")))]
    if not before:
        return None
    last = max(before, key=lambda m: m.start)
    if _addressee_between(ctx, last.end, start):
        return None  # "L'opérateur reproche à son concurrent … sa box": maybe the competitor's
    spans = {m.id: doc.char_span(m.start, m.end, alignment_mode="expand") for m in before if m.sentence == last.sentence}
    subjects = sorted((m for m in before if m.id in spans and _is_subject(spans[m.id])), key=lambda m: (_of_main_clause(spans[m.id]), m.start))
    return subjects[-1] if subjects else last  # "L'ULM a tenu un meeting à Lyon. Son président…": the ULM


def _addressee_between(ctx: Context, end: int, start: int) -> bool:
    """Whether, in the sentence of the possessive noun at token `start` and after character `end`, an unnamed
    party is addressed with a possessive ("à son concurrent", "à leur partenaire"): a later possessive may be
    that party's as well as the subject's."""
    sent = ctx.sents[ctx.sentence_of_token[start]]
    return any(ctx.lowers[t.i - 1] in lexicon.POSSESSIVES and ctx.lowers[t.i - 2] in {"à", "a"} and t.i not in ctx.by_token
               for t in ctx.tokens[max(sent.start + 2, 0):start] if t.pos_ == "NOUN" and t.idx >= end)


def _after_a_person_s_sentence(ctx: Context, start: int) -> bool:
    """Whether the possessive noun at token `start` opens its sentence ("Son conseiller, X, …") right after a
    sentence whose main clause has a person as subject: the possessive is most likely that person's."""
    n = ctx.sentence_of_token.get(start)
    if n is None or n == 0 or start - 1 != ctx.sents[n].start:
        return False
    subject = main_subject(ctx.sents[n - 1].root)
    return subject is not None and ctx.find_in(subject.subtree, {"Person"}) is not None


def _of_main_clause(span: Span) -> bool:
    """Whether a phrase belongs to its sentence's main clause: no clause verb between it and the root."""
    head = span.root.head
    while head.i != head.head.i and head.dep_ not in _CLAUSES:
        head = head.head
    return head.i == head.head.i


_CLAUSES = frozenset({"ccomp", "advcl", "acl", "acl:relcl", "csubj", "xcomp", "parataxis"})


def _is_subject(span: Span) -> bool:
    """Whether a mention's phrase is the subject of its clause (the likeliest antecedent of a possessive), or
    names the noun that is ("Le parti ULM a gagné", "L'association « X » a distribué"; not "le président de
    l'ULM")."""
    if any(t.dep_.startswith("nsubj") for t in span):
        return True
    root = span.root
    return (root.dep_ in {"flat:name", "flat", "appos", "nmod"} and root.head.dep_.startswith("nsubj") and 0 < root.i - root.head.i <= 3
            and not any(c.dep_ == "case" for c in root.children))


def kin_complement(ctx: Context, mention: Mention) -> bool:
    """Whether a name is the complement of a kinship noun ("la sœur du député X", "le mari de Mme Y"): named
    to say who someone else is, with no part of its own in what the clause tells."""
    span = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    before = ctx.tokens[span.start - 1] if span.start > 0 else None
    token = before if before is not None and before.text in lexicon.honorifics() else span.root  # "de Mme Y": the honorific heads it
    for _ in range(4):
        if token.head.i == token.i:
            return False
        if token.dep_ == "nmod" and any(c.dep_ == "case" and c.lower_ in _LINKS for c in token.children):
            entry = lexicon.relational_nouns().get(token.head.lower_) or lexicon.relational_nouns().get(token.head.lemma_.lower())
            return entry is not None and bool(lexicon.KINSHIP.intersection(entry.properties))
        if token.dep_ not in {"appos", "flat:name", "flat"}:
            return False
        token = token.head  # "du député X": the title the name is set beside; "de Mme Y": the honorific
    return False


def role_entry(text: str) -> tuple[lexicon.RoleEntry | None, str]:
    """The lexicon entry of a role, by its longest known beginning ("directrice des opérations" →
    "directrice"), and that beginning."""
    words = text.lower().split()
    for count in range(len(words), 0, -1):
        head = " ".join(words[:count])
        entry = lexicon.relational_nouns().get(head) or lexicon.relational_nouns().get(strip_accents(head))
        if entry is not None:
            return entry, head
    return None, ""


def person_next_to(ctx: Context, role: Mention) -> Mention | None:
    """The person a role mention is said of, if any (a role nobody holds is a job on offer)."""
    span = ctx.doc.char_span(role.start, role.end, alignment_mode="expand")
    entry, surface = role_entry(role.text)
    if span is None or entry is None:
        return None
    holder, _ = _holder(ctx, _Noun(span.start, span.end, entry, surface, role))
    return holder
