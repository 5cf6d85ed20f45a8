"""Bulk loading a big graph: `kg export --format nq --split-every N`, then `oxigraph load` part by part.

Generates a synthetic graph in kg's shape (bench/biggraph.py), exports it in N-Quads parts, loads every
part into a fresh on-disk Oxigraph store with the `oxigraph` CLI, and checks that the store holds every
quad of the export and every triple of the graph. Each step runs in its own process, so its peak memory
is its own; the figures go to bench/RESULTS.md.

    python bench/bulkload.py --triples 1000000 --split-every 250000
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.biggraph import write_big_graph  # noqa: E402
from bench.harness import run_stage, serve_stage, work_folder  # noqa: E402
from bench.results import record  # noqa: E402

OXIGRAPH = Path(sys.executable).with_name("oxigraph")
DISTINCT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"


def stage_generate(args: argparse.Namespace) -> dict:
    """Write the synthetic Turtle graph."""
    start = time.perf_counter()
    write_big_graph(args.triples, args.work / "graph.ttl", seed=args.seed)
    return {"seconds": time.perf_counter() - start}


def stage_export(args: argparse.Namespace) -> dict:
    """Parse the graph and write it as N-Quads parts (what `kg export --split-every` does)."""
    from kg.export import export_graph
    from kg.store import load_graph

    start = time.perf_counter()
    store = load_graph(args.work / "graph.ttl")
    *parts, _ = export_graph(store, args.work / "parts" / "graph.nq", split_every=args.split_every)
    return {"seconds": time.perf_counter() - start, "graph_triples": len(store), "parts": len(parts)}


def stage_load(args: argparse.Namespace) -> dict:
    """Check the parts against the manifest, `oxigraph load` each into a new store, count what it holds."""
    import pyoxigraph as ox

    from kg.export.parts import check_parts

    start = time.perf_counter()
    parts = check_parts(args.work / "parts" / "graph.manifest.json")
    location = args.work / "store"
    for part in parts:
        done = subprocess.run([str(OXIGRAPH), "load", "--location", str(location), "--file", str(part)],
                              capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"oxigraph load {part} failed: {done.stderr}")
    seconds = time.perf_counter() - start
    store = ox.Store.read_only(str(location))
    [row] = store.query(DISTINCT_TRIPLES, use_default_graph_as_union=True)
    return {"seconds": seconds, "store_quads": len(store), "store_triples": int(row["n"].value)}


STAGES = {"generate": stage_generate, "export": stage_export, "load": stage_load}


def main(argv: list[str] | None = None) -> int:
    """Run the three steps in their own processes, record the figures; exit 1 if a count differs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="synthetic graph size (default 1M)")
    parser.add_argument("--split-every", type=int, default=250_000, help="triples per part (default 250k)")
    parser.add_argument("--seed", type=int, default=0, help="graph seed")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage:
        serve_stage(STAGES, args)
        return 0
    with work_folder() as scratch:
        common = ("--triples", args.triples, "--split-every", args.split_every, "--seed", args.seed, "--work", scratch)
        generate = run_stage(__file__, "generate", *common)
        export = run_stage(__file__, "export", *common)
        load = run_stage(__file__, "load", *common)
        manifest = json.loads((Path(scratch) / "parts" / "graph.manifest.json").read_text(encoding="utf-8"))
    quads = manifest["triples"]
    equal = load["store_quads"] == quads and load["store_triples"] == export["graph_triples"]
    rows = [
        {"step": "bench/biggraph.py (Turtle)", "triples": export["graph_triples"], "seconds": generate["seconds"],
         "peak_rss_mb": generate["peak_rss_mb"]},
        {"step": f"kg export nq --split-every {args.split_every}", "triples": quads, "parts": export["parts"],
         "seconds": export["seconds"], "peak_rss_mb": export["peak_rss_mb"]},
        {"step": "oxigraph load, part by part", "triples": load["store_quads"], "seconds": load["seconds"],
         "peak_rss_mb": load["peak_rss_mb"]},
    ]
    notes = (f"Store after loading: {load['store_quads']} quads (export: {quads} lines), {load['store_triples']}"
             f" distinct triples (graph: {export['graph_triples']}) — counts {'equal' if equal else 'DIFFER'}.\n"
             "Export time includes parsing the Turtle graph and laying it out one named graph per article;"
             " load peak memory is the oxigraph CLI's (largest child process).")
    record("bulk load (bench/bulkload.py)", rows, notes)
    return 0 if equal else 1


if __name__ == "__main__":
    sys.exit(main())
