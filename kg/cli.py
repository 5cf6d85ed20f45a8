"""The `kg` command line: thin typer commands over the Python API with the same verbs.

Each command parses options, calls one API function and turns a KgError into a one-line message on
stderr and its exit code. Heavy modules are imported inside the commands that need them.
"""
from __future__ import annotations

import os
import shutil
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
    context_settings={"help_option_names": ["-h", "--help"]},
)


def print_version(value: bool) -> None:
    """--version: print kg's version and stop."""
    if value:
        from kg import __version__

        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=print_version, is_eager=True, help="Print kg's version and exit.")] = False,
) -> None:
    """Turn French news articles into an RDF knowledge graph: build, query, look, export."""


# ---- one vocabulary of options, shared by every command ----

GRAPH_HELP = ("Input graph: an RDF file in any format (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML), - for stdin."
              " N-Quads and TriG are read as the union of all their graphs.")
Graph = Annotated[Path, typer.Option("--graph", "-g", metavar="FILE", help=GRAPH_HELP)]
DefaultGraphOnly = Annotated[bool, typer.Option("--default-graph-only", help="Read only the default graph of N-Quads or TriG, not the union of all graphs.")]
Lang = Annotated[str, typer.Option("--lang", metavar="fr|en", help="Language of the labels shown for classes and properties (the ontology's rdfs:label).")]
DEFAULT_GRAPH = Path("output/graph.ttl")
DASH = "-"
"""The file name that means standard input (-g) or standard output (-o)."""


def deprecated(old: str, new: str) -> None:
    """Warn that option spelling `old` goes in the next release (it still works in this one)."""
    warn(f"{old} is deprecated and will be removed in the next release: use {new}")


def check_lang(lang: str) -> str:
    """`lang` when the ontology labels its terms in it (fr, en); KgError (exit 2) otherwise."""
    if lang not in {"fr", "en"}:
        raise KgError(f"--lang takes fr or en, not {lang!r}", exit_code=2)
    return lang


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
    graph: Graph = DEFAULT_GRAPH,
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML page to write.", dir_okay=False)] = Path("output/graph.html"),
    focus: Annotated[Optional[str], typer.Option(help="Open on this entity and its neighbours: IRI, ent:x or a label.")] = None,
    depth: Annotated[int, typer.Option(min=0, help="Links around --focus drawn first (not through shared hubs).")] = 1,
    types: Annotated[Optional[str], typer.Option(help="Classes ticked at first, e.g. Person,Organization (the page can tick others).")] = None,
    max_nodes: Annotated[int, typer.Option(min=1, help="Nodes drawn first; a bigger graph opens on its best-linked part, the rest a search away.")] = 500,
    no_physics: Annotated[bool, typer.Option("--no-physics", help="Lay the graph out here instead of with the page's force layout.")] = False,
    events: Annotated[bool, typer.Option("--events", help="Draw n-ary events as nodes with their role edges, as stored.")] = False,
    lang: Annotated[Optional[Language], typer.Option("--lang", help="Page language (default: the graph's).", show_default=False)] = None,
    default_graph_only: DefaultGraphOnly = False,
) -> None:
    """Write the graph as an offline HTML explorer: search, filters, facts as labelled edges, sources on click."""
    from kg.api import load
    from kg.viz import draw_graph

    with user_errors():
        kinds = [kind.strip() for kind in (types or "").split(",") if kind.strip()]
        drawn = draw_graph(load(graph, default_graph_only=default_graph_only), output, title=graph.name if str(graph) != "-" else "stdin",
                           focus=focus, depth=depth, types=kinds, max_nodes=max_nodes, physics=not no_physics, events=events,
                           lang=lang.value if lang else None)
    typer.echo(f"wrote {output}: {drawn.view.drawable} nodes and {len(drawn.explorer.facts)} facts, in {drawn.language}")
    left = drawn.view.drawable - len(drawn.view.shown)
    if left > 0:
        typer.echo(f"the page opens on {len(drawn.view.shown)} nodes; the {left} others are a search away in it")


@app.command("serve")
def serve_command(
    graph: Annotated[Path, typer.Option("--graph", "-g", metavar="FILE", help="RDF graph to serve.", dir_okay=False)] = DEFAULT_GRAPH,
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
    graph: Graph = DEFAULT_GRAPH,
    format: Annotated[StatsFormat, typer.Option("--format", "-f", help="text or json.")] = StatsFormat.text,
    lang: Lang = "en",
    default_graph_only: DefaultGraphOnly = False,
) -> None:
    """Count classes and properties, list the most central entities and the connected components."""
    from kg.api import load
    from kg.stats import format_stats, graph_stats

    with user_errors():
        stats = graph_stats(load(graph, default_graph_only=default_graph_only), lang=check_lang(lang))
        typer.echo(format_stats(stats, format=format.value))


