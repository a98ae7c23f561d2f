"""The command line: parse options, make one library call, print; library errors become exit codes.

Every failure the library foresees is one line on stderr and a non-zero exit, never a traceback.
Exit codes: 0 done; 1 interrupted work or another foreseen failure; 2 a usage error (unknown
option, bad option value); then each error family's own code (errors.py): unreadable input,
no such thread, output not writable, fetch failed; 70 an internal error; 130 Ctrl-C.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date
from enum import Enum
from pathlib import Path

import typer
from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from . import __version__, library
from .errors import InputError, ThreadToArticleError
from .library import Fetching, Selection
from .model import Article, iso_utc
from .options import Options
from .output import write_atomic
from .terminal import printable, printable_json
from .threads import ThreadSummary
from .writers import FORMATS, render

try:  # typer 0.2x carries its own copy of click
    from typer._click.exceptions import UsageError
except ImportError:  # pragma: no cover - older typer over click
    from click import UsageError  # type: ignore[no-redef,assignment,import-not-found]

USAGE_ERROR = 2

app = typer.Typer(
    no_args_is_help=True,
    help="Turn a social-media thread into a clean article (Markdown, HTML or JSON).",
)

Format = Enum("Format", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]


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


def _note(line: str) -> None:
    typer.echo(printable(f"thread2article: {line}"), err=True)


def _warn(lines: Sequence[str]) -> None:
    for line in lines:
        typer.echo(printable(f"thread2article: warning: {line}"), err=True)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


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
        line = (
            f"explain: {number}. {boundary.before_id} -> {boundary.after_id}: {boundary.decision} "
            f"[rule: {boundary.rule}] [signals: {signals}]{posted} {boundary.excerpt}"
        )
        typer.echo(printable(line), err=True)


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 2 * 3600:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def _emit(text: str, output: Path | None, force: bool) -> None:
    if output is None or str(output) == "-":
        sys.stdout.write(printable(text) if sys.stdout.isatty() else text)
        return
    write_atomic(output, text, force=force)
    typer.echo(f"Wrote {output}", err=True)


def _day(value: str | None, option: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"wants a date like 2024-03-08, not {value!r}", param_hint=option
        ) from None


SOURCE_HELP = "A saved JSON/JSONL file, an X archive (folder or .zip), a Bluesky export (.car), a thread2article JSON document, a web page holding posts (.html, or Markdown with embed code) or a folder of them, or - for standard input."
VIA_HELP = "Live fetch: api (needs a token), fxtwitter or syndication (no key); auto picks."
TOKEN_HELP = "Live fetch: X API bearer token (default: $X_BEARER_TOKEN or $TWITTER_BEARER_TOKEN). Never printed or saved."
NO_WAIT_HELP = "Live fetch: stop with a message on a rate limit instead of waiting for its reset."
PARAGRAPHS_HELP = (
    "auto: mend cut sentences and decide paragraph breaks; post: one paragraph per post."
)
REPLIES_HELP = "Also take chains that start as a reply to another account."
MIN_POSTS_HELP = "Only threads with at least this many posts"


@app.command()
def convert(
    source: str = typer.Argument(..., help=SOURCE_HELP + " Also a post URL or id, fetched live."),
    thread: str | None = typer.Option(
        None, "--thread", "-t", help="Id of any post of the thread (when the source holds several)."
    ),
    format: Format = typer.Option("markdown", "--format", "-f", help="Output format."),
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
    paragraphs: Paragraphs = typer.Option(Paragraphs.auto, "--paragraphs", help=PARAGRAPHS_HELP),
    include_replies: bool = typer.Option(False, "--include-replies", help=REPLIES_HELP),
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
    via: Via = typer.Option(Via.auto, "--via", help=VIA_HELP),
    bearer_token: str | None = typer.Option(None, "--bearer-token", help=TOKEN_HELP),
    no_wait: bool = typer.Option(False, "--no-wait", help=NO_WAIT_HELP),
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
        title=title or "", paragraphs=paragraphs.value, front_matter=front_matter, fragment=fragment
    )
    with _errors_as_exit_codes():
        library.refuse_existing(output, force)
        library.refuse_existing(decisions_out, force)
        if decisions_out is not None and output is not None and decisions_out == output:
            raise InputError("--decisions-out and -o name the same file: give two files")
        decisions = library.read_decisions(decisions_file) if decisions_file else None
        media_dir = None
        if download_media:
            if output is None or str(output) == "-":
                raise InputError(
                    "--download-media saves files next to the output: give one with -o"
                )
            media_dir = output.parent / f"{output.stem}_media"
        article = library.convert(
            source,
            options,
            thread=thread,
            selection=Selection(include_replies=include_replies),
            fetching=Fetching(via.value, bearer_token, no_wait),
            decisions=decisions,
            media_dir=media_dir,
            notify=_note,
        )
        _warn(article.warnings)
        if explain:
            _explain(article)
        rendered = render(article, format.value, options)
        if decisions_out is not None:
            library.save_decisions(article, decisions_out, force=force)
            typer.echo(f"Wrote {decisions_out}", err=True)
        _emit(rendered, output, force)


@app.command()
def threads(
    source: str = typer.Argument(..., help=SOURCE_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON array instead of a table."),
    min_posts: int | None = typer.Option(
        None,
        "--min-posts",
        min=1,
        help=MIN_POSTS_HELP + " (default: threads of 2+ posts, or lone posts when there are none).",
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
    include_replies: bool = typer.Option(False, "--include-replies", help=REPLIES_HELP),
) -> None:
    """List the threads a source holds: root id, author, date, posts, first words.

    Example: thread2article threads twitter-archive.zip --min-posts 3
    """
    selection = Selection(
        include_replies=include_replies,
        min_posts=min_posts,
        since=_day(since, "--since"),
        until=_day(until, "--until"),
        search=search,
    )
    with _errors_as_exit_codes():
        summaries = library.list_threads(source, selection, notify=_note)
        if as_json:
            listing = [
                {
                    "root_id": item.root_id,
                    "author": item.author,
                    "published": iso_utc(item.published),
                    "posts": item.posts,
                    "first_words": item.first_words,
                }
                for item in summaries
            ]
            typer.echo(printable_json(json.dumps(listing, ensure_ascii=False, indent=2)))
        else:
            typer.echo(_table(summaries))


def _table(summaries: list[ThreadSummary]) -> str:
    """Aligned columns, a line per thread; on a terminal the first words are cut to its width.

    Not rich's Table: it lays out every cell, about 0.5 ms a row, 6 s for the 11,687 threads of
    the benchmark archive (this takes 0.1 s). rich still measures the text, so wide (CJK)
    characters line up."""
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
    lines.append(_count(len(summaries), "thread"))
    return "\n".join(lines)


@app.command()
def archive(
    source: str = typer.Argument(
        ...,
        help="An X archive (folder or .zip), a JSON/JSONL file of saved responses holding many threads, or a folder of web pages.",
    ),
    out: Path = typer.Option(
        ..., "--out", help="Folder to write the articles, their media and an index into."
    ),
    format: Format = typer.Option(
        "markdown", "--format", "-f", help="Output format of every article."
    ),
    min_posts: int = typer.Option(2, "--min-posts", min=1, help=MIN_POSTS_HELP + "."),
    front_matter: bool = typer.Option(
        False, "--front-matter", help="Markdown: YAML front matter in every article."
    ),
    include_replies: bool = typer.Option(False, "--include-replies", help=REPLIES_HELP),
    paragraphs: Paragraphs = typer.Option(Paragraphs.auto, "--paragraphs", help=PARAGRAPHS_HELP),
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
    options = Options(front_matter=front_matter, paragraphs=paragraphs.value)
    selection = Selection(include_replies=include_replies, min_posts=min_posts)
    console = Console(stderr=True)
    with _errors_as_exit_codes():
        # No auto-refresh: its thread would be running when the export forks its workers (a
        # forked child inherits any lock that thread holds); the bar is redrawn as it advances.
        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            console=console, transient=True, auto_refresh=False, disable=not console.is_terminal,
        ) as bar:  # fmt: skip
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

            summary = library.export_archive(
                source, out, fmt=format.value, options=options, selection=selection, force=force,
                jobs=jobs, progress=advance, on_threads=learn_total,
            )  # fmt: skip
        _warn(summary.warnings)
        for root_id, reason in summary.skipped:
            _note(f"skipped thread {root_id}: {reason}")
        typer.echo(
            f"Wrote {_count(summary.articles, 'article')}, {_count(summary.media_copied, 'media file')}, "
            f"{len(summary.skipped)} skipped, {_count(len(summary.warnings), 'warning')}; index: {summary.index}",
            err=True,
        )


@app.command()
def fetch(
    url: str = typer.Argument(
        ...,
        help="A post URL (x.com, twitter.com, fxtwitter.com, vxtwitter.com, nitter-style …/status/ID, bsky.app/profile/…/post/…, at://…) or a post id.",
    ),
    output: Path = typer.Option(
        ..., "--output", "-o", help="JSON Lines file to save the raw responses in."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
    via: Via = typer.Option(Via.auto, "--via", help=VIA_HELP),
    bearer_token: str | None = typer.Option(None, "--bearer-token", help=TOKEN_HELP),
    no_wait: bool = typer.Option(False, "--no-wait", help=NO_WAIT_HELP),
) -> None:
    """Fetch a thread and save the raw responses, so `convert FILE` works offline later.

    Example: thread2article fetch https://x.com/user/status/1501196583303573504 -o thread.jsonl
    """
    with _errors_as_exit_codes():
        fetching = Fetching(via.value, bearer_token, no_wait)
        fetched = library.save_thread(url, output, fetching, force=force, notify=_note)
        _warn(fetched.warnings)
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


def run(args: Sequence[str] | None = None) -> None:
    """The `thread2article` command. A usage error (unknown option, bad value) is one line, as
    every other error is, and exit code 2."""
    try:
        code = app(args=args, prog_name="thread2article", standalone_mode=False)
    except UsageError as error:
        if type(error).__name__ == "NoArgsIsHelpError":  # no arguments at all: the help
            error.show()
            sys.exit(USAGE_ERROR)
        command = error.ctx.command_path if error.ctx else "thread2article"
        _fail(f"{error.format_message()} (see: {command} --help)", USAGE_ERROR)
        sys.exit(USAGE_ERROR)
    except (typer.Abort, EOFError):
        _fail("interrupted", 130)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    run()
