"""Facts a name states by itself: "Spotify Japan" is a branch of Spotify."""
from __future__ import annotations

from kg import lexicon
from kg.extract.context import Context
from kg.extract.registry import rule


@rule("name-subsidiary", stage="article")
def subsidiaries(ctx: Context) -> None:
    """"Spotify Japan" → parentOrganization Spotify (a known organisation plus a place name)."""
    seen: set[str] = set()
    for m in list(ctx.mentions):
        if not m.evidence.startswith("subsidiary:") or m.text in seen:
            continue
        seen.add(m.text)
        kb_id = m.evidence.split(":", 1)[1]
        parent = ctx.add(m.start, m.start, "Organization", "kb", m.sentence, kb_id)
        parent.text = lexicon.knowledge_base()[kb_id].label
        ctx.add_fact("parentOrganization", m, parent, m.sentence, "name-subsidiary")
