"""Killing the main process of `kg build --jobs N` (SIGKILL, SIGTERM; the OOM killer sends SIGKILL) takes
its build processes with it, and none of them keeps the output's lock: before, they slept on their task
queue holding the lock, and every later build on that output failed until someone found and killed them."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kg.build import build_lock

BUILD = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    import kg.build
    from kg.articles import read_articles

    folder, output, pids = map(Path, sys.argv[1:4])

    def asleep(nlp, batch, version):  # a build process busy parsing, as long as it takes
        with open(pids, "a") as handle:
            handle.write(f"{os.getpid()}\\n")
        time.sleep(600)

    kg.build.parse_and_extract = asleep
    with kg.build.build_lock(output):
        list(kg.build.extract_in_processes(None, read_articles(folder).articles, "v1", 2))
""")


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie waiting to be reaped does not)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


def wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.mark.parametrize("kill", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_build_processes_die_with_the_build_and_free_its_lock(tmp_path, kill):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(20):
        (corpus / f"a{number:02d}.txt").write_text(f"Article {number}.", encoding="utf-8")
    output, pids = tmp_path / "out" / "graph.ttl", tmp_path / "pids"
    main = subprocess.Popen([sys.executable, "-c", BUILD, str(corpus), str(output), str(pids)],
                            cwd=Path(__file__).resolve().parent.parent)
    workers: list[int] = []
    try:
        assert wait_until(lambda: pids.exists() and len(pids.read_text().split()) >= 2, 60), "no build process started"
        workers = [int(pid) for pid in pids.read_text().split()]
        main.send_signal(kill)
        main.wait(timeout=30)
        assert wait_until(lambda: not any(alive(pid) for pid in workers), 10), "build processes outlived the build"
        with build_lock(output):  # the next build gets the lock at once
            pass
    finally:
        for pid in workers + [main.pid]:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        main.wait(timeout=30)


def running(ready) -> None:
    """A forked child's work: say it runs (its at-fork handlers have run by then), then sleep."""
    ready.set()
    time.sleep(600)


def test_a_forked_child_does_not_keep_the_build_lock(tmp_path):
    """Even a child that outlives the build (no PR_SET_PDEATHSIG outside Linux) holds no lock: each forked
    child lets go of its copy of the lock as soon as it runs."""
    import multiprocessing

    output = tmp_path / "graph.ttl"
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    with build_lock(output):
        child = context.Process(target=running, args=(ready,))
        child.start()
        assert ready.wait(60), "the child never ran"
    try:
        with build_lock(output):
            pass
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.join()
