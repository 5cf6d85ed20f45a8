"""SPARQL over a graph with Oxigraph: query text, a .rq file, or a named query shipped in queries/.

The project's prefixes (kg.namespace.PREFIXES) are pre-declared, so `ent:ubisoft` works without a
PREFIX line. Values go into a query as bindings (Oxigraph substitutions), never pasted into its text
as typed, so a value holding quotes or braces cannot change the query; a copy written by pyoxigraph
as a VALUES clause lets Oxigraph plan with them. No spaCy here: `kg query` starts fast.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from itertools import islice
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.data import QUERIES_DIR
from kg.api import callable_verb
from kg.errors import KgError
from kg.namespace import PREFIXES, graph_base, minted_prefixes
from kg.store import discard_store, open_graph


Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
"""An RDF term as Oxigraph gives it back in a result row."""


@dataclass(frozen=True)
class SelectResult:
    """The answer to a SELECT query: variable names and rows (None where a variable is unbound)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]


@dataclass(frozen=True)
class AskResult:
    """The answer to an ASK query; truthy when the pattern matches."""

    boolean: bool

    def __bool__(self) -> bool:
        return self.boolean


@dataclass(frozen=True)
class GraphResult:
    """The answer to a CONSTRUCT or DESCRIBE query: triples, sorted so that output is stable."""

    triples: tuple[ox.Triple, ...]


Result = SelectResult | AskResult | GraphResult


@dataclass(frozen=True)
class ShippedQuery:
    """A named query in queries/: its name (the file stem), one-line description and file."""

    name: str
    description: str
    path: Path


def list_queries() -> list[ShippedQuery]:
    """The shipped named queries, sorted by name."""
    return [
        ShippedQuery(path.stem, read_description(path), path)
        for path in sorted(QUERIES_DIR.glob("*.rq"))
    ]


def read_description(path: Path) -> str:
    """The text of the query file's first line when it is a `#` comment, else ''."""
    first = path.read_text(encoding="utf-8").partition("\n")[0]
    return first.lstrip("#").strip() if first.startswith("#") else ""


_NAME = re.compile(r"[\w.-]+")


def load_query(spec: str) -> str:
    """SPARQL text from `spec`: the name of a shipped query, a path to a .rq file, or SPARQL itself.

    A shipped name wins over a file of that name in the current folder (`kg query ceo` never runs a
    file `./ceo` someone left there; `./ceo` does). A single word that is neither is an unknown name,
    never SPARQL text. Raises KgError (exit 2) for an unreadable or missing file, or an unknown name.
    """
    for path in query_paths(spec):
        if path.is_file():
            try:
                return path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise KgError(f"cannot read query file {path}: {error}", exit_code=2) from None
    if spec.endswith(".rq"):
        raise KgError(f"query file not found: {spec}", exit_code=2)
    if not _NAME.fullmatch(spec):
        return spec
    names = ", ".join(shipped.name for shipped in list_queries())
    raise KgError(f"no shipped query named {spec!r} (known: {names})", exit_code=2)


def query_paths(spec: str) -> list[Path]:
    """The files `spec` may name: a shipped query (when it is a single word), then itself as a path."""
    if "\n" in spec or len(spec) > 255:
        return []
    shipped = [QUERIES_DIR / spec, QUERIES_DIR / f"{spec}.rq"] if _NAME.fullmatch(spec) else []
    return [*shipped, Path(spec)]


_VARIABLE = re.compile(r"[?$]?([A-Za-z_][A-Za-z0-9_]*)")
_PREFIXED_NAME = re.compile(r"([A-Za-z][\w-]*):(\S*)")


def parse_bindings(pairs: Iterable[str]) -> dict[str, str]:
    """Split `NAME=VALUE` strings (the CLI's --bind) into a name → value mapping.

    Raises KgError (exit 2) when a pair has no `=` or the name is not a SPARQL variable name.
    """
    bindings: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        match = _VARIABLE.fullmatch(name.strip())
        if not sep or not match:
            raise KgError(f"--bind takes NAME=VALUE with NAME a variable name, not {pair!r}", exit_code=2)
        bindings[match.group(1)] = value
    return bindings


def parse_term(value: str, prefixes: Mapping[str, str] = PREFIXES) -> ox.NamedNode | ox.Literal:
    """The RDF term a bound value stands for (`prefixes`: the graph's, see `graph_prefixes`).

    `<https://…>` is an IRI; `prefix:name` with a project prefix (`ent:netflix`, `kg:ceoOf`) is that
    IRI; `"…"` is the string literal inside the quotes; anything else is a plain string literal (which
    `bound_term` then reads as the entity it names, if any).
    Raises KgError (exit 2) for an invalid IRI.
    >>> parse_term("ent:netflix")
    <NamedNode value=https://example.org/kg/entity/netflix>
    """
    try:
        if len(value) >= 2 and value[0] == "<" and value[-1] == ">":
            return ox.NamedNode(value[1:-1])
        if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
            return ox.Literal(value[1:-1])
        match = _PREFIXED_NAME.fullmatch(value)
        if match and match.group(1) in prefixes:
            return ox.NamedNode(prefixes[match.group(1)] + match.group(2))
    except ValueError as error:
        raise KgError(f"not a valid IRI: {value} ({error})", exit_code=2) from None
    return ox.Literal(value)


