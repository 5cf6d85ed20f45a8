"""CSV for spreadsheets and pandas, in two files: the entities and the facts.

For `-o out/graph.csv`: `out/graph.entities.csv` has a row per node of the property graph
(kg.export.property: entities, events, values) with its IRI, name, class (the ontology's label) and
class IRI, category, aliases and literal properties ("label: value" pairs); `out/graph.facts.csv` has a
row per fact with subject and object (IRI and name), the property's label and IRI, and the sentence,
article (title and IRI) and confidence of the statement stating it. Cells are spreadsheet-safe: text
starting like a formula (= + - @, tab, CR) gets a leading `'` (kg.export.terms.spreadsheet_cell),
since names and sentences come from articles.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pyoxigraph as ox

from kg.export.property import property_graph
from kg.export.terms import spreadsheet_cell
from kg.files import atomic_write

ENTITY_COLUMNS = ["iri", "name", "class", "class_iri", "category", "aliases", "properties"]
FACT_COLUMNS = ["subject", "subject_name", "predicate_label", "predicate", "object", "object_name",
                "sentence", "article_title", "article", "confidence"]


def csv_paths(path: Path) -> tuple[Path, Path]:
    """The entities and facts files of `-o path`: `graph.csv` → `graph.entities.csv`, `graph.facts.csv`."""
    stem = path.with_suffix("") if path.suffix == ".csv" else path
    return stem.with_name(stem.name + ".entities.csv"), stem.with_name(stem.name + ".facts.csv")


def write_csv(store: ox.Store, path: Path, *, format: str = "csv", lang: str = "en") -> list[Path]:
    """Write the entities and the facts of `store` as two CSV files with header rows; return both paths."""
    found = property_graph(store, lang=lang)
    names = {node.iri: node.name for node in found.nodes}
    entities, facts = csv_paths(path)
    write_rows(entities, ENTITY_COLUMNS, (
        [node.iri, node.name, node.kind, node.kind_iri, node.category, " | ".join(node.aliases),
         " | ".join(f"{key}: {value}" for key, value in node.texts())]
        for node in found.nodes))
    write_rows(facts, FACT_COLUMNS, (
        [edge.source, names[edge.source], edge.type, edge.predicate, edge.target, names[edge.target], edge.sentence,
         edge.title, edge.article, "" if edge.confidence is None else f"{edge.confidence:g}"]
        for edge in found.edges))
    return [entities, facts]


def write_rows(path: Path, columns: list[str], rows) -> None:
    """A CSV file of a header and spreadsheet-safe rows, written atomically."""
    with atomic_write(path) as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows([spreadsheet_cell(cell) for cell in row] for row in rows)
