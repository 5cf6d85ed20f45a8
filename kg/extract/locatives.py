"""Where things are and happen: place phrases attached to the entities and clauses they modify.

- a verb of place from ontology/lexicon/place_verbs.tsv gives its own relation ("née à Londres":
  bornIn; "qui vit à Tunis": residesIn; "basée à Lyon": locatedIn);
- a place stated inside another ("Manille, aux Philippines", "Donges, en Loire-Atlantique") is
  locatedIn it, unless the gazetteer knows both and says otherwise;
- an organisation named with its place ("l'éditeur de Vélizy", "la raffinerie X de Donges", "membre de
  l'association X au Niger"), or whose name ends with it ("l'Université de Lyon"), is there;
- a noun of an organisation's seat or sites (ontology/lexicon/seat_nouns.tsv) places the organisation
  ("le siège de X est à Lyon", "à Lille, où se trouve le siège de l'entreprise");
- a person's home with its place (ontology/lexicon/home_nouns.txt: "à son domicile à Lisbonne") is where
  the person resides;
- any other place introduced by a locative preposition ("à", "en", "au", "dans") locates the agents of
  the clause it belongs to ("Le 10 novembre, l'ONG X a manifesté à Melbourne"), at a lower confidence;
  an agent only named inside the clause, or the organisation of a member there, is only involved in
  what happened there (kg:involvedAt; kg:memberInvolvedAt when a member of the organisation is there).
"""
from __future__ import annotations

import re
from collections.abc import Collection, Container
from typing import TYPE_CHECKING

from kg import lexicon, places
from kg.extract.context import Context, key
from kg.extract.model import Mention
from kg.extract.registry import rule
from kg.extract.relational import FORMER, aside_start, kin_complement, possessor
from kg.extract.syntax import has_feature, honorific_subject, lemma_candidates, negated, speculative, with_companions

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

LOCATIVE = frozenset({"à", "a", "au", "aux", "en", "dans", "sur"})
"""Prepositions that put something in a place (not "de", which also says where something comes from)."""
_OF = frozenset({"de", "d'", "du", "des"})
AGENTS = frozenset({"Person", "Organization", "Union", "JobPosting"})
_HOLDERS = frozenset({"Organization", "Union"})
_CLAIMED = "locatives:claimed"
"""Context memory: (mention id, place id) pairs a more specific rule already placed."""
_NAMED_PLACES = "locatives:named-places"
"""Context memory: the article's named places by name key."""


def _placed(ctx: Context) -> set[tuple[int, int]]:
    return ctx.memory.setdefault(_CLAIMED, set())


def place_of(ctx: Context, token: Token) -> Mention | None:
    """The place mention at a token, if the token is part of one."""
    mention = ctx.by_token.get(token.i)
    targets = ctx.targets(mention)
    return targets[0] if targets and targets[0].label == "Place" else None


def locative_case(token: Token) -> str | None:
    """The locative preposition introducing the phrase headed by this token ("à Rome", "en Italie"), or
    the phrase it completes with "de" ("dans les rues de Rome", "au sein d'un bâtiment de la ville de
    Manille"); from a name's first word that modifies the next one, from that one ("dans la 88e Avenue").
    None inside a compound preposition that says no place ("à la tête d'un réseau couvrant l'Afrique",
    ontology/lexicon/preposition_nouns.txt), or after a relational noun ("a écrit au maire de Lyon":
    to a person, not at a place)."""
    if token.dep_ in {"amod", "nummod"} and token.head.i == token.i + 1:
        token = token.head
    for _ in range(4):
        cases = {c.lower_ for c in token.children if c.dep_ in {"case", "fixed"}}
        previous = token.doc[token.i - 1].lower_ if token.i > 0 else ""
        found = next(iter(cases & LOCATIVE), None) or (previous if previous in LOCATIVE else None)
        if found is not None:  # "au nom de la France", "a écrit au maire de Lyon": no place, a role's holder
            return None if token.lower_ in lexicon.preposition_nouns() or token.lower_ in lexicon.relational_nouns() else found
        if not cases & _OF or token.head.i == token.i or token.head.pos_ not in {"NOUN", "PROPN"}:
            return None
        token = token.head
    return None


def _place_heads(ctx: Context, sent: Span) -> list[tuple[Token, Mention]]:
    """The first token of each place mention of the sentence (or of a description standing for a place),
    with the mention, in the sentence's order; read from the sentence's mentions, not its every token."""
    seen: set[int] = set()
    found = []
    for mention in sorted((m for m in ctx.mentions_in(sent) if m.label in {"Place", "DESC"}), key=lambda m: m.start):
        targets = ctx.targets(mention)  # a name of another class stands for itself: no place
        if not targets or targets[0].label != "Place" or targets[0].id in seen:
            continue
        span = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and ctx.by_token.get(span.start) is mention:
            seen.add(targets[0].id)
            found.append((ctx.tokens[span.start], mention))
    return found


