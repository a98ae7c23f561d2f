"""Thread Reader App unrolls (threadreaderapp.com), as saved or pasted into a blog.

An unroll is one thread, its posts in order: `div.content-tweet` (with `data-tweet` ids where
the markup has them), links as `a.entity-url` whose `href` is the expanded URL, mentions as
`a.entity-mention`, photos in `.entity-image`, GIFs and videos in `.entity-video-gif`. Where the
wrappers are gone (weizman's blog, 2023 markup) a post ends at its permalink icon
(`sup.tw-permalink`) and the posts are separated by `<hr>`. The author and the ids are rarely in
the markup: a status link outside the posts (the unroll's "originally posted" link) names the
author and the first post; other posts get ids made from it.
"""

from __future__ import annotations

from copy import copy

from bs4 import BeautifulSoup
from bs4.element import Tag

from ...model import Media
from ..htmltext import node_text
from .page import Found, attr, author_of, make_post, replying, status_of, status_url

KIND = "Thread Reader App unrolls (div.content-tweet, or posts between sup.tw-permalink and <hr>)"

_MEDIA_BOXES = ("entity-image", "entity-video-gif", "entity-video", "entity-embed")


def _is_media_box(tag: Tag) -> bool:
    classes = attr(tag, "class").split()
    return any(name in classes for name in _MEDIA_BOXES)


def _posts(soup: BeautifulSoup) -> list[Tag]:
    boxes = soup.select("div.content-tweet")
    if boxes:
        return boxes
    separators = soup.select("sup.tw-permalink")
    if not separators:
        return []
    container = separators[0].parent
    if container is None:
        return []
    # Without wrappers: the container's children between <hr>s, each ending at its permalink.
    posts = []
    current = soup.new_tag("div")
    for child in list(container.children):
        if isinstance(child, Tag) and child.name == "hr":
            posts.append(current)
            current = soup.new_tag("div")
            continue
        if isinstance(child, Tag) and "tw-permalink" in attr(child, "class").split():
            continue
        current.append(copy(child))
    posts.append(current)
    return [post for post in posts if post.get_text(strip=True) or post.find("img")]


def _origin(soup: BeautifulSoup, posts: list[Tag]) -> tuple[str, str] | None:
    """(handle, root id) from a status link outside the posts."""
    inside = {id(tag) for post in posts for tag in post.find_all("a")}
    for link in soup.find_all("a", href=True):
        if id(link) in inside:
            continue
        status = status_of(attr(link, "href"))
        if status:
            return status
    return None


def _media(post: Tag, post_id: str, warnings: list[str]) -> tuple[Media, ...]:
    media = []
    for box in post.find_all(_is_media_box):
        for video in box.find_all("video"):
            source = video.find("source")
            src = attr(source, "src") or attr(video, "src")
            if src.startswith("http"):
                kind = "animated_gif" if "tweet_video" in src else "video"
                media.append(Media(kind=kind, url=src, poster=attr(video, "poster")))
        if box.find("video") is not None:
            continue
        for image in box.find_all("img"):
            # Lazy loading leaves a 1px placeholder in src and the photo in data-src.
            src = attr(image, "data-src") or attr(image, "src")
            if src.startswith("http"):
                media.append(Media(kind="photo", url=src, alt=attr(image, "alt")))
    return tuple(media)


def find(soup: BeautifulSoup, warnings: list[str], stem: str) -> list[Found]:
    posts = _posts(soup)
    if not posts:
        return []
    origin = _origin(soup, posts)
    handle, root_id = origin if origin else ("", "")
    if not handle:
        warnings.append("the unroll does not name its author or its posts' ids")
    author = author_of(handle)
    key = root_id or stem or "threadreader"
    found: list[Found] = []
    parent = None
    for number, post in enumerate(posts, start=1):
        for link in post.select("a.entity-url"):
            # Thread Reader hides a link it shows as a preview card; the post still says it.
            if "display" in attr(link, "style"):
                del link["style"]
        post_id = attr(post, "data-tweet").strip()
        if not post_id.isdigit():
            post_id = root_id if number == 1 and root_id else f"{key}-{number}"
        read = node_text(post, skip=_is_media_box, base_url="https://threadreaderapp.com/")
        made = make_post(
            post_id=post_id,
            author=author,
            text=read.text,
            media=_media(post, post_id, warnings),
            url=status_url(handle, post_id) if post_id.isdigit() and handle else "",
        )
        if parent is not None:
            made = replying(made, parent)
        found.append(Found(post=made, structured=True, unexpanded=read.unexpanded))
        parent = made
    return found
