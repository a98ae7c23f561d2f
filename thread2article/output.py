"""Writing results to disk: atomically, never over an existing file unless asked, and never over
anything that is not a regular file.

Every write goes through one place (`_replace_atomically`): a temporary file beside the target,
filled, then renamed over it. The temporary's name (`.<name>.<pid>-<n>.tmp`) says which process
made it, so a later run can remove what a killed one left (`remove_stale_temporaries`)."""

from __future__ import annotations

import errno
import itertools
import os
import re
import shutil
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from .errors import OutputError

# Temporary names: unique within this process by the counter, across processes by the pid.
_temporary_numbers = itertools.count()


_TEMPORARY = re.compile(r"^\..+\.(?P<pid>[0-9]{1,10})-[0-9]{1,20}\.tmp$", re.DOTALL)


def _temporary_name(path: str) -> str:
    folder, name = os.path.split(path)
    return os.path.join(folder, f".{name}.{os.getpid()}-{next(_temporary_numbers)}.tmp")


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return pid > 0  # someone else's process, or no pid at all
    return True


def remove_stale_temporaries(folder: str | os.PathLike[str]) -> int:
    """Remove the temporary files a killed run left in `folder` (SIGKILL gives no chance to clean
    up): regular files named as ours whose process is gone. A live process's files (another run
    writing into the same folder) are left alone. Returns how many were removed."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        found = _TEMPORARY.match(entry.name)
        if found is None or _process_alive(int(found.group("pid"))):
            continue
        try:
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


def _check_replaceable(path: str) -> bool:
    """Whether `path` exists; OSError (EEXIST) when it is anything but a regular file: a rename
    would replace a device (`-o /dev/stdout --force` as root), a pipe, a socket or a symbolic
    link with a plain file."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(status.st_mode):
        kind = "a folder" if stat.S_ISDIR(status.st_mode) else "not a regular file"
        raise OSError(errno.EEXIST, f"is {kind}; only a regular file is ever replaced", path)
    return True


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


def _create_temporary(path: str) -> tuple[int, str]:
    """A new temporary file beside `path`: its descriptor and name. The name is ours (pid and
    counter) before it exists, so a Ctrl-C that lands in the system call that creates it still
    removes it."""
    while True:
        temporary = _temporary_name(path)
        try:
            return _open_new(temporary), temporary
        except FileExistsError:  # left by a run that died, under the same pid
            continue
        except BaseException:
            with suppress(OSError):
                os.unlink(temporary)
            raise


@contextmanager
def _temporary_beside(path: str) -> Iterator[tuple[int, str]]:
    """`_create_temporary` as a context: the file is removed again unless the body renamed it."""
    handle, temporary = _create_temporary(path)
    try:
        yield handle, temporary
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


def _replace_atomically(path: str, fill: Callable[[int], None], *, may_exist: bool) -> None:
    """The one atomic writer: `fill(handle)` writes the content into a new temporary file beside
    `path`, which then takes its place, so no reader ever sees half a file and a failure leaves
    the old file (or none) in place. A replaced file keeps its mode; only a regular file is ever
    replaced. `may_exist=False`, for a name known to be new, skips both looks at the old file.

    (A plain try/except rather than `_temporary_beside`: an archive export writes some 17k files
    here, and a generator-based context per file cost a tenth of the writing on tmpfs.)"""
    if may_exist and not _check_replaceable(path):
        may_exist = False
    handle, temporary = _create_temporary(path)
    try:
        try:
            if may_exist:
                _keep_mode(handle, path)
            fill(handle)
        finally:
            os.close(handle)
        if may_exist:
            _check_replaceable(path)  # still what it was when the write began
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


