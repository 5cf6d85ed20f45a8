"""Line-based RDF (N-Triples, N-Quads) written in parts of at most N lines, for stores' bulk loaders.

`kg export -o out/graph.nq --split-every N` writes `out/graph.part-0001.nq`, `out/graph.part-0002.nq`, …
(at least four digits, all parts the same width, so name order is load order) and then
`out/graph.manifest.json`, which lists every part with its line count and sha256: a loader checks it to
know that it has the whole export. Each part is a standalone file (every N-Quads line carries its graph),
written atomically; the manifest is written after the last part, then parts left over from an earlier
export with more parts are removed. Parts are written one after the other from a stream, so memory never
holds more than Oxigraph's store and the serialiser's buffer.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.errors import KgError
from kg.files import atomic_write
from kg.store import rdf_format

SPLITTABLE = frozenset({"nt", "nq"})
"""Formats with one statement per line: any run of lines is a valid file."""


class HashingWriter:
    """A binary file wrapper that feeds every byte written to a sha256."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.handle.write(data)

    def flush(self) -> None:
        self.handle.flush()


def part_path(path: Path, number: int, width: int) -> Path:
    """The file of part `number` of the export named `path`.

    >>> part_path(Path("out/graph.nq"), 3, 4).as_posix()
    'out/graph.part-0003.nq'
    """
    return path.with_name(f"{path.stem}.part-{number:0{width}d}{path.suffix}")


def manifest_path(path: Path) -> Path:
    """The manifest of the export named `path`: `graph.nq` → `graph.manifest.json`."""
    return path.with_name(f"{path.stem}.manifest.json")


def check_splittable(format: str) -> None:
    """Raise KgError (exit 2) unless `format` can be split into parts."""
    if format not in SPLITTABLE:
        raise KgError(f"--split-every needs a line-based format ({', '.join(sorted(SPLITTABLE))}), not {format}",
                      exit_code=2)


def write_parts(
    items: Iterable[ox.Triple] | Iterable[ox.Quad],
    total: int,
    path: Path,
    *,
    format: str,
    split_every: int,
) -> list[Path]:
    """Write `total` triples or quads from `items` in parts of `split_every`, then the manifest.

    Returns the parts in load order, then the manifest. Raises KgError (exit 2) for a split size below 1.
    """
    check_splittable(format)
    if split_every < 1:
        raise KgError(f"--split-every must be at least 1, not {split_every}", exit_code=2)
    fmt = rdf_format(path, format)
    count = max(1, math.ceil(total / split_every))
    width = max(4, len(str(count)))
    stream = iter(items)
    parts: list[dict[str, object]] = []
    paths: list[Path] = []
    for number in range(1, count + 1):
        target = part_path(path, number, width)
        with atomic_write(target, binary=True) as handle:
            writer = HashingWriter(handle)
            ox.serialize(islice(stream, split_every), writer, format=fmt)
        lines = min(split_every, total - split_every * (number - 1))
        parts.append({"file": target.name, "triples": lines, "sha256": writer.digest.hexdigest()})
        paths.append(target)
    manifest = manifest_path(path)
    with atomic_write(manifest) as handle:
        json.dump({"format": format, "split_every": split_every, "triples": total, "parts": parts}, handle, indent=2)
        handle.write("\n")
    remove_stale_parts(path, keep=set(paths))
    return [*paths, manifest]


def find_parts(path: Path) -> Iterator[Path]:
    """The part files of the export named `path` now on disk, whatever their number's width."""
    pattern = re.compile(rf"{re.escape(path.stem)}\.part-\d+{re.escape(path.suffix)}")
    return (p for p in path.parent.glob(f"{path.stem}.part-*{path.suffix}") if pattern.fullmatch(p.name))


def remove_stale_parts(path: Path, *, keep: set[Path]) -> None:
    """Delete parts of an earlier export of `path` that this export did not write."""
    for stale in find_parts(path):
        if stale not in keep:
            stale.unlink(missing_ok=True)


def check_parts(manifest: Path) -> list[Path]:
    """The parts a manifest lists, in load order, once each is on disk with the listed sha256.

    A loader calls this before loading: it fails on a missing, truncated or stale part instead of
    loading a silently smaller graph. Raises KgError (exit 1) naming the first bad part.
    """
    try:
        listed = json.loads(manifest.read_text(encoding="utf-8"))["parts"]
    except (OSError, ValueError, KeyError) as error:
        raise KgError(f"cannot read the manifest {manifest}: {error}", exit_code=1) from None
    parts = []
    for entry in listed:
        part = manifest.with_name(entry["file"])
        try:
            with part.open("rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError as error:
            raise KgError(f"part {part} is missing: {error.strerror or error}", exit_code=1) from None
        if digest != entry["sha256"]:
            raise KgError(f"part {part} does not match the manifest (sha256 differs)", exit_code=1)
        parts.append(part)
    return parts
