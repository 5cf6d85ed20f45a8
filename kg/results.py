"""Query results as text: a readable table, CSV/TSV and JSON (the SPARQL 1.1 result formats),
Markdown, and Turtle / N-Triples / JSON-LD for CONSTRUCT and DESCRIBE.

The table and Markdown compact IRIs with the project's prefixes and show literals by their text;
CSV, TSV and JSON follow the W3C specifications so other SPARQL tools can read them back.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from enum import Enum

import pyoxigraph as ox

from kg.errors import KgError
from kg.export.terms import spreadsheet_cell
from kg.namespace import PREFIXES
from kg.query import AskResult, GraphResult, Result, SelectResult, ShippedQuery, Term
from kg.store import FORMATS


class OutputFormat(str, Enum):
    """How `kg query` prints a result."""

    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    markdown = "markdown"
    ttl = "ttl"
    nt = "nt"
    jsonld = "jsonld"


def format_result(result: Result, format: OutputFormat | str | None = None, *, width: int | None = None) -> str:
    """`result` as text in `format` (default: a table for SELECT and ASK, Turtle for graphs).

    ASK gives `true`/`false` (or SPARQL JSON with `json`); a table fits `width` columns when given.
    Raises KgError (exit 2) when the format does not fit the kind of result, e.g. `csv` for a
    CONSTRUCT query.
    """
    fmt = to_format(format) if format else None
    if isinstance(result, GraphResult):
        return format_graph(result, fmt or OutputFormat.ttl)
    if isinstance(result, SelectResult) and (fmt or OutputFormat.table) is OutputFormat.table:
        return format_table(result, width)
    writers = _ASK_WRITERS if isinstance(result, AskResult) else _SELECT_WRITERS
    writer = writers.get(fmt or OutputFormat.table)
    if writer is None:
        kind = "ASK" if isinstance(result, AskResult) else "SELECT"
        known = ", ".join(f.value for f in writers)
        raise KgError(f"format {fmt.value} does not fit a {kind} query (use one of: {known})", exit_code=2)
    return writer(result)


def to_format(name: OutputFormat | str) -> OutputFormat:
    """The output format called `name`; raises KgError (exit 2) naming the known ones."""
    try:
        return OutputFormat(name)
    except ValueError:
        known = ", ".join(f.value for f in OutputFormat)
        raise KgError(f"unknown output format {name!r} (known: {known})", exit_code=2) from None


def format_graph(result: GraphResult, fmt: OutputFormat) -> str:
    """The triples of a CONSTRUCT/DESCRIBE result in an RDF format, with the project's prefixes."""
    if fmt not in _GRAPH_FORMATS:
        known = ", ".join(f.value for f in _GRAPH_FORMATS)
        raise KgError(f"format {fmt.value} does not fit a CONSTRUCT/DESCRIBE query (use one of: {known})", exit_code=2)
    rdf_format = FORMATS[fmt.value]
    prefixes = PREFIXES if rdf_format == ox.RdfFormat.TURTLE else None
    return ox.serialize(result.triples, format=rdf_format, prefixes=prefixes).decode("utf-8")


_GRAPH_FORMATS = (OutputFormat.ttl, OutputFormat.nt, OutputFormat.jsonld)


