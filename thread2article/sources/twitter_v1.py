"""X API v1.1 statuses: one status, an array, or a search shape `{statuses: [...]}`.

Text comes from `extended_tweet.full_text` (streaming), `full_text` (extended mode) or `text`
(compat mode, possibly truncated). Retweets are read but marked, so they never join a thread.
"""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from ..model import Author, Link, Media, Post, QuotedPost
from . import SourcePosts
from .common import parse_twitter_date, plain_text, reading_record, status_id_of, text_of

FORMAT_NAME = "X API v1.1"


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
    return bool(statuses) and all(_is_status(item) for item in statuses)


def read(value: Any, source: str = "") -> SourcePosts:
    statuses = _statuses(value)
    if statuses is None:
        raise InputError("not a v1.1 status, array of statuses or search result", source=source)
    posts: dict[str, Post] = {}
    context: dict[str, Post] = {}
    warnings = []
    for status in statuses:
        if not _is_status(status):
            raise InputError("an array item is not a v1.1 status", source=source)
        with reading_record(source, status.get("id_str") or status.get("id")):
            post = _to_post(status, source)
        if status.get("truncated") and "extended_tweet" not in status:
            warnings.append(
                f"post {post.id} is cut short (compatibility mode); save it with tweet_mode=extended for the whole text"
            )
        posts[post.id] = post
        quoted = status.get("quoted_status")
        if _is_status(quoted):
            with reading_record(source, quoted.get("id_str") or quoted.get("id")):
                context.setdefault(
                    str(quoted.get("id_str") or quoted.get("id")), _to_post(quoted, source)
                )
    return SourcePosts(
        posts=list(posts.values()),
        context=[post for key, post in context.items() if key not in posts],
        warnings=warnings,
        format_name=FORMAT_NAME,
    )


def _text_and_entities(status: dict) -> tuple[str, dict, dict]:
    extended = status.get("extended_tweet")
    if isinstance(extended, dict) and "full_text" in extended:
        return (
            extended["full_text"],
            extended.get("entities") or {},
            extended.get("extended_entities") or {},
        )
    text = status.get("full_text", status.get("text", ""))
    return text, status.get("entities") or {}, status.get("extended_entities") or {}


def _media(entities: dict, extended_entities: dict) -> list[Media]:
    media = []
    for item in extended_entities.get("media") or entities.get("media") or []:
        kind = item.get("type", "photo")
        image = item.get("media_url_https") or item.get("media_url") or ""
        url = image
        if kind != "photo":
            variants = [
                v
                for v in (item.get("video_info") or {}).get("variants") or []
                if v.get("content_type") == "video/mp4"
            ]
            if variants:
                url = max(variants, key=lambda v: int(v.get("bitrate") or 0))["url"]
        if url:
            media.append(
                Media(
                    kind=kind,
                    url=url,
                    alt=item.get("ext_alt_text") or "",
                    short=item.get("url", ""),
                    poster=image if kind != "photo" else "",
                )
            )
    return media


def _to_post(status: dict, source: str) -> Post:
    # The numeric `id` may have lost precision above 2**53; `id_str` is exact.
    post_id = str(status.get("id_str") or status.get("id"))
    user = status["user"]
    author = Author(
        id=str(user.get("id_str") or user.get("id") or ""),
        handle=text_of(user.get("screen_name")),
        name=text_of(user.get("name")),
    )
    text, entities, extended_entities = _text_and_entities(status)
    if not isinstance(text, str):
        raise InputError("status text is not a string", source=source, post_id=post_id)
    links = [
        Link(
            short=item["url"],
            expanded=item.get("expanded_url") or item["url"],
            display=item.get("display_url", ""),
        )
        for item in entities.get("urls") or []
        if item.get("url")
    ]
    quote = None
    quote_short = ""
    quoted_id = status.get("quoted_status_id_str")
    if quoted_id:
        permalink = status.get("quoted_status_permalink") or {}
        quote_short = permalink.get("url") or next(
            (link.short for link in links if status_id_of(link.expanded) == quoted_id), ""
        )
        quoted = status.get("quoted_status")
        url = permalink.get("expanded") or next(
            (link.expanded for link in links if link.short == quote_short), ""
        )
        if _is_status(quoted):
            quoted_text, quoted_entities, _ = _text_and_entities(quoted)
            quoted_links = [
                Link(short=item["url"], expanded=item.get("expanded_url") or item["url"])
                for item in quoted_entities.get("urls") or []
                if item.get("url")
            ]
            quoted_user = quoted["user"]
            quote = QuotedPost(
                id=str(quoted_id),
                url=url
                or f"https://x.com/{quoted_user.get('screen_name', 'i/web')}/status/{quoted_id}",
                author=Author(
                    id=str(quoted_user.get("id_str") or ""),
                    handle=text_of(quoted_user.get("screen_name")),
                    name=text_of(quoted_user.get("name")),
                ),
                text=plain_text(quoted_text, quoted_links),
            )
        elif url:
            quote = QuotedPost(id=str(quoted_id), url=url)
    reply_to = status.get("in_reply_to_status_id_str") or (
        str(status["in_reply_to_status_id"]) if status.get("in_reply_to_status_id") else None
    )
    reply_to_user = status.get("in_reply_to_user_id_str") or (
        str(status["in_reply_to_user_id"]) if status.get("in_reply_to_user_id") else None
    )
    return Post(
        id=post_id,
        author=author,
        text=text,
        created_at=parse_twitter_date(status.get("created_at")),
        reply_to=reply_to,
        reply_to_user=reply_to_user,
        links=tuple(links),
        media=tuple(_media(entities, extended_entities)),
        quote=quote,
        quote_short=quote_short,
        escaped=True,
        is_repost=isinstance(status.get("retweeted_status"), dict) or text.startswith("RT @"),
    )
