"""Verb clauses: subject–verb–object facts from the verb lexicon (auxiliaries, passives, control verbs)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg import lexicon
from kg.extract.context import AGENT_CLASSES, WORK_CLASSES, Context
from kg.extract.model import Mention
from kg.extract.registry import rule
from kg.extract.syntax import TRAILING_LINK, lemma_candidates, negated, speculative

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

LAST_USE = "verbs:last-use-agent"
"""Context memory: (mention id, sentence) of the last agent that used a technology."""


@rule("verb-lexicon")
def verb_clauses(ctx: Context, sent: Span, n: int) -> None:
    """A verb of the lexicon with a subject and an object of the allowed classes."""
    verbs = lexicon.verbs()
    for token in ctx.tokens_of(sent):
        if token.pos_ not in {"VERB", "AUX"} and not (token.pos_ == "NOUN" and token.dep_ == "ROOT"):
            continue
        candidates = next((verbs[k] for k in lemma_candidates(token) if k in verbs), [])
        if token.lemma_ == "faire" and token.i + 1 < len(ctx.doc) and ctx.doc[token.i + 1].lower_ == "appel":
            candidates = verbs.get("faire appel", [])
        if not candidates or negated(token) or speculative(token):
            continue
        for verb_rule in candidates:
            obj = ctx.object(token, verb_rule)
            if obj is None:
                continue
            subject, confidence = ctx.subject(token)
            if subject is None:
                continue
            for each in [obj, *ctx.coordinated(obj, verb_rule.object_classes)]:
                _verb_fact(ctx, verb_rule, token, subject, each, n, confidence)
            break


def _verb_fact(ctx: Context, verb_rule: lexicon.VerbRule, verb: Token, subject: Mention, obj: Mention, n: int, confidence: float) -> None:
    sent = verb.sent
    roles: dict[str, int | str] = {}
    agents = ctx.targets(subject)
    if verb_rule.event == "TechnologyUse" and agents and agents[0].label in WORK_CLASSES:
        roles["work"] = agents[0].id
        inherited = _recent_agent(ctx, n)
        if inherited is None:
            return
        subject, confidence = inherited, confidence * 0.75
    elif not any(a.label in AGENT_CLASSES for a in agents):
        return
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
        place = ctx.place_after(verb, ("en", "à", "au", "aux"))
        if place is not None:
            roles["locatedIn"] = place.id
        source = ctx.reported_by(sent)
        if source is not None:
            roles["statedBy"] = source.id
    ctx.add_fact(verb_rule.property, subject, obj, n, f"verb:{verb_rule.lemma}", round(verb_rule.confidence * confidence, 3), verb_rule.event, roles)


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
            if want_infinitive and not (nxt.pos_ == "VERB" and "Inf" in nxt.morph.get("VerbForm")):
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
