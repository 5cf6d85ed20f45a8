"""`kg build`: articles → output/graph.ttl, the whole data flow in one call.

read (kg.articles) → per article: the cached extraction (kg.cache), else parse (kg.nlp, on `jobs`
processes or a dask cluster) and extract (kg.extract) → resolve across articles (kg.resolve) →
triples (kg.graph) → an atomic, byte-stable Turtle file (kg.store). Extraction is a pure function of
the article and the pipeline version, so the cache and the engines change how fast, never what, the
build writes. A lock file beside the output keeps two builds from writing the same graph at once.
"""
from __future__ import annotations

import ctypes
import fcntl
import os
import signal
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from kg.articles import MAX_CHARS, Article, read_articles
from kg.cache import CACHE_DIR_NAME, ExtractionCache
from kg.api import callable_verb
from kg.errors import KgError
from kg.memory import keep_freed_memory, paused_gc
from kg.parse import FAILED, parse_and_extract

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.extract import Extraction

DEFAULT_OUTPUT = Path("output/graph.ttl")
ENGINES = ("local", "dask")
T = TypeVar("T")
Progress = Callable[[Iterable[T], int], Iterable[T]]


class CacheDefault(Enum):
    """The default cache folder: `.kg-cache` in the output's folder."""

    BESIDE_OUTPUT = CACHE_DIR_NAME


@dataclass
class BuildReport:
    """What a build did: for the closing summary and for tests."""

    output: Path
    articles: int
    warnings: list[str] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)
    facts: int = 0
    triples: int = 0
    parsed: int = 0
    """Articles parsed by this build."""
    cached: int = 0
    """Articles whose extraction came from the cache."""


def build(
    paths: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str] = DEFAULT_OUTPUT,
    *,
    nlp: Language | None = None,
    progress: Progress | None = None,
    on_warning: Callable[[str], None] | None = None,
    on_status: Callable[[str], None] | None = None,
    jobs: int = 1,
    cache_dir: str | os.PathLike[str] | CacheDefault | None = CacheDefault.BESIDE_OUTPUT,
    engine: str = "local",
    scheduler: str | None = None,
    max_chars: int = MAX_CHARS,
    base_iri: str | None = None,
) -> BuildReport:
    """Build the graph of the articles under `paths` into `output`, in the RDF format its extension
    names (.ttl Turtle, .nt N-Triples, .nq, .trig, .jsonld, .rdf/.xml).

    Articles are parsed with `jobs` processes (engine "local") or on the dask cluster at `scheduler`
    (engine "dask"; None starts a local one of `jobs` workers), except those found in the cache
    `cache_dir` (None: no cache); the spaCy model loads only if some article must be parsed.
    The IRIs kg mints (entities, events, statements, articles) are under `base_iri` (default:
    https://example.org/kg/).
    Unreadable inputs, and articles over `max_chars` characters, are skipped with a warning; raises KgError when no article could be read, when
    the model is missing, or when another build holds the output's lock. `on_status` hears what
    takes time before the first article (loading the model).
    """
    check_engine(engine, scheduler, jobs)
    if base_iri is not None:
        from kg.namespace import check_base_iri

        check_base_iri(base_iri)
    warn = on_warning or (lambda _: None)
    target = Path(output)
    check_output(target)
    reading = read_articles(paths, max_chars=max_chars)
    for warning in reading.warnings:
        warn(warning)
    if not reading.articles:
        raise KgError(f"no articles could be read from {', '.join(map(str, paths))}", exit_code=1)
    with build_lock(target), paused_gc():
        from kg.nlp import pipeline_version

        folder = target.parent / CACHE_DIR_NAME if cache_dir is CacheDefault.BESIDE_OUTPUT else cache_dir
        cache = None if folder is None else ExtractionCache(folder, pipeline_version(nlp), on_warning=warn)
        found = [cache.load(article) if cache else None for article in reading.articles]
        todo = [article for article, cached in zip(reading.articles, found) if cached is None]
        fresh = extract_articles(todo, nlp=nlp, progress=progress, jobs=jobs, engine=engine, scheduler=scheduler,
                                 on_status=on_status)
        extractions: list[Extraction] = []
        for article, cached in zip(reading.articles, found):
            if cached is None:
                cached = next(fresh)
                if FAILED in cached.article:
                    reading.warnings.append(f"{article.source}: skipped: extraction failed ({cached.article[FAILED]})")
                    warn(reading.warnings[-1])
                    continue
                if cache:
                    cache.store(article, cached)
            extractions.append(cached)
        if not extractions:
            raise KgError("no article could be extracted; nothing was written", exit_code=1)
        report = write_graph(extractions, target, warnings=reading.warnings, base=base_iri)
    report.parsed, report.cached = len(todo), len(found) - len(todo)
    return report