@rule("place-verb")
def place_verbs(ctx: Context, sent: Span, n: int) -> None:
    """A verb of place with a locative complement: its subject, or the noun its participle qualifies,
    gets the verb's relation to the place ("née à Londres", "qui vit à Tunis", "basée à Lyon")."""
    verbs = lexicon.place_verbs()
    for token, mention in _place_heads(ctx, sent):
        if locative_case(token) is None:
            continue
        verb = _governing_verb(token, ctx.by_token)
        if verb is None or token.i < verb.i and _bare_participle(verb):
            continue  # "Dans une usine en Norvège, X, née en Allemagne, ...": a participle's place follows it
        words = [verb, *(c for c in verb.children if c.dep_ == "obj")] if verb.lemma_ in {"avoir", "être"} else [verb]
        lemma = next((k for w in words for k in lemma_candidates(w) if k in verbs or k + "/org" in verbs), None)
        if lemma is None:  # "immigré"; "ayant immigré", parsed as the verb avoir and a noun
            continue
        for holder in _subjects(ctx, verb):
            for target in ctx.targets(holder):
                entry = verbs.get(lemma) if target.label == "Person" else verbs.get(lemma + "/org")
                if entry is not None and target.label in entry[1]:
                    ctx.add_fact(entry[0], target, mention, n, f"place-verb:{lemma}")
                    _placed(ctx).add((target.id, mention.id))


def _bare_participle(verb: Token) -> bool:
    """A past participle without auxiliary ("née", "basée"): a reduced clause."""
    return has_feature(verb, "VerbForm", "Part") and not any(c.dep_.startswith("aux") for c in verb.children)


@rule("place-in-place")
def place_in_place(ctx: Context, sent: Span, n: int) -> None:
    """"Manille, aux Philippines", "Donges, en Loire-Atlantique", "Poissy, dans les Yvelines", "Lyon
    (France)": the first place is in the second, unless the gazetteer knows both and puts the first in another country."""
    heads = _place_heads(ctx, sent)
    for (first_token, first), (second_token, second) in zip(heads, heads[1:]):
        between = " ".join(t.lower_ for t in ctx.doc[first_token.i:second_token.i]
                           if ctx.by_token.get(t.i) is not first and not _is_date(ctx.by_token.get(t.i)))
        between = between.replace("' ", "'").rstrip("'").strip()
        before = ctx.doc[first_token.i - 1].lower_ if first_token.i > 0 else ""
        if between in {"à", ", à"}:
            if before in _ROUTE and not first.evidence.startswith("trigger"):
                continue  # "de Paris à Lyon": a route, not a place in another ("le quartier de X à Y" is one)
            if before in {"au", "aux", "en"}:
                first, second = second, first  # "au Burkina, à Ouagadougou": a country, then a town in it
        elif between not in {",", "(", "en", ", en", "au", ", au", "aux", ", aux", "dans", ", dans", "dans l", ", dans l",
                             "en l", "(en", "au sein de", ", dans le", "dans le", ", dans la", "dans la", ", dans les", "dans les"} \
                and not _in_area(between):
            continue
        inner, outer = places.lookup(first.text), places.lookup(second.text)
        if between in {"au", "aux", "en"} and origin(first_token) and not (
                inner is not None and outer is not None and _SIZE[inner.kind] < _SIZE[outer.kind] and places.contains(outer, inner)):
            continue  # "déplacées de l'Arizona au Texas": a route, unless the gazetteer puts one in the other
        if inner is not None and outer is not None and _SIZE[inner.kind] > _SIZE[outer.kind] and places.contains(inner, outer):
            first, second = second, first  # "au Burkina, à Ouagadougou": the larger place first
        elif inner is not None and outer is not None and not places.contains(outer, inner):
            continue
        elif inner is not None and inner.kind in {"country", "continent"} and outer is None:
            first, second = second, first  # "en Tunisie, à Séjoumi": a place the gazetteer does not know is in the country
        ctx.add_fact("locatedIn", first, second, n, "place-in-place")
        _placed(ctx).add((first.id, second.id))


def _in_area(between: str) -> bool:
    """Whether the words between two places put the first in a part of the second (", dans l'ouest du",
    "dans la banlieue de"; the words as place_in_place joins them)."""
    words = re.fullmatch(r",? ?dans (?:le |la |l')(\S+) (?:de|du|des|d|de la|de l)", between)
    return words is not None and words[1] in lexicon.area_nouns()


