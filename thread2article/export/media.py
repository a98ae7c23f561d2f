"""The export's media: every file the threads use planned once under `media/`, then copied.

The names are decided up front, in order of first use, so a name never depends on whether an
earlier copy failed; a file that cannot be copied is a warning, and its article links the media
online instead.
"""

from __future__ import annotations

import os
import time
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, NamedTuple, Protocol

from ..errors import ThreadToArticleError
from ..filenames import safe_file_name
from ..model import Thread
from ..output import copy_atomically
from .files import MEDIA_FOLDER
from .summary import ExportSummary


class MediaSource(Protocol):
    """Where media files named by `Media.local_path` come from (an open archive container)."""

    def open_media(self, local_path: str) -> IO[bytes]: ...


class PlannedCopy(NamedTuple):
    local_path: str
    name: str  # the file name under media/, unique in this export
    post_id: str  # the first post that uses the file: a failed copy's warning names it
    thread: int  # the index, in export order, of the first thread that uses the file


def plan_media(threads: Sequence[Thread]) -> list[PlannedCopy]:
    """Every media file the threads use, once, in order of first use, with its name under media/."""
    planned: dict[str, PlannedCopy] = {}
    taken: set[str] = set()
    for index, thread in enumerate(threads):
        for post in thread.posts:
            for item in post.media:
                if not item.local_path or item.local_path in planned:
                    continue
                name = safe_file_name(item.local_path)
                # Two different source files that clean up to the same name must not overwrite each other.
                if name in taken:
                    base = name
                    stem, dot, extension = base.rpartition(".")
                    number = len(taken)
                    while name in taken:
                        name = f"{stem}-{number}{dot}{extension}" if dot else f"{base}-{number}"
                        number += 1
                taken.add(name)
                planned[item.local_path] = PlannedCopy(item.local_path, name, post.id, index)
    return list(planned.values())


class MediaCopier:
    """Copies planned media files into DIR/media/; a file that cannot be copied is a warning."""

    def __init__(self, out_dir: Path, source: MediaSource | None, summary: ExportSummary) -> None:
        self.folder = out_dir / MEDIA_FOLDER
        self.source = source
        self.summary = summary
        # local_path in the source -> "media/<file>" ("" when it could not be copied)
        self.copied: dict[str, str] = {}
        # thread index -> warnings about the files that thread was the first to use
        self.warnings: dict[int, list[str]] = {}
        # The names already in media/ (an export run again with --force), once it is made: only
        # these may be replaced; every other name is new, and needs no look before it is written.
        self._existing: set[str] | None = None

    def copy(self, item: PlannedCopy) -> None:
        """Copy one planned file; `copied` then says where it went ("" when it could not be)."""
        relative = ""
        started = time.perf_counter()
        try:
            if self._existing is None:
                self._existing = self._make_folder()
            if self.source is None:
                # Only an archive holds media files; anything else keeps its online URL.
                raise FileNotFoundError(0, "no archive to copy it from")
            with self.source.open_media(item.local_path) as data:
                copy_atomically(
                    data, self.folder / item.name, may_exist=item.name in self._existing
                )
            relative = f"{MEDIA_FOLDER}/{item.name}"
            self.summary.media_copied += 1
        # (A damaged or unsupported zip entry raises zlib.error, EOFError, NotImplementedError for
        # an unknown compression, RuntimeError when encrypted: the media is then linked online.)
        except (
            ThreadToArticleError,
            OSError,
            KeyError,
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            NotImplementedError,
            RuntimeError,
        ) as error:
            reason = (
                getattr(error, "detail", None) or getattr(error, "strerror", None) or str(error)
            )
            if isinstance(error, KeyError) and error.args:  # str() of a KeyError quotes its text
                reason = str(error.args[0])
            self.warnings.setdefault(item.thread, []).append(
                f"post {item.post_id}: media {item.local_path} not copied ({reason}); linked online instead"
            )
        self.summary.add_time("media", time.perf_counter() - started)
        self.copied[item.local_path] = relative

    def _make_folder(self) -> set[str]:
        """Make media/ (the names it already holds when it was there)."""
        try:
            self.folder.mkdir()
        except FileExistsError:
            return set(os.listdir(self.folder))
        return set()


def copies_by_url(thread: Thread, copied: Mapping[str, str]) -> dict[str, str]:
    """Media URL -> its copy under media/, for the thread's media that were copied."""
    return {
        item.url: copied[item.local_path]
        for post in thread.posts
        for item in post.media
        if item.local_path and copied.get(item.local_path)
    }
