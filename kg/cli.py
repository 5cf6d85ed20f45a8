"""The `kg` command line: thin typer commands over the Python API with the same verbs.

Each command parses options, calls one API function and turns a KgError into a one-line message on
stderr and its exit code. Heavy modules are imported inside the commands that need them.
"""
from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.articles import MAX_CHARS, one_line
from kg.errors import KgError
from kg.query import MAX_ROWS
from kg.results import OutputFormat

app = typer.Typer(
    name="kg",
    help="Turn French news articles into an RDF knowledge graph: build, query, look, export.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn KgError (and a Ctrl-C) into a one-line message and an exit code, never a traceback."""
    try:
        yield
    except KgError as error:
        typer.echo(f"kg: error: {one_line(error.message)}", err=True)
        raise typer.Exit(code=error.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("kg: interrupted", err=True)
        raise typer.Exit(code=130) from None


@contextmanager
def exit_after(seconds: float, what: str) -> Iterator[None]:
    """End the whole process with a one-line error (exit 1) once the block has run `seconds` (0: no
    limit). Oxigraph evaluates a query without coming back to Python, so no exception can stop it;
    it lets other threads run meanwhile, so a timer thread can. Nothing has been printed by then."""
    if not seconds:
        yield
        return

    def expire() -> None:
        typer.echo(f"kg: error: {what} ran out of time after {seconds:g} s (raise --timeout)", err=True)
        sys.stderr.flush()
        os._exit(1)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def warn(message: str) -> None:
    """Print a one-line warning on stderr."""
    typer.echo(f"kg: warning: {one_line(message)}", err=True)


def say(line: str) -> None:
    """Print a line of --verbose logging on stderr (a server's text too: control characters escaped)."""
    typer.echo(f"kg: {one_line(line)}", err=True)


# ---- commands are added below, one block per verb; keep each block thin ----


# ---- viz / stats: look at the graph ----


class StatsFormat(str, Enum):
    """Output formats of `kg stats`."""

    text = "text"
    json = "json"


class Language(str, Enum):
    """Languages of the explorer page."""

    fr = "fr"
    en = "en"


@app.command()
def viz(
    graph: Annotated[Path, typer.Option("--graph", help="RDF graph to draw.", dir_okay=False)] = Path("output/graph.ttl"),
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML page to write.", dir_okay=False)] = Path("output/graph.html"),
    focus: Annotated[Optional[str], typer.Option(help="Open on this entity and its neighbours: IRI, ent:x or a label.")] = None,
    depth: Annotated[int, typer.Option(min=0, help="Links around --focus drawn first (not through shared hubs).")] = 1,
    types: Annotated[Optional[str], typer.Option(help="Classes ticked at first, e.g. Person,Organization (the page can tick others).")] = None,
    max_nodes: Annotated[int, typer.Option(min=1, help="Nodes drawn first; a bigger graph opens on its best-linked part, the rest a search away.")] = 500,
    no_physics: Annotated[bool, typer.Option("--no-physics", help="Lay the graph out here instead of with the page's force layout.")] = False,
    events: Annotated[bool, typer.Option("--events", help="Draw n-ary events as nodes with their role edges, as stored.")] = False,
    lang: Annotated[Optional[Language], typer.Option("--lang", help="Page language (default: the graph's).", show_default=False)] = None,
) -> None:
    """Write the graph as an offline HTML explorer: search, filters, facts as labelled edges, sources on click."""
    from kg.viz import draw_graph

    with user_errors():
        kinds = [kind.strip() for kind in (types or "").split(",") if kind.strip()]
        drawn = draw_graph(graph, output, focus=focus, depth=depth, types=kinds, max_nodes=max_nodes,
                           physics=not no_physics, events=events, lang=lang.value if lang else None)
    typer.echo(f"wrote {output}: {drawn.view.drawable} nodes and {len(drawn.explorer.facts)} facts, in {drawn.language}")
    left = drawn.view.drawable - len(drawn.view.shown)
    if left > 0:
        typer.echo(f"the page opens on {len(drawn.view.shown)} nodes; the {left} others are a search away in it")


@app.command("serve")
def serve_command(
    graph: Annotated[Path, typer.Option("--graph", help="RDF graph to serve.", dir_okay=False)] = Path("output/graph.ttl"),
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port of Oxigraph's SPARQL endpoint and query UI on 127.0.0.1.")] = 7878,
    explorer_port: Annotated[Optional[int], typer.Option(min=1, max=65535, help="Port of the explorer page (default: --port + 1).", show_default=False)] = None,
    max_nodes: Annotated[int, typer.Option(min=1, help="Nodes the explorer draws first.")] = 500,
    events: Annotated[bool, typer.Option("--events", help="Draw n-ary events as nodes in the explorer.")] = False,
    lang: Annotated[Optional[Language], typer.Option("--lang", help="Explorer language (default: the graph's).", show_default=False)] = None,
) -> None:
    """Serve the graph on localhost: the real Oxigraph server (SPARQL endpoint, query UI) on its persistent
    store, read-only, and the explorer beside it. Ctrl-C stops both."""
    from kg.serve import serve

    def ready(served) -> None:
        typer.echo(f"SPARQL query UI: {served.sparql}  (endpoint: {served.sparql}query)")
        typer.echo(f"explorer: {served.explorer}")
        typer.echo("Ctrl-C stops both.")

    with user_errors():
        serve(graph, port=port, explorer_port=explorer_port, on_ready=ready, max_nodes=max_nodes, events=events,
              lang=lang.value if lang else None)
    typer.echo("kg: stopped", err=True)


@app.command()
def stats(
    graph: Annotated[Path, typer.Option("--graph", help="RDF graph to describe.", dir_okay=False)] = Path("output/graph.ttl"),
    format: Annotated[StatsFormat, typer.Option("--format", help="text or json.")] = StatsFormat.text,
) -> None:
    """Count classes and properties, list the most central entities and the connected components."""
    from kg.stats import format_stats, graph_stats
    from kg.store import load_graph

    with user_errors():
        typer.echo(format_stats(graph_stats(load_graph(graph)), format=format.value))


# ---- query: SPARQL over the graph ----


@app.command("query")
def query_command(
    source: Annotated[
        Optional[str],
        typer.Argument(metavar="QUERY", help="SPARQL text, a .rq file, or the name of a shipped query (see --list).", show_default=False),
    ] = None,
    graph: Annotated[
        Path,
        typer.Option("--graph", "-g", dir_okay=False, help="RDF file to query: Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML."),
    ] = Path("output/graph.ttl"),
    format: Annotated[
        Optional[OutputFormat],
        typer.Option("--format", "-f", help="SELECT: table, csv, tsv, json (SPARQL JSON), markdown. CONSTRUCT/DESCRIBE: ttl, nt, jsonld. ASK: table, json.", show_default=False),
    ] = None,
    bind: Annotated[
        Optional[list[str]],
        typer.Option(
            "--bind", "-b", metavar="NAME=VALUE",
            help="Pre-bind ?NAME (repeatable). VALUE: <https://…> for an IRI, ent:netflix for a prefixed name, "
            'anything else for a string; quote it ("ent:x") to force a string. Never pasted into the query.',
        ),
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the shipped queries with what each answers, and exit.")] = False,
    no_store: Annotated[bool, typer.Option("--no-store", help="Parse the graph file into memory; don't use or build the store kept beside it.")] = False,
    max_rows: Annotated[int, typer.Option("--max-rows", min=1, help="Fail rather than hold an answer of more rows (or CONSTRUCT triples) than this.")] = MAX_ROWS,
    timeout: Annotated[float, typer.Option("--timeout", min=0.0, help="Stop with exit 1 after this many seconds (0: no limit).")] = 60.0,
    allow_service: Annotated[bool, typer.Option("--allow-service", help="Let SERVICE clauses send requests to other servers.")] = False,
) -> None:
    """Run a SPARQL query over the graph (kg, ent, schema, rdfs, skos, prov, xsd… prefixes are pre-declared).

    ASK prints true or false and exits 0 or 1.
    """
    from kg.query import AskResult, list_queries, load_query, parse_bindings, query
    from kg.results import format_query_list, format_result

    with user_errors():
        if list_:
            typer.echo(format_query_list(list_queries()), nl=False)
            return
        if source is None:
            raise KgError("give a QUERY: SPARQL text, a .rq file or a name from `kg query --list`", exit_code=2)
        text, bindings = load_query(source), parse_bindings(bind or [])
        with exit_after(timeout, "the query"):
            result = query(graph, text, bindings=bindings, persistent=False if no_store else None, max_rows=max_rows,
                           allow_service=allow_service)
            answer = format_result(result, format)
        typer.echo(answer, nl=False)
    if isinstance(result, AskResult) and not result:
        raise typer.Exit(code=1)


# ---- export / push: take the graph to other tools and stores ----


@app.command("export")
def export_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (neo4j: the .cypher script; the CSVs go beside it).", dir_okay=False)],
    format: Annotated[Optional[str], typer.Option("--format", "-f", help="ttl, nt, nq, trig, jsonld, xml, graphml, gexf, csv, neo4j (default: from the extension).", show_default=False)] = None,
    graph: Annotated[Path, typer.Option("--graph", help="RDF graph to export.", dir_okay=False)] = Path("output/graph.ttl"),
    split_every: Annotated[Optional[int], typer.Option("--split-every", metavar="N", min=1, help="nt/nq only: write OUT.part-0001.nq, ... of N triples each and OUT.manifest.json, for bulk loaders.", show_default=False)] = None,
) -> None:
    """Write the graph for another tool: RDF (one named graph per article in nq/trig), GraphML/GEXF, CSV or Neo4j."""
    from kg.export import export_format, export_graph
    from kg.export.parts import check_splittable
    from kg.store import load_graph

    with user_errors():
        name = export_format(output, format)
        if split_every is not None:
            check_splittable(name)
        files = export_graph(load_graph(graph), output, format=name, split_every=split_every)
    if split_every is None:
        typer.echo("wrote " + ", ".join(map(str, files)))
    else:
        typer.echo(f"wrote {len(files) - 1} parts ({files[0].name} to {files[-2].name}) and {files[-1]}")


@app.command("push")
def push_command(
    endpoint: Annotated[Optional[str], typer.Argument(help="Graph Store Protocol endpoint, e.g. http://localhost:7878/store.", show_default=False)] = None,
    sparql_update: Annotated[Optional[str], typer.Option("--sparql-update", metavar="URL", help="Push by SPARQL UPDATE to this endpoint instead (batched INSERT DATA).", show_default=False)] = None,
    input: Annotated[Path, typer.Option("--input", "-i", help="RDF graph to push.", dir_okay=False)] = Path("output/graph.ttl"),
    graph: Annotated[Optional[str], typer.Option("--graph", metavar="IRI", help="Push everything into this one graph (default: one graph per article).", show_default=False)] = None,
    shared_graph: Annotated[Optional[str], typer.Option("--shared-graph", metavar="IRI", help="Graph for entities and events when pushing per article (default: the source namespace IRI).", show_default=False)] = None,
    replace: Annotated[bool, typer.Option("--replace", help="Replace each graph (PUT, or staged MOVE with --sparql-update) instead of appending (POST).")] = False,
    query_endpoint: Annotated[Optional[str], typer.Option("--query-endpoint", metavar="URL", help="SPARQL query endpoint for the verification counts (default: the push endpoint).", show_default=False)] = None,
    user: Annotated[Optional[str], typer.Option("--user", help="User name; the password comes from --password-env or netrc.", show_default=False)] = None,
    password_env: Annotated[str, typer.Option("--password-env", metavar="VAR", help="Environment variable holding the password.")] = "KG_PUSH_PASSWORD",
    auth: Annotated[str, typer.Option("--auth", help="HTTP auth scheme: digest or basic.")] = "digest",
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Triples per request when appending or using SPARQL UPDATE.")] = 10_000,
    retries: Annotated[int, typer.Option("--retries", min=0, help="Retries per request on connection errors and HTTP 5xx.")] = 4,
    backoff: Annotated[float, typer.Option("--backoff", min=0.0, help="Seconds before the first retry; doubles each time.")] = 0.5,
    timeout: Annotated[float, typer.Option("--timeout", min=0.001, help="Seconds one request may take, sent and answered whole (then it is retried).")] = 300.0,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log every request on stderr.")] = False,
) -> None:
    """Send the graph to a SPARQL store, then check each graph's triple count there (exit 1 on a mismatch)."""
    from kg.push import SHARED_GRAPH, make_client, push_graph
    from kg.store import load_graph

    with user_errors():
        if (endpoint is None) == (sparql_update is None):
            raise KgError("give either an ENDPOINT (Graph Store Protocol) or --sparql-update URL", exit_code=2)
        target = endpoint or sparql_update
        client = make_client(target, user=user, password_env=password_env, auth_scheme=auth, retries=retries,
                             backoff=backoff, timeout=timeout, log=say if verbose else None)
        pushed = push_graph(load_graph(input), target, protocol="gsp" if endpoint else "update", graph=graph,
                            shared_graph=shared_graph or SHARED_GRAPH, replace=replace,
                            query_endpoint=query_endpoint, client=client, batch_size=batch_size)
    for item in pushed:
        typer.echo(f"pushed <{item.graph}>: {item.local} triples, server has {item.remote}")


# ---- kg build ----


@app.command("build")
def build_command(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders (.txt, .md, .html, .jsonl).", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="Graph file to write; the format follows the extension (.ttl, .nt, .nq, .trig, .jsonld, .rdf).")] = Path("output/graph.ttl"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Parser processes (local engine) or local dask workers.")] = 1,
    cache: Annotated[Optional[Path], typer.Option("--cache", metavar="DIR", file_okay=False, help="Extraction cache folder (default: .kg-cache beside the output).", show_default=False)] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Parse every article; read and write no cache.")] = False,
    engine: Annotated[str, typer.Option("--engine", metavar="local|dask", help="Parse here, or on a dask cluster (needs the cluster extra of kg).")] = "local",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://host:8786 (default with --engine dask: a local cluster of --jobs workers).", show_default=False)] = None,
    max_chars: Annotated[int, typer.Option("--max-chars", min=1, help="Skip articles longer than this many characters.")] = MAX_CHARS,
) -> None:
    """Build the knowledge graph of the articles into an RDF file (Turtle by default).

    Extractions are cached by article content and pipeline version, so a rebuild parses only new or
    changed articles and writes the same graph as a full build.
    """
    from kg.build import CacheDefault, build

    def progress(items, total):
        with typer.progressbar(items, length=total, label="Extracting", file=sys.stderr) as bar:
            yield from bar
        if not sys.stderr.isatty():
            typer.echo("", err=True)  # a bar drawn without a terminal leaves its label unterminated

    with user_errors():
        if cache is not None and no_cache:
            raise KgError("give --cache DIR or --no-cache, not both", exit_code=2)
        report = build(paths, output, progress=None if quiet else progress, on_warning=warn, jobs=jobs,
                       cache_dir=None if no_cache else cache or CacheDefault.BESIDE_OUTPUT, engine=engine, scheduler=scheduler,
                       max_chars=max_chars)
    if not quiet:
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(report.entities.items(), key=lambda kv: (-kv[1], kv[0])))
        typer.echo(
            f"Built {report.output}: {report.articles} articles ({report.parsed} parsed, {report.cached} from cache),"
            f" {sum(report.entities.values())} entities"
            f" ({kinds}), {report.facts} facts, {report.triples} triples"
            + (f"; {len(report.warnings)} inputs skipped or repaired (see warnings)" if report.warnings else "")
        )


