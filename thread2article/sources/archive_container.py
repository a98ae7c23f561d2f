"""Open an X/Twitter account archive in place: the unzipped folder (its root or its `data/`) or
the `.zip` itself, which is read with `zipfile` and never extracted to disk.

The container knows where the archive's data files are (from `data/manifest.js` when present,
else by their names across export eras) and hands their bytes to the reader. It also lists and
opens media files so the export can copy the ones an article uses.

All names handed out are relative to the archive's *data folder* with `/` separators, e.g.
`tweets.js` or `tweets_media/1113119211834945536-D3KX-3uUEAEUWoP.jpg`.
"""

from __future__ import annotations

import os
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

import orjson

from ..errors import InputError
from .jsonfile import BOM, check_utf8, position_text

# A real archive with years of media is a few GiB; anything declaring more is refused unread.
MAX_DECLARED_BYTES = 20 * 1024**3
# Media is already compressed, so real archives deflate poorly; a huge ratio is a zip bomb.
MAX_COMPRESSION_RATIO = 200
# Below this declared size the ratio check is pointless (tiny text-only zips compress well).
RATIO_CHECK_FLOOR = 64 * 1024**2

TWEET_FILE_PATTERN = re.compile(r"^(?:tweets?|tweets?-part(\d+))\.js$")
MEDIA_FOLDERS = ("tweets_media", "tweet_media")
DELETED_MEDIA_FOLDERS = ("deleted_tweets_media", "deleted_tweet_media")

# manifest.js `dataTypes` keys -> our kinds.
MANIFEST_KINDS = {
    "tweets": "tweets",
    "tweet": "tweets",
    "noteTweet": "note_tweets",
    "deletedTweets": "deleted_tweets",
    "account": "account",
}
# Fallback by file name when there is no manifest.
NAMED_FILES = {
    "note_tweets": ("note-tweet.js",),
    "deleted_tweets": ("deleted-tweets.js", "deleted-tweet.js"),
    "account": ("account.js",),
}


# What zipfile raises on a damaged zip (a bad central directory can give any of these; a
# version it does not know, NotImplementedError; an encrypted entry, RuntimeError).
ZIP_ERRORS = (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError)


def _tweet_file_order(name: str) -> tuple[int, str]:
    match = TWEET_FILE_PATTERN.match(name)
    part = int(match.group(1)) if match and match.group(1) else 0
    return (part, name)


def is_tweet_file_name(name: str) -> bool:
    return TWEET_FILE_PATTERN.match(name) is not None


@dataclass
class ArchiveLayout:
    """Which data files hold what, as names relative to the data folder."""

    tweets: list[str] = field(default_factory=list)
    note_tweets: list[str] = field(default_factory=list)
    deleted_tweets: list[str] = field(default_factory=list)
    account: list[str] = field(default_factory=list)
    media_folders: list[str] = field(default_factory=list)
    # manifest.js `userInfo` (accountId, userName, displayName) when the archive has one.
    manifest_user: dict = field(default_factory=dict)


