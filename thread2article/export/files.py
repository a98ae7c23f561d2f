"""The output folder: made safe to write into, articles named (collisions settled) and written.

Every file is written atomically (a temporary file renamed into place), so a failure part way
leaves whole articles and never a half-written one.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from ..errors import OutputError
from ..model import Thread
from ..output import remove_stale_temporaries, write_bytes_atomically
from ..writers.index import IndexEntry
from .build import BuiltArticle

MEDIA_FOLDER = "media"


def write_atomically(path: str | os.PathLike[str], data: bytes, *, may_exist: bool = True) -> None:
    try:
        write_bytes_atomically(path, data, may_exist=may_exist)
    except OSError as error:
        raise OutputError(f"cannot write: {error.strerror or error}", source=str(path)) from None


def prepare_out_dir(out_dir: Path, force: bool, extension: str = "") -> None:
    """Make `out_dir` ready for an export writing `<name>.<extension>` articles, an index and
    `media/`: refused when it is a non-empty folder without `force`, and refused when a name the
    export writes through (`media/`) or in place of (an article, the index) is a symbolic link
    that leads outside it (case: `DIR/media -> /etc`: the copies would land there)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError("exists and is not a folder", source=str(out_dir))
    if out_dir.is_dir() and any(out_dir.iterdir()) and not force:
        raise OutputError(
            "the folder is not empty; use --force to write into it anyway", source=str(out_dir)
        )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(
            f"cannot create the folder: {error.strerror or error}", source=str(out_dir)
        ) from None
    _refuse_links_out(out_dir, extension)
    # What a killed run (SIGKILL) left half-written: its temporary files, never its articles.
    remove_stale_temporaries(out_dir)
    remove_stale_temporaries(out_dir / MEDIA_FOLDER)


def _refuse_links_out(out_dir: Path, extension: str) -> None:
    """OutputError when `media`, the index or an article name in `out_dir` is a symbolic link
    whose target lies outside `out_dir`. (A link inside is left to the writer, which replaces
    only regular files; a media file that is a link is never copied over either.)"""
    suffix = f".{extension}" if extension else None  # the articles' and the index's
    root = os.path.realpath(out_dir)
    try:
        links = [
            entry
            for entry in os.scandir(out_dir)
            if entry.is_symlink()
            and (entry.name == MEDIA_FOLDER or (suffix and entry.name.endswith(suffix)))
        ]
    except OSError as error:
        raise OutputError(
            f"cannot read the folder: {error.strerror or error}", source=str(out_dir)
        ) from None
    for entry in links:
        target = os.path.realpath(entry.path)
        if os.path.commonpath([root, target]) != root:
            raise OutputError(
                f"is a symbolic link to {target}, outside the export folder; "
                "refusing to write through it (remove the link or choose another folder)",
                source=entry.path,
            )


class ArticleFiles:
    """Names and writes the articles in export order, as they are built.

    An article is `<stem>.<ext>`; once a second article has the same stem, every one of them is
    `<stem>-<root id>.<ext>` (the first is renamed then), so a name never depends on which came
    first, and no file waits for every title to be known."""

    def __init__(self, folder: Path, extension: str) -> None:
        self.folder = folder
        self.extension = extension
        # Names already in the folder (an export run again with --force): only these can have
        # a mode to keep.
        self.existing = set(os.listdir(folder))
        self.entries: list[IndexEntry] = []
        self.paths: list[Path] = []
        # stem -> (position, root id) of the one article with that stem so far
        self._alone: dict[str, tuple[int, str]] = {}
        self._stems: set[str] = set()
        # Every name handed out: a title can itself end in a number that is another's root id.
        self._taken: set[str] = set()

    def write(self, thread: Thread, built: BuiltArticle) -> None:
        stem, root_id = built.stem, thread.root.id
        if stem in self._stems:
            first = self._alone.pop(stem, None)
            if first is not None:
                self._rename(first[0], self._claim(f"{stem}-{first[1]}"))
            name = self._claim(f"{stem}-{root_id}")
        else:
            self._stems.add(stem)
            self._alone[stem] = (len(self.entries), root_id)
            name = self._claim(stem)
        path = self.folder / name
        try:
            write_atomically(path, built.data, may_exist=name in self.existing)
        except OutputError as error:
            # The line names the thread as well as the file: a user who finds the file's name
            # taken (a folder, a device) looks the thread up by its first post.
            raise OutputError(error.detail, source=error.source, post_id=root_id) from None
        self.paths.append(path)
        self.entries.append(
            IndexEntry(
                path=name,
                title=built.title,
                published=built.published,
                post_count=len(thread.posts),
            )
        )

    def _claim(self, base: str) -> str:
        name = f"{base}.{self.extension}"
        number = 2
        while name in self._taken:
            name = f"{base}-{number}.{self.extension}"
            number += 1
        self._taken.add(name)
        return name

    def _rename(self, position: int, name: str) -> None:
        path = self.folder / name
        try:
            os.replace(self.paths[position], path)
        except OSError as error:
            raise OutputError(
                f"cannot rename: {error.strerror or error}", source=str(self.paths[position])
            ) from None
        self.paths[position] = path
        self.entries[position] = replace(self.entries[position], path=name)
