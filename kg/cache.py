"""The incremental build cache: one article's extraction, stored under a hash of what it depends on.

An extraction is a pure function of the article's text and date (all `extract_article` reads of it)
and of the pipeline version (kg.nlp.pipeline_version: model, spaCy, data files and the extraction
code), so the sha256 of those is the key, and a change to any of them is a different key: a stale
entry is never used. The rest of the article's metadata (id, file name, title, url) is taken from the
article on every hit, so renaming a file reuses its entry.

Each entry is one file, `<cache>/<key[:2]>/<key>.json`, written atomically, so builds sharing a cache
and builds killed mid-write leave only whole entries. A cache can be shared, so an entry is not
trusted: its first line is an HMAC-SHA256 of the entry format, the pipeline version, the key and the
JSON that follows, keyed with `$KG_CACHE_KEY` (empty when unset: then it is a content checksum that
catches corruption and hand edits, not a forger who recomputes it), and the JSON must describe an
extraction kg could have written for this very text (`check_entry`). An entry that fails either check,
or cannot be read, is ignored with a warning and its article parsed again.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.articles import Article
from kg.errors import KgError
from kg.files import atomic_write

if TYPE_CHECKING:
    from kg.extract import Extraction

CACHE_DIR_NAME = ".kg-cache"
"""The default cache folder, beside the output graph."""
KEY_ENV = "KG_CACHE_KEY"
"""Environment variable holding the secret that signs and checks cache entries (optional)."""
ENTRY_FORMAT = b"kg-cache-entry/2"


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
        self.secret = os.environ.get(KEY_ENV, "").encode()

    def path(self, article: Article) -> Path:
        key = cache_key(article, self.version)
        return self.folder / key[:2] / f"{key}.json"

    def seal(self, path: Path, payload: bytes) -> bytes:
        """The entry's first line: HMAC-SHA256 over the format, version, key (the file name) and payload."""
        message = b"\0".join([ENTRY_FORMAT, self.version.encode(), path.stem.encode(), payload])
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest().encode()

    def load(self, article: Article) -> Extraction | None:
        """The cached extraction of `article` with its current metadata, or None when there is none
        or it cannot be used (then with a warning)."""
        from kg.extract import Extraction, article_metadata

        path = self.path(article)
        try:
            seal, _, payload = path.read_bytes().partition(b"\n")
            if not hmac.compare_digest(seal, self.seal(path, payload)):
                raise ValueError(f"checksum mismatch: edited, damaged or signed with another ${KEY_ENV}")
            data = json.loads(payload)
            if data["version"] != self.version:
                raise ValueError(f"version {data['version']}")
            check_entry(data, article.text)
            extraction = Extraction.from_dict(data | {"article": article_metadata(article)})
        except (FileNotFoundError, NotADirectoryError):
            return None
        except (OSError, ValueError, KeyError, TypeError, RecursionError) as error:  # json errors are ValueErrors
            self.warn(f"ignoring cache entry {path} ({type(error).__name__}: {str(error)[:200]}); parsing {article.source} again")
            return None
        return extraction

    def store(self, article: Article, extraction: Extraction) -> None:
        """Save `extraction` as `article`'s entry; when the cache cannot be written, warn once and
        go on without it (the build itself does not need it)."""
        if not self.writable:
            return
        path = self.path(article)
        payload = json.dumps(extraction.to_dict(), ensure_ascii=False, separators=(",", ":")).encode()
        try:
            with atomic_write(path, binary=True) as handle:
                handle.write(self.seal(path, payload) + b"\n" + payload)
        except KgError as error:
            self.writable = False
            self.warn(f"not caching extractions: {error.message}")


# ---------------------------------------------------------------- what an entry may hold

DATE_FORMS = {"date": r"\d{4}-\d{2}-\d{2}", "gYearMonth": r"\d{4}-\d{2}", "gMonthDay": r"--\d{2}-\d{2}", "gYear": r"\d{4}"}
"""The XSD types kg.values gives resolved dates, with their lexical forms."""
MENTION_LINKS = {"JobPosting": ("org", "role", "field"), "Report": ("owner",)}
"""Keys of a mention's `extra` that point to another mention of the article, by mention label."""


