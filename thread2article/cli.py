"""The command line: each command parses its options, makes one library call (library.py) and
prints (console.py). Errors become one line and an exit code (console.fail; a usage error: 64).
The context object, when a caller sets it (`CliRunner().invoke(app, args, obj=client)`), is the
`httpx.Client` every fetch goes through, as `client=` is for library callers."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

from . import __version__, console, library
from .fetch import MAX_WAIT_SECONDS, VIA_CHOICES
from .library import Fetching, Selection
from .options import Options
from .writers import FORMATS

try:  # typer 0.2x carries its own copy of click
    from typer._click.core import Context
    from typer._click.exceptions import ClickException, UsageError
except ImportError:  # pragma: no cover - older typer over click
    from click import ClickException, Context, UsageError  # type: ignore[no-redef,assignment,import-not-found]

USAGE_ERROR = 64  # sysexits.h EX_USAGE


class _Commands(TyperGroup):
    """Every command's errors become one line and an exit code (console.fail), in one place."""

    def invoke(self, ctx: Context) -> object:
        try:
            return super().invoke(ctx)
        except (ClickException, typer.Exit, typer.Abort):  # usage errors, --help, exits: click's
            raise
        except (Exception, KeyboardInterrupt) as error:  # noqa: BLE001 - never a traceback
            raise typer.Exit(console.fail(error)) from None


app = typer.Typer(cls=_Commands, rich_markup_mode=None, no_args_is_help=True)

Format = Enum("Format", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]
Via = Enum("Via", {name: name for name in VIA_CHOICES}, type=str)  # type: ignore[misc]
Paragraphs = Enum("Paragraphs", {"auto": "auto", "post": "post"}, type=str)  # type: ignore[misc]


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"wants a date like 2024-03-08, not {value!r}") from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"thread2article {__version__}")
        raise typer.Exit()


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
Fragment = Annotated[bool, typer.Option("--fragment", help="HTML: emit only the <article> element.")]  # fmt: skip
ParagraphsOption = Annotated[Paragraphs, typer.Option("--paragraphs", help="auto: mend cut sentences and decide paragraph breaks; post: one paragraph per post.")]  # fmt: skip
Replies = Annotated[bool, typer.Option("--include-replies", help="Also take chains that start as a reply to another account.")]  # fmt: skip
Explain = Annotated[bool, typer.Option("--explain", help="Print every boundary between posts, its decision and the signals behind it (stderr).")]  # fmt: skip
DecisionsIn = Annotated[Path | None, typer.Option("--decisions", help="Apply a decisions file (written by --decisions-out, then edited): the writer's own join and paragraph choices.")]  # fmt: skip
DecisionsOut = Annotated[Path | None, typer.Option("--decisions-out", help="Write every boundary's decision to this YAML file, one line per boundary, to edit and pass back with --decisions.")]  # fmt: skip
ViaOption = Annotated[Via, typer.Option("--via", help="X posts: api (needs a token), fxtwitter or syndication (no key); auto picks.")]  # fmt: skip
Token = Annotated[str | None, typer.Option("--bearer-token", help="X API bearer token (default: $X_BEARER_TOKEN or $TWITTER_BEARER_TOKEN). Never printed or saved.")]  # fmt: skip
NoWait = Annotated[bool, typer.Option("--no-wait", help="Stop with a message on a rate limit instead of waiting for its reset.")]  # fmt: skip
MaxWait = Annotated[float, typer.Option("--max-wait", min=0, max=86400, metavar="SECONDS", help="Wait at most this long for a rate limit's reset; a later reset stops with a message saying when to run again.")]  # fmt: skip
DownloadMedia = Annotated[bool, typer.Option("--download-media", help="Save the thread's images next to the output (-o) and refer to the local files.")]  # fmt: skip
AsJson = Annotated[bool, typer.Option("--json", help="Print a JSON array instead of a table.")]
AtLeast = Annotated[int | None, typer.Option("--min-posts", min=1, help="Only threads with at least this many posts (default: threads of 2+ posts, or lone posts when there are none; archive: 2).")]  # fmt: skip
Since = Annotated[date | None, typer.Option("--since", parser=_day, metavar="DATE", help="Only threads started on or after this date (YYYY-MM-DD, UTC).")]  # fmt: skip
Until = Annotated[date | None, typer.Option("--until", parser=_day, metavar="DATE", help="Only threads started on or before this date (YYYY-MM-DD, UTC).")]  # fmt: skip
Search = Annotated[str | None, typer.Option("--search", help="Only threads whose text contains this (case-insensitive).")]  # fmt: skip
Sources = Annotated[list[str] | None, typer.Argument(metavar="[SOURCE]...", help="Files to open at once (saved JSON/JSONL, an X archive); more can be opened from the page.")]  # fmt: skip
Port = Annotated[int, typer.Option("--port", min=0, max=65535, help="Port on 127.0.0.1 (0: any free port).")]  # fmt: skip
OpenBrowser = Annotated[bool, typer.Option("--open", help="Open the page in your web browser.")]
Version = Annotated[bool, typer.Option("--version", help="Show the version and exit.", callback=_version, is_eager=True)]  # fmt: skip
MaxUpload = Annotated[int, typer.Option("--max-upload-mb", min=1, help="Largest file the page accepts, in MiB.")]  # fmt: skip


