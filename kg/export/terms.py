"""Names for RDF terms in formats that are not RDF: prefixed names, node keys and spreadsheet-safe cells."""
from __future__ import annotations

import re

import pyoxigraph as ox

from kg.namespace import PREFIXES

_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def split_iri(iri: str) -> tuple[str, str] | None:
    """(prefix, local name) for an IRI under one of the project's prefixes, else None.

    >>> split_iri("https://example.org/kg/entity/ubisoft")
    ('ent', 'ubisoft')
    """
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return prefix, iri[len(namespace):]
    return None


def compact_iri(iri: str) -> str:
    """`ent:ubisoft` for an IRI under a known prefix, the IRI itself otherwise."""
    parts = split_iri(iri)
    return f"{parts[0]}:{parts[1]}" if parts else iri


def term_key(term: ox.Term) -> str:
    """A stable text key for a node: the IRI, or `_:id` for a blank node, or a literal's value."""
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a CSV cell as a formula (OWASP, "CSV Injection")."""
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_cell(text: str) -> str:
    """`text` safe to open in a spreadsheet: a cell starting with = + - @, a tab or a CR gets a leading
    `'`, so Excel, LibreOffice and Google Sheets show it as text instead of running it as a formula
    (article text is anyone's: `=HYPERLINK(...)`, `@SUM(...)`, `-2+3+cmd|...`). A plain number such
    as `-4` or `+3.5` is left as it is: a spreadsheet reads it as that number, nothing runs.

    >>> spreadsheet_cell("=1+1"), spreadsheet_cell("-4"), spreadsheet_cell("Acme")
    ("'=1+1", '-4', 'Acme')
    """
    return "'" + text if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text) else text
