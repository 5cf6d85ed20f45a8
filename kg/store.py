"""Loading and saving RDF files with Oxigraph, the fast engine behind query, viz and export.

rdflib takes ~100 s to parse a million triples and its SPARQL join order can take hours; Oxigraph
parses the same in ~5 s and answers in a fraction of a second. The loaded graph is a
`pyoxigraph.Store`; `to_rdflib` gives an rdflib view for the few tools that need one (pySHACL).
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import xml.parsers.expat
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.articles import UNSAFE_CHARACTERS, clean_text
from kg.errors import KgError
from kg.files import XmlCarriageReturns, atomic_write
from kg.namespace import PREFIXES

FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "json-ld": ox.RdfFormat.JSON_LD,
    "rdf": ox.RdfFormat.RDF_XML,
    "xml": ox.RdfFormat.RDF_XML,
    "owl": ox.RdfFormat.RDF_XML,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
"""Format names and file extensions kg accepts, mapped to Oxigraph's formats."""


def rdf_format(path: str | os.PathLike[str], name: str | None = None) -> ox.RdfFormat:
    """The RDF format named by `name`, or guessed from the file extension of `path`.

    Raises KgError (exit 2) for an unknown name or extension.
    >>> rdf_format("out/graph.nt")
    <RdfFormat N-Triples>
    """
    key = (name or Path(path).suffix.lstrip(".")).lower()
    try:
        return FORMATS[key]
    except KeyError:
        known = ", ".join(sorted({k for k in FORMATS if len(k) <= 6}))
        what = f"format {name!r}" if name else f"extension of {Path(path).name!r}"
        raise KgError(f"unknown RDF {what} (known: {known})", exit_code=2) from None


STDIN = "-"
"""The graph path that means standard input."""


def load_graph(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    default_graph_only: bool = False,
    named_graphs: bool = False,
) -> ox.Store:
    """Parse an RDF file (`-`: standard input) into an in-memory Oxigraph store.

    A dataset (N-Quads, TriG) is read as the union of all its graphs, merged into the default graph,
    so that every reader sees every fact a file holds; `default_graph_only` keeps its default graph
    alone, and `named_graphs` keeps each graph apart (for SPARQL's GRAPH; `query` then reads their
    union as the default graph). Raises KgError (exit 2) when the file is missing or not valid RDF,
    with the parser's position.
    """
    if str(path) == STDIN:
        with spooled_stdin() as spooled:
            try:
                return load_graph(spooled, format=format, default_graph_only=default_graph_only, named_graphs=named_graphs)
            except KgError as error:
                raise KgError(error.message.replace(str(spooled), "<stdin>").replace(spooled.name, "<stdin>"), exit_code=error.exit_code) from None
    source = Path(path)
    if not source.is_file():
        raise KgError(f"graph file not found: {source}", exit_code=2)
    fmt = rdf_format(source, format)
    check_safe_xml(source, fmt)
    store = ox.Store()
    try:
        store.bulk_load(path=str(source), format=fmt, to_graph=ox.DefaultGraph() if not fmt.supports_datasets else None)
    except (SyntaxError, ValueError, OSError) as error:
        raise KgError(f"{source}: not valid {fmt.name}: {error}", exit_code=2) from None
    if fmt.supports_datasets and not named_graphs:
        store.update("DROP NAMED" if default_graph_only else "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }; DROP NAMED")
    return store


@contextmanager
def spooled_stdin() -> Iterator[Path]:
    """Standard input copied to a temporary file named with the extension of the RDF format it looks like
    (a pipe is read once; the XML checks and the parser need a file)."""
    head = sys.stdin.buffer.read(1 << 16)
    with tempfile.TemporaryDirectory(prefix="kg-stdin-") as folder:
        spooled = Path(folder) / f"stdin.{sniff_format(head)}"
        with open(spooled, "wb") as handle:
            handle.write(head)
            shutil.copyfileobj(sys.stdin.buffer, handle)
        yield spooled


_QUAD_LINE = re.compile(rb"\s*(?:<[^>]*>|_:\S+)\s+<[^>]*>\s+(?:<[^>]*>|_:\S+|\"(?:[^\"\\]|\\.)*\"\S*)(?:\s+(?:<[^>]*>|_:\S+))?\s*\.")


