"""kg on a million triples (issue 6, targets 5 and 6): load, every shipped query, exports, stats, the picture.

On a graph from bench/biggraph.py (or --graph FILE), each step in a fresh process with its own peak
memory: parsing the Turtle into memory; building the persistent store beside it, then reopening it;
each shipped competency query through `kg.query` on that store (bound to the graph's most connected
entity, as a user asks about one, and unbound, listing the whole graph) and as `kg query` subprocess
wall time; N-Triples and Turtle export; `kg stats`; `kg viz`; and the written page opened in headless
Chromium until vis-network's stabilisation ends.

    python bench/big.py [--triples 1000000] [--graph FILE] [--no-browser]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import run_stage, serve_stage, work_folder
from bench.results import record

TARGETS = {"load": 6.0, "query": 1.0, "export nt": 5.0, "export ttl": 10.0, "page settles": 5.0}
"""Seconds, from the issue."""
PEAK_TARGET_MB = 2048
CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]

BINDINGS = {
    "ceo": "SELECT ?org WHERE { ?p kg:ceoOf ?org } GROUP BY ?org ORDER BY DESC(COUNT(?p)) ?org LIMIT 1",
    "entities": "SELECT ?class WHERE { VALUES ?class { kg:Person } }",
    "facts-about": "SELECT ?entity WHERE { ?st rdf:subject ?entity } GROUP BY ?entity ORDER BY DESC(COUNT(?st)) ?entity LIMIT 1",
    "financial-results": "SELECT ?org WHERE { ?r a kg:FinancialResult ; kg:organization ?org } GROUP BY ?org ORDER BY DESC(COUNT(?r)) ?org LIMIT 1",
    "job-postings": "SELECT ?org WHERE { ?org kg:advertises ?job } GROUP BY ?org ORDER BY DESC(COUNT(?job)) ?org LIMIT 1",
    "launches": "SELECT ?org WHERE { ?org kg:launched ?x } GROUP BY ?org ORDER BY DESC(COUNT(?x)) ?org LIMIT 1",
    "sources": "SELECT ?s ?p ?o WHERE { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } ORDER BY ?st LIMIT 1",
    "strikes": "SELECT ?agent WHERE { ?agent kg:onStrikeIn ?x } GROUP BY ?agent ORDER BY DESC(COUNT(?x)) ?agent LIMIT 1",
    "works-using-technology": "SELECT ?org WHERE { ?u a kg:TechnologyUse ; kg:agent ?org } GROUP BY ?org ORDER BY DESC(COUNT(?u)) ?org LIMIT 1",
}
"""Per shipped query, a query choosing what to bind: the graph's busiest entity for that question."""


def timed(action, *args, **kwargs) -> tuple[object, float]:
    start = time.perf_counter()
    result = action(*args, **kwargs)
    return result, round(time.perf_counter() - start, 3)


def stage_generate(args: argparse.Namespace) -> dict:
    from bench.biggraph import write_big_graph

    path, seconds = timed(write_big_graph, args.triples, args.graph, seed=args.seed)
    return {"seconds": seconds, "bytes": Path(path).stat().st_size}


def stage_load(args: argparse.Namespace) -> dict:
    from kg.store import load_graph

    store, seconds = timed(load_graph, args.graph)
    return {"seconds": seconds, "triples": len(store)}


def stage_store(args: argparse.Namespace) -> dict:
    from kg.store import open_graph, refresh_store, store_folder

    shutil.rmtree(store_folder(args.graph), ignore_errors=True)
    _, build = timed(refresh_store, args.graph)
    _, reopen = timed(open_graph, args.graph, persistent=True)
    return {"build": build, "reopen": reopen}


