"""Writing results to disk: atomically, and never over an existing file unless asked."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from .errors import OutputError


def _file_mode(path: Path) -> int:
    """The mode a plainly created file would get (mkstemp makes 0600, which a web server
    publishing the export could not read), or the mode of the file being replaced."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


@contextmanager
def atomic_file(path: Path) -> Iterator[IO[bytes]]:
    """A binary stream whose content replaces `path` only once it is complete: written to a
    temporary file in the same folder, then renamed, so no reader ever sees half a file and a
    failure leaves the old file (or none) in place."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(handle, _file_mode(path))
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