def sniff_format(head: bytes) -> str:
    """The extension of the RDF format that text starting with `head` is in: JSON-LD (`{`, `[`), RDF/XML
    (`<?xml`, `<rdf:`), N-Quads when the first statement is a line of three or four full terms (N-Triples
    is N-Quads too), else TriG, which reads Turtle as well.

    >>> sniff_format(b'<http://a/s> <http://a/p> "o" <http://a/g> .'), sniff_format(b"@prefix x: <y#> .")
    ('nq', 'trig')
    """
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text[:1] in (b"{", b"["):
        return "jsonld"
    if text.startswith((b"<?xml", b"<rdf:", b"<!DOCTYPE")):
        return "rdf"
    first = next((line for line in text.splitlines() if line.strip() and not line.lstrip().startswith(b"#")), b"")
    return "nq" if _QUAD_LINE.match(first) else "trig"


def save_graph(
    triples: Iterable[ox.Triple] | Iterable[ox.Quad] | ox.Store,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    prefixes: dict[str, str] | None = None,
) -> Path:
    """Write triples (or a store's quads, sorted) to `path` atomically, with `prefixes` (default: the
    project's), in the RDF format `format` names or `path`'s extension tells (KgError, exit 2, for another).

    Triples are written in the order given, so callers that sort get byte-identical files.
    """
    target = Path(path)
    fmt = rdf_format(target, format)
    items = sorted_quads(triples) if isinstance(triples, ox.Store) else triples
    if not fmt.supports_datasets:
        items = (q.triple if isinstance(q, ox.Quad) else q for q in items)
    if fmt == ox.RdfFormat.RDF_XML:
        items = (ox.Triple(t.subject, t.predicate, xml_literal(t.object)) for t in items)
    with atomic_write(target, binary=True) as handle:
        out = XmlCarriageReturns(handle) if fmt == ox.RdfFormat.RDF_XML else handle
        ox.serialize(items, out, format=fmt, prefixes=(prefixes or PREFIXES) if fmt in _PREFIXED else None)
    return target


def xml_literal(term: ox.Term) -> ox.Term:
    """`term`, a literal with what XML 1.0 cannot carry at all (most control characters, U+FFFE) as
    `clean_text` replaces it: a graph from elsewhere can hold them, and the file would not parse."""
    if not isinstance(term, ox.Literal) or not UNSAFE_CHARACTERS.search(term.value):
        return term
    value = clean_text(term.value)
    return ox.Literal(value, language=term.language) if term.language else ox.Literal(value, datatype=term.datatype)


_PREFIXED = {ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML, ox.RdfFormat.N3}

MAX_XML_DEPTH = 1000
"""Deepest element nesting read in RDF/XML: real files nest a few levels; Oxigraph's parser slows
down more than linearly with depth."""


def check_safe_xml(source: Path, fmt: ox.RdfFormat) -> None:
    """Refuse RDF/XML that would take Oxigraph's memory or time, before it parses it: entities that
    expand without bound (a 740-byte "billion laughs" made it allocate 4.8 GB and abort) and elements
    nested deeper than MAX_XML_DEPTH. expat reads the file first, streamed, with its own limit on
    entity amplification (100 times the input past 8 MiB of expansion). Raises KgError (exit 2)."""
    if fmt != ox.RdfFormat.RDF_XML:
        return
    parser = xml.parsers.expat.ParserCreate()
    depth = 0

    def start(name: str, attributes: dict) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_XML_DEPTH:
            raise KgError(f"{source}: not read: elements nested deeper than {MAX_XML_DEPTH:,} levels", exit_code=2)

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1

    parser.StartElementHandler, parser.EndElementHandler = start, end
    try:
        with open(source, "rb") as handle:
            while chunk := handle.read(1 << 20):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except xml.parsers.expat.ExpatError as error:
        raise KgError(f"{source}: not valid RDF/XML: {error}", exit_code=2) from None
    except OSError as error:
        raise KgError(f"{source}: cannot read: {error.strerror or error}", exit_code=2) from None


