"""What every benchmark script shares: its corpus, a fresh process per measurement, peak memory, hashes.

A measurement runs in its own process (`run_stage`) so its peak memory is its own and one stage's
caches or loaded model cannot speed up the next.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.corpus import write_corpus

ROOT = Path(__file__).resolve().parent.parent


def bench_parser(description: str, *, articles: int) -> argparse.ArgumentParser:
    """Options every corpus bench takes; `--stage` is internal (the script calling itself)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--articles", type=int, default=articles, help=f"synthetic articles (default {articles})")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed")
    parser.add_argument("--corpus", type=Path, help="use this folder of articles instead of generating one")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    return parser


def work_folder() -> tempfile.TemporaryDirectory[str]:
    """A scratch folder for one bench run (corpus, graphs, caches), removed at the end."""
    return tempfile.TemporaryDirectory(prefix="kg-bench-")


def prepare_corpus(args: argparse.Namespace, work: Path) -> Path:
    """The folder of articles to measure: `--corpus`, else `--articles` generated under `work`."""
    if args.corpus:
        return args.corpus
    folder = work / "corpus"
    write_corpus(args.articles, folder, seed=args.seed)
    return folder


def run_stage(script: str, stage: str, *args: str | Path) -> dict:
    """Run `script --stage STAGE ARGS` in a fresh interpreter and return the JSON its last line prints."""
    command = [sys.executable, str(Path(script).resolve()), "--stage", stage, *map(str, args)]
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def serve_stage(stages: dict[str, Callable[[argparse.Namespace], dict]], args: argparse.Namespace) -> None:
    """In the child: run one stage and print its figures, with its peak memory, as one JSON line."""
    figures = stages[args.stage](args)
    figures["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(figures), flush=True)


def peak_rss_mb() -> float:
    """Peak resident memory of this process and of the largest child it waited for (spaCy's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


def count_words(texts: list[str]) -> int:
    """Whitespace-separated words: the unit of the issue's words/s anchors."""
    return sum(len(text.split()) for text in texts)


def sha256_file(path: Path) -> str:
    """Hex digest of a file, to compare outputs byte for byte."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


WARM_UP_TEXT = "Le groupe Exemple a nommé Marie Durand directrice générale à Lyon le 3 mars 2024."


def load_warm(load: Callable[[], object]) -> tuple[object, float]:
    """The pipeline `load()` returns, after one short text through it (first-call costs are not throughput),
    and the seconds that took."""
    start = time.perf_counter()
    nlp = load()
    for _ in nlp.pipe([WARM_UP_TEXT]):
        pass
    return nlp, time.perf_counter() - start
