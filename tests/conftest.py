"""Shared fixtures. The French pipeline loads once per test session (it costs several seconds); headless
Chromium starts once per module that drives it."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SEEDS = ROOT / "seeds"
POPCORN = ROOT.parent / "shared" / "data" / "popcorn" / "train.json"
"""The annotated development corpus nobody here wrote, beside the clone (never copied into it)."""


@pytest.fixture(scope="session")
def nlp():
    """kg's spaCy pipeline (fr_core_news_md plus kg's components), loaded once."""
    from kg.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def popcorn() -> dict:
    """The POPCORN development corpus read from ../shared; skipped on a machine without it, a failure in CI."""
    from kg.annotated import load_annotated

    if not POPCORN.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the development corpus is missing: {POPCORN}")
        pytest.skip(f"no development corpus at {POPCORN}")
    return load_annotated(POPCORN)


@pytest.fixture(scope="session")
def sample_graph_path() -> Path:
    """A small hand-written graph in the shape kg build writes (no model needed)."""
    return DATA / "sample-graph.ttl"


@pytest.fixture()
def oxigraph(tmp_path):
    """A fresh `oxigraph serve` on a free loopback port for one test (it starts in well under a second)."""
    from servers import Oxigraph, serve_oxigraph

    port, server = serve_oxigraph(tmp_path / "db")
    with server as process:
        yield Oxigraph(tmp_path / "db", port, process)


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium from Debian; skipped on a dev machine without it, a failure in CI."""
    from pages import ARGS, CHROMIUM

    if not CHROMIUM.exists() and os.environ.get("CI") != "true":
        pytest.skip("browser tests need /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()
