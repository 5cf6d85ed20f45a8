"""Event nouns: strikes, with their place and the unions that call them."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.accents import strip_accents
from kg.extract.context import Context
from kg.extract.registry import rule

if TYPE_CHECKING:
    from spacy.tokens import Span

_STRIKE_WORDS = ("grève", "débrayage")


@rule("strike")
def strikes(ctx: Context, sent: Span, n: int) -> None:
    """"la grève à Hollywood" + unions named in that sentence or the next two → onStrikeIn."""
    low = ctx.lower_texts[n]
    if not any(w in low or strip_accents(w) in low for w in _STRIKE_WORDS):
        return
    places = [
        m for m in ctx.mentions_in(sent)
        if m.label == "Place" and re.search(r"\b(à|a|aux|en|dans)\s+$", ctx.text[max(0, m.start - 6):m.start].lower())
    ]
    if not places:
        return
    window = [m for m in ctx.mentions if n <= m.sentence <= n + 2 and m.label == "Union"]
    for union in window:
        for place in places[:1]:
            ctx.add_fact("onStrikeIn", union, place, n, "strike", 0.7)