def check_output(output: Path) -> None:
    """Usage errors (exit code 2) in the output path, found before any parsing: a folder, or an
    extension that names no RDF format kg writes (the format follows the extension)."""
    from kg.store import rdf_format

    if output.is_dir():
        raise KgError(f"the output {output} is a folder: name a file in it, such as {output / 'graph.ttl'}", exit_code=2)
    rdf_format(output)


def check_engine(engine: str, scheduler: str | None, jobs: int) -> None:
    """Usage errors (exit code 2) in the engine options, found before any work."""
    if engine not in ENGINES:
        raise KgError(f"unknown engine {engine!r}: use {' or '.join(ENGINES)}", exit_code=2)
    if scheduler is not None and engine != "dask":
        raise KgError("--scheduler needs --engine dask", exit_code=2)
    if jobs < 1:
        raise KgError(f"--jobs must be at least 1, not {jobs}", exit_code=2)


def extract_articles(
    articles: Sequence[Article],
    *,
    nlp: Language | None = None,
    progress: Progress | None = None,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    on_status: Callable[[str], None] | None = None,
) -> Iterator[Extraction]:
    """Parse and extract every article, in order: locally with `jobs` processes (the model is loaded
    once, here, if not given and if there is any article) or on a dask cluster."""
    if not articles:
        return
    if engine == "dask":
        yield from dask_engine()(articles, scheduler, jobs=jobs, progress=progress)
        return
    from kg.nlp import load_pipeline, pipeline_version

    if nlp is None and on_status:
        on_status("loading the French model (a few seconds)")
    nlp = nlp or load_pipeline()
    version = pipeline_version(nlp)
    if jobs == 1:
        extractions = parse_and_extract(nlp, articles, version)
    else:
        extractions = extract_in_processes(nlp, articles, version, jobs)
    yield from extractions if progress is None else progress(extractions, len(articles))


PROCESS_BATCH = 8
"""Articles per task sent to a build process: small, so the processes finish together (parsing is
as fast in batches of 8 as of 16 or 64 here)."""


