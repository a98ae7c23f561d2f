"""X's embed syndication answers (`cdn.syndication.twimg.com/tweet-result`), one post each.

Shape (docs/formats.md §5): a v1.1-like `Tweet` (`__typename: "Tweet"`, `id_str`, `text`, `user`,
`entities`, `mediaDetails`, `quoted_tweet`, `parent`, `in_reply_to_status_id_str`). Text is read
as HTML-escaped, like every classic X source. Long posts carry only `note_tweet: {id}`: their text
is cut short, which is reported. `TweetTombstone` or an empty answer (saved by `fetch` with the id
in its `__thread2article` tag) marks the post as missing. The embedded `parent` is kept as context.
Every answer is converted into the typed structs below before anything reads it.
"""

from __future__ import annotations

from typing import Any

import msgspec

from ..model import Author, Link, Media, Post, QuotedPost
from . import SourcePosts
from .common import checked_posts, convert, id_for_message, reading_record
from .x import (
    FETCH_TAG,
    optional_id,
    parse_date,
    plain_text,
    post_id,
    status_id_of,
    status_url,
)
from .x_entities import Entities, MediaEntity, media_of

FORMAT_NAME = "X syndication"


class User(msgspec.Struct):
    id_str: str | None = None
    screen_name: str | None = None
    name: str | None = None


class Photo(msgspec.Struct):
    url: str | None = None


class Quoted(msgspec.Struct):
    id_str: str | None = None
    text: str | None = None
    user: User | None = None
    entities: Entities | None = None


class Tweet(msgspec.Struct):
    id_str: str | None = None
    user: User | None = None
    text: str | None = None
    created_at: str | None = None
    conversation_id_str: str | None = None
    in_reply_to_status_id_str: str | None = None
    in_reply_to_user_id_str: str | None = None
    entities: Entities | None = None
    mediaDetails: list[MediaEntity] | None = None
    photos: list[Photo] | None = None
    quoted_tweet: Quoted | None = None
    parent: Tweet | None = None
    note_tweet: Any = None


class Tag(msgspec.Struct):
    id: str | int | None = None


def sniff(data: Any) -> bool:
    if not isinstance(data, dict):
        return False
    tag = data.get(FETCH_TAG)
    if isinstance(tag, dict) and tag.get("provider") == "syndication":
        return True
    if data.get("__typename") == "TweetTombstone":
        return True
    return (
        data.get("__typename") == "Tweet"
        and "id_str" in data
        and isinstance(data.get("user"), dict)
    )


def read(data: Any, source: str = "") -> SourcePosts:
    result = SourcePosts(posts=[], format_name=FORMAT_NAME)
    if not isinstance(data, dict):
        return result
    if data.get("__typename") != "Tweet" or not data.get("id_str"):
        raw_tag = data.get(FETCH_TAG)
        tag = convert(raw_tag, Tag, source) if isinstance(raw_tag, dict) else Tag()
        with reading_record(source):
            missing = optional_id(tag.id, "the fetch tag's id")
        if missing:
            unavailable = data.get("__typename") == "TweetTombstone"
            result.missing[missing] = (
                "unavailable (deleted or protected)" if unavailable else "not found"
            )
        return result
    named = id_for_message(data, "id_str")
    tweet = convert(data, Tweet, source, named)
    with reading_record(source, named):
        post = _to_post(tweet)
    result.posts.append(post)
    parent = tweet.parent
    if parent is not None and parent.id_str and parent.user is not None:
        with reading_record(source, parent.id_str):
            result.context.append(_to_post(parent))
    if tweet.note_tweet is not None:
        result.warnings.append(
            f"post {post.id} is a long post; the syndication answer holds only its first part"
        )
    result.posts = checked_posts(result.posts, source)
    result.context = checked_posts(result.context, source)
    return result


def _author(user: User | None) -> Author:
    if user is None:
        return Author(id="")
    return Author(
        id=optional_id(user.id_str, "user id_str") or "",
        handle=user.screen_name or "",
        name=user.name or "",
    )


def _links(entities: Entities | None, kind: str = "urls") -> list[Link]:
    items = getattr(entities, kind) if entities is not None else None
    return [
        Link(short=item.url, expanded=item.expanded_url or "")
        if kind == "media"
        else Link(short=item.url, expanded=item.expanded_url or item.url)
        for item in items or []
        if item.url
    ]


def _media(tweet: Tweet) -> tuple[Media, ...]:
    media = [found for item in tweet.mediaDetails or [] if (found := media_of(item)) is not None]
    if not media:
        # Some answers list photos only under `photos` (no t.co, no alt text).
        media = [Media(kind="photo", url=item.url) for item in tweet.photos or [] if item.url]
    return tuple(media)


def _quote(tweet: Tweet, links: list[Link]) -> tuple[QuotedPost | None, str]:
    quoted = tweet.quoted_tweet
    if quoted is None or not quoted.id_str:
        return None, ""
    quoted_id = post_id(quoted.id_str, "the quoted tweet's id_str")
    author = _author(quoted.user)
    text = plain_text(
        quoted.text or "",
        _links(quoted.entities) + _links(quoted.entities, "media"),
        escaped=True,
    )
    quote_short = next(
        (link.short for link in links if status_id_of(link.expanded) == quoted_id), ""
    )
    url = (
        next((link.expanded for link in links if link.short == quote_short), "")
        if quote_short
        else ""
    )
    url = url or status_url(author.handle, quoted_id)
    return QuotedPost(id=quoted_id, url=url, author=author, text=text), quote_short


def _to_post(tweet: Tweet) -> Post:
    tweet_id = post_id(tweet.id_str, "id_str")
    author = _author(tweet.user)
    links = _links(tweet.entities)
    quote, quote_short = _quote(tweet, links)
    parent = tweet.parent
    reply_to = tweet.in_reply_to_status_id_str or (parent.id_str if parent else None)
    reply_to_user = tweet.in_reply_to_user_id_str or (
        parent.user.id_str if parent and parent.user else None
    )
    text = tweet.text or ""
    return Post(
        id=tweet_id,
        author=author,
        text=text,
        created_at=parse_date(tweet.created_at),
        reply_to=optional_id(reply_to, "in_reply_to_status_id_str"),
        reply_to_user=optional_id(reply_to_user, "in_reply_to_user_id_str"),
        conversation_id=optional_id(tweet.conversation_id_str, "conversation_id_str"),
        links=tuple(links),
        media=_media(tweet),
        quote=quote,
        quote_short=quote_short,
        escaped=True,
        is_repost=text.startswith("RT @"),
        url=status_url(author.handle, tweet_id) if author.handle else "",
    )