@app.command("search")
def search_command(
    text: Annotated[str, typer.Argument(help="A name or part of one (any case).", show_default=False)],
    graph: Graph = DEFAULT_GRAPH,
    exact: Annotated[bool, typer.Option("--exact", help="Only entities called exactly TEXT (what --bind NAME=TEXT resolves).")] = False,
    format: Annotated[StatsFormat, typer.Option("--format", "-f", help="text or json.")] = StatsFormat.text,
    lang: Lang = "en",
    default_graph_only: DefaultGraphOnly = False,
) -> None:
    """List the entities whose label, alias or IRI contains TEXT, with class, aliases and number of facts."""
    from kg.api import search
    from kg.search import format_matches

    with user_errors():
        typer.echo(format_matches(search(graph, text, exact=exact, lang=check_lang(lang), default_graph_only=default_graph_only),
                                  format=format.value), nl=False)


# ---- query: SPARQL over the graph ----


@app.command("query")
def query_command(
    source: Annotated[
        Optional[str],
        typer.Argument(metavar="QUERY", help="SPARQL text, a .rq file, or the name of a shipped query (see --list).", show_default=False),
    ] = None,
    graph: Graph = DEFAULT_GRAPH,
    format: Annotated[
        Optional[OutputFormat],
        typer.Option("--format", "-f", help="SELECT: table, csv, tsv, json (SPARQL JSON), markdown. CONSTRUCT/DESCRIBE: ttl, nt, jsonld. ASK: table, json.", show_default=False),
    ] = None,
    bind: Annotated[
        Optional[list[str]],
        typer.Option(
            "--bind", "-b", metavar="NAME=VALUE",
            help="Pre-bind ?NAME (repeatable). VALUE: <https://…> for an IRI, ent:netflix for a prefixed name, "
            "a name (Netflix) for the entity it is the label or alias of, anything else for a string; "
            'quote it ("ent:x") to force a string. Never pasted into the query.',
        ),
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the shipped queries with what each answers, and exit.")] = False,
    no_store: Annotated[bool, typer.Option("--no-store", help="Parse the graph file into memory; don't use or build the store kept beside it.")] = False,
    max_rows: Annotated[int, typer.Option("--max-rows", min=1, help="Fail rather than hold an answer of more rows (or CONSTRUCT triples) than this.")] = MAX_ROWS,
    timeout: Annotated[float, typer.Option("--timeout", min=0.0, help="Stop with exit 1 after this many seconds (0: no limit).")] = 60.0,
    allow_service: Annotated[bool, typer.Option("--allow-service", help="Let SERVICE clauses send requests to other servers.")] = False,
    default_graph_only: DefaultGraphOnly = False,
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
                           allow_service=allow_service, default_graph_only=default_graph_only)
            answer = format_result(result, format, width=shutil.get_terminal_size().columns if sys.stdout.isatty() else None)
        typer.echo(answer, nl=False)
    if isinstance(result, AskResult) and not result:
        raise typer.Exit(code=1)


# ---- export / push: take the graph to other tools and stores ----


@app.command("export")
def export_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write, - for stdout (neo4j: the .cypher script; the CSVs go beside it).", dir_okay=False)],
    format: Annotated[Optional[str], typer.Option("--format", "-f", help="ttl|turtle, nt|ntriples, nq|nquads, trig, jsonld|json-ld, xml|rdfxml, graphml, gexf, csv, neo4j|cypher (default: from the extension).", show_default=False)] = None,
    graph: Graph = DEFAULT_GRAPH,
    split_every: Annotated[Optional[int], typer.Option("--split-every", metavar="N", min=1, help="nt/nq only: write OUT.part-0001.nq, ... of N triples each and OUT.manifest.json, for bulk loaders.", show_default=False)] = None,
    lang: Lang = "en",
    default_graph_only: DefaultGraphOnly = False,
) -> None:
    """Write the graph for another tool: RDF (one named graph per article in nq/trig), GraphML/GEXF, CSV or Neo4j."""
    from kg.api import export
    from kg.export import export_format
    from kg.export.parts import check_splittable

    with user_errors():
        name = export_format(output, format) if str(output) != DASH or format else None
        if split_every is not None and name:
            check_splittable(name)
        files = export(graph, output, format=name, split_every=split_every, lang=check_lang(lang), default_graph_only=default_graph_only)
    if not files:
        return
    if split_every is None:
        typer.echo("wrote " + ", ".join(map(str, files)))
    else:
        typer.echo(f"wrote {len(files) - 1} parts ({files[0].name} to {files[-2].name}) and {files[-1]}")


