"""Open a Mastodon account archive in place: the `.tar.gz` Mastodon hands out (or a `.tar`), a
`.zip` of it, the unpacked folder, or its `outbox.json` alone (the folder around it then gives
`actor.json` and the media). Nothing is extracted to disk; media files are opened one by one when
`archive` copies the ones an article uses.

Names are relative to the archive's root with `/` separators: `outbox.json`,
`media_attachments/files/109/…/original/abc.jpg`.
"""

from __future__ import annotations

import os
import shutil
import tarfile
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import IO, Any

import orjson

from ...errors import InputError
from .. import SourcePosts, archive_container
from ..archive_container import (
    MAX_COMPRESSION_RATIO,
    MAX_DECLARED_BYTES,
    RATIO_CHECK_FLOOR,
    ZIP_ERRORS,
    check_zip_entries,
    safe_relative_name,
)
from . import outbox

OUTBOX = "outbox.json"
ACTOR = "actor.json"
MEDIA_FOLDER = "media_attachments/"
# outbox.json of the most prolific accounts is a few hundred MiB; more is not an outbox.
MAX_JSON_BYTES = 2 * 1024**3
# gzip, bzip2 and xz: the compressions `tarfile` reads.
_COMPRESSED_MAGIC = (b"\x1f\x8b", b"BZh", b"\xfd7zXZ")


def _normalised(name: str) -> str:
    """A member name as the relative path it stands for: `./outbox.json` is `outbox.json`."""
    return str(PurePosixPath(name.replace("\\", "/")))


def _entries(members: dict[str, Any], label: str) -> dict[str, Any]:
    """Members by their name relative to the archive's root (the folder holding outbox.json).

    A name that climbs out (`..`, absolute) is refused rather than dropped, and so are two
    members that name one file (`outbox.json` and `./outbox.json`): which one a reader takes is
    up to the tool, so such an archive means two things at once."""
    normalised: dict[str, Any] = {}
    for raw, member in members.items():
        name = _normalised(raw)
        if not safe_relative_name(name):
            raise InputError(f"refusing member {raw!r}: it leads outside the archive", source=label)
        if name in normalised:
            raise InputError(
                f"refusing the archive: it holds two members named {name!r}", source=label
            )
        normalised[name] = member
    prefix = _root_prefix(list(normalised))
    return {
        name[len(prefix) :]: member
        for name, member in normalised.items()
        if name.startswith(prefix)
    }


class MastodonArchive:
    """A read-only view of one archive; use as a context manager."""

    def __init__(self, label: str) -> None:
        self.label = label

    def read_bytes(self, name: str) -> bytes | None:
        """The file's bytes, or None when the archive has no such file."""
        raise NotImplementedError

    def media_names(self) -> set[str]:
        raise NotImplementedError

    def _open(self, name: str) -> IO[bytes]:
        raise NotImplementedError

    def open_media(self, local_path: str) -> IO[bytes]:
        """Open a media file named by a `Media.local_path` this archive's reader produced."""
        if local_path not in self.media_names():
            raise InputError(f"no media file {local_path!r} in this archive", source=self.label)
        return self._open(local_path)

    def close(self) -> None:
        pass

    def __enter__(self) -> MastodonArchive:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def read_json(self, name: str, *, required: bool) -> Any:
        raw = self.read_bytes(name)
        if raw is None:
            if required:
                raise InputError(f"no {name} in this Mastodon archive", source=self.label)
            return None
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            raise InputError(f"{name} is not valid JSON ({error})", source=self.label) from None

    def read(self, thread_posts_only: bool = False) -> SourcePosts:
        actor = self.read_json(ACTOR, required=False)
        return outbox.read(
            self.read_json(OUTBOX, required=True),
            source=f"{self.label}:{OUTBOX}",
            actor=actor if isinstance(actor, dict) else None,
            media_names=self.media_names(),
            thread_posts_only=thread_posts_only,
        )


