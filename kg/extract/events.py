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
    """A strike and where it happens: "la grève à Hollywood", "les salariés de la raffinerie X de Donges
    sont en grève ... à l'appel de la CGT": the unions that call it (named "à l'appel de", or unions
    named in this sentence or the next two) are on strike there; the other company of the sentence is
    the one struck, the sentence's date the strike's."""
    low = ctx.lower_texts[n]
    if not any(w in low or strip_accents(w) in low for w in _STRIKE_WORDS):
        return
    mentions = ctx.mentions_in(sent)
    places = [m for m in mentions if m.label == "Place" and re.search(r"\b(à|a|aux|en|dans)\s+$", ctx.text[max(0, m.start - 6):m.start].lower())]
    inner = [m for m in mentions if m.label == "Place" and any(f.subject == m.id and f.rule == "place-in-place" for f in ctx.facts)]
    where = (inner or places)[:1]
    if not where:
        return
    called = re.search(r"à l'appel (?:de|du|des)\s", ctx.prepared[sent.start_char:sent.end_char].lower().replace("’", "'"))
    callers = [m for m in mentions if called and m.start >= sent.start_char + called.end() and m.label in {"Organization", "Union"}]
    unions = callers or [m for m in ctx.mentions if n <= m.sentence <= n + 2 and m.label == "Union"]
    struck = [m for m in mentions if m.label == "Organization" and m not in unions and m.is_named]
    roles: dict[str, int | str] = {}
    if struck:
        roles["organization"] = struck[0].id
    date = ctx.value_in(sent, "DATE")
    if date is not None:
        roles["date"] = date.id
    for union in unions:  # a union named in a later sentence: that sentence is recorded too
        ctx.add_fact("onStrikeIn", union, where[0], n, "strike", "Strike" if roles else None, roles or None, (union.sentence,))
