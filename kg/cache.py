"""The incremental build cache: one article's extraction, stored under a hash of what it depends on.

An extraction is a pure function of the article's text and date (all `extract_article` reads of it)
and of the pipeline version (kg.nlp.pipeline_version: model, spaCy, data files and the extraction
code), so the sha256 of those is the key, and a change to any of them is a different key: a stale
entry is never used. The rest of the article's metadata (id, file name, title, url) is taken from the
article on every hit, so renaming a file reuses its entry.

Each entry is one compact JSON file, `<cache>/<key[:2]>/<key>.json`, written atomically, so builds
sharing a cache and builds killed mid-write leave only whole entries; an entry that cannot be read
is ignored and its article parsed again.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kg.articles import Article
from kg.errors import KgError
from kg.files import atomic_write

if TYPE_CHECKING:
    from kg.extract import Extraction

CACHE_DIR_NAME = ".kg-cache"
"""The default cache folder, beside the output graph."""


def cache_key(article: Article, version: str) -> str:
    """The hex sha256 of the pipeline version and the parts of `article` its extraction reads."""
    date = article.date.isoformat() if article.date else None
    return hashlib.sha256(json.dumps([version, date, article.text]).encode()).hexdigest()


class ExtractionCache:
    """Extractions on disk under `folder`, for one pipeline `version`."""

    def __init__(self, folder: str | os.PathLike[str], version: str, *, on_warning: Callable[[str], None] | None = None) -> None:
        self.folder = Path(folder)
        self.version = version
        self.warn = on_warning or (lambda _: None)
        self.writable = True

    def path(self, article: Article) -> Path:
        key = cache_key(article, self.version)
        return self.folder / key[:2] / f"{key}.json"

    def load(self, article: Article) -> Extraction | None:
        """The cached extraction of `article` with its current metadata, or None when there is none
        or it cannot be read (then with a warning)."""
        from kg.extract import Extraction, article_metadata

        path = self.path(article)
        try:
            data = json.loads(path.read_bytes())
            if data["version"] != self.version:
                raise ValueError(f"version {data['version']}")
            extraction = Extraction.from_dict(data | {"article": article_metadata(article)})
        except (FileNotFoundError, NotADirectoryError):
            return None
        except (OSError, ValueError, KeyError, TypeError) as error:  # json errors are ValueErrors
            self.warn(f"ignoring unreadable cache entry {path} ({type(error).__name__}: {error}); parsing {article.source} again")
            return None
        return extraction

    def store(self, article: Article, extraction: Extraction) -> None:
        """Save `extraction` as `article`'s entry; when the cache cannot be written, warn once and
        go on without it (the build itself does not need it)."""
        if not self.writable:
            return
        data = json.dumps(extraction.to_dict(), ensure_ascii=False, separators=(",", ":"))
        try:
            with atomic_write(self.path(article)) as handle:
                handle.write(data)
        except KgError as error:
            self.writable = False
            self.warn(f"not caching extractions: {error.message}")
