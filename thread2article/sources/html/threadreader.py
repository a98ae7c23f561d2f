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
from .page import (
    Found,
    PageIndex,
    attr,
    author_of,
    has_classes,
    make_post,
    own_tags,
    post_kind,
    replying,
    status_of,
    status_url,
)

KIND = "Thread Reader App unrolls (div.content-tweet, or posts between sup.tw-permalink and <hr>)"

_MEDIA_BOXES = ("entity-image", "entity-video-gif", "entity-video", "entity-embed")


def _is_media_box(tag: Tag) -> bool:
    classes = attr(tag, "class").split()
    return any(name in classes for name in _MEDIA_BOXES)


def _not_text(tag: Tag) -> bool:
    """A media box, or a post nested in this one by unclosed markup (read on its own)."""
    return _is_media_box(tag) or post_kind(tag) == "unroll"


def _posts(soup: BeautifulSoup, index: PageIndex) -> list[Tag]:
    if index.unroll_posts:
        return index.unroll_posts
    separators = index.unroll_permalinks
    if not separators:
        return []
    container = separators[0].parent
    if container is None or not any(_hr_follows(sup) for sup in separators):
        # The unroll's shape is a permalink icon then a rule; a lone icon is not a post.
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


def _hr_follows(separator: Tag) -> bool:
    following = separator.find_next_sibling()
    return following is not None and following.name == "hr"


def _origin(soup: BeautifulSoup, posts: list[Tag], taken: set[str]) -> tuple[str, str] | None:
    """(handle, root id) from a status link outside the posts, which is no post of the page's
    other kinds (an embed's date link is that embed's, not the unroll's source)."""
    inside = {id(tag) for post in posts for tag in own_tags(post) if tag.name == "a"}
    for link in soup.find_all("a", href=True):
        if id(link) in inside:
            continue
        status = status_of(attr(link, "href"))
        if status and status[1] not in taken:
            return status
    return None


def _media(own: list[Tag]) -> tuple[Media, ...]:
    media = []
    for box in own:
        if not _is_media_box(box):
            continue
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


def find(
    soup: BeautifulSoup, index: PageIndex, warnings: list[str], stem: str, taken: set[str]
) -> list[Found]:
    """`taken`: ids the page's other kinds already read."""
    posts = _posts(soup, index)
    if not posts:
        return []
    origin = _origin(soup, posts, taken)
    handle, root_id = origin if origin else ("", "")
    if not handle:
        warnings.append("the unroll does not name its author or its posts' ids")
    author = author_of(handle)
    key = root_id or stem or "threadreader"
    found: list[Found] = []
    parent = None
    for number, post in enumerate(posts, start=1):
        own = own_tags(post)
        for link in own:
            # Thread Reader hides a link it shows as a preview card; the post still says it.
            if (
                link.name == "a"
                and has_classes(link, "entity-url")
                and "display" in attr(link, "style")
            ):
                del link["style"]
        post_id = attr(post, "data-tweet").strip()
        if not post_id.isdigit():
            post_id = root_id if number == 1 and root_id else f"{key}-{number}"
        read = node_text(post, skip=_not_text, base_url="https://threadreaderapp.com/")
        made = make_post(
            post_id=post_id,
            author=author,
            text=read.text,
            media=_media(own),
            url=status_url(handle, post_id) if post_id.isdigit() and handle else "",
        )
        if parent is not None:
            made = replying(made, parent)
        found.append(Found(post=made, structured=True, unexpanded=read.unexpanded))
        parent = made
    return found
