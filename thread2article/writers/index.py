"""The index page of an archive export: one line per article, with its date and post count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..model import iso_utc
from .html import DEFAULT_LANGUAGE, environment
from .markdown import escape_heading, escape_inline, escape_line_start, link_destination
from .text import human_date, one_line, short_date
from .urls import relative_path, web_url


@dataclass(frozen=True)
class IndexEntry:
    path: str  # where the article is, relative to the index
    title: str
    published: datetime | None
    post_count: int


def _href(path: str) -> str:
    return web_url(path) or relative_path(path)


def _posts(count: int) -> str:
    return f"{count} post" if count == 1 else f"{count} posts"


def _markdown_index(entries: list[IndexEntry], title: str) -> str:
    lines = [f"# {escape_heading(one_line(title) or 'Threads')}", ""]
    if not entries:
        lines.append("*No threads.*")
    for entry in entries:
        label = escape_inline(one_line(entry.title) or "Untitled")
        href = _href(entry.path)
        linked = f"[{label}]({link_destination(href)})" if href else label
        date = short_date(entry.published) or "undated"
        lines.append(f"- {escape_line_start(date)} · {linked} · {_posts(entry.post_count)}")
    return "\n".join(lines) + "\n"


def _html_index(entries: list[IndexEntry], title: str) -> str:
    rows = [
        {
            "href": _href(entry.path),
            "title": one_line(entry.title) or "Untitled",
            "iso": iso_utc(entry.published),
            "date": human_date(entry.published),
            "post_count": entry.post_count,
        }
        for entry in entries
    ]
    return (
        environment()
        .get_template("index.html.j2")
        .render(title=one_line(title) or "Threads", entries=rows, language=DEFAULT_LANGUAGE)
    )


def render_index(entries: list[IndexEntry], fmt: str, title: str = "Threads") -> str:
    """The index in `fmt` ("markdown" or "html"); entries appear in the order given."""
    if fmt == "markdown":
        return _markdown_index(entries, title)
    if fmt == "html":
        return _html_index(entries, title)
    raise ValueError(f"unknown index format {fmt!r} (expected markdown or html)")
