"""Where kg's shipped data lives: the one place that locates it.

ontology/ and queries/ sit at the top of the repository and are installed as the packages kg.ontology and
kg.queries (pyproject.toml maps them), so they are found through importlib.resources the same way from
an editable install, a wheel or a checkout on the path.
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def package_folder(package: str) -> Path:
    """The folder of an installed data package (kg.ontology, kg.queries) on the file system."""
    return Path(str(files(package)))


ONTOLOGY_DIR = package_folder("kg.ontology")
"""kg.ttl, shapes.ttl, kb.json and the lexicons kg's rules read."""
ONTOLOGY_FILE = ONTOLOGY_DIR / "kg.ttl"
"""The ontology: kg's classes and properties with their labels and alignments."""
LEXICON_DIR = ONTOLOGY_DIR / "lexicon"
QUERIES_DIR = package_folder("kg.queries")
"""The shipped named queries, one `<name>.rq` file each, starting with a `# <description>` line."""