_SIZE = {"city": 0, "region": 1, "country": 2, "continent": 3}
_ROUTE = frozenset({"de", "d'", "du", "des", "depuis", "entre"})
"""What opens the start of a route ("de Paris à Lyon")."""


def origin(token: Token) -> bool:
    """Whether a place phrase says where something comes from: "venu de Lyon", "déplacées de l'Arizona",
    "depuis Paris" — not a noun's complement ("la ville de Limerick", "le tunnel du Mont-Blanc")."""
    cases = {c.lower_ for c in token.children if c.dep_ == "case"}
    return bool(cases & {"depuis", "dès"}) or bool(cases & _OF) and token.head.pos_ in {"VERB", "AUX"}


def _is_date(mention: Mention | None) -> bool:
    return mention is not None and mention.label == "DATE"  # "le quartier de Séjoumi aujourd'hui à Tunis"


@rule("named-with-place")
def named_with_place(ctx: Context, sent: Span, n: int) -> None:
    """An organisation, or a description of one, followed by "de" and a place ("l'éditeur de
    Vélizy-Villacoublay", "la raffinerie TotalEnergies de Donges", "l'université du Texas"), or whose name a
    locative phrase completes ("membre de l'association « X » au Niger": `name_owner`)."""
    for token, place in _place_heads(ctx, sent):
        if (owner := name_owner(ctx, token)) is not None:
            name = "named-with-place:locative"
        elif token.i >= 2 and ctx.doc[token.i - 1].lower_ in {"de", "d'", "du"}:
            owner, name = ctx.by_token.get(token.i - 2), "named-with-place"
        else:
            continue
        if owner is None or not _is_organisation(ctx, owner):
            continue
        named = owner.label != "DESC"  # "la raffinerie TotalEnergies de Donges": the company works there;
        ctx.add_fact("operatesIn" if named else "locatedIn", owner, place, n, name)  # "l'éditeur de Vélizy" is there
        _placed(ctx).update((t.id, place.id) for t in ctx.targets(owner))


def _is_organisation(ctx: Context, mention: Mention) -> bool:
    return any(t.label in _HOLDERS for t in ctx.targets(mention))


def name_owner(ctx: Context, token: Token) -> Mention | None:
    """The organisation (or description of one) whose name a locative phrase completes ("membre de
    l'association « X » au Niger", "présidente de la fondation X à Berlin"): the phrase says where the
    organisation is, and nothing of where its clause happened. Not in an object or a complement ("un bus
    transportant les membres de l'association X en Tunisie", "lors de la réunion du Comité X à Strasbourg"),
    where the place may be the verb's or the event's as well."""
    if token.dep_ != "nmod" or token.head.pos_ not in {"NOUN", "PROPN"} or locative_case(token) is None:
        return None
    head = token.head
    owner = ctx.by_token.get(head.i)
    named = ctx.by_token.get(ctx.name_start(head.i + 1))
    if owner is None and named is not None and (noun := naming_noun(ctx, named)) is not None and noun.i == head.i:
        owner = named  # "l'association « X » au Niger", the place hung on the noun before the name
    if owner is None and (before := ctx.by_token.get(ctx.before_quotes(token.left_edge.i - 1))) is not None \
            and (span := ctx.doc.char_span(before.start, before.end, alignment_mode="expand")) is not None \
            and _phrase_top(naming_noun(ctx, before) or span.root).dep_ in _NAMING_PHRASES:
        owner = before  # "Mme Y, présidente de l'association « X » à Mexico, a été agressée": the name right before the
        # place, in the subject's phrase, though the parser hung the place elsewhere (not "un bus transportant…")
    if owner is None or not _is_organisation(ctx, owner):
        return None
    phrases = [head]
    if ctx.by_token.get(head.i) is owner and (noun := naming_noun(ctx, owner)) is not None:
        phrases.append(noun)  # the place hung on a word of a name the parser read as a clause of its own ("l'association
        # ''Non au trafic des enfants'' au Niger"): the name's phrase is its noun's
    return owner if any(_phrase_top(phrase).dep_ in _NAMING_PHRASES for phrase in phrases) else None


def _phrase_top(token: Token) -> Token:
    """The head of the noun phrase a token belongs to, through complements, asides and names (and a noun the
    parser calls a modifier of a name: "Mme X, présidente de…")."""
    while (token.dep_ in {"nmod", "flat:name", "amod", "appos", "conj"} or token.dep_ == "obl:mod" and token.head.pos_ in {"NOUN", "PROPN"}) \
            and token.head.i != token.i:
        token = token.head
    return token


