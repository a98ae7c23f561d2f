"""Writers: an `Article` rendered as Markdown, HTML or the JSON document.

`WRITERS` is the registry: a new output format is one module and one line here, a `Writer` with
its name (the `--format` value), its `render(article, options) -> str` and the file extension
`archive` gives its articles.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ..errors import UnknownFormatError
from ..model import Article
from ..options import Options
from .html import render_html
from .json import render_json
from .markdown import render_markdown


class Writer(NamedTuple):
    name: str
    render: Callable[[Article, Options], str]
    extension: str


WRITERS: list[Writer] = [
    Writer("markdown", render_markdown, "md"),
    Writer("html", render_html, "html"),
    Writer("json", render_json, "json"),
]

FORMATS = tuple(writer.name for writer in WRITERS)


def writer_for(fmt: str) -> Writer:
    """The writer named `fmt`; UnknownFormatError names the choices otherwise."""
    for writer in WRITERS:
        if writer.name == fmt:
            return writer
    raise UnknownFormatError(
        f"unknown output format {fmt!r} (expected one of: {', '.join(FORMATS)})"
    )


def render(article: Article, fmt: str, options: Options | None = None) -> str:
    """The article as text in `fmt`, one of FORMATS."""
    return writer_for(fmt).render(article, options or Options())


__all__ = [
    "FORMATS",
    "WRITERS",
    "Writer",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
    "writer_for",
]
