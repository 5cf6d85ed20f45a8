"""Coreference without a model: what descriptions ("la société", "ces entreprises") stand for."""
from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from kg import lexicon, places
from kg.accents import strip_accents
from kg.entities import FAMILY
from kg.extract.context import AGENT_CLASSES, Context, description_noun, name_key, of_kind, unique_entities
from kg.extract.model import Mention
from kg.extract.registry import rule
from kg.extract.relational import kin_complement, person_next_to, role_entry
from kg.extract.syntax import has_feature, main_subject, with_companions

if TYPE_CHECKING:
    from spacy.tokens import Token


@rule("description-antecedent", stage="references")
def resolve_descriptions(ctx: Context) -> None:
    """A description points to the last compatible name that the article describes with its noun, else
    the name the article is about (its first subject, else its most mentioned one), else the last
    subject or name of the three sentences before; a demonstrative ("cette technologie") to what was
    just said before the article's topic. A plural description ("ces entreprises") points to the names
    of the sentence before."""
    for mention in ctx.mentions:
        if mention.label != "DESC":
            continue
        wanted = mention.evidence.split(":", 1)[1]
        if wanted == FAMILY:
            mention.refs = unique_entities(ctx.mentions, _bearers(ctx, mention))
            continue
        family = lexicon.class_families().get(wanted, wanted)  # "le pays": a Country, of the Place family
        classes = AGENT_CLASSES - {"Person"} if wanted in {"Organization", "Union"} else {family}
        if wanted == "Technology":
            classes = {"Technology"}
        text = ctx.text[mention.start:mention.end].lower()
        plural = text.startswith(("les ", "ces ", "aux "))  # "aux laboratoires de Rabat": à les
        if plural:
            previous = [m.id for m in ctx.named_before(mention, classes) if m.sentence == mention.sentence - 1]
            mention.refs = sorted(set(previous), key=previous.index) if len(previous) >= 2 else []
            mention.refs = unique_entities(ctx.mentions, mention.refs)
        else:
            noun = description_noun(mention.text)
            capital = noun in _capital_nouns()  # "la capitale": a capital the gazetteer knows, not the last town named
            restriction = _restriction(ctx, mention, noun)

            def fits(m: Mention) -> bool:
                return of_kind(m, wanted) and (not capital or places.is_capital(m.text)) and _same_kind(m, noun) \
                    and (restriction is None or restriction in strip_accents(m.text.lower()))

            before = [m for m in ctx.named_before(mention, classes) if fits(m)]
            described = [m for m in before if noun in ctx.described.get(m.id, ())]
            recent = [m for m in before if mention.sentence - m.sentence <= 3]
            topic = [t for t in ctx.targets(_topic(ctx)) if t.label in classes and t.start < mention.start and fits(t)]
            subjects = [m for m in recent if _is_subject(ctx, m)]  # "L'éditeur" is the company the text is about:
            salient = ctx.salient(classes, mention)  # the first sentence's subject, else the most mentioned
            salient = salient if salient is not None and fits(salient) else None
            known = topic or ([salient] if salient else [])
            nearby = subjects or recent
            order = (nearby, known) if text.startswith(_DEMONSTRATIVES) else (known, nearby)
            pick = (described or order[0] or order[1] or [None])[-1]
            mention.refs = [pick.id] if pick else []


def _restriction(ctx: Context, mention: Mention, noun: str) -> str | None:
    """The people a description of an organisation by its kind says it gathers ("l'association des
    syndicalistes": "syndicaliste"), accent-free, or None: such a description names an organisation whose
    name says so, not any association named before ("membre de l'association « Terre Verte »"). Not a
    description by trade ("le géant du logiciel" is the company the article is about)."""
    if noun not in _trigger_kinds():
        return None
    span = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    i = span.end if span is not None else len(ctx.tokens)
    if i + 1 >= len(ctx.tokens) or ctx.lowers[i] != "des":
        return None
    word = ctx.tokens[i + 1]
    if word.pos_ != "NOUN" or not word.text.isalpha() or not word.text.islower() or not has_feature(word, "Number", "Plur"):
        return None
    return strip_accents(word.lemma_.lower())


