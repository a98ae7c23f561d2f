"""X API v1.1 statuses: one status, an array, or a search shape `{statuses: [...]}`.

Text comes from `extended_tweet.full_text` (streaming), `full_text` (extended mode) or `text`
(compat mode, possibly truncated). Retweets are read but marked, so they never join a thread.
Every status is converted into the typed structs below before anything reads it.
"""

from __future__ import annotations

from typing import Any

import msgspec

from ..errors import InputError
from ..model import Author, Link, Media, Post, QuotedPost
from . import SourcePosts
from .common import checked_posts, convert, id_for_message, reading_record
from .x import optional_id, parse_date, plain_text, post_id, status_id_of, status_url
from .x_entities import Entities, media_of

FORMAT_NAME = "X API v1.1"


class Extended(msgspec.Struct):
    full_text: str | None = None
    entities: Entities | None = None
    extended_entities: Entities | None = None


class User(msgspec.Struct):
    id_str: str | None = None
    id: int | str | None = None
    screen_name: str | None = None
    name: str | None = None


class Permalink(msgspec.Struct):
    url: str | None = None
    expanded: str | None = None


class Status(msgspec.Struct):
    user: User
    id_str: str | None = None
    id: int | str | None = None
    full_text: str | None = None
    text: str | None = None
    extended_tweet: Extended | None = None
    entities: Entities | None = None
    extended_entities: Entities | None = None
    created_at: str | None = None
    truncated: bool | None = None
    in_reply_to_status_id_str: str | None = None
    in_reply_to_status_id: int | str | None = None
    in_reply_to_user_id_str: str | None = None
    in_reply_to_user_id: int | str | None = None
    quoted_status_id_str: str | None = None
    quoted_status_permalink: Permalink | None = None
    # Read as a status of its own (below); here only whether it is one.
    quoted_status: Any = None
    retweeted_status: Any = None


def _is_status(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and ("id_str" in value or "id" in value)
        and isinstance(value.get("user"), dict)
        and any(key in value for key in ("full_text", "text", "extended_tweet"))
    )


def _statuses(value: Any) -> list | None:
    if _is_status(value):
        return [value]
    if isinstance(value, dict) and isinstance(value.get("statuses"), list):
        return value["statuses"]
    if isinstance(value, list) and value and all(_is_status(item) for item in value):
        return value
    return None


def sniff(value: Any) -> bool:
    statuses = _statuses(value)
    return statuses is not None and bool(statuses) and all(_is_status(item) for item in statuses)


def _status(raw: Any, source: str) -> tuple[Status, str]:
    named = id_for_message(raw)
    status = convert(raw, Status, source, named)
    with reading_record(source, named):
        # The numeric `id` may have lost precision above 2**53; `id_str` is exact.
        return status, post_id(status.id_str or status.id)


def read(value: Any, source: str = "") -> SourcePosts:
    statuses = _statuses(value)
    if statuses is None:
        raise InputError("not a v1.1 status, array of statuses or search result", source=source)
    posts: dict[str, Post] = {}
    context: dict[str, Post] = {}
    warnings = []
    for raw in statuses:
        if not _is_status(raw):
            raise InputError("an array item is not a v1.1 status", source=source)
        status, status_id = _status(raw, source)
        with reading_record(source, status_id):
            post = _to_post(status, status_id, source)
        if status.truncated and status.extended_tweet is None:
            warnings.append(
                f"post {post.id} is cut short (compatibility mode); save it with tweet_mode=extended for the whole text"
            )
        posts[post.id] = post
        if _is_status(status.quoted_status):
            quoted, quoted_id = _status(status.quoted_status, source)
            with reading_record(source, quoted_id):
                context.setdefault(quoted_id, _to_post(quoted, quoted_id, source))
    return SourcePosts(
        posts=checked_posts(posts.values(), source),
        context=checked_posts((post for key, post in context.items() if key not in posts), source),
        warnings=warnings,
        format_name=FORMAT_NAME,
    )


def _text_and_entities(status: Status) -> tuple[str, Entities, Entities]:
    extended = status.extended_tweet
    if extended is not None and extended.full_text is not None:
        return (
            extended.full_text,
            extended.entities or Entities(),
            extended.extended_entities or Entities(),
        )
    text = status.full_text if status.full_text is not None else status.text
    return text or "", status.entities or Entities(), status.extended_entities or Entities()


def _links(entities: Entities) -> list[Link]:
    return [
        Link(short=item.url, expanded=item.expanded_url or item.url)
        for item in entities.urls or []
        if item.url
    ]


def _media(entities: Entities, extended_entities: Entities) -> list[Media]:
    items = extended_entities.media or entities.media or []
    return [media for item in items if (media := media_of(item)) is not None]


def _author(user: User) -> Author:
    user_id = optional_id(user.id_str or user.id, "user id") or ""
    return Author(id=user_id, handle=user.screen_name or "", name=user.name or "")


def _to_post(status: Status, status_id: str, source: str) -> Post:
    author = _author(status.user)
    text, entities, extended_entities = _text_and_entities(status)
    links = _links(entities)
    quote = None
    quote_short = ""
    quoted_id = optional_id(status.quoted_status_id_str, "quoted_status_id_str")
    if quoted_id:
        permalink = status.quoted_status_permalink or Permalink()
        quote_short = permalink.url or next(
            (link.short for link in links if status_id_of(link.expanded) == quoted_id), ""
        )
        url = permalink.expanded or next(
            (link.expanded for link in links if link.short == quote_short), ""
        )
        if _is_status(status.quoted_status):
            quoted, _ = _status(status.quoted_status, source)
            quoted_text, quoted_entities, _ = _text_and_entities(quoted)
            quoted_author = _author(quoted.user)
            quote = QuotedPost(
                id=quoted_id,
                url=url or status_url(quoted_author.handle, quoted_id),
                author=quoted_author,
                text=plain_text(quoted_text, _links(quoted_entities)),
            )
        elif url:
            quote = QuotedPost(id=quoted_id, url=url)
    return Post(
        id=status_id,
        author=author,
        text=text,
        created_at=parse_date(status.created_at),
        reply_to=optional_id(
            status.in_reply_to_status_id_str or status.in_reply_to_status_id,
            "in_reply_to_status_id",
        ),
        reply_to_user=optional_id(
            status.in_reply_to_user_id_str or status.in_reply_to_user_id, "in_reply_to_user_id"
        ),
        links=tuple(links),
        media=tuple(_media(entities, extended_entities)),
        quote=quote,
        quote_short=quote_short,
        escaped=True,
        is_repost=isinstance(status.retweeted_status, dict) or text.startswith("RT @"),
    )
