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

from ...model import Author, Media, Post, QuotedPost
from ..htmltext import node_text, visible_text
from .page import Found, attr, author_of, make_post, replying, status_of, status_url

KIND = "Nitter pages (.timeline-item)"


def _items(container: Tag | None) -> list[Tag]:
    if container is None:
        return []
    return [
        item
        for item in container.select(".timeline-item")
        if item.select_one(".tweet-content") is not None
        and item.find_parent(class_="quote") is None
    ]


def _base(soup: BeautifulSoup) -> str:
    """The instance's address, for relative links (older instances wrote absolute ones)."""
    for selector in ('link[rel="canonical"]', 'meta[property="og:url"]'):
        tag = soup.select_one(selector)
        value = attr(tag, "href") or attr(tag, "content")
        if value.startswith("http"):
            return value
    return "https://nitter.net/"


def find(soup: BeautifulSoup, warnings: list[str]) -> list[Found]:
    every = _items(soup)
    if not every:
        return []
    base = _base(soup)
    reads = {id(item): _read(item, base) for item in every}
    linked: dict[int, Post] = {}

    def chain(items: list[Tag], parent: Post | None) -> Post | None:
        for item in items:
            found = reads.get(id(item))
            if found is None:
                continue
            linked[id(item)] = replying(found.post, parent) if parent is not None else found.post
            parent = found.post
        return parent

    thread = soup.select_one(".main-thread")
    if thread is not None:
        main = chain(
            _items(thread.select_one(".main-tweet")),
            chain(_items(thread.select_one(".before-tweet")), None),
        )
        if main is not None:
            chain(_items(thread.select_one(".after-tweet")), main)
            replies = soup.select_one(".replies")
            for reply in replies.select(".reply") if replies is not None else []:
                chain(_items(reply), main)
    found = []
    for item in every:
        read = reads.get(id(item))
        if read is None:
            warnings.append("a Nitter post has no status link; it was left out")
            continue
        if id(item) in linked:
            found.append(Found(post=linked[id(item)], structured=True, unexpanded=read.unexpanded))
        else:
            found.append(read)
    return found


def _status(item: Tag) -> tuple[str, str] | None:
    for selector in (".tweet-date a", "a.tweet-link"):
        link = item.select_one(selector)
        status = status_of(attr(link, "href")) if link is not None else None
        if status:
            return status
    return None


def _read(item: Tag, base: str) -> Found | None:
    status = _status(item)
    if status is None:
        return None
    link_handle, post_id = status
    username = item.select_one("a.username")
    fullname = item.select_one("a.fullname")
    handle = (attr(username, "title") or (visible_text(username) if username else "")).lstrip("@")
    name = attr(fullname, "title") or (visible_text(fullname) if fullname else "")
    content = item.select_one(".tweet-content")
    read = node_text(content, whitespace="pre-line", base_url=base) if content else None
    post = make_post(
        post_id=post_id,
        author=author_of(handle or link_handle, name),
        text=read.text if read else "",
        media=_media(item, base),
        quote=_quote(item.select_one(".quote"), base),
        url=status_url(handle or link_handle, post_id),
    )
    retweet = item.select_one(".retweet-header")
    if retweet is not None:
        post = replace(post, is_repost=True)
    return Found(post=post, unexpanded=read.unexpanded if read else ())


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


def _media(item: Tag, base: str) -> tuple[Media, ...]:
    media = []
    for attachment in item.select(".attachments"):
        if attachment.find_parent(class_="quote") is not None:
            continue
        for still in attachment.select("a.still-image"):
            image = still.find("img")
            url = twimg_url(urljoin(base, attr(still, "href") or attr(image, "src")))
            media.append(Media(kind="photo", url=url, alt=attr(image, "alt")))
    return tuple(media)


def _quote(box: Tag | None, base: str) -> QuotedPost | None:
    if box is None:
        return None
    link = box.select_one("a.quote-link")
    status = status_of(attr(link, "href")) if link is not None else None
    username = box.select_one("a.username")
    fullname = box.select_one("a.fullname")
    handle = (attr(username, "title") or (status[0] if status else "")).lstrip("@")
    text = box.select_one(".quote-text")
    quoted_id = status[1] if status else ""
    return QuotedPost(
        id=quoted_id,
        url=status_url(handle, quoted_id) if quoted_id else "",
        author=Author(id="", handle=handle, name=attr(fullname, "title")) if handle else None,
        text=node_text(text, whitespace="pre-line", base_url=base).text if text else "",
    )