_NAMING_PHRASES = frozenset({"nsubj", "nsubj:pass", "vocative", "ROOT"})
"""Where the noun phrase of a name with its place phrase (or the phrase it is an aside to) stands when the
place can only be the name's: a subject, a title (an object or a complement after the verb may leave the
place to the verb)."""


@rule("place-in-name")
def place_in_name(ctx: Context, sent: Span, n: int) -> None:
    """An organisation whose name says where it works ("l'Association des Pêcheurs de Brest", "l'Université
    de Lyon") operates in that place, when the article names the place too: the fact joins the two
    mentions and records both sentences."""
    named = ctx.memory.get(_NAMED_PLACES)
    if named is None:  # once per article
        named = ctx.memory[_NAMED_PLACES] = {places.place_key(m.text): m for m in ctx.mentions if m.label == "Place" and m.is_named}
    for org in ctx.mentions_in(sent):
        if org.label not in {"Organization", "Union"} or not org.is_named:
            continue
        words = org.text.replace("’", "'").replace("d'", "d' ").split()
        for i, word in enumerate(words[1:-1], start=1):
            if word.lower() not in _OF:
                continue
            tail = " ".join(words[i + 1:])
            place = named.get(places.place_key(tail))
            if place is not None and (org.id, place.id) not in _placed(ctx):  # not said again after "named-with-place"
                ctx.add_fact("operatesIn", org, place, n, "place-in-name")
                _placed(ctx).add((org.id, place.id))
                break


_AFFILIATIONS = frozenset({"memberOf", "worksFor", "headOf", "ceoOf"})


@rule("seat")
def seats(ctx: Context, sent: Span, n: int) -> None:
    """A noun of an organisation's seat or sites (ontology/lexicon/seat_nouns.tsv) places the organisation
    it belongs to: "le siège de Danone est situé à Paris", "au siège de l'association à Bordeaux", "à
    Lille, où se trouve le siège de l'entreprise", "Acme a son siège à Lyon", "Acme, dont le siège est
    à Nantes"."""
    nouns = lexicon.seat_nouns()
    for token in ctx.tokens_with(sent, nouns.keys()):
        if token.pos_ not in {"NOUN", "PROPN"} or token.lower_ not in nouns:
            continue
        following = ctx.text[token.idx:sent.end_char].lower()
        prop = next((p for noun, p in nouns[token.lower_].items() if following.startswith(noun)), None)
        if prop is None:
            continue
        owner, place = _seat_owner(ctx, token), _seat_place(ctx, token)
        if owner is not None and place is not None:
            for each in [place, *ctx.coordinated(place, {"Place"})]:  # "ses usines de Cholet et de Vannes"
                ctx.add_fact(prop, owner, each, n, "seat")
                _placed(ctx).add((owner.id, each.id))


def _of_phrase(child: Token) -> bool:
    """Whether a noun's child is its "de" complement ("le siège de X", "l'usine de Cholet")."""
    return child.dep_ == "nmod" and any(c.lower_ in _OF for c in child.children if c.dep_ == "case")


def _seat_owner(ctx: Context, noun: Token) -> Mention | None:
    """The organisation a seat belongs to: "le siège de X", "son siège" (the clause's subject), "X,
    dont le siège"."""
    verb = _governing_verb(noun, ctx.by_token)
    candidates: list[Mention | None] = []
    for child in noun.children:
        if _of_phrase(child):
            candidates.append(ctx.mention_of(child))
        elif child.dep_.startswith("det") and child.lower_ in lexicon.POSSESSIVES and verb is not None:
            candidates.append(ctx.subject(verb)[0])
    dont = next((t for t in [*noun.children, *(verb.children if verb is not None else ())] if t.lower_ == "dont"), None)
    if dont is not None and verb is not None and verb.dep_ == "acl:relcl":
        candidates.append(ctx.mention_of(verb.head))
    elif dont is not None:  # the relative clause parsed as attached elsewhere: the name right before "dont"
        candidates.append(ctx.by_token.get(dont.i - 2 if ctx.tokens[dont.i - 1].text == "," else dont.i - 1))
    return next((t for m in candidates for t in ctx.targets(m) if t.label in _HOLDERS), None)