def bound_term(store: ox.Store, name: str, value: str | Term) -> Term:
    """The term bound to ?`name`: a term as given; a string read by `parse_term`, except that an unquoted
    string naming exactly one entity of `store` (label, alias or IRI local name, any case:
    `org=Netflix`, `org=netflix`) is that entity. Raises KgError (exit 2) when it names several.
    """
    if not isinstance(value, str):
        return value
    term = parse_term(value, graph_prefixes(store))
    if isinstance(term, ox.Literal) and not value.startswith('"'):
        from kg.search import entity_named

        return entity_named(store, value, what=f"--bind {name}=") or term
    return term


MAX_ROWS = 1_000_000
"""Most rows (or CONSTRUCT triples) a query may return: an answer is held in memory whole, so a
runaway join stops with a message instead of taking the machine's memory."""


def query(
    graph: ox.Store | str | os.PathLike[str],
    text: str,
    *,
    bindings: Mapping[str, str | Term] | None = None,
    persistent: bool | None = None,
    max_rows: int = MAX_ROWS,
    allow_service: bool = False,
    default_graph_only: bool = False,
) -> Result:
    """Run SPARQL `text` over `graph` (a store, or an RDF file opened with `open_graph(persistent=)`:
    big files through their persistent store) with the project's prefixes.

    The default graph a query reads is the union of all the graphs of a dataset (N-Quads, TriG), so a
    query finds the facts whatever graph holds them; `default_graph_only` reads the default graph alone.
    GRAPH still names each graph.

    `bindings` pre-bind variables by name (string values are read with `parse_term`); Oxigraph
    binds only variables the query selects. A persistent store that fails while answering is a
    damaged cache: it is deleted and the query runs once more on a new one. A query with SERVICE
    (which sends requests to other servers) runs only with `allow_service`. Raises KgError: exit 2
    for a syntax error (with line and column), a binding of a variable the query does not select,
    SERVICE without `allow_service`, or an unreadable graph file; exit 1 when evaluation fails or the
    answer has more than `max_rows` rows.
    """
    if not allow_service and calls_service(text):
        raise KgError("the query calls SERVICE, which sends requests to other servers: "
                      "pass --allow-service to let it", exit_code=2)
    union = not default_graph_only

    def answer(store: ox.Store) -> Result:
        substitutions = {ox.Variable(name): bound_term(store, name, value) for name, value in (bindings or {}).items()}
        return collect(run_query(store, text, substitutions, union=union), max_rows)

    try:
        if isinstance(graph, ox.Store):
            return answer(graph)
        try:
            return answer(open_graph(graph, persistent=persistent))
        except (RuntimeError, OSError) as error:
            if persistent is False or _UNBINDABLE.search(str(error)) or not discard_store(graph):
                raise
            return answer(open_graph(graph, persistent=persistent))
    except SyntaxError as error:
        raise KgError(describe_syntax_error(str(error), text), exit_code=2) from None
    except (RuntimeError, OSError) as error:
        unbindable = _UNBINDABLE.search(str(error))
        if unbindable:
            raise KgError(f"cannot bind ?{unbindable.group(1)}: the query does not select it", exit_code=2) from None
        raise KgError(f"query failed: {error}", exit_code=1) from None


def collect(answer: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, max_rows: int) -> Result:
    """Oxigraph's lazy answer as a Result, reading at most `max_rows` rows (KgError, exit 1, beyond)."""
    if isinstance(answer, ox.QueryBoolean):
        return AskResult(bool(answer))
    items = list(islice(answer, max_rows + 1))
    if len(items) > max_rows:
        raise KgError(f"the answer has more than {max_rows:,} rows: add a LIMIT, or raise --max-rows", exit_code=1)
    if isinstance(answer, ox.QueryTriples):
        return GraphResult(tuple(sorted(items, key=str)))
    names = tuple(variable.value for variable in answer.variables)
    return SelectResult(names, tuple(tuple(solution[name] for name in names) for solution in items))


def run_query(
    store: ox.Store, text: str, substitutions: Mapping[ox.Variable, Term], *, union: bool = True
) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Oxigraph's answer to `text` with `substitutions`, planned with the bound values in view.

    Oxigraph chooses its join order from the query text alone, so a substituted variable does not
    steer it: bound to one entity, facts-about costs nearly what it costs for all of them. The same
    values as a VALUES clause opening the WHERE group do steer it (facts-about 1.0 s → 0.2 s on a
    million triples). The substitutions still apply, so the answer is the same and Oxigraph still
    rejects a binding of a variable the query does not select; when the clause does not fit the
    query (e.g. a BIND of the bound variable), the query runs as written. `union`: the default graph
    is the union of all graphs.
    """
    prefixes = graph_prefixes(store)
    hinted = hint_values(text, substitutions)
    if hinted is not None:
        try:
            return store.query(hinted, prefixes=prefixes, substitutions=substitutions, use_default_graph_as_union=union)
        except SyntaxError:
            pass
    return store.query(text, prefixes=prefixes, substitutions=substitutions, use_default_graph_as_union=union)


def graph_prefixes(store: ox.Store) -> dict[str, str]:
    """The prefixes pre-declared for queries of `store`: the project's, with `ent:`, `event:`, `stmt:` and
    `src:` under the base IRI the graph was built with (`kg build --base-iri`)."""
    return minted_prefixes(graph_base(store))


_SKIPPED = (
    r"""#[^\n]*|"{3}(?:[^"\\]|\\.|"(?!""))*"{3}|'{3}(?:[^'\\]|\\.|'(?!''))*'{3}"""
    r"""|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\x00-\x20]*>"""
)
"""Comments, strings and IRIs: skipped whole when scanning SPARQL text, so that what they hold is not read as syntax."""
_TOKEN = re.compile(_SKIPPED + r"|(\{)")
"""A skipped token, or a brace."""


