"""kg.build.extract_in_processes: --jobs N runs parse and extraction in forked processes, in order."""
from __future__ import annotations

import os
import signal

import pytest

import kg.build
from kg.articles import read_articles
from kg.build import PROCESS_BATCH, extract_in_processes
from kg.errors import KgError


@pytest.fixture
def articles(tmp_path):
    for i in range(3 * PROCESS_BATCH + 1):
        (tmp_path / f"a{i:02d}.txt").write_text(f"Article {i}.", encoding="utf-8")
    return read_articles([tmp_path]).articles


def test_build_processes_return_every_article_in_order_from_other_processes(articles, monkeypatch):
    monkeypatch.setattr(kg.build, "parse_and_extract", lambda nlp, batch, version: [(a.id, os.getpid(), version) for a in batch])
    results = list(extract_in_processes(None, articles, "v1", 2))
    assert [r[0] for r in results] == [a.id for a in articles]
    assert {r[2] for r in results} == {"v1"}
    assert os.getpid() not in {r[1] for r in results}


def test_build_processes_fail_clearly_when_one_is_killed(articles, monkeypatch):
    def die_on_the_last_batch(nlp, batch, version):
        if batch[-1].id == articles[-1].id:
            os.kill(os.getpid(), signal.SIGKILL)
        return [a.id for a in batch]

    monkeypatch.setattr(kg.build, "parse_and_extract", die_on_the_last_batch)
    with pytest.raises(KgError, match="a build process died"):
        list(extract_in_processes(None, articles, "v1", 2))


def test_build_processes_pass_errors_on(articles, monkeypatch):
    def fail(nlp, batch, version):
        raise KgError("the model broke")

    monkeypatch.setattr(kg.build, "parse_and_extract", fail)
    with pytest.raises(KgError, match="the model broke"):
        list(extract_in_processes(None, articles, "v1", 2))
