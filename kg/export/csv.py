"""CSV of labelled triples, for spreadsheets and pandas: one row per fact and per statement of it.

Columns: subject, subject_label, predicate, predicate_label, object, object_label, article, sentence.
IRIs are full; labels are rdfs:label (else skos:prefLabel, else the prefixed name); a literal object's
value fills both object columns. Cells are spreadsheet-safe: text starting like a formula (= + - @, tab,
CR) gets a leading `'` (kg.export.terms.spreadsheet_cell), since labels and sentences come from articles. A fact stated in two articles gets two rows; a triple no statement
describes (types, labels, event roles) gets one row with empty article and sentence. Statement nodes
themselves are not rows: they are the article and sentence columns.
"""
from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from kg.export.rdf import store_triples
from kg.export.terms import compact_iri, find_labels, label_of, spreadsheet_cell, term_key
from kg.files import atomic_write
from kg.namespace import KG, PROV, RDF

COLUMNS = ["subject", "subject_label", "predicate", "predicate_label", "object", "object_label", "article", "sentence"]


def write_csv(store: ox.Store, path: Path, *, format: str = "csv") -> list[Path]:
    """Write the labelled triples of `store` to a CSV file with a header row."""
    labels = find_labels(store)
    sources = find_fact_sentences(store)
    with atomic_write(path) as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for triple in store_triples(store):
            if triple.subject in sources.statements:
                continue
            cells = [term_key(triple.subject), label_of(triple.subject, labels), triple.predicate.value,
                     compact_iri(triple.predicate.value), term_key(triple.object), label_of(triple.object, labels)]
            for article, sentence in sources.facts.get(triple, [("", "")]):
                writer.writerow([spreadsheet_cell(cell) for cell in (*cells, article, sentence)])
    return [path]


class FactSentences:
    """Statement nodes, and the (article IRI, sentence) pairs stating each asserted triple."""

    def __init__(self) -> None:
        self.statements: set[ox.Term] = set()
        self.facts: dict[ox.Triple, list[tuple[str, str]]] = defaultdict(list)


def find_fact_sentences(store: ox.Store) -> FactSentences:
    """Collect, from the statement nodes, where each asserted triple was read."""
    found = FactSentences()
    rows = store.query(
        f"SELECT ?st ?a ?s ?p ?o ?text WHERE {{ ?st a <{RDF.Statement}> ; <{RDF.subject}> ?s ;"
        f" <{RDF.predicate}> ?p ; <{RDF.object}> ?o . OPTIONAL {{ ?st <{PROV.wasDerivedFrom}> ?a }}"
        f" OPTIONAL {{ ?st <{KG.sentence}> ?text }} }} ORDER BY ?a ?st"
    )
    for row in rows:
        found.statements.add(row["st"])
        if isinstance(row["p"], ox.NamedNode):
            article, text = row["a"], row["text"]
            found.facts[ox.Triple(row["s"], row["p"], row["o"])].append(
                (article.value if article else "", text.value if text else ""))
    return found