class ArchiveContainer:
    """A read-only view of one archive; use as a context manager (a zip stays open until closed)."""

    def __init__(self, label: str) -> None:
        # `label` names the archive in error messages (the path the user gave).
        self.label = label
        self._layout: ArchiveLayout | None = None
        self._media_names: dict[str, str] | None = None
        self._media_paths: set[str] | None = None
        # What the reader should pass on to the user (nothing is wrong enough to refuse).
        self.warnings: list[str] = []

    # -- backend hooks ------------------------------------------------------------------------
    def names(self) -> list[str]:
        """Every file name under the data folder (relative, `/`-separated)."""
        raise NotImplementedError

    def exists(self, name: str) -> bool:
        raise NotImplementedError

    def read_bytes(self, name: str) -> bytes:
        raise NotImplementedError

    def open_file(self, name: str) -> IO[bytes]:
        raise NotImplementedError

    def list_folder(self, folder: str) -> list[str]:
        """File names directly inside `folder` (relative to the data folder)."""
        raise NotImplementedError

    def not_a_file(self, name: str) -> str:
        """What `name` is when it is there but no regular file ("a folder"), else ""."""
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self) -> ArchiveContainer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- layout -------------------------------------------------------------------------------
    @property
    def layout(self) -> ArchiveLayout:
        if self._layout is None:
            self._layout = self._find_layout()
        return self._layout

    def describe(self, name: str) -> str:
        """How to name a data file in a message: `archive.zip:data/tweets.js`."""
        return f"{self.label}:{name}" if name else self.label

    def _find_layout(self) -> ArchiveLayout:
        layout = ArchiveLayout()
        if self.exists("manifest.js"):
            self._apply_manifest(layout)
        top_level = [name for name in self.names() if "/" not in name]
        if not layout.tweets:
            layout.tweets = sorted(
                (n for n in top_level if is_tweet_file_name(n)), key=_tweet_file_order
            )
        for kind, candidates in NAMED_FILES.items():
            if not getattr(layout, kind):
                setattr(layout, kind, [name for name in candidates if name in top_level])
        if not layout.media_folders:
            layout.media_folders = [
                f for f in MEDIA_FOLDERS + DELETED_MEDIA_FOLDERS if self.list_folder(f)
            ]
        if not layout.tweets:
            raise InputError(
                "no tweets.js, tweet.js or tweets-partN.js in this archive", source=self.label
            )
        # A data file that is a folder (or a FIFO) would be skipped as absent, and the archive
        # read without its posts, silently: refuse it instead.
        for name in (
            "tweets.js",
            "tweet.js",
            *(n for names in NAMED_FILES.values() for n in names),
        ):
            what = self.not_a_file(name)
            if what:
                raise InputError(f"is {what}, not a data file", source=self.describe(name))
        return layout

    def _apply_manifest(self, layout: ArchiveLayout) -> None:
        try:
            manifest = parse_js_assignment(
                self.read_bytes("manifest.js"), self.describe("manifest.js")
            )
        except InputError:
            # A damaged manifest is no reason to refuse the archive: the file names still work.
            return
        if not isinstance(manifest, dict):
            return
        user = manifest.get("userInfo")
        if isinstance(user, dict):
            layout.manifest_user = user
        data_types = manifest.get("dataTypes")
        if not isinstance(data_types, dict):
            return
        for key, kind in MANIFEST_KINDS.items():
            entry = data_types.get(key)
            if not isinstance(entry, dict):
                continue
            files = entry.get("files")
            names = [
                self._manifest_name(item.get("fileName"))
                for item in (files if isinstance(files, list) else ())
                if isinstance(item, dict)
            ]
            for name in names:
                what = self.not_a_file(name) if name else ""
                if what:
                    raise InputError(
                        f"is {what}, not the data file manifest.js says",
                        source=self.describe(name),
                    )
            names = [name for name in names if name and self.exists(name)]
            if names and not getattr(layout, kind):
                setattr(layout, kind, names)
            media_dir = self._manifest_name(entry.get("mediaDirectory"))
            if media_dir and media_dir not in layout.media_folders and self.list_folder(media_dir):
                layout.media_folders.append(media_dir)

    @staticmethod
    def _manifest_name(file_name: object) -> str:
        """A manifest's file name as a data-relative name, or "" for one that could lead out of
        the archive (`..`, an absolute path, a drive) or that no file system holds (a part over
        255 bytes, NUL): those are ignored, like the rest of a manifest we cannot use."""
        if not isinstance(file_name, str):
            return ""
        # The manifest names files from the archive root ("data/tweets.js"); ours are data-relative.
        name = file_name.strip()
        name = name[len("data/") :] if name.startswith("data/") else name
        if not name or not safe_relative_name(name):
            return ""
        return name

    # -- media --------------------------------------------------------------------------------
    def media_files(self) -> dict[str, str]:
        """Media file name (`<tweet id>-<name>`) -> its name relative to the data folder."""
        if self._media_names is None:
            found: dict[str, str] = {}
            for folder in self.layout.media_folders:
                for file_name in self.list_folder(folder):
                    found.setdefault(file_name, f"{folder}/{file_name}")
            self._media_names = found
        return self._media_names

    def open_media(self, local_path: str) -> IO[bytes]:
        """Open a media file named by a `Media.local_path` this archive's reader produced."""
        if self._media_paths is None:
            self._media_paths = set(self.media_files().values())
        if local_path not in self._media_paths:
            raise InputError(f"no media file {local_path!r} in this archive", source=self.label)
        return self.open_file(local_path)