def _seat_place(ctx: Context, noun: Token) -> Mention | None:
    """Where a seat is: a place phrase of the noun ("au siège de l'ONG à Bordeaux"), of the clause the
    noun is the subject or object of ("est situé à Paris", "a son siège à Lyon"), or the place a
    relative "où" clause qualifies ("à Lille, où se trouve le siège")."""
    for token in noun.subtree:
        if (place := place_of(ctx, token)) is not None and locative_case(token) is not None:
            return place
    for child in noun.children:  # "ses usines de Cholet": the site's own place
        if _of_phrase(child) and (place := place_of(ctx, child)) is not None:
            return place
    verb = noun.head
    if noun.dep_ not in {"nsubj", "nsubj:pass", "obj"} or verb.pos_ not in {"VERB", "AUX"}:
        return None
    stated = clause_places(ctx, verb)
    if stated:
        return stated[0]
    where = next((c for c in verb.children if c.lower_ == "où"), None)
    if where is None or where.i < 1:
        return None
    before = ctx.doc[where.i - 1]
    if before.text == "," and where.i > 1:
        before = ctx.doc[where.i - 2]
    return place_of(ctx, before)


@rule("home")
def homes(ctx: Context, sent: Span, n: int) -> None:
    """A person's home with its place ("retrouvé à son domicile à Lisbonne", "la maison de campagne de
    Vienne du colonel X", "le domicile de Mme X à Nice") says where the person resides; the home nouns
    are ontology/lexicon/home_nouns.txt."""
    nouns = lexicon.home_nouns()
    for token in ctx.tokens_with(sent, nouns):
        if token.pos_ != "NOUN" or token.lower_ not in nouns:
            continue
        owner = _home_owner(ctx, token)
        place = next((p for t in token.subtree if t.i != token.i and (p := place_of(ctx, t)) is not None
                      and {c.lower_ for c in t.children if c.dep_ == "case"} & (LOCATIVE | _OF)), None) or _place_right_after(ctx, token)
        if owner is not None and place is not None:
            ctx.add_fact("residesIn", owner, place, n, "home")
            _placed(ctx).add((owner.id, place.id))
        elif owner is not None:
            ctx.memory.setdefault(UNPLACED_HOMES, []).append((owner.id, n))  # "à son domicile": the scene's, later


UNPLACED_HOMES = "locatives:unplaced-homes"
"""Context memory: (person mention id, sentence) of each home named with no place ("retrouvé à son domicile")."""


def _place_right_after(ctx: Context, noun: Token) -> Mention | None:
    """The place of a phrase right after the noun ("domicile à Lisbonne"), however the parser attached it."""
    tokens = ctx.tokens
    i = noun.i + 1
    if i >= len(tokens) or tokens[i].lower_ not in LOCATIVE | _OF:
        return None
    i += 1
    if i < len(tokens) and tokens[i].lower_ in {"la", "le", "l'", "les"}:
        i += 1
    return place_of(ctx, tokens[i]) if i < len(tokens) else None


def _home_owner(ctx: Context, noun: Token) -> Mention | None:
    """Whose home it is: the person of its "de" phrase, else of its possessive ("son domicile")."""
    for child in noun.children:
        if _of_phrase(child):
            person = next((t for t in ctx.targets(ctx.mention_of(child)) if t.label == "Person"), None)
            if person is not None:
                return person
    if any(c.dep_.startswith("det") and c.lower_ in lexicon.POSSESSIVES for c in noun.children):
        return next((t for t in ctx.targets(possessor(ctx, noun.i, None, {"Person"})) if t.label == "Person"), None)
    return None


@rule("clause-place")
def clause_place(ctx: Context, sent: Span, n: int) -> None:
    """A place introduced by "à", "en", "au", "dans" locates the agents of its clause: those the clause's
    verb governs, and the noun a relative or participial clause qualifies; not when the clause is negated
    or speculative ("n'est pas allé à Lyon", "se rendra à Rennes", "a décidé de se rendre à Paris")."""
    containers = {outer for inner, outer in _placed(ctx)}
    for token, place in _place_heads(ctx, sent):
        if locative_case(token) is None or place.id in containers or name_owner(ctx, token) is not None:
            continue  # "Donges, en Loire-Atlantique": the clause happens in Donges; "l'ONG X au Niger": the ONG is there
        verb = _governing_verb(token, ctx.by_token)
        if not _stated(token, verb):
            continue
        participants = _participants(ctx, verb) if verb is not None else []
        if verb is None or not participants and any(c.dep_ == "cop" for c in token.children):
            _locate(ctx, _copula_subject(ctx, token), place, n, "clause-place")  # "X était à Caen", read as one name
            continue
        place_verb = next((k for k in lemma_candidates(verb) if k in lexicon.place_verbs()), None)
        others = [m for i in sorted(t.i for t in verb.subtree) if (m := ctx.by_token.get(i)) is not None and m not in participants
                  and not _formerly(ctx.tokens[i], verb)]
        members = _organisations_of_members(ctx, n)
        for agent in participants:  # "née en Iran": a verb of place says no presence
            _locate(ctx, agent, place, n, "clause-place", people=place_verb is None, members=members)
        for agent in others:  # named inside the clause ("le centre X", "l'avocat de X"), not an argument
            if agent.label == "Person" and kin_complement(ctx, agent):
                continue  # "la sœur de Mme X": named to say who the sister is
            _locate(ctx, agent, place, n, "clause-place:nested", people=place_verb is None, nested=True)


