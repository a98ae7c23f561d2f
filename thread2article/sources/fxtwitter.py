"""FxTwitter API responses (`api.fxtwitter.com`), as `thread2article fetch --via fxtwitter` saves them.

Shapes (FORMATS.md §4): v2 `/2/thread/:id` and `/2/status/:id` answer `{code, status, thread,
author}`; the legacy v1 `/status/:id` answers `{code, message, tweet}`. A status's `text` is
already plain: HTML entities unescaped, t.co links replaced by their targets, media links removed.
So posts are read with `escaped=False` and no `links`. Unavailable posts come as
`{type: "tombstone", reason, id}` and are reported as missing.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from ..model import Author, Media, Post, QuotedPost
from . import SourcePosts
from .common import parse_twitter_date

FORMAT_NAME = "FxTwitter API"
# Written by thread2article.fetch (kept as a literal: readers do not import the network layer).
FETCH_TAG = "__thread2article"
_STATUS_URL_AT_END = re.compile(
    r"https?://(?:(?:www|mobile)\.)?(?:twitter|x|fxtwitter|fixupx|vxtwitter)\.com/[A-Za-z0-9_]+/status/(?P<id>\d+)\S*\s*$",
    re.IGNORECASE,
)


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
    statuses: dict[str, dict[str, Any]] = {}
    candidates = [data.get("status"), data.get("tweet"), *(data.get("thread") or [])]
    for item in candidates:
        if _is_tombstone(item):
            if item.get("id"):
                result.missing[str(item["id"])] = str(item.get("reason") or "unavailable")
            continue
        if not _is_status(item):
            continue
        post_id = _status_id(item)
        if not post_id:
            result.warnings.append(
                f"{source or 'FxTwitter response'}: a post without an id was skipped"
            )
            continue
        known = statuses.get(post_id)
        if known is None or len(item) > len(known):
            statuses[post_id] = item
    if not statuses and not result.missing:
        tag = data.get(FETCH_TAG) or {}
        if isinstance(tag, dict) and tag.get("id"):
            result.missing[str(tag["id"])] = str(data.get("message") or "not found")
    conversation_id = _chain_root(data.get("thread"))
    result.posts = [
        _to_post(post_id, status, conversation_id) for post_id, status in statuses.items()
    ]
    return result


def _chain_root(chain: Any) -> str | None:
    """The conversation root of an unrolled thread, when its first item is one.

    FxTwitter gives no conversation id, but `thread` is the author's chain within one conversation:
    when its first item replies to nothing (or is a tombstone, e.g. a deleted first post), that
    item is the root. Knowing it lets the thread finder bridge a deleted post in the middle.
    """
    if not isinstance(chain, list) or not chain or not isinstance(chain[0], dict):
        return None
    first = chain[0]
    if _is_tombstone(first):
        return str(first["id"]) if first.get("id") else None
    if _is_status(first) and _reply(first, _author(first.get("author") or {}))[0] is None:
        return _status_id(first) or None
    return None


def _status_id(status: dict[str, Any]) -> str:
    raw = status.get("id")
    if raw not in (None, "", "undefined"):
        return str(raw)
    # A known FxTwitter bug left `id` out; the URL still ends in the id (FxEmbed issue #416).
    match = re.search(r"/status/(\d+)", str(status.get("url") or ""))
    return match.group(1) if match else ""


def _author(user: dict[str, Any]) -> Author:
    handle = str(user.get("screen_name") or "")
    # Older answers give no numeric id: the handle then identifies the author consistently.
    author_id = str(user.get("id") or (f"@{handle.lower()}" if handle else ""))
    return Author(id=author_id, handle=handle, name=str(user.get("name") or ""))


def _created_at(status: dict[str, Any]) -> datetime | None:
    moment = parse_twitter_date(status.get("created_at"))
    if moment is None and isinstance(status.get("created_timestamp"), (int, float)):
        moment = datetime.fromtimestamp(status["created_timestamp"], UTC)
    return moment


def _reply(status: dict[str, Any], author: Author) -> tuple[str | None, str | None]:
    """(parent id, parent author id) from the v2 object or the v1 fields."""
    replying = status.get("replying_to")
    if isinstance(replying, dict):
        handle = str(replying.get("screen_name") or "")
        parent = replying.get("status") or replying.get("post")
    else:
        handle = str(replying or "")
        parent = status.get("replying_to_status")
    if not parent:
        # A post that merely starts with @name has `replying_to` but no parent (FxEmbed #887).
        return None, None
    if handle and handle.lower() == author.handle.lower():
        return str(parent), author.id
    return str(parent), f"@{handle.lower()}" if handle else None


def _best_mp4(item: dict[str, Any]) -> str:
    formats = [f for f in item.get("formats") or item.get("variants") or [] if isinstance(f, dict)]
    mp4s = [
        f
        for f in formats
        if f.get("url") and (f.get("container") == "mp4" or f.get("content_type") == "video/mp4")
    ]
    if mp4s:
        return str(max(mp4s, key=lambda f: f.get("bitrate") or f.get("bit_rate") or 0)["url"])
    return str(item.get("url") or "")


def _media(status: dict[str, Any]) -> tuple[Media, ...]:
    container = status.get("media") or {}
    if not isinstance(container, dict):
        return ()
    items = container.get("all")
    if not isinstance(items, list):
        items = [*(container.get("photos") or []), *(container.get("videos") or [])]
        if not items and isinstance(container.get("video"), dict):
            items = [container["video"]]
    media = []
    for item in items:
        if not isinstance(item, dict) or not item.get("url"):
            continue
        kind = item.get("type")
        if kind == "photo":
            media.append(
                Media(kind="photo", url=str(item["url"]), alt=str(item.get("altText") or ""))
            )
        elif kind in ("video", "gif"):
            media.append(
                Media(
                    kind="animated_gif" if kind == "gif" else "video",
                    url=_best_mp4(item),
                    alt=str(item.get("altText") or ""),
                    poster=str(item.get("thumbnail_url") or ""),
                )
            )
        # mosaic_photo is FxTwitter's collage of the photos already listed: skipped.
    return tuple(media)


def _quote(status: dict[str, Any]) -> tuple[QuotedPost | None, str]:
    quoted = status.get("quote")
    if not _is_status(quoted):
        return None, ""
    quoted_id = _status_id(quoted)
    author = _author(quoted.get("author") or {})
    url = str(quoted.get("url") or f"https://x.com/{author.handle or 'i/web'}/status/{quoted_id}")
    quote = QuotedPost(
        id=quoted_id, url=url, author=author, text=str(quoted.get("text") or "").strip()
    )
    # FxTwitter expands the quote's t.co, so the text ends with the quoted post's URL itself.
    match = _STATUS_URL_AT_END.search(status.get("text") or "")
    quote_short = match.group(0).strip() if match and match.group("id") == quoted_id else ""
    return quote, quote_short


def _to_post(post_id: str, status: dict[str, Any], conversation_id: str | None = None) -> Post:
    author = _author(status.get("author") or {})
    reply_to, reply_to_user = _reply(status, author)
    quote, quote_short = _quote(status)
    text = str(status.get("text") or "")
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
        is_repost=bool(status.get("reposted_by")) or text.startswith("RT @"),
        url=str(status.get("url") or ""),
        long_form=bool(status.get("is_note_tweet")),
    )
