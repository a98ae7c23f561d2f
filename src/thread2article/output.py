"""Writing results to disk: atomically, and never over an existing file unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError


def write_atomic(path: str | Path, text: str, *, force: bool = False) -> Path:
    """Write `text` to `path` through a temporary file in the same folder, so a failure never
    leaves a half-written file and a reader never sees one."""
    target = Path(path)
    if target.exists() and not force:
        raise OutputError("already exists; pass --force to overwrite it", source=str(path))
    if target.exists() and target.is_dir():
        raise OutputError("is a folder, not a file", source=str(path))
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise OutputError(f"cannot write here: {error.strerror}", source=str(path)) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"cannot write: {error.strerror}", source=str(path)) from None
    return target
