"""`kg export --split-every N`: standalone N-Quads/N-Triples parts in load order, a manifest to check them,
no stale parts from an earlier, bigger export, and a usage error for formats that cannot be split."""
from __future__ import annotations

import hashlib
import json

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KgError
from kg.export import export_graph
from kg.namespace import ENT, RDFS
from kg.store import load_graph

runner = CliRunner()


@pytest.fixture()
def sample(sample_graph_path) -> ox.Store:
    return load_graph(sample_graph_path)


@pytest.mark.parametrize("name, fmt", [("nq", ox.RdfFormat.N_QUADS), ("nt", ox.RdfFormat.N_TRIPLES)])
def test_parts_together_hold_the_whole_export_and_each_parses_alone(sample, tmp_path, name, fmt):
    [whole] = export_graph(sample, tmp_path / f"whole.{name}")
    *parts, manifest = export_graph(sample, tmp_path / f"graph.{name}", split_every=50)
    assert [p.name for p in parts] == [f"graph.part-000{i}.{name}" for i in range(1, 5)]
    pieces = [list(ox.parse(path=str(part), format=fmt)) for part in parts]  # strict, one file at a time
    assert [len(piece) for piece in pieces] == [50, 50, 50, len(sample) - 150]
    assert sorted(map(str, sum(pieces, []))) == sorted(map(str, ox.parse(path=str(whole), format=fmt)))
    listed = json.loads(manifest.read_text(encoding="utf-8"))
    assert listed["triples"] == sum(map(len, pieces))
    assert [(p["file"], p["triples"], p["sha256"]) for p in listed["parts"]] == [
        (part.name, len(piece), hashlib.sha256(part.read_bytes()).hexdigest()) for part, piece in zip(parts, pieces)
    ]


def test_nq_parts_keep_one_graph_per_article(sample, tmp_path):
    *parts, _ = export_graph(sample, tmp_path / "graph.nq", split_every=1000)
    quads = [q for part in parts for q in ox.parse(path=str(part), format=ox.RdfFormat.N_QUADS)]
    assert len({q.triple for q in quads}) == len(sample)
    assert len({q.graph_name for q in quads}) == 3  # two articles and the shared default graph


def test_a_smaller_export_removes_the_parts_left_by_a_bigger_one(sample, tmp_path):
    export_graph(sample, tmp_path / "graph.nq", split_every=10)
    (tmp_path / "graph.nq").write_text("kept: not a part\n")
    (tmp_path / "graph.part-00001.nq").write_text("a part of another width\n")
    *parts, manifest = export_graph(sample, tmp_path / "graph.nq", split_every=100)
    assert sorted(p.name for p in tmp_path.glob("graph.part-*")) == [p.name for p in parts]
    assert len(parts) == 2
    assert (tmp_path / "graph.nq").read_text() == "kept: not a part\n"


def test_an_empty_graph_gives_one_empty_part(tmp_path):
    [part, manifest] = export_graph(ox.Store(), tmp_path / "graph.nt", split_every=10)
    assert part.read_bytes() == b""
    assert json.loads(manifest.read_text())["triples"] == 0


def test_blank_nodes_cannot_be_split_apart(sample, tmp_path):
    sample.add(ox.Quad(ox.NamedNode(ENT.ubisoft), ox.NamedNode(RDFS.seeAlso), ox.BlankNode(), ox.DefaultGraph()))
    with pytest.raises(KgError) as raised:
        export_graph(sample, tmp_path / "graph.nq", split_every=10)
    assert raised.value.exit_code == 2
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("output", ["g.ttl", "g.jsonld", "g.trig", "g.gexf"])
def test_split_every_with_a_format_that_cannot_be_split_is_a_usage_error(sample_graph_path, tmp_path, output):
    result = runner.invoke(app, ["export", "--graph", str(sample_graph_path), "-o", str(tmp_path / output),
                                 "--split-every", "10"])
    assert result.exit_code == 2
    assert "--split-every needs a line-based format" in result.output
    assert not list(tmp_path.iterdir())


def test_export_command_writes_parts_and_manifest(sample_graph_path, tmp_path):
    result = runner.invoke(app, ["export", "--graph", str(sample_graph_path), "-o", str(tmp_path / "g.nq"),
                                 "--split-every", "100"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.manifest.json", "g.part-0001.nq", "g.part-0002.nq"]
