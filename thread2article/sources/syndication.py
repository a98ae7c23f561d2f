"""X's embed syndication answers (`cdn.syndication.twimg.com/tweet-result`), one post each.

Shape (FORMATS.md §5): a v1.1-like `Tweet` (`__typename: "Tweet"`, `id_str`, `text`, `user`,
`entities`, `mediaDetails`, `quoted_tweet`, `parent`, `in_reply_to_status_id_str`). Text is read
as HTML-escaped, like every classic X source. Long posts carry only `note_tweet: {id}`: their text
is cut short, which is reported. `TweetTombstone` or an empty answer (saved by `fetch` with the id
in its `__thread2article` tag) marks the post as missing. The embedded `parent` is kept as context.
"""

from __future__ import annotations

from typing import Any

from ..model import Author, Link, Media, Post, QuotedPost
from . import SourcePosts
from .common import parse_twitter_date, plain_text, status_id_of

FORMAT_NAME = "X syndication"
# Written by thread2article.fetch (kept as a literal: readers do not import the network layer).
FETCH_TAG = "__thread2article"


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
        tag = data.get(FETCH_TAG) or {}
        if isinstance(tag, dict) and tag.get("id"):
            unavailable = data.get("__typename") == "TweetTombstone"
            result.missing[str(tag["id"])] = (
                "unavailable (deleted or protected)" if unavailable else "not found"
            )
        return result
    post = _to_post(data)
    result.posts.append(post)
    parent = data.get("parent")
    if isinstance(parent, dict) and parent.get("id_str") and isinstance(parent.get("user"), dict):
        result.context.append(_to_post(parent))
    if isinstance(data.get("note_tweet"), dict):
        result.warnings.append(
            f"post {post.id} is a long post; the syndication answer holds only its first part"
        )
    return result


def _author(user: dict[str, Any]) -> Author:
    return Author(
        id=str(user.get("id_str") or ""),
        handle=str(user.get("screen_name") or ""),
        name=str(user.get("name") or ""),
    )


def _links(entities: dict[str, Any]) -> list[Link]:
    links = []
    for item in entities.get("urls") or []:
        if isinstance(item, dict) and item.get("url"):
            links.append(
                Link(
                    short=item["url"],
                    expanded=item.get("expanded_url") or item["url"],
                    display=item.get("display_url") or "",
                )
            )
    return links


def _media_links(entities: dict[str, Any]) -> list[Link]:
    return [
        Link(
            short=item["url"],
            expanded=item.get("expanded_url") or "",
            display=item.get("display_url") or "",
        )
        for item in entities.get("media") or []
        if isinstance(item, dict) and item.get("url")
    ]


def _media(tweet: dict[str, Any]) -> tuple[Media, ...]:
    media = []
    for item in tweet.get("mediaDetails") or []:
        if not isinstance(item, dict):
            continue
        kind = item.get("type") or "photo"
        image = str(item.get("media_url_https") or "")
        url = image
        if kind in ("video", "animated_gif"):
            variants = [
                v
                for v in (item.get("video_info") or {}).get("variants") or []
                if isinstance(v, dict) and v.get("content_type") == "video/mp4" and v.get("url")
            ]
            if variants:
                url = str(max(variants, key=lambda v: v.get("bitrate") or 0)["url"])
        if url:
            media.append(
                Media(
                    kind=kind,
                    url=url,
                    alt=str(item.get("ext_alt_text") or ""),
                    short=str(item.get("url") or ""),
                    poster=image if url != image else "",
                )
            )
    if not media:
        # Some answers list photos only under `photos` (no t.co, no alt text).
        for item in tweet.get("photos") or []:
            if isinstance(item, dict) and item.get("url"):
                media.append(Media(kind="photo", url=str(item["url"])))
    return tuple(media)


def _quote(tweet: dict[str, Any], links: list[Link]) -> tuple[QuotedPost | None, str]:
    quoted = tweet.get("quoted_tweet")
    if not isinstance(quoted, dict) or not quoted.get("id_str"):
        return None, ""
    quoted_id = str(quoted["id_str"])
    author = _author(quoted.get("user") or {})
    entities = quoted.get("entities") or {}
    text = plain_text(
        str(quoted.get("text") or ""), _links(entities) + _media_links(entities), escaped=True
    )
    quote_short = next(
        (link.short for link in links if status_id_of(link.expanded) == quoted_id), ""
    )
    url = (
        next((link.expanded for link in links if link.short == quote_short), "")
        if quote_short
        else ""
    )
    url = url or f"https://x.com/{author.handle or 'i/web'}/status/{quoted_id}"
    return QuotedPost(id=quoted_id, url=url, author=author, text=text), quote_short


def _to_post(tweet: dict[str, Any]) -> Post:
    author = _author(tweet.get("user") or {})
    entities = tweet.get("entities") or {}
    links = _links(entities)
    quote, quote_short = _quote(tweet, links)
    parent = tweet.get("parent") if isinstance(tweet.get("parent"), dict) else {}
    reply_to = tweet.get("in_reply_to_status_id_str") or parent.get("id_str")
    reply_to_user = tweet.get("in_reply_to_user_id_str") or (parent.get("user") or {}).get("id_str")
    text = str(tweet.get("text") or "")
    return Post(
        id=str(tweet["id_str"]),
        author=author,
        text=text,
        created_at=parse_twitter_date(tweet.get("created_at")),
        reply_to=str(reply_to) if reply_to else None,
        reply_to_user=str(reply_to_user) if reply_to_user else None,
        conversation_id=str(tweet["conversation_id_str"])
        if tweet.get("conversation_id_str")
        else None,
        links=tuple(links),
        media=_media(tweet),
        quote=quote,
        quote_short=quote_short,
        escaped=True,
        is_repost=text.startswith("RT @"),
        url=f"https://x.com/{author.handle}/status/{tweet['id_str']}" if author.handle else "",
    )
