"""FxTwitter API responses (`api.fxtwitter.com`), as `thread2article fetch --via fxtwitter` saves them.

Shapes (docs/formats.md §4): v2 `/2/thread/:id` and `/2/status/:id` answer `{code, status,
thread, author}`; the legacy v1 `/status/:id` answers `{code, message, tweet}`. A status's `text`
is already plain: HTML entities unescaped, t.co links replaced by their targets, media links
removed. So posts are read with `escaped=False` and no `links`. Unavailable posts come as
`{type: "tombstone", reason, id}` and are reported as missing. Every status is converted into the
typed structs below before anything reads it.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import msgspec

from ..model import Author, Media, Post, QuotedPost
from . import SourcePosts
from .common import checked_posts, convert, id_for_message, reading_record
from .x import FETCH_TAG, best_mp4, date_from_timestamp, optional_id, parse_date, status_url

FORMAT_NAME = "FxTwitter API"
_STATUS_URL_AT_END = re.compile(
    r"https?://(?:(?:www|mobile)\.)?(?:twitter|x|fxtwitter|fixupx|vxtwitter)\.com/[A-Za-z0-9_]+/status/(?P<id>[0-9]+)\S*\s*$",
    re.IGNORECASE,
)
_ID_IN_URL = re.compile(r"/status/([0-9]{1,20})")


class User(msgspec.Struct):
    screen_name: str | None = None
    name: str | None = None
    id: str | int | None = None


class Replying(msgspec.Struct):
    screen_name: str | None = None
    status: str | int | None = None
    post: str | int | None = None


class Format(msgspec.Struct):
    url: str | None = None
    container: str | None = None
    content_type: str | None = None
    bitrate: int | float | None = None
    bit_rate: int | float | None = None


class MediaItem(msgspec.Struct):
    type: str | None = None
    url: str | None = None
    altText: str | None = None
    thumbnail_url: str | None = None
    formats: list[Format] | None = None
    variants: list[Format] | None = None


class MediaContainer(msgspec.Struct):
    all: list[MediaItem] | None = None
    photos: list[MediaItem] | None = None
    videos: list[MediaItem] | None = None
    video: MediaItem | None = None


class Status(msgspec.Struct):
    text: str
    author: User
    id: str | int | None = None
    url: str | None = None
    created_at: str | None = None
    created_timestamp: int | float | None = None
    replying_to: str | Replying | None = None
    replying_to_status: str | int | None = None
    media: MediaContainer | None = None
    quote: Any = None
    reposted_by: Any = None
    is_note_tweet: bool | None = None


class Tombstone(msgspec.Struct):
    id: str | int | None = None
    reason: str | None = None


class Tag(msgspec.Struct):
    id: str | int | None = None


def _is_status(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("author"), dict)
        and "screen_name" in value["author"]
        and isinstance(value.get("text"), str)
        and ("url" in value or "id" in value)
    )


def _is_tombstone(value: Any) -> bool:
    return isinstance(value, dict) and value.get("type") == "tombstone"


def sniff(data: Any) -> bool:
    if not isinstance(data, dict):
        return False
    tag = data.get(FETCH_TAG)
    if isinstance(tag, dict) and tag.get("provider") == "fxtwitter":
        return True
    if "code" not in data:
        return False
    focal = data.get("status", data.get("tweet"))
    return _is_status(focal) or _is_tombstone(focal)


def read(data: Any, source: str = "") -> SourcePosts:
    result = SourcePosts(posts=[], format_name=FORMAT_NAME)
    if not isinstance(data, dict):
        return result
    statuses: dict[str, tuple[Status, int]] = {}
    chain = data.get("thread")
    candidates = [
        data.get("status"),
        data.get("tweet"),
        *(chain if isinstance(chain, list) else []),
    ]
    for item in candidates:
        if _is_tombstone(item):
            tombstone = convert(item, Tombstone, source)
            with reading_record(source):
                missing = optional_id(tombstone.id, "a tombstone's id")
            if missing:
                result.missing[missing] = tombstone.reason or "unavailable"
            continue
        if not _is_status(item):
            continue
        named = id_for_message(item, "id")
        status = convert(item, Status, source, named)
        with reading_record(source, named):
            post_id = _status_id(status)
        if not post_id:
            result.warnings.append(
                f"{source or 'FxTwitter response'}: a post without an id was skipped"
            )
            continue
        known = statuses.get(post_id)
        if known is None or len(item) > known[1]:
            statuses[post_id] = (status, len(item))
    if not statuses and not result.missing:
        raw_tag = data.get(FETCH_TAG)
        tag = convert(raw_tag, Tag, source) if isinstance(raw_tag, dict) else Tag()
        with reading_record(source):
            missing = optional_id(tag.id, "the fetch tag's id")
        if missing:
            message = data.get("message")
            result.missing[missing] = (
                message if isinstance(message, str) and message else "not found"
            )
    with reading_record(source):
        conversation_id = _chain_root(chain, source)
    posts = []
    for post_id, (status, _) in statuses.items():
        with reading_record(source, post_id):
            posts.append(_to_post(post_id, status, source, conversation_id))
    result.posts = checked_posts(posts, source)
    return result


def _chain_root(chain: Any, source: str) -> str | None:
    """The conversation root of an unrolled thread, when its first item is one.

    FxTwitter gives no conversation id, but `thread` is the author's chain within one conversation:
    when its first item replies to nothing (or is a tombstone, e.g. a deleted first post), that
    item is the root. Knowing it lets the thread finder bridge a deleted post in the middle.
    """
    if not isinstance(chain, list) or not chain or not isinstance(chain[0], dict):
        return None
    first = chain[0]
    if _is_tombstone(first):
        return optional_id(convert(first, Tombstone, source).id, "a tombstone's id")
    if _is_status(first):
        status = convert(first, Status, source, id_for_message(first, "id"))
        if _reply(status, _author(status.author))[0] is None:
            return _status_id(status) or None
    return None


def _status_id(status: Status) -> str:
    raw = status.id
    if raw not in (None, "", "undefined"):
        return optional_id(raw, "id") or ""
    # A known FxTwitter bug left `id` out; the URL still ends in the id (FxEmbed issue #416).
    match = _ID_IN_URL.search(status.url or "")
    return match.group(1) if match else ""


def _author(user: User) -> Author:
    handle = user.screen_name or ""
    # Older answers give no numeric id: the handle then identifies the author consistently.
    author_id = optional_id(user.id, "author id") or (f"@{handle.lower()}" if handle else "")
    return Author(id=author_id, handle=handle, name=user.name or "")


def _created_at(status: Status) -> datetime | None:
    moment = parse_date(status.created_at)
    if moment is None and status.created_timestamp is not None:
        moment = date_from_timestamp(status.created_timestamp)
    return moment


def _reply(status: Status, author: Author) -> tuple[str | None, str | None]:
    """(parent id, parent author id) from the v2 object or the v1 fields."""
    replying = status.replying_to
    if isinstance(replying, Replying):
        handle = replying.screen_name or ""
        parent = optional_id(replying.status or replying.post, "replying_to.status")
    else:
        handle = replying or ""
        parent = optional_id(status.replying_to_status, "replying_to_status")
    if not parent:
        # A post that merely starts with @name has `replying_to` but no parent (FxEmbed #887).
        return None, None
    if handle and handle.lower() == author.handle.lower():
        return parent, author.id
    return parent, f"@{handle.lower()}" if handle else None


def _video_url(item: MediaItem) -> str:
    formats = item.formats or item.variants or []
    best = best_mp4(
        (f.url or "", f.content_type or f.container or "", f.bitrate or f.bit_rate or 0)
        for f in formats
    )
    return best or item.url or ""


def _media(status: Status) -> tuple[Media, ...]:
    container = status.media
    if container is None:
        return ()
    items = container.all
    if items is None:
        items = [*(container.photos or []), *(container.videos or [])]
        if not items and container.video is not None:
            items = [container.video]
    media = []
    for item in items:
        if not item.url:
            continue
        if item.type == "photo":
            media.append(Media(kind="photo", url=item.url, alt=item.altText or ""))
        elif item.type in ("video", "gif"):
            media.append(
                Media(
                    kind="animated_gif" if item.type == "gif" else "video",
                    url=_video_url(item),
                    alt=item.altText or "",
                    poster=item.thumbnail_url or "",
                )
            )
        # mosaic_photo is FxTwitter's collage of the photos already listed: skipped.
    return tuple(media)


def _quote(status: Status, source: str) -> tuple[QuotedPost | None, str]:
    if not _is_status(status.quote):
        return None, ""
    quoted = convert(status.quote, Status, source, id_for_message(status.quote, "id"))
    quoted_id = _status_id(quoted)
    if not quoted_id:
        return None, ""
    author = _author(quoted.author)
    url = quoted.url or status_url(author.handle, quoted_id)
    quote = QuotedPost(id=quoted_id, url=url, author=author, text=quoted.text.strip())
    # FxTwitter expands the quote's t.co, so the text ends with the quoted post's URL itself.
    match = _STATUS_URL_AT_END.search(status.text)
    quote_short = match.group(0).strip() if match and match.group("id") == quoted_id else ""
    return quote, quote_short


def _to_post(post_id: str, status: Status, source: str, conversation_id: str | None = None) -> Post:
    author = _author(status.author)
    reply_to, reply_to_user = _reply(status, author)
    quote, quote_short = _quote(status, source)
    text = status.text
    return Post(
        id=post_id,
        author=author,
        text=text,
        created_at=_created_at(status),
        reply_to=reply_to,
        reply_to_user=reply_to_user,
        conversation_id=conversation_id,
        media=_media(status),
        quote=quote,
        quote_short=quote_short,
        escaped=False,
        is_repost=bool(status.reposted_by) or text.startswith("RT @"),
        url=status.url or "",
        long_form=bool(status.is_note_tweet),
    )