def personal_place(ctx: Context, token: Token) -> bool:
    """Whether a place phrase says where someone was born or lives, by its verb, one said of people only
    ("L'attaquant, né à Paris", "qui vit à Lyon"; not "la contrebande s'est installée à Porto"), whoever
    the verb is said of."""
    verb = _governing_verb(token, ctx.by_token)
    homes = lexicon.place_verbs()
    return verb is not None and token.head.i == verb.i and any(
        k in homes and homes[k][0] in {"bornIn", "residesIn"} and k + "/org" not in homes for k in lemma_candidates(verb))


def stated(ctx: Context, token: Token) -> bool:
    """Whether the clause a place phrase belongs to states what happened (`_stated`)."""
    return _stated(token, _governing_verb(token, ctx.by_token))


def _stated(token: Token, verb: Token | None) -> bool:
    """Whether the clause of a place phrase that is its verb's own (`verb`: its governing verb, None for none)
    states what happened: not negated, not speculative. A place inside a phrase the verb governs ("ne
    feront plus partie de la société X, spécialisée dans la pâtisserie à Toulouse") is the phrase's."""
    return verb is None or token.head.i != verb.i or not (negated(verb) or speculative(verb))


def _formerly(token: Token, verb: Token) -> bool:
    """Whether a name is the complement of a former position ("ancien président du Club X"): what its
    clause tells happened after, and the name had no part in it."""
    head = token
    while head.i != verb.i and head.head.i != head.i:
        head = head.head
        if head.pos_ == "NOUN" and any(c.lower_ in FORMER for c in head.children if c.dep_ == "amod"):
            return True
    return False


def _organisations_of_members(ctx: Context, n: int) -> set[int]:
    """The organisations of sentence n that a person of it belongs to ("X, membre de l'association Y"):
    where the person was, the organisation is only involved."""
    return {f.object for f in ctx.facts if f.sentence == n and f.predicate in _AFFILIATIONS and ctx.mentions[f.subject].label == "Person"}


def member_at(ctx: Context, organisation: Mention, place: Mention, people: Collection[str] = ()) -> bool:
    """Whether a person the article names as the organisation's member, head or employee is at the place or
    involved in what happened there, by a fact already made or as one of `people` (keys of persons about to
    be put there): the organisation then has a member involved there (kg:memberInvolvedAt), which is all
    the text says of it ("Mme X, présidente de l'association Y, a été blessée à Lyon")."""
    org, where = key(organisation), key(place)
    members = {key(ctx.mentions[f.subject]) for f in ctx.facts if f.predicate in _AFFILIATIONS
               and key(ctx.mentions[f.object]) == org and ctx.mentions[f.subject].label == "Person"}
    return bool(members) and (bool(members.intersection(people)) or any(
        f.predicate in _MEMBER_WHEREABOUTS and key(ctx.mentions[f.object]) == where and key(ctx.mentions[f.subject]) in members
        for f in ctx.facts))


_MEMBER_WHEREABOUTS = frozenset({"presentIn", "involvedAt"})


def naming_noun(ctx: Context, mention: Mention) -> Token | None:
    """The noun a trigger-typed name comes after ("l'ONG « X »": ONG), or None: whatever the parser hangs
    the name's words on, the name plays that noun's part in the clause."""
    if not mention.evidence.startswith("trigger:"):
        return None
    span = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    i = ctx.before_quotes(span.start - 1) if span is not None else -1
    return ctx.tokens[i] if i >= 0 and ctx.lowers[i] == mention.evidence.split(":")[1] else None


