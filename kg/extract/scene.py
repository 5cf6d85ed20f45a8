"""The scene of the reported event: news name where it happened once, early ("Le 12 mars, à Denver, ..."), and
then speak of the people and organisations involved in other sentences. This rule relates them to it, at a
lower confidence, recording the sentence naming the agent, the scene's, and the one that says what the agent
did: each named person or organisation the article places nowhere else and that takes part in a clause
(subject, object, agent) is present at the scene (persons) or operating there (organisations); who only speaks
of it ("a déclaré X", "selon X"), or whose head does, commented on the event at the scene (kg:commentedOn);
who acts on it from afar or later ("a fait un don", "deux ans plus tard"), or whose head does, reacted to it
(kg:reactedTo); the others — named in passing ("l'avocat de X") or the organisation of a participant — are
involved in the event at the scene (kg:involvedAt; kg:memberInvolvedAt for the organisation of a person put
there; an organisation whose named members only spoke or reacted has none there, and is left out). None of
these says they were there. A relative named only to say who someone else is ("la sœur du député X") is
left out, with an organisation only such a relative belongs to; so is the head of an organisation named
once, unless they take part (they speak for it from elsewhere as often as not).

A second rule, run after it, carries every fact of presence, activity or involvement to the places the article
names around its place ("à Lyon" → France, stated or known to the gazetteer)."""
from __future__ import annotations

from collections.abc import Container
from typing import TYPE_CHECKING, NamedTuple

from kg import lexicon, places
from kg.extract.context import Context, key
from kg.extract.locatives import UNPLACED_HOMES, locative_case, member_at, naming_noun, of_members, origin, personal_place, place_of, stated
from kg.extract.model import Mention
from kg.extract.registry import rule
from kg.extract.relational import kin_complement
from kg.extract.syntax import honorific_subject, negated, speculative, with_companions

if TYPE_CHECKING:
    from spacy.tokens import Token

SCENE_SENTENCES = 3
"""The scene is stated in the first sentences (the lead)."""
_SCENE = "scene:lead"
"""Context memory: the scene rule's lead places and their sentence (or None), for the rules after it."""
_INVOLVED = frozenset({"involvedAt", "memberInvolvedAt", "commentedOn", "reactedTo"})
"""kg:involvedAt and its subproperties: named in the report of the event at the place, not put there."""
_PLACED_BY = frozenset({"locatedIn", "presentIn", "operatesIn", "onStrikeIn"}) | _INVOLVED
"""Facts that place an agent at the time of the article, or involve it there (a birthplace or a home does
not: "X, qui vit à Villeurbanne, a aidé les pompiers" at the scene in Lyon)."""
_PARTICIPATING = frozenset({"nsubj", "nsubj:pass", "obj", "obl:agent", "iobj", "vocative"})
"""Dependencies of an agent that takes part in its clause's event; news have no vocatives, and the parser
reads a subject after an honorific as one ("M. X, directeur de Y, est venu"), or as a modifier
(`honorific_subject`)."""
_COMPANIONS = frozenset({"appos", "conj"})


