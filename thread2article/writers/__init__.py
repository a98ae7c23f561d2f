"""Writers: an `Article` rendered as Markdown, HTML or the JSON document."""

from __future__ import annotations

from ..model import Article
from ..options import Options
from .html import render_html
from .json import render_json
from .markdown import render_markdown

FORMATS = ("markdown", "html", "json")


def render(article: Article, fmt: str, options: Options | None = None) -> str:
    """The article as text in `fmt`, one of FORMATS."""
    options = options or Options()
    if fmt == "markdown":
        return render_markdown(article, options)
    if fmt == "html":
        return render_html(article, options)
    if fmt == "json":
        return render_json(article, options)
    raise ValueError(f"unknown output format {fmt!r} (expected one of: {', '.join(FORMATS)})")


__all__ = ["FORMATS", "render", "render_html", "render_json", "render_markdown"]
