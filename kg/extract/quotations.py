"""Quotations and their speakers: "« ... », indique X", "« ... » a-t-il déclaré", "X a souligné : « ... »"."""
from __future__ import annotations

from functools import cache

from kg import lexicon
from kg.accents import strip_accents
from kg.extract.context import AGENT_CLASSES, Context
from kg.extract.model import Mention
from kg.extract.registry import rule
from kg.extract.syntax import lemma_candidates
from kg.entities import quoted_spans


@cache
def _reporting_plain() -> frozenset[str]:
    return frozenset(strip_accents(w) for w in lexicon.reporting_verbs())


@rule("quotation", stage="article")
def quotations(ctx: Context) -> None:
    """Quoted words of four or more that are not titles, with their speaker: "« ... », indique X",
    "« ... » a-t-il déclaré", "X a souligné : '...'"."""
    for open_at, close_at in quoted_spans(ctx.prepared, spaced=True, limit=1500):
        inner = ctx.text[open_at + 1:close_at].strip()
        if len(inner.split()) < 4:
            continue
        token = ctx.doc.char_span(open_at, open_at + 1, alignment_mode="expand")
        if token is None or token.start not in ctx.sentence_of_token:
            continue
        n = ctx.sentence_of_token[token.start]
        end_token = ctx.doc.char_span(close_at, close_at + 1, alignment_mode="expand")
        n_end = ctx.sentence_of_token.get(end_token.start, n) if end_token is not None else n
        speaker = _speaker_after(ctx, close_at, n_end) or _speaker_before(ctx, open_at, n)
        if speaker is None:
            continue
        quote = ctx.add(open_at + 1, close_at, "Quotation", "quote", n)
        quote.text = inner
        ctx.add_fact("speaker", quote, speaker, n_end, "quotation")


def _speaker_after(ctx: Context, close_at: int, n: int) -> Mention | None:
    """"..., indique X" / "... a-t-il déclaré" right after the closing quote, in the same clause."""
    tail = ctx.doc.char_span(close_at + 1, min(len(ctx.text), close_at + 60), alignment_mode="contract")
    if tail is None:
        return None
    seen_pronoun = False
    for token in tail:
        if token.is_punct and token.text not in {",", "-"} or token.is_space:
            return None
        if token.lower_.lstrip("-") in {"il", "elle"}:
            seen_pronoun = True
        if not any(strip_accents(c) in _reporting_plain() for c in lemma_candidates(token)):
            continue
        if seen_pronoun:
            return ctx.last_person(close_at)
        for t in tail:
            if t.i <= token.i:
                continue
            if t.is_punct and t.text not in {",", "-"} or t.i > token.i + 7:  # "a déclaré son directeur général, X"
                break
            if t.lower_.lstrip("-") in {"il", "elle"}:
                return ctx.last_person(close_at)
            mention = ctx.by_token.get(t.i)
            if mention is not None and (mention.label in AGENT_CLASSES or mention.label == "DESC" and mention.refs):
                return mention
        return None
    return None


def _speaker_before(ctx: Context, open_at: int, n: int) -> Mention | None:
    """"X a souligné : '...'", "..., qui twittait '...'": the nearest agent before the quote."""
    sent = ctx.sents[n]
    before = [m for m in ctx.mentions_in(sent) if m.end <= open_at and (m.label in AGENT_CLASSES or m.label == "DESC" and m.refs)]
    if not before:
        return None
    between = ctx.text[before[-1].end:open_at]
    if len(between) > 80 or not any(strip_accents(w) in strip_accents(between.lower()) for w in (":", "qui", *lexicon.reporting_verbs())):
        return None
    candidate = before[-1]
    if candidate.label == "Organization" and candidate.end < open_at:
        people = [m for m in before if m.label == "Person"]
        candidate = people[-1] if people and people[-1].start > candidate.start - 30 else candidate
    return candidate
