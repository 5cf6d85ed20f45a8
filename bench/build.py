"""Build throughput against bare spaCy, and the speed-up of `kg build --jobs N` (issue 6, targets 1 and 2).

On one corpus, each in a fresh process with the model already loaded (load time reported apart):
bare `nlp.pipe(texts)` with `fr_core_news_md` on 1 and N processes; kg's pipeline parse alone (the
model plus kg_sentences, kg_entities and text preparation) with the time of extraction and of
resolution + writing beside it; `kg build --no-cache` (kg.build.build) with 1 and N jobs, whose
outputs must be the same bytes.

    python bench/build.py [--articles 2000] [--jobs 2] [--corpus DIR]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import bench_parser, count_words, load_warm, prepare_corpus, run_stage, serve_stage, sha256_file, work_folder
from bench.results import record
from kg.nlp import PARSE_BATCH

TARGET_RATIO = 0.9
TARGET_SPEEDUP = 1.8
TARGET_OWN_SHARE = 0.2


def read_texts(corpus: Path) -> list:
    """The corpus's articles, read the way kg build reads them."""
    from kg.articles import read_articles

    return read_articles([corpus]).articles


def stage_bare(args: argparse.Namespace) -> dict:
    """Bare spaCy: `spacy.load(model)` then `nlp.pipe(texts, n_process=jobs)`, nothing else (spaCy's
    own multiprocessing: the baseline the issue names)."""
    import spacy

    from kg.nlp import MODEL

    texts = [article.text for article in read_texts(args.corpus)]
    nlp, load = load_warm(lambda: spacy.load(MODEL))
    start = time.perf_counter()
    batch = {"batch_size": args.batch_size} if args.batch_size else {}
    for _ in nlp.pipe(texts, n_process=args.jobs, **batch):
        pass
    return {"load_s": load, "seconds": time.perf_counter() - start, "words": count_words(texts)}


def stage_profile(args: argparse.Namespace) -> dict:
    """kg's pipeline on one process, split: parse (model + kg components), extraction, resolution + writing."""
    from kg.build import write_graph
    from kg.memory import paused_gc
    from kg.extract import extract_article
    from kg.nlp import load_pipeline, parse_texts, pipeline_version

    articles = read_texts(args.corpus)
    nlp, load = load_warm(load_pipeline)
    version = pipeline_version(nlp)
    own = _time_own_parts(nlp)
    with paused_gc():  # as kg build runs
        docs = parse_texts(nlp, (article.text for article in articles), dates=(article.date for article in articles))
        parse = extract = 0.0
        extractions = []
        for article in articles:
            before = time.perf_counter()
            doc = next(docs)
            parsed = time.perf_counter()
            extractions.append(extract_article(article, doc, version))
            parse += parsed - before
            extract += time.perf_counter() - parsed
        before = time.perf_counter()
        write_graph(extractions, args.work / "profile.ttl")
        write = time.perf_counter() - before
    return {"load_s": load, "parse_s": parse, "own_parse_s": sum(own.values()), "extract_s": extract, "write_s": write,
            "words": count_words([article.text for article in articles])}


def _time_own_parts(nlp) -> dict[str, float]:
    """Time kg's own parts of the parse as it runs: text preparation and the kg_* components (seconds by
    name). The difference between two processes' parse times moves by seconds from run to run; this does not.
    The components are wrapped in spaCy's list of them, which has no public way to do so."""
    import kg.nlp

    seconds: dict[str, float] = {}

    def timed(name: str, function):
        def run(*args, **kwargs):
            before = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - before
        return run

    kg.nlp.prepare_text = timed("prepare_text", kg.nlp.prepare_text)
    nlp._components[:] = [(name, timed(name, c) if name.startswith("kg_") else c) for name, c in nlp._components]
    return seconds


def stage_build(args: argparse.Namespace) -> dict:
    """`kg build --jobs N --no-cache` through kg.build.build, with the pipeline loaded beforehand."""
    from kg.build import build
    from kg.nlp import load_pipeline

    nlp, load = load_warm(load_pipeline)
    output = args.work / f"graph-jobs{args.jobs}.ttl"
    start = time.perf_counter()
    report = build([args.corpus], output, nlp=nlp, jobs=args.jobs, cache_dir=None)
    return {"load_s": load, "seconds": time.perf_counter() - start, "parsed": report.parsed,
            "triples": report.triples, "sha256": sha256_file(output),
            "words": count_words([article.text for article in read_texts(args.corpus)])}


STAGES = {"bare": stage_bare, "profile": stage_profile, "build": stage_build}


