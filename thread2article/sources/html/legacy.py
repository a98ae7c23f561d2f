"""Legacy twitter.com pages, server-rendered before 2020, as web archives keep them.

Each post is a `div.tweet[data-tweet-id][data-screen-name][data-name][data-user-id]` with
`p.tweet-text`, `span._timestamp[data-time-ms]`, links with `data-expanded-url`, photos in
`.AdaptiveMedia-photoContainer[data-image-url]`, a quote in `.QuoteTweet-innerContainer`.
A permalink page carries the conversation: `#ancestors` (the chain above), the focal
`.permalink-tweet`, and under `#descendants` one `li.ThreadedConversation` per reply chain (or
`ThreadedConversation--loneTweet`), each chain answering the focal post. That structure decides
the replies; posts elsewhere (a profile timeline) are linked by `grouping`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from bs4 import BeautifulSoup
from bs4.element import Tag

from ...model import Author, Media, Post, QuotedPost
from ..htmltext import node_text, visible_text
from .page import Found, attr, author_of, make_post, replying, status_url

KIND = "legacy twitter.com pages (div.tweet[data-tweet-id])"

_BASE = "https://twitter.com/"


def _tweets(container: Tag | None) -> list[Tag]:
    if container is None:
        return []
    return [
        tag
        for tag in container.select("div.tweet[data-tweet-id]")
        if tag.find_parent(class_="QuoteTweet") is None
    ]


def find(soup: BeautifulSoup, warnings: list[str]) -> list[Found]:
    every = _tweets(soup)
    if not every:
        return []
    posts: dict[int, Found] = {}
    for tag in every:
        item = _read(tag, warnings)
        if item is not None:
            posts[id(tag)] = item

    def post_of(tag: Tag) -> Post | None:
        item = posts.get(id(tag))
        return item.post if item else None

    linked: dict[int, Post] = {}

    def chain(tags: list[Tag], parent: Post | None) -> Post | None:
        for tag in tags:
            post = post_of(tag)
            if post is None:
                continue
            linked[id(tag)] = replying(post, parent) if parent is not None else post
            parent = post
        return parent

    ancestors = _tweets(soup.select_one("#ancestors"))
    focal_tag = soup.select_one("div.permalink-tweet[data-tweet-id]")
    last_ancestor = chain(ancestors, None)
    focal = chain([focal_tag], last_ancestor) if focal_tag is not None else None
    descendants = soup.select_one("#descendants")
    if focal is not None and descendants is not None:
        for conversation in descendants.select(
            "li.ThreadedConversation, li.ThreadedConversation--loneTweet, div.ThreadedConversation--loneTweet"
        ):
            chain(_tweets(conversation), focal)
    found = []
    for tag in every:
        item = posts.get(id(tag))
        if item is None:
            continue
        if id(tag) in linked:
            found.append(Found(post=linked[id(tag)], structured=True, unexpanded=item.unexpanded))
        else:
            found.append(item)
    return found


def _read(tag: Tag, warnings: list[str]) -> Found | None:
    post_id = attr(tag, "data-tweet-id").strip()
    if not post_id.isdigit():
        return None
    handle = attr(tag, "data-screen-name")
    author = author_of(handle, attr(tag, "data-name"), attr(tag, "data-user-id").strip())
    text_box = next(
        (p for p in tag.select("p.tweet-text") if p.find_parent(class_="QuoteTweet") is None), None
    )
    read = node_text(text_box, whitespace="pre-line", base_url=_BASE) if text_box else None
    stamp = tag.select_one("span._timestamp[data-time-ms]")
    shown_time = None
    if stamp is not None and attr(stamp, "data-time-ms").isdigit():
        shown_time = datetime.fromtimestamp(int(attr(stamp, "data-time-ms")) / 1000, tz=UTC)
    post = make_post(
        post_id=post_id,
        author=author,
        text=read.text if read else "",
        shown_time=shown_time,
        media=_media(tag, post_id, warnings),
        quote=_quote(tag),
        url=status_url(author.handle, post_id),
    )
    conversation = attr(tag, "data-conversation-id").strip()
    if conversation.isdigit():
        post = replace(post, conversation_id=conversation)
    if attr(tag, "data-retweeter") or attr(tag, "data-retweet-id"):
        post = replace(post, is_repost=True)
    return Found(post=post, unexpanded=read.unexpanded if read else ())


def _media(tag: Tag, post_id: str, warnings: list[str]) -> tuple[Media, ...]:
    media = []
    for box in tag.select(".AdaptiveMedia-photoContainer[data-image-url]"):
        if box.find_parent(class_="QuoteTweet") is not None:
            continue
        image = box.find("img")
        media.append(Media(kind="photo", url=attr(box, "data-image-url"), alt=attr(image, "alt")))
    for player in tag.select(".PlayableMedia"):
        if player.find_parent(class_="QuoteTweet") is not None:
            continue
        warnings.append(f"post {post_id} has a video or GIF; the saved page does not hold its file")
        break
    return tuple(media)


def _quote(tag: Tag) -> QuotedPost | None:
    box = tag.select_one(".QuoteTweet-innerContainer[data-item-id]")
    if box is None:
        return None
    quoted_id = attr(box, "data-item-id").strip()
    handle = attr(box, "data-screen-name")
    name_box = box.select_one(".QuoteTweet-fullname")
    text_box = box.select_one(".QuoteTweet-text")
    return QuotedPost(
        id=quoted_id,
        url=status_url(handle, quoted_id),
        author=Author(
            id=attr(box, "data-user-id"),
            handle=handle,
            name=visible_text(name_box) if name_box else "",
        ),
        text=node_text(text_box, whitespace="pre-line", base_url=_BASE).text if text_box else "",
    )
