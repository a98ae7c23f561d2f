"""What the command line shows beside the articles: the threads table and the export's progress.

Presentation only, for a terminal: every text that comes from a post goes through `printable`.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from .model import iso_utc
from .terminal import printable, printable_json
from .threads import ThreadSummary


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

    No auto-refresh: its thread would be running when the export forks its workers (a forked
    child inherits any lock that thread holds); the bar is redrawn as it advances instead."""
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