def main(argv: list[str] | None = None) -> int:
    """Run every stage in its own process, then record the figures and the targets' ratios."""
    parser = bench_parser(__doc__.splitlines()[0], articles=2000)
    parser.add_argument("--jobs", type=int, default=2, help="processes for the parallel runs (default 2)")
    parser.add_argument("--batch-size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage:
        serve_stage(STAGES, args)
        return 0
    with work_folder() as scratch:
        work = Path(scratch)
        corpus = prepare_corpus(args, work)
        common = ("--corpus", corpus, "--work", work)
        bare1 = run_stage(__file__, "bare", *common, "--jobs", 1)
        profile = run_stage(__file__, "profile", *common, "--jobs", 1)
        build1 = run_stage(__file__, "build", *common, "--jobs", 1)
        bare_n = run_stage(__file__, "bare", *common, "--jobs", args.jobs)
        bare1_16 = run_stage(__file__, "bare", *common, "--jobs", 1, "--batch-size", PARSE_BATCH)
        bare_n_16 = run_stage(__file__, "bare", *common, "--jobs", args.jobs, "--batch-size", PARSE_BATCH)
        build_n = run_stage(__file__, "build", *common, "--jobs", args.jobs)
    words = bare1["words"]
    kg_parse = profile["parse_s"]
    rows = [
        row("bare spaCy nlp.pipe", 1, bare1["seconds"], words, bare1),
        row("kg pipeline parse only (model + kg components)", 1, kg_parse, words, profile, bare1["seconds"]),
        row("kg build --jobs 1 --no-cache", 1, build1["seconds"], words, build1, bare1["seconds"]),
        row("bare spaCy nlp.pipe", args.jobs, bare_n["seconds"], words, bare_n),
        row(f"kg build --jobs {args.jobs} --no-cache", args.jobs, build_n["seconds"], words, build_n, bare_n["seconds"]),
        row(f"bare spaCy nlp.pipe, batch_size={PARSE_BATCH} as kg", 1, bare1_16["seconds"], words, bare1_16),
        row("kg build --jobs 1, against that", 1, build1["seconds"], words, build1, bare1_16["seconds"]),
        row(f"bare spaCy nlp.pipe, batch_size={PARSE_BATCH} as kg", args.jobs, bare_n_16["seconds"], words, bare_n_16),
        row(f"kg build --jobs {args.jobs}, against that", args.jobs, build_n["seconds"], words, build_n, bare_n_16["seconds"]),
    ]
    ratio = bare1["seconds"] / build1["seconds"]
    speedup = build1["seconds"] / build_n["seconds"]
    same = build1["sha256"] == build_n["sha256"]
    notes = f"""Corpus: {args.articles if not args.corpus else args.corpus} articles, {words} words, {build1['triples']} triples.
Model load and warm-up (one sentence), not in the timings: bare {bare1['load_s']:.1f} s, kg pipeline {profile['load_s']:.1f} s.

- Target 1 (kg build ≥ {TARGET_RATIO} × bare spaCy, 1 process): {ratio:.2f} × — {'met' if ratio >= TARGET_RATIO else 'NOT met'};
  against bare spaCy with kg's batch size: {bare1_16['seconds'] / build1['seconds']:.2f} ×.
  Where kg's time goes (1 process, {profile_total(profile):.1f} s): bare model parse (batch {PARSE_BATCH}) {bare1_16['seconds']:.1f} s;
  kg components + text preparation {profile['own_parse_s']:.1f} s timed in the parse ({kg_parse - bare1_16['seconds']:+.1f} s
  by the difference of the two processes' parse times); extraction {profile['extract_s']:.1f} s;
  resolution + triples + writing {profile['write_s']:.1f} s.
  kg's own work: {own_share(profile, bare1_16['seconds']):.0%} of the bare parse at the same batch size (target ≤ {TARGET_OWN_SHARE:.0%});
  {own_share(profile, profile['parse_s'] - profile['own_parse_s']):.0%} of the model's own part of the parse timed in the same process
  (the bare run is another process, and two processes' parse times differ by seconds from run to run).
- Target 2 (kg build --jobs {args.jobs} ≥ ×{TARGET_SPEEDUP} over --jobs 1): ×{speedup:.2f} — {'met' if speedup >= TARGET_SPEEDUP else 'NOT met'};
  bare spaCy's own speed-up ×{bare1['seconds'] / bare_n['seconds']:.2f}; kg build --jobs {args.jobs} at {bare_n['seconds'] / build_n['seconds']:.2f} × bare spaCy on {args.jobs} processes.
  Same graph with 1 and {args.jobs} jobs, byte for byte: {'yes' if same else 'NO'} (sha256 {build1['sha256'][:16]}…).
- bare nlp.pipe runs with spaCy's default batch size (the first rows, as the issue states the target);
  kg parses in batches of {PARSE_BATCH} texts, so the last rows run bare spaCy with that batch size too."""
    record("build throughput (bench/build.py)", rows, notes)
    return 0 if same else 1


def row(run: str, processes: int, seconds: float, words: int, figures: dict, bare: float | None = None) -> dict:
    """One table row: time, words/s, ratio to bare spaCy on as many processes, peak memory."""
    return {"run": run, "processes": processes, "seconds": round(seconds, 2), "words/s": round(words / seconds),
            "× bare spaCy": "" if bare is None else round(bare / seconds, 3), "peak RSS MB": figures["peak_rss_mb"]}


def own_share(profile: dict, bare_parse: float) -> float:
    """kg's own work (components and text preparation as timed, extraction, writing) over a parse time: the
    bare run's, or the model's part of kg's own parse (same process, so the same machine state)."""
    return (profile["own_parse_s"] + profile["extract_s"] + profile["write_s"]) / bare_parse


def profile_total(profile: dict) -> float:
    """Seconds of the profiled run, model load excluded."""
    return profile["parse_s"] + profile["extract_s"] + profile["write_s"]


if __name__ == "__main__":
    sys.exit(main())