def safe_relative_name(name: str) -> bool:
    """A `/`-separated name that stays below the folder it is relative to: no `..`, no absolute
    path or drive, no backslash or NUL, no part longer than a file system allows (255 bytes)."""
    if "\x00" in name or "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return False
    for part in name.split("/"):
        if part in ("..",) or len(part.encode("utf-8", "surrogatepass")) > 255:
            return False
    return True


class FolderArchive(ArchiveContainer):
    """An unzipped archive. Nothing outside `root` (the folder the user named, resolved) is ever
    read, whatever symbolic links or the manifest say (issue 12: a symlinked media file or
    folder, or a manifest `mediaDirectory` of `../..`, had `archive --out` copy files from
    elsewhere into the export): every name is resolved and checked before it is opened."""

    def __init__(self, data_dir: Path, label: str, root: Path | None = None) -> None:
        super().__init__(label)
        self.data_dir = data_dir
        self.root = os.path.realpath(root if root is not None else data_dir)

    def describe(self, name: str) -> str:
        return str(self.data_dir / name) if name else self.label

    def _real_path(self, name: str) -> str | None:
        """The resolved path of `name` when it lies inside the root; None when it leads out."""
        if not safe_relative_name(name):
            return None
        real = os.path.realpath(os.path.join(self.data_dir, name))
        return real if real == self.root or real.startswith(self.root + os.sep) else None

    def _regular_file(self, name: str) -> str | None:
        real = self._real_path(name)
        return real if real is not None and os.path.isfile(real) else None

    def names(self) -> list[str]:
        return self.list_folder("")

    def exists(self, name: str) -> bool:
        return self._regular_file(name) is not None

    def not_a_file(self, name: str) -> str:
        real = self._real_path(name)
        if real is None or not os.path.exists(real) or os.path.isfile(real):
            return ""
        return "a folder" if os.path.isdir(real) else "not a regular file (a pipe or device)"

    def read_bytes(self, name: str) -> bytes:
        try:
            with self.open_file(name) as handle:
                return handle.read()
        except OSError as error:
            raise InputError(
                f"cannot read {name}: {error.strerror or error}", source=self.label
            ) from None

    def open_file(self, name: str) -> IO[bytes]:
        real = self._regular_file(name)
        if real is None:
            if self._real_path(name) is None:
                raise InputError(
                    f"refusing {name}: it leads outside the archive folder", source=self.label
                )
            raise InputError(f"no file {name} in this archive", source=self.label)
        return open(real, "rb")

    def list_folder(self, folder: str) -> list[str]:
        path = self._real_path(folder) if folder else self._real_path(".")
        if path is None or not os.path.isdir(path):
            return []
        prefix = f"{folder}/" if folder else ""
        names = []
        try:
            for entry in os.scandir(path):
                # A plain file in a folder inside the root is inside; only a link needs resolving.
                if entry.is_file(follow_symlinks=False) or (
                    entry.is_symlink() and self._regular_file(prefix + entry.name) is not None
                ):
                    names.append(entry.name)
        except OSError:
            return []
        return sorted(names)