def _same_kind(named: Mention, noun: str) -> bool:
    """Whether a name can be what a description with this head noun stands for: not when both nouns type
    names, and the name's says another kind ("l'hôpital" is no "association « X »"; "la société" may be
    "l'entreprise X", both companies); an institution only by its own noun ("le tribunal")."""
    if named.evidence.startswith("institution:"):  # "le tribunal" is the tribunal of Rennes, "la société" is not
        return strip_accents(named.evidence.split(":", 1)[1]) == noun
    kinds = _trigger_kinds()
    named_by = named.evidence.split(":", 1)[1] if named.evidence.startswith("trigger:") else None
    return noun not in kinds or named_by is None or kinds.get(strip_accents(named_by), kinds[noun]) == kinds[noun]


@cache
def _trigger_kinds() -> dict[str, str]:
    """Nouns that type the name after them (accent-free, as `description_noun` gives them) → the class."""
    return {strip_accents(noun): kind for noun, (kind, _) in lexicon.name_triggers().items() if kind is not None}


@cache
def _capital_nouns() -> frozenset[str]:
    """The head nouns of the descriptions of a capital, as `description_noun` gives them."""
    return frozenset(strip_accents(phrase.split()[0]) for phrase in lexicon.capital_descriptions())


def _bearers(ctx: Context, family: Mention) -> list[int]:
    """The people the article names with the family's name ("la famille Clavier": M. Clavier, Meyven Clavier)."""
    name = family.text.split(None, 1)[-1]
    return [m.id for m in ctx.mentions if m.label == "Person" and m.is_named and (m.text == name or m.text.endswith(f" {name}"))]


_DEMONSTRATIVES = ("ce ", "cet ", "cette ")
_SUBJECT_PRONOUNS = {"il": "m", "elle": "f"}
_PLURAL_PRONOUNS = {"ils": "m", "elles": "f"}
_PRONOUN_FORMS = frozenset({p for form in (*_SUBJECT_PRONOUNS, *_PLURAL_PRONOUNS) for p in (form, f"-{form}")})
_IMPERSONAL_HEADS = frozenset({"falloir", "agir", "pleuvoir", "sembler", "paraître", "exister", "rester", "manquer", "suffire"})
AGENT_FAMILIES = frozenset({"Person", "Organization", "Union"})


@rule("pronoun-antecedent", stage="references")
def resolve_pronouns(ctx: Context) -> None:
    """A subject "il" or "elle" stands for the subject of the sentence before when it agrees, else the
    last person named in this or the two sentences before, else the last organisation; impersonal "il"
    ("il faut", "il y a", "il s'agit") stands for nothing. A subject "ils" or "elles" stands for the named
    agents coordinated as the subject of its sentence's main verb, else of the sentence before ("M. X et
    Mme Y sont arrivés. Ils ont rencontré Z"), when they agree; for nothing after any other subject ("Les
    policiers sont arrivés. Ils ont arrêté X"). The pronoun becomes a mention that refers to its
    antecedents, so every rule reads it as those entities."""
    genders = _genders(ctx)
    for n, sent in enumerate(ctx.sents):
        for token in ctx.tokens_with(sent, _PRONOUN_FORMS):
            form = token.lower_.lstrip("-")
            if form not in _SUBJECT_PRONOUNS and form not in _PLURAL_PRONOUNS or token.dep_ not in {"nsubj", "nsubj:pass"} \
                    or token.i in ctx.by_token or _impersonal(token):
                continue
            if form in _PLURAL_PRONOUNS:
                antecedents = _plural_antecedents(ctx, token, n, _PLURAL_PRONOUNS[form], genders)
            else:
                antecedents = [a.id] if (a := _antecedent(ctx, token, n, _SUBJECT_PRONOUNS[form], genders)) is not None else []
            if not antecedents:
                continue
            mention = ctx.add(token.idx, token.idx + len(token.text), "DESC", f"pronoun:{form}", n)
            mention.refs = antecedents
            ctx.by_token[token.i] = mention


