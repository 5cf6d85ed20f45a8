"""Resource guards for tests whose failure would otherwise eat the machine: the code under test runs in
a child process with hard limits on CPU time and memory (resource.setrlimit), so a regression (a
quadratic parser, an entity expansion, an unbounded buffer) kills the child, and fails the test, instead
of stalling or swapping a shared 2-core machine. The limits are generous ceilings, not timings: the
code they guard needs a small fraction of them."""
from __future__ import annotations

import resource
import signal
import subprocess
import sys
import textwrap

ROOT_OF_TESTS = __file__.rsplit("/", 1)[0]


def limits(cpu_seconds: int, memory_bytes: int):
    """A preexec function that caps the child's CPU seconds (SIGXCPU after) and address space."""
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    return apply


def run_guarded(code: str, *, cpu_seconds: int = 60, memory_bytes: int = 2 << 30, args: list[str] | None = None) -> str:
    """Run Python `code` in a child under the limits; its stdout, or an AssertionError saying which
    limit killed it (or how it failed)."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code), *(args or [])], capture_output=True, text=True,
                          preexec_fn=limits(cpu_seconds, memory_bytes), cwd=ROOT_OF_TESTS + "/..")
    if done.returncode == -signal.SIGXCPU or done.returncode == -signal.SIGKILL:
        raise AssertionError(f"killed by the CPU limit of {cpu_seconds} s (signal {-done.returncode})")
    if "MemoryError" in done.stderr:
        raise AssertionError(f"out of the memory limit of {memory_bytes >> 20} MiB")
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout
