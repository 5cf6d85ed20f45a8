"""Incremental builds (issue 6, target 3): add one article to the corpus, rebuild with the cache.

In one fresh process with the pipeline loaded once: a full build filling an empty cache, then one more
article and a rebuild with that cache (it must parse only the new article and take < 10 % of the full
build), then a full `--no-cache` build of the same articles, which must write the same bytes. Last, the
user's view: one more article, and the `kg build --cache` command itself (interpreter, imports, model
load and all) timed from the shell.

    python bench/incremental.py [--articles 2000] [--corpus DIR]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import make_article
from bench.harness import bench_parser, load_warm, prepare_corpus, run_stage, serve_stage, sha256_file, work_folder
from bench.results import record

TARGET_SHARE = 0.1


def stage_incremental(args: argparse.Namespace) -> dict:
    """Full build with a cache, one article more and a cached rebuild, then a full rebuild to compare."""
    from kg.build import build
    from kg.nlp import load_pipeline

    corpus, cache = args.corpus, args.work / "cache"
    nlp, load = load_warm(load_pipeline)
    figures: dict = {"load_s": load}
    steps = (("full", "cached.ttl", cache), ("incremental", "cached.ttl", cache), ("rebuild", "full.ttl", None))
    for step, name, cache_dir in steps:
        if step == "incremental":
            add_article(corpus, args.articles, args.seed, "added-1")
        start = time.perf_counter()
        report = build([corpus], args.work / name, nlp=nlp, cache_dir=cache_dir)
        figures[step] = {"seconds": time.perf_counter() - start, "articles": report.articles,
                         "parsed": report.parsed, "cached": report.cached, "sha256": sha256_file(args.work / name)}
    return figures


def add_article(corpus: Path, index: int, seed: int, name: str) -> None:
    """Write the corpus generator's article `index` into `corpus` as `name`.txt."""
    (corpus / f"{name}.txt").write_text(make_article(index, seed=seed), encoding="utf-8")


def time_command(corpus: Path, work: Path) -> float:
    """Wall time of `kg build CORPUS -o … --cache …` as a user runs it."""
    kg = Path(sys.executable).with_name("kg")
    start = time.perf_counter()
    subprocess.run([kg, "build", corpus, "-o", work / "cached.ttl", "--cache", work / "cache", "-q"], check=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Run the builds in a fresh process, then the command, and record the figures."""
    args = bench_parser(__doc__.splitlines()[0], articles=2000).parse_args(argv)
    if args.stage:
        serve_stage({"incremental": stage_incremental}, args)
        return 0
    with work_folder() as scratch:
        work = Path(scratch)
        corpus = prepare_corpus(args, work)
        if args.corpus:
            corpus = Path(shutil.copytree(corpus, work / "corpus"))
        figures = run_stage(__file__, "incremental", "--corpus", corpus, "--work", work,
                            "--articles", args.articles, "--seed", args.seed)
        add_article(corpus, args.articles + 1, args.seed, "added-2")
        command_s = time_command(corpus, work)
    full, incremental, rebuild = figures["full"], figures["incremental"], figures["rebuild"]
    rows = [{"build": step, **{k: v for k, v in figures[step].items() if k != "sha256"},
             "× full build": round(figures[step]["seconds"] / full["seconds"], 3)}
            for step in ("full", "incremental", "rebuild")]
    rows.append({"build": "kg build --cache (command, +1 article)", "seconds": round(command_s, 2),
                 "× full build": round(command_s / (full["seconds"] + figures["load_s"]), 3)})
    share = incremental["seconds"] / full["seconds"]
    same = incremental["sha256"] == rebuild["sha256"]
    notes = f"""Model load and warm-up, not in the in-process timings: {figures['load_s']:.1f} s (the command row includes it and
compares with full build + load).

- Target 3 (rebuild after adding one article < {TARGET_SHARE:.0%} of the full build): {share:.1%} — {'met' if share < TARGET_SHARE else 'NOT met'};
  with the model load counted on both sides: {(incremental['seconds'] + figures['load_s']) / (full['seconds'] + figures['load_s']):.1%}.
- Articles parsed by the incremental build: {incremental['parsed']} (must be 1) — {'ok' if incremental['parsed'] == 1 else 'WRONG'}.
- Same graph as a full --no-cache rebuild, byte for byte: {'yes' if same else 'NO'}."""
    record("incremental build (bench/incremental.py)", rows, notes)
    return 0 if same and incremental["parsed"] == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
