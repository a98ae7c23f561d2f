"""What each command does, as calls a Python program can make too.

    from thread2article import Options, Selection, convert, list_threads, render
    article = convert("https://x.com/user/status/1501196583303573504")
    print(render(article, "markdown"))
    for item in list_threads("twitter-archive.zip", Selection(since=date(2024, 1, 1))): ...

A source is a saved file, an archive folder or zip, bytes (standard input: "-" or `bytes`), or a
post URL or id, fetched live. Which threads of it are meant is a `Selection`. Warnings about the
source, the fetch and the reassembly travel in `Article.warnings`; progress lines (rate-limit
waits, what a fetch cost) go to `notify`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import fetch
from .errors import InputError, OutputError, ThreadSelectionError, ThreadToArticleError
from .export import ExportSummary, export_source
from .fetch import FetchResult, build_client, download_media, save_responses
from .fetch import fetch_thread as _fetch_thread
from .fetch.retry import RetryPolicy, quiet
from .media import media_urls, relink_media
from .memory import paused_gc
from .model import Article, Thread
from .options import Options
from .output import check_writable, write_atomic
from .reassemble import preview_text, reassemble
from .reassemble.decisions import Decisions, decisions_of, dump_decisions, load_decisions
from .sources import SourcePosts
from .sources.detect import load, read_values
from .threads import (
    Selection,
    ThreadSummary,
    candidate_threads,
    find_threads,
    select_thread,
    summarize,
)
from .writers import render

if TYPE_CHECKING:
    import httpx

Notify = Callable[[str], None]
# A source as callers give it: a path, "-" for standard input, bytes, or a post URL or id.
Source = str | os.PathLike[str] | bytes


def _exists(path: str) -> bool:
    try:
        return Path(path).exists()
    except (OSError, ValueError):  # a name too long, a NUL: no file has it
        return False


def _shown(path: str) -> str:
    """A path for a message: a very long one cut in the middle, a NUL made visible."""
    path = path.replace("\x00", "\\0")
    return path if len(path) <= 160 else f"{path[:80]}…{path[-60:]} ({len(path)} characters)"


def checked_path(value: object, what: str, error: type[ThreadToArticleError] = InputError) -> Path:
    """A path a caller gave, as a Path; `error` (the project's own) when it cannot be one: not a
    path at all, empty, holding a NUL, or a name the system refuses (too long, a loop of
    links). Checked before any work, so nothing past here meets an OSError for the name."""
    if not isinstance(value, str | os.PathLike):
        raise error(f"{what} must be a path, not {type(value).__name__}")
    text = os.fspath(value)
    if not isinstance(text, str):
        raise error(f"{what} must be a path given as text, not bytes")
    if not text.strip():
        raise error(f"{what} is empty: give a file or folder")
    if "\x00" in text:
        raise error(f"{what} holds a NUL character, which no file name can", source=_shown(text))
    try:
        os.stat(text)
    except (FileNotFoundError, NotADirectoryError):
        pass  # said by whoever reads or writes it, as usual
    except OSError as failure:
        raise error(
            f"cannot use this path: {failure.strerror or failure}", source=_shown(text)
        ) from None
    return Path(text)


def _checked_source(source: object) -> Source:
    """A source as `load` and the fetch take it: bytes, "-", a live URL or id, or a path."""
    if isinstance(source, bytearray | memoryview):
        return bytes(source)
    if isinstance(source, bytes) or source == "-" or (isinstance(source, str) and is_live(source)):
        return source  # type: ignore[return-value]
    return checked_path(source, "the source")


@dataclass(frozen=True)
class Fetching:
    """How a live source is fetched (see `fetch_thread`)."""

    via: str = "auto"  # "auto" | "api" | "fxtwitter" | "syndication"
    bearer_token: str | None = None  # default: $X_BEARER_TOKEN or $TWITTER_BEARER_TOKEN
    no_wait: bool = False  # stop on a rate limit instead of waiting for its reset
    max_wait: float = fetch.MAX_WAIT_SECONDS  # the longest rate-limit reset waited for (s)


def is_live(source: Source) -> bool:
    """A post URL or a bare id, and no file of that name."""
    if not isinstance(source, str) or source == "-" or _exists(source):
        return False
    return (
        source.isdigit()
        or source.startswith(("http://", "https://", "at://", "bsky.app/"))
        or "/status" in source
    )


def fetch_thread(
    url: str,
    fetching: Fetching = Fetching(),
    *,
    client: httpx.Client | None = None,
    notify: Notify | None = None,
    **injected: Any,
) -> FetchResult:
    """Every raw response needed to rebuild the thread `url` belongs to (`save_responses` writes
    them for offline use). `client` serves the key-free providers; `injected` passes test doubles
    (`tweepy_client`, `sleep`) through to the fetch."""
    with ExitStack() as stack:
        if client is None:
            client = stack.enter_context(build_client())
        result = _fetch_thread(
            url,
            via=fetching.via,
            bearer_token=fetching.bearer_token,
            no_wait=fetching.no_wait,
            max_wait=fetching.max_wait,
            client=client,
            notify=notify,
            **injected,
        )
    if notify:
        requests = f"{result.requests} request{'' if result.requests == 1 else 's'}"
        notify(f"fetched through {result.provider} in {requests}")
    return result


def save_thread(
    url: str,
    output: str | os.PathLike[str],
    fetching: Fetching = Fetching(),
    *,
    force: bool = False,
    client: httpx.Client | None = None,
    notify: Notify | None = None,
    **injected: Any,
) -> FetchResult:
    """Fetch a thread and save its raw responses as JSON Lines, so `convert(output)` works
    offline. An existing `output` is refused before anything is fetched unless `force`."""
    output = checked_path(output, "the output", OutputError)
    refuse_existing(output, force)
    result = fetch_thread(url, fetching, client=client, notify=notify, **injected)
    save_responses(result, output, force=force)
    return result


def refuse_existing(output: str | os.PathLike[str] | None, force: bool) -> None:
    """Refuse an existing output before any work (a fetch, a download), not after it."""
    if output is not None:
        check_writable(output, force=force)


def read_source(
    source: Source,
    fetching: Fetching = Fetching(),
    *,
    thread_posts_only: bool = False,
    client: httpx.Client | None = None,
    notify: Notify | None = None,
    **injected: Any,
) -> tuple[SourcePosts, str | None]:
    """The posts of any source, and the post a live source was asked for (None otherwise)."""
    source = _checked_source(source)
    if is_live(source):
        assert isinstance(source, str)
        fetched = fetch_thread(source, fetching, client=client, notify=notify, **injected)
        posts = read_values(fetched.responses, source)
        posts.warnings[:0] = fetched.warnings
        return posts, fetched.post_id
    if source == "-":
        source = sys.stdin.buffer.read()
    return load(source, thread_posts_only=thread_posts_only), None


def convert(
    source: Source,
    options: Options = Options(),
    *,
    thread: str | None = None,
    selection: Selection = Selection(),
    fetching: Fetching = Fetching(),
    decisions: Decisions | None = None,
    media_dir: str | os.PathLike[str] | None = None,
    client: httpx.Client | None = None,
    notify: Notify | None = None,
    **injected: Any,
) -> Article:
    """One thread of `source` as an article.

    `thread` (or `selection.thread`): any post id of the thread, when the source holds several;
    a live source selects the post it names. Without one, the author's own threads are preferred
    over chains that start as a reply to someone else. `decisions`: the writer's own choices at
    the boundaries (see `read_decisions`; entries that no longer match become warnings). `media_dir`: download the article's media
    into this folder and refer to the files there, relative to the folder's parent (where the
    article is meant to be written); without it the article links the media online.
    """
    thread = thread or selection.thread
    source = _checked_source(source)
    with ExitStack() as stack:
        if client is None and (is_live(source) or media_dir is not None):
            client = stack.enter_context(build_client())  # one client for the fetch and media
        posts, asked = read_source(source, fetching, client=client, notify=notify, **injected)
        thread = thread or asked
        if posts.article is not None:
            article = _finished_article(
                posts.article, options, thread, _name(source), decisions is not None
            )
        else:
            found = find_threads(posts, include_replies=True)
            if not selection.include_replies and thread is None:
                own = [item for item in found if not _starts_as_reply_to_other(item)]
                found = own or found
            article = reassemble(select_thread(found, thread, _name(source)), options, decisions)
        article = replace(article, warnings=(*posts.warnings, *article.warnings))
        if media_dir is not None:
            assert client is not None
            policy = RetryPolicy(
                no_wait=fetching.no_wait, max_wait=fetching.max_wait, notify=notify or quiet
            )
            article = _download_media(article, Path(media_dir), client, policy)
    return article


@dataclass(frozen=True)
class Written:
    """What `write_article` made."""

    article: Article
    text: str | None  # the rendered article, when it goes to standard output (no file given)
    files: tuple[Path, ...]  # the files written, in the order they were written


def write_article(
    source: Source,
    fmt: str = "markdown",
    options: Options = Options(),
    *,
    output: str | os.PathLike[str] | None = None,
    force: bool = False,
    decisions_file: str | os.PathLike[str] | None = None,
    decisions_out: str | os.PathLike[str] | None = None,
    download_media: bool = False,
    thread: str | None = None,
    selection: Selection = Selection(),
    fetching: Fetching = Fetching(),
    client: httpx.Client | None = None,
    notify: Notify | None = None,
    **injected: Any,
) -> Written:
    """`thread2article convert` as one call: `convert`, `render` as `fmt`, write `output`
    atomically (None or "-": the text is returned instead).

    `decisions_file`: apply a decisions file; `decisions_out`: write the article's decisions
    there. `download_media`: save the media in `<output name>_media/` beside `output` and link
    the files. Every output is checked before any work (a fetch, a download): an existing file
    is refused unless `force`, and nothing is written when anything fails."""
    out = (
        None if output is None or output == "-" else checked_path(output, "the output", OutputError)
    )
    if out is not None and os.fspath(out) == "-":
        out = None
    decided = (
        None
        if decisions_out is None
        else checked_path(decisions_out, "the decisions file", OutputError)
    )
    refuse_existing(out, force)
    refuse_existing(decided, force)
    if decided is not None and decided == out:
        raise InputError("--decisions-out and -o name the same file: give two files")
    if download_media and out is None:
        raise InputError("--download-media saves files next to the output: give one with -o")
    article = convert(
        source,
        options,
        thread=thread,
        selection=selection,
        fetching=fetching,
        decisions=read_decisions(decisions_file) if decisions_file is not None else None,
        media_dir=out.parent / f"{out.stem}_media" if download_media and out else None,
        client=client,
        notify=notify,
        **injected,
    )
    text = render(article, fmt, options)
    files = []
    if decided is not None:
        save_decisions(article, decided, force=force)
        files.append(decided)
    if out is not None:
        write_atomic(out, text, force=force)
        files.append(out)
    return Written(article, None if out else text, tuple(files))


def read_decisions(path: str | os.PathLike[str]) -> Decisions:
    """A decisions file (YAML, as `save_decisions` writes it and a writer edits it)."""
    path = checked_path(path, "the decisions file")
    if path.exists() and not path.is_file():
        # A FIFO would wait for a writer forever; a folder cannot be read.
        raise InputError("the decisions file is not a regular file", source=os.fspath(path))
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no such decisions file", source=os.fspath(path)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(
            f"cannot read the decisions file ({error})", source=os.fspath(path)
        ) from None
    return load_decisions(text, os.fspath(path))


def save_decisions(article: Article, path: str | os.PathLike[str], *, force: bool = False) -> None:
    """Every boundary's decision of `article`, as a YAML file to edit and pass back."""
    path = checked_path(path, "the decisions file", OutputError)
    write_atomic(path, dump_decisions(decisions_of(article)), force=force)