@contextmanager
def atomic_file(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """A binary stream whose content replaces `path` only once it is complete (as
    `_replace_atomically`), for content that arrives in pieces (a download)."""
    target = os.fspath(path)
    if not _check_replaceable(target):
        with _temporary_beside(target) as (handle, temporary):
            with os.fdopen(handle, "wb") as stream:
                yield stream
            os.replace(temporary, target)
        return
    with _temporary_beside(target) as (handle, temporary):
        with os.fdopen(handle, "wb") as stream:
            _keep_mode(handle, target)
            yield stream
        _check_replaceable(target)
        os.replace(temporary, target)


def write_bytes_atomically(
    path: str | os.PathLike[str], data: bytes, *, may_exist: bool = True
) -> None:
    """`data` as the whole of `path`, atomically, in plain system calls: an archive export writes
    some 12k articles, and a stream per file costs as much as the writing."""

    _replace_atomically(
        os.fspath(path), lambda handle: _write_all(handle, data), may_exist=may_exist
    )


def copy_atomically(
    source: IO[bytes], path: str | os.PathLike[str], *, may_exist: bool = True
) -> None:
    """The rest of `source` as the whole of `path`, atomically. From a file on disk the kernel
    copies it (sendfile: no pass through Python's buffers, which matters for an archive's
    thousands of photos and videos); from anything else (a zip entry) in chunks. `may_exist`:
    as for `write_bytes_atomically`."""

    def fill(handle: int) -> None:
        if not _sendfile_all(source, handle):
            with open(handle, "wb", closefd=False) as stream:
                shutil.copyfileobj(source, stream)

    _replace_atomically(os.fspath(path), fill, may_exist=may_exist)


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


def _is_standard_output(path: str) -> bool:
    """Whether `path` names this process's standard output (`-o /dev/stdout`, `/dev/fd/1`)."""
    try:
        named = os.stat(path)
        ours = os.fstat(1)
    except OSError:
        return False
    return (named.st_dev, named.st_ino) == (ours.st_dev, ours.st_ino)


def check_writable(path: str | os.PathLike[str], *, force: bool = False) -> None:
    """What `write_atomic` would refuse, checked before any work (a fetch, a download): an
    existing file without `force`, anything that is not a regular file at all. Standard output
    named as a path (`/dev/stdout`) is fine: it is written to, never replaced."""
    name = os.fspath(path)
    if name == "-" or _is_standard_output(name):
        return
    target = os.path.realpath(name) if os.path.islink(name) and os.path.isfile(name) else name
    if os.path.isdir(target):
        raise OutputError("is a folder, not a file", source=name)
    if os.path.lexists(target) and not stat.S_ISREG(os.lstat(target).st_mode):
        raise OutputError(
            "is not a regular file (a device, pipe, socket or broken link), and only a regular "
            "file is ever replaced; use `-o -` for standard output",
            source=name,
        )
    if os.path.lexists(target) and not force:
        raise OutputError("already exists; pass --force to overwrite it", source=name)


def write_atomic(path: str | Path, text: str | bytes, *, force: bool = False) -> Path:
    """Write `text` (UTF-8) to `path` atomically; refuse to replace an existing file unless
    `force`, and anything but a regular file at all. A symbolic link to a regular file keeps
    pointing at it (the file it names is replaced); a path that is this process's standard
    output (`/dev/stdout`) is written to, as `-` would be."""
    target = Path(path)
    data = text.encode("utf-8") if isinstance(text, str) else text
    name = str(path)
    if _is_standard_output(name):
        try:
            _write_all(1, data)
        except OSError as error:
            raise OutputError(f"cannot write: {error.strerror or error}", source=name) from None
        return target
    check_writable(name, force=force)
    if target.is_symlink() and target.is_file():
        target = Path(os.path.realpath(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries_of(target)
        write_bytes_atomically(target, data)
    except OSError as error:
        raise OutputError(f"cannot write: {error.strerror or error}", source=name) from None
    return target


def _write_all(handle: int, data: bytes) -> None:
    written = os.write(handle, data)  # a regular file takes it all at once, but may not
    if written < len(data):
        view = memoryview(data)[written:]
        while view:
            view = view[os.write(handle, view) :]


def remove_stale_temporaries_of(path: str | os.PathLike[str]) -> None:
    """The temporaries a killed run left for this one file (see `remove_stale_temporaries`)."""
    folder, name = os.path.split(os.fspath(path))
    prefix = f".{name}."
    try:
        entries = [entry for entry in os.scandir(folder or ".") if entry.name.startswith(prefix)]
    except OSError:
        return
    for entry in entries:
        found = _TEMPORARY.match(entry.name)
        if found is None or entry.name[len(prefix) :].count(".") != 1:
            continue
        if not _process_alive(int(found.group("pid"))) and entry.is_file(follow_symlinks=False):
            with suppress(OSError):
                os.unlink(entry.path)
