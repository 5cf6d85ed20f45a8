"""kg build on a real dask cluster: same bytes as the local build, worker deaths, bad schedulers,
mismatched workers, and the cache. One two-worker cluster serves the module (each worker loads the
model once, on its first task)."""
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app
from kg.distributed import start_local_cluster, worker_pipeline, worker_version
from kg.errors import KgError

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.model
ROOT = Path(__file__).resolve().parent.parent
CORPUS = [ROOT / "seeds", ROOT / "tests" / "data" / "articles"]
UNREACHABLE = "tcp://127.0.0.1:9"


@pytest.fixture(scope="module")
def cluster():
    with start_local_cluster(2) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def client(cluster):
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        yield client


@pytest.fixture(scope="module")
def local_graph(nlp, tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("local") / "graph.ttl"
    build(CORPUS, output, nlp=nlp, cache_dir=None)
    return output


def test_dask_build_is_byte_identical_to_the_local_build(cluster, client, local_graph, tmp_path):
    output = tmp_path / "graph.ttl"
    report = build(CORPUS, output, engine="dask", scheduler=cluster.scheduler_address, cache_dir=None)
    assert output.read_bytes() == local_graph.read_bytes()
    assert report.parsed == report.articles == 15
    loaded = client.run(lambda: worker_pipeline.cache_info().currsize)
    assert sorted(loaded.values()) == [1, 1]  # both workers worked, each loaded the pipeline once


def test_dask_build_with_a_cache_parses_nothing_the_second_time(cluster, tmp_path):
    cache = tmp_path / "cache"
    first = build([CORPUS[0]], tmp_path / "first.ttl", engine="dask", scheduler=cluster.scheduler_address, cache_dir=cache)
    second = build([CORPUS[0]], tmp_path / "second.ttl", engine="dask", scheduler=cluster.scheduler_address, cache_dir=cache)
    assert (first.parsed, second.parsed, second.cached) == (3, 0, 3)
    assert (tmp_path / "second.ttl").read_bytes() == (tmp_path / "first.ttl").read_bytes()


def test_dask_build_refuses_workers_running_another_version(cluster, client, tmp_path):
    import kg

    def install_kg(version: str) -> None:  # on each worker: as if it had started with kg `version`
        setattr(__import__("kg"), "__version__", version)
        worker_version.cache_clear()

    original = kg.__version__
    client.run(install_kg, "9.9.9")
    try:
        with pytest.raises(KgError, match=f"worker tcp://.* runs kg-9.9.9.*the driver expects kg-{original}"):
            build([CORPUS[0]], tmp_path / "graph.ttl", engine="dask", scheduler=cluster.scheduler_address, cache_dir=None)
    finally:
        deadline = time.monotonic() + 60
        while True:  # a cancelled batch still running on a worker may cache 9.9.9 again after a reset: reset until none does
            while any(client.processing().values()):
                time.sleep(0.05)
            client.run(install_kg, original)
            time.sleep(0.5)
            if all(v.startswith(f"kg-{original}+") for v in client.run(worker_version).values()) or time.monotonic() > deadline:
                break
    assert not (tmp_path / "graph.ttl").exists()
    assert all(v.startswith(f"kg-{original}+") for v in client.run(worker_version).values())


def test_dask_build_survives_a_killed_worker_or_says_so(cluster, client, local_graph, tmp_path):
    pids = client.run(os.getpid)
    killed: list[str] = []
    done = threading.Event()

    def kill_a_busy_worker() -> None:
        while not killed and not done.is_set():
            busy = [w for w, keys in client.processing().items() if any(str(k).startswith("kg-extract") for k in keys)]
            if busy:
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed.append(busy[0])
            time.sleep(0.05)

    killer = threading.Thread(target=kill_a_busy_worker, daemon=True)
    killer.start()
    output = tmp_path / "graph.ttl"
    try:
        build(CORPUS, output, engine="dask", scheduler=cluster.scheduler_address, cache_dir=None)
    except KgError as error:
        assert "failed on the batch starting with" in str(error)
        assert not output.exists()
    else:
        assert output.read_bytes() == local_graph.read_bytes()
    finally:
        done.set()
        killer.join()
    assert killed


def test_kg_build_names_an_unreachable_scheduler(tmp_path):
    args = ["build", str(CORPUS[0]), "-o", str(tmp_path / "graph.ttl"), "--no-cache", "--engine", "dask", "--scheduler", UNREACHABLE]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert f"cannot reach the dask scheduler at {UNREACHABLE}" in result.output
    assert not (tmp_path / "graph.ttl").exists()
