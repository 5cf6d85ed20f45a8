"""Verb clauses: subject–verb–object facts from the verb lexicon (auxiliaries, passives, control verbs)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg import lexicon
from kg.extract.context import AGENT_CLASSES, WORK_CLASSES, Context
from kg.extract.model import Mention
from kg.extract.registry import rule
from kg.extract.syntax import SUBJECTS, TRAILING_LINK, active_subject, has_feature, honorific_subject, lemma_candidates, negated, speculative

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

LAST_USE = "verbs:last-use-agent"
"""Context memory: (mention id, sentence) of the last agent that used a technology."""
READ_VERBS = "verbs:read"
"""Context memory: the verb tokens a verb rule already read, so a later rule leaves them alone."""
AGENTS = frozenset({"Person", "Organization", "Union"})
PARTICIPANTS = AGENTS | WORK_CLASSES | {"Product"}
"""What an open verb may relate: agents, works and products (places are the locative rules' business)."""
_REFLEXIVE = frozenset({"se", "s'"})
_RECIPROCAL_LINKS = frozenset({None, "à", "avec"})
"""The complements a reciprocal "se" stands for: "se sont rencontrés" (rencontrer Y), "se sont parlé" (parler
à Y), "se sont disputés" (se disputer avec Y)."""


@rule("verb-lexicon")
def verb_clauses(ctx: Context, sent: Span, n: int) -> None:
    """A verb of the lexicon with a subject and an object of the allowed classes."""
    if not ctx.names_any(sent, _CLAUSE_LABELS):
        return  # no agent, work, product or description, nor a name a frame could type as an organisation
    verbs = lexicon.verbs()
    for token in ctx.tokens_tagged(sent, _VERB_TAGS):
        if token.pos_ == "NOUN" and token.dep_ != "ROOT" or token.i in ctx.by_token:
            continue  # a verb inside a name is no clause's ("l'association « Vivre mieux »")
        candidates = next((verbs[k] for k in lemma_candidates(token) if k in verbs), [])
        if not candidates or negated(token) or speculative(token):
            continue
        for verb_rule in candidates:
            obj = ctx.object(token, verb_rule)
            if obj is None:
                continue
            subject, how = ctx.subject(token)
            if subject is None:
                continue
            for each in [obj, *ctx.coordinated(obj, verb_rule.object_classes)]:
                _verb_fact(ctx, verb_rule, token, subject, each, n, how)
            ctx.memory.setdefault(READ_VERBS, set()).add(token.i)
            break


_CLAUSE_LABELS = PARTICIPANTS | {"DESC", "MISC"}
_VERB_TAGS = frozenset({"VERB", "AUX", "NOUN"})


def _verb_fact(ctx: Context, verb_rule: lexicon.VerbRule, verb: Token, subject: Mention, obj: Mention, n: int, how: str) -> None:
    sent = verb.sent
    roles: dict[str, int | str] = {}
    support: tuple[int, ...] = ()
    agents = ctx.targets(subject)
    if verb_rule.event == "TechnologyUse" and agents and agents[0].label in WORK_CLASSES:
        roles["work"] = agents[0].id
        inherited = _recent_agent(ctx, n)
        if inherited is None:
            return
        subject, how = inherited, "inherited"  # "'X' utilise l'IA": the work's maker, named just before,
        support = (ctx.memory[LAST_USE][1],)  # in a sentence the fact records too
    elif not any(a.label in AGENT_CLASSES or a.label == "Product" and verb_rule.event == "TechnologyUse" for a in agents):
        return  # an agent acts; a product may use a technology ("l'appareil utilise l'IA")
    if verb_rule.event == "TechnologyUse":
        work = ctx.work_in(sent, exclude=subject)
        if work is not None and "work" not in roles:
            roles["work"] = work.id
        purpose = purpose_of(verb, ctx.by_token)
        if purpose:
            roles["purpose"] = purpose
        ctx.memory[LAST_USE] = (ctx.targets(subject)[0].id if ctx.targets(subject) else subject.id, n)
    if verb_rule.event:
        date = ctx.value_in(sent, "DATE")
        if date is not None:
            roles["date"] = date.id
        money = ctx.value_in(sent, "MONEY")
        if money is not None and verb_rule.event in {"Acquisition", "Investment", "Lawsuit", "ProductLaunch"}:
            roles["amount"] = money.id
        from kg.extract.locatives import clause_places

        places = clause_places(ctx, verb)
        if places:
            roles["locatedIn"] = places[0].id
        source = ctx.reported_by(sent)
        if source is not None:
            roles["statedBy"] = source.id
    ctx.add_fact(verb_rule.property, subject, obj, n, f"verb:{verb_rule.lemma}" + (f":{how}" if how else ""), verb_rule.event, roles, support)


def _recent_agent(ctx: Context, n: int) -> Mention | None:
    last = ctx.memory.get(LAST_USE)
    if last and n - last[1] <= 2:
        return ctx.mentions[last[0]]
    return None


def purpose_of(verb: Token, by_token: dict[int, Mention]) -> str | None:
    """What the action is for: "pour + infinitive" (else "pour + noun phrase") after the verb,
    up to the end of the clause, without a trailing title in apposition."""
    sent = verb.sent
    tokens = [t for t in sent if t.i > verb.i]
    for want_infinitive in (True, False):
        for t in tokens:
            if t.lower_ != "pour":
                continue
            nxt = t.nbor(1) if t.i + 1 < sent.end else None
            if nxt is None:
                continue
            if want_infinitive and not (nxt.pos_ == "VERB" and has_feature(nxt, "VerbForm", "Inf")):
                continue
            if not want_infinitive and (nxt.pos_ not in {"DET", "NOUN"} or nxt.lower_ in {"la", "le"} and t.i + 2 < sent.end and t.nbor(2).lower_ in {"première", "premiere", "fois"}):
                continue
            start = nxt
            end = min(sent.end, max(u.i for u in nxt.subtree) + 1) if want_infinitive else sent.end
            for u in sent.doc[start.i + 1:end]:
                mention = by_token.get(u.i)
                if mention is not None and mention.label in WORK_CLASSES or u.text in {";", ".", "!", "?"}:
                    end = u.i
                    break
                if u.text == "," and u.i + 1 < end and u.nbor(1).lower_ not in {"pour", "ou", "et"}:
                    end = u.i
                    break
            span = sent.doc[start.i:end]
            text = TRAILING_LINK.sub("", span.text.strip().rstrip(",:;.- ").strip())
            return text or None
    return None


@rule("verb-family")
def verb_families(ctx: Context, sent: Span, n: int) -> None:
    """A clause between two agents: its verb's family (ontology/lexicon/verb_families.tsv) gives the
    property and the event ("X a rencontré Y": met, a Meeting); a verb no lexicon knows still gives an
    open Action event named by its lemma (relatedTo), so nothing stated is lost. Subjects coordinated
    with a reciprocal "se" relate to each other by a typed verb ("X et Y se sont rencontrés"), not by an
    open one: most pronominal verbs are no reciprocal ("X et Y se sont rendus sur place")."""
    if not ctx.names_any(sent, AGENTS):
        return  # no agent to say the verb of
    families = lexicon.verb_families()
    read = ctx.memory.setdefault(READ_VERBS, set())
    for token in ctx.tokens_tagged(sent, {"VERB", "NOUN"}):
        if token.i in read or token.i in ctx.by_token or token.pos_ == "NOUN" and not _tagged_noun(token):
            continue
        subjects = _clause_subjects(ctx, token)  # first: most verbs have no agent, and it is the cheapest test
        if not subjects or negated(token) or speculative(token):
            continue
        candidates = lemma_candidates(token)  # a locution first ("mettre en garde"), which an open verb keeps
        lemma = next((k for k in candidates if k in families), candidates[0] if " " in candidates[0] else token.lemma_.lower())
        if token.pos_ == "NOUN" and lemma not in families:
            continue  # its lemma is the form as written: no open verb to name
        objects = _clause_objects(ctx, token)
        mutual = len(subjects) > 1 and any(c.lower_ in _REFLEXIVE for c in token.children) and _plural(token)
        roles = _clause_roles(ctx, token, sent, lemma)
        typed = False
        for family in families.get(lemma, []):
            for obj, preposition in objects:
                if preposition == family.preposition and any(t.label in family.object_classes for t in ctx.targets(obj)):
                    for subject in subjects:
                        ctx.add_fact(family.property, subject, obj, n, f"verb-family:{lemma}", family.event, roles)
                    typed = True
        reciprocal = next((f for f in families.get(lemma, []) if f.preposition in _RECIPROCAL_LINKS), None) if mutual else None
        for other in subjects[1:] if reciprocal is not None else ():  # "X et Y se sont rencontrés": each other
            if any(t.label in reciprocal.object_classes for t in ctx.targets(other)):
                ctx.add_fact(reciprocal.property, subjects[0], other, n, f"verb-family:{lemma}", reciprocal.event, roles)
                typed = True
        if typed or lemma in lexicon.verbs():
            continue
        for obj, preposition in objects:
            if not any(t.label in PARTICIPANTS for t in ctx.targets(obj)):
                continue
            open_roles = {**roles, "verb": lemma if preposition is None else f"{lemma} {preposition}"}
            family = next((f for f in families.get("*", []) if preposition is not None and f.preposition == preposition
                           and any(t.label in f.object_classes for t in ctx.targets(obj))), None)
            for subject in subjects:  # "a fêté la victoire avec Y": any verb with "avec"
                if family is not None:
                    ctx.add_fact(family.property, subject, obj, n, f"verb-preposition:{preposition}", family.event, open_roles)
                else:
                    ctx.add_fact("relatedTo", subject, obj, n, "open-verb", "Action", open_roles)


def _tagged_noun(token: Token) -> bool:
    """Whether a token tagged as a noun is a participle with its auxiliary, the clause's root ("X a
    téléphoné à Y")."""
    return token.dep_ == "ROOT" and any(c.dep_ == "aux:tense" for c in token.children)


def _plural(verb: Token) -> bool:
    """Whether the verb or its auxiliary is plural: "X et Y se sont rencontrés" (not "X, membre de Y,
    s'est retrouvé", where the parser may coordinate Y with X)."""
    return any(has_feature(t, "Number", "Plur") for t in [verb, *(c for c in verb.children if c.dep_.startswith("aux"))])


def _clause_subjects(ctx: Context, verb: Token) -> list[Mention]:
    """The agents a verb is said of: its subjects and those coordinated with them, the agent of a
    passive ("arrêté par la police"), or the noun a participle or relative clause qualifies."""
    found: list[Mention] = []
    children = list(verb.children)
    deps = [c.dep_ for c in children]  # read once: most verbs are tried here
    honorific = None if SUBJECTS.intersection(deps) else honorific_subject(verb)
    passive = "aux:pass" in deps
    for child, dep in zip(children, deps):
        if dep in {"nsubj", "obl:agent"} or passive and dep.startswith("obl") and any(c.lower_ == "par" for c in child.children if c.dep_ == "case") \
                or child == honorific or dep == "nsubj:pass" and active_subject(child):
            for part in [child, *(c for c in child.children if c.dep_ in {"conj", "appos"})]:  # "le maire de Lyon, Paul Martin, a"
                held = ctx.title_holder(part) if part is child else None  # "La présidente de X, Y, a": Y
                mention = held or ctx.mention_of(part)
                if mention is not None and any(t.label in AGENTS for t in ctx.targets(mention)) and mention not in found:
                    found.append(mention)
    if not found and verb.dep_ in {"acl", "acl:relcl"}:
        mention = ctx.title_holder(verb.head) or ctx.mention_of(verb.head)  # "le footballeur X, qui joue pour Y"
        passive = any(c.dep_ in {"aux:pass", "obl:agent"} for c in verb.children) or verb.dep_ == "acl" and has_feature(verb, "VerbForm", "Part")
        if mention is not None and not passive and any(t.label in AGENTS for t in ctx.targets(mention)):
            found.append(mention)  # "X, qui dirige Y"
    if not found and _subject_controlled(ctx, verb):
        return _clause_subjects(ctx, verb.head)  # "X a décidé de rencontrer Y", "X est venu pour aider Y"
    return found


_OBJECT_PRONOUNS = frozenset({"le", "la", "l'", "les", "lui", "leur", "me", "m'", "te", "t'", "nous", "vous"})


def _subject_controlled(ctx: Context, verb: Token) -> bool:
    """Whether an infinitive with no subject of its own is said of its governing verb's subject: "décidé de
    rencontrer", "venu à Lyon pour aider" — not when that verb has a person or organisation as object or
    "à" complement, who may be the one meant ("a demandé à Y de contacter Z", "l'a invité à rejoindre Z"),
    unless the infinitive is a purpose ("pour")."""
    head = verb.head
    if verb.dep_ not in {"xcomp", "advcl"} or not has_feature(verb, "VerbForm", "Inf") or head.i == verb.i or head.pos_ not in {"VERB", "AUX"}:
        return False
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "pour" for c in verb.children):
        return True  # a purpose is the subject's: "X quitte Y pour rejoindre Z"
    for child in head.children:
        complement = child.dep_ in {"obj", "iobj"} or child.dep_ == "obl:arg" and any(
            g.dep_ == "case" and g.lower_ in {"à", "au", "aux"} for g in child.children)
        if complement and (child.lower_ in _OBJECT_PRONOUNS or any(t.label in AGENTS for t in ctx.targets(ctx.mention_of(child)))):
            return False
    return True


