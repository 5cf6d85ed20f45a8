"""Cost that grows linearly (issue 7): build time per article and peak memory from 1k to 50k articles.

Parsing is linear by construction (one article at a time) but slow here: 50k articles of ~475 words
take about 2.3 hours on one process at 2.9k words/s. So two things are measured, each size in a fresh
process:

1. the whole `kg build --no-cache` (parse included) on generated corpora: 1k articles (and 10k with
   `--full`);
2. the stages after parsing, the ones that see every article at once — resolution across articles
   (kg.resolve.resolve) and kg.build.write_graph (resolution again, triples and the Turtle file) — at
   1k, 10k and 50k articles. Their input is real extractions: a base corpus (500 articles) is parsed once
   (kept in the temp folder for later runs), then N extractions are made from it, each a copy of a base
   one with its names redrawn from the corpus generator's Zipf pools, consistently within the article
   (mentions and sentence texts), so resolution meets the same recurrence as on a parsed corpus.

Time per article should stay flat (within ±20 %); the fitted exponent of time against articles is
printed (1.0 is linear).

    python bench/scale.py [--sizes 1000,10000,50000] [--base 500] [--full]
"""
from __future__ import annotations

import argparse
import dataclasses
import gc
import hashlib
import json
import math
import random
import re
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import POOL_OF_TYPE, draw_unused, name_part, name_pools, write_corpus
from bench.harness import count_words, load_warm, peak_rss_mb, run_stage, serve_stage, work_folder
from bench.results import record

FLAT_WITHIN = 0.2


@dataclasses.dataclass
class Template:
    """A base extraction with its renameable names found: what each synthetic copy redraws."""

    extraction: object
    names: dict[str, tuple[str, str, str]]
    """Mention text → (kind, key name, part): `Tessier` → ("person", "Fabien Tessier", "last")."""
    sentences: list[tuple[int, int, list[str]]]
    """Sentence bounds and text split so that odd pieces are names."""


def make_template(extraction) -> Template:
    """Find the named, non-knowledge-base entity mentions whose class has a name pool."""
    kinds = {m.text: POOL_OF_TYPE[m.label] for m in extraction.mentions
             if m.label in POOL_OF_TYPE and m.is_named and m.kb_id is None and m.text.strip()}
    names = {}
    for text, kind in kinds.items():
        longer = next((other for other in kinds if other != text and kinds[other] == kind
                       and " " not in text and text in other.split()), None)
        part = "full" if longer is None else ("first" if other_first(longer, text) else "last")
        names[text] = (kind, longer or text, part)
    pattern = re.compile("(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + ")") if names else None
    sentences = [(start, end, pattern.split(text) if pattern else [text]) for start, end, text in extraction.sentences]
    return Template(extraction, names, sentences)


def other_first(longer: str, word: str) -> bool:
    """Whether `word` is the first word of `longer` (else it is treated as its last)."""
    return longer.split()[0] == word


def synthesize(templates: list[Template], n: int, seed: int) -> list:
    """N extractions: copy i of base i mod len(templates), names redrawn, article id, name and hash new."""
    from kg.extract import Extraction

    pools = name_pools(seed)
    out = []
    for index in range(n):
        template = templates[index % len(templates)]
        base = template.extraction
        rng = random.Random(f"scale:{seed}:{index}")
        drawn: dict[str, str] = {}
        for kind, key, _ in template.names.values():
            if key not in drawn:
                drawn[key] = draw_unused(kind, rng, pools, set(drawn.values()))
        new = {text: name_part(drawn[key], part) for text, (_, key, part) in template.names.items()}
        digest = hashlib.sha256(f"{seed}:{index}".encode()).hexdigest()
        article = dict(base.article, id=f"synthetic_{index:06d}_{digest[:12]}", name=f"synthetic_{index:06d}.txt",
                       source=f"synthetic_{index:06d}.txt", sha256=digest)
        out.append(Extraction(
            article=article,
            version=base.version,
            sentences=[(start, end, "".join(new.get(p, p) if i % 2 else p for i, p in enumerate(pieces)))
                       for start, end, pieces in template.sentences],
            mentions=[dataclasses.replace(m, text=new.get(m.text, m.text), refs=list(m.refs)) for m in base.mentions],
            facts=[dataclasses.replace(f, roles=dict(f.roles)) for f in base.facts],
        ))
    return out


