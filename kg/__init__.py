"""kg: French news articles → an RDF knowledge graph you can query, look at and export.

The public API mirrors the CLI verbs. Nothing heavy is imported here: spaCy loads only when a build
needs it, so `kg query`, `kg viz` and `kg export` start fast.
"""
from __future__ import annotations

__version__ = "0.1.0"
