"""Publications: what an organisation publishes ("son rapport trimestriel publié le 15 octobre")."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.context import Context
from kg.extract.registry import rule

if TYPE_CHECKING:
    from spacy.tokens import Span

_REPORT_NOUNS = frozenset({"rapport", "bilan", "communiqué", "étude"})


@rule("possessive-report")
def reports(ctx: Context, sent: Span, n: int) -> None:
    """"son rapport trimestriel publié le 15 octobre" → the organisation published a report."""
    for token in ctx.tokens_with(sent, _REPORT_NOUNS):
        if token.lemma_ not in _REPORT_NOUNS or token.pos_ != "NOUN":
            continue
        determiner = [c.lower_ for c in token.children if c.dep_ in {"det", "nmod:poss"}]
        owner = None
        for child in token.children:
            if child.dep_ == "nmod" and any(c.lower_ in {"de", "d'", "du"} for c in child.children):
                owner = ctx.find_in(child.subtree, frozenset({"Organization"}))
        if owner is None and not set(determiner) & {"son", "sa", "leur"}:
            continue
        if owner is None:
            subject, _ = ctx.subject(sent.root)
            owner = subject if subject and any(t.label == "Organization" for t in ctx.targets(subject)) else ctx.salient(frozenset({"Organization"}))
        if owner is None:
            continue
        adjectives = [c for c in token.children if c.dep_ == "amod" and c.i == token.i + 1]
        end = (adjectives[-1] if adjectives else token).idx + len((adjectives[-1] if adjectives else token).text)
        report = ctx.add(token.idx, end, "Report", "report", n)
        report.extra = {"owner": owner.id}
        roles: dict[str, int | str] = {}
        date = ctx.value_in(sent, "DATE")
        if date is not None:
            roles["date"] = date.id
        ctx.add_fact("published", owner, report, n, "possessive-report", "Publication", roles)
