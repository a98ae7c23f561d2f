"""The command line: parse options, make one library call, print; library errors become exit codes.

Every failure is one line on stderr and a non-zero exit, never a traceback. Exit codes (README,
"Errors"): each error family's own (errors.py: 2 unreadable input, 3 no such thread, 4 output
not writable, 5 fetch failed); 64 a usage error (unknown option, bad option value: sysexits'
EX_USAGE, apart from bad input); 70 an internal error; 130 interrupted.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from . import __version__, library
from .console import count, progress_bar, threads_json, threads_table
from .errors import InputError, ThreadToArticleError
from .fetch import VIA_CHOICES
from .library import Fetching, Selection
from .model import Article
from .options import Options
from .output import write_atomic
from .terminal import printable
from .writers import FORMATS, render

try:  # typer 0.2x carries its own copy of click
    from typer._click.exceptions import UsageError
except ImportError:  # pragma: no cover - older typer over click
    from click import UsageError  # type: ignore[no-redef,assignment,import-not-found]

USAGE_ERROR = 64  # sysexits.h EX_USAGE

app = typer.Typer(
    rich_markup_mode=None,
    no_args_is_help=True,
    help="Turn a social-media thread into a clean article (Markdown, HTML or JSON).",
)

Format = Enum("Format", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]
Via = Enum("Via", {name: name for name in VIA_CHOICES}, type=str)  # type: ignore[misc]
Paragraphs = Enum("Paragraphs", {"auto": "auto", "post": "post"}, type=str)  # type: ignore[misc]


# Every argument and option, declared once, a line each (commands share most of them).
Source = Annotated[str, typer.Argument(metavar="SOURCE", help="A saved JSON/JSONL file, an X archive (folder or .zip), a Bluesky export (.car), a Mastodon archive, a saved web page, a thread2article JSON document, or - for standard input.")]  # fmt: skip
LiveSource = Annotated[str, typer.Argument(metavar="SOURCE", help="What `threads` takes, or a post URL or id (X, Bluesky, Mastodon), fetched live.")]  # fmt: skip
ManySource = Annotated[str, typer.Argument(metavar="SOURCE", help="An X archive (folder or .zip), a folder of saved pages, or a JSON/JSONL file holding many threads.")]  # fmt: skip
Url = Annotated[str, typer.Argument(metavar="URL", help="A post URL (X and its mirrors, Bluesky, a Mastodon instance) or an X post id.")]  # fmt: skip
ThreadId = Annotated[str | None, typer.Option("--thread", "-t", help="Id of any post of the thread (when the source holds several).")]  # fmt: skip
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
Output = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (atomically) instead of standard output.")]  # fmt: skip
Saved = Annotated[Path, typer.Option("--output", "-o", help="JSON Lines file to save the raw responses in.")]  # fmt: skip
Out = Annotated[Path, typer.Option("--out", help="Folder to write the articles, their media and an index into.")]  # fmt: skip
Force = Annotated[bool, typer.Option("--force", help="Overwrite an existing output (archive: write into a folder that is not empty).")]  # fmt: skip
Title = Annotated[str | None, typer.Option("--title", help="Article title (default: the thread's first sentence).")]  # fmt: skip
FrontMatter = Annotated[bool, typer.Option("--front-matter", help="Markdown: start with YAML front matter (title, author, date, source URL).")]  # fmt: skip
Fragment = Annotated[
    bool, typer.Option("--fragment", help="HTML: emit only the <article> element.")
]
ParagraphsOption = Annotated[Paragraphs, typer.Option("--paragraphs", help="auto: mend cut sentences and decide paragraph breaks; post: one paragraph per post.")]  # fmt: skip
Replies = Annotated[bool, typer.Option("--include-replies", help="Also take chains that start as a reply to another account.")]  # fmt: skip
Explain = Annotated[bool, typer.Option("--explain", help="Print every boundary between posts, its decision and the signals behind it (stderr).")]  # fmt: skip
DecisionsIn = Annotated[Path | None, typer.Option("--decisions", help="Apply a decisions file (written by --decisions-out, then edited): the writer's own join and paragraph choices.")]  # fmt: skip
DecisionsOut = Annotated[Path | None, typer.Option("--decisions-out", help="Write every boundary's decision to this YAML file, one line per boundary, to edit and pass back with --decisions.")]  # fmt: skip
ViaOption = Annotated[Via, typer.Option("--via", help="X posts: api (needs a token), fxtwitter or syndication (no key); auto picks.")]  # fmt: skip
Token = Annotated[str | None, typer.Option("--bearer-token", help="X API bearer token (default: $X_BEARER_TOKEN or $TWITTER_BEARER_TOKEN). Never printed or saved.")]  # fmt: skip
NoWait = Annotated[bool, typer.Option("--no-wait", help="Stop with a message on a rate limit instead of waiting for its reset.")]  # fmt: skip
DownloadMedia = Annotated[bool, typer.Option("--download-media", help="Save the thread's images next to the output (-o) and refer to the local files.")]  # fmt: skip
AsJson = Annotated[bool, typer.Option("--json", help="Print a JSON array instead of a table.")]
AtLeast = Annotated[int | None, typer.Option("--min-posts", min=1, help="Only threads with at least this many posts (default: threads of 2+ posts, or lone posts when there are none; archive: 2).")]  # fmt: skip
Since = Annotated[str | None, typer.Option("--since", help="Only threads started on or after this date (YYYY-MM-DD, UTC).")]  # fmt: skip
Until = Annotated[str | None, typer.Option("--until", help="Only threads started on or before this date (YYYY-MM-DD, UTC).")]  # fmt: skip
Search = Annotated[str | None, typer.Option("--search", help="Only threads whose text contains this (case-insensitive).")]  # fmt: skip
Sources = Annotated[list[str] | None, typer.Argument(metavar="[SOURCE]...", help="Files to open at once (saved JSON/JSONL, an X archive); more can be opened from the page.")]  # fmt: skip
Port = Annotated[int, typer.Option("--port", min=0, max=65535, help="Port on 127.0.0.1 (0: any free port).")]  # fmt: skip
OpenBrowser = Annotated[bool, typer.Option("--open", help="Open the page in your web browser.")]
MaxUpload = Annotated[int, typer.Option("--max-upload-mb", min=1, help="Largest file the page accepts, in MiB.")]  # fmt: skip


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
        _note(f"warning: {line}")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"thread2article {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,  # fmt: skip
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
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        hint = f"wants a date like 2024-03-08, not {value!r}"
        raise typer.BadParameter(hint, param_hint=option) from None


@app.command()
def convert(
    source: LiveSource,
    thread: ThreadId = None,
    format: FormatOption = Format("markdown"),
    output: Output = None,
    force: Force = False,
    title: Title = None,
    front_matter: FrontMatter = False,
    fragment: Fragment = False,
    paragraphs: ParagraphsOption = Paragraphs("auto"),
    include_replies: Replies = False,
    explain: Explain = False,
    decisions_file: DecisionsIn = None,
    decisions_out: DecisionsOut = None,
    via: ViaOption = Via("auto"),
    bearer_token: Token = None,
    no_wait: NoWait = False,
    download_media: DownloadMedia = False,
) -> None:
    """Convert one thread into an article.

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
        if download_media and (output is None or str(output) == "-"):
            raise InputError("--download-media saves files next to the output: give one with -o")
        article = library.convert(
            source,
            options,
            thread=thread,
            selection=Selection(include_replies=include_replies),
            fetching=Fetching(via.value, bearer_token, no_wait),
            decisions=library.read_decisions(decisions_file) if decisions_file else None,
            media_dir=output.parent / f"{output.stem}_media" if download_media and output else None,
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
    source: Source,
    as_json: AsJson = False,
    min_posts: AtLeast = None,
    since: Since = None,
    until: Until = None,
    search: Search = None,
    include_replies: Replies = False,
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
        typer.echo(threads_json(summaries) if as_json else threads_table(summaries))


@app.command()
def archive(
    source: ManySource,
    out: Out,
    format: FormatOption = Format("markdown"),
    min_posts: AtLeast = 2,
    front_matter: FrontMatter = False,
    include_replies: Replies = False,
    paragraphs: ParagraphsOption = Paragraphs("auto"),
    force: Force = False,
) -> None:
    """Write every thread of a source as an article, with its media and an index.

    Example: thread2article archive twitter-archive.zip --out articles --min-posts 3
    """
    options = Options(front_matter=front_matter, paragraphs=paragraphs.value)
    selection = Selection(include_replies=include_replies, min_posts=min_posts)
    with _errors_as_exit_codes():
        with progress_bar("Writing articles") as (advance, learn_total):
            summary = library.export_archive(
                source, out, fmt=format.value, options=options, selection=selection, force=force,
                progress=advance, on_threads=learn_total,
            )  # fmt: skip
        _warn(summary.warnings)
        for root_id, reason in summary.skipped:
            _note(f"skipped thread {root_id}: {reason}")
        typer.echo(
            f"Wrote {count(summary.articles, 'article')}, {count(summary.media_copied, 'media file')}, "
            f"{len(summary.skipped)} skipped, {count(len(summary.warnings), 'warning')}; index: {summary.index}",
            err=True,
        )


@app.command()
def fetch(
    url: Url,
    output: Saved,
    force: Force = False,
    via: ViaOption = Via("auto"),
    bearer_token: Token = None,
    no_wait: NoWait = False,
) -> None:
    """Fetch a thread and save the raw responses, so `convert FILE` works offline later.

    Example: thread2article fetch https://x.com/user/status/1501196583303573504 -o thread.jsonl
    """
    with _errors_as_exit_codes():
        fetching = Fetching(via.value, bearer_token, no_wait)
        fetched = library.save_thread(url, output, fetching, force=force, notify=_note)
        _warn(fetched.warnings)
        typer.echo(f"Wrote {output} ({count(len(fetched.responses), 'response')})", err=True)


@app.command()
def serve(
    sources: Sources = None,
    port: Port = 8765,
    open_browser: OpenBrowser = False,
    max_upload_mb: MaxUpload = 256,
) -> None:
    """Review a thread in your browser: every boundary's decision, changed with a click; take the
    article away with the decisions file that reproduces it.

    Example: thread2article serve --open
    """
    from .serve import serve as serve_page  # the web server's dependencies load only for it

    with _errors_as_exit_codes():
        serve_page(
            port=port,
            open_browser=open_browser,
            max_upload=max_upload_mb * 1024**2,
            sources=sources or [],
            announce=_note,
        )


def run(args: Sequence[str] | None = None) -> None:
    """The `thread2article` command. A usage error (unknown option, bad value) is one line, as
    every other error is, and exit code USAGE_ERROR."""
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