def stage_queries(args: argparse.Namespace) -> dict:
    """Each shipped query on the persistent store: the bindings chosen, bound and unbound seconds, rows."""
    from kg.query import list_queries, query
    from kg.store import open_graph

    store = open_graph(args.graph, persistent=True)
    figures = {}
    for shipped in list_queries():
        text = shipped.path.read_text(encoding="utf-8")
        chosen = query(store, BINDINGS[shipped.name])
        bindings = dict(zip(chosen.variables, chosen.rows[0])) if chosen.rows else {}
        bound, bound_seconds = timed(query, store, text, bindings=bindings)
        unbound, unbound_seconds = timed(query, store, text)
        figures[shipped.name] = {
            "bind": {name: cli_value(term) for name, term in bindings.items()},
            "bound": bound_seconds, "bound_rows": len(bound.rows),
            "unbound": unbound_seconds, "unbound_rows": len(unbound.rows),
        }
    return {"queries": figures}


def cli_value(term) -> str:
    """How `kg query --bind` spells a term."""
    import pyoxigraph as ox

    return f"<{term.value}>" if isinstance(term, ox.NamedNode) else f'"{term.value}"'


def stage_export(args: argparse.Namespace) -> dict:
    from kg.export import export_graph
    from kg.store import load_graph

    store, load = timed(load_graph, args.graph)
    out = args.work / f"export.{args.format}"
    _, write = timed(export_graph, store, out, format=args.format)
    return {"load": load, "write": write, "bytes": out.stat().st_size}


def stage_stats(args: argparse.Namespace) -> dict:
    from kg.stats import graph_stats
    from kg.store import load_graph

    store, load = timed(load_graph, args.graph)
    _, stats = timed(graph_stats, store)
    return {"load": load, "stats": stats}


def stage_viz(args: argparse.Namespace) -> dict:
    from kg.viz import draw_graph

    drawn, seconds = timed(draw_graph, args.graph, args.work / "graph.html")
    return {"seconds": seconds, "nodes": len(drawn.view.shown), "dropped": drawn.view.drawable - len(drawn.view.shown),
            "bytes": drawn.path.stat().st_size}


SEARCH = """() => {
    // a left-out entity, found by the first letters of its label and drawn with its neighbours, as a reader does
    const shown = new Set(kg.data.view.shown), hidden = new Set(kg.data.nodes.hidden);
    const left = kg.data.nodes.label.findIndex((label, i) => !shown.has(i) && !hidden.has(i));
    const input = document.getElementById("kg-search"), start = performance.now();
    input.value = kg.data.nodes.label[left].slice(0, 6);
    input.dispatchEvent(new Event("input"));
    const suggested = performance.now();
    document.querySelector("#kg-suggestions li").dispatchEvent(new MouseEvent("mousedown"));
    return [suggested - start, performance.now() - suggested, network.getSelectedNodes().length];
}"""


