"""The whole library run on one source, the way a user's command runs it: read, find the threads,
reassemble each, render it in every format. A hostile input may stop it only with one of the
project's own errors (`ThreadToArticleError`)."""

from __future__ import annotations

from typing import Any

from thread2article.errors import ThreadToArticleError
from thread2article.options import Options
from thread2article.reassemble import reassemble
from thread2article.sources import SourcePosts
from thread2article.sources.detect import load, read_values
from thread2article.threads import find_threads
from thread2article.writers import render

FORMATS = ("markdown", "html", "json")


def through_writers(source: SourcePosts) -> int:
    """Reassemble and render every thread of `source`; returns how many were rendered."""
    rendered = 0
    if source.article is not None:
        for fmt in FORMATS:
            render(source.article, fmt, Options(front_matter=True))
        return 1
    for thread in find_threads(source, include_replies=True, min_posts=1):
        article = reassemble(thread, Options())
        for fmt in FORMATS:
            render(article, fmt, Options(front_matter=True)).encode("utf-8")
        rendered += 1
    return rendered


def run_source(source: Any) -> str:
    """`source` (a path or bytes) through the library: "ok" or "refused" (a project error)."""
    try:
        through_writers(load(source))
    except ThreadToArticleError:
        return "refused"
    return "ok"


def run_values(values: list[Any], name: str = "values") -> str:
    """Parsed JSON values (a library caller's, or a fetch's) through the library."""
    try:
        through_writers(read_values(values, name))
    except ThreadToArticleError:
        return "refused"
    return "ok"