def extract_in_processes(nlp: Language, articles: Sequence[Article], version: str, jobs: int) -> Iterator[Extraction]:
    """Parse and extract on `jobs` forked processes, yielding in article order.

    The processes inherit the loaded pipeline (no reload) and send back extractions, which are small,
    rather than Docs as spaCy's own `n_process` does: the main process, which would otherwise
    deserialise every Doc and extract from it, stays idle, and `jobs` processes use `jobs` cores.
    A process that dies (killed, out of memory) fails the build with KgError, never a smaller graph;
    when the main process dies, the build processes die with it (`die_with_parent`) and none of them
    holds the output's lock (`build_lock`), so the next build is not blocked by orphans.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    batches = [articles[i : i + PROCESS_BATCH] for i in range(0, len(articles), PROCESS_BATCH)]
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"), initializer=_start_process,
                               initargs=(nlp, version, os.getpid()))
    try:
        for extractions in pool.map(_extract_batch, batches):
            yield from extractions
    except BrokenProcessPool:
        raise KgError("a build process died (killed, or out of memory?); no graph was written") from None
    finally:
        pool.shutdown(cancel_futures=True)


_PROCESS_STATE: tuple[Language, str] | None = None
"""In a build process: the pipeline and version inherited from the main process at fork."""


def _start_process(nlp: Language, version: str, parent: int) -> None:
    global _PROCESS_STATE
    die_with_parent(parent)
    _PROCESS_STATE = (nlp, version)
    keep_freed_memory()


_PR_SET_PDEATHSIG = 1
"""prctl option (linux/prctl.h): the signal this process gets when its parent dies."""


def die_with_parent(parent: int) -> None:
    """Have Linux SIGKILL this process when `parent` (the build's main process) dies, however it dies
    (SIGKILL, SIGTERM, the OOM killer), and exit now if it is already gone. Without this, build
    processes whose main process was killed slept forever on their task queue. Elsewhere than
    Linux the prctl call is missing and only the check remains."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(1)


def _extract_batch(articles: Sequence[Article]) -> list[Extraction]:
    assert _PROCESS_STATE is not None, "runs only in a process started by extract_in_processes"
    nlp, version = _PROCESS_STATE
    return list(parse_and_extract(nlp, articles, version))


def dask_engine() -> Callable[..., list[Extraction]]:
    """kg.distributed.extract_on_dask, or KgError (exit code 2) when dask.distributed is missing."""
    try:
        import distributed  # noqa: F401  (kg.distributed imports it lazily too)
    except ImportError:
        raise KgError("--engine dask needs dask.distributed: pip install kg[cluster]", exit_code=2) from None
    from kg.distributed import extract_on_dask

    return extract_on_dask


def write_graph(extractions: list[Extraction], output: Path, *, warnings: list[str] | None = None,
                base: str | None = None) -> BuildReport:
    """Resolve entities across the extractions and write the graph atomically, its IRIs under `base`
    (default: kg's)."""
    import pyoxigraph as ox

    from kg.graph import graph_triples
    from kg.namespace import BASE, minted_prefixes
    from kg.resolve import resolve
    from kg.store import save_graph

    resolution = resolve(extractions)
    triples = graph_triples(resolution, base=base or BASE)
    save_graph((ox.Triple(*t) for t in triples), output, prefixes=minted_prefixes(base or BASE))
    return BuildReport(
        output=output,
        articles=len(extractions),
        warnings=list(warnings or []),
        entities=Counter(e.type for e in resolution.entities.values()),
        facts=sum(len(e.facts) for e in extractions),
        triples=len(triples),
    )


_HELD_LOCKS: set[int] = set()
"""File descriptors of the build locks this process holds. A forked child shares the lock (flock
belongs to the open file, not the process) until it lets go of its copy, which every child does at
once: an orphaned build process then cannot keep the next build out."""


def _release_locks_in_child() -> None:
    """In a newly forked child: point each inherited lock descriptor at /dev/null (the number stays
    valid for the file object that owns it; the lock is the parent's alone)."""
    if _HELD_LOCKS:
        null = os.open(os.devnull, os.O_RDONLY)
        for fd in _HELD_LOCKS:
            os.dup2(null, fd)
        os.close(null)
        _HELD_LOCKS.clear()


os.register_at_fork(after_in_child=_release_locks_in_child)


@contextmanager
def build_lock(output: Path) -> Iterator[None]:
    """Hold `output`.lock exclusively; a second build on the same output fails at once, clearly.

    The lock file is deleted when the build ends, so none is left beside the graph. A build that
    opened it just before it was deleted holds a lock on a file no longer there: it sees that the
    name now points elsewhere (or nowhere) and takes the lock again.
    """
    lock_path = output.with_name(output.name + ".lock")
    for _ in range(3):
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            handle = open(lock_path, "a")
        except OSError as error:
            raise KgError(f"cannot write {output}: {error.strerror or error}", exit_code=2) from None
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise KgError(f"another kg build is writing {output} (lock {lock_path}); try again when it ends") from None
            if not same_file(lock_path, handle.fileno()):
                continue
            _HELD_LOCKS.add(handle.fileno())
            try:
                yield
                return
            finally:
                _HELD_LOCKS.discard(handle.fileno())
                lock_path.unlink(missing_ok=True)
    raise KgError(f"another kg build is writing {output} (lock {lock_path}); try again when it ends")


def same_file(path: Path, descriptor: int) -> bool:
    """Whether `path` still names the open file `descriptor`."""
    try:
        found, held = path.stat(), os.fstat(descriptor)
    except OSError:
        return False
    return (found.st_dev, found.st_ino) == (held.st_dev, held.st_ino)


callable_verb(__name__)  # kg.build(...) is the API verb (kg/api.py); kg.build.<name> this module