def _clause_objects(ctx: Context, verb: Token) -> list[tuple[Mention, str | None]]:
    """What a verb bears on, with the preposition before it: its object (the subject of a passive), and
    its prepositional complements other than places."""
    found: list[tuple[Mention, str | None]] = []
    headed: set[int] = set()  # mentions a prepositional complement names from its own head word
    passive = any(c.dep_ == "aux:pass" for c in verb.children)
    for child in verb.children:
        preposition = None
        if child.dep_ in {"obj", "iobj"} or passive and child.dep_ == "nsubj:pass":
            edge = child.left_edge  # "avec le chancelier allemand Olaf Scholz", the name made the object
            if edge.dep_ == "case" and edge.i < child.i and child.dep_ == "obj" and edge.head.i != child.i:
                preposition = _PREPOSITIONS.get(edge.lower_, edge.lower_)
        elif verb.dep_ == "acl:relcl" and (preposition := _relative_preposition(child)) is not None:
            mention = ctx.mention_of(verb.head)  # "l'association à laquelle appartenait X": the antecedent
            if mention is not None and (mention, preposition) not in found:
                found.append((mention, preposition))
            continue
        elif (child.dep_.startswith("obl") or child.dep_ == "nmod" and verb.pos_ == "NOUN") and child.dep_ != "obl:agent":
            cases = _cases(child)
            if cases == ["en"] and child.pos_ == "NOUN":
                child = next((c for c in child.children if c.dep_ == "nmod" and _cases(c)[:1] == ["avec"]), child)
                cases = _cases(child)  # "en coordination avec X": X, the partner
            if not cases or cases[0] == "par":
                continue
            preposition = _PREPOSITIONS.get(cases[0], cases[0]) if child.lower_ not in lexicon.seat_nouns() else _at_site(child, cases[0])
        else:
            continue
        for part in [child, *(c for c in child.children if c.dep_ in {"conj", "appos"})]:
            held = ctx.title_holder(part)  # "X, président de Y, a été reçu par Z": X
            mention = held or ((ctx.mention_of(part) or _group_of(ctx, part)) if part is child else ctx.by_token.get(ctx.name_start(part.i)))
            if mention is not None and mention.label not in {"DATE", "MONEY", "PERCENT", "QUANTITY"} and (mention, preposition) not in found:
                found.append((mention, preposition))
                if preposition is not None and ctx.by_token.get(part.i) is mention:
                    headed.add(mention.id)
    # "a mis aux arrêts M. X": X is the object, not also the name after "arrêts" (ctx.mention_of reads on);
    # "joue au FC Nantes", the name split into a complement and an object: the complement
    objects = {mention.id for mention, preposition in found if preposition is None}
    found = [(m, p) for m, p in found if (p is not None if m.id in headed else p is None or m.id not in objects)]
    if passive or not has_feature(verb, "VerbForm", "Part"):
        return found
    if verb.dep_ == "acl":
        head = ctx.mention_of(verb.head)  # "l'association dirigée par X": the noun is the object
    elif any(c.dep_ == "obl:agent" for c in verb.children):
        head = _named_before_comma(ctx, verb)  # the same, set off by a comma and attached elsewhere by the parser
    else:
        head = None
    return found + ([(head, None)] if head is not None else [])


