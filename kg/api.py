"""kg's Python API: the CLI's verbs as functions, with the CLI's option names.

    >>> import kg
    >>> graph = kg.load("tests/data/sample-graph.ttl")
    >>> kg.query(graph, "ceo", org="Ubisoft")[0]["personLabel"]
    'Yves Guillemot'

Each function takes a graph as a `pyoxigraph.Store` (what `load` gives) or a path to an RDF file. The
verbs that share their name with a module of kg (`kg.build`, `kg.query`, `kg.export`, `kg.push`,
`kg.validate`, `kg.search`) are reached as `kg.<verb>(...)`: those modules are callable (see `VerbModule`), so
`kg.query.hint_values` and `kg.query(graph, "ceo")` both work. Heavy modules load on first use only.
"""
from __future__ import annotations

import datetime
import html
import os
import shutil
import sys
import tempfile
import types
from decimal import Decimal, InvalidOperation
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import KgError

if TYPE_CHECKING:
    import pyoxigraph as ox

    from kg.build import BuildReport
    from kg.push import PushedGraph
    from kg.search import EntityMatch
    from kg.validate import ValidationReport

    Graph = ox.Store | str | os.PathLike[str]
    """A graph: a store, or the path of an RDF file."""


class VerbModule(types.ModuleType):
    """A module of kg that can be called as the API verb of the same name: `kg.query(graph, "ceo")`
    runs `kg.api.query` while `kg.query.load_query` stays the module's function."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return getattr(sys.modules[__name__], self.__name__.rpartition(".")[2])(*args, **kwargs)


def callable_verb(module_name: str) -> None:
    """Make the module `module_name` (kg.build, kg.query, …) callable as its verb."""
    sys.modules[module_name].__class__ = VerbModule


def load(graph: Graph, *, default_graph_only: bool = False) -> ox.Store:
    """Read an RDF file (`-`: standard input; any format kg reads) into an in-memory store. A dataset
    (N-Quads, TriG) is read as the union of its graphs unless `default_graph_only`.

    >>> len(load("tests/data/sample-graph.ttl")) > 100
    True
    """
    import pyoxigraph as ox

    from kg.store import load_graph

    return graph if isinstance(graph, ox.Store) else load_graph(graph, default_graph_only=default_graph_only)


def build(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], output: str | os.PathLike[str] = "output/graph.ttl",
          **options: Any) -> BuildReport:
    """Build the graph of the articles under `paths` (files or folders) into `output`, whose extension
    names the RDF format; `options` are those of `kg.build.build` (jobs, cache_dir, engine, …).

    `output` `-` writes Turtle to standard output (the cache, unless given, is then .kg-cache here).

    >>> import tempfile
    >>> report = build("seeds", tempfile.mkdtemp() + "/graph.ttl", cache_dir=None)
    >>> report.articles, report.facts > 20
    (3, True)
    """
    from kg.build import CacheDefault
    from kg.build import build as build_graph

    sources = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    if str(output) != "-":
        return build_graph(sources, output, **options)
    if options.get("cache_dir", CacheDefault.BESIDE_OUTPUT) is CacheDefault.BESIDE_OUTPUT:
        options["cache_dir"] = Path(".kg-cache")
    with tempfile.TemporaryDirectory(prefix="kg-build-") as folder:
        report = build_graph(sources, Path(folder) / "graph.ttl", **options)
        _copy_to_stdout(report.output)
    report.output = Path("-")
    return report


class IRI(str):
    """An IRI in a query's answer: a string that `query` binds back as an IRI, not as text."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"IRI({str(self)!r})"