@rule("scene", stage="scene")
def scene(ctx: Context) -> None:
    """Place every named agent the article does not place elsewhere at the scene of its sentence: the
    nearest place a locative preposition introduced before it, else the article's lead scene (the
    first place so introduced in its first sentences, with the places stated to contain it)."""
    found = ctx.memory[_SCENE] = _scene(ctx)
    if found is None:
        return
    lead, sentence = found
    ids = {p.id for p in lead}
    containers = [ctx.mentions[f.object] for f in ctx.facts if f.predicate == "locatedIn" and f.subject in ids and f.rule.startswith("place-in-place")]
    placed = {f.subject for f in ctx.facts if f.predicate in _PLACED_BY}
    homes = {(_name(ctx.mentions[f.subject]), _name(ctx.mentions[f.object])) for f in ctx.facts if f.predicate == "residesIn"}
    there = homes | {(_name(ctx.mentions[f.subject]), _name(ctx.mentions[f.object])) for f in ctx.facts if f.predicate in _PLACED_BY}
    parts = _participants(ctx)
    heads = {_name(ctx.mentions[f.subject]) for f in ctx.facts if f.predicate in {"headOf", "ceoOf"}}
    sources, reacting = _headed(ctx, parts.sources), _headed(ctx, parts.reacting)
    seen: set[str] = set()
    relatives: set[str] = set()
    chosen: list[tuple[Mention, str]] = []
    for m in ctx.mentions:
        if m.label not in {"Person", "Organization", "Union"} or not m.is_named or m.id in placed:
            continue
        name = _name(m)
        if name in seen:
            continue
        seen.add(name)
        acts = name in parts.found
        if not acts and m.label == "Person" and not {name} & (parts.afar.keys() | sources.keys() | reacting.keys()) \
                and all(kin_complement(ctx, o) for o in ctx.mentions if o.label == "Person" and _name(o) == name):
            relatives.add(key(m))
            continue  # "la sœur du député X", "le mari de Mme Y": named to say who someone else is
        if not acts and name not in parts.afar and m.label == "Person" and name in heads \
                and sum(_name(o) == name for o in ctx.mentions if o.label == "Person") == 1:
            continue  # the head of an organisation, named once, speaks for it from elsewhere as often as not
        chosen.append((m, "presentIn" if acts and m.label == "Person" else "operatesIn" if acts else "commentedOn"
                       if name in sources else "reactedTo" if name in reacting else "involvedAt"))
    said_in = {"presentIn": parts.found, "operatesIn": parts.found, "commentedOn": sources, "reactedTo": reacting}
    people = {key(m) for m, prop in chosen if m.label == "Person" and prop not in _FROM_ELSEWHERE}
    reactors = {key(m) for m, prop in chosen if m.label == "Person" and prop in _FROM_ELSEWHERE}
    for m, prop in chosen:
        for i, target in enumerate({p.id: p for p in [*lead, *containers]}.values()):
            if (_name(m), _name(target)) in there:
                continue  # put there through another mention, or a resident ("X, ayant immigré en France"): already said
            said = prop
            if prop == "involvedAt" and m.label != "Person":
                if member_at(ctx, m, target, people):
                    said = "memberInvolvedAt"
                elif member_at(ctx, m, target, reactors | relatives):
                    continue  # "X, membre de l'association Y, a écrit un livre deux ans plus tard": Y had no part in it
                elif of_members(ctx, m):
                    said = "memberInvolvedAt"
            rule_name = f"scene:{m.label}:{'first' if i == 0 else 'other'}:{_RULE_ROLES[prop]}"
            acting = said_in.get(prop, {}).get(_name(m), m.sentence)  # the sentence that says what it did, recorded too
            ctx.add_fact(said, m, target, m.sentence, rule_name, support=(sentence, acting))


def _headed(ctx: Context, names: dict[str, int]) -> dict[str, int]:
    """The names (with the sentence that says what they did) and those of the organisations they head,
    with their head's sentence: a head speaks and acts for it ("selon le directeur du FBI": the FBI's word)."""
    heads = {_name(ctx.mentions[f.object]): names[head] for f in ctx.facts
             if f.predicate in {"headOf", "ceoOf"} and (head := _name(ctx.mentions[f.subject])) in names}
    return {**heads, **names}


_FROM_ELSEWHERE = frozenset({"commentedOn", "reactedTo"})
"""What the scene says of an agent that only spoke of the event or acted on it from elsewhere: its
organisation has no member involved there."""
_RULE_ROLES = {"presentIn": "participant", "operatesIn": "participant", "commentedOn": "source", "reactedTo": "reaction",
               "involvedAt": "involved"}
"""The part of the scene rule each kind of fact comes from, named in the rule (each is calibrated apart)."""
_REPORTERS = frozenset({"nsubj", "obl:agent", "vocative"})
"""The dependencies of who reports, on a reporting verb (`_reports`)."""
_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "vocative"})
"""The dependencies of who acts in a clause (the parser reads some subjects after an honorific as vocatives)."""


