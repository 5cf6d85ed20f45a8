"""Nominalisations: "le lancement de X par Y", "le rachat de X", "l'utilisation de X chez Y", and nouns of
a relation between two parties: "une collaboration entre X et Y"."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg import lexicon
from kg.extract.context import AGENT_CLASSES, Context
from kg.extract.model import Mention
from kg.extract.registry import rule
from kg.extract.syntax import governing_verb, negated, speculative, with_name_beside
from kg.extract.verbs import purpose_of

if TYPE_CHECKING:
    from spacy.tokens import Span


_LIGHT_VERBS = frozenset({"avoir", "faire", "nouer", "signer", "conclure", "passer", "mener", "engager", "annoncer", "sceller"})
"""Verbs whose object noun carries the meaning, its complements hanging on the verb."""


@rule("noun-lexicon")
def nominalisations(ctx: Context, sent: Span, n: int) -> None:
    """A noun of the nominalisation lexicon: its "de" complement is the object; the agent comes from
    "par Y" / "chez Y", an organisation in the same noun phrase, or the governing verb's subject."""
    nouns = lexicon.nouns()
    for token in ctx.tokens_with(sent, nouns.keys()):
        if token.pos_ != "NOUN":
            continue
        rules = nouns.get(token.lemma_.lower()) or nouns.get(token.lower_)
        if not rules or negated(token.head) or speculative(token.head if token.dep_ == "obj" else token):
            continue
        noun_rule = rules[0]
        obj = None
        agent = None
        wanted = {noun_rule.preposition} if noun_rule.preposition else {"de", "d'", "du", "des", "à", "au", "aux"}
        complements = list(token.children)
        if token.dep_ == "obj" and token.head.lemma_ in _LIGHT_VERBS:  # "a eu recours au deepfake", "a noué un partenariat avec X"
            complements += [c for c in token.head.children if c.dep_.startswith("obl") and c.i > token.i]
        for child in complements:
            case = {c.lower_ for c in child.children if c.dep_ == "case"}
            if case & wanted and obj is None:
                obj = ctx.find_in(with_name_beside(child), noun_rule.object_classes)  # "le rachat de la biotech américaine X"
            if case & {"par", "chez"}:
                agent = ctx.find_in(child.subtree, AGENT_CLASSES)
        if obj is None:
            continue
        if agent is None and token.head.pos_ == "NOUN" and token.head.i != token.i:
            around = [t for t in token.head.subtree if t.i < token.i]
            agent = ctx.find_in(around, AGENT_CLASSES - {"Person"})
        if agent is None:
            verb = governing_verb(token)
            if verb is not None:
                agent, _ = ctx.subject(verb)  # "X a annoncé le rachat de Y", "X a eu recours à Y"
        if agent is None or not any(t.label in AGENT_CLASSES for t in ctx.targets(agent)):
            continue
        roles: dict[str, int | str] = {}
        date = ctx.value_in(sent, "DATE")
        if date is not None:
            roles["date"] = date.id
        money = ctx.value_in(sent, "MONEY")
        if money is not None and noun_rule.event in {"Acquisition", "Investment"}:
            roles["amount"] = money.id
        if noun_rule.event == "TechnologyUse":
            purpose = purpose_of(token, ctx.by_token)
            if purpose:
                roles["purpose"] = purpose
            work = ctx.work_in(sent)
            if work is not None:
                roles["work"] = work.id
        ctx.add_fact(noun_rule.property, agent, obj, n, f"noun:{noun_rule.lemma}", noun_rule.event, roles)


@rule("noun-between")
def nouns_between(ctx: Context, sent: Span, n: int) -> None:
    """A noun of a two-sided relation (a nominalisation whose object comes after "avec": "partenariat",
    "rencontre", "dispute") followed by "entre X et Y" relates X and Y ("une collaboration entre
    l'association X, représentée par Z, et le club Y")."""
    if "entre" not in ctx.lower_texts[n]:
        return
    nouns = lexicon.nouns()
    doc = ctx.doc
    for token in ctx.tokens_with(sent, nouns.keys()):
        rules = nouns.get(token.lemma_.lower()) or nouns.get(token.lower_)
        if not rules or rules[0].preposition != "avec" or negated(token.head) or speculative(token.head):
            continue  # any tag: "entre" settles it, and the tagger calls "dispute" a verb
        i = token.i + 1
        while i < sent.end and doc[i].pos_ == "ADJ":
            i += 1
        if i >= sent.end or doc[i].lower_ != "entre":
            continue
        first = _party_after(ctx, i + 1, sent.end, rules[0].object_classes)
        if first is None:
            continue
        start = doc.char_span(first.start, first.end, alignment_mode="expand").end
        joint = next((t.i for t in doc[start:min(sent.end, start + 12)] if t.lower_ == "et"), None)
        second = _party_after(ctx, joint + 1, sent.end, rules[0].object_classes) if joint is not None else None
        if second is not None:
            roles: dict[str, int | str] = {}
            date = ctx.value_in(sent, "DATE")
            if date is not None:
                roles["date"] = date.id
            ctx.add_fact(rules[0].property, first, second, n, f"noun-between:{rules[0].lemma}", rules[0].event, roles)


def _party_after(ctx: Context, i: int, end: int, classes) -> Mention | None:
    """The agent named at token i, after determiners, quotes and a naming noun ("l'association « X »")."""
    for j in range(i, min(i + 4, end)):
        mention = ctx.by_token.get(j)
        if mention is not None:
            return mention if any(t.label in classes for t in ctx.targets(mention)) else None
    return None
