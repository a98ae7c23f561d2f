"""The command line: parse options, call the library, turn library errors into exit codes.

Every failure the library foresees is one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import html
import json
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date
from enum import Enum
from pathlib import Path

import typer

from . import __version__
from .errors import InputError, OutputError, ThreadSelectionError, ThreadToArticleError
from .memory import paused_gc
from .model import Article, Thread, iso_utc
from .options import Options
from .output import write_atomic
from .reassemble import preview_text, reassemble
from .reassemble.decisions import Decisions, decisions_of, dump_decisions, load_decisions
from .sources.detect import load, read_values
from .terminal import printable, printable_json
from .threads import candidate_threads, find_threads, select_thread, summarize
from .writers import render

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn a social-media thread into a clean article (Markdown, HTML or JSON).",
)


class Format(str, Enum):
    markdown = "markdown"
    html = "html"
    json = "json"


class Via(str, Enum):
    auto = "auto"
    api = "api"
    fxtwitter = "fxtwitter"
    syndication = "syndication"


class Paragraphs(str, Enum):
    auto = "auto"
    post = "post"


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(printable(f"thread2article: error: {message}"), err=True)
    return typer.Exit(code)


@contextmanager
def _errors_as_exit_codes() -> Iterator[None]:
    try:
        yield
    except ThreadToArticleError as error:
        raise _fail(str(error), error.exit_code) from None
    except KeyboardInterrupt:
        raise _fail("interrupted", 130) from None
    except typer.Exit:
        raise
    except Exception as error:  # noqa: BLE001 - the last net: one line, never a traceback
        raise _fail(
            f"internal error ({type(error).__name__}: {error}); please report it with the input that caused it",
            70,
        ) from None


def _warn(lines: tuple[str, ...] | list[str]) -> None:
    for line in lines:
        typer.echo(printable(f"thread2article: warning: {line}"), err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"thread2article {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Turn a social-media thread into a clean article (Markdown, HTML or JSON)."""


def _explain(article: Article) -> None:
    if not article.boundaries:
        typer.echo("explain: the thread has a single post; no boundaries to decide", err=True)
    for number, boundary in enumerate(article.boundaries, start=1):
        signals = ", ".join(boundary.signals) or "none"
        later = boundary.seconds_apart
        posted = "" if later is None else f" [posted {_duration(later)} later]"
        typer.echo(
            printable(
                f"explain: {number}. {boundary.before_id} -> {boundary.after_id}: {boundary.decision} "
                f"[rule: {boundary.rule}] [signals: {signals}]{posted} {boundary.excerpt}"
            ),
            err=True,
        )


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 2 * 3600:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def _read_decisions(path: Path) -> Decisions:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no such decisions file", source=str(path)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the decisions file ({error})", source=str(path)) from None
    return load_decisions(text, str(path))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _check_output(output: Path | None, force: bool) -> None:
    """Refuse an existing output before any work (a fetch, a download), not after it."""
    if output is not None and str(output) != "-" and output.exists() and not force:
        raise OutputError("already exists; pass --force to overwrite it", source=str(output))


def _emit(text: str, output: Path | None, force: bool) -> None:
    if output is None or str(output) == "-":
        sys.stdout.write(printable(text) if sys.stdout.isatty() else text)
        return
    write_atomic(output, text, force=force)
    typer.echo(f"Wrote {output}", err=True)


def _load_source(source: str):
    return load(source)


def _is_live(source: str) -> bool:
    """A post URL or a bare id, and no file of that name."""
    if Path(source).exists():
        return False
    return (
        source.isdigit()
        or source.startswith(("http://", "https://", "at://", "bsky.app/"))
        or "/status" in source
    )


def _fetch(source: str, via: Via, bearer_token: str | None, no_wait: bool):
    from .fetch import fetch_thread

    fetched = fetch_thread(
        source,
        via=via.value,
        bearer_token=bearer_token,
        no_wait=no_wait,
        notify=lambda message: typer.echo(printable(f"thread2article: {message}"), err=True),
    )
    _warn(fetched.warnings)
    typer.echo(
        f"thread2article: fetched through {fetched.provider} in {_count(fetched.requests, 'request')}",
        err=True,
    )
    return fetched