def check_entry(data: Any, text: str) -> None:
    """Raise ValueError naming the first part of a cache entry that no extraction of `text` has:
    sentences that are not `text`'s own at their offsets, offsets outside it, references to mentions
    or sentences that do not exist, knowledge-base ids, predicates, event classes or roles the
    ontology does not have, values of the wrong type. What passes is safe to resolve and write."""
    from kg.lexicon import knowledge_base
    from kg.namespace import KG_TERMS

    terms = KG_TERMS
    sentences, mentions, facts = (_list(data, name) for name in ("sentences", "mentions", "facts"))
    for number, sentence in enumerate(sentences):
        start, end, said = sentence if isinstance(sentence, list) and len(sentence) == 3 else (None, None, None)
        _require(_span(start, end, len(text)) and said == text[start:end], f"sentence {number}")
    for number, mention in enumerate(mentions):
        what = f"mention {number}"
        _require(isinstance(mention, dict) and mention.get("id") == number and _span(mention.get("start"), mention.get("end"), len(text)), what)
        _require(all(isinstance(mention.get(k), str) for k in ("text", "label", "evidence")), what)
        _require(_index(mention.get("sentence"), sentences) and mention.get("kb_id") in {None, *knowledge_base()}, what)
        _require(isinstance(mention.get("refs", []), list) and all(_index(r, mentions) for r in mention.get("refs", [])), what)
        extra, label = mention.get("extra", {}), mention["label"]
        links = MENTION_LINKS.get(label, ())
        _require(isinstance(extra, dict) and all(extra.get(k) is None or _index(extra[k], mentions) for k in links), what)
        _require(label != "JobPosting" or _index(extra.get("role"), mentions), what)
        _require(label != "Role" or isinstance(extra.get("role", ""), str), what)
        _require(isinstance(extra.get("name", ""), str), what)  # resolution reads a mention's name as text
        _require(_value_ok(mention.get("value")), f"{what} value")
    for number, fact in enumerate(facts):
        what = f"fact {number}"
        _require(isinstance(fact, dict) and fact.get("predicate") in terms and str(fact["predicate"])[:1].islower(), what)
        _require(_index(fact.get("subject"), mentions) and _index(fact.get("object"), mentions) and _index(fact.get("sentence"), sentences), what)
        confidence = fact.get("confidence")
        _require(isinstance(fact.get("rule"), str) and _real(confidence) and 0 <= confidence <= 1, what)
        event, roles = fact.get("event"), fact.get("roles", {})
        _require(event is None or event in terms and str(event)[:1].isupper(), f"{what} event")
        _require(isinstance(roles, dict) and all(role in terms and role[:1].islower() and (isinstance(value, str) or _index(value, mentions))
                                                 for role, value in roles.items()), f"{what} roles")
        support = fact.get("support", [])
        _require(isinstance(support, list) and all(_index(n, sentences) for n in support), f"{what} support")


def _list(data: Any, name: str) -> list:
    _require(isinstance(data, dict) and isinstance(data.get(name), list), name)
    return data[name]


def _require(condition: bool, what: str) -> None:
    if not condition:
        raise ValueError(f"{what} is not one kg writes")


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _real(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _span(start: Any, end: Any, length: int) -> bool:
    return _int(start) and _int(end) and 0 <= start <= end <= length


def _index(value: Any, items: list) -> bool:
    return _int(value) and 0 <= value < len(items)


def _value_ok(value: Any) -> bool:
    """Whether a mention's value is None or the JSON form of a kg.values.Value."""
    if value is None:
        return True
    if not isinstance(value, dict):
        return False
    texts = ("kind", "value", "min", "max", "currency", "unit", "period", "date", "datatype")
    if not all(value.get(k) is None or isinstance(value[k], str) for k in texts):
        return False
    datatype, date = value.get("datatype"), value.get("date")
    return datatype is None or datatype in DATE_FORMS and (date is None or re.fullmatch(DATE_FORMS[datatype], date) is not None)
