"""kg build --jobs N and the engine options: more processes, the same graph byte for byte."""
import sys
from pathlib import Path

import pytest

from checks import assert_valid_graph
from kg.build import build
from kg.errors import KgError

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [ROOT / "seeds", ROOT / "tests" / "data" / "articles"]


@pytest.mark.model
def test_two_jobs_write_the_same_bytes_as_one(nlp, tmp_path):
    one = build(INPUTS, tmp_path / "one" / "graph.ttl", nlp=nlp, jobs=1, cache_dir=None)
    two = build(INPUTS, tmp_path / "two" / "graph.ttl", nlp=nlp, jobs=2, cache_dir=None)
    assert two.parsed == one.parsed == 15
    assert two.output.read_bytes() == one.output.read_bytes()
    assert_valid_graph(two.output)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"scheduler": "tcp://localhost:8786"}, "--scheduler needs --engine dask"),
        ({"engine": "ray"}, "unknown engine"),
        ({"jobs": 0}, "--jobs"),
    ],
)
def test_bad_engine_options_are_usage_errors(tmp_path, options, message):
    with pytest.raises(KgError, match=message) as error:
        build(INPUTS, tmp_path / "graph.ttl", **options)
    assert error.value.exit_code == 2


def test_dask_engine_without_dask_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(KgError, match=r"pip install kg\[cluster\]") as error:
        build(INPUTS, tmp_path / "graph.ttl", engine="dask", cache_dir=None)
    assert error.value.exit_code == 2