class FolderArchive(MastodonArchive):
    """The unpacked folder. Nothing outside it is read, whatever symbolic links say (a symlinked
    media file, media folder or outbox.json had `archive --out` copy files from elsewhere into
    the export): names are resolved and checked by the X archive's folder reader."""

    def __init__(self, root: Path, label: str) -> None:
        super().__init__(label)
        self.root = root
        self._files = archive_container.FolderArchive(root, label)
        self._media: set[str] | None = None

    def read_bytes(self, name: str) -> bytes | None:
        if not os.path.lexists(self.root / name):
            return None
        # Refuses a name that resolves outside the folder, with a message that says so.
        return self._files.read_bytes(name)

    def media_names(self) -> set[str]:
        if self._media is None:
            found: set[str] = set()
            base = self.root / MEDIA_FOLDER
            # A media folder that is a link out of the archive gives nothing (not even a walk).
            if self._files._real_path(MEDIA_FOLDER.rstrip("/")) is not None:
                for folder, _, files in os.walk(base):
                    relative = Path(folder).relative_to(self.root).as_posix()
                    found.update(
                        name
                        for name in (f"{relative}/{file_name}" for file_name in files)
                        if self._files.exists(name)
                    )
            self._media = found
        return self._media

    def _open(self, name: str) -> IO[bytes]:
        return self._files.open_file(name)


class ZipArchive(MastodonArchive):
    def __init__(self, path: Path, label: str) -> None:
        super().__init__(label)
        try:
            self.zip = zipfile.ZipFile(path)
        except ZIP_ERRORS as error:
            raise InputError(f"cannot open the zip: {error}", source=label) from None
        try:
            infos = self.zip.infolist()
            # Unsafe names, duplicates, a zip bomb's sizes: refused before anything is read.
            check_zip_entries(infos, label)
            self.entries: dict[str, zipfile.ZipInfo] = _entries(
                {info.filename: info for info in infos if not info.is_dir()}, label
            )
        except BaseException:
            self.zip.close()
            raise

    def read_bytes(self, name: str) -> bytes | None:
        info = self.entries.get(name)
        if info is None:
            return None
        if info.file_size > MAX_JSON_BYTES:
            raise InputError(
                f"{name} declares {info.file_size} bytes: too large", source=self.label
            )
        try:
            return self.zip.read(info)
        except (*ZIP_ERRORS, zlib.error) as error:
            raise InputError(f"cannot read {name}: {error}", source=self.label) from None

    def media_names(self) -> set[str]:
        return {name for name in self.entries if name.startswith(MEDIA_FOLDER)}

    def _open(self, name: str) -> IO[bytes]:
        return self.zip.open(self.entries[name])

    def close(self) -> None:
        self.zip.close()


class TarArchive(MastodonArchive):
    """A `.tar.gz` is read front to back once to learn its members (outbox.json comes after the
    media in Mastodon's archives); media files are then read from their offsets.

    A compressed stream cannot seek backwards: reaching an earlier member decompresses from the
    start again, so media asked for out of the archive's order would cost a pass each (a 100 MB
    archive in reverse order: 16 s instead of 1.6 s). The first such request copies every media
    file, in one pass, into a temporary folder that `close` removes; media asked for in order
    (the usual case: Mastodon writes them in the order they were posted) never touch the disk."""

    def __init__(self, path: Path, label: str) -> None:
        super().__init__(label)
        self._position = 0
        self._spool: tempfile.TemporaryDirectory[str] | None = None
        self._spooled: dict[str, Path] = {}
        try:
            with open(path, "rb") as handle:
                self.compressed = handle.read(6).startswith(_COMPRESSED_MAGIC)
            self.tar = tarfile.open(path, "r:*")
        except (tarfile.TarError, OSError, EOFError) as error:
            raise InputError(
                f"cannot read the tar archive (damaged or incomplete?): {error}", source=label
            ) from None
        try:
            files = self._members(path.stat().st_size)
            self.entries: dict[str, tarfile.TarInfo] = _entries(files, label)
        except BaseException:
            self.tar.close()
            raise

    def _members(self, compressed_size: int) -> dict[str, tarfile.TarInfo]:
        """The file members, read header by header. The zip limits apply to what the headers
        declare, checked before each member's data is skipped: a tar bomb is refused after
        decompressing at most its limit, not all of it."""
        files: dict[str, tarfile.TarInfo] = {}
        declared = 0
        try:
            for member in self.tar:
                declared += member.size
                if declared > MAX_DECLARED_BYTES:
                    raise InputError(
                        f"refusing the tar archive: it declares more than "
                        f"{MAX_DECLARED_BYTES / 1024**3:.0f} GiB uncompressed",
                        source=self.label,
                    )
                if declared > RATIO_CHECK_FLOOR and declared > MAX_COMPRESSION_RATIO * max(
                    compressed_size, 1
                ):
                    raise InputError(
                        f"refusing the tar archive: it declares more than "
                        f"{MAX_COMPRESSION_RATIO}x its compressed size, which looks like a bomb",
                        source=self.label,
                    )
                if member.isfile():
                    if member.name in files:
                        raise InputError(
                            f"refusing the archive: it holds two members named {member.name!r}",
                            source=self.label,
                        )
                    files[member.name] = member
        except (tarfile.TarError, OSError, EOFError) as error:
            raise InputError(
                f"cannot read the tar archive (damaged or incomplete?): {error}",
                source=self.label,
            ) from None
        return files

    def read_bytes(self, name: str) -> bytes | None:
        member = self.entries.get(name)
        if member is None:
            return None
        if member.size > MAX_JSON_BYTES:
            raise InputError(f"{name} declares {member.size} bytes: too large", source=self.label)
        try:
            handle = self.tar.extractfile(member)
            return handle.read() if handle is not None else None
        except (tarfile.TarError, OSError, EOFError) as error:
            raise InputError(f"cannot read {name}: {error}", source=self.label) from None

    def media_names(self) -> set[str]:
        return {name for name in self.entries if name.startswith(MEDIA_FOLDER)}

    def _open(self, name: str) -> IO[bytes]:
        if name in self._spooled:
            return open(self._spooled[name], "rb")
        member = self.entries[name]
        if self.compressed and member.offset_data < self._position:
            self._spool_media()
            return open(self._spooled[name], "rb")
        handle = self.tar.extractfile(member)
        if handle is None:
            raise InputError(f"{name} is not a file", source=self.label)
        self._position = member.offset_data + member.size
        return handle

    def _spool_media(self) -> None:
        """Every media file, in the archive's order, into a temporary folder."""
        self._spool = tempfile.TemporaryDirectory(prefix="thread2article-mastodon-")
        folder = Path(self._spool.name)
        media = sorted(
            (member.offset_data, name)
            for name, member in self.entries.items()
            if name.startswith(MEDIA_FOLDER)
        )
        try:
            for number, (_, name) in enumerate(media):
                handle = self.tar.extractfile(self.entries[name])
                if handle is None:
                    continue
                target = folder / str(number)
                with handle, open(target, "wb") as out:
                    shutil.copyfileobj(handle, out, 1024 * 1024)
                self._spooled[name] = target
        except (tarfile.TarError, OSError, EOFError) as error:
            raise InputError(f"cannot read the media: {error}", source=self.label) from None

    def close(self) -> None:
        self.tar.close()
        if self._spool is not None:
            self._spool.cleanup()
            self._spool = None