def _cases(token: Token) -> list[str]:
    """The prepositions of a complement, lower case."""
    return [c.lower_ for c in token.children if c.dep_ == "case"]


def _at_site(noun: Token, case: str) -> str:
    """The words that put a verb at an organisation's site ("au siège de", "dans les locaux de"): what an
    open verb's label keeps ("a tenu une conférence au siège de Y" is no "tenir à Y"), and no family's
    preposition."""
    words = [case, *(c.lower_ for c in noun.children if c.dep_ == "det"), noun.lower_, "de"]
    return " ".join(words).replace("' ", "'")


_PREPOSITIONS = {"au": "à", "aux": "à", "du": "de", "des": "de", "d'": "de"}
"""Prepositions joined with an article, as the lexicon writes them."""
_RELATIVES = {"lequel": None, "laquelle": None, "lesquels": None, "lesquelles": None,
              "auquel": "à", "auxquels": "à", "auxquelles": "à", "duquel": "de", "desquels": "de", "desquelles": "de"}


def _relative_preposition(token: Token) -> str | None:
    """The preposition a relative pronoun carries ("à laquelle", "auquel": "à"), None for any other token."""
    if token.lower_ not in _RELATIVES:
        return None
    cases = [c.lower_ for c in token.children if c.dep_ == "case"]
    return _RELATIVES[token.lower_] or (cases[0] if cases else None)