def _without_local_media(thread: Thread) -> Thread:
    if not any(media.local_path for post in thread.posts for media in post.media):
        return thread
    posts = tuple(
        replace(post, media=tuple(replace(media, local_path="") for media in post.media))
        for post in thread.posts
    )
    return replace(thread, posts=posts)


def _with_local_media(thread: Thread, output: Path) -> Thread:
    """Download the thread's media into `<output stem>_media/` beside the output file."""
    from .fetch import build_client, download_media

    urls = [media.url for post in thread.posts for media in post.media]
    if not urls:
        return thread
    warnings: list[str] = []
    with build_client() as client:
        saved = download_media(
            urls, output.parent / f"{output.stem}_media", client, warnings=warnings
        )
    _warn(warnings)
    posts = tuple(
        replace(
            post,
            media=tuple(
                replace(media, local_path=saved.get(media.url, media.local_path))
                for media in post.media
            ),
        )
        for post in thread.posts
    )
    return replace(thread, posts=posts)


@app.command()
def convert(
    source: str = typer.Argument(
        ...,
        help="A saved JSON/JSONL file, an X archive (folder or .zip), or a thread2article JSON document.",
    ),
    thread: str | None = typer.Option(
        None,
        "--thread",
        "-t",
        help="Id of any post of the thread to convert (when the source holds several).",
    ),
    format: Format = typer.Option(Format.markdown, "--format", "-f", help="Output format."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write to this file (atomically) instead of standard output."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
    title: str | None = typer.Option(
        None, "--title", help="Article title (default: the thread's first sentence)."
    ),
    front_matter: bool = typer.Option(
        False,
        "--front-matter",
        help="Markdown: start with YAML front matter (title, author, date, source URL).",
    ),
    fragment: bool = typer.Option(
        False, "--fragment", help="HTML: emit only the <article> element."
    ),
    paragraphs: Paragraphs = typer.Option(
        Paragraphs.auto,
        "--paragraphs",
        help="auto: mend cut sentences and decide paragraph breaks; post: one paragraph per post.",
    ),
    include_replies: bool = typer.Option(
        False,
        "--include-replies",
        help="Also consider chains that start as a reply to another account.",
    ),
    explain: bool = typer.Option(
        False,
        "--explain",
        help="Print every boundary between posts, its decision and the signals behind it (stderr).",
    ),
    decisions_file: Path | None = typer.Option(
        None,
        "--decisions",
        help="Apply a decisions file (written by --decisions-out, then edited): the writer's own join and paragraph choices.",
    ),
    decisions_out: Path | None = typer.Option(
        None,
        "--decisions-out",
        help="Write every boundary's decision to this YAML file, one line per boundary, to edit and pass back with --decisions.",
    ),
    via: Via = typer.Option(
        Via.auto,
        "--via",
        help="Live fetch: api (needs a token), fxtwitter or syndication (no key); auto picks.",
    ),
    bearer_token: str | None = typer.Option(
        None,
        "--bearer-token",
        help="Live fetch: X API bearer token (default: $X_BEARER_TOKEN or $TWITTER_BEARER_TOKEN). Never printed or saved.",
    ),
    no_wait: bool = typer.Option(
        False,
        "--no-wait",
        help="Live fetch: stop with a message on a rate limit instead of waiting for its reset.",
    ),
    download_media: bool = typer.Option(
        False,
        "--download-media",
        help="Save the thread's images next to the output (-o) and refer to the local files.",
    ),
) -> None:
    """Convert one thread into an article. SOURCE may also be a post URL or id, fetched live.

    Example: thread2article convert thread.jsonl --format html -o thread.html
    """
    options = Options(
        title=title or "",
        paragraphs=paragraphs.value,
        front_matter=front_matter,
        fragment=fragment,
        include_replies=include_replies,
    )
    with _errors_as_exit_codes():
        _check_output(output, force)
        _check_output(decisions_out, force)
        if decisions_out is not None and output is not None and decisions_out == output:
            raise InputError("--decisions-out and -o name the same file: give two files")
        chosen_decisions = _read_decisions(decisions_file) if decisions_file else None
        if download_media and (output is None or str(output) == "-"):
            raise InputError("--download-media saves files next to the output: give one with -o")
        if _is_live(source):
            fetched = _fetch(source, via, bearer_token, no_wait)
            loaded = read_values(fetched.responses, source)
            thread = thread or fetched.post_id
        else:
            loaded = _load_source(source)
        _warn(loaded.warnings)
        if loaded.article is not None:
            # An article document is already reassembled: only the writers' options apply.
            article = loaded.article
            if thread and thread not in article.post_ids:
                raise ThreadSelectionError(f"the article holds no post {thread}", source=source)
            if paragraphs != Paragraphs.auto or explain or chosen_decisions:
                _warn(
                    [
                        "an article document is already reassembled: --paragraphs, --explain and --decisions do not apply to it"
                    ]
                )
                explain = False
            if title:
                article = replace(article, title=title)
        else:
            found = find_threads(loaded, include_replies=True)
            if not include_replies and thread is None:
                own = [item for item in found if not _starts_as_reply_to_other(item)]
                found = own or found
            chosen = select_thread(found, thread, source)
            # Archive media paths are relative to the archive, not to the output: link the
            # originals, or copy them beside the output (`archive` copies them into media/).
            chosen = (
                _with_local_media(chosen, output)
                if download_media
                else _without_local_media(chosen)
            )
            article = reassemble(chosen, options, chosen_decisions)
            _warn(article.warnings)
        if explain:
            _explain(article)
        rendered = render(article, format.value, options)
        if decisions_out is not None:
            write_atomic(decisions_out, dump_decisions(decisions_of(article)), force=force)
            typer.echo(f"Wrote {decisions_out}", err=True)
        _emit(rendered, output, force)


def _starts_as_reply_to_other(thread: Thread) -> bool:
    root = thread.root
    return bool(root.reply_to_user) and root.reply_to_user != root.author.id and bool(root.reply_to)


def _parse_day(value: str | None, option: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option} wants a date like 2024-03-08, not {value!r}") from None


@app.command()
def threads(
    source: str = typer.Argument(
        ..., help="A saved JSON/JSONL file or an X archive (folder or .zip)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON array instead of a table."),
    min_posts: int | None = typer.Option(
        None,
        "--min-posts",
        help="Only threads with at least this many posts (default: threads of 2+ posts, or lone posts when there are none).",
    ),
    since: str | None = typer.Option(
        None, "--since", help="Only threads started on or after this date (YYYY-MM-DD, UTC)."
    ),
    until: str | None = typer.Option(
        None, "--until", help="Only threads started on or before this date (YYYY-MM-DD, UTC)."
    ),
    search: str | None = typer.Option(
        None, "--search", help="Only threads whose text contains this (case-insensitive)."
    ),
    include_replies: bool = typer.Option(
        False,
        "--include-replies",
        help="Also list chains that start as a reply to another account.",
    ),
) -> None:
    """List the threads a source holds: root id, author, date, posts, first words.

    Example: thread2article threads twitter-archive.zip --min-posts 3
    """
    with _errors_as_exit_codes():
        first_day, last_day = _parse_day(since, "--since"), _parse_day(until, "--until")
        # Lone posts are listed only when asked for or when there is no thread of 2+ posts, so
        # an archive is first read for its thread posts alone (most of its posts are in no thread).
        loaded = load(source, thread_posts_only=min_posts is None or min_posts >= 2)
        if loaded.article is not None:
            raise InputError(
                "is an article document, which holds no threads to list", source=source
            )
        # Grouping and previews build many small acyclic objects; the cyclic collector would
        # only walk the heap of posts again and again.
        with paused_gc():
            found = find_threads(loaded, include_replies=include_replies, min_posts=min_posts or 1)
            if min_posts is None and not any(len(thread.posts) > 1 for thread in found):
                loaded = _load_source(source)
                found = find_threads(loaded, include_replies=include_replies, min_posts=1)
            if min_posts is None:
                found = candidate_threads(found)
            found = [t for t in found if _matches(t, first_day, last_day, search)]
            summaries = [summarize(thread, preview_text(thread)) for thread in found]
        if as_json:
            typer.echo(
                printable_json(
                    json.dumps(
                        [
                            {
                                "root_id": item.root_id,
                                "author": item.author,
                                "published": iso_utc(item.published),
                                "posts": item.posts,
                                "first_words": item.first_words,
                            }
                            for item in summaries
                        ],
                        ensure_ascii=False,
                        indent=2,
                    )
                )
            )
            return
        _print_table(summaries)


def _matches(
    thread: Thread, first_day: date | None, last_day: date | None, search: str | None
) -> bool:
    published = thread.root.created_at
    if first_day and (published is None or published.date() < first_day):
        return False
    if last_day and (published is None or published.date() > last_day):
        return False
    if search:
        needle = search.casefold()
        return any(
            needle in (html.unescape(post.text) if post.escaped else post.text).casefold()
            for post in thread.posts
        )
    return True


def _print_table(summaries) -> None:
    """Aligned columns, a line per thread; on a terminal the first words are cut to its width.

    Not rich's Table: it lays out every cell, about 0.5 ms a row, 6 s for the 11,687 threads of
    the benchmark archive (this takes 0.1 s). rich still measures the text, so wide (CJK)
    characters line up."""
    from rich.cells import cell_len, set_cell_size

    rows = [("root id", "author", "date", "posts", "first words")]
    for item in summaries:
        published = item.published.astimezone(UTC).strftime("%Y-%m-%d") if item.published else ""
        author, words = printable(item.author), printable(item.first_words)
        rows.append((printable(item.root_id), author, published, str(item.posts), words))
    widths = [max(cell_len(row[column]) for row in rows) for column in range(4)]
    room = None
    if sys.stdout.isatty():
        room = max(shutil.get_terminal_size().columns - sum(widths) - 2 * len(widths), 12)
    lines = []
    for root_id, author, published, posts, words in rows:
        if room is not None and cell_len(words) > room:
            words = set_cell_size(words, room - 1) + "…"
        cells = [
            set_cell_size(root_id, widths[0]),
            set_cell_size(author, widths[1]),
            set_cell_size(published, widths[2]),
            posts.rjust(widths[3]),
            words,
        ]
        lines.append("  ".join(cells).rstrip())
    lines.append(f"{len(summaries)} thread{'s' if len(summaries) != 1 else ''}")
    typer.echo("\n".join(lines))


@app.command()
def archive(
    source: str = typer.Argument(
        ...,
        help="An X archive (folder or .zip), or a JSON/JSONL file of saved responses holding many threads.",
    ),
    out: Path = typer.Option(
        ..., "--out", help="Folder to write the articles, their media and an index into."
    ),
    format: Format = typer.Option(
        Format.markdown, "--format", "-f", help="Output format of every article."
    ),
    min_posts: int = typer.Option(
        2, "--min-posts", help="Only threads with at least this many posts."
    ),
    front_matter: bool = typer.Option(
        False, "--front-matter", help="Markdown: YAML front matter in every article."
    ),
    include_replies: bool = typer.Option(
        False,
        "--include-replies",
        help="Also export chains that start as a reply to another account.",
    ),
    paragraphs: Paragraphs = typer.Option(
        Paragraphs.auto,
        "--paragraphs",
        help="auto: mend cut sentences; post: one paragraph per post.",
    ),
    force: bool = typer.Option(False, "--force", help="Write into a folder that is not empty."),
    jobs: int | None = typer.Option(
        None,
        "--jobs",
        "-j",
        min=1,
        help="Processes that build the articles (default: one per usable CPU; 1: no worker processes). The output is the same.",
    ),
) -> None:
    """Write every thread of a source as an article, with its media and an index.

    Example: thread2article archive twitter-archive.zip --out articles --min-posts 3
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from .export import export_source

    options = Options(
        front_matter=front_matter, include_replies=include_replies, paragraphs=paragraphs.value
    )
    console = Console(stderr=True)
    with _errors_as_exit_codes():
        # No auto-refresh: its thread would be running when the export forks its workers (a
        # forked child inherits any lock that thread holds); the bar is redrawn as it advances.
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            auto_refresh=False,
            disable=not console.is_terminal,
        ) as bar:
            task = bar.add_task("Writing articles", total=None)
            drawn = [0.0]

            def advance(count: int) -> None:
                bar.advance(task, count)
                if time.monotonic() - drawn[0] >= 0.1:  # ten frames a second, as auto-refresh does
                    bar.refresh()
                    drawn[0] = time.monotonic()

            def learn_total(total: int) -> None:
                bar.update(task, total=total)
                bar.refresh()

            summary = export_source(
                source,
                out,
                fmt=format.value,
                options=options,
                min_posts=min_posts,
                force=force,
                progress=advance,
                on_threads=learn_total,
                jobs=jobs,
            )
        _warn(summary.warnings)
        for root_id, reason in summary.skipped:
            typer.echo(printable(f"thread2article: skipped thread {root_id}: {reason}"), err=True)
        typer.echo(
            f"Wrote {_count(summary.articles, 'article')}, {_count(summary.media_copied, 'media file')}, "
            f"{len(summary.skipped)} skipped, {_count(len(summary.warnings), 'warning')}; index: {summary.index}",
            err=True,
        )


@app.command()
def fetch(
    url: str = typer.Argument(
        ...,
        help="A post URL (x.com, twitter.com, fxtwitter.com, vxtwitter.com, nitter-style …/status/ID) or a post id.",
    ),
    output: Path = typer.Option(
        ..., "--output", "-o", help="JSON Lines file to save the raw responses in."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
    via: Via = typer.Option(
        Via.auto,
        "--via",
        help="api (needs a token), fxtwitter or syndication (no key); auto picks.",
    ),
    bearer_token: str | None = typer.Option(
        None,
        "--bearer-token",
        help="X API bearer token (default: $X_BEARER_TOKEN or $TWITTER_BEARER_TOKEN). Never printed or saved.",
    ),
    no_wait: bool = typer.Option(
        False,
        "--no-wait",
        help="Stop with a message on a rate limit instead of waiting for its reset.",
    ),
) -> None:
    """Fetch a thread and save the raw responses, so `convert FILE` works offline later.

    Example: thread2article fetch https://x.com/user/status/1501196583303573504 -o thread.jsonl
    """
    from .fetch import save_responses

    with _errors_as_exit_codes():
        _check_output(output, force)
        fetched = _fetch(url, via, bearer_token, no_wait)
        save_responses(fetched, output, force=force)
        typer.echo(f"Wrote {output} ({_count(len(fetched.responses), 'response')})", err=True)


@app.command()
def serve(
    sources: list[str] | None = typer.Argument(
        None,
        help="Files to open at once (saved JSON/JSONL, an X archive); more can be opened from the page.",
    ),
    port: int = typer.Option(
        8765, "--port", min=0, max=65535, help="Port on 127.0.0.1 (0: any free port)."
    ),
    open_browser: bool = typer.Option(False, "--open", help="Open the page in your web browser."),
    max_upload_mb: int = typer.Option(
        256, "--max-upload-mb", min=1, help="Largest file the page accepts, in MiB."
    ),
) -> None:
    """Review a thread in your browser: every boundary's decision, changed with a click; take the
    article away with the decisions file that reproduces it.

    Example: thread2article serve --open
    """
    from .serve import serve as serve_page

    with _errors_as_exit_codes():
        serve_page(
            port=port,
            open_browser=open_browser,
            max_upload=max_upload_mb * 1024**2,
            sources=sources or [],
            announce=lambda line: typer.echo(f"thread2article: {line}", err=True),
        )


def run() -> None:
    app(prog_name="thread2article")


if __name__ == "__main__":  # pragma: no cover
    run()