def show_term(term: Term | None) -> str:
    """A term as a person reads it: `ent:ubisoft`, `<iri>`, a literal's text, `_:b0`, '' if unbound.

    >>> show_term(ox.NamedNode("https://example.org/kg/entity/ubisoft"))
    'ent:ubisoft'
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact_iri(term.value)
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def compact_iri(iri: str) -> str:
    """`prefix:local` with the longest matching project namespace, else `<iri>`."""
    for prefix, namespace in _NAMESPACES_LONGEST_FIRST:
        local = iri[len(namespace) :]
        if iri.startswith(namespace) and not any(c in local for c in "/#?"):
            return f"{prefix}:{local}"
    return f"<{iri}>"


_NAMESPACES_LONGEST_FIRST = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def format_table(result: SelectResult, width: int | None = None) -> str:
    """Aligned columns under a header, then a row count: for reading in a terminal. With `width` (the
    terminal's), the widest columns are cut with "…" until a row fits, so that rows do not wrap.

    >>> row = (ox.Literal("a" * 30), ox.Literal("b" * 30))
    >>> print(format_table(SelectResult(("x", "y"), (row,)), width=40), end="")
    x                    y
    -------------------  -------------------
    aaaaaaaaaaaaaaaaaa…  bbbbbbbbbbbbbbbbbb…
    (1 row)
    """
    cells = [[one_line(show_term(term)) for term in row] for row in result.rows]
    widths = [max([len(name), *(len(row[i]) for row in cells)]) for i, name in enumerate(result.variables)]
    if width is not None:
        widths = fit_widths(widths, width - 2 * (len(widths) - 1))
        cells = [[text if len(text) <= size else text[: size - 1] + "…" for text, size in zip(row, widths)] for row in cells]
    lines = [
        "  ".join(text.ljust(width) for text, width in zip(line, widths)).rstrip()
        for line in [list(result.variables), ["-" * width for width in widths], *cells]
    ]
    count = len(result.rows)
    return "\n".join([*lines, f"({count} row{'' if count == 1 else 's'})"]) + "\n"


def fit_widths(widths: list[int], room: int, narrowest: int = 8) -> list[int]:
    """Column widths shrunk, widest first, until they add up to `room` (none below `narrowest`)."""
    widths = list(widths)
    while sum(widths) > room and max(widths) > narrowest:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    return widths


def format_markdown(result: SelectResult) -> str:
    """A GitHub-flavoured Markdown table; `|` in values is escaped."""
    def line(values: Sequence[str]) -> str:
        return "| " + " | ".join(one_line(v).replace("|", "\\|") for v in values) + " |"

    rows = [line([show_term(term) for term in row]) for row in result.rows]
    return "\n".join([line(result.variables), line(["---"] * len(result.variables)), *rows]) + "\n"


def one_line(text: str) -> str:
    """`text` with line breaks shown as spaces, so that one row stays on one line."""
    return " ".join(text.splitlines())


def format_csv(result: SelectResult) -> str:
    """SPARQL 1.1 CSV: a header of variable names, IRIs and literals as plain text, CRLF line ends;
    a value that starts like a spreadsheet formula gets a leading `'` (see spreadsheet_cell)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if term is None else spreadsheet_cell(csv_value(term)) for term in row])
    return buffer.getvalue()


def csv_value(term: Term) -> str:
    """A term in SPARQL CSV: an IRI or a literal's text as is, a blank node as `_:id`."""
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)


def format_tsv(result: SelectResult) -> str:
    """SPARQL 1.1 TSV: a header of `?variables`, terms in N-Triples syntax, empty when unbound."""
    lines = ["\t".join(f"?{name}" for name in result.variables)]
    lines += ["\t".join("" if term is None else str(term) for term in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def format_json(result: SelectResult) -> str:
    """SPARQL 1.1 Query Results JSON, compact (pipe it to `jq` to read it); unbound variables are
    left out of a row's bindings."""
    bindings = [
        {name: json_term(term) for name, term in zip(result.variables, row) if term is not None}
        for row in result.rows
    ]
    document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def json_term(term: Term) -> dict[str, object]:
    """One RDF term as a SPARQL JSON object (`type`, `value`, and `datatype` or `xml:lang`)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        parts = {"subject": term.subject, "predicate": term.predicate, "object": term.object}
        return {"type": "triple", "value": {key: json_term(part) for key, part in parts.items()}}
    if term.language:
        return {"type": "literal", "value": term.value, "xml:lang": term.language}
    if term.datatype.value == _XSD_STRING:
        return {"type": "literal", "value": term.value}
    return {"type": "literal", "value": term.value, "datatype": term.datatype.value}


_XSD_STRING = PREFIXES["xsd"] + "string"


def format_boolean(result: AskResult) -> str:
    """`true` or `false` on a line."""
    return f"{str(result.boolean).lower()}\n"


def format_boolean_json(result: AskResult) -> str:
    """SPARQL 1.1 Query Results JSON for an ASK query."""
    return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"


_SELECT_WRITERS: dict[OutputFormat, Callable[[SelectResult], str]] = {
    OutputFormat.table: format_table,
    OutputFormat.csv: format_csv,
    OutputFormat.tsv: format_tsv,
    OutputFormat.json: format_json,
    OutputFormat.markdown: format_markdown,
}
_ASK_WRITERS: dict[OutputFormat, Callable[[AskResult], str]] = {
    OutputFormat.table: format_boolean,
    OutputFormat.json: format_boolean_json,
}


def format_query_list(queries: Sequence[ShippedQuery]) -> str:
    """The shipped queries as `name  description` lines, names aligned."""
    width = max((len(q.name) for q in queries), default=0)
    return "".join(f"{q.name.ljust(width)}  {q.description}\n" for q in queries)
