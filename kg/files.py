"""Writing files safely: every output goes to a temporary file beside it and is renamed into place,
so a crash or a kill never leaves a half-written file and readers see the old or the new one.

A writer holds an flock on its temporary file until the rename; the kernel drops it when the process
dies, even on SIGKILL. So the next write of the same file can tell a killed writer's leftover (unlocked)
from a live writer's file (locked) and remove only the former.
"""
from __future__ import annotations

import fcntl
import glob
import os
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from kg.errors import KgError


def _umask() -> int:
    """The process umask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def atomic_write(path: str | os.PathLike[str], *, binary: bool = False) -> Iterator[IO]:
    """Open a temporary file in `path`'s folder for writing; rename it onto `path` on success.

    On any exception the temporary file is removed and `path` is left as it was.
    Raises KgError (exit 2) when the folder cannot be created or written, the disk is full or any
    other OSError stops the writing (what the block writes is the file, so its OSError is one too).
    """
    target = Path(path)
    if target.is_dir():
        raise KgError(f"cannot write {target}: it is a folder", exit_code=2)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(target)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise KgError(f"cannot write {target}: {error.strerror or error}", exit_code=2) from None
    tmp = Path(tmp_name)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # held until the file is closed, after the rename
        os.chmod(fd, 0o666 & ~_umask())
        mode = "wb" if binary else "w"
        with os.fdopen(fd, mode, **({} if binary else {"encoding": "utf-8", "newline": "\n"})) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
            os.replace(tmp, target)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise KgError(f"cannot write {target}: {error.strerror or error}", exit_code=2) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


STALE_AFTER = 10.0
"""Seconds: a younger unlocked temporary file may be a live writer's between its creation and its lock."""


def remove_stale_temps(target: Path) -> list[Path]:
    """Remove the temporary files of `target` that killed writers left: unlocked and older than STALE_AFTER.

    Only names atomic_write makes for this very file (`.NAME.XXXXXXXX.tmp`) are touched; one that a
    live writer holds stays. Returns the files removed.
    """
    own = re.compile(rf"\.{re.escape(target.name)}\.[a-z0-9_]{{8}}\.tmp")
    removed = []
    for candidate in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        if not own.fullmatch(candidate.name):
            continue
        try:
            if time.time() - candidate.stat().st_mtime < STALE_AFTER:
                continue
            with open(candidate, "rb") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # BlockingIOError: a live writer has it
                candidate.unlink()
        except OSError:
            continue
        removed.append(candidate)
    return removed


class XmlCarriageReturns:
    """A binary file wrapper for XML writers: a raw carriage return in text becomes `&#13;`, since XML
    readers turn a raw one into a line feed (a round trip changed "\r" to "\n"). A CR is one byte that
    no UTF-8 sequence holds, and XML writers put none in markup, so replacing every one is safe."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle

    def write(self, data: bytes) -> int:
        self.handle.write(data.replace(b"\r", b"&#13;"))
        return len(data)

    def flush(self) -> None:
        self.handle.flush()