def _reports(token: Token, repaired: bool, reporting: frozenset[str]) -> bool:
    """Whether an agent reports: the subject of a reporting verb ("a déclaré X", or the honorific the parser
    misread), or its passive agent ("comme rapporté par X") unless the verb describes a thing ("une mission
    confiée par X": entrusted, not confided)."""
    if not (repaired or token.dep_ in _REPORTERS) or token.head.lemma_ not in reporting:
        return False
    return token.dep_ != "obl:agent" or not token.head.dep_.startswith("acl")


class _Parts(NamedTuple):
    """The names of the article's agents by the part they play in its clauses (`_participants`), each
    with the first sentence that says so, which a scene fact records beside the one naming it."""
    found: dict[str, int]
    afar: dict[str, int]
    reacting: dict[str, int]
    sources: dict[str, int]


def _participants(ctx: Context) -> _Parts:
    """The names of the agents that take part in the article's clauses: subjects and objects (or in
    apposition to them), not names cited in passing ("l'avocat de X"), nor agents that only report ("a
    déclaré X", "selon X"), nor those of a sentence that says they act from elsewhere or later ("a vu
    les nouvelles à la télévision", "deux ans plus tard"; ontology/lexicon/remote_cues.txt); apart, and
    none of them a participant: those that take part from afar, with a verb of
    ontology/lexicon/remote_verbs.txt ("a été choquée par l'attaque", "a fait un don"), or in a negated or
    speculative clause ("n'a pas aidé les pompiers", "il faudrait que l'ONG Y aide"); those that react,
    the subjects of those verbs and those of those sentences (not "le groupe X" a minister suspected, nor
    who a reported clause names); and the sources: who reports, or a "selon" phrase names. The agent of a
    participle that describes an organisation ("l'association menée par X") is named to describe it, not
    an agent."""
    found: dict[str, int] = {}
    afar: dict[str, int] = {}
    reacting: dict[str, int] = {}
    sources: dict[str, int] = {}
    of_token = ctx.sentence_of_token
    reporting = lexicon.reporting_verbs()
    remote = {n for n, text in enumerate(ctx.lower_texts) if any(cue in text for cue in lexicon.remote_cues())}
    remote |= {n + 1 for n in remote if n + 1 < len(ctx.sents) and _continues(ctx, n + 1)}
    honorifics = lexicon.honorifics()
    honorific_forms = {h.lower() for h in honorifics}
    lowers, deps = ctx.lowers, ctx.deps
    attributed = {token.head.i for i, dep in enumerate(deps)  # the heads of "selon X", "d'après Mme X"
                  if dep == "case" and lowers[i] in _ATTRIBUTION_STARTS and _attribution(token := ctx.tokens[i])}
    affiliated = {f.object for f in ctx.facts if f.predicate in {"memberOf", "worksFor"}} - {
        f.object for f in ctx.facts if f.predicate in {"headOf", "ceoOf"}}  # "selon X, membre de Y": Y does not speak
    for i in attributed:  # who the phrase names, however deep: "selon les avis recueillis au micro du journaliste X"
        head = ctx.tokens[i]
        if (n := of_token.get(i)) is None:
            continue
        _note(sources, _names(ctx, head) | {_name(t) for j in range(head.left_edge.i, head.right_edge.i + 1)
                                            if (m := ctx.by_token.get(j)) is not None for t in ctx.targets(m)
                                            if t.label == "Person" or t.label in {"Organization", "Union"} and t.id not in affiliated}, n)
    people = {_name(m) for m in ctx.mentions if m.label == "Person"}
    unstated: dict[int, bool] = {}  # verb index → whether its clause is negated or speculative, read once per verb
    for i, dep in enumerate(deps):  # read from arrays: most tokens are no argument of a clause
        if dep == "case":
            continue
        if dep not in _PARTICIPATING and lowers[i] not in honorific_forms:
            continue
        token = ctx.tokens[i]
        repaired = dep not in _PARTICIPATING and token.text in honorifics and honorific_subject(token.head) == token
        if dep not in _PARTICIPATING and not repaired:
            continue
        n = of_token.get(i)
        if n is None:
            continue  # a token of a blank line the parser made a sentence of
        if _reports(token, repaired, reporting) or _in_attribution(token, attributed):
            _note(sources, _names(ctx, token), n)
            continue
        if dep == "obl:agent" and token.head.dep_ == "acl" and _names_an_agent(ctx, token.head.head):
            continue  # "l'association menée par X": who leads it, named to describe it, not an agent of the event
        subject = repaired or dep in _SUBJECTS
        if n in remote and not (dep == "nsubj:pass" and token.head.lemma_ in lexicon.sighting_verbs()):  # not "X a été
            if subject and not _quoted(token):  # vu sur les lieux dans une vidéo": there, whatever showed it
                _note(reacting, _names(ctx, token), n)
            continue
        names = _names(ctx, token)
        if not names:
            continue  # most subjects and objects name no agent
        if (untold := unstated.get(token.head.i)) is None:
            untold = unstated[token.head.i] = negated(token.head) or speculative(token.head)
        if untold:
            _note(afar, names, n)  # "X n'a pas aidé les pompiers", "il faudrait que l'ONG Y aide": in the story, no part
        elif _from_afar(token.head):
            _note(afar, names, n)
            _note(reacting, names if subject else set(), n)
        elif dep == "obj" and not any(c.dep_ == "xcomp" for c in token.head.children):  # "elle a rejoint l'association X",
            _note(found, {name for name in names if name in people}, n)  # "il a contacté l'ONG Y": the subject acts; not
            # "a incité l'ONG Y à manifester"
        else:
            _note(found, names, n)
    return _Parts(found, *({k: v for k, v in part.items() if k not in found} for part in (afar, reacting, sources)))


