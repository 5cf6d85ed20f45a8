"""Draw facts at random from a graph, each with the sentence it was read from (and the other sentences
it used: a pronoun's antecedent, the scene's place), to be judged by hand
(issue 12: bench/HANDCHECK.md records two draws and their verdicts).

    python bench/sample_facts.py GRAPH [--count 50] [--seed 12]

Every fact has the same chance, whatever its property or rule; the draw depends only on the graph and
the seed, so anyone can draw the same facts again.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.store import load_graph

FACTS = """
PREFIX rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX kg:   <https://example.org/kg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?statement ?s ?p ?o ?sentence ?rule ?article (GROUP_CONCAT(?other; separator=" | ") AS ?support) WHERE {
  ?statement rdf:subject ?subject ; rdf:predicate ?p ; rdf:object ?object ; kg:sentence ?sentence ;
             kg:rule ?rule ; prov:wasDerivedFrom ?article .
  OPTIONAL { ?subject rdfs:label ?subjectLabel } OPTIONAL { ?object rdfs:label ?objectLabel }
  OPTIONAL { ?statement kg:supportedBy/kg:sentence ?other }
  BIND(COALESCE(?subjectLabel, STR(?subject)) AS ?s) BIND(COALESCE(?objectLabel, STR(?object)) AS ?o)
} GROUP BY ?statement ?s ?p ?o ?sentence ?rule ?article"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph", type=Path)
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    rows = sorted(
        (row["statement"].value, row["s"].value, row["p"].value.rsplit("#", 1)[-1], row["o"].value,
         row["sentence"].value, row["rule"].value, row["article"].value.rsplit("/", 1)[-1], row["support"].value if row["support"] else "")
        for row in load_graph(args.graph).query(FACTS)
    )
    for number, (_, s, p, o, sentence, rule, article, support) in enumerate(random.Random(args.seed).sample(rows, args.count), 1):
        print(f"{number}. {s} — {p} — {o}   [{rule}; {article}]\n   « {sentence} »")
        if support:
            print(f"   supported by « {support} »")


if __name__ == "__main__":
    main()
