"""The build's writing step streams: sorting the triples holds one text per distinct term (not a copy of
the serialised graph per triple), and the Turtle serialiser never holds the file's text."""
from __future__ import annotations

import tracemalloc

import pyoxigraph as ox

from kg.extract import Extraction, Fact, Mention
from kg.graph import graph_triples
from kg.resolve import resolve
from kg.store import save_graph


def extraction(number: int, companies: int = 40) -> Extraction:
    """An article whose six sentences each say one of `companies` invented companies bought another."""
    sentences, mentions, facts, start = [], [], [], 0
    for index in range(6):
        buyer, bought = (f"Compagnie Numéro {(number * 7 + index * k) % companies}" for k in (1, 3))
        sentence = f"{buyer} a racheté {bought}, selon un communiqué publié le {index + 1} mars ({number})."
        sentences.append((start, start + len(sentence), sentence))
        at = start + len(buyer) + 12
        mentions += [Mention(2 * index, start, start + len(buyer), buyer, "Organization", "ner:ORG", index),
                     Mention(2 * index + 1, at, at + len(bought), bought, "Organization", "ner:ORG", index)]
        facts.append(Fact("acquired", 2 * index, 2 * index + 1, index, "svo", 0.8, "Acquisition"))
        start += len(sentence) + 1
    article = {"id": f"article-{number}_{number:012x}", "name": f"article-{number}.txt", "sha256": f"{number:064x}", "length": 100}
    return Extraction(article, "test", sentences, mentions, facts)


def test_writing_the_graph_holds_no_copy_of_its_text(tmp_path):
    resolution = resolve([extraction(number) for number in range(150)])
    tracemalloc.start()
    try:
        triples = graph_triples(resolution)
        held, sorting_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        path = save_graph((ox.Triple(*t) for t in triples), tmp_path / "graph.ttl")
        writing_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    text = sum(len(str(ox.Triple(*t)).encode()) + 3 for t in triples)  # the graph as N-Triples
    assert len(triples) > 5_000
    assert sorting_peak - held < text, f"sorting took {sorting_peak - held} bytes beyond the triples; N-Triples: {text}"
    assert writing_peak - held < path.stat().st_size / 20, f"writing took {writing_peak - held} bytes"
