"""kg.memory.keep_freed_memory: a build process keeps freed heap memory instead of faulting it back in."""
from __future__ import annotations

import platform
import subprocess
import sys

import pytest

# fill ~30 MB of heap, free it, fill it again: print the page faults of the second filling
PROBE = """
import resource, sys
from kg.memory import keep_freed_memory
if sys.argv[1] == "keep":
    keep_freed_memory()
def fill():
    blocks = [bytearray(100_000) for _ in range(300)]
    del blocks
fill()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
fill()
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="the setting is glibc's malloc")
def test_memory_kept_for_the_next_batch() -> None:
    faults = {mode: int(subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True, text=True, check=True).stdout)
              for mode in ("keep", "default")}
    assert faults["default"] > 5000  # 30 MB handed back and faulted in again, page by page
    assert faults["keep"] < 500
