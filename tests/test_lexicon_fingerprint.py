"""lexicon.data_fingerprint: changes with the data extraction reads, not with the ontology or shapes."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg import lexicon


@pytest.fixture
def ontology(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of ontology/ that data_fingerprint reads instead of the real one."""
    copy = tmp_path / "ontology"
    shutil.copytree(lexicon.ONTOLOGY_DIR, copy)
    monkeypatch.setattr(lexicon, "ONTOLOGY_DIR", copy)
    monkeypatch.setattr(lexicon, "LEXICON_DIR", copy / "lexicon")
    lexicon.data_fingerprint.cache_clear()
    yield copy
    lexicon.data_fingerprint.cache_clear()


@pytest.mark.parametrize("edited", ["kb.json", "lexicon/verbs.tsv"])
def test_lexicon_fingerprint_changes_with_extraction_data(ontology: Path, edited: str) -> None:
    before = lexicon.data_fingerprint()
    lexicon.data_fingerprint.cache_clear()
    with open(ontology / edited, "a", encoding="utf-8") as handle:
        handle.write("\n")
    assert lexicon.data_fingerprint() != before


def test_lexicon_fingerprint_ignores_ontology_and_shapes(ontology: Path) -> None:
    before = lexicon.data_fingerprint()
    lexicon.data_fingerprint.cache_clear()
    for name in ("kg.ttl", "shapes.ttl"):
        with open(ontology / name, "a", encoding="utf-8") as handle:
            handle.write("\n# edited\n")
    assert lexicon.data_fingerprint() == before
