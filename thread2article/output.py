"""Writing results to disk: atomically, and never over an existing file unless asked."""

from __future__ import annotations

import errno
import itertools
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from .errors import OutputError

# Temporary names: unique within this process by the counter, across processes by the pid.
_temporary_numbers = itertools.count()


def _temporary_name(path: str) -> str:
    folder, name = os.path.split(path)
    return os.path.join(folder, f".{name}.{os.getpid()}-{next(_temporary_numbers)}.tmp")


def _open_new(temporary: str) -> int:
    """Create `temporary` with mode 0o666 less the umask: the mode a plainly created file gets
    (mkstemp's 0600 would keep a web server publishing an export from reading it), with no
    chmod or umask query. O_EXCL never opens what exists."""
    return os.open(
        temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666
    )


def _keep_mode(handle: int, path: str) -> None:
    """A file that replaces another takes the other's mode (anything unreadable: the usual one)."""
    with suppress(OSError):
        os.fchmod(handle, os.stat(path).st_mode & 0o7777)


@contextmanager
def _temporary_beside(path: str) -> Iterator[tuple[int, str]]:
    """A new temporary file beside `path` (its descriptor and name), removed again unless the
    body renamed it. The name is ours (pid and counter) before it exists, so a Ctrl-C that lands
    just after the file was created still removes it."""
    while True:
        temporary = _temporary_name(path)
        try:
            handle = _open_new(temporary)
            break
        except FileExistsError:  # left by a run that died, under the same pid
            continue
        except BaseException:
            with suppress(OSError):
                os.unlink(temporary)
            raise
    try:
        yield handle, temporary
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


@contextmanager
def atomic_file(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """A binary stream whose content replaces `path` only once it is complete: written to a
    temporary file in the same folder, then renamed, so no reader ever sees half a file and a
    failure leaves the old file (or none) in place. A replaced file keeps its mode."""
    target = os.fspath(path)
    with _temporary_beside(target) as (handle, temporary):
        with os.fdopen(handle, "wb") as stream:
            _keep_mode(handle, target)
            yield stream
        os.replace(temporary, target)


def write_bytes_atomically(
    path: str | os.PathLike[str], data: bytes, *, may_exist: bool = True
) -> None:
    """`data` as the whole of `path`, atomically as atomic_file does, in plain system calls: an
    archive export writes some 12k articles, and a stream per file costs as much as the
    writing. `may_exist=False`, for a name known to be new, skips looking for a mode to keep."""
    target = os.fspath(path)
    with _temporary_beside(target) as (handle, temporary):
        try:
            if may_exist:
                _keep_mode(handle, target)
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view) :]
        finally:
            os.close(handle)
        os.replace(temporary, target)


def copy_atomically(source: IO[bytes], path: str | os.PathLike[str]) -> None:
    """The rest of `source` as the whole of `path`, atomically as atomic_file does. From a file
    on disk the kernel copies it (sendfile: no pass through Python's buffers, which matters for
    an archive's thousands of photos and videos); from anything else (a zip entry) in chunks."""
    target = os.fspath(path)
    with _temporary_beside(target) as (handle, temporary):
        try:
            _keep_mode(handle, target)
            if not _sendfile_all(source, handle):
                with open(handle, "wb", closefd=False) as stream:
                    shutil.copyfileobj(source, stream)
        finally:
            os.close(handle)
        os.replace(temporary, target)


def _sendfile_all(source: IO[bytes], handle: int) -> bool:
    """Copy `source` from its position to its end with os.sendfile; False, having copied
    nothing, where that cannot be done (no such call, not a plain file)."""
    if not hasattr(os, "sendfile"):
        return False
    try:
        source_handle = source.fileno()
        # The stream's own position (a buffered reader may have read ahead of it).
        start = offset = source.tell()
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is both of the last two
        return False
    while True:
        try:
            sent = os.sendfile(handle, source_handle, offset, 1 << 30)
        except OSError as error:
            if offset == start and error.errno in (
                errno.EINVAL,
                errno.ENOSYS,
                errno.ENOTSUP,
                errno.EOPNOTSUPP,
            ):
                return False
            raise
        if sent == 0:
            return True
        offset += sent


def write_atomic(path: str | Path, text: str, *, force: bool = False) -> Path:
    """Write `text` (UTF-8) to `path` atomically; refuse to replace an existing file unless `force`."""
    target = Path(path)
    if target.is_dir():
        raise OutputError("is a folder, not a file", source=str(path))
    if target.exists() and not force:
        raise OutputError("already exists; pass --force to overwrite it", source=str(path))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomically(target, text.encode("utf-8"))
    except OSError as error:
        raise OutputError(f"cannot write: {error.strerror or error}", source=str(path)) from None
    return target