def store_quads(store: ox.Store) -> Iterable[ox.Quad]:
    """Every quad in the store, default graph included, in the store's order (which is the order they
    were added in: see `sorted_quads` for output that must not depend on it)."""
    return store.quads_for_pattern(None, None, None, None)


_SORTED_QUADS = (
    "SELECT ?g ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    " ORDER BY STR(?g) STR(?s) STR(?p) STR(?o) DATATYPE(?o) LANG(?o)"
)
"""Every quad, default graph first, in the order of the terms' texts: Oxigraph sorts, in its own
memory, and hands them over one at a time (an N-Triples export holds no list of triples in Python)."""


def sorted_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """Every quad in the store sorted by graph, subject, predicate and object (their texts, then the
    object's datatype and language), so a file written from them is the same bytes whatever order the
    input listed its triples in (blank nodes aside: a parser names them afresh)."""
    for row in store.query(_SORTED_QUADS):
        yield ox.Quad(row[1], row[2], row[3], row[0] or ox.DefaultGraph())


# ---------------------------------------------------------------- the persistent store beside a graph file

PERSISTENT_MIN_BYTES = 1 << 20
"""Files at least this big (~30k triples) are queried through a persistent store; smaller ones parse in
well under a second, and a folder beside every test file or seed graph would be clutter."""
STAMP = "kg-stamp.json"
"""Written last into a store folder: which file content (SHA-256), format and triple count it holds,
and the size and CRC-32 of every file of the store as built."""


def open_graph(
    path: str | os.PathLike[str], *, format: str | None = None, persistent: bool | None = None
) -> ox.Store:
    """The graph in `path` for reading: a read-only Oxigraph store kept beside it, or parsed into memory.

    The file is the source of truth; the store (see `refresh_store`) is a cache rebuilt whenever the
    file's content changes. `persistent=None` uses the store for files of PERSISTENT_MIN_BYTES or more;
    False always parses into memory. The store answers selective queries without the parse (5 s per
    million triples) but scans all triples slower than memory, so whole-graph readers pass False.
    A dataset keeps its graphs apart (see `load_graph`). Raises KgError (exit 2) like `load_graph`.
    """
    source = Path(path)
    if persistent is False or not source.is_file() or (persistent is None and source.stat().st_size < PERSISTENT_MIN_BYTES):
        return load_graph(source, format=format, named_graphs=True)
    try:
        version = refresh_store(source, format=format)
        try:
            return ox.Store.read_only(str(version))
        except (OSError, RuntimeError):  # damaged after the check (RocksDB: "Corruption"): rebuild once
            discard_store(source)
            return ox.Store.read_only(str(refresh_store(source, format=format)))
    except OSError:
        return load_graph(source, format=format, named_graphs=True)  # an unwritable folder: no cache, same answers


def discard_store(path: str | os.PathLike[str]) -> bool:
    """Delete the stores kept beside graph file `path` (the next query builds a new one), after a store
    failed: whether there was one to delete."""
    root = store_folder(path)
    if root.is_symlink() or not root.is_dir():
        return False
    with open_lock(root / "lock") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for entry in root.iterdir():
            remove_entry(entry)
    return True


def store_folder(path: str | os.PathLike[str]) -> Path:
    """Where the stores of graph file `path` live: `output/graph.ttl` → `output/.graph.ttl.oxigraph/`."""
    source = Path(path)
    return source.parent / f".{source.name}.oxigraph"


def refresh_store(path: str | os.PathLike[str], *, format: str | None = None) -> Path:
    """The store folder holding exactly the current content of `path`, built first if there is none.

    Stores are named by the SHA-256 of the file, so an edit of any size or timestamp gets a new one and
    an unchanged file reuses its store without parsing. A build happens under a lock in a temporary
    folder renamed into place once complete, with the stamp written last: readers never see a partial
    store, and a folder without a valid stamp (a crash, a hand edit) or whose files are not those the
    stamp lists, byte for byte (a flipped bit once made RocksDB allocate gigabytes, or fail on every
    query), is rebuilt, not trusted. Older versions are deleted after a build. Raises KgError (exit 2) for invalid RDF, OSError when the
    folder cannot be written.
    """
    source = Path(path)
    fmt = rdf_format(source, format)
    root = store_folder(source)
    digest = file_digest(source)
    version = root / digest[:32]
    if read_stamp(version) == stamp_for(digest, fmt):
        return version
    own_folder(root)
    with open_lock(root / "lock") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if read_stamp(version) != stamp_for(digest, fmt):
            for stale in root.iterdir():
                remove_entry(stale)
            build_store(source, fmt, digest, version)
    return version


