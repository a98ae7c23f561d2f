"""Every argument and option of the command line, declared once, a line each (the commands in
cli/__init__.py share most of them), with the help text `--help` shows."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .. import __version__
from ..fetch import VIA_CHOICES
from ..writers import FORMATS

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