def _note(part: dict[str, int], names: set[str], sentence: int) -> None:
    """Record names in a part of `_Parts` with the sentence that puts them there, unless one did before."""
    for name in names:
        part.setdefault(name, sentence)


def _quoted(token: Token) -> bool:
    """Whether a word is inside a clause another verb reports ("a déclaré que X serait traité…")."""
    while token.head.i != token.i:
        if token.dep_ == "ccomp":
            return True
        token = token.head
    return False


def _names_an_agent(ctx: Context, noun: Token) -> bool:
    """Whether a noun names an organisation or a group ("l'association menée par X", "un groupe dirigé par
    Y", "la brigade de Washington dirigée par Z"), named or described: its leader is named to describe it.
    Not an action ("les investigations menées par le FBI": the FBI took part)."""
    for _ in range(4):  # the parser may hang the participle on the last noun: "un groupe d'étudiants en médecine dirigé par"
        mention = ctx.mention_of(noun)
        if mention is not None and any(t.label in {"Organization", "Union"} for t in ctx.targets(mention)) \
                or _organisation_noun(noun.lemma_.lower()):
            return True
        if noun.dep_ != "nmod":
            return False
        noun = noun.head
    return False


def _organisation_noun(lemma: str) -> bool:
    """Whether a noun names an organisation: a description of one ("l'entreprise"), or a noun that types an
    organisation's name ("la brigade", "un mouvement"; ontology/lexicon/org_triggers.tsv)."""
    kind = lexicon.descriptions().get(lemma) or lexicon.name_triggers().get(lemma, (None, None))[0]
    return kind is not None and lexicon.class_families().get(kind, kind) in {"Organization", "Union"}


def _names(ctx: Context, token: Token) -> set[str]:
    """The names of the agents of a phrase: its word's and those of its appositions and coordinates; not a
    name the parser hung on the verb in place of the noun it comes after ("responsables de l'ONG « X »"
    with X read as an object): the noun's part is the name's."""
    found: set[str] = set()
    for part in with_companions(token, _COMPANIONS):
        for target in ctx.targets(ctx.mention_of(part)):
            noun = naming_noun(ctx, target)
            if noun is None or noun.i == part.i or noun.dep_ in _PARTICIPATING:
                found.add(_name(target))
    return found


