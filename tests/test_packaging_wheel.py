"""kg as installed from its wheel, outside the repository: the wheel holds the ontology, lexicons, shapes,
knowledge base and named queries, and a fresh virtual environment (dependencies from the package index)
builds the seeds, queries, draws, exports and validates them from a folder that is not the clone."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS

pytestmark = pytest.mark.model  # the installed kg loads the French model to build


def shipped_data() -> set[str]:
    """The data files of ontology/ and queries/ as the wheel must hold them (kg/ontology/…, kg/queries/…)."""
    return {
        f"kg/{folder}/{path.relative_to(ROOT / folder).as_posix()}"
        for folder in ("ontology", "queries")
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin folder of a new virtual environment outside the repository with kg's wheel installed."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # a copy of what the wheel is built from: setuptools writes build/ beside it
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for folder in ("kg", "ontology", "queries"):
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(work / "dist"), str(source)],
                   check=True, cwd=work)
    (wheel,) = (work / "dist").glob("kg_news-*.whl")
    assert shipped_data() <= set(zipfile.ZipFile(wheel).namelist())
    subprocess.run([sys.executable, "-m", "venv", str(work / "venv")], check=True)
    subprocess.run([str(work / "venv" / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)], check=True, cwd=work)
    return work / "venv" / "bin"


def test_the_installed_wheel_runs_every_command_away_from_the_clone(installed, tmp_path):
    env = {**os.environ, "PATH": f"{installed}{os.pathsep}{os.environ['PATH']}"}
    env.pop("PYTHONPATH", None)

    def kg(*args: str, code: int = 0) -> str:
        done = subprocess.run(["kg", *args], cwd=tmp_path, env=env, capture_output=True, text=True)
        assert done.returncode == code, done.stderr
        return done.stdout

    shutil.copytree(SEEDS, tmp_path / "seeds")
    where = subprocess.run([installed / "python", "-c", "import kg.data; print(kg.data.ONTOLOGY_DIR)"], cwd=tmp_path,
                           env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where).is_relative_to(installed.parent) and not Path(where).is_relative_to(ROOT)
    assert kg("--version").startswith("kg ")
    assert "ceo" in kg("query", "--list")
    kg("build", "seeds", "-o", "out/graph.ttl", "--quiet")
    assert "Ted Sarandos" in kg("query", "ceo", "-g", "out/graph.ttl", "--bind", "org=Netflix")
    kg("viz", "-g", "out/graph.ttl", "-o", "out/graph.html")
    assert (tmp_path / "out" / "graph.html").stat().st_size > 10_000
    kg("export", "-g", "out/graph.ttl", "-o", "out/graph.nq")
    assert "Ted Sarandos" in kg("query", "ceo", "-g", "out/graph.nq", "--bind", "org=Netflix")
    assert "conforms" in kg("validate", "-g", "out/graph.ttl")