def of_members(ctx: Context, organisation: Mention) -> bool:
    """Whether this mention of an organisation is the complement of a member, head or employee noun said of
    no named person ("les membres de l'association X", "des bénévoles de l'ONG X"): where they were, the
    organisation has members involved (kg:memberInvolvedAt), which is all the text says of it. (A named
    member, "Mme Y, membre de X", is `member_at`'s: the organisation's then depends on where Y was.)"""
    span = ctx.doc.char_span(organisation.start, organisation.end, alignment_mode="expand")
    if span is None:
        return False
    noun = naming_noun(ctx, organisation) or span.root
    holder = noun.head
    entry = lexicon.relational_nouns().get(holder.lemma_) if noun.dep_ == "nmod" else None
    if entry is None or not _AFFILIATIONS.intersection(entry.properties):
        return False
    if any(c.dep_ in {"appos", "flat:name"} for c in holder.children):
        return False  # "le président de Y, M. X"
    person = holder.head  # "M. X, le président de Y" (an apposition, a coordinate or a modifier of the honorific)
    named = [person, *(c for c in person.children if c.dep_ == "flat:name")]
    return not any((m := ctx.mention_of(t)) is not None and m.label == "Person" for t in named)


def _locate(ctx: Context, agent: Mention | None, place: Mention, n: int, name: str, *, people: bool = True,
            members: Collection[int] = (), nested: bool = False) -> None:
    """Put the agents a mention stands for at the place (presentIn a person, operatesIn an organisation),
    unless a more specific rule already did. An agent only named inside the clause (`nested`), or an
    organisation named as a person's (`members`) or as its members' (`of_members`), is only involved in what
    happened there (kg:involvedAt), or has members involved there (kg:memberInvolvedAt)."""
    claimed = _placed(ctx)
    for target in ctx.targets(agent):
        if target.label not in AGENTS or (target.id, place.id) in claimed or not people and target.label == "Person":
            continue
        grouped = target.label != "Person" and agent is not None and of_members(ctx, agent)  # this mention's phrase, not
        # the antecedent's: "l'organisation, agissant à Lille" after "le président de l'organisation X"
        if nested or target.id in members or grouped:
            prop = "memberInvolvedAt" if grouped or member_at(ctx, target, place) else "involvedAt"
            ctx.add_fact(prop, target, place, n, name if nested else f"{name}:of-member")
        else:
            prop = {"Organization": "operatesIn", "Union": "operatesIn", "Person": "presentIn"}.get(target.label, "locatedIn")
            ctx.add_fact(prop, target, place, n, name)
        claimed.add((target.id, place.id))


def _copula_subject(ctx: Context, token: Token) -> Mention | None:
    """The agent named right before "est", "était", "se trouvait" and the locative preposition of this
    place ("X était à Caen"), or before an aside between commas, read from the words when the parse
    gives the phrase no verb or hangs it on the aside's."""
    doc = ctx.doc
    i = token.i - 1
    while i > 0 and doc[i].lower_ in {"la", "le", "l'", "les"}:
        i -= 1
    if i < 2 or doc[i].lower_ not in LOCATIVE:
        return None
    verb = doc[i - 1]
    if verb.lemma_ == "trouver" and doc[i - 2].lower_ in {"se", "s'"}:
        i -= 1
    elif verb.lemma_ != "être":
        return None
    i -= 2
    if doc[i].text == ",":  # "X, qui vient d'être libéré, était à Caen": the subject before the aside
        start = aside_start(doc, i)
        if not start:
            return None
        i = start - 2
    return ctx.by_token.get(i)


_ARGUMENTS = frozenset({"nsubj", "nsubj:pass", "obj", "iobj", "obl:agent", "obl:arg", "expl:subj"})
_COMPANIONS = frozenset({"appos", "nmod", "conj"})


def _participants(ctx: Context, verb: Token) -> list[Mention]:
    """The agents a clause is about: the verb's subject and objects (and their apposition or one "de"
    modifier: "le personnel de l'ONG X"), the subjects of the verbs it is coordinated with or depends
    on as an infinitive, and the noun a relative or participial clause qualifies."""
    heads = [verb]
    head = verb
    while head.dep_ in {"conj", "xcomp"} and head.head.i != head.i:
        head = head.head
        heads.append(head)
    tokens = [c for h in heads for c in h.children if c.dep_ in _ARGUMENTS]
    tokens += [subject for h in heads if (subject := honorific_subject(h)) is not None]  # "Monsieur X, ..., s'est"
    if verb.dep_ in {"acl", "acl:relcl"}:
        tokens.append(verb.head)
    found: list[Mention] = []
    for token in tokens:
        for part in with_companions(token, _COMPANIONS):
            mention = ctx.mention_of(part)
            if mention is not None and mention not in found:
                found.append(mention)
    return found


def clause_places(ctx: Context, verb: Token) -> list[Mention]:
    """The places a verb's own locative phrases name ("a manifesté à Melbourne")."""
    return [place for token, place in _place_heads(ctx, verb.sent) if locative_case(token) and (governing := _governing_verb(token, ctx.by_token)) is not None and governing.i == verb.i]