@rule("latter-antecedent", stage="references")
def resolve_latter(ctx: Context) -> None:
    """"Ce dernier", "cette dernière" (the latter) stands for the last phrase before it, in its sentence or
    the one before, that a verb takes as subject, object or complement and that agrees with it in gender
    and number: a named person or organisation ("a arrêté M. Franklin Thomas. Ce dernier est accusé"), or
    nothing when that phrase names none ("a déstabilisé la fusée. Cette dernière s'est effondrée")."""
    genders = _genders(ctx)
    for n, sent in enumerate(ctx.sents):
        for token in ctx.tokens_with(sent, _LATTER.keys()):
            determiner = ctx.tokens[token.i - 1] if token.i > sent.start else None
            gender = _LATTER.get(token.lower_)
            if gender is None or determiner is None or determiner.lower_ not in {"ce", "cet", "cette"} or token.i in ctx.by_token:
                continue
            antecedent = _latest_phrase(ctx, token, n, gender, genders)
            if antecedent is None:
                continue
            mention = ctx.add(determiner.idx, token.idx + len(token.text), "DESC", "pronoun:latter", n)
            mention.refs = [antecedent.id]
            ctx.by_token[determiner.i] = ctx.by_token[token.i] = mention


@rule("role-antecedent", stage="references")
def resolve_roles(ctx: Context) -> None:
    """A definite title that no name goes with ("Le ministre a salué…", "la présidente") stands for the
    person the article named with that title before ("Le ministre de l'Intérieur, M. Paul Roux"), the last
    one if several: the same title, or its head noun alone ("le ministre" after "ministre de la Santé")."""
    holders: list[tuple[str, str, Mention]] = []  # (title, head label, holder) in the article's order
    for mention in sorted((m for m in ctx.mentions if m.label == "Role"), key=lambda m: m.start):
        entry, _ = role_entry(mention.text)
        if entry is None or not entry.is_role:
            continue
        title = mention.text.lower()
        holder = person_next_to(ctx, mention)
        if holder is not None:
            holders.extend((title, entry.label, t) for t in ctx.targets(holder) if t.label == "Person")
            continue
        if ctx.prepared[max(0, mention.start - 3):mention.start].lower().strip() not in {"le", "la", "l'"}:
            continue  # "un directeur" is a job, not someone named before
        bare = len(title.split()) == 1
        same = [person for known, label, person in holders if known == title or bare and label == entry.label]
        before = _subject_before(ctx, mention) if not same and bare else None
        if before is not None and not any(person.id == before.id for _, _, person in holders):
            # "X a remporté la course. La navigatrice, originaire de Y, …": the one just named, if with no other
            # title ("Le maire, X, a parlé. Le ministre …" is someone else)
            same = [before]
        if same:
            mention.label, mention.evidence, mention.refs = "DESC", f"role:{entry.label}", [same[-1].id]


def _subject_before(ctx: Context, mention: Mention) -> Mention | None:
    """The person named as the active subject of the sentence before, for a title that opens its sentence as
    its subject and that no one was named with."""
    span = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    n = mention.sentence
    if span is None or n == 0 or span.start - 1 != ctx.sents[n].start or not span.root.dep_.startswith("nsubj"):
        return None
    subject = main_subject(ctx.sents[n - 1].root)
    if subject is None or subject.dep_ != "nsubj":
        return None  # an active one: "X a été renversé par une voiture. Le conducteur …" is not X
    found = ctx.find_in(subject.subtree, {"Person"})
    return found if found is not None and found.label == "Person" else None


_LATTER = {"dernier": "m", "dernière": "f"}
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:agent", "obl:arg", "obl:mod"})


def _latest_phrase(ctx: Context, latter: Token, n: int, gender: str, genders: dict[str, str]) -> Mention | None:
    """The named agent the last agreeing argument phrase before `latter` names (`resolve_latter`), if any."""
    start = ctx.sents[n - 1].start if n > 0 else ctx.sents[n].start
    for i in range(latter.i - 2, start - 1, -1):
        token = ctx.tokens[i]
        aside = ctx.deps[i] == "appos"  # a name the parser hung on a noun before it ("attaqué avec des coups M. X")
        if ctx.deps[i] not in _ARGUMENT_DEPS and not aside or token.pos_ not in {"NOUN", "PROPN", "PRON"} \
                or has_feature(token, "Number", "Plur"):
            continue
        mention = ctx.mention_of(token)
        agents = [t for t in ctx.targets(mention) if t.label in AGENT_FAMILIES and t.is_named]
        if mention is not None and mention.label == "Person" and kin_complement(ctx, mention):
            continue  # "Mme P, la sœur de Mme A, … Cette dernière": P, whom A is named to place
        if agents:
            person = agents[0].label == "Person"
            if not person or genders.get(name_key(agents[0]), _gender_of(token) or gender) == gender:
                return agents[0]
            continue
        if aside or mention is not None and mention.label == "Role" and person_next_to(ctx, mention) is not None:
            continue  # "Madame X, la présidente de Y": her title, which the parser may read as a complement
        if token.pos_ != "PRON" and _gender_of(token) == gender:
            return None  # "la fusée": the latter is a thing no name gives
    return None


