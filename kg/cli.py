"""The `kg` command line: thin typer commands over the Python API with the same verbs.

Each command parses options, calls one API function and turns a KgError into a one-line message on
stderr and its exit code. Heavy modules are imported inside the commands that need them.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.errors import KgError
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
        typer.echo(f"kg: error: {error.message}", err=True)
        raise typer.Exit(code=error.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("kg: interrupted", err=True)
        raise typer.Exit(code=130) from None


def warn(message: str) -> None:
    """Print a one-line warning on stderr."""
    typer.echo(f"kg: warning: {message}", err=True)


# ---- commands are added below, one block per verb; keep each block thin ----


# ---- viz / stats: look at the graph ----


class StatsFormat(str, Enum):
    """Output formats of `kg stats`."""

    text = "text"
    json = "json"


@app.command()
def viz(
    graph: Annotated[Path, typer.Option("--graph", help="RDF graph to draw.", dir_okay=False)] = Path("output/graph.ttl"),
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML page to write.", dir_okay=False)] = Path("output/graph.html"),
    focus: Annotated[Optional[str], typer.Option(help="Draw only around this entity: IRI, ent:x or a label.")] = None,
    depth: Annotated[int, typer.Option(min=0, help="Hops around --focus (edges either way).")] = 1,
    types: Annotated[Optional[str], typer.Option(help="Only these classes, e.g. Person,Organization.")] = None,
    max_nodes: Annotated[int, typer.Option(min=1, help="Keep the N most connected nodes.")] = 300,
    no_physics: Annotated[bool, typer.Option("--no-physics", help="Draw without the force layout.")] = False,
) -> None:
    """Draw the graph as one self-contained HTML page that works offline; click a node for its sources."""
    from kg.viz import draw_graph

    with user_errors():
        kinds = [kind.strip() for kind in (types or "").split(",") if kind.strip()]
        drawn = draw_graph(graph, output, focus=focus, depth=depth, types=kinds, max_nodes=max_nodes, physics=not no_physics)
    typer.echo(f"wrote {output}: {drawn.graph.number_of_nodes()} nodes, {drawn.graph.number_of_edges()} edges")
    if drawn.dropped:
        shown = ", ".join(list(drawn.dropped.values())[:10])
        more = f" and {len(drawn.dropped) - 10} more" if len(drawn.dropped) > 10 else ""
        warn(f"--max-nodes {max_nodes} dropped {len(drawn.dropped)} less connected nodes: {shown}{more}")


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
        result = query(graph, load_query(source), bindings=parse_bindings(bind or []))
        typer.echo(format_result(result, format), nl=False)
    if isinstance(result, AskResult) and not result:
        raise typer.Exit(code=1)
