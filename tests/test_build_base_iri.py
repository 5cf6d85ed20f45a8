"""kg build --base-iri: every IRI kg mints is under the user's namespace, the ontology's terms stay, the
graph records the base (void:uriSpace), and queries, names and pictures work on it as on the default."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app
from kg.explorer import explore
from kg.namespace import BASE, ONTOLOGY_IRI, OX_VOID, graph_base
from kg.query import load_query, query
from kg.store import load_graph
from kg.validate import validate_graph

pytestmark = pytest.mark.model
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
OURS = "https://news.example.com/kg/"


@pytest.fixture(scope="module")
def graphs(nlp, tmp_path_factory) -> tuple[ox.Store, ox.Store, Path]:
    """The seeds built with the default base and with OURS (stores), and the file of the second."""
    folder = tmp_path_factory.mktemp("base")
    build([SEEDS], folder / "default.ttl", nlp=nlp, cache_dir=None)
    build([SEEDS], folder / "ours.ttl", nlp=nlp, cache_dir=None, base_iri=OURS)
    return load_graph(folder / "default.ttl"), load_graph(folder / "ours.ttl"), folder / "ours.ttl"


def rebased(term: ox.Term) -> ox.Term:
    if isinstance(term, ox.NamedNode) and term.value.startswith(BASE) and not term.value.startswith(ONTOLOGY_IRI):
        return ox.NamedNode(OURS + term.value[len(BASE):])
    return term


def test_base_iri_moves_every_minted_iri_and_nothing_else(graphs):
    default, ours, _ = graphs
    expected = {ox.Triple(*(rebased(t) for t in (q.subject, q.predicate, q.object))) for q in default}
    found = {q.triple for q in ours if q.predicate != OX_VOID.uriSpace and q.subject != ox.NamedNode(OURS)}
    assert found == expected  # the same graph, value for value, under the new namespace
    minted = {t.value for q in ours for t in (q.subject, q.object) if isinstance(t, ox.NamedNode)}
    assert not {iri for iri in minted if iri.startswith(BASE) and not iri.startswith(ONTOLOGY_IRI)}
    assert OURS + "entity/netflix" in minted


def test_base_iri_is_recorded_and_the_default_records_nothing(graphs):
    default, ours, path = graphs
    assert graph_base(ours) == OURS and graph_base(default) == BASE
    assert not list(default.quads_for_pattern(None, OX_VOID.uriSpace, None))
    assert f"@prefix ent: <{OURS}entity/> ." in path.read_text(encoding="utf-8")


def test_queries_names_shapes_and_picture_work_under_another_base(graphs):
    default, ours, _ = graphs
    facts_about = load_query("facts-about")
    by_prefix = query(ours, facts_about, bindings={"entity": "ent:netflix"})
    by_name = query(ours, facts_about, bindings={"entity": "Netflix"})
    assert by_prefix.rows and set(by_prefix.rows) == set(by_name.rows)
    assert len(by_prefix.rows) == len(query(default, facts_about, bindings={"entity": "ent:netflix"}).rows)
    assert validate_graph(ours).conforms
    assert len(explore(ours).nodes) == len(explore(default).nodes)  # the dataset node is not drawn


@pytest.mark.parametrize("base", ["ftp://news.example.com/kg/", "https://news.example.com/kg", "pas une IRI/",
                                  "https://example.org/kg/ontology#"])
def test_a_base_that_cannot_hold_iris_is_refused_before_any_work(tmp_path, base):
    result = CliRunner().invoke(app, ["build", str(SEEDS), "-o", str(tmp_path / "g.ttl"), "--no-cache", "--base-iri", base])
    assert result.exit_code == 2
    assert f"--base-iri {base!r}" in result.output and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "g.ttl").exists()