def _plural_antecedents(ctx: Context, pronoun: Token, n: int, gender: str, genders: dict[str, str]) -> list[int]:
    """The named agents coordinated as the subject of the main verb of the pronoun's sentence (before it),
    else of the sentence before, when there are two or more and they agree ("elles": women or
    organisations only); none when that subject is anything else."""
    subject = main_subject(pronoun.sent.root)
    if subject is None or subject.i >= pronoun.i:
        subject = main_subject(ctx.sents[n - 1].root) if n > 0 else None
    if subject is None:
        return []
    named = [t for part in with_companions(subject, frozenset({"conj"})) for t in ctx.targets(ctx.mention_of(part))
             if t.label in AGENT_FAMILIES and t.is_named]
    ids = unique_entities(ctx.mentions, [t.id for t in named])
    if len(ids) < 2 or gender == "f" and any(genders.get(name_key(ctx.mentions[i])) != "f" for i in ids if ctx.mentions[i].label == "Person"):
        return []
    return ids


def _topic(ctx: Context) -> Mention | None:
    """What the article is about: the named subject of its first sentence that has one, or a name the
    parser made that sentence's root ("Carrefour mise sur la blockchain", with "mise" read as its participle)."""
    for n in range(min(2, len(ctx.sents))):
        subject = _subject_of(ctx, n) or _named_root(ctx, n)
        if subject is not None:
            return subject
    return None


def _named_root(ctx: Context, n: int) -> Mention | None:
    """The named agent a sentence's root token is part of, if any."""
    mention = ctx.mention_of(ctx.sents[n].root)
    targets = [t for t in ctx.targets(mention) if t.label in AGENT_FAMILIES and t.is_named]
    return targets[0] if targets else None


def _is_subject(ctx: Context, mention: Mention) -> bool:
    """Whether a mention is the subject of its clause."""
    span = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and any(t.dep_.startswith("nsubj") for t in span)


_GENDERS_MEMORY = "coreference:genders"
"""Context memory: `person_genders`, read once for the pronoun rules (they add no person nor title)."""


def _genders(ctx: Context) -> dict[str, str]:
    found = ctx.memory.get(_GENDERS_MEMORY)
    if found is None:
        found = ctx.memory[_GENDERS_MEMORY] = person_genders(ctx)
    return found


def person_genders(ctx: Context) -> dict[str, str]:
    """Each person's gender in this article, by the words of the name: from an honorific ("Mme Ruiz"),
    else from a role in apposition ("le maire de Lyon, Paul Martin", "Ana Ruiz, présidente de"), else
    from the gender of a noun in apposition ("Lodois Lee, l'initiateur de la célébration")."""
    genders: dict[str, str] = {}
    roles = [m for m in ctx.mentions if m.label == "Role"]
    for m in ctx.mentions:
        if m.label != "Person":
            continue
        if m.extra.get("gender"):
            genders[name_key(m)] = m.extra["gender"]
            continue
        for role in roles:
            between = ctx.prepared[min(m.end, role.end):max(m.start, role.start)]
            if between.strip() in {",", ""} and (gender := _role_gender(ctx, role)) is not None:
                genders.setdefault(name_key(m), gender)
        if name_key(m) not in genders and (gender := _apposition_gender(ctx, m)) is not None:
            genders[name_key(m)] = gender
    return genders


_GENDERS = {"Masc": "m", "Fem": "f"}


def _apposition_gender(ctx: Context, person: Mention) -> str | None:
    """The gender of the noun set off by a comma right after a person's name ("X, l'initiateur de…", "X,
    une voisine"), as the morphology tags it; not of a "de" complement ("X de Lyon")."""
    span = ctx.doc.char_span(person.start, person.end, alignment_mode="expand")
    if span is None or span.end >= len(ctx.doc) or ctx.doc[span.end].text != ",":
        return None
    for child in (c for token in span for c in token.children):
        if child.i > span.end and child.pos_ == "NOUN" and child.dep_ in {"appos", "nmod"} and not any(c.dep_ == "case" for c in child.children):
            return _gender_of(child)
    return _gender_of(_aside_noun(ctx, span.end + 1))


