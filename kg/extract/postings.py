"""Job postings: a role an organisation wants to fill, and its salary ("X recrute un directeur
technique", "une offre d'emploi pour un chef de produit en IA", "payé 300 000 dollars par an")."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.accents import strip_accents
from kg.extract.context import Context
from kg.extract.model import Mention
from kg.extract.registry import rule
from kg.extract.relational import person_next_to
from kg.extract.syntax import lemma_candidates

if TYPE_CHECKING:
    from spacy.tokens import Span

_HIRING = frozenset({"embaucher", "recruter", "rechercher", "chercher", "publier", "proposer", "offrir"})
_JOB_CUES = tuple(strip_accents(c) for c in ("offre d'emploi", "offres d'emploi", "poste", "recrut", "embauch"))
"""Looked for in the sentence's text without accents."""
_SALARY_CUES = ("salaire", "rémunér", "payé", "paye", "rapporter", "poste", "par an", "par mois")


@rule("job-posting")
def job_postings(ctx: Context, sent: Span, n: int) -> None:
    """A role wanted by an organisation: "X recrute un directeur technique pour l'IA", "une offre
    d'emploi pour un chef de produit en IA", "en tant que 'chef de produit'". Salaries attach to it."""
    low = ctx.plain_texts[n]
    roles = [m for m in ctx.mentions_in(sent) if m.label == "Role" and m.evidence == "role"]
    if roles and _hiring(ctx, sent, low):
        for role in roles:
            if person_next_to(ctx, role) is not None:
                continue
            title, field_mention = _job_title(ctx, role, sent)
            org = _hiring_org(ctx, sent)
            if org is None:
                continue
            job = ctx.add(role.start, role.start + len(title), "JobPosting", "job", n)
            job.text = title
            job.extra = {"org": org.id, "role": role.id, "field": field_mention.id if field_mention else None}
            date = ctx.value_in(sent, "DATE")
            ctx.add_fact("advertises", org, job, n, "job-posting", "Publication", {"date": date.id} if date else None)
            where = [m for m in ctx.mentions_in(sent) if m.label == "Place" and m.start > role.end]
            if where:  # "pour sa filiale X, à Toulouse", "pour son site de Hambourg"
                ctx.add_fact("locatedIn", job, where[0], n, "job-place")
    money = ctx.value_in(sent, "MONEY")
    if money is not None and any(c in low for c in map(strip_accents, _SALARY_CUES)):
        jobs = [m for m in ctx.mentions if m.label == "JobPosting" and n - m.sentence <= 2]
        if jobs:
            ctx.add_fact("salary", jobs[-1], money, n, "job-salary")


def _hiring(ctx: Context, sent: Span, low: str) -> bool:
    """The sentence offers a job ("une offre d'emploi", "a publié une offre") or hires ("recrute")."""
    lemmas = {t.lemma_ for t in ctx.tokens_of(sent)}
    lemmas |= {guess for t in ctx.tokens_tagged(sent, {"VERB"}) for guess in lemma_candidates(t)}  # "cherche"
    hiring = any(strip_accents(lemma) in _HIRING for lemma in lemmas) or any(c in low for c in _JOB_CUES)
    return hiring and "offre" in low or bool(lemmas & {"embaucher", "recruter", "rechercher", "chercher"})


def _job_title(ctx: Context, role: Mention, sent: Span) -> tuple[str, Mention | None]:
    """The role and its field: "chef de produit en apprentissage automatique"."""
    rest = ctx.prepared[role.end:sent.end_char]
    match = re.match(r"\s+(?:(?:en|pour|de|d'|du|dans)\s+(?:l'|la |le |les )?)?", rest)  # "chef de projet cloud" too
    if match:
        field_start = role.end + match.end()
        tech = [m for m in ctx.mentions if m.label == "Technology" and m.start == field_start]
        if tech:
            return ctx.text[role.start:tech[0].end], tech[0]
    return role.text, None


def _hiring_org(ctx: Context, sent: Span) -> Mention | None:
    root = sent.root
    subject, _ = ctx.subject(root) if root.pos_ in {"VERB", "AUX"} else (None, 0)
    targets = [t for t in ctx.targets(subject) if t.label == "Organization"] if subject else []
    if targets:
        return targets[0]
    orgs = [t for m in ctx.mentions_in(sent) for t in ctx.targets(m) if t.label == "Organization"]
    return orgs[0] if orgs else ctx.salient(frozenset({"Organization"}))
