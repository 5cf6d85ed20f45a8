"""Numbers about a graph: how many of each class and property, which entities are most central,
how many separate pieces it falls into. Works on the same networkx view that `kg viz` draws."""
from __future__ import annotations

import json
from collections import Counter
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.namespace import RDF
from kg.store import store_quads
from kg.export.terms import compact_iri
from kg.viz import to_networkx
from kg.vocabulary import ENTITY

TOP = 10


def graph_stats(graph: ox.Store, *, top: int = TOP, lang: str = "en") -> dict[str, Any]:
    """Counts by class and property (all triples), drawn nodes by category, the `top` entities by
    degree and by PageRank, the weakly connected components of the drawable graph, and the ontology's
    label in `lang` of each kg class and property counted."""
    from kg.lexicon import term_labels

    words = term_labels(lang)
    classes: Counter[str] = Counter()
    properties: Counter[str] = Counter()
    rdf_type = str(RDF.type)
    for quad in store_quads(graph):
        properties[quad.predicate.value] += 1
        if quad.predicate.value == rdf_type:
            classes[quad.object.value] += 1
    drawn = to_networkx(graph)
    entities = [n for n, category in drawn.nodes(data="category") if category == ENTITY]
    pagerank = nx.pagerank(drawn) if drawn else {}
    components = sorted((len(c) for c in nx.weakly_connected_components(drawn)), reverse=True)
    return {
        "triples": len(graph),
        "classes": ranked_counts(classes),
        "properties": ranked_counts(properties),
        "nodes": dict(sorted(Counter(category for _, category in drawn.nodes(data="category")).items())),
        "edges": drawn.number_of_edges(),
        "central": {
            "degree": [describe(drawn, n, degree=drawn.degree(n)) for n in best(entities, drawn.degree, top)],
            "pagerank": [describe(drawn, n, pagerank=round(pagerank[n], 6)) for n in best(entities, pagerank.get, top)],
        },
        "components": {"count": len(components), "largest": components[:top]},
        "labels": {name: words[name[3:]] for name in sorted({*ranked_counts(classes), *ranked_counts(properties)})
                   if name.startswith("kg:") and name[3:] in words},
    }


def ranked_counts(counts: Counter[str]) -> dict[str, int]:
    """{compact IRI: count}, most frequent first, ties by name."""
    return {compact_iri(iri): n for iri, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))}


def best(nodes: list[str], score: Any, top: int) -> list[str]:
    """The `top` nodes with the highest score, ties by IRI."""
    return sorted(nodes, key=lambda n: (-score(n), n))[:top]


def describe(graph: nx.MultiDiGraph, node: str, **score: float) -> dict[str, Any]:
    """One central entity: compact IRI, label, class and its score."""
    data = graph.nodes[node]
    return {"iri": compact_iri(node), "label": data["label"], "kind": data["kind"], **score}


def format_stats(stats: dict[str, Any], *, format: str = "text") -> str:
    """The stats as indented JSON or as aligned text tables."""
    if format == "json":
        return json.dumps(stats, ensure_ascii=False, indent=2)
    nodes = stats["nodes"]
    components = stats["components"]
    lines = [
        f"triples      {stats['triples']}",
        f"nodes        {sum(nodes.values())} ({', '.join(f'{k} {v}' for k, v in nodes.items()) or 'none'})",
        f"edges        {stats['edges']}",
        f"components   {components['count']} (largest: {', '.join(map(str, components['largest'])) or 'none'})",
    ]
    labels = stats.get("labels", {})
    for title, counts in (("classes", stats["classes"]), ("properties", stats["properties"])):
        lines += ["", title, *(f"  {n:>7}  {labels[name]} ({name})" if name in labels else f"  {n:>7}  {name}"
                               for name, n in counts.items())]
    for measure, entries in stats["central"].items():
        lines += ["", f"most central entities ({measure})"]
        lines += [f"  {i:>2}. {e['label']} ({e['kind']}, {e['iri']})  {e[measure]}" for i, e in enumerate(entries, 1)]
    return "\n".join(lines)