def _named_before_comma(ctx: Context, verb: Token) -> Mention | None:
    """The name right before the comma that opens a participle phrase ("l'association « X », représentée
    par Y"), quotes skipped."""
    i = verb.i - 1
    if i < 1 or ctx.doc[i].text != ",":
        return None
    return ctx.by_token.get(ctx.before_quotes(i - 1))


_MEMBERS = frozenset({"membre", "membres", "militant", "militants", "représentant", "représentants", "bénévole", "bénévoles",
                      "employé", "employés", "salarié", "salariés", "agent", "agents", "équipe", "personnel"})


def _group_of(ctx: Context, token: Token) -> Mention | None:
    """The organisation whose members a phrase names: "quelques membres de l'association X" → X."""
    if token.lower_ not in _MEMBERS:
        return None
    for child in token.children:
        if child.dep_ == "nmod" and (mention := ctx.mention_of(child)) is not None and mention.label in {"Organization", "Union"}:
            return mention
    return None


def _clause_roles(ctx: Context, verb: Token, sent: Span, lemma: str) -> dict[str, int | str]:
    """The event's verb, and its date and place when the sentence gives them."""
    from kg.extract.locatives import clause_places

    roles: dict[str, int | str] = {"verb": lemma}
    date = ctx.value_in(sent, "DATE")
    if date is not None:
        roles["date"] = date.id
    places = clause_places(ctx, verb)
    if places:
        roles["locatedIn"] = places[0].id
    return roles