@app.callback()
def main(version: Version = False) -> None:
    """Turn a social-media thread into a clean article (Markdown, HTML or JSON)."""


@app.command()
def convert(
    ctx: typer.Context,
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
    max_wait: MaxWait = MAX_WAIT_SECONDS,
    download_media: DownloadMedia = False,
) -> None:
    """Convert one thread into an article.

    Example: thread2article convert thread.jsonl --format html -o thread.html
    """
    options = Options(
        title=title or "", paragraphs=paragraphs.value, front_matter=front_matter, fragment=fragment
    )
    written = library.write_article(
        source, format.value, options, output=output, force=force, thread=thread,
        decisions_file=decisions_file, decisions_out=decisions_out,
        download_media=download_media, selection=Selection(include_replies=include_replies),
        fetching=Fetching(via.value, bearer_token, no_wait, max_wait), client=ctx.obj,
        notify=console.note,
    )  # fmt: skip
    console.show_conversion(written, explain=explain)


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
        since=since,
        until=until,
        search=search,
    )
    summaries = library.list_threads(source, selection, notify=console.note)
    console.show_threads(summaries, as_json=as_json)


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
    with console.progress_bar("Writing articles") as (advance, learn_total):
        summary = library.export_archive(
            source, out, fmt=format.value, options=options, selection=selection, force=force,
            progress=advance, on_threads=learn_total,
        )  # fmt: skip
    console.export_summary(summary)


@app.command()
def fetch(
    ctx: typer.Context,
    url: Url,
    output: Saved,
    force: Force = False,
    via: ViaOption = Via("auto"),
    bearer_token: Token = None,
    no_wait: NoWait = False,
    max_wait: MaxWait = MAX_WAIT_SECONDS,
) -> None:
    """Fetch a thread and save the raw responses, so `convert FILE` works offline later.

    Example: thread2article fetch https://x.com/user/status/1501196583303573504 -o thread.jsonl
    """
    fetching = Fetching(via.value, bearer_token, no_wait, max_wait)
    fetched = library.save_thread(
        url, output, fetching, force=force, client=ctx.obj, notify=console.note
    )
    console.show_fetch(fetched, output)


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

    serve_page(
        port=port, open_browser=open_browser, max_upload=max_upload_mb * 1024**2,
        sources=sources or [], announce=console.note,
    )  # fmt: skip


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
        console.note(f"error: {error.format_message()} (see: {command} --help)")
        sys.exit(USAGE_ERROR)
    except typer.Abort:  # Ctrl-C while click was reading its arguments
        sys.exit(console.fail(KeyboardInterrupt()))
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    run()
