"""Measured results: an organisation's metric and its amount, with the change and the period
("Le chiffre d'affaires de X a atteint 11,5 milliards de dollars, en hausse de 17 %")."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.accents import strip_accents
from kg.extract.context import Context
from kg.extract.registry import rule

if TYPE_CHECKING:
    from spacy.tokens import Span

_INCREASE = ("augmentation", "hausse", "progression", "croissance", "bond", "progresse", "augmente")
_DECREASE = ("baisse", "recul", "diminution", "repli", "chute", "recule", "baisse")
_PERIOD_WORDS = {"trimestriel": "quarter", "trimestre": "quarter", "annuel": "year", "annuelle": "year",
                 "semestriel": "half-year", "semestre": "half-year", "mensuel": "month"}
_METRICS = {"chiffre d'affaires": "revenue", "ventes": "revenue", "revenus": "revenue", "recettes": "revenue",
            "bénéfice net": "net income", "résultat net": "net income", "bénéfice": "net income",
            "résultat opérationnel": "operating income", "perte nette": "net loss"}


@rule("financial-result")
def financial_results(ctx: Context, sent: Span, n: int) -> None:
    """"Le chiffre d'affaires de X a atteint 11,5 milliards de dollars, en hausse de 17 %"."""
    low, plain = ctx.lower_texts[n], ctx.plain_texts[n]
    metric = next((name for phrase, name in _METRICS.items() if phrase in low or strip_accents(phrase) in plain), None)
    money = ctx.value_in(sent, "MONEY")
    if metric is None or money is None:
        return
    at = low.find(next(p for p in _METRICS if p in low or strip_accents(p) in plain))
    orgs = [t for m in ctx.mentions_in(sent) for t in ctx.targets(m) if t.label == "Organization"]
    after_metric = [o for o in orgs if o.start > sent.start_char + at]
    org = (after_metric or orgs or [ctx.salient(frozenset({"Organization"}))])[0]
    if org is None:
        return
    roles: dict[str, int | str] = {"metric": metric}
    percent = ctx.value_in(sent, "PERCENT")
    if percent is not None and percent.value is not None:
        nearby = strip_accents(ctx.text[max(sent.start_char, percent.start - 30):percent.start].lower())
        sign = -1 if any(w in nearby for w in map(strip_accents, _DECREASE)) else 1
        if sign < 0 and percent.value.get("value") and not str(percent.value["value"]).startswith("-"):
            percent.value["value"] = "-" + str(percent.value["value"])
        roles["change"] = percent.id
    date = ctx.value_in(sent, "DATE")
    if date is not None:
        roles["date"] = date.id
    period = next((p for w, p in _PERIOD_WORDS.items() if w in plain or w in low), None)
    if period is None and date is not None and (date.value or {}).get("datatype") == "gYear":
        period = "year"  # "a réalisé en 2024 un chiffre d'affaires de ...": the figure of a year
    if period:
        roles["period"] = period
    prop = "revenue" if metric == "revenue" else None
    if prop:
        ctx.add_fact(prop, org, money, n, "financial-result", "FinancialResult", roles)