def _from_afar(verb: Token) -> bool:
    """Whether a verb's agents take part from afar: its lemma, or its lemma and its object's, is in
    ontology/lexicon/remote_verbs.txt ("choquer", "faire un don": "faire don")."""
    verbs = lexicon.remote_verbs()
    return verb.lemma_ in verbs or any(f"{verb.lemma_} {c.lemma_}" in verbs for c in verb.children if c.dep_ == "obj")


_ATTRIBUTIONS = frozenset({"selon", "d'après"})
_ATTRIBUTION_STARTS = frozenset({"selon", "d'"})
"""The first words of those prepositions ("d'après" is "d'" with "après" fixed to it)."""


def _in_attribution(token: Token, attributed: Container[int]) -> bool:
    """Whether the token is inside a "selon" or "d'après" phrase ("d'après les informations fournies par
    X"; `attributed`: the indexes of those phrases' heads): who the phrase names is a source, not a
    participant."""
    head = token.head
    for _ in range(4):
        if head.i in attributed:
            return True
        if head.head.i == head.i:
            return False
        head = head.head
    return False


def _attribution(case: Token) -> bool:
    """Whether a preposition is "selon" or "d'après" (parsed as "d'" with "après" fixed to it)."""
    return case.lower_ + "".join(f.lower_ for f in case.children if f.dep_ == "fixed") in _ATTRIBUTIONS


def _continues(ctx: Context, n: int) -> bool:
    """Whether a sentence goes on with the agent of the one before, as its subject pronoun ("Dans une vidéo,
    la présidente a promis de l'aide. Elle a appelé au calme."): what the one before says of where, it says."""
    return any(m.evidence.startswith("pronoun:") and any(t.sentence == n - 1 for t in ctx.targets(m))
               for m in ctx.by_sentence.get(n, ()))


def _name(mention: Mention) -> str:
    return str(mention.extra.get("name") or mention.text).lower()


def _locative_places(ctx: Context) -> list[tuple[int, Mention]]:
    """Every place a locative preposition introduces in a clause that states what happened ("n'est pas allé
    à Lyon" does not), with its sentence, in the article's order (read from the tokens of mentions, not
    every token)."""
    return [(n, place) for i in sorted(ctx.by_token) if (n := ctx.sentence_of_token.get(i)) is not None
            and (place := place_of(ctx, ctx.tokens[i])) is not None and ctx.by_token.get(i - 1) is not ctx.by_token[i]
            and locative_case(ctx.tokens[i]) and stated(ctx, ctx.tokens[i])]


def _scene(ctx: Context) -> tuple[list[Mention], int] | None:
    """The places of the first lead sentence that introduces places with a locative preposition ("au
    Burkina, à Ouagadougou"), else the first place the first sentence names, unless as an origin ("La
    ville de Marrakech a été touchée", not "venu de Lyon" nor "pour conquérir l'Asie"), and that sentence; a
    birthplace is no scene, nor a home a verb of place states ("X vit en Espagne")."""
    no_scene = {f.object for f in ctx.facts if (f.predicate == "bornIn" or f.predicate == "residesIn" and f.rule.startswith("place-verb"))
                and ctx.mentions[f.object].sentence == f.sentence}  # "X vit en Espagne": a home; not "retrouvé à son domicile à Y"
    no_scene |= {m.id for i, m in ctx.by_token.items() if m.label == "Place" and personal_place(ctx, ctx.tokens[i])}
    # "L'attaquant, né à Paris": a birthplace or a home, though the one born there is not named in the clause
    no_scene |= {f.object for f in ctx.facts if f.predicate == "locatedIn" and f.rule.startswith("place-in-place") and f.subject in no_scene}
    # "Originaire de La Tronche, en Isère": the département of a birthplace is no scene either
    # "une veuve née en Iran": no scene; but the scene stays one when a later "sa ville natale" stands for it
    lead = [(n, p) for n, p in _locative_places(ctx) if n < SCENE_SENTENCES and p.id not in no_scene]
    if lead:
        first = lead[0][0]
        return list({p.id: p for n, p in lead if n == first}.values()), first
    named = [place for token in ctx.tokens_of(ctx.sents[0]) if (place := place_of(ctx, token)) is not None and not origin(token)
             and not _aim(token) and place.id not in no_scene and stated(ctx, token)] if ctx.sents else []
    return ([named[0]], 0) if named else None