def base_file(base: int, seed: int) -> Path:
    """Where the parsed base extractions are kept between runs (keyed by pipeline version)."""
    from kg.nlp import pipeline_version

    version = hashlib.sha256(pipeline_version().encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / "kg-bench-scale" / f"base-{base}-seed{seed}-{version}.jsonl"


def stage_base(args: argparse.Namespace) -> dict:
    """Parse the base corpus once and save its extractions as JSON lines."""
    from kg.articles import read_articles
    from kg.build import extract_articles
    from kg.files import atomic_write
    from kg.nlp import load_pipeline

    corpus = args.work / "base"
    write_corpus(args.base, corpus, seed=args.seed)
    articles = read_articles([corpus]).articles
    nlp, _ = load_warm(load_pipeline)
    start = time.perf_counter()
    extractions = list(extract_articles(articles, nlp=nlp))
    seconds = time.perf_counter() - start
    with atomic_write(args.base_file) as out:
        out.writelines(json.dumps(e.to_dict(), ensure_ascii=False) + "\n" for e in extractions)
    return {"seconds": seconds, "articles": len(articles)}


def stage_post(args: argparse.Namespace) -> dict:
    """Resolution and write_graph on N synthetic extractions; memory as peak RSS above the loaded input."""
    import psutil

    from kg.build import write_graph
    from kg.extract import Extraction
    from kg.resolve import resolve

    with args.base_file.open(encoding="utf-8") as lines:
        templates = [make_template(Extraction.from_dict(json.loads(line))) for line in lines]
    extractions = synthesize(templates, args.size, args.seed)
    gc.collect()
    baseline = psutil.Process().memory_info().rss / 2**20
    start = time.perf_counter()
    resolution = resolve(extractions)
    resolve_s = time.perf_counter() - start
    entities = len(resolution.entities)
    resolve_peak = peak_rss_mb()
    del resolution
    gc.collect()
    output = args.work / f"scale-{args.size}.ttl"
    start = time.perf_counter()
    report = write_graph(extractions, output)
    write_s = time.perf_counter() - start
    figures = {"resolve_s": resolve_s, "write_s": write_s, "entities": entities, "triples": report.triples,
               "mentions": sum(len(e.mentions) for e in extractions), "facts": report.facts,
               "input_mb": baseline, "resolve_peak_mb": resolve_peak, "write_peak_mb": peak_rss_mb(),
               "file_mb": output.stat().st_size / 2**20}
    output.unlink()
    return figures


def stage_full(args: argparse.Namespace) -> dict:
    """`kg build --no-cache` of a generated corpus of N articles, the pipeline loaded beforehand."""
    from kg.articles import read_articles
    from kg.build import build
    from kg.nlp import load_pipeline

    corpus = args.work / f"corpus-{args.size}"
    write_corpus(args.size, corpus, seed=args.seed)
    nlp, load = load_warm(load_pipeline)
    start = time.perf_counter()
    report = build([corpus], args.work / f"full-{args.size}.ttl", nlp=nlp, cache_dir=None)
    seconds = time.perf_counter() - start
    words = count_words([a.text for a in read_articles([corpus]).articles])
    return {"seconds": seconds, "load_s": load, "words": words, "triples": report.triples}


STAGES = {"base": stage_base, "post": stage_post, "full": stage_full}


def fitted_exponent(sizes: list[int], seconds: list[float]) -> float:
    """Least-squares slope of log(time) against log(articles): 1.0 is linear, 2.0 quadratic."""
    xs, ys = [math.log(n) for n in sizes], [math.log(s) for s in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def spread(per_article: list[float]) -> float:
    """Largest relative distance of a per-article time from their mean."""
    mean = sum(per_article) / len(per_article)
    return max(abs(value / mean - 1) for value in per_article)


def growth_note(label: str, sizes: list[int], seconds: list[float]) -> str:
    """One line: the fitted exponent and whether time per article stays flat."""
    if len(sizes) < 2:
        return f"- {label}: one size only, no growth fitted."
    per_article = [s / n for s, n in zip(seconds, sizes)]
    flat = spread(per_article)
    return (f"- {label}: time ∝ articles^{fitted_exponent(sizes, seconds):.2f}; time per article within "
            f"±{flat:.0%} of its mean — {'flat (±20 % target met)' if flat <= FLAT_WITHIN else 'NOT flat'}.")


def parse_sizes(text: str) -> list[int]:
    """`1000,10000` → [1000, 10000]; empty → []."""
    return [int(part) for part in text.split(",") if part.strip()]


def main(argv: list[str] | None = None) -> int:
    """Measure each size in its own process and record both tables with the fitted growth."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=parse_sizes, default=[1000, 10000, 50000], help="post-parse sizes")
    parser.add_argument("--base", type=int, default=500, help="articles parsed for the synthetic extractions")
    parser.add_argument("--full-sizes", type=parse_sizes, default=[1000], help="sizes of whole builds (parse included)")
    parser.add_argument("--full", action="store_true", help="whole builds at 1000 and 10000 articles (hours)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--base-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage:
        serve_stage(STAGES, args)
        return 0
    full_sizes = [1000, 10000] if args.full else args.full_sizes
    common = ["--seed", args.seed, "--base", args.base]
    with work_folder() as scratch:
        work = Path(scratch)
        base = base_file(args.base, args.seed)
        common += ["--work", work, "--base-file", base]
        base_parse = None if base.exists() else run_stage(__file__, "base", *common)
        post = {n: run_stage(__file__, "post", *common, "--size", n) for n in args.sizes}
        full = {n: run_stage(__file__, "full", *common, "--size", n) for n in full_sizes}
    rows = [post_row(n, f) for n, f in post.items()] + [full_row(n, f) for n, f in full.items()]
    notes = "\n".join([
        f"Post-parse rows: synthetic extractions made from {args.base} parsed articles"
        + (f" (parsed in {base_parse['seconds']:.0f} s this run)" if base_parse else " (parsed by an earlier run)")
        + "; memory is peak RSS of the stage's process and, in brackets, above the loaded extractions.",
        "Full-build rows: generated corpus, parse included, model load excluded.",
        growth_note("resolution", list(post), [f["resolve_s"] for f in post.values()]),
        growth_note("write_graph (resolution + triples + Turtle)", list(post), [f["write_s"] for f in post.values()]),
        growth_note("whole build", list(full), [f["seconds"] for f in full.values()]),
    ])
    record("linear cost (bench/scale.py)", rows, notes)
    return 0


def post_row(n: int, f: dict) -> dict:
    """Table row of the post-parse stages at N articles."""
    return {"run": "resolve + write_graph", "articles": n, "mentions": f["mentions"], "entities": f["entities"],
            "triples": f["triples"], "resolve s": round(f["resolve_s"], 2), "write_graph s": round(f["write_s"], 2),
            "ms/article": round(1000 * f["write_s"] / n, 2),
            "peak RSS MB": f"{f['write_peak_mb']:.0f} (+{f['write_peak_mb'] - f['input_mb']:.0f})",
            "resolve peak MB": f"{f['resolve_peak_mb']:.0f} (+{f['resolve_peak_mb'] - f['input_mb']:.0f})",
            "Turtle MB": round(f["file_mb"], 1)}


def full_row(n: int, f: dict) -> dict:
    """Table row of a whole build at N articles."""
    return {"run": "kg build --no-cache (parse included)", "articles": n, "triples": f["triples"],
            "seconds": round(f["seconds"], 1), "ms/article": round(1000 * f["seconds"] / n, 1),
            "words/s": round(f["words"] / f["seconds"]), "peak RSS MB": f"{f['peak_rss_mb']:.0f}"}


if __name__ == "__main__":
    sys.exit(main())
