"""The rule registry: extraction is a list of small named rules over the parse and the lexicons.

A rule is a function registered under a name and a stage. Stages run in order: `mentions` (entity
mentions and their types), `references` (what descriptions and pronouns stand for), `sentence` (each
rule on each sentence, sentence after sentence, so a rule may use what earlier sentences gave),
`article` (rules over the whole article) and `scene` (rules over the facts found so far). Within a
stage, rules run in registration order, which is the import order of kg.extract's modules.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.extract.context import Context

STAGES = ("mentions", "references", "sentence", "article", "scene")


@dataclass(frozen=True)
class Rule:
    """A named extraction rule: `run(ctx)`, or `run(ctx, sentence, n)` at the sentence stage."""

    name: str
    stage: str
    run: Callable[..., Any]


RULES: dict[str, Rule] = {}


def rule(name: str, *, stage: str = "sentence") -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the decorated function as the rule `name` of `stage`."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}")

    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        if name in RULES:
            raise ValueError(f"rule {name!r} is registered twice")
        RULES[name] = Rule(name, stage, function)
        return function

    return register


def run_rules(ctx: Context, rules: dict[str, Rule] = RULES) -> None:
    """Apply every rule to the article, stage by stage."""
    for stage in STAGES:
        staged = [r for r in rules.values() if r.stage == stage]
        if stage == "sentence":
            for n, sent in enumerate(ctx.sents):
                for r in staged:
                    r.run(ctx, sent, n)
        else:
            for r in staged:
                r.run(ctx)