def _aim(token) -> bool:
    """Whether a place phrase is what a purpose clause aims at: "pour conquérir l'Asie"."""
    return token.head.pos_ == "VERB" and any(c.dep_ == "mark" and c.lower_ in {"pour", "afin"} for c in token.head.children)


_INHERITED = frozenset({"presentIn", "operatesIn", "locatedIn"}) | _INVOLVED
"""Facts that hold of every place containing their place (a birthplace or a home is the most precise one)."""
_LARGER = frozenset({"country", "continent"})


@rule("contained-place", stage="scene")
def contained_place(ctx: Context) -> None:
    """What happens in a place happens in the places the article names that contain it: an agent present,
    operating or involved in Lyon is so in France when the article names France and states that Lyon is in
    it, or the gazetteer knows (a country or continent around an unambiguous place). The fact keeps its
    sentence and records the one that names the larger place."""
    around = _containers(ctx)
    said = {(key(ctx.mentions[f.subject]), key(ctx.mentions[f.object])) for f in ctx.facts if f.predicate in _PLACED_BY}
    for f in list(ctx.facts):
        agent, place = ctx.mentions[f.subject], ctx.mentions[f.object]
        if f.predicate not in _INHERITED or agent.label == "Place" or place.label != "Place":
            continue
        for outer in around.get(key(place), ()):
            if (key(agent), key(outer)) not in said:
                said.add((key(agent), key(outer)))
                ctx.add_fact(f.predicate, agent, outer, f.sentence, "contained-place", support=tuple(f.support))


def _containers(ctx: Context) -> dict[str, list[Mention]]:
    """The named places of the article around each place: stated ("Manille, aux Philippines"), or a country
    or continent the gazetteer puts it in, each with its containers in turn (a town, its country, its
    continent)."""
    named = list({key(m): m for m in ctx.mentions if m.label == "Place" and m.is_named}.values())
    known = {key(m): found for m in named if (found := places.lookup(m.text)) is not None}
    around: dict[str, list[Mention]] = {key(m): [] for m in named}
    for f in ctx.facts:
        if f.predicate == "locatedIn" and f.rule.startswith("place-in-place"):
            inner, outer = key(ctx.mentions[f.subject]), ctx.mentions[f.object]
            if inner in around and outer not in around[inner]:
                around[inner].append(outer)
    for m in named:
        inner = known.get(key(m))
        for outer in named:
            found = known.get(key(outer))
            if inner is not None and found is not None and found.kind in _LARGER and places.contains(found, inner) \
                    and outer not in around[key(m)]:  # contains() already refuses a country in a country
                around[key(m)].append(outer)
    for _ in range(2):  # a town in a region stated in a country the gazetteer knows
        for inner, outers in around.items():
            for outer in list(outers):
                for further in around.get(key(outer), ()):
                    if further not in outers and key(further) != inner:
                        outers.append(further)
    return around


@rule("home-at-scene", stage="scene")
def home_at_scene(ctx: Context) -> None:
    """A home named with no place in a sentence that names none ("retrouvé mort à son domicile", "depuis
    son appartement") is in the place of the article's scene ("Un incendie a éclaté à Rome."): its owner
    resides there, unless the article gives them a home elsewhere. The fact records the scene's sentence."""
    homes = ctx.memory.get(UNPLACED_HOMES)
    found = ctx.memory.get(_SCENE) if homes else None
    if found is None:
        return
    lead, sentence = found
    housed = {key(ctx.mentions[f.subject]) for f in ctx.facts if f.predicate == "residesIn"}
    for owner_id, n in homes:
        owner = ctx.mentions[owner_id]
        if any(m.label == "Place" for m in ctx.by_sentence.get(n, ())):
            continue  # "a quitté sa maison pour aller à Lyon": a place of the sentence, not the home's
        if key(owner) not in housed:
            housed.add(key(owner))
            ctx.add_fact("residesIn", owner, lead[0], n, "home-at-scene", support=(sentence,))
