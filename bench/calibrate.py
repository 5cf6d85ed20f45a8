"""Each extraction rule's confidence is its measured precision (issue 12): build the development data,
judge every fact a gold annotation can judge, and write ontology/lexicon/confidence.tsv.

Development data: the POPCORN documents outside the held-out quarter (kg.annotated.held_out), judged
pair by pair (a fact between two named gold entities is right when the gold relates them by a relation
of the fact's family), and the seed articles with tests/gold/seeds.json (judged fact by fact, as
`kg eval` does). A rule's precision is shrunk towards its parent rule's by `PRIOR` judged facts' worth
("scene:Person:first" towards "scene:Person", towards "scene", towards all rules), so a rule seen
three times does not claim 1.0, and a rule never judged takes its parent's figure.

    python bench/calibrate.py [--corpus ../shared/data/popcorn/train.json]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.popcorn import DEFAULT_CORPUS
from kg.annotated import RuleTally, held_out, judge_rules, load_annotated, write_articles
from kg.build import build
from kg.evaluate import judge_gold_rules
from kg.lexicon import CONFIDENCE_FILE, rule_parent

ROOT = Path(__file__).resolve().parent.parent
PRIOR = 5
"""How many judged facts' worth of its parent's precision a rule's own figure is mixed with."""


def calibrate(tallies: dict[str, RuleTally]) -> dict[str, tuple[float, int, int]]:
    """Rule (and every ancestor) → (shrunk precision, judged, right)."""
    totals: dict[str, RuleTally] = defaultdict(RuleTally)
    for rule, tally in tallies.items():
        name: str | None = rule
        while name is not None:
            totals[name].judged += tally.judged
            totals[name].right += tally.right
            name = rule_parent(name)
    estimates: dict[str, tuple[float, int, int]] = {}

    def estimate(name: str) -> float:
        if name not in estimates:
            parent = rule_parent(name)
            prior = estimate(parent) if parent is not None else 0.5
            tally = totals[name]
            estimates[name] = ((tally.right + PRIOR * prior) / (tally.judged + PRIOR), tally.judged, tally.right)
        return estimates[name][0]

    for name in sorted(totals):
        estimate(name)
    return estimates


def write_table(estimates: dict[str, tuple[float, int, int]], path: Path, sources: str) -> None:
    lines = [
        "# Each extraction rule's confidence: its precision measured on the development data",
        f"# ({sources}), written by bench/calibrate.py; do not edit by hand.",
        "# A rule missing here takes its parent's figure (the name without its last ':part' or '+part');",
        "# \"*\" is every rule together. Columns: rule	confidence	facts judged	facts right",
    ]
    lines += [f"{name}\t{value:.3f}\t{judged}\t{right}" for name, (value, judged, right) in sorted(estimates.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--output", type=Path, default=CONFIDENCE_FILE)
    args = parser.parse_args()
    corpus = load_annotated(args.corpus)
    dev = set(corpus) - held_out(corpus)
    tallies: dict[str, RuleTally] = defaultdict(RuleTally)
    with tempfile.TemporaryDirectory() as work:
        articles = Path(work) / "popcorn-dev.jsonl"
        write_articles(corpus, dev, articles)
        graph = Path(work) / "popcorn-dev.ttl"
        build([articles], graph, cache_dir=None)
        seeds = Path(work) / "seeds.ttl"
        build([ROOT / "seeds"], seeds, cache_dir=None)
        for judged in (judge_rules(graph, corpus), judge_gold_rules(seeds, ROOT / "tests" / "gold" / "seeds.json")):
            for rule, tally in judged.items():
                tallies[rule].judged += tally.judged
                tallies[rule].right += tally.right
    estimates = calibrate(tallies)
    write_table(estimates, args.output, f"{len(dev)} POPCORN development documents and the seed articles")
    judged = estimates["*"]
    print(f"{len(tallies)} rules judged on {judged[1]} facts ({judged[2] / max(judged[1], 1):.3f} right); wrote {args.output}")


if __name__ == "__main__":
    main()
