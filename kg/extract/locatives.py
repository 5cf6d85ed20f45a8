"""Locatives: where an organisation is based ("X, basée à Lyon", "dont le siège est à Paris")."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract.context import Context
from kg.extract.registry import rule

if TYPE_CHECKING:
    from spacy.tokens import Span

_LOCATED = re.compile(r"\b(?:basée?s?|située?s?|installée?s?|implantée?s?|établie?s?|domiciliée?s?|siège(?: social)? (?:est )?(?:situé )?)\s+(?:à|a|en|au)\b\s*")


@rule("located")
def located(ctx: Context, sent: Span, n: int) -> None:
    """"X, basée à Lyon", "installé à", "dont le siège est à", "où se trouve le siège de X"."""
    low = ctx.prepared[sent.start_char:sent.end_char].lower()
    for match in _LOCATED.finditer(low):
        at = sent.start_char + match.end()
        places = [m for m in ctx.mentions_in(sent) if m.label == "Place" and 0 <= m.start - at <= 3]
        if not places:
            continue
        before = [m for m in ctx.mentions_in(sent) if m.end <= sent.start_char + match.start()
                  and any(t.label == "Organization" for t in ctx.targets(m))]
        if before:
            ctx.add_fact("locatedIn", before[-1], places[0], n, "located", 0.7)