class ZipArchive(ArchiveContainer):
    def __init__(self, zip_file: zipfile.ZipFile, prefix: str, label: str) -> None:
        super().__init__(label)
        self.zip_file = zip_file
        # Path of the data folder inside the zip, "" or ending in "/".
        self.prefix = prefix
        self._entries: dict[str, zipfile.ZipInfo] = {}
        for info in zip_file.infolist():
            if not info.is_dir() and info.filename.startswith(prefix):
                self._entries[info.filename[len(prefix) :]] = info
        self._folders: dict[str, list[str]] = {}
        for name in self._entries:
            folder, _, file_name = name.rpartition("/")
            if folder:
                self._folders.setdefault(folder, []).append(file_name)

    def describe(self, name: str) -> str:
        return f"{self.label}:{self.prefix}{name}" if name else self.label

    def names(self) -> list[str]:
        return sorted(self._entries)

    def exists(self, name: str) -> bool:
        return name in self._entries

    def not_a_file(self, name: str) -> str:
        if name in self._entries:
            return ""
        return "a folder" if name in self._folders else ""

    def read_bytes(self, name: str) -> bytes:
        try:
            return self.zip_file.read(self._entries[name])
        except KeyError:
            raise InputError(f"no {name} in this archive", source=self.label) from None
        # A damaged entry raises zlib.error or EOFError, an unknown compression
        # NotImplementedError, an encrypted one RuntimeError (issue 12: "internal error" before).
        except (
            zipfile.BadZipFile,
            OSError,
            EOFError,
            NotImplementedError,
            RuntimeError,
            ValueError,
            zlib.error,
        ) as error:
            raise InputError(
                f"cannot read {self.prefix}{name} from the zip: {error}", source=self.label
            ) from None

    def open_file(self, name: str) -> IO[bytes]:
        return self.zip_file.open(self._entries[name])

    def list_folder(self, folder: str) -> list[str]:
        return sorted(self._folders.get(folder, ()))

    def close(self) -> None:
        self.zip_file.close()


# -- opening --------------------------------------------------------------------------------


def _has_archive_files(folder: Path) -> bool:
    if (folder / "manifest.js").is_file():
        return True
    try:
        return any(
            is_tweet_file_name(entry.name) and entry.is_file() for entry in os.scandir(folder)
        )
    except OSError:
        return False


def find_data_folder(path: Path) -> Path | None:
    """The folder holding tweets.js & co for an archive root or its `data/`; None if neither."""
    if not path.is_dir():
        return None
    if (path / "data").is_dir() and _has_archive_files(path / "data"):
        return path / "data"
    if _has_archive_files(path):
        return path
    return None


def looks_like_archive(path: str | os.PathLike[str]) -> bool:
    """Cheap check: a folder with archive data files, or a zip holding a tweets file."""
    path = Path(path)
    if path.is_dir():
        return find_data_folder(path) is not None
    if path.is_file() and zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as zip_file:
                return _zip_data_prefix(zip_file.namelist()) is not None
        except ZIP_ERRORS:
            return False
    return False


def _unsafe_entry_reason(name: str) -> str:
    normalised = name.replace("\\", "/")
    if normalised.startswith("/") or re.match(r"^[A-Za-z]:", normalised):
        return "an absolute path"
    if ".." in PurePosixPath(normalised).parts:
        return "a '..' component"
    return ""


def check_zip_entries(
    infos: list[zipfile.ZipInfo],
    label: str,
    *,
    max_declared_bytes: int = MAX_DECLARED_BYTES,
    max_ratio: float = MAX_COMPRESSION_RATIO,
) -> None:
    """Refuse unsafe entry names and absurd declared sizes before any entry is read."""
    declared = 0
    compressed = 0
    seen: set[str] = set()
    for info in infos:
        reason = _unsafe_entry_reason(info.filename)
        if reason:
            raise InputError(f"refusing zip entry {info.filename!r}: it has {reason}", source=label)
        # Two entries of one name: which one a reader gets is up to the tool (zipfile takes the
        # last, others the first), so the archive means two things at once.
        if info.filename in seen:
            raise InputError(
                f"refusing the zip: it holds two entries named {info.filename!r}", source=label
            )
        seen.add(info.filename)
        declared += info.file_size
        compressed += info.compress_size
    if declared > max_declared_bytes:
        raise InputError(
            f"refusing the zip: it declares {declared / 1024**3:.1f} GiB uncompressed "
            f"(limit {max_declared_bytes / 1024**3:.0f} GiB)",
            source=label,
        )
    if declared > RATIO_CHECK_FLOOR and declared > max_ratio * max(compressed, 1):
        raise InputError(
            f"refusing the zip: it declares {declared / max(compressed, 1):.0f}x its compressed size "
            f"(limit {max_ratio:.0f}x), which looks like a zip bomb",
            source=label,
        )