def _root_prefix(names: list[str]) -> str:
    """`""`, or `folder/` when the archive was packed with its files in one folder."""
    if OUTBOX in names:
        return ""
    nested = sorted(
        (name for name in names if name.endswith("/" + OUTBOX) and name.count("/") == 1),
        key=len,
    )
    return nested[0][: -len(OUTBOX)] if nested else ""


def _zip_has_outbox(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            names = [name for name in archive.namelist() if not name.endswith("/")]
    except ZIP_ERRORS:
        return False
    prefix = _root_prefix(names)
    return prefix + OUTBOX in names


def is_archive(path: str | os.PathLike[str]) -> bool:
    """A Mastodon archive: its folder, `outbox.json`, a zip holding `outbox.json`, or a tar file
    (the format Mastodon exports; no other source is a tar)."""
    path = Path(path)
    try:
        if path.is_dir():
            return (path / OUTBOX).is_file()
        if not path.is_file():
            return False
        if path.name == OUTBOX:
            return True
        if zipfile.is_zipfile(path):
            return _zip_has_outbox(path)
        # A block of NUL bytes is an empty tar to `is_tarfile`; an archive starts with a member.
        return tarfile.is_tarfile(path) and not _starts_with_nul_block(path)
    except OSError:
        return False


def _starts_with_nul_block(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(tarfile.BLOCKSIZE) == bytes(tarfile.BLOCKSIZE)


def open_archive(path: str | os.PathLike[str]) -> MastodonArchive:
    path = Path(path)
    label = str(path)
    if path.is_dir():
        return FolderArchive(path, label)
    if path.name == OUTBOX:
        # The outbox.json the user names may be a link to an archive elsewhere: its folder is
        # that archive (a link *inside* an archive folder pointing out of it is refused).
        real = Path(os.path.realpath(path))
        return FolderArchive(real.parent if real.name == OUTBOX else path.parent, label)
    if zipfile.is_zipfile(path):
        return ZipArchive(path, label)
    return TarArchive(path, label)


def read_archive(path: str | os.PathLike[str], *, thread_posts_only: bool = False) -> SourcePosts:
    with open_archive(path) as archive:
        return archive.read(thread_posts_only)
