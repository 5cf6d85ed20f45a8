"""Checking a graph against ontology/shapes.ttl (SHACL) and reporting what breaks, node by node.

pySHACL runs on an rdflib graph, so the file is parsed by Oxigraph (every RDF format kg reads, with
its error positions) and handed over as N-Triples. ontology/kg.ttl is mixed in as the ontology graph
with no inference: SHACL class targets and sh:class already follow its rdfs:subClassOf, and RDFS
inference would make things worse, not better — rdfs:domain/range would give an untyped or
mistyped node the class it lacks, hiding the very errors the shapes look for (and cost time).
"""
from __future__ import annotations

import os
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from kg.api import callable_verb
from kg.errors import KgError
from kg.data import ONTOLOGY_DIR, ONTOLOGY_FILE
from kg.namespace import PREFIXES
from kg.store import load_graph, store_quads

SHAPES = ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY = ONTOLOGY_FILE
SHAPES_NS = "https://example.org/kg/shapes#"
_NAMES = sorted({**PREFIXES, "kgsh": SHAPES_NS, "sh": str(SH)}.items(), key=lambda item: -len(item[1]))


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node at fault, the property path, what is wrong, how bad, which shape said so."""

    focus: str
    path: str
    message: str
    severity: str
    shape: str
    value: str = ""

    def line(self) -> str:
        """`focus — path — message`, with the offending value when SHACL names one."""
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.focus} — {self.path or '(node)'} — {self.message}{value}"


@dataclass
class ValidationReport:
    """Whether the graph conforms (warnings do not break conformance) and every result, sorted."""

    conforms: bool
    violations: list[Violation]

    def count(self, severity: str) -> int:
        return sum(v.severity == severity for v in self.violations)

    def summary(self) -> str:
        """One line: conforms or not, and how many violations and warnings."""
        verdict = "conforms" if self.conforms else "does not conform"
        return f"{verdict}: {self.count('Violation')} violations, {self.count('Warning')} warnings, {self.count('Info')} infos"

    def lines(self) -> list[str]:
        """A readable line per result, severity first."""
        return [f"{v.severity}: {v.line()}" for v in self.violations]

    def to_dict(self) -> dict:
        return {"conforms": self.conforms, "summary": self.summary(), "violations": [asdict(v) for v in self.violations]}


def validate_graph(graph: str | os.PathLike[str] | ox.Store, *, shapes: str | os.PathLike[str] = SHAPES) -> ValidationReport:
    """Validate a graph (a file in any RDF format kg reads, or a store) against the SHACL shapes.

    Raises KgError (exit 2) when the graph or the shapes file is missing or unreadable.
    """
    import pyshacl  # slow to import; only this command needs it

    store = graph if isinstance(graph, ox.Store) else load_graph(graph)
    shapes_graph = _read_turtle(Path(shapes))
    conforms, results, _ = pyshacl.validate(
        _data_graph(store),
        shacl_graph=shapes_graph,
        ont_graph=_read_turtle(ONTOLOGY),
        inference="none",
        allow_warnings=True,
        inplace=True,
    )
    if isinstance(results, Exception):  # pySHACL returns (not raises) its failures on bad shapes
        raise KgError(f"{shapes}: not usable as SHACL shapes: {results}", exit_code=2)
    violations = sorted(
        (_violation(results, shapes_graph, result) for result in results.subjects(SH.resultSeverity)),
        key=lambda v: (_SEVERITY_ORDER.get(v.severity, 9), v.focus, v.path, v.message, v.value),
    )
    return ValidationReport(bool(conforms), violations)


_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


def _data_graph(store: ox.Store) -> Graph:
    """An rdflib copy of the store's triples (named graphs merged) for pySHACL."""
    data = ox.serialize((quad.triple for quad in store_quads(store)), format=ox.RdfFormat.N_TRIPLES)
    return _PreparedQueries().parse(data=data, format="nt")


class _PreparedQueries(Graph):
    """An rdflib graph that parses each SPARQL text once.

    pySHACL runs a SPARQL constraint once per focus node with the same text; rdflib would parse it
    every time (~0.25 s each), which made validation of a 1,000-statement graph take minutes.
    """

    def query(self, query_object, *args, **kwargs):
        if isinstance(query_object, str):
            query_object = _prepare_query(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=64)
def _prepare_query(text: str) -> Query:
    return prepareQuery(text)


def _read_turtle(path: Path) -> Graph:
    """An rdflib graph of a Turtle file; KgError (exit 2) when it is missing or not Turtle.

    Parsed once per process and file version: tests validate hundreds of small graphs, and parsing
    the shapes and the ontology was a third of each validation. pySHACL adds to them only two fixed
    RDFS axioms, the same every time, so sharing them is safe.
    """
    try:
        return _parse_turtle(path.resolve(), path.stat().st_mtime_ns)
    except FileNotFoundError:
        raise KgError(f"shapes file not found: {path}", exit_code=2) from None
    except Exception as error:  # rdflib raises many parser-specific types
        raise KgError(f"{path}: not valid Turtle: {' '.join(str(error).split())[:300]}", exit_code=2) from None


@lru_cache(maxsize=8)
def _parse_turtle(path: Path, version: int) -> Graph:
    return Graph().parse(path, format="turtle")


def _violation(results: Graph, shapes: Graph, result) -> Violation:
    """One sh:ValidationResult as a Violation with prefixed names."""
    shape = results.value(result, SH.sourceShape)
    if isinstance(shape, BNode):  # an inline property shape: name the node shape that holds it
        shape = shapes.value(predicate=SH.property, object=shape) or shape
    focus = results.value(result, SH.focusNode)
    value = results.value(result, SH.value)
    return Violation(
        focus=short_name(focus),
        path=short_name(results.value(result, SH.resultPath)),
        message=str(results.value(result, SH.resultMessage) or ""),
        severity=short_name(results.value(result, SH.resultSeverity)).removeprefix("sh:"),
        shape=short_name(shape),
        value="" if value == focus else short_name(value),
    )


def short_name(term) -> str:
    """A term as a prefixed name (kg:Person), an <IRI>, a quoted literal, or "" for none."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, namespace in _NAMES:
            if term.startswith(namespace) and re.fullmatch(r"[\w-]+", term[len(namespace):]):
                return f"{prefix}:{term[len(namespace):]}"
        return f"<{term}>"
    if isinstance(term, Literal):
        text = term.n3()
        return text if len(text) <= 80 else text[:77] + "…"
    return "[]" if isinstance(term, BNode) else str(term)


callable_verb(__name__)  # kg.validate(...) is the API verb (kg/api.py); kg.validate.<name> this module
