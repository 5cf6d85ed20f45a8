"""Start-up of the commands that must not load spaCy (issue 6, target 4: each in < 1 s).

Every `--help`, then `kg query` of a shipped query on the seeds' graph and `kg stats`, `kg export`,
`kg viz` on the small sample graph, each run as a user runs it (a new interpreter) several times:
the first run (cold disk cache, any persistent store still to create) and the median of all runs are
recorded. The seeds' graph is built first (not timed) unless `--graph` names one.

    python bench/startup.py [--runs 5] [--graph output/graph.ttl]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import ROOT, work_folder
from bench.results import record

KG = Path(sys.executable).with_name("kg")
SAMPLE = ROOT / "tests" / "data" / "sample-graph.ttl"
SHIPPED_QUERY = "facts-about"
TARGET_SECONDS = 1.0
HELP = ((), ("query",), ("viz",), ("export",), ("stats",), ("validate",), ("build",))


def commands(seeds_graph: Path, work: Path) -> list[tuple[str, ...]]:
    """Each measured command line, without the `kg` in front."""
    sample = str(SAMPLE)
    return [
        *((*command, "--help") for command in HELP),
        ("query", SHIPPED_QUERY, "--graph", str(seeds_graph)),
        ("stats", "--graph", sample),
        ("export", "--format", "nt", "--graph", sample, "--output", str(work / "sample.nt")),
        ("viz", "--graph", sample, "--output", str(work / "sample.html")),
    ]


def time_runs(command: tuple[str, ...], runs: int) -> list[float]:
    """Wall seconds of `runs` runs of `kg COMMAND`; raises if the command fails."""
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([KG, *command], cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
        seconds.append(time.perf_counter() - start)
    return seconds


def main(argv: list[str] | None = None) -> int:
    """Time each command and record first run, median and whether it is under the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (default 5)")
    parser.add_argument("--graph", type=Path, help="seeds graph to query (default: build seeds/ first)")
    args = parser.parse_args(argv)
    rows = []
    with work_folder() as scratch:
        work = Path(scratch)
        seeds_graph = args.graph or work / "seeds.ttl"
        if not args.graph:
            subprocess.run([KG, "build", ROOT / "seeds", "-o", seeds_graph, "--no-cache", "-q"], check=True)
        for command in commands(seeds_graph, work):
            seconds = time_runs(command, args.runs)
            median = statistics.median(seconds)
            rows.append({"command": "kg " + " ".join(shorten(part, work) for part in command),
                         "first run s": round(seconds[0], 3), f"median of {args.runs} s": round(median, 3),
                         f"< {TARGET_SECONDS:g} s": "yes" if median < TARGET_SECONDS else "NO"})
    slow = [row["command"] for row in rows if row[f"< {TARGET_SECONDS:g} s"] == "NO"]
    notes = (f"Target 4 (every command here starts in < {TARGET_SECONDS:g} s, median): "
             + ("met." if not slow else f"NOT met by {', '.join(slow)}."))
    record("start-up (bench/startup.py)", rows, notes)
    return 0


def shorten(part: str, work: Path) -> str:
    """A command-line part as the table shows it: scratch and repository paths made short."""
    return part.replace(str(work), "$TMP").replace(str(ROOT) + "/", "")


if __name__ == "__main__":
    sys.exit(main())
