"""Nitter pages (the alternative front end for X), status pages and timelines.

Each post is a `.timeline-item` with `a.fullname[title]`, `a.username`, `.tweet-date a` (the
status link, its `title` the local time), `.tweet-content` (raw newlines are line breaks),
`.attachments` images (`.still-image`), a `.quote` with `a.quote-link` and `.quote-text`.
A status page carries the conversation in `.main-thread`: `.before-tweet` (the chain above),
`.main-tweet`, `.after-tweet` (the author's continuation), then `.replies` with one `.reply`
chain each, answering the main post. That structure decides the replies; posts elsewhere (a
timeline) are linked by `grouping`.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import unquote, urljoin

from bs4 import BeautifulSoup
from bs4.element import Tag

from ...model import Author, Media, QuotedPost
from ..htmltext import node_text, visible_text
from .page import (
    Found,
    PageIndex,
    ReplyChains,
    attr,
    author_of,
    has_classes,
    inside,
    make_post,
    nested_post_of,
    own_tags,
    status_of,
    status_url,
)

KIND = "Nitter pages (.timeline-item)"


def _base(soup: BeautifulSoup) -> str:
    """The instance's address, for relative links (older instances wrote absolute ones)."""
    for selector in ('link[rel="canonical"]', 'meta[property="og:url"]'):
        tag = soup.select_one(selector)
        value = attr(tag, "href") or attr(tag, "content")
        if value.startswith("http"):
            return value
    return "https://nitter.net/"


def find(soup: BeautifulSoup, index: PageIndex, warnings: list[str]) -> list[Found]:
    every = index.nitter_items
    if not every:
        return []
    base = _base(soup)
    chains = ReplyChains({id(item): _read(item, base) for item in every})
    chain = chains.chain
    parts: dict[str, list[Tag]] = {"before": [], "main": [], "after": []}
    replies: dict[int, list[Tag]] = {}
    for item in every:
        place = index.nitter_place.get(id(item))
        if place is None:
            continue
        if place[0] == "reply":
            replies.setdefault(id(place[1]), []).append(item)
        else:
            parts[place[0]].append(item)
    main = chain(parts["main"][:1], chain(parts["before"], None))
    if main is not None:
        chain(parts["after"], main)
        # Each `.reply` is a chain answering the main post.
        for items in replies.values():
            chain(items, main)
    return chains.found(every)


_NESTED = nested_post_of("nitter")


def _first(own: list[Tag], *classes: str, name: str = "", outside: Tag | None = None) -> Tag | None:
    for tag in own:
        if (not name or tag.name == name) and has_classes(tag, *classes):
            if outside is None or not (tag is outside or inside(tag, outside)):
                return tag
    return None


def _status(own: list[Tag], quote: Tag | None) -> tuple[str, str] | None:
    date = _first(own, "tweet-date", outside=quote)
    links = [date.find("a")] if date is not None else []
    links.append(_first(own, "tweet-link", name="a", outside=quote))
    for link in links:
        status = status_of(attr(link, "href")) if link is not None else None
        if status:
            return status
    return None


def _read(item: Tag, base: str) -> Found | None:
    own = own_tags(item)
    quote_box = _first(own, "quote")
    content = _first(own, "tweet-content", outside=quote_box)
    if content is None:
        return None  # a "show more" or "more replies" line
    status = _status(own, quote_box)
    if status is None:
        return None
    link_handle, post_id = status
    username = _first(own, "username", name="a", outside=quote_box)
    fullname = _first(own, "fullname", name="a", outside=quote_box)
    handle = (attr(username, "title") or (visible_text(username) if username else "")).lstrip("@")
    name = attr(fullname, "title") or (visible_text(fullname) if fullname else "")
    read = node_text(content, whitespace="pre-line", base_url=base, skip=_NESTED)
    post = make_post(
        post_id=post_id,
        author=author_of(handle or link_handle, name),
        text=read.text,
        media=_media(own, quote_box, base),
        quote=_quote(item, quote_box, base),
        url=status_url(handle or link_handle, post_id),
    )
    if _first(own, "retweet-header", outside=quote_box) is not None:
        post = replace(post, is_repost=True)
    return Found(post=post, unexpanded=read.unexpanded)


def twimg_url(url: str) -> str:
    """Nitter proxies X's images under `/pic/`: the original address, where it can be told."""
    path = url.split("/pic/", 1)[1] if "/pic/" in url else ""
    if not path:
        return url
    path = unquote(path)
    if path.startswith("http"):
        return path
    if path.startswith("orig/"):
        path = path[len("orig/") :]
    if path.startswith(
        ("media/", "tweet_video_thumb/", "ext_tw_video_thumb/", "amplify_video_thumb/")
    ):
        return "https://pbs.twimg.com/" + path.split("?")[0]
    return url


def _media(own: list[Tag], quote_box: Tag | None, base: str) -> tuple[Media, ...]:
    media = []
    for still in own:
        if still.name != "a" or not has_classes(still, "still-image"):
            continue
        if quote_box is not None and inside(still, quote_box):
            continue
        image = still.find("img")
        url = twimg_url(urljoin(base, attr(still, "href") or attr(image, "src")))
        media.append(Media(kind="photo", url=url, alt=attr(image, "alt")))
    return tuple(media)


def _quote(item: Tag, box: Tag | None, base: str) -> QuotedPost | None:
    if box is None:
        return None
    parts = own_tags(item, within=box)
    link = _first(parts, "quote-link", name="a")
    status = status_of(attr(link, "href")) if link is not None else None
    username = _first(parts, "username", name="a")
    fullname = _first(parts, "fullname", name="a")
    handle = (attr(username, "title") or (status[0] if status else "")).lstrip("@")
    text = _first(parts, "quote-text")
    quoted_id = status[1] if status else ""
    return QuotedPost(
        id=quoted_id,
        url=status_url(handle, quoted_id) if quoted_id else "",
        author=Author(id="", handle=handle, name=attr(fullname, "title")) if handle else None,
        text=node_text(text, whitespace="pre-line", base_url=base, skip=_NESTED).text
        if text
        else "",
    )