def own_folder(root: Path) -> None:
    """Make `root` a real folder of its own: a symlink there (an unpacked archive can hold one) is
    removed, never followed, so clearing stale stores cannot delete or truncate anything it points to."""
    if root.is_symlink():
        root.unlink(missing_ok=True)
    root.mkdir(exist_ok=True)


def open_lock(path: Path) -> IO[bytes]:
    """The lock file of a store folder, opened without following a symlink and without truncating."""
    if path.is_symlink():
        path.unlink(missing_ok=True)
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666), "wb")


def remove_entry(entry: Path) -> None:
    """Delete a stale store or a crashed build's folder in a store folder; a symlink is only unlinked."""
    if entry.is_symlink():
        entry.unlink(missing_ok=True)
    elif entry.is_dir():
        shutil.rmtree(entry, ignore_errors=True)


def build_store(source: Path, fmt: ox.RdfFormat, digest: str, version: Path) -> None:
    """Bulk-load `source` into a new store folder at `version` (through a temporary folder beside it)."""
    check_safe_xml(source, fmt)
    building = Path(tempfile.mkdtemp(prefix="building-", dir=version.parent))
    try:
        store = ox.Store(str(building))
        try:
            store.bulk_load(path=str(source), format=fmt, to_graph=ox.DefaultGraph() if not fmt.supports_datasets else None)
        except (SyntaxError, ValueError) as error:
            raise KgError(f"{source}: not valid {fmt.name}: {error}", exit_code=2) from None
        store.optimize()  # compacts the bulk-loaded tables: queries on a million triples ran 2-4× faster
        triples = len(store)
        del store
        if file_digest(source) != digest:
            raise KgError(f"{source} changed while its store was built; run the command again", exit_code=1)
        stamp = {**stamp_for(digest, fmt), "triples": triples, "files": store_checksums(building)}
        (building / STAMP).write_text(json.dumps(stamp), encoding="utf-8")
        os.rename(building, version)
    finally:
        shutil.rmtree(building, ignore_errors=True)


def stamp_for(digest: str, fmt: ox.RdfFormat) -> dict[str, str]:
    """What a store's stamp must say to hold this file content read as this format."""
    return {"sha256": digest, "format": fmt.name}


def read_stamp(version: Path) -> dict[str, str] | None:
    """The file content and format a store folder holds (its stamp's sha256 and format), or None when
    the stamp is missing or unreadable, the folder is reached through a symlink (a store is only
    trusted in the folder kg made for it), or its files are not exactly those the stamp lists."""
    if version.is_symlink() or version.parent.is_symlink():
        return None
    try:
        stamp = json.loads((version / STAMP).read_text(encoding="utf-8"))
        if not isinstance(stamp.get("triples"), int) or stamp.get("files") != store_checksums(version):
            return None
        return {key: stamp[key] for key in ("sha256", "format")}
    except (OSError, ValueError, KeyError, AttributeError):
        return None


def store_checksums(folder: Path) -> dict[str, list[int]]:
    """Size and CRC-32 of every file of a store folder but its stamp: about 0.1 s for a million triples
    (140 MB). CRC-32 detects damage; a stamp is no defence against someone who can write the folder."""
    sums: dict[str, list[int]] = {}
    for path in sorted(folder.iterdir()):
        if path.name == STAMP:
            continue
        crc = 0
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                crc = zlib.crc32(chunk, crc)
        sums[path.name] = [path.stat().st_size, crc]
    return sums


def file_digest(path: Path) -> str:
    """SHA-256 of the file's bytes (about 40 ms for a million triples of Turtle)."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
