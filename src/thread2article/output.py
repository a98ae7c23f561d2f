"""Writing results to disk: atomically, and never over an existing file unless asked."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from .errors import OutputError


@contextmanager
def atomic_file(path: Path) -> Iterator[IO[bytes]]:
    """A binary stream whose content replaces `path` only once it is complete: written to a
    temporary file in the same folder, then renamed, so no reader ever sees half a file and a
    failure leaves the old file (or none) in place."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomic(path: str | Path, text: str, *, force: bool = False) -> Path:
    """Write `text` (UTF-8) to `path` atomically; refuse to replace an existing file unless `force`."""
    target = Path(path)
    if target.is_dir():
        raise OutputError("is a folder, not a file", source=str(path))
    if target.exists() and not force:
        raise OutputError("already exists; pass --force to overwrite it", source=str(path))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_file(target) as stream:
            stream.write(text.encode("utf-8"))
    except OSError as error:
        raise OutputError(f"cannot write: {error.strerror or error}", source=str(path)) from None
    return target
