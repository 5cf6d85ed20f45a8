"""Process memory settings for the steps that make millions of small objects (builds, big pictures).

Light on purpose (standard library only): `kg viz` imports it and must start fast.
"""
from __future__ import annotations

import ctypes
import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cycle collector off for the duration, then back as it was.

    kg's builds and pictures make millions of small objects that live to the end (extractions,
    triples, graph nodes) and almost no cycles (a parse makes about 3 cyclic objects an article), but
    each burst of allocations triggers a full scan of the growing heap: on a million triples the
    collector took 12 of `kg viz`'s 15 seconds, a fifth of a build's writing time and three quarters
    of receiving extractions from the build processes.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_M_TRIM_THRESHOLD = -1
"""mallopt's parameter number for the trim threshold (glibc's malloc.h)."""


def keep_freed_memory(limit: int = 512 << 20) -> None:
    """Let this process keep up to `limit` bytes of freed heap instead of handing it back to the system
    after every batch: a process that parses batch after batch and sends its results away otherwise
    faults the same pages in again, about a thousand page faults an article (4 % of its time). Only
    glibc's malloc has the setting; elsewhere this does nothing."""
    try:
        ctypes.CDLL("libc.so.6").mallopt(_M_TRIM_THRESHOLD, limit)
    except (OSError, AttributeError):
        pass
