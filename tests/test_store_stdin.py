"""load_graph("-") reads standard input, in the format it is told when told one (else the one it sniffs)."""
from __future__ import annotations

import io
import sys

import pytest

from kg.errors import KgError
from kg.store import load_graph

TURTLE = b"@prefix x: <https://example.org/> . x:a x:b x:c .\n"


def stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_format_is_sniffed_when_not_given(monkeypatch):
    stdin(monkeypatch, TURTLE)
    assert len(load_graph("-")) == 1


def test_stdin_is_read_in_the_format_given(monkeypatch):
    stdin(monkeypatch, TURTLE)
    with pytest.raises(KgError, match="<stdin>: not valid"):
        load_graph("-", format="xml")  # told RDF/XML: Turtle text is not valid RDF/XML
