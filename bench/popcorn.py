"""Extraction quality on a POPCORN-style annotated corpus (issue 12): build its documents with kg, then
score the graph (`kg.annotated`): named entities found and typed, related named pairs linked, linked
with the right relation family, and link precision, per relation.

    python bench/popcorn.py [--part dev|held|all] [--corpus ../shared/data/popcorn/train.json] [--details FILE] [--baseline]

`--baseline` also scores the names that fr_core_news_md's own recogniser finds in the same texts
(PER, ORG, LOC typed as person, organisation, place; MISC untyped): kg's entity figures next to it.

`held` is the quarter of the documents kept aside (kg.annotated.held_out): look at its figures to check
that a change generalises, never at its texts.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.annotated import held_out, load_annotated, score_annotated, score_names, write_articles
from kg.build import build

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "popcorn" / "train.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=("dev", "held", "all"), default="dev")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--output", type=Path, help="keep the graph here (default: a temporary folder)")
    parser.add_argument("--details", type=Path, help="write missed entities, missed pairs and false links here")
    parser.add_argument("--baseline", action="store_true", help="also score the model's raw named entities")
    args = parser.parse_args()
    corpus = load_annotated(args.corpus)
    held = held_out(corpus)
    ids = {"dev": set(corpus) - held, "held": held, "all": set(corpus)}[args.part]
    with tempfile.TemporaryDirectory() as work:
        articles = Path(work) / f"popcorn-{args.part}.jsonl"
        write_articles(corpus, ids, articles)
        graph = args.output or Path(work) / f"popcorn-{args.part}.ttl"
        started = time.perf_counter()
        report = build([articles], graph, jobs=args.jobs, cache_dir=None)
        print(f"built {report.articles} documents in {time.perf_counter() - started:.0f} s: {report.facts} facts")
        score = score_annotated(graph, corpus)
    print(score.summary())
    if args.baseline:
        raw = score_names(raw_names(corpus, ids), corpus).figures()
        print("\nfr_core_news_md alone: " + ", ".join(f"{name} {raw[name]:.3f}" for name in ("entities found", "entities typed", "nodes matching an annotated mention")))
    if args.details:
        lines = [*(f"missed entity {m}" for m in score.missed_entities), *(f"mistyped entity {m}" for m in score.mistyped_entities), *(f"unmatched node {m}" for m in score.unmatched_nodes), *(f"missed pair {m}" for m in score.misses),
                 *(f"false link {m}" for m in score.false_links)]
        args.details.write_text("\n".join(lines) + "\n", encoding="utf-8")


RAW_FAMILIES = {"PER": "person", "ORG": "organisation", "LOC": "place"}


def raw_names(corpus: dict, ids: set[str]) -> dict[str, list[tuple[str, str | None]]]:
    """The names fr_core_news_md's recogniser finds in each document, with their family (None for MISC)."""
    import spacy

    from kg.nlp import MODEL

    nlp = spacy.load(MODEL)
    ordered = sorted(ids)
    docs = nlp.pipe(corpus[i]["text"] for i in ordered)
    return {i: [(e.text, RAW_FAMILIES.get(e.label_, "misc")) for e in doc.ents] for i, doc in zip(ordered, docs)}


if __name__ == "__main__":
    main()