def stage_page(args: argparse.Namespace) -> dict:
    """Open the page written by stage_viz at 1400×1000: seconds to the load event and to the end of its
    first layout; then milliseconds to suggest entities for a search and to draw the one chosen."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        start = time.perf_counter()
        page.goto((args.work / "graph.html").resolve().as_uri(), timeout=300_000)
        loaded = time.perf_counter() - start
        page.wait_for_selector("body[data-kg-ready]", state="attached", timeout=300_000)
        settled = time.perf_counter() - start
        suggest, draw, selected = page.evaluate(SEARCH)
        browser.close()
    return {"loaded": round(loaded, 3), "settled": round(settled, 3), "suggest_ms": round(suggest), "draw_ms": round(draw),
            "found": selected == 1}


STAGES = {
    "generate": stage_generate, "load": stage_load, "store": stage_store, "queries": stage_queries,
    "export": stage_export, "stats": stage_stats, "viz": stage_viz, "page": stage_page,
}


def cli_query_seconds(graph: Path, name: str, bind: dict[str, str]) -> float:
    """Wall time of `kg query NAME --graph GRAPH --bind ...` in a new process (start-up included)."""
    kg = Path(sys.executable).with_name("kg")
    command = [str(kg), "query", name, "--graph", str(graph), "--format", "csv"]
    for variable, value in bind.items():
        command += ["--bind", f"{variable}={value}"]
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    return round(time.perf_counter() - start, 3)


def row(step: str, seconds: float, target: float | None, figures: dict, **extra: object) -> dict:
    """One line of the results table."""
    met = "" if target is None else ("yes" if seconds < target else "NO")
    peak = figures.get("peak_rss_mb", "")
    return {"step": step, "seconds": seconds, "target s": target or "", "met": met, "peak MB": peak, **extra}


def run(args: argparse.Namespace) -> list[dict]:
    """Every stage in order; the figures as table rows."""
    common = ["--graph", args.graph, "--work", args.work]
    stage = lambda name, *more: run_stage(__file__, name, *common, *more)  # noqa: E731
    rows = []
    if args.generate:
        generated = stage("generate", "--triples", args.triples, "--seed", args.seed)
        rows.append(row("generate (bench/biggraph.py)", generated["seconds"], None, generated, note=f"{generated['bytes']:,} bytes"))
    loaded = stage("load")
    rows.append(row("load Turtle into memory", loaded["seconds"], TARGETS["load"], loaded, note=f"{loaded['triples']:,} triples"))
    store = stage("store")
    rows.append(row("persistent store: first build", store["build"], None, store))
    rows.append(row("persistent store: reopen", store["reopen"], None, store))
    queries = stage("queries")
    for name, figures in queries["queries"].items():
        binds = " ".join(f"{k}={v}" for k, v in figures["bind"].items())
        rows.append(row(f"query {name} (API, bound)", figures["bound"], TARGETS["query"], queries, note=f"{figures['bound_rows']} rows; {binds}"))
        cli = cli_query_seconds(args.graph, name, figures["bind"])
        rows.append(row(f"query {name} (kg query CLI, bound)", cli, TARGETS["query"], {}, note="wall time, start-up included"))
        rows.append(row(f"query {name} (API, unbound)", figures["unbound"], None, queries, note=f"{figures['unbound_rows']} rows: the whole graph"))
    for fmt, target in (("nt", TARGETS["export nt"]), ("ttl", TARGETS["export ttl"])):
        exported = stage("export", "--format", fmt)
        rows.append(row(f"export {fmt} (write, graph loaded)", exported["write"], target, exported, note=f"load {exported['load']} s"))
    stats = stage("stats")
    rows.append(row("kg stats (graph loaded)", stats["stats"], None, stats, note=f"load {stats['load']} s"))
    drawn = stage("viz")
    rows.append(row("kg viz (load, model, write page)", drawn["seconds"], None, drawn,
                    note=f"opens on {drawn['nodes']} nodes, {drawn['dropped']:,} more a search away; page {drawn['bytes'] / 1e6:.1f} MB"))
    if args.browser:
        page = stage("page")
        rows.append(row("page opens and settles (headless Chromium)", page["settled"], TARGETS["page settles"], page,
                        note=f"load event at {page['loaded']} s"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the generated graph (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--graph", type=Path, help="measure this graph file instead of generating one")
    parser.add_argument("--no-browser", dest="browser", action="store_false", help="skip opening the page in Chromium")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--format", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        serve_stage(STAGES, args)
        return
    load_before = os.getloadavg()[0]
    with work_folder() as work:
        args.work = Path(work)
        args.generate = args.graph is None
        args.graph = (args.graph or args.work / "graph.ttl").resolve()
        rows = run(args)
    peaks = [r["peak MB"] for r in rows if isinstance(r["peak MB"], float)]
    notes = (f"Graph: {'generated, ' + format(args.triples, ',') + ' triples' if args.generate else args.graph}. "
             f"Peak memory per step {max(peaks):,.0f} MB (target < {PEAK_TARGET_MB} MB). Each step runs in its own "
             "process; queries run on the persistent store, bound to the busiest entity for each question (unbound "
             f"rows list the whole graph and have no target). Load average {load_before:.1f} before, "
             f"{os.getloadavg()[0]:.1f} after: on a busy machine every figure is inflated.")
    record("big graph (issue 6, targets 5-6)", rows, notes)


if __name__ == "__main__":
    main()
