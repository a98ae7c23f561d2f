"""HTML writer: a standalone, readable HTML5 page (or just its `<article>`) from a Jinja2 template.

The template autoescapes everything. Python never builds HTML: it cuts text into plain pieces and
http(s) URLs, and the template escapes each piece and wraps URLs in `<a>`. The page carries a
Content-Security-Policy that forbids scripts, a second line of defence if escaping ever failed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from ..model import (
    Article,
    Block,
    GapNote,
    Image,
    ListBlock,
    Note,
    Paragraph,
    Quote,
    Video,
)
from ..options import Options
from .text import NOTE_LABELS, gap_text, header_of, one_line, split_paragraphs
from .urls import LinkedWords, linked_words, media_url, split_links, web_url

TEMPLATES = Path(__file__).parent / "templates"
# The article carries no language yet; "und" is BCP 47 for "undetermined".
DEFAULT_LANGUAGE = "und"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


@dataclass(frozen=True)
class Piece:
    """A run of text; `href` is set when the run is an http(s) URL, or a mention or hashtag
    the article anchors, to link."""

    text: str
    href: str = ""


Line = list[Piece]


def _pieces(line: str, words: LinkedWords | None = None) -> Line:
    return [Piece(piece, href) for piece, href in split_links(line, words)]


def _paragraphs(text: str, words: LinkedWords | None = None) -> list[list[Line]]:
    return [[_pieces(line, words) for line in lines] for lines in split_paragraphs(text)]


def _block_view(
    block: Block, options: Options, words: LinkedWords | None = None
) -> dict[str, Any] | None:
    """What the template needs to draw one block, or None when there is nothing to show.
    `words`: the article's mentions and hashtags, linked in its own prose (not in quotes)."""
    if isinstance(block, Paragraph):
        paragraphs = _paragraphs(block.text, words)
        return {"kind": "paragraph", "paragraphs": paragraphs} if paragraphs else None
    if isinstance(block, ListBlock):
        items = [
            [_pieces(line, words) for lines in split_paragraphs(item) for line in lines]
            for item in block.items
        ]
        if not items:
            return None
        return {"kind": "list", "ordered": block.ordered, "start": block.start, "list_items": items}
    if isinstance(block, Image):
        alt = one_line(block.alt)
        src = media_url(block.src)
        if not src and not alt:
            return None
        return {"kind": "image", "src": src, "alt": alt}
    if isinstance(block, Video):
        alt = one_line(block.alt)
        src = media_url(block.src)
        poster = media_url(block.poster)
        if not src and not poster and not alt:
            return None
        return {"kind": "video", "src": src, "poster": poster, "alt": alt}
    if isinstance(block, Quote):
        href = web_url(block.url)
        return {
            "kind": "quote",
            "paragraphs": _paragraphs(block.text),
            "author": one_line(block.author),
            "href": href,
        }
    if isinstance(block, GapNote):
        return {"kind": "gap", "text": gap_text(block)}
    if isinstance(block, Note):
        text = one_line(block.text)
        label = NOTE_LABELS.get(block.kind, "Note")
        return {"kind": "note", "label": label, "text": text} if text else None
    raise TypeError(f"no HTML for block type {type(block).__name__}")


def article_view(article: Article, options: Options) -> dict[str, Any]:
    words = linked_words(article.anchors)
    views = (_block_view(block, options, words) for block in article.blocks)
    blocks = [view for view in views if view]
    return {"header": header_of(article), "blocks": blocks}


def render_html(article: Article, options: Options) -> str:
    view = article_view(article, options)
    if options.fragment:
        return environment().get_template("_article.html.j2").render(article=view)
    return (
        environment()
        .get_template("article.html.j2")
        .render(article=view, language=DEFAULT_LANGUAGE)
    )
