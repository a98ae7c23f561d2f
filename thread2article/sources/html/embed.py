"""Embed code: `<blockquote class="twitter-tweet">` from publish.twitter.com, pasted into a CMS
post or a Markdown page.

Markup (site-stitcher's blog, 2020-2021): `<p lang dir>` holds the text, then
`&mdash; Name (@handle) <a href=".../status/ID?ref_src=…">March 14, 2021</a>`; the name may be
missing (`&mdash; @handle`), the block may be re-indented by hand, the `<script>` may be gone.
The page says nothing of replies: posts are linked into threads by `grouping`.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bs4.element import NavigableString, Tag

from ..htmltext import HtmlLink, node_text, visible_text
from .page import (
    Found,
    PageIndex,
    attr,
    author_of,
    inside,
    make_post,
    nested_post_of,
    own_tags,
    status_of,
    status_url,
)

KIND = "embed code (blockquote.twitter-tweet)"

_ATTRIBUTION = re.compile(r"[—–-]+\s*(?P<name>.*?)\s*\(?@(?P<handle>[A-Za-z0-9_]{1,15})\)?\s*$")
_MEDIA_DISPLAY = re.compile(r"^pic\.(?:twitter|x)\.com/\w+$", re.IGNORECASE)


def _media_link_text(link: HtmlLink) -> str:
    # The photo of an embedded post is not in the embed code, only its t.co link shown as
    # "pic.twitter.com/…": that display is the whole address of the photo page, so it is given
    # instead of the opaque t.co.
    if link.unexpanded and _MEDIA_DISPLAY.match(link.shown):
        return f"https://{link.shown}"
    return link.text


_NESTED = nested_post_of("embed")


def find(index: PageIndex, warnings: list[str]) -> list[Found]:
    found = []
    for quote in index.embeds:
        own = own_tags(quote)
        status = None
        status_link = None
        for anchor in reversed([tag for tag in own if tag.name == "a" and tag.has_attr("href")]):
            status = status_of(attr(anchor, "href"))
            if status:
                status_link = anchor
                break
        if status is None or status_link is None:
            warnings.append("an embedded post has no status link; it was left out")
            continue
        handle, post_id = status
        paragraph = next((tag for tag in own if tag.name == "p"), None)
        if paragraph is None:
            continue
        read = node_text(paragraph, link_text=_media_link_text, skip=_NESTED)
        name = ""
        attribution = _attribution_text(quote, paragraph, status_link)
        match = _ATTRIBUTION.search(attribution)
        if match:
            name = match.group("name").strip()
            handle = match.group("handle") or handle
        post = make_post(
            post_id=post_id,
            author=author_of(handle, name),
            text=read.text,
            shown_time=_day(visible_text(status_link)),
            url=status_url(handle, post_id),
        )
        found.append(Found(post=post, unexpanded=read.unexpanded))
    return found


def _attribution_text(quote: Tag, paragraph: Tag, status_link: Tag) -> str:
    """The text between the post's <p> and its date link: "— Name (@handle)"."""
    pieces = []
    for node in paragraph.next_siblings:
        if node is status_link:
            break
        if isinstance(node, NavigableString):
            pieces.append(str(node))
        elif isinstance(node, Tag):
            if inside(status_link, node):
                break
            pieces.append(visible_text(node, skip=_NESTED))
    return " ".join(" ".join(pieces).split())


def _day(text: str) -> datetime | None:
    """The embed's date ("March 14, 2021"), day-only and English: used only for the rare id
    that is not a snowflake."""
    try:
        return datetime.strptime(text.strip(), "%B %d, %Y").replace(tzinfo=UTC)
    except ValueError:
        return None