# ---- kg eval ----


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Argument(help="Gold annotation (JSON, see tests/gold/README.md), or a corpus annotated with entities and relations (POPCORN format).", show_default=False)],
    graph: Annotated[Path, typer.Option("--graph", "-g", help="Graph file to score.")] = Path("output/graph.ttl"),
    details: Annotated[bool, typer.Option("--details", help="List the misses and the false positives.")] = False,
) -> None:
    """Score a graph: entity and fact precision and recall against a gold annotation, or, against an
    annotated corpus, named entities found and typed, related pairs linked and link precision per relation."""
    from kg.annotated import is_annotated, score_annotated
    from kg.evaluate import evaluate, read_json

    with user_errors():
        data = read_json(gold, "gold file")
        if is_annotated(data):
            scored = score_annotated(graph, data)
    if is_annotated(data):
        typer.echo(scored.summary())
        if details:
            for lines, what in ((scored.missed_entities, "missed entity"), (scored.mistyped_entities, "mistyped entity"), (scored.unmatched_nodes, "unmatched node"), (scored.misses, "missed pair"), (scored.false_links, "false link")):
                for item in lines:
                    typer.echo(f"{what}: {item}")
        return
    with user_errors():
        result = evaluate(graph, gold)
    typer.echo(result.summary())
    if details:
        for name, score in (("entities", result.entities), ("facts", result.facts)):
            for item in score.misses:
                typer.echo(f"missed {name[:-1]}: {item}")
            for item in score.false_positives:
                typer.echo(f"wrong {name[:-1]}: {item}")
        for item in result.negatives_extracted:
            typer.echo(f"negative extracted: {item}")
        for item in result.unannotated:
            typer.echo(f"not annotated: {item}")


# ---- kg validate ----


@app.command("validate")
def validate_command(
    graph: Annotated[Path, typer.Argument(help="RDF graph to check (any format kg reads).", dir_okay=False)] = Path("output/graph.ttl"),
    shapes: Annotated[Optional[Path], typer.Option("--shapes", metavar="FILE", dir_okay=False, help="SHACL shapes (Turtle)  [default: ontology/shapes.ttl]", show_default=False)] = None,
    format: Annotated[StatsFormat, typer.Option("--format", "-f", help="Report as text lines or JSON.")] = StatsFormat.text,
) -> None:
    """Check a graph against the SHACL shapes: print each violation (node — property — problem); exit 1 if it does not conform."""
    import json

    from kg.validate import SHAPES, validate_graph

    with user_errors():
        report = validate_graph(graph, shapes=shapes or SHAPES)
    if format is StatsFormat.json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        for line in report.lines():
            typer.echo(line)
        typer.echo(f"{graph}: {report.summary()}")
    raise typer.Exit(code=0 if report.conforms else 1)
