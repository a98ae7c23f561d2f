"""X API v2 responses: one response object, or many (an array, or twarc2's JSON Lines).

A response is `{data: object|array, includes: {users, tweets, media}, meta, errors}`. Posts found in
`includes.tweets` are context (quoted or parent posts): they can fill a thread but do not start one.
"""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from ..model import Author, Link, Media, Post, QuotedPost
from . import SourcePosts
from .common import parse_twitter_date, plain_text, reading_record, status_id_of, text_of

FORMAT_NAME = "X API v2"


def sniff(value: Any) -> bool:
    if isinstance(value, list):
        return bool(value) and all(isinstance(item, dict) and _is_response(item) for item in value)
    return isinstance(value, dict) and _is_response(value)


def _is_response(value: dict) -> bool:
    data = value.get("data")
    if isinstance(data, dict):
        return "id" in data and "text" in data
    if isinstance(data, list):
        return all(isinstance(item, dict) and "id" in item and "text" in item for item in data)
    # A page where nothing was found still has the envelope: meta with a result count, or errors.
    return data is None and (
        "result_count" in (value.get("meta") or {}) or isinstance(value.get("errors"), list)
    )


class _Pool:
    """Everything several responses say, merged: tweets by id, users and media by key."""

    def __init__(self) -> None:
        self.primary: dict[str, dict] = {}
        self.context: dict[str, dict] = {}
        self.users: dict[str, dict] = {}
        self.media: dict[str, dict] = {}
        self.missing: dict[str, str] = {}

    def add(self, response: dict, source: str) -> None:
        data = response.get("data")
        items = data if isinstance(data, list) else [data] if isinstance(data, dict) else []
        includes = response.get("includes") or {}
        for tweet in items:
            self._add_tweet(tweet, self.primary, source)
        for tweet in includes.get("tweets") or []:
            self._add_tweet(tweet, self.context, source)
        for user in includes.get("users") or []:
            if isinstance(user, dict) and user.get("id") is not None:
                self.users[str(user["id"])] = user
        for item in includes.get("media") or []:
            if isinstance(item, dict) and item.get("media_key"):
                self.media[item["media_key"]] = item
        for error in response.get("errors") or []:
            if (
                isinstance(error, dict)
                and error.get("resource_type") == "tweet"
                and error.get("resource_id")
            ):
                reason = "deleted or unavailable"
                if "Authorization" in str(error.get("title", "")):
                    reason = "protected"
                self.missing[str(error["resource_id"])] = reason

    @staticmethod
    def _add_tweet(tweet: Any, into: dict[str, dict], source: str) -> None:
        if (
            not isinstance(tweet, dict)
            or tweet.get("id") is None
            or not isinstance(tweet.get("text"), str)
        ):
            raise InputError("a tweet object without `id` and `text`", source=source)
        tweet_id = str(tweet["id"])
        # The same post on several pages: keep the richest copy (most fields).
        known = into.get(tweet_id)
        if known is None or len(tweet) > len(known):
            into[tweet_id] = tweet


def read(value: Any, source: str = "") -> SourcePosts:
    responses = value if isinstance(value, list) else [value]
    pool = _Pool()
    for response in responses:
        pool.add(response, source)
    return build(pool, source)


def build(pool: _Pool, source: str) -> SourcePosts:
    posts = [_checked_post(tweet, pool, source) for tweet in pool.primary.values()]
    context = [
        _checked_post(tweet, pool, source)
        for tweet_id, tweet in pool.context.items()
        if tweet_id not in pool.primary
    ]
    return SourcePosts(
        posts=posts, context=context, missing=dict(pool.missing), format_name=FORMAT_NAME
    )


def _author(pool: _Pool, author_id: str | None) -> Author:
    user = pool.users.get(author_id or "", {})
    return Author(
        id=author_id or "", handle=text_of(user.get("username")), name=text_of(user.get("name"))
    )


def _links(entities: dict | None) -> list[Link]:
    links = []
    for item in (entities or {}).get("urls") or []:
        short = item.get("url")
        expanded = item.get("unwound_url") or item.get("expanded_url") or short
        if short:
            links.append(Link(short=short, expanded=expanded, display=item.get("display_url", "")))
    return links


