"""The README is executable: every ```sh and ```python block runs, in order, in one scratch folder that has
the repository's seeds/ and tests/ and .venv/bin first on the PATH, as a reader following it would.

A block that needs a server or the whole test suite says so on the line before it:
`<!-- readme-test: skip (why) -->`. New blocks are picked up as they are written."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.model  # the blocks build the seeds

BLOCK = re.compile(r"(?P<before>[^\n]*)\n```(?P<language>sh|python)\n(?P<code>.*?)\n```", re.DOTALL)
SKIP = re.compile(r"<!-- readme-test: skip \((?P<why>[^)]+)\) -->")


def readme_blocks() -> list[tuple[int, str, str, str | None]]:
    """(line, language, code, why skipped or None) of every sh and python block of README.md."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [
        (text[: found.start("code")].count("\n") + 1, found["language"], found["code"],
         (skip := SKIP.search(found["before"])) and skip["why"])
        for found in BLOCK.finditer(text)
    ]


def test_the_readme_has_runnable_blocks_and_few_skips():
    blocks = readme_blocks()
    assert len([b for b in blocks if b[3] is None]) >= 8
    assert len([b for b in blocks if b[3] is not None]) <= 3


def test_every_readme_block_runs(tmp_path):
    for folder in ("seeds", "tests"):
        (tmp_path / folder).symlink_to(ROOT / folder)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(ROOT)}
    for line, language, code, skipped in readme_blocks():
        if skipped:
            continue
        command = ["bash", "-euo", "pipefail", "-c", code] if language == "sh" else [sys.executable, "-c", code]
        try:  # a block that waits for ever (a server) fails instead of hanging the suite
            done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
        except subprocess.TimeoutExpired:
            pytest.fail(f"README.md line {line} ({language}) ran for 300 s: a server? skip it with a readme-test comment")
        assert done.returncode == 0, f"README.md line {line} ({language}) failed:\n{code}\n--- stderr:\n{done.stderr[-3000:]}"
