"""The Python API's documentation runs: the doctests of kg (the package), kg.api and the modules whose
examples show what the CLI and the API do (query, results, store, push), from the repository's root."""
from __future__ import annotations

import doctest
import importlib
import os

import pytest

from conftest import ROOT

MODULES = ["kg", "kg.api", "kg.query", "kg.results", "kg.store", "kg.push"]


@pytest.mark.model  # kg.api's build example builds the seeds
@pytest.mark.parametrize("name", MODULES)
def test_doctests(name, monkeypatch):
    monkeypatch.chdir(ROOT)
    module = importlib.import_module(name)
    failed, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.IGNORE_EXCEPTION_DETAIL)
    assert tried > 0 and failed == 0


def test_the_api_is_listed_and_callable():
    import kg

    for name in ("build", "load", "query", "search", "draw", "export", "push", "validate"):
        assert name in kg.__all__ and callable(getattr(kg, name)), name
    assert kg.query.load_query("ceo").lstrip().startswith("#")  # the verb's module keeps its own functions


def test_import_kg_loads_nothing_heavy():
    import subprocess
    import sys

    code = "import kg, sys; print(sorted(m for m in ('spacy', 'rdflib', 'pyoxigraph', 'networkx') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout.strip() == "[]"


def test_a_drawn_page_shows_inline_in_jupyter(sample_graph_path):
    import kg

    page = kg.draw(sample_graph_path)
    shown = page._repr_html_()
    assert shown.startswith("<iframe srcdoc=\"") and "<script" not in shown.split('"', 2)[1]  # escaped into the attribute
    assert page.nodes == 11 and page.edges == 10  # the sample's 11 facts but its quotation, which has one end


def test_rows_to_pandas(sample_graph_path, monkeypatch):
    import sys
    import types

    import kg

    rows = kg.query(sample_graph_path, "ceo", org="Ubisoft")
    monkeypatch.setitem(sys.modules, "pandas", None)  # not installed
    with pytest.raises(kg.KgError, match="pip install pandas"):
        rows.to_pandas()
    fake = types.SimpleNamespace(DataFrame=lambda data, columns: (data, columns))
    monkeypatch.setitem(sys.modules, "pandas", fake)
    data, columns = rows.to_pandas()
    assert columns == ["org", "orgLabel", "person", "personLabel", "sentence"] and data[0]["personLabel"] == "Yves Guillemot"
