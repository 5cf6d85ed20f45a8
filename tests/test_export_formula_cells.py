"""Article text in a CSV never becomes a live spreadsheet formula: `kg export -f csv`, `kg query -f csv`
and the Neo4j import CSVs prefix a cell that starts with = + - @, a tab or a CR with `'` (OWASP), and
leave every other cell, plain numbers included, exactly as it was."""
from __future__ import annotations

import csv
import io

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.export import export_graph
from kg.export.terms import spreadsheet_cell
from kg.namespace import BASE, OX_KG, OX_PROV, OX_RDF, OX_RDFS, OX_XSD
from kg.store import save_graph

HOSTILE = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A9)",
           "\t=1+1", "\r=1+1"]
HARMLESS = ["Acme", "-4", "+3.5", "1e-3", "a=b", " =1"]


def node(name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{BASE}entity/{name}")


@pytest.fixture
def store() -> ox.Store:
    """Entities labelled with each hostile and harmless text, a fact between two of them whose
    statement quotes a hostile sentence, and a negative number."""
    quads = []
    for number, label in enumerate(HOSTILE + HARMLESS):
        quads.append(ox.Quad(node(f"e{number}"), OX_RDF.type, OX_KG.Organization))
        quads.append(ox.Quad(node(f"e{number}"), OX_RDFS.label, ox.Literal(label)))
    statement = ox.NamedNode(f"{BASE}statement/s1")
    fact = (node("e0"), OX_KG.uses, node("e1"))
    quads += [ox.Quad(*fact), ox.Quad(statement, OX_RDF.type, OX_RDF.Statement),
              ox.Quad(statement, OX_RDF.subject, fact[0]), ox.Quad(statement, OX_RDF.predicate, fact[1]),
              ox.Quad(statement, OX_RDF.object, fact[2]),
              ox.Quad(statement, OX_PROV.wasDerivedFrom, ox.NamedNode(f"{BASE}source/a")),
              ox.Quad(statement, OX_KG.sentence, ox.Literal("=WEBSERVICE(\"http://evil.example\")")),
              ox.Quad(node("e0"), OX_KG.value, ox.Literal("-4", datatype=OX_XSD.integer))]
    store = ox.Store()
    store.extend(quads)
    return store


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def file_cells(path) -> list[str]:
    """The cells of a CSV file, read as a spreadsheet would (a CR inside a cell stays a CR)."""
    with path.open(newline="", encoding="utf-8") as handle:
        return cells(handle.read())


def assert_inert(found: list[str], texts: list[str]) -> None:
    """Each text is in `found` as a prefixed cell when hostile, as itself when harmless; no cell is live."""
    for text in texts:
        expected = text if text in HARMLESS else "'" + text
        assert expected in found, (text, found)
    live = [cell for cell in found if cell.startswith(("=", "+", "-", "@", "\t", "\r")) and cell not in HARMLESS]
    assert live == []


def test_the_cell_rule():
    assert [spreadsheet_cell(text) for text in HOSTILE] == ["'" + text for text in HOSTILE]
    assert [spreadsheet_cell(text) for text in HARMLESS] == HARMLESS


def test_kg_export_csv(store, tmp_path):
    entities, facts = export_graph(store, tmp_path / "graph.csv")
    found = file_cells(entities) + file_cells(facts)
    assert_inert(found, HOSTILE + HARMLESS + ['=WEBSERVICE("http://evil.example")'])


def test_kg_query_csv(store, tmp_path):
    graph = tmp_path / "graph.nt"
    save_graph(store, graph)
    done = CliRunner().invoke(app, ["query", "SELECT ?l WHERE { ?e rdfs:label ?l } ORDER BY ?l", "-g", str(graph), "-f", "csv"])
    assert done.exit_code == 0, done.output
    found = cells(done.stdout)
    assert found[0] == "l"
    assert_inert(found[1:], HOSTILE + HARMLESS)
    assert len(found) == 1 + len(HOSTILE + HARMLESS)


def test_neo4j_import_csvs(store, tmp_path):
    _, _, nodes, relationships = export_graph(store, tmp_path / "graph.cypher")
    with nodes.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    labels = [row["name:string"] for row in rows if row["name:string"]]
    assert_inert(labels, HOSTILE + HARMLESS)
    assert [row["value:long"] for row in rows if row["value:long"]] == ["-4"]  # a number column stays numbers
    assert_inert(file_cells(relationships), [])