class Rows(list):
    """A SELECT query's answer: one dict per row, variable name → Python value (None when unbound)."""

    def __init__(self, variables: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
        super().__init__(rows)
        self.variables = tuple(variables)

    def to_pandas(self) -> Any:
        """The rows as a pandas DataFrame, one column per variable (needs pandas installed)."""
        try:
            import pandas
        except ImportError:
            raise KgError("to_pandas needs pandas: pip install pandas", exit_code=2) from None
        return pandas.DataFrame(list(self), columns=list(self.variables))


def python_value(term: Any) -> Any:
    """An RDF term as a Python value: IRIs as IRI, numbers, booleans and dates as such, other literals
    as their text, blank nodes as `_:id`.

    >>> import pyoxigraph as ox
    >>> python_value(ox.Literal("11.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")))
    Decimal('11.5')
    """
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return IRI(term.value)
    if not isinstance(term, ox.Literal):
        return str(term)
    kind = term.datatype.value.rpartition("#")[2] if term.datatype.value.startswith(_XSD) else ""
    reader = _READERS.get(kind)
    try:
        return reader(term.value) if reader is not None else term.value
    except (ValueError, InvalidOperation):
        return term.value


_XSD = "http://www.w3.org/2001/XMLSchema#"
_READERS: dict[str, Any] = {
    "integer": int, "int": int, "long": int, "short": int, "nonNegativeInteger": int, "positiveInteger": int,
    "decimal": Decimal, "double": float, "float": float, "boolean": lambda text: text in {"true", "1"},
    "date": datetime.date.fromisoformat, "dateTime": datetime.datetime.fromisoformat,
}
"""XSD datatype local name → the Python value of a literal of that type (built once, read for every cell)."""


def rdf_term(name: str, value: Any) -> Any:
    """The RDF term a Python value bound to ?`name` stands for (the inverse of `python_value`): an IRI
    for IRI, a typed literal for a number, boolean or date, a term as it is. Raises KgError (exit 2)
    for another type.

    >>> import datetime
    >>> rdf_term("d", datetime.date(2025, 10, 15))
    <Literal value=2025-10-15 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#date>>
    """
    import datetime
    from decimal import Decimal

    import pyoxigraph as ox

    if isinstance(value, IRI):
        return ox.NamedNode(value)
    if isinstance(value, ox.NamedNode | ox.Literal | ox.BlankNode):
        return value
    if isinstance(value, bool | int | float):
        return ox.Literal(value)
    kinds = ((Decimal, "decimal"), (datetime.datetime, "dateTime"), (datetime.date, "date"))
    kind = next((xsd for python, xsd in kinds if isinstance(value, python)), None)
    if kind is None:
        raise KgError(f"cannot bind ?{name} to a {type(value).__name__}: give a string, a number, a date or an IRI", exit_code=2)
    return ox.Literal(value.isoformat() if kind != "decimal" else str(value), datatype=ox.NamedNode(_XSD + kind))


def query(graph: Graph, query: str, /, *, default_graph_only: bool = False, max_rows: int | None = None,
          allow_service: bool = False, bindings: Mapping[str, Any] | None = None, **bound: Any) -> Rows | bool | list:
    """Run a shipped query by name (see `kg query --list`), a .rq file or SPARQL text over `graph`.

    Keyword arguments bind variables: `org="Netflix"` binds ?org to the entity called Netflix (label,
    alias or IRI local name), `org="ent:netflix"` to that IRI, `org=IRI(...)` to an IRI from an earlier
    answer, a number, boolean or date to that typed literal; `bindings` takes names that clash with the
    options. SELECT gives Rows (dicts of Python
    values, `.to_pandas()`), ASK a bool, CONSTRUCT and DESCRIBE a list of triples.

    >>> rows = query("tests/data/sample-graph.ttl", "ceo", org="Ubisoft")
    >>> rows[0]["org"], rows[0]["personLabel"]
    (IRI('https://example.org/kg/entity/ubisoft'), 'Yves Guillemot')
    >>> query("tests/data/sample-graph.ttl", "ASK { ?p kg:ceoOf ent:ubisoft }")
    True
    """
    from kg.query import MAX_ROWS, AskResult, SelectResult, load_query
    from kg.query import query as run

    values = {name: value if isinstance(value, str) and not isinstance(value, IRI) else rdf_term(name, value)
              for name, value in {**(bindings or {}), **bound}.items()}
    result = run(graph, load_query(query), bindings=values, max_rows=max_rows or MAX_ROWS, allow_service=allow_service,
                 default_graph_only=default_graph_only)
    if isinstance(result, AskResult):
        return result.boolean
    if isinstance(result, SelectResult):
        return Rows(result.variables, (dict(zip(result.variables, map(python_value, row))) for row in result.rows))
    return list(result.triples)


@dataclass(frozen=True)
class Page:
    """A drawn graph: the self-contained HTML page, shown inline in Jupyter; `save` writes it."""

    html: str
    nodes: int
    edges: int

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to `path` (atomically)."""
        from kg.files import atomic_write

        with atomic_write(Path(path)) as handle:
            handle.write(self.html)
        return Path(path)

    def _repr_html_(self) -> str:
        return f'<iframe srcdoc="{html.escape(self.html)}" style="width:100%;height:600px;border:0"></iframe>'


def draw(graph: Graph, output: str | os.PathLike[str] | None = None, *, focus: str | None = None, depth: int = 1,
         types: Iterable[str] = (), max_nodes: int = 500, physics: bool = True,
         default_graph_only: bool = False) -> Page:
    """Draw `graph` as the offline HTML page `kg viz` writes (to `output` when given) and return it.

    >>> page = draw("tests/data/sample-graph.ttl")
    >>> page.nodes > 5, page.html.startswith("<!DOCTYPE html>") or page.html.startswith("<html")
    (True, True)
    """
    from kg.viz import draw_graph

    store = load(graph, default_graph_only=default_graph_only)
    with tempfile.TemporaryDirectory(prefix="kg-draw-") as folder:
        target = Path(output) if output is not None else Path(folder) / "graph.html"
        drawn = draw_graph(store, target, focus=focus, depth=depth, types=list(types), max_nodes=max_nodes, physics=physics)
        page = target.read_text(encoding="utf-8")
    shown = set(drawn.view.shown)
    edges = sum(1 for fact in drawn.explorer.facts if fact.source in shown and fact.target in shown)
    return Page(page, len(shown), edges)


def export(graph: Graph, output: str | os.PathLike[str], *, format: str | None = None, split_every: int | None = None,
           lang: str = "en", default_graph_only: bool = False) -> list[Path]:
    """Write `graph` for another tool to `output` (`-`: standard output, for the text formats); the format
    follows the extension unless given; GraphML, GEXF, CSV and Neo4j name classes and properties by their
    labels in `lang` (fr or en). Returns the files written.

    >>> import tempfile
    >>> [path.suffix for path in export("tests/data/sample-graph.ttl", tempfile.mkdtemp() + "/graph.nq")]
    ['.nq']
    """
    from kg.export import export_graph

    store = load(graph, default_graph_only=default_graph_only)
    if str(output) != "-":
        return export_graph(store, output, format=format, split_every=split_every, lang=lang)
    if format is None or split_every is not None or format.lower() in _NOT_ONE_FILE:
        raise KgError("to write to standard output (-o -), give a --format that is one text file "
                      "(ttl, nt, nq, trig, jsonld, xml, graphml, gexf) and no --split-every", exit_code=2)
    with tempfile.TemporaryDirectory(prefix="kg-export-") as folder:
        written = export_graph(store, Path(folder) / "graph", format=format, lang=lang)
        _copy_to_stdout(written[0])
    return []


def _copy_to_stdout(path: Path) -> None:
    """Stream a written file to standard output (a graph may not fit in memory twice)."""
    sys.stdout.flush()
    with open(path, "rb") as handle:
        shutil.copyfileobj(handle, sys.stdout.buffer)
    sys.stdout.buffer.flush()


_NOT_ONE_FILE = {"csv", "neo4j", "cypher"}
"""Export formats written as several files."""


def push(graph: Graph, endpoint: str | None = None, *, sparql_update: str | None = None, into: str | None = None,
         replace: bool = False, query_endpoint: str | None = None, default_graph_only: bool = False,
         **options: Any) -> list[PushedGraph]:
    """Send `graph` to a store's Graph Store `endpoint` (or by SPARQL Update to `sparql_update`), then
    verify it there; `into` puts everything in one graph. The query endpoint is derived for Oxigraph,
    Fuseki and Virtuoso when not given. `options`: user, password_env, auth, batch_size, retries,
    backoff, timeout, shared_graph, log. Raises KgError; NotVerified (exit 3) when the data was sent
    but could not be checked.

    >>> push("tests/data/sample-graph.ttl", "localhost:7878/store")
    Traceback (most recent call last):
    kg.errors.KgError: the endpoint must be an http(s) URL with a host, not 'localhost:7878/store'
    """
    from kg.push import SHARED_GRAPH, check_endpoint, make_client, push_graph

    if (endpoint is None) == (sparql_update is None):
        raise KgError("give either an ENDPOINT (Graph Store Protocol) or --sparql-update URL", exit_code=2)
    target = endpoint or sparql_update
    check_endpoint(target)
    client_options = {key: options.pop(key) for key in ("user", "password_env", "retries", "backoff", "timeout", "log") if key in options}
    if "auth" in options:
        client_options["auth_scheme"] = options.pop("auth")
    client = make_client(target, **client_options)
    return push_graph(load(graph, default_graph_only=default_graph_only), target, protocol="gsp" if endpoint else "update",
                      graph=into, shared_graph=options.pop("shared_graph", None) or SHARED_GRAPH, replace=replace,
                      query_endpoint=query_endpoint, client=client, **options)


def validate(graph: Graph, *, shapes: str | os.PathLike[str] | None = None, default_graph_only: bool = False) -> ValidationReport:
    """Check `graph` against the SHACL shapes (the shipped ones by default).

    >>> validate("tests/data/sample-graph.ttl").conforms
    True
    """
    from kg.validate import SHAPES, validate_graph

    return validate_graph(load(graph, default_graph_only=default_graph_only), shapes=shapes or SHAPES)


def search(graph: Graph, text: str, *, exact: bool = False, lang: str = "en", default_graph_only: bool = False) -> list[EntityMatch]:
    """The entities whose label, alias or IRI local name contains `text` (is `text`, with `exact`), any
    case, most facts first.

    >>> [match.label for match in search("tests/data/sample-graph.ttl", "guillemot")]
    ['Yves Guillemot']
    """
    from kg.search import find_entities

    return find_entities(load(graph, default_graph_only=default_graph_only), text, exact=exact, lang=lang)