@app.command("push")
def push_command(
    endpoint: Annotated[Optional[str], typer.Argument(help="Graph Store Protocol endpoint, e.g. http://localhost:7878/store (Oxigraph), http://localhost:3030/ds/data (Fuseki).", show_default=False)] = None,
    sparql_update: Annotated[Optional[str], typer.Option("--sparql-update", metavar="URL", help="Push by SPARQL UPDATE to this endpoint instead (batched INSERT DATA).", show_default=False)] = None,
    graph: Annotated[Optional[str], typer.Option("--graph", "-g", metavar="FILE", help=GRAPH_HELP, show_default=str(DEFAULT_GRAPH))] = None,
    into: Annotated[Optional[str], typer.Option("--into", metavar="IRI", help="Push everything into this one graph (default: one graph per article).", show_default=False)] = None,
    old_input: Annotated[Optional[Path], typer.Option("--input", "-i", hidden=True)] = None,
    shared_graph: Annotated[Optional[str], typer.Option("--shared-graph", metavar="IRI", help="Graph for entities and events when pushing per article (default: the source namespace IRI).", show_default=False)] = None,
    replace: Annotated[bool, typer.Option("--replace", help="Replace each graph (PUT, or staged MOVE with --sparql-update) instead of appending (POST).")] = False,
    query_endpoint: Annotated[Optional[str], typer.Option("--query-endpoint", metavar="URL", help="SPARQL query endpoint for the verification counts (default: derived for Oxigraph /store and /update → /query, Fuseki /ds/data and /ds/update → /ds/sparql, Virtuoso → /sparql).", show_default=False)] = None,
    user: Annotated[Optional[str], typer.Option("--user", help="User name; the password comes from --password-env or netrc.", show_default=False)] = None,
    password_env: Annotated[str, typer.Option("--password-env", metavar="VAR", help="Environment variable holding the password.")] = "KG_PUSH_PASSWORD",
    auth: Annotated[str, typer.Option("--auth", help="HTTP auth scheme: digest or basic.")] = "digest",
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Triples per request when appending or using SPARQL UPDATE.")] = 10_000,
    retries: Annotated[int, typer.Option("--retries", min=0, help="Retries per request on connection errors and HTTP 5xx.")] = 4,
    backoff: Annotated[float, typer.Option("--backoff", min=0.0, help="Seconds before the first retry; doubles each time.")] = 0.5,
    timeout: Annotated[float, typer.Option("--timeout", min=0.001, help="Seconds one request may take, sent and answered whole (then it is retried).")] = 300.0,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log every request on stderr.")] = False,
    default_graph_only: DefaultGraphOnly = False,
) -> None:
    """Send the graph to a SPARQL store, then check each graph's triple count there (exit 1 on a mismatch,
    3 when the data was sent but could not be checked)."""
    from kg.api import push
    from kg.push import NotVerified

    if old_input is not None:
        deprecated("--input/-i", "--graph/-g")
    if graph is not None and into is None and looks_like_iri(graph) and not Path(graph).exists():
        deprecated("--graph IRI (the target graph)", "--into IRI")
        graph, into = None, graph
    with user_errors():
        try:
            pushed = push(graph or old_input or DEFAULT_GRAPH, endpoint, sparql_update=sparql_update, into=into, replace=replace,
                          query_endpoint=query_endpoint, default_graph_only=default_graph_only, shared_graph=shared_graph,
                          user=user, password_env=password_env, auth=auth, retries=retries, backoff=backoff,
                          timeout=timeout, log=say if verbose else None, batch_size=batch_size)
        except NotVerified as unverified:
            for item in unverified.pushed:
                typer.echo(f"pushed <{item.graph}>: {item.local} triples, not verified")
            raise
    for item in pushed:
        typer.echo(f"pushed <{item.graph}>: {item.local} triples, server has {item.remote}")


def looks_like_iri(value: str) -> bool:
    """Whether an option's value is an IRI rather than a file name (push's old --graph IRI)."""
    return value.startswith(("http://", "https://", "urn:"))


# ---- kg build ----


