"""Writing files safely: every output goes to a temporary file beside it and is renamed into place,
so a crash or a kill never leaves a half-written file and readers see the old or the new one."""
from __future__ import annotations

import os
import tempfile
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
    Raises KgError (exit 2) when the folder cannot be created or written.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise KgError(f"cannot write {target}: {error.strerror or error}", exit_code=2) from None
    tmp = Path(tmp_name)
    try:
        os.chmod(fd, 0o666 & ~_umask())
        mode = "wb" if binary else "w"
        with os.fdopen(fd, mode, **({} if binary else {"encoding": "utf-8", "newline": "\n"})) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
