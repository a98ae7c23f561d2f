"""What the command line shows: messages and errors on stderr, the article on stdout, the
threads table, `--explain`'s boundaries, the export's progress and summary.

Presentation only, for a terminal: every text that comes from a post goes through `printable`.
Exit codes (README, "Errors"): each error family's own (errors.py: 2 unreadable input, 3 no such
thread, 4 output not writable, 5 fetch failed); 64 a usage error (cli/); 70 an internal
error; 130 interrupted.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from .errors import ThreadToArticleError
from .export import ExportSummary
from .fetch import FetchResult
from .library import Written
from .model import Article, iso_utc
from .terminal import printable, printable_json
from .threads import ThreadSummary

INTERNAL_ERROR = 70  # sysexits.h EX_SOFTWARE
INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def note(line: str) -> None:
    """One line on stderr, said by the program."""
    print(printable(f"thread2article: {line}"), file=sys.stderr, flush=True)


def warn(lines: Iterable[str]) -> None:
    for line in lines:
        note(f"warning: {line}")


def fail(error: BaseException) -> int:
    """Say what went wrong in one line, never a traceback; the exit code it deserves."""
    if isinstance(error, ThreadToArticleError):
        message, code = str(error), error.exit_code
    elif isinstance(error, KeyboardInterrupt | EOFError):
        message, code = "interrupted", INTERRUPTED
    else:
        message = f"internal error ({type(error).__name__}: {error}); please report it with the input that caused it"
        code = INTERNAL_ERROR
    note(f"error: {message}")
    return code


def show_article(text: str) -> None:
    """The article on standard output; on a terminal, with control characters made visible."""
    sys.stdout.write(printable(text) if sys.stdout.isatty() else text)
    sys.stdout.flush()


def show_conversion(written: Written, *, explain: bool = False) -> None:
    """The end of `convert`: its warnings, the boundaries (`--explain`), what was written, and
    the article itself when it goes to standard output."""
    warn(written.article.warnings)
    if explain:
        show_boundaries(written.article)
    for path in written.files:
        print(printable(f"Wrote {path}"), file=sys.stderr)
    if written.text is not None:
        show_article(written.text)


def show_fetch(fetched: FetchResult, output: object) -> None:
    warn(fetched.warnings)
    responses = count(len(fetched.responses), "response")
    print(printable(f"Wrote {output} ({responses})"), file=sys.stderr)


def show_threads(summaries: list[ThreadSummary], *, as_json: bool = False) -> None:
    print(threads_json(summaries) if as_json else threads_table(summaries))


def show_boundaries(article: Article) -> None:
    """`--explain`: every boundary between posts, its decision, rule and signals (stderr)."""
    if not article.boundaries:
        print("explain: the thread has a single post; no boundaries to decide", file=sys.stderr)
    for number, boundary in enumerate(article.boundaries, start=1):
        signals = ", ".join(boundary.signals) or "none"
        later = boundary.seconds_apart
        # Time is evidence (a post much later is a new statement): shown at every boundary.
        posted = (
            " [posted: time unknown]" if later is None else f" [posted {_duration(later)} later]"
        )
        line = (
            f"explain: {number}. {boundary.before_id} -> {boundary.after_id}: {boundary.decision} "
            f"[rule: {boundary.rule}] [signals: {signals}]{posted} {boundary.excerpt}"
        )
        print(printable(line), file=sys.stderr)


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 2 * 3600:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def export_summary(summary: ExportSummary) -> None:
    """The end of `archive`: its warnings, the threads skipped and why, what was written."""
    warn(summary.warnings)
    for root_id, reason in summary.skipped:
        note(f"skipped thread {root_id}: {reason}")
    print(
        f"Wrote {count(summary.articles, 'article')}, {count(summary.media_copied, 'media file')}, "
        f"{len(summary.skipped)} skipped, {count(len(summary.warnings), 'warning')}; index: {summary.index}",
        file=sys.stderr,
    )


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def threads_json(summaries: list[ThreadSummary]) -> str:
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
    return printable_json(json.dumps(listing, ensure_ascii=False, indent=2))


def threads_table(summaries: list[ThreadSummary]) -> str:
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
    lines.append(count(len(summaries), "thread"))
    return "\n".join(lines)


@contextmanager
def progress_bar(
    description: str,
) -> Iterator[tuple[Callable[[int], None], Callable[[int], None]]]:
    """(advance(count), learn_total(total)) for a bar on stderr, drawn only on a terminal.

    No auto-refresh thread: the bar is redrawn as it advances instead, at most ten times a
    second."""
    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(
        *columns,
        TimeRemainingColumn(),
        console=console,
        transient=True,
        auto_refresh=False,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task(description, total=None)
        drawn = [0.0]

        def advance(number: int) -> None:
            bar.advance(task, number)
            if time.monotonic() - drawn[0] >= 0.1:  # ten frames a second, as auto-refresh does
                bar.refresh()
                drawn[0] = time.monotonic()

        def learn_total(total: int) -> None:
            bar.update(task, total=total)
            bar.refresh()

        yield advance, learn_total
