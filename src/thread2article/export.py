"""Export many threads at once: one article file per thread, their media, and an index.

`export_threads` is what `thread2article archive SOURCE --out DIR` runs. The output is stable:
file names come from the date and title (`2024-02-05-el-proceso-entero.md`), collisions are
resolved with the root post id, media files keep their archive names, and every file is written
atomically, so running the export twice gives byte-identical files.

This module does file I/O but no terminal output: `progress` is a plain callable the CLI can
connect to a progress bar.
"""

from __future__ import annotations

import os
import re
import shutil
import time
import unicodedata
import zipfile
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Callable, Iterable, Protocol

from .errors import OutputError, ThreadToArticleError
from .model import Article, Image, Media, Thread, Video
from .options import Options
from .output import atomic_file

EXTENSIONS = {"markdown": "md", "html": "html", "json": "json"}
INDEX_NAMES = {"markdown": "index.md", "html": "index.html", "json": "index.json"}
MEDIA_FOLDER = "media"
SLUG_LENGTH = 60

_SLUG_DROP = re.compile(r"[^a-z0-9]+")
_SAFE_FILE_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


class MediaSource(Protocol):
    """Where media files named by `Media.local_path` come from (an open archive container)."""

    def open_media(self, local_path: str) -> IO[bytes]: ...


@dataclass
class ExportSummary:
    out_dir: Path
    written: list[Path] = field(default_factory=list)
    # (root post id, reason) for threads that could not be turned into an article.
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    media_copied: int = 0
    index: Path | None = None
    # Seconds spent per phase (reassemble, render, write, media, index): the benchmark reads them.
    timings: dict[str, float] = field(default_factory=dict)

    def add_time(self, phase: str, seconds: float) -> None:
        self.timings[phase] = self.timings.get(phase, 0.0) + seconds

    @property
    def articles(self) -> int:
        return len(self.written)


# -- names -----------------------------------------------------------------------------------


def slugify(title: str, limit: int = SLUG_LENGTH) -> str:
    """ASCII, lower case, words joined by `-`, at most `limit` characters, cut at a word."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = _SLUG_DROP.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        cut = slug.rfind("-", 0, limit + 1)
        slug = slug[: cut if cut > limit // 2 else limit].strip("-")
    return slug


def article_stem(article: Article, root_id: str) -> str:
    """`YYYY-MM-DD-slug`; the root id stands in for a title with no ASCII letters (e.g. Japanese)."""
    date = article.published.strftime("%Y-%m-%d") if article.published else "undated"
    slug = slugify(article.title) or f"thread-{root_id}"
    return f"{date}-{slug}"


def safe_file_name(name: str) -> str:
    """A media file name that is safe on every file system and in a URL."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _SAFE_FILE_CHARS.sub("_", base).strip("._") or "media"
    return cleaned[:120]


# -- files -------------------------------------------------------------------------------------


def write_atomically(path: Path, data: bytes) -> None:
    try:
        with atomic_file(path) as target:
            target.write(data)
    except OSError as error:
        raise OutputError(f"cannot write: {error.strerror or error}", source=str(path)) from None


def _copy_atomically(source: IO[bytes], path: Path) -> None:
    with atomic_file(path) as target:
        shutil.copyfileobj(source, target)


def prepare_out_dir(out_dir: Path, force: bool) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError("exists and is not a folder", source=str(out_dir))
    if out_dir.is_dir() and any(out_dir.iterdir()) and not force:
        raise OutputError("the folder is not empty; use --force to write into it anyway", source=str(out_dir))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot create the folder: {error.strerror or error}", source=str(out_dir)) from None


# -- media -----------------------------------------------------------------------------------