def _governing_verb(token: Token, names: Container[int]) -> Token | None:
    """The verb of the clause a phrase belongs to, climbing through nouns and names; None when that "verb"
    is a word of a name (`names`: the tokens of the article's mentions): in "l'association « Vivre mieux »
    au Togo" the place is the association's, and no clause's."""
    head = token
    for _ in range(6):
        if head.head.i == head.i:
            return head if head.pos_ in {"VERB", "AUX"} and head.i not in names else None
        head = head.head
        if head.pos_ in {"VERB", "AUX"}:
            return head if head.i not in names else None
    return None


def _subjects(ctx: Context, verb: Token) -> list[Mention]:
    """Who a verb of place is said of: its subject, or the noun its participle or relative qualifies (the
    agent right before the comma that sets off a participle, which the parser reads as the verb's)."""
    found = []
    fronted = [c for c in verb.children if c.dep_ == "advcl" and c.i < verb.i]  # "X, née à B, a grandi à A": the parser
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubj:pass"}] or [  # gives the subject to the aside
        g for c in fronted for g in c.children if g.dep_ in {"nsubj", "nsubj:pass"} and g.i < c.i]
    for child in subjects:
        mention = ctx.by_token.get(child.i)
        if mention is None or not any(t.label in AGENTS for t in ctx.targets(mention)):
            mention = ctx.find_in(child.subtree, AGENTS)  # "le journaliste X vit à Lyon": the title's holder
        if mention is not None:
            found.append(mention)
    if not found and (verb.dep_ == "xcomp" or verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}
                      or verb.dep_ == "advcl" and verb.i < verb.head.i and _bare_participle(verb)) and verb.head.i != verb.i:
        # "la jeune pousse [...] emploie 180 salariés à Lyon", "né à X et ayant immigré en France", "Née à Marseille,
        # la chanteuse X vit à Montréal": a participle before its clause is said of its subject
        return _subjects(ctx, verb.head) or _after_opening_phrase(ctx, verb)
    if not found and verb.dep_ in {"acl", "acl:relcl", "conj"}:
        head = verb.head
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        mention = ctx.mention_of(head)  # "Madame X, [...] née en Iran": the honorific heads the phrase
        titled = mention is not None and mention.label == "Role"
        if mention is not None and not titled and not any(t.label in AGENTS for t in ctx.targets(mention)):
            mention = None  # "l'usine de substances chimiques Ioni, basée à Moscou": not the chemicals
        if (mention is None or titled) and head.dep_ == "appos":
            mention = ctx.mention_of(head.head)  # "Julien Konaté, un adolescent né à Yamoussoukro", "X, un journaliste né à Y"
        elif titled:
            mention = None  # "X a interviewé un journaliste né à Y": no one named
        elif mention is None:  # "La start-up Podimo, basée à ...": the agent just before the participle
            before = [m for t in verb.doc[max(verb.i - 6, verb.sent.start):verb.i] if (m := ctx.by_token.get(t.i)) is not None
                      and any(x.label in AGENTS for x in ctx.targets(m))]
            mention = before[-1] if before else None
        if mention is not None:
            found.append(mention)
    if not found and verb.dep_ == "advcl" and verb.i >= 2 and ctx.tokens[verb.i - 1].text == "," and _bare_participle(verb):
        before = ctx.by_token.get(verb.i - 2)  # "X a racheté la société Y, basée au Kansas": the parser hangs
        if before is not None and any(t.label in AGENTS for t in ctx.targets(before)):  # the participle on the verb
            found.append(before)
    return found or _after_opening_phrase(ctx, verb)  # "Demeurant à Marseille, X": a participle the parser left loose


def _after_opening_phrase(ctx: Context, verb: Token) -> list[Mention]:
    """The agent named right after the comma that ends a participle phrase opening the sentence, which the
    parser may have read into the phrase ("Domicilié à Villeurbanne, Karim Benali, 34 ans, a été interpellé")."""
    sent = verb.sent
    if verb.i != sent.start or not _bare_participle(verb):
        return []
    comma = next((t.i for t in ctx.tokens[verb.i:sent.end] if t.text == ","), None)
    if comma is None:
        return []
    phrase = []
    for token in ctx.tokens[comma + 1:sent.end]:
        if token.is_punct or token.pos_ in {"VERB", "AUX"}:
            break
        phrase.append(token)
    mention = ctx.find_in(phrase, AGENTS)
    return [mention] if mention is not None else []