def _media(tweet: dict, pool: _Pool) -> list[Media]:
    urls = (tweet.get("entities") or {}).get("urls") or []
    # The t.co that stands for attached media: it carries a media_key, or points at /photo/ or /video/.
    media_short = next(
        (
            item.get("url", "")
            for item in urls
            if item.get("media_key")
            or "/photo/" in (item.get("expanded_url") or "")
            or "/video/" in (item.get("expanded_url") or "")
        ),
        "",
    )
    media = []
    for key in (tweet.get("attachments") or {}).get("media_keys") or []:
        item = pool.media.get(key)
        if not item:
            continue
        kind = item.get("type", "photo")
        poster = item.get("preview_image_url", "") or ""
        url = item.get("url") or ""
        if kind != "photo":
            mp4s = [
                v
                for v in item.get("variants") or []
                if v.get("content_type") == "video/mp4" and v.get("url")
            ]
            if mp4s:
                url = max(mp4s, key=lambda v: v.get("bit_rate", 0))["url"]
            url = url or poster
        if url:
            media.append(
                Media(
                    kind=kind,
                    url=url,
                    alt=item.get("alt_text", "") or "",
                    short=media_short,
                    poster=poster,
                )
            )
    return media


def _checked_post(tweet: dict, pool: _Pool, source: str) -> Post:
    with reading_record(source, tweet.get("id")):
        return _to_post(tweet, pool, source)


def _to_post(tweet: dict, pool: _Pool, source: str) -> Post:
    tweet_id = str(tweet["id"])
    note = tweet.get("note_tweet") or {}
    long_form = isinstance(note, dict) and isinstance(note.get("text"), str)
    text = note["text"] if long_form else tweet["text"]
    # A note tweet's own entities go with its full text; the truncated text's link list may miss some.
    links = _links(note.get("entities") if long_form else tweet.get("entities"))
    if long_form:
        known = {link.short for link in links}
        links += [link for link in _links(tweet.get("entities")) if link.short not in known]
    refs = {
        ref.get("type"): str(ref.get("id"))
        for ref in tweet.get("referenced_tweets") or []
        if isinstance(ref, dict)
    }
    author = _author(pool, str(tweet["author_id"]) if tweet.get("author_id") else None)
    quote = None
    quote_short = ""
    if "quoted" in refs:
        quoted_id = refs["quoted"]
        quote_short = next(
            (link.short for link in links if status_id_of(link.expanded) == quoted_id), ""
        )
        quoted = pool.context.get(quoted_id) or pool.primary.get(quoted_id)
        quoted_url = next((link.expanded for link in links if link.short == quote_short), "")
        if quoted:
            quoted_author = _author(pool, str(quoted.get("author_id", "")) or None)
            quoted_note = quoted.get("note_tweet") or {}
            quoted_text = (
                quoted_note.get("text")
                if isinstance(quoted_note.get("text"), str)
                else quoted["text"]
            )
            quoted_links = _links(
                quoted_note.get("entities") if quoted_note.get("text") else quoted.get("entities")
            )
            quote = QuotedPost(
                id=quoted_id,
                url=quoted_url
                or f"https://x.com/{quoted_author.handle or 'i/web'}/status/{quoted_id}",
                author=quoted_author,
                text=plain_text(quoted_text, quoted_links),
            )
        elif quoted_url:
            quote = QuotedPost(id=quoted_id, url=quoted_url)
    return Post(
        id=tweet_id,
        author=author,
        text=text,
        created_at=parse_twitter_date(tweet.get("created_at")),
        reply_to=refs.get("replied_to"),
        reply_to_user=str(tweet["in_reply_to_user_id"])
        if tweet.get("in_reply_to_user_id")
        else None,
        conversation_id=str(tweet["conversation_id"]) if tweet.get("conversation_id") else None,
        links=tuple(links),
        media=tuple(_media(tweet, pool)),
        quote=quote,
        quote_short=quote_short,
        escaped=True,
        is_repost="retweeted" in refs,
        long_form=long_form,
    )
