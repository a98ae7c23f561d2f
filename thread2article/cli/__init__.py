"""The command line: each command parses its options, makes one library call (library.py) and
prints (console.py). Errors become one line and an exit code (console.fail; a usage error: 64).
The context object, when a caller sets it (`CliRunner().invoke(app, args, obj=client)`), is the
`httpx.Client` every fetch goes through, as `client=` is for library callers."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import typer
from typer.core import TyperGroup

from .. import console, library
from ..fetch import MAX_WAIT_SECONDS
from ..library import Fetching, Selection
from ..options import Options
from . import options as opt  # every argument and option, declared once

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


@app.callback()
def main(version: opt.Version = False) -> None:
    """Turn a social-media thread into a clean article (Markdown, HTML or JSON)."""


@app.command()
def convert(
    ctx: typer.Context,
    source: opt.LiveSource,
    thread: opt.ThreadId = None,
    format: opt.FormatOption = opt.Format("markdown"),
    output: opt.Output = None,
    force: opt.Force = False,
    title: opt.Title = None,
    front_matter: opt.FrontMatter = False,
    fragment: opt.Fragment = False,
    paragraphs: opt.ParagraphsOption = opt.Paragraphs("auto"),
    include_replies: opt.Replies = False,
    explain: opt.Explain = False,
    decisions_file: opt.DecisionsIn = None,
    decisions_out: opt.DecisionsOut = None,
    via: opt.ViaOption = opt.Via("auto"),
    bearer_token: opt.Token = None,
    no_wait: opt.NoWait = False,
    max_wait: opt.MaxWait = MAX_WAIT_SECONDS,
    download_media: opt.DownloadMedia = False,
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
    source: opt.Source,
    as_json: opt.AsJson = False,
    min_posts: opt.AtLeast = None,
    since: opt.Since = None,
    until: opt.Until = None,
    search: opt.Search = None,
    include_replies: opt.Replies = False,
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
    source: opt.ManySource,
    out: opt.Out,
    format: opt.FormatOption = opt.Format("markdown"),
    min_posts: opt.AtLeast = 2,
    front_matter: opt.FrontMatter = False,
    include_replies: opt.Replies = False,
    paragraphs: opt.ParagraphsOption = opt.Paragraphs("auto"),
    force: opt.Force = False,
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
    url: opt.Url,
    output: opt.Saved,
    force: opt.Force = False,
    via: opt.ViaOption = opt.Via("auto"),
    bearer_token: opt.Token = None,
    no_wait: opt.NoWait = False,
    max_wait: opt.MaxWait = MAX_WAIT_SECONDS,
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
    sources: opt.Sources = None,
    port: opt.Port = 8765,
    open_browser: opt.OpenBrowser = False,
    max_upload_mb: opt.MaxUpload = 256,
) -> None:
    """Review a thread in your browser: every boundary's decision, changed with a click; take the
    article away with the decisions file that reproduces it.

    Example: thread2article serve --open
    """
    from ..serve import serve as serve_page  # the web server's dependencies load only for it

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
