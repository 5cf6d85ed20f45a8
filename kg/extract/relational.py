"""Relational nouns: roles held by a person, in apposition or as a copula's complement ("le PDG
Daniel Ek", "Daniel Ek, PDG de Spotify", "l'actrice Léa Moreau", "elle était directrice")."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg import lexicon
from kg.accents import strip_accents
from kg.extract.context import AGENT_CLASSES, Context, key
from kg.extract.model import Mention
from kg.extract.registry import rule

if TYPE_CHECKING:
    from spacy.tokens import Span

APPOINTING = frozenset({"nommer", "désigner", "promouvoir", "choisir", "élire", "recruter", "devenir"})


@rule("apposition-role")
def roles(ctx: Context, sent: Span, n: int) -> None:
    """A role next to a person → hasRole, and the role's property (ceoOf, worksFor) to its employer."""
    for token in ctx.tokens_of(sent):
        role = ctx.by_token.get(token.i)
        if role is None or role.label != "Role" or token.i != ctx.doc.char_span(role.start, role.end, alignment_mode="expand").start:
            continue
        entry = role_entry(role.text)
        if entry is None:
            continue
        person = person_next_to(ctx, role)
        if person is None:
            continue
        role.extra = {"role": entry.label if role.text.lower() in lexicon.roles() else role.text.lower(), "en": entry.en}
        roles: dict[str, int | str] = {"role": role.id}
        org = _employer(ctx, role, sent, allow_sentence=entry.property == "ceoOf") if entry.property else None
        confidence = 0.85
        if entry.property == "ceoOf" and org is None:
            org = ctx.salient(AGENT_CLASSES - {"Person", "Union"})
            confidence = 0.6
        if org is not None:
            roles["organization"] = org.id
        ctx.add_fact("hasRole", person, role, n, "apposition-role", confidence, "Appointment", roles)
        if entry.property and org is not None:
            ctx.add_fact(entry.property, person, org, n, "apposition-role", confidence, "Appointment", roles)


def person_next_to(ctx: Context, role: Mention) -> Mention | None:
    """The person holding a role: in apposition right after it ("le PDG X") or before it ("X, PDG"),
    linked to it by the parse ("La fondatrice de la start-up, X"), the subject of a copula ("elle était
    directrice"), or the object of an appointment ("a nommé X directrice générale")."""
    after = ctx.text[role.end:role.end + 3]
    before = ctx.text[max(0, role.start - 3):role.start]
    for m in ctx.mentions:
        if m.label != "Person":
            continue
        if m.start >= role.end and m.start - role.end <= 1 and after[:1] in {" ", ""}:
            return m
        if m.end <= role.start and role.start - m.end <= 2 and before.rstrip().endswith(","):
            return m
    head = ctx.doc.char_span(role.start, role.end, alignment_mode="expand")
    if head is None:
        return None
    token = head.root
    linked = [c for c in token.children if c.dep_ in {"appos", "nsubj"}] + ([token.head] if token.dep_ in {"appos", "xcomp", "obj"} else [])
    if any(c.dep_ == "cop" for c in token.children):
        linked += [c for c in token.children if c.dep_.startswith("nsubj")]
    if token.dep_ in {"xcomp", "obj", "obl:mod"} and token.head.lemma_ in APPOINTING:
        linked += [c for c in token.head.children if c.dep_ in {"obj", "nsubj:pass"} and c.i != token.i]
    for candidate in linked:
        mention = ctx.by_token.get(candidate.i)
        if mention is not None and mention.label == "Person":
            return mention
        if candidate.lower_ in {"il", "elle"} and candidate.dep_.startswith("nsubj"):
            return ctx.last_person(role.start)
    return None


def _employer(ctx: Context, role: Mention, sent: Span, *, allow_sentence: bool) -> Mention | None:
    """The organisation of a role: "PDG de X" / "chez X"; for a chief executive, else the one
    organisation of the sentence ("Le PDG X affirme que Netflix...")."""
    following = ctx.prepared[role.end:role.end + 8].lower()
    orgs = [m for m in ctx.mentions_in(sent) if m.label in {"Organization", "Union"} or m.label == "DESC" and m.refs]
    if following.startswith((" de ", " d'", " du ", " chez ", " de la ", " de l'")):
        after = [m for m in orgs if m.start > role.end and m.start - role.end <= 12]
        if after:
            targets = ctx.targets(after[0])
            return targets[0] if targets else None
    if not allow_sentence:
        return None
    named = {key(t): t for m in orgs for t in ctx.targets(m) if t.label == "Organization"}
    return next(iter(named.values())) if len(named) == 1 else None


def role_entry(text: str) -> lexicon.RoleEntry | None:
    """The lexicon entry of a role, by its longest known beginning ("directrice des opérations" →
    "directrice")."""
    words = text.lower().split()
    for count in range(len(words), 0, -1):
        head = " ".join(words[:count])
        entry = lexicon.roles().get(head) or lexicon.roles().get(strip_accents(head))
        if entry is not None:
            return entry
    return None