class MediaCopier:
    """Copies each media file once into DIR/media/ and remembers its new relative path."""

    def __init__(self, out_dir: Path, source: MediaSource | None, summary: ExportSummary) -> None:
        self.folder = out_dir / MEDIA_FOLDER
        self.source = source
        self.summary = summary
        # local_path in the source -> "media/<file>" ("" when it could not be copied)
        self.copied: dict[str, str] = {}
        self.taken_names: dict[str, str] = {}

    def relative_path(self, local_path: str, post_id: str) -> str:
        if local_path in self.copied:
            return self.copied[local_path]
        name = safe_file_name(local_path)
        # Two different source files that clean up to the same name must not overwrite each other.
        if self.taken_names.get(name, local_path) != local_path:
            stem, dot, extension = name.rpartition(".")
            name = f"{stem}-{len(self.taken_names)}{dot}{extension}" if dot else f"{name}-{len(self.taken_names)}"
        relative = ""
        started = time.perf_counter()
        try:
            self.folder.mkdir(exist_ok=True)
            target = self.folder / name
            if self.source is None:
                # Only an archive holds media files; anything else keeps its online URL.
                raise KeyError("no archive to copy it from")
            with self.source.open_media(local_path) as data:
                _copy_atomically(data, target)
            relative = f"{MEDIA_FOLDER}/{name}"
            self.taken_names[name] = local_path
            self.summary.media_copied += 1
        except (ThreadToArticleError, OSError, KeyError, zipfile.BadZipFile) as error:
            reason = getattr(error, "detail", None) or getattr(error, "strerror", None) or str(error)
            self.summary.warnings.append(f"post {post_id}: media {local_path} not copied ({reason}); linked online instead")
        self.summary.add_time("media", time.perf_counter() - started)
        self.copied[local_path] = relative
        return relative


def localise_media(thread: Thread, copier: MediaCopier) -> tuple[Thread, dict[str, str]]:
    """The thread with every copyable `Media.local_path` set to `media/<file>`.

    Also returns remote URL -> local path, so blocks built from `url` can be pointed at the copy.
    """
    by_url: dict[str, str] = {}
    posts = []
    changed = False
    for post in thread.posts:
        if not any(item.local_path for item in post.media):
            posts.append(post)
            continue
        media: list[Media] = []
        for item in post.media:
            if item.local_path:
                relative = copier.relative_path(item.local_path, post.id)
                if relative:
                    by_url[item.url] = relative
                    by_url[item.local_path] = relative
                item = replace(item, local_path=relative)
            media.append(item)
        posts.append(replace(post, media=tuple(media)))
        changed = True
    if not changed:
        return thread, by_url
    return replace(thread, posts=tuple(posts)), by_url


def point_blocks_at_copies(article: Article, by_url: dict[str, str]) -> Article:
    if not by_url:
        return article
    blocks = []
    for block in article.blocks:
        if isinstance(block, (Image, Video)) and block.src in by_url:
            block = replace(block, src=by_url[block.src])
        blocks.append(block)
    return replace(article, blocks=tuple(blocks))


# -- the export --------------------------------------------------------------------------------


def _thread_order(thread: Thread) -> tuple:
    root = thread.root
    stamp = root.created_at.timestamp() if root.created_at else 0.0
    return (stamp, len(root.id), root.id)


