"""Large exports stream: the N-Triples text is never held in Python memory."""
from __future__ import annotations

import tracemalloc

import pyoxigraph as ox

import kg.export.rdf  # noqa: F401  (imported first so the measure below is the export alone)
from kg.export import export_graph
from kg.namespace import ENT, KG


def test_200k_triples_export_to_ntriples_with_bounded_memory(tmp_path):
    store = ox.Store()
    value = ox.NamedNode(KG.value)
    store.extend(ox.Quad(ox.NamedNode(ENT[f"e{i // 4}"]), value, ox.Literal(f"valeur n° {i}"), ox.DefaultGraph())
                 for i in range(200_000))
    tracemalloc.start()
    try:
        [path] = export_graph(store, tmp_path / "big.nt")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    size = path.stat().st_size
    assert sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES)) == 200_000
    assert peak < size / 50, f"peak Python memory {peak} bytes for a {size}-byte file"
