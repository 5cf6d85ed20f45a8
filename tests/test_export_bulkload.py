"""The parts of `kg export --split-every` go through stores' own bulk loaders, part by part, and the store
ends up with exactly the export's quads and the graph's triples: Oxigraph's `oxigraph load` and
Virtuoso's `ld_dir` / `rdf_loader_run` (the recipes in the README)."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import KgError
from kg.export import export_graph
from kg.export.parts import check_parts
from kg.namespace import ENT, RDFS, SRC
from kg.push import SHARED_GRAPH
from kg.store import load_graph
from servers import OXIGRAPH, free_port, running_server, select
from test_push_virtuoso import INI  # the same server settings as the push tests



@pytest.fixture()
def graph(sample_graph_path) -> ox.Store:
    """The sample graph, its hostile additions, and a literal with a line break, a backslash and a tab."""
    store = load_graph(sample_graph_path)
    store.bulk_load(path=str(sample_graph_path.parent / "hostile-additions.ttl"), format=ox.RdfFormat.TURTLE,
                    to_graph=ox.DefaultGraph())
    store.add(ox.Quad(ox.NamedNode(ENT["société_générale"]), ox.NamedNode(RDFS.label),
                      ox.Literal("ligne 1\nligne \\ 2\t« fin »", language="fr"), ox.DefaultGraph()))
    return store


def export_parts(store: ox.Store, folder: Path, split_every: int) -> tuple[list[Path], int]:
    """Export `store` as N-Quads parts; return the parts checked against the manifest, and its line count."""
    *_, manifest = export_graph(store, folder / "graph.nq", split_every=split_every)
    return check_parts(manifest), json.loads(manifest.read_text(encoding="utf-8"))["triples"]


def load_with_oxigraph(parts: list[Path], location: Path) -> ox.Store:
    """`oxigraph load --location DIR --file PART` for each part, then the store opened read-only."""
    for part in parts:
        subprocess.run([str(OXIGRAPH), "load", "--location", str(location), "--file", str(part)],
                       check=True, capture_output=True, timeout=120)
    return ox.Store.read_only(str(location))


def distinct_triples(store: ox.Store) -> int:
    """Triples in any graph of the store, each counted once."""
    return len({quad.triple for quad in store})


def test_oxigraph_bulk_load_of_the_parts_has_every_quad(graph, tmp_path):
    parts, lines = export_parts(graph, tmp_path / "export", 40)
    assert len(parts) == 5
    loaded = load_with_oxigraph(parts, tmp_path / "store")
    assert len(loaded) == lines
    assert distinct_triples(loaded) == len(graph)
    assert {q.graph_name for q in loaded} >= {ox.DefaultGraph(), ox.NamedNode(SRC["ubisoft-ia_3f9a0c2b11de"])}


@pytest.mark.model
def test_oxigraph_bulk_load_of_the_seeds_export_has_every_triple(nlp, tmp_path):
    from kg.build import build

    from conftest import SEEDS

    report = build([SEEDS], tmp_path / "graph.ttl", nlp=nlp)
    parts, lines = export_parts(load_graph(report.output), tmp_path / "export", 200)
    loaded = load_with_oxigraph(parts, tmp_path / "store")
    assert len(loaded) == lines
    assert distinct_triples(loaded) == report.triples


def test_a_tampered_part_is_caught_before_loading(graph, tmp_path):
    *parts, manifest = export_graph(graph, tmp_path / "graph.nq", split_every=40)
    with parts[2].open("ab") as handle:
        handle.write(b"<https://example.org/x> <https://example.org/y> \"z\" .\n")
    with pytest.raises(KgError, match="part-0003.nq does not match"):
        check_parts(manifest)
    parts[0].unlink()
    with pytest.raises(KgError, match="part-0001.nq is missing"):
        check_parts(manifest)


@pytest.mark.skipif(shutil.which("virtuoso-t") is None or shutil.which("isql-vt") is None,
                    reason="virtuoso-opensource not installed (.ci/run installs it)")
def test_virtuoso_bulk_load_of_the_parts_has_every_quad(graph, tmp_path):
    db = tmp_path / "virtuoso"
    parts, lines = export_parts(graph, db / "parts", 40)  # under the server's folder: DirsAllowed = .
    sql_port, http_port = free_port(), free_port()
    (db / "virtuoso.ini").write_text(INI.format(db=db, sql_port=sql_port, http_port=http_port))
    command = ["virtuoso-t", "+foreground", "+configfile", str(db / "virtuoso.ini")]
    with running_server(command, http_port, log=db / "server.log", timeout=90, cwd=db):
        loader = (f"ld_dir('parts', 'graph.part-*.nq', '{SHARED_GRAPH}'); rdf_loader_run(); checkpoint;"
                  " SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE ll_state <> 2 OR ll_error IS NOT NULL;")
        run = subprocess.run(["isql-vt", str(sql_port), "dba", "dba", f"exec={loader}"],
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 0 and "0 Rows." in run.stdout, run.stdout + run.stderr
        ours = f'FILTER(STRSTARTS(STR(?g), "{SRC}"))'  # the shared graph and the article graphs
        [(quads,)] = select(f"http://127.0.0.1:{http_port}/sparql",
                            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {ours} }}")
        [(triples,)] = select(f"http://127.0.0.1:{http_port}/sparql",
                              f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {ours} }} }}")
    assert int(quads.value) == lines
    assert int(triples.value) == len(graph)