_SERVICE = re.compile(_SKIPPED + r"|(?<![\w:?$])(SERVICE)(?![\w:-])", re.IGNORECASE)


def calls_service(text: str) -> bool:
    """Whether SPARQL `text` has the SERVICE keyword outside comments, strings and IRIs.

    >>> calls_service("SELECT * { SERVICE <http://x.org/sparql> { ?s ?p ?o } }"), calls_service("# SERVICE")
    (True, False)
    """
    return any(match.group(1) for match in _SERVICE.finditer(text))


def hint_values(text: str, substitutions: Mapping[ox.Variable, Term]) -> str | None:
    """`text` with `VALUES (?a ?b) { (<iri> "literal") }` for the bound IRIs and literals right
    after the first `{` outside comments, strings and IRIs (the WHERE group), or None when nothing
    is bound or there is no brace.

    The terms are written by pyoxigraph in N-Triples syntax, whose escapes keep quotes, braces and
    line breaks inside the term: a bound value cannot break out of the clause.
    >>> hint_values("SELECT ?e { ?e ?p ?o }", {ox.Variable("e"): ox.NamedNode("https://x.org/a")})
    'SELECT ?e { VALUES (?e) { (<https://x.org/a>) } ?e ?p ?o }'
    """
    bound = {variable: term for variable, term in substitutions.items() if isinstance(term, (ox.NamedNode, ox.Literal))}
    brace = next((match.end() for match in _TOKEN.finditer(text) if match.group(1)), None)
    if not bound or brace is None:
        return None
    clause = f" VALUES ({' '.join(map(str, bound))}) {{ ({' '.join(map(str, bound.values()))}) }}"
    return text[:brace] + clause + text[brace:]


_UNBINDABLE = re.compile(r"does not contains? variable \?(\w+)")
_POSITION = re.compile(r"error at (\d+):(\d+):\s*")
_CHAR_CLASSES = re.compile(r"\[[^\[\]]*\.\.=[^\[\]]*\](?:, \[[^\[\]]*\.\.=[^\[\]]*\])*")


_PROLOGUE = re.compile(_SKIPPED + r"|\s+|(?:PREFIX\s+[\w-]*:\s*<[^>]*>|BASE\s*<[^>]*>)", re.IGNORECASE)
"""What may come before a query's form: comments, blanks, PREFIX and BASE lines."""
_KEYWORD = re.compile(r"[A-Za-z]+")
_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
_UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


def query_keyword(text: str) -> str:
    """The first word of SPARQL `text` after its prologue (comments, PREFIX and BASE), upper case.

    >>> query_keyword("# hi\\nPREFIX x: <http://x/> insert data {}")
    'INSERT'
    """
    position = 0
    while (found := _PROLOGUE.match(text, position)) and found.end() > position:
        position = found.end()
    word = _KEYWORD.match(text, position)
    return word.group(0).upper() if word else ""


def describe_syntax_error(message: str, text: str) -> str:
    """A one-line version of Oxigraph's parse error: line, column, what was expected, the line's text.

    Oxigraph lists expected characters as Unicode ranges; they read as "a name character" here.
    """
    match = _POSITION.match(message)
    detail = " ".join(_CHAR_CLASSES.sub("a name character", message[match.end() if match else 0 :]).split())
    keyword = query_keyword(text)
    if keyword in _UPDATES:
        return (f"kg query only reads: {keyword} is a SPARQL update; change the graph with kg build, "
                "or send updates to a store (kg push --sparql-update)")
    if keyword not in _FORMS:
        detail = f"a query starts with {', '.join(_FORMS)} (after any PREFIX or BASE lines), not {keyword or 'this'}"
    if "Prefix not found" in detail:
        detail = f"unknown prefix (pre-declared: {', '.join(PREFIXES)}; declare others with PREFIX)"
    if not match:
        return f"query syntax error: {detail}"
    line, column = int(match.group(1)), int(match.group(2))
    lines = text.splitlines()
    near = f" (in: {lines[line - 1].strip()!r})" if 0 < line <= len(lines) else ""
    return f"query syntax error at line {line}, column {column}: {detail}{near}"


callable_verb(__name__)  # kg.query(...) is the API verb (kg/api.py); kg.query.<name> this module
