"""Coreference without a model: what descriptions ("la société", "ces entreprises") stand for."""
from __future__ import annotations

from kg.extract.context import AGENT_CLASSES, Context, description_noun, unique_entities
from kg.extract.registry import rule


@rule("description-antecedent", stage="references")
def resolve_descriptions(ctx: Context) -> None:
    """A description points to the last compatible name that the article describes with its noun,
    else the last one of the three sentences before, else the article's most mentioned one; a plural
    description ("ces entreprises") to the names of the sentence before."""
    for mention in ctx.mentions:
        if mention.label != "DESC":
            continue
        wanted = mention.evidence.split(":", 1)[1]
        classes = AGENT_CLASSES - {"Person"} if wanted in {"Organization", "Union"} else {wanted}
        if wanted == "Technology":
            classes = {"Technology"}
        plural = ctx.text[mention.start:mention.end].lower().startswith(("les ", "ces "))
        if plural:
            previous = [m.id for m in ctx.named_before(mention, classes) if m.sentence == mention.sentence - 1]
            mention.refs = sorted(set(previous), key=previous.index) if len(previous) >= 2 else []
            mention.refs = unique_entities(ctx.mentions, mention.refs)
        else:
            before = ctx.named_before(mention, classes)
            noun = description_noun(mention.text)
            described = [m for m in before if noun in ctx.described.get(m.id, ())]
            recent = [m for m in before if mention.sentence - m.sentence <= 3]
            pick = (described or recent or [ctx.salient(classes, mention)])[-1]
            mention.refs = [pick.id] if pick else []