@app.command("build")
def build_command(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders (.txt, .md, .html, .jsonl).", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="Graph file to write; the format follows the extension (.ttl, .nt, .nq, .trig, .jsonld, .rdf); - writes Turtle to stdout.")] = Path("output/graph.ttl"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Parser processes (local engine) or local dask workers.")] = 1,
    cache: Annotated[Optional[Path], typer.Option("--cache", metavar="DIR", file_okay=False, help="Extraction cache folder (default: .kg-cache beside the output).", show_default=False)] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Parse every article; read and write no cache.")] = False,
    engine: Annotated[str, typer.Option("--engine", metavar="local|dask", help="Parse here, or on a dask cluster (needs the cluster extra of kg).")] = "local",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://host:8786 (default with --engine dask: a local cluster of --jobs workers).", show_default=False)] = None,
    max_chars: Annotated[int, typer.Option("--max-chars", min=1, help="Skip articles longer than this many characters.")] = MAX_CHARS,
    base_iri: Annotated[Optional[str], typer.Option("--base-iri", metavar="IRI", help="Mint entity, event, statement and article IRIs under this namespace (default https://example.org/kg/); the graph records it (void:uriSpace).", show_default=False)] = None,
) -> None:
    """Build the knowledge graph of the articles into an RDF file (Turtle by default).

    Extractions are cached by article content and pipeline version, so a rebuild parses only new or
    changed articles and writes the same graph as a full build.
    """
    from kg.api import build
    from kg.build import CacheDefault

    def progress(items, total):
        with typer.progressbar(items, length=total, label="Extracting", file=sys.stderr) as bar:
            yield from bar
        if not sys.stderr.isatty():
            typer.echo("", err=True)  # a bar drawn without a terminal leaves its label unterminated

    with user_errors():
        if cache is not None and no_cache:
            raise KgError("give --cache DIR or --no-cache, not both", exit_code=2)
        report = build(paths, output, progress=None if quiet else progress, on_warning=warn, on_status=None if quiet else say, jobs=jobs,
                       cache_dir=None if no_cache else cache or CacheDefault.BESIDE_OUTPUT, engine=engine, scheduler=scheduler,
                       max_chars=max_chars, base_iri=base_iri)
    if not quiet:
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(report.entities.items(), key=lambda kv: (-kv[1], kv[0])))
        typer.echo(
            f"Built {report.output}: {report.articles} articles ({report.parsed} parsed, {report.cached} from cache),"
            f" {sum(report.entities.values())} entities"
            f" ({kinds}), {report.facts} facts, {report.triples} triples"
            + (f"; {len(report.warnings)} inputs skipped or repaired (see warnings)" if report.warnings else ""),
            err=str(output) == DASH,  # the graph itself went to stdout
        )


# ---- kg eval ----

SINGULAR = {"entities": "entity", "facts": "fact"}


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Argument(help="Gold annotation (JSON, see tests/gold/README.md), or a corpus annotated with entities and relations (POPCORN format).", show_default=False)],
    graph: Graph = DEFAULT_GRAPH,
    details: Annotated[bool, typer.Option("--details", help="List the misses and the false positives.")] = False,
    default_graph_only: DefaultGraphOnly = False,
) -> None:
    """Score a graph: entity and fact precision and recall against a gold annotation, or, against an
    annotated corpus, named entities found and typed, related pairs linked and link precision per relation."""
    from kg.annotated import is_annotated, score_annotated
    from kg.evaluate import evaluate, read_json

    from kg.api import load

    with user_errors():
        data = read_json(gold, "gold file")
        store = load(graph, default_graph_only=default_graph_only)
        if is_annotated(data):
            scored = score_annotated(store, data)
    if is_annotated(data):
        typer.echo(scored.summary())
        if details:
            for lines, what in ((scored.missed_entities, "missed entity"), (scored.mistyped_entities, "mistyped entity"), (scored.unmatched_nodes, "unmatched node"), (scored.misses, "missed pair"), (scored.false_links, "false link")):
                for item in lines:
                    typer.echo(f"{what}: {item}")
        return
    with user_errors():
        result = evaluate(store, gold)
    typer.echo(result.summary())
    if details:
        for name, score in (("entities", result.entities), ("facts", result.facts)):
            for item in score.misses:
                typer.echo(f"missed {SINGULAR[name]}: {item}")
            for item in score.false_positives:
                typer.echo(f"wrong {SINGULAR[name]}: {item}")
        for item in result.negatives_extracted:
            typer.echo(f"negative extracted: {item}")
        for item in result.unannotated:
            typer.echo(f"not annotated: {item}")


# ---- kg validate ----


@app.command("validate")
def validate_command(
    old_graph: Annotated[Optional[Path], typer.Argument(hidden=True, show_default=False)] = None,
    graph: Graph = DEFAULT_GRAPH,
    shapes: Annotated[Optional[Path], typer.Option("--shapes", metavar="FILE", dir_okay=False, help="SHACL shapes (Turtle)  [default: the shipped shapes.ttl]", show_default=False)] = None,
    format: Annotated[StatsFormat, typer.Option("--format", "-f", help="Report as text lines or JSON.")] = StatsFormat.text,
    default_graph_only: DefaultGraphOnly = False,
) -> None:
    """Check a graph against the SHACL shapes: print each violation (node — property — problem); exit 1 if it does not conform."""
    import json

    from kg.api import validate

    if old_graph is not None:
        deprecated("the GRAPH argument of kg validate", "--graph/-g")
        graph = old_graph
    with user_errors():
        report = validate(graph, shapes=shapes, default_graph_only=default_graph_only)
    if format is StatsFormat.json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        for line in report.lines():
            typer.echo(line)
        typer.echo(f"{graph}: {report.summary()}")
    raise typer.Exit(code=0 if report.conforms else 1)