def _zip_data_prefix(names: list[str]) -> str | None:
    """The folder (with trailing `/`) that holds the data files, the shallowest one found."""
    best: str | None = None
    for name in names:
        folder, _, file_name = name.rpartition("/")
        if file_name == "manifest.js" or is_tweet_file_name(file_name):
            prefix = f"{folder}/" if folder else ""
            if (
                best is None
                or prefix.count("/") < best.count("/")
                or (
                    prefix.count("/") == best.count("/")
                    and prefix.endswith("data/")
                    and not best.endswith("data/")
                )
            ):
                best = prefix
    return best


def open_archive(path: str | os.PathLike[str]) -> ArchiveContainer:
    """Open an archive folder (root or `data/`) or `.zip`; raise InputError if it is neither."""
    path = Path(path)
    label = str(path)
    if path.is_dir():
        data_folder = find_data_folder(path)
        if data_folder is None:
            raise InputError(
                "not an X/Twitter archive: no data/tweets.js (or tweet.js, manifest.js) found",
                source=label,
            )
        return FolderArchive(data_folder, label, root=path)
    if not path.exists():
        raise InputError("no such file or folder", source=label)
    try:
        zip_file = zipfile.ZipFile(path)
    except ZIP_ERRORS as error:
        raise InputError(f"not a readable zip archive: {error}", source=label) from None
    try:
        infos = zip_file.infolist()
        check_zip_entries(infos, label)
        prefix = _zip_data_prefix([info.filename for info in infos])
        if prefix is None:
            raise InputError(
                "not an X/Twitter archive: the zip holds no data/tweets.js (or tweet.js)",
                source=label,
            )
        return ZipArchive(zip_file, prefix, label)
    except BaseException:
        zip_file.close()
        raise


# -- the `window.YTD.x.partN = ` wrapper ------------------------------------------------------


def payload_start(data: bytes, where: str) -> int:
    """Offset of the JSON value after `window.YTD.<name>.partN = ` (or `window.__THAR_CONFIG = `).

    Plain JSON without the wrapper is accepted too (some tools re-save the files that way)."""
    position = 0
    length = len(data)
    if data.startswith(BOM):  # one rule for every JSON source: see jsonfile
        position = len(BOM)
    while position < length and data[position] in b" \t\r\n":
        position += 1
    if position >= length:
        raise InputError("the file is empty", source=where)
    if data[position] not in b"[{":
        # Only look for the `=` within the first line, so a stray `=` deep in the data is never used.
        equals = data.find(b"=", position, position + 512)
        if equals == -1 or b"\n" in data[position:equals]:
            raise InputError(
                "not an archive data file: no `window.YTD.… = [` wrapper at the start", source=where
            )
        position = equals + 1
        while position < length and data[position] in b" \t\r\n":
            position += 1
        if position >= length or data[position] not in b"[{":
            raise InputError(
                f"not an archive data file: expected `[` after `=` at {position_text(data, position)}",
                source=where,
            )
    return position


def payload_end(data: bytes, start: int) -> int:
    """End of the JSON value: trailing whitespace and a `;` some tools add are dropped."""
    end = len(data)
    while end > start and data[end - 1] in b" \t\r\n;":
        end -= 1
    return end


def parse_js_assignment(data: bytes, where: str):
    """Parse a whole `window.YTD.x.partN = [...]` file with orjson; errors name the position."""
    start = payload_start(data, where)
    end = payload_end(data, start)
    try:
        return orjson.loads(memoryview(data)[start:end])
    except orjson.JSONDecodeError as error:
        check_utf8(data, where, start, end)
        raise InputError(
            f"invalid or truncated JSON at {position_text(data, start + error.pos)}: {error.msg}",
            source=where,
        ) from None