def _name(source: Source) -> str:
    return "<stdin>" if isinstance(source, bytes) or source == "-" else os.fspath(source)


def _finished_article(
    article: Article, options: Options, thread: str | None, name: str, decided: bool
) -> Article:
    """An article document is already reassembled: only the writers' options apply."""
    if thread and thread not in article.post_ids:
        raise ThreadSelectionError(f"the article holds no post {thread}", source=name)
    ignored = [
        what
        for what, given in (
            ("the paragraph setting", options.paragraphs != Options().paragraphs),
            ("decisions", decided),
        )
        if given
    ]
    if ignored:
        warning = (
            f"an article document is already reassembled: {' and '.join(ignored)} do not apply"
        )
        article = replace(article, warnings=(*article.warnings, warning))
    return replace(article, title=options.title) if options.title else article


def _starts_as_reply_to_other(thread: Thread) -> bool:
    root = thread.root
    return bool(root.reply_to_user) and root.reply_to_user != root.author.id and bool(root.reply_to)


def _download_media(
    article: Article, folder: Path, client: httpx.Client, policy: RetryPolicy
) -> Article:
    urls = media_urls(article)
    if not urls:
        return article
    warnings: list[str] = []
    saved = download_media(urls, folder, client, warnings=warnings, policy=policy)
    article = relink_media(article, saved)
    return replace(article, warnings=(*article.warnings, *warnings))