def export_threads(
    threads: Iterable[Thread],
    out_dir: str | os.PathLike[str],
    *,
    fmt: str = "markdown",
    options: Options | None = None,
    force: bool = False,
    media_source: MediaSource | None = None,
    progress: Callable[[int], None] | None = None,
    index_title: str = "Threads",
) -> ExportSummary:
    """Write one article per thread into `out_dir`, copy their media, write the index.

    Raises OutputError when `out_dir` is a non-empty folder and `force` is false. A thread the
    reassembler rejects is skipped and listed in the summary rather than stopping the export.
    """
    from .reassemble import reassemble
    from .writers import render
    from .writers.index import IndexEntry, render_index

    if fmt not in EXTENSIONS:
        raise OutputError(f"unknown format {fmt!r} (expected one of: {', '.join(EXTENSIONS)})", source=str(out_dir))
    options = options or Options()
    options = replace(options, title="")  # one title for every article would make no sense
    out_path = Path(out_dir)
    prepare_out_dir(out_path, force)
    summary = ExportSummary(out_dir=out_path)
    copier = MediaCopier(out_path, media_source, summary)

    # First build every article: the file names depend on all titles (collisions).
    built: list[tuple[Thread, Article]] = []
    for thread in sorted(threads, key=_thread_order):
        try:
            local_thread, by_url = localise_media(thread, copier)
            started = time.perf_counter()
            article = point_blocks_at_copies(reassemble(local_thread, options), by_url)
            summary.add_time("reassemble", time.perf_counter() - started)
        except ThreadToArticleError as error:
            summary.skipped.append((thread.root.id, error.detail))
            if progress:
                progress(1)
            continue
        summary.warnings.extend(f"thread {thread.root.id}: {warning}" for warning in thread.warnings)
        built.append((thread, article))

    stems = [article_stem(article, thread.root.id) for thread, article in built]
    counts: dict[str, int] = {}
    for stem in stems:
        counts[stem] = counts.get(stem, 0) + 1
    extension = EXTENSIONS[fmt]
    entries = []
    for (thread, article), stem in zip(built, stems):
        # Every member of a collision gets its root id, so names do not depend on which came first.
        name = f"{stem}-{thread.root.id}.{extension}" if counts[stem] > 1 else f"{stem}.{extension}"
        path = out_path / name
        started = time.perf_counter()
        text = render(article, fmt, options)
        rendered = time.perf_counter()
        write_atomically(path, text.encode("utf-8"))
        summary.add_time("render", rendered - started)
        summary.add_time("write", time.perf_counter() - rendered)
        summary.written.append(path)
        entries.append(IndexEntry(path=name, title=article.title, published=article.published, post_count=len(thread.posts)))
        if progress:
            progress(1)

    index_path = out_path / INDEX_NAMES[fmt]
    write_atomically(index_path, _render_index(entries, fmt, index_title, render_index).encode("utf-8"))
    summary.index = index_path
    return summary


def _render_index(entries: list, fmt: str, title: str, render_index: Callable) -> str:
    if fmt != "json":
        return render_index(entries, fmt, title)
    import orjson

    from .model import iso_utc

    document = {
        "title": title,
        "articles": [
            {"path": entry.path, "title": entry.title, "published": iso_utc(entry.published), "post_count": entry.post_count}
            for entry in entries
        ],
    }
    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"


def export_source(
    source: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    fmt: str = "markdown",
    options: Options | None = None,
    min_posts: int = 2,
    force: bool = False,
    progress: Callable[[int], None] | None = None,
    on_threads: Callable[[int], None] | None = None,
) -> ExportSummary:
    """Load any multi-thread source (archive folder/zip, JSON/JSONL) and export its threads.

    `on_threads(total)` is called once the threads are known, before any is written, so a
    progress bar can learn its length.
    """
    from .sources import detect
    from .memory import paused_gc
    from .sources.twitter_archive import is_archive, open_source_archive, read_container
    from .threads import find_threads

    options = options or Options()
    with ExitStack() as stack:
        media_source = None
        # Reading and grouping build a few hundred thousand acyclic objects: see paused_gc.
        with paused_gc():
            started = time.perf_counter()
            if is_archive(source):
                media_source = stack.enter_context(open_source_archive(source))
                # Only posts that can be in a thread of min_posts (>= 2) posts become Post objects.
                posts = read_container(media_source, thread_posts_only=min_posts >= 2)
            else:
                posts = detect.load(source)
            read_at = time.perf_counter()
            threads = find_threads(posts, include_replies=options.include_replies, min_posts=min_posts)
            found_at = time.perf_counter()
        if on_threads:
            on_threads(len(threads))
        # Building the articles makes short-lived, acyclic objects (drafts, blocks, text): the
        # collector would only walk the heap of posts again and again (3.5 s -> 3.0 s at 100k).
        with paused_gc():
            summary = export_threads(
                threads, out_dir, fmt=fmt, options=options, force=force, media_source=media_source, progress=progress
            )
    summary.warnings[:0] = list(posts.warnings)
    summary.timings = {"read": read_at - started, "find_threads": found_at - read_at, **summary.timings}
    return summary
