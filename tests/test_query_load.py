"""Finding a query: shipped names, .rq files and SPARQL text; the shipped files' own conventions."""
from __future__ import annotations

import re

import pytest

from kg.errors import KgError
from kg.namespace import PREFIXES
from kg.query import QUERIES_DIR, list_queries, load_query

SHIPPED = {
    "works-using-technology", "ceo", "launches", "job-postings", "financial-results",
    "strikes", "facts-about", "entities", "sources", "roles", "interactions", "happenings", "whereabouts",
}


def test_list_queries_finds_every_shipped_query_with_a_description():
    queries = list_queries()
    assert {q.name for q in queries} == SHIPPED
    assert [q.name for q in queries] == sorted(q.name for q in queries)
    for q in queries:
        assert q.description and not q.description.startswith("#")


@pytest.mark.parametrize("spec", ["ceo", "ceo.rq"])
def test_a_shipped_name_loads_its_file(spec):
    assert load_query(spec) == (QUERIES_DIR / "ceo.rq").read_text(encoding="utf-8")


def test_a_path_loads_that_file(tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("SELECT * WHERE { ?s ?p ?o }", encoding="utf-8")
    assert load_query(str(path)) == "SELECT * WHERE { ?s ?p ?o }"


def test_sparql_text_is_returned_as_is():
    text = "SELECT ?s WHERE {\n  ?s a kg:Person\n}"
    assert load_query(text) == text


@pytest.mark.parametrize(("spec", "words"), [("who-knows", "no shipped query named"), ("nowhere/q.rq", "not found")])
def test_an_unknown_name_or_missing_file_is_a_usage_error(spec, words):
    with pytest.raises(KgError, match=words) as caught:
        load_query(spec)
    assert caught.value.exit_code == 2


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_query_declares_prefixes_as_the_project_does_and_orders_its_rows(name):
    text = (QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")
    assert text.startswith("# ")
    declared = dict(re.findall(r"^PREFIX\s+(\w*):\s*<([^>]*)>", text, flags=re.MULTILINE))
    assert declared and all(PREFIXES[prefix] == iri for prefix, iri in declared.items())
    assert "ORDER BY" in text
