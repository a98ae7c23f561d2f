"""The export from start to end: `export_source` reads a source, `export_threads` writes it.

The steps:
1. plan: the threads sorted by date; every media file they use gets its name under `media/`
   (names must be unique across the export, so they are decided once, in order, up front);
2. copy the media (a file that cannot be copied is a warning; its article links it online);
3. build each article (reassemble, relink its media, render) and write it at once, in export
   order (`files.ArticleFiles` settles collisions: when a second article has the same stem,
   both become `<stem>-<root id>`); then the index. A failure part way leaves whole articles
   and no index.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

from ..memory import paused_gc
from ..model import Thread
from ..options import Options
from ..sources.detect import as_input, reader_for
from ..threads import Selection, find_threads
from ..writers import writer_for
from .build import ArticleBuilder, BuiltArticle
from .files import ArticleFiles, prepare_out_dir, write_atomically
from .index import INDEX_NAMES, index_text
from .media import MediaCopier, MediaSource, copies_by_url, plan_media
from .summary import ExportSummary


def _thread_order(thread: Thread) -> tuple[float, int, str]:
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
    builder: ArticleBuilder | None = None,
) -> ExportSummary:
    """Write one article per thread into `out_dir`, copy their media, write the index.

    `builder` turns a thread into article bytes (default: the project's reassembler and
    writers). Raises OutputError when `out_dir` is a non-empty folder and `force` is false. A
    thread the reassembler rejects is skipped and listed in the summary rather than stopping
    the export.
    """
    extension = writer_for(fmt).extension
    options = replace(options or Options(), title="")  # one title for every article: no sense
    builder = builder or ArticleBuilder()
    out_path = Path(out_dir)
    prepare_out_dir(out_path, force, extension)
    summary = ExportSummary(out_dir=out_path)

    ordered = sorted(threads, key=_thread_order)
    copier = MediaCopier(out_path, media_source, summary)
    for item in plan_media(ordered):
        copier.copy(item)

    files = ArticleFiles(out_path, extension)
    reassembling, rendering = builder.reassembling, builder.rendering
    writing = 0.0
    for index, thread in enumerate(ordered):
        summary.warnings.extend(copier.warnings.get(index, ()))
        built = builder.build(thread, copies_by_url(thread, copier.copied), fmt, options)
        if isinstance(built, BuiltArticle):
            summary.warnings.extend(
                f"thread {thread.root.id}: {warning}" for warning in thread.warnings
            )
            started = time.perf_counter()
            files.write(thread, built)
            writing += time.perf_counter() - started
        else:
            summary.skipped.append((thread.root.id, built))
        if progress:
            progress(1)
    summary.written = files.paths
    summary.add_time("reassemble", builder.reassembling - reassembling)
    summary.add_time("render", builder.rendering - rendering)
    summary.add_time("write", writing)

    started = time.perf_counter()
    index_path = out_path / INDEX_NAMES[fmt]
    write_atomically(index_path, index_text(files.entries, fmt, index_title).encode("utf-8"))
    summary.index = index_path
    summary.add_time("index", time.perf_counter() - started)
    return summary


def export_source(
    source: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    fmt: str = "markdown",
    options: Options | None = None,
    selection: Selection = Selection(),
    force: bool = False,
    progress: Callable[[int], None] | None = None,
    on_threads: Callable[[int], None] | None = None,
    builder: ArticleBuilder | None = None,
) -> ExportSummary:
    """Load any multi-thread source (archive folder/zip, JSON/JSONL) and export its threads.

    `on_threads(total)` is called once the threads are known, before any is written, so a
    progress bar can learn its length. `builder`: see export_threads.
    """
    options = options or Options()
    min_posts = selection.min_posts or 2
    with ExitStack() as stack:
        media_source = None
        # Reading and grouping build a few hundred thousand acyclic objects: see paused_gc.
        with paused_gc():
            started = time.perf_counter()
            opened = as_input(source)
            reader = reader_for(opened)
            # Only posts that can be in a thread of min_posts (>= 2) posts become Post objects.
            posts = reader.read(opened, min_posts >= 2)
            if reader.media is not None:
                media_source = stack.enter_context(reader.media(opened))
            read_at = time.perf_counter()
            threads = find_threads(
                posts, include_replies=selection.include_replies, min_posts=min_posts
            )
            if selection.since or selection.until or selection.search:
                threads = [thread for thread in threads if selection.matches(thread)]
            found_at = time.perf_counter()
        if on_threads:
            on_threads(len(threads))
        # Building the articles makes short-lived, acyclic objects (drafts, blocks, text): the
        # collector would only walk the heap of posts again and again (3.5 s -> 3.0 s at 100k).
        with paused_gc():
            summary = export_threads(
                threads,
                out_dir,
                fmt=fmt,
                options=options,
                force=force,
                media_source=media_source,
                progress=progress,
                builder=builder,
            )
    summary.warnings[:0] = list(posts.warnings)
    summary.timings = {
        "read": read_at - started,
        "find_threads": found_at - read_at,
        **summary.timings,
    }
    return summary
