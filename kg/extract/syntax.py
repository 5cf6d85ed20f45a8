"""Reading the dependency parse: the small questions every frame asks of a clause (is it negated,
speculative, what is the verb's lemma, which words make up a noun phrase)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from kg import lexicon
from kg.accents import strip_accents

if TYPE_CHECKING:
    from spacy.tokens import Token

NEGATIONS = frozenset({"pas", "jamais", "aucun", "aucune", "guère", "nullement"})
SPECULATIVE_HEADS = frozenset({"imaginer", "envisager", "supposer", "pouvoir", "devoir", "falloir", "espérer", "craindre",
                               "sembler", "paraître", "compter", "prévoir", "vouloir", "décider", "projeter"})


LIGHT_VERBS = frozenset({"faire", "prendre", "avoir", "porter", "rendre", "donner", "déposer"})
"""Verbs that make a locution with a bare noun after them ("faire partie", "porter plainte", "déposer plainte")."""


def lemma_candidates(token: Token) -> tuple[str, ...]:
    """The locution a verb makes with a preposition and a bare noun after it ("mettre en examen", "mettre
    aux arrêts") or a light verb with the noun after it ("faire partie"), the token's lemma, then guesses
    from its form for verbs the lemmatiser left as written ("applique" → "appliquer"): lexicons are keyed
    by infinitive."""
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    noun = following.lower_ if following is not None and following.pos_ == "NOUN" else None
    phrase = None
    if following is not None and following.pos_ == "ADP" and token.i + 2 < len(doc) and doc[token.i + 2].pos_ == "NOUN" \
            and doc[token.i + 2].text.isalpha() and doc[token.i + 2].text.islower() \
            and not doc[token.i + 2].ent_type_:  # not "succédé à M. X", nor "lancé en janvier"
        phrase = f"{following.lower_} {doc[token.i + 2].lower_}"
    return _candidates(token.lemma_.lower(), token.lower_, noun, phrase)


@lru_cache(maxsize=8192)
def _candidates(lemma: str, form: str, noun: str | None, phrase: str | None = None) -> tuple[str, ...]:
    """lemma_candidates of a word by its lemma, its form, the noun right after it and the preposition and
    noun right after it (None if none)."""
    guesses = [lemma, form]
    if lemma in LIGHT_VERBS and noun is not None:
        guesses.insert(0, f"{lemma} {noun}")  # "faisait partie de": "faire partie"
    if phrase is not None:
        guesses.insert(0, f"{lemma} {phrase}")  # "a été mis en examen": "mettre en examen"
    for ending in ("ées", "és", "ée", "é", "ent", "es", "e"):
        if form.endswith(ending):
            guesses.append(form[: -len(ending)] + "er")
            break
    return (*guesses, *(strip_accents(g) for g in guesses))


SUBJECTS = frozenset({"nsubj", "nsubj:pass", "expl:subj"})
"""Dependencies of a verb's subject: a verb with one has no honorific subject to repair."""


def active_subject(token: Token) -> bool:
    """Whether the token is its verb's active subject: "nsubj", or "nsubj:pass" on a verb with no passive
    auxiliary, only "avoir" ("LVMH a racheté Tiffany", which the parser may read as a passive)."""
    if token.dep_ == "nsubj":
        return True
    if token.dep_ != "nsubj:pass":
        return False
    auxiliaries = [c for c in token.head.children if c.dep_.startswith("aux")]
    return bool(auxiliaries) and all(c.dep_ == "aux:tense" and c.lemma_ == "avoir" for c in auxiliaries)


def honorific_subject(verb: Token) -> Token | None:
    """The honorific that heads the subject of a verb the parser gave no subject: "Madame X, une jeune
    femme, s'est rendue ..." is often read as a vocative or a modifier of the verb."""
    if any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    forms = lexicon.honorifics()
    return next((c for c in verb.children if c.i < verb.i and c.dep_ in {"vocative", "obl:mod", "nmod", "dep"}
                 and c.text in forms and any(g.pos_ == "PROPN" for g in c.children)), None)


def main_subject(root: Token) -> Token | None:
    """The subject of a sentence's main verb, or the honorific the parser misread in its place."""
    return next((c for c in root.children if c.dep_ in {"nsubj", "nsubj:pass"}), None) or honorific_subject(root)


def negated(token: Token) -> bool:
    """"n'utilise pas", "ne ... jamais", "n'utilise pas encore" (where the parser hangs "pas" on
    "encore"), "n'utilise plus" — not "n'utilise que" (only), which states the fact."""
    words = [*token.children, *(g for c in token.children if c.dep_ == "advmod" for g in c.children)]
    if any(w.lower_ in NEGATIONS or w.lemma_ in NEGATIONS for w in words):
        return True
    return any(w.lemma_ == "ne" for w in words) and any(w.lower_ == "plus" and w.dep_ == "advmod" for w in words)


def speculative(token: Token) -> bool:
    """Future, conditional, or under "imaginer que", "pouvoir", "devoir", "décider de": not a stated fact."""
    head = token
    for _ in range(4):
        if has_feature(head, "Tense", "Fut") or has_feature(head, "Mood", "Cnd") or conditional_form(head):
            return True
        if any(c.lemma_ in SPECULATIVE_HEADS and c.dep_.startswith("aux") for c in head.children):
            return True
        if head.dep_ in {"xcomp", "ccomp"} and any(c in SPECULATIVE_HEADS for c in lemma_candidates(head.head)):
            return True
        if head.head.i == head.i or head.dep_ not in {"xcomp", "ccomp", "advcl", "conj"}:
            return False
        head = head.head
    return False


_CONDITIONAL_ENDINGS = ("raient", "rions", "riez", "rais", "rait")


def conditional_form(verb: Token) -> bool:
    """Whether a verb's form is its lemma's conditional, which the parser's morphology sometimes tags an
    imperfect ("utiliserait": Tense=Imp): the future stem — the infinitive ("utiliser"), less the final
    "e" of "-re" ("prendr"), or as ontology/lexicon/future_stems.tsv makes it ("viendr") — and an ending
    ("-ait"). An imperfect is built on another stem ("tirait" is "tir" + "ait")."""
    form = verb.lower_
    if not form.endswith(_CONDITIONAL_ENDINGS) or verb.pos_ not in {"VERB", "AUX"}:
        return False
    return strip_accents(form[:form.rindex("r") + 1]) in _future_stems(strip_accents(verb.lemma_.lower()))


@lru_cache(maxsize=4096)
def _future_stems(infinitive: str) -> frozenset[str]:
    """The future stems an infinitive may have: its regular one and those future_stems.tsv gives."""
    stems = {infinitive[:-1] if infinitive.endswith("re") else infinitive}
    stems.update(infinitive[:-len(ending)] + stem for ending, stem in lexicon.future_stems() if infinitive.endswith(ending))
    return frozenset(stems)


def has_feature(token: Token, field: str, value: str) -> bool:
    """Whether the token's morphology gives `field` the value `value` ("Tense", "Fut"). `morph.get` parses
    the features again at each call; their text, read once per distinct analysis, is five times quicker."""
    return value in _features(str(token.morph)).get(field, ())


@lru_cache(maxsize=2048)
def _features(analysis: str) -> dict[str, tuple[str, ...]]:
    """A morphological analysis ("Mood=Ind|Number=Sing|Tense=Fut") as its fields' values."""
    return {field: tuple(values.split(",")) for field, _, values in (part.partition("=") for part in analysis.split("|")) if values}


def head_and_modifiers(token: Token) -> list[Token]:
    """A noun and the words of its direct modifiers ("la technologie de l'IA", "Claude 4"), not deeper
    ("la narration d'un jeu" does not stand for the game)."""
    tokens = [token]
    for child in token.children:
        if child.dep_ in {"nmod", "flat:name", "flat", "amod", "nummod", "compound"}:
            tokens += [child, *[g for g in child.children if g.dep_ in {"flat:name", "flat", "nummod"}]]
    return sorted(tokens, key=lambda t: t.i)


def with_name_beside(token: Token) -> list[Token]:
    """`head_and_modifiers`, and the name the parser sets in apposition right beside the noun, past its
    adjectives ("la banque belge Degroof Petercam"), or after a comma when the noun is a title or a tie
    ("le préfet de région, M. X", "son ex-agent, Bertrand Lavigne": the same person); not a name further
    on after another noun ("la narration d'un jeu, X")."""
    doc = token.doc
    titled = token.pos_ == "NOUN" and is_relational(token.lower_)
    beside = [c for c in token.children if c.dep_ == "appos" and c.i > token.i
              and (all(t.pos_ == "ADJ" for t in doc[token.i + 1:c.i]) or titled and doc[c.i - 1].text == ",")]
    after = token.i + 1
    while after < len(doc) and doc[after].pos_ == "ADJ" and doc[after].text.islower():
        after += 1
    if not beside and token.pos_ == "NOUN" and after < len(doc) and doc[after].pos_ in {"PROPN", "X"} and doc[after].text[:1].isupper() \
            and doc[after].head.i != token.i:
        beside = [doc[after]]  # "l'acquisition de la société allemande Quadra Energy", the name hung on the verb
    return [*head_and_modifiers(token), *beside, *(g for c in beside for g in c.children if g.dep_ in {"flat:name", "flat"})]  # "Me X"


def is_relational(word: str) -> bool:
    """Whether a noun is a title or a tie of roles.tsv, maybe a former one ("ex-agent")."""
    nouns = lexicon.relational_nouns()
    return word in nouns or word.startswith("ex-") and word[3:] in nouns


def with_companions(token: Token, deps: frozenset[str]) -> list[Token]:
    """The token and its children of the given dependencies, the words of one agent phrase; a flat:name
    child only where it goes on with the token's name word after word ("Mme Pauline Sauvage"), not a
    later name the parser hung on it ("…, la sœur de Madame Anna Laura Sauvage")."""
    found = [token]
    end = token.i
    for child in token.children:
        if child.dep_ == "flat:name":
            if child.i == end + 1:
                found.append(child)
                end = child.i
        elif child.dep_ in deps:
            found.append(child)
    return found


def governing_verb(token: Token) -> Token | None:
    """The verb a noun phrase depends on, climbing through nouns ("annoncé le 3 mars le rachat")."""
    head = token
    for _ in range(4):
        if head.head.i == head.i:
            return None
        head = head.head
        if head.pos_ in {"VERB", "AUX"}:
            return head
    return None


def case_words(token: Token) -> set[str]:
    """The prepositions introducing a noun phrase ("à", "de", "dans", "par"), lower case."""
    return {c.lower_ for c in token.children if c.dep_ in {"case", "fixed"}}


def stripped(text: str, start: int, end: int) -> tuple[int, int, str]:
    """A sentence's offsets and text without surrounding white space or list bullets."""
    while start < end and (text[start].isspace() or text[start] in "-–•*" and start + 1 < end and text[start + 1].isspace()):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end, text[start:end]


TRAILING_LINK = re.compile(r"(\s+(de|du|des|d'|à|au|aux|pour|dans|sur|et|ou))+$", re.IGNORECASE)