def list_threads(
    source: Source,
    selection: Selection = Selection(),
    *,
    fetching: Fetching = Fetching(),
    client: httpx.Client | None = None,
    notify: Notify | None = None,
) -> list[ThreadSummary]:
    """The threads a source holds, oldest first: root id, author, date, posts, first words."""
    source = _checked_source(source)
    min_posts = selection.min_posts
    # Lone posts are listed only when asked for or when there is no thread of 2+ posts, so an
    # archive is first read for its thread posts alone (most of its posts are in no thread).
    posts, _ = read_source(
        source,
        fetching,
        thread_posts_only=min_posts is None or min_posts >= 2,
        client=client,
        notify=notify,
    )
    if posts.article is not None:
        raise InputError(
            "is an article document, which holds no threads to list", source=_name(source)
        )
    # Grouping and previews build many small acyclic objects; the cyclic collector would only
    # walk the heap of posts again and again.
    with paused_gc():
        include = selection.include_replies
        found = find_threads(posts, include_replies=include, min_posts=min_posts or 1)
        if min_posts is None and not any(len(thread.posts) > 1 for thread in found):
            if not isinstance(source, bytes) and source != "-" and not is_live(source):
                posts = load(source)  # read whole this time: the lone posts are wanted
            found = find_threads(posts, include_replies=include, min_posts=1)
        if min_posts is None:
            found = candidate_threads(found)
        return [
            summarize(thread, preview_text(thread)) for thread in found if selection.matches(thread)
        ]


def export_archive(
    source: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    fmt: str = "markdown",
    options: Options = Options(),
    selection: Selection = Selection(),
    force: bool = False,
    progress: Callable[[int], None] | None = None,
    on_threads: Callable[[int], None] | None = None,
) -> ExportSummary:
    """Every selected thread of `source` as an article in `out_dir`, with its media and an index.

    `selection.min_posts` defaults to 2 here. `on_threads(total)` is called once the threads are
    known and `progress(count)` as articles are written, for a progress bar."""
    if selection.thread is not None:
        raise InputError("an export takes every thread; convert takes one (--thread)")
    return export_source(
        source if source == "-" else checked_path(source, "the source"),
        checked_path(out_dir, "the output folder", OutputError),
        fmt=fmt,
        options=options,
        selection=selection,
        force=force,
        progress=progress,
        on_threads=on_threads,
    )