def _aside_noun(ctx: Context, i: int) -> Token | None:
    """The noun of a determiner-led aside starting at token i and closed by a comma or the sentence's end
    before any verb ("X, un membre du parti, qui"), where the parser did not hang it on the name; not the
    subject of a clause ("Selon X, la police a arrêté")."""
    doc = ctx.doc
    if i + 1 >= len(doc) or doc[i].pos_ != "DET" or doc[i + 1].pos_ != "NOUN":
        return None
    for token in doc[i + 2:doc[i].sent.end]:
        if token.pos_ in {"VERB", "AUX"}:
            return None
        if token.text == "," or token.is_sent_end:
            return doc[i + 1]
    return None


def _gender_of(noun: Token | None) -> str | None:
    """The gender the morphology gives a noun, if one."""
    found = noun.morph.get("Gender") if noun is not None else []
    return _GENDERS.get(found[0]) if len(found) == 1 else None


def _role_gender(ctx: Context, role: Mention) -> str | None:
    """The gender a role noun's form or determiner tells: "présidente", "la directrice" (f), "le maire" (m)."""
    from kg import lexicon

    if any(role.text.lower().startswith(form) for form in lexicon.feminine_roles()):
        return "f"
    determiner = ctx.prepared[max(0, role.start - 4):role.start].lower().split()[-1:] or [""]
    return {"le": "m", "un": "m", "la": "f", "une": "f"}.get(determiner[0])


def _impersonal(token: Token) -> bool:
    """"il faut", "il y a", "il s'agit": an "il" that stands for nothing."""
    if token.lower_.lstrip("-") != "il":
        return False
    head = token.head
    return head.lemma_ in _IMPERSONAL_HEADS or head.lemma_ == "avoir" and any(c.lower_ == "y" for c in head.children) \
        or any(c.dep_ == "expl:subj" for c in head.children if c.i != token.i)


def _antecedent(ctx: Context, pronoun: Token, n: int, gender: str, genders: dict[str, str]) -> Mention | None:
    def agrees(m: Mention) -> bool:
        if m.label == "Person":
            return genders.get(name_key(m), gender) == gender
        return m.label in AGENT_FAMILIES

    window = [t for m in sorted(ctx.mentions, key=lambda m: m.start) if n - 2 <= m.sentence <= n and m.start < pronoun.idx
              for t in ctx.targets(m) if t.label in AGENT_FAMILIES and t.is_named and agrees(t)]
    if not window:
        return None
    known = [m for m in window if m.label == "Person" and name_key(m) in genders]  # "Mme Ruiz" before "Paul Martin"
    previous_subject = _subject_of(ctx, n - 1) if n > 0 else None
    if previous_subject is not None and previous_subject in window and (not known or previous_subject in known):
        return previous_subject
    if previous_subject is None and n > 0 and _unnamed_subject(ctx, n - 1, gender):
        return None  # "Un homme l'avait menacé. Il avait pris son sac.": the man, whom no name gives
    people = [m for m in window if m.label == "Person"]
    return (known or people or window)[-1]


def _unnamed_subject(ctx: Context, n: int, gender: str) -> bool:
    """Whether sentence n's main verb has a subject that names no entity — a noun, or a pronoun left
    unresolved — and agrees with a pronoun of this gender ("Un homme", "Le voleur", then "Il" for "il"):
    the pronoun after it most likely stands for the same. A noun the parser made the root ("Un homme vêtu
    d'une cagoule l'avait menacé") counts as that subject."""
    root = ctx.sents[n].root
    subjects = [root] if root.pos_ == "NOUN" else [c for c in root.children if c.dep_ in {"nsubj", "nsubj:pass"}]
    for subject in subjects[:1]:
        if subject.pos_ in {"NOUN", "PRON"} and ctx.find_in(subject.subtree, AGENT_FAMILIES) is None:
            return _gender_of(subject) == gender
    return False


def _subject_of(ctx: Context, n: int) -> Mention | None:
    """The named subject of a sentence's main verb, if it has one."""
    root = ctx.sents[n].root
    for child in root.children:
        if child.dep_ in {"nsubj", "nsubj:pass"}:
            mention = ctx.find_in(child.subtree, AGENT_FAMILIES)
            targets = ctx.targets(mention)
            return targets[0] if targets else None
    return None
