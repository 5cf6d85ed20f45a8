"""The distributed build: parse and extract articles on a dask.distributed cluster.

Extraction is a pure function of an article and the pipeline version, so the articles are cut into
batches, each batch is one task, and any worker may run it (again, if its first worker died). Each
worker process loads the spaCy pipeline once and keeps it for every later task. Workers return plain
data (`Extraction.to_dict()`); the driver puts the results back in input order, and resolution and
writing stay on the driver (kg.build.write_graph), so the graph is byte-identical to a local build.

dask.distributed rather than Ray: pure Python and pip-installable (`kg[cluster]`), a scheduler
address is all a user needs, `LocalCluster` runs the same code on one machine (and in the tests), and
its nannies restart dead workers while the scheduler reruns their tasks.
"""
from __future__ import annotations

import logging
import math
import threading
import uuid
from asyncio import CancelledError
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from kg.articles import Article
from kg.errors import KgError

if TYPE_CHECKING:
    from distributed import Client, Future, LocalCluster
    from spacy.language import Language

    from kg.extract import Extraction

T = TypeVar("T")
CONNECT_TIMEOUT = 10
"""Seconds to reach the scheduler (and to wait for a first worker) before giving up."""
MAX_BATCH = 64
"""Most articles in one task: enough to amortise spaCy's batching, few enough to balance the load."""
TASKS_PER_WORKER = 4
"""Batches per worker thread when the corpus is small, so a slow or dead worker holds back little."""
RETRIES = 2
"""Extra attempts of a task that raised (a dead worker's tasks are rerun by the scheduler anyway)."""


class BatchResult(NamedTuple):
    """What one task sends back: who ran it, with which pipeline, and the extractions as plain data."""

    worker: str
    version: str
    extractions: list[dict]


def extract_on_dask(
    articles: Sequence[Article],
    scheduler: str | None,
    *,
    jobs: int = 2,
    progress: Callable[[Iterable[T], int], Iterable[T]] | None = None,
    batch_size: int | None = None,
) -> list[Extraction]:
    """Extract `articles` on the dask cluster at `scheduler` (tcp://host:8786), in input order.

    With `scheduler` None, a local cluster of `jobs` worker processes runs the build and is closed
    after. Raises KgError: exit code 2 when the scheduler cannot be reached or has no worker; exit
    code 1 when a worker runs another pipeline version than this machine, or when a batch still fails
    after its retries (naming the batch's first article).
    """
    if not articles:
        return []
    if scheduler is None:
        with start_local_cluster(jobs) as cluster:
            return extract_on_dask(articles, cluster.scheduler_address, progress=progress, batch_size=batch_size)
    with connect_client(scheduler) as client:
        slots = sum(client.nthreads().values())
        size = batch_size or min(MAX_BATCH, math.ceil(len(articles) / (TASKS_PER_WORKER * slots)))
        batches = [list(articles[i:i + size]) for i in range(0, len(articles), size)]
        results = gather_batches(client, batches, progress)
    extractions = [e for batch in results for e in batch]
    if [e.article["id"] for e in extractions] != [a.id for a in articles]:
        raise KgError(f"the cluster at {scheduler} returned {len(extractions)} extractions for {len(articles)} articles")
    return extractions


def start_local_cluster(jobs: int) -> LocalCluster:
    """A cluster of `jobs` single-threaded worker processes on this machine, quiet and without dashboard."""
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
    )


def connect_client(scheduler: str) -> Client:
    """A client of the scheduler at `scheduler` with at least one worker, or KgError (exit code 2)."""
    from distributed import Client

    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, ValueError) as error:
        raise KgError(f"cannot reach the dask scheduler at {scheduler}: {error}", exit_code=2) from None
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    except TimeoutError:
        client.close()
        raise KgError(f"the dask scheduler at {scheduler} has no worker: start `dask worker {scheduler}`", exit_code=2) from None
    return client


def gather_batches(
    client: Client, batches: list[list[Article]], progress: Callable[[Iterable[T], int], Iterable[T]] | None
) -> list[list[Extraction]]:
    """Run one task per batch and collect the extractions per batch, checking each worker's version."""
    from distributed import as_completed

    from kg.extract import Extraction
    from kg.nlp import pipeline_version

    expected = pipeline_version()
    run = uuid.uuid4().hex[:8]
    futures: dict[Future, int] = {
        client.submit(extract_batch, batch, expected, key=f"kg-extract-{run}-{i}", retries=RETRIES): i
        for i, batch in enumerate(batches)
    }
    results: list[list[Extraction]] = [[] for _ in batches]

    def completed() -> Iterator[None]:
        for future in as_completed(list(futures), loop=client.loop):
            i = futures.pop(future)
            try:
                worker, version, data = future.result()
            except (Exception, CancelledError) as error:  # a scheduler gone cancels every future
                raise KgError(f"the distributed build failed on the batch starting with {batches[i][0].source}: {error}") from None
            if version != expected:
                raise KgError(f"worker {worker} runs {version}, the driver expects {expected}: install the same kg and model there and restart its workers")
            results[i] = [Extraction.from_dict(d) for d in data]
            yield from (None for _ in data)

    for _ in (progress or (lambda items, _: items))(completed(), sum(map(len, batches))):
        pass
    return results


# ---------------------------------------------------------------- on the workers

_PIPELINE_LOCK = threading.Lock()


@cache
def worker_pipeline() -> Language:
    """This worker process's pipeline, loaded by its first task and kept for the next ones."""
    from kg.memory import keep_freed_memory
    from kg.nlp import load_pipeline

    keep_freed_memory()
    return load_pipeline()


@cache
def worker_version() -> str:
    """This worker's pipeline version, taken once, when its code is loaded: a kg upgraded on disk under
    a running worker then shows as a mismatch instead of passing for the new version."""
    import kg.extract  # noqa: F401  (the version names the source of the code this process runs)
    from kg.nlp import pipeline_version

    return pipeline_version(worker_pipeline())


def extract_batch(articles: list[Article], expected: str) -> BatchResult:
    """The task: parse and extract `articles`, unless this worker's pipeline is not the `expected` one.

    One thread at a time uses the process's pipeline (spaCy pipelines are not made for threads):
    run workers with one thread each and as many processes as cores.
    """
    from distributed import get_worker

    from kg.parse import parse_and_extract

    with _PIPELINE_LOCK:
        version = worker_version()
        if version != expected:
            return BatchResult(get_worker().address, version, [])
        nlp = worker_pipeline()
        extractions = [extraction.to_dict() for extraction in parse_and_extract(nlp, articles, version)]
    return BatchResult(get_worker().address, version, extractions)
