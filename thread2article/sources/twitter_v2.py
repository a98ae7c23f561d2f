"""X API v2 responses: one response object, or many (an array, or twarc2's JSON Lines).

A response is `{data: object|array, includes: {users, tweets, media}, meta, errors}`. Posts found in
`includes.tweets` are context (quoted or parent posts): they can fill a thread but do not start one.

Every tweet, user and media object is converted into the typed structs below before anything
reads it (`common.convert`), so a wrong type is one InputError naming the file and the post.
"""

from __future__ import annotations

from typing import Any

import msgspec

from ..errors import InputError
from ..model import Author, Link, Media, Post, QuotedPost
from . import SourcePosts
from .common import checked_posts, convert, id_for_message, reading_record
from .x import best_mp4, optional_id, parse_date, plain_text, post_id, status_id_of, status_url

FORMAT_NAME = "X API v2"


class UrlEntity(msgspec.Struct):
    url: str | None = None
    expanded_url: str | None = None
    unwound_url: str | None = None
    media_key: str | None = None


class Entities(msgspec.Struct):
    urls: list[UrlEntity] | None = None


class NoteTweet(msgspec.Struct):
    text: str | None = None
    entities: Entities | None = None


class Reference(msgspec.Struct):
    type: str | None = None
    id: str | int | None = None


class Attachments(msgspec.Struct):
    media_keys: list[str] | None = None


class Tweet(msgspec.Struct):
    id: str | int
    text: str
    author_id: str | int | None = None
    created_at: str | None = None
    conversation_id: str | int | None = None
    in_reply_to_user_id: str | int | None = None
    referenced_tweets: list[Reference] | None = None
    entities: Entities | None = None
    note_tweet: NoteTweet | None = None
    attachments: Attachments | None = None


class User(msgspec.Struct):
    id: str | int | None = None
    username: str | None = None
    name: str | None = None


class Variant(msgspec.Struct):
    url: str | None = None
    content_type: str | None = None
    bit_rate: int | float | None = None


class MediaItem(msgspec.Struct):
    media_key: str | None = None
    type: str | None = None
    url: str | None = None
    preview_image_url: str | None = None
    alt_text: str | None = None
    variants: list[Variant] | None = None


class ApiError(msgspec.Struct):
    resource_type: str | None = None
    resource_id: str | int | None = None
    title: str | None = None


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
    meta = value.get("meta")
    return data is None and (
        (isinstance(meta, dict) and "result_count" in meta) or isinstance(value.get("errors"), list)
    )


def _array(container: dict, key: str, source: str) -> list:
    value = container.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(f"`includes.{key}` is not an array", source=source)
    return value


def _checked_or_error(raw: Any, kind: type[Any], key: str) -> Any:
    """The struct, or the text of what is wrong with it."""
    try:
        return msgspec.convert(raw, kind)
    except msgspec.ValidationError as error:
        return f"{kind.__name__.lower().replace('mediaitem', 'media')} {key} has an unexpected value ({error})"


def _known(item: Any) -> Any:
    if isinstance(item, str):
        raise ValueError(item)
    return item


class _Pool:
    """Everything several responses say, merged: tweets by id, users and media by key."""

    def __init__(self) -> None:
        self.primary: dict[str, Tweet] = {}
        self.context: dict[str, Tweet] = {}
        self.users: dict[str, User | str] = {}
        self.media: dict[str, MediaItem | str] = {}
        self.missing: dict[str, str] = {}

    def add(self, response: Any, source: str) -> None:
        if not isinstance(response, dict):
            raise InputError("a response is not a JSON object", source=source)
        data = response.get("data")
        items = data if isinstance(data, list) else [data] if isinstance(data, dict) else []
        raw_includes = response.get("includes")
        if raw_includes is not None and not isinstance(raw_includes, dict):
            raise InputError("`includes` is not an object", source=source)
        raw_includes = raw_includes or {}
        for tweet in items:
            self._add_tweet(tweet, self.primary, source)
        context = raw_includes.get("tweets")
        if context is not None and not isinstance(context, list):
            raise InputError("`includes.tweets` is not an array", source=source)
        for tweet in context or []:
            self._add_tweet(tweet, self.context, source)
        # Users and media are checked one by one; a wrong one is reported by the first post
        # that uses it (so the message names that post), and ignored when none does.
        for raw in _array(raw_includes, "users", source):
            key = id_for_message(raw, "id")
            if key:
                self.users[key] = _checked_or_error(raw, User, key)
        for raw in _array(raw_includes, "media", source):
            key = id_for_message(raw, "media_key")
            if key:
                self.media[key] = _checked_or_error(raw, MediaItem, key)
        errors = convert(response.get("errors") or [], list[ApiError], source)
        with reading_record(source):
            for error in errors:
                if error.resource_type == "tweet" and error.resource_id:
                    reason = "deleted or unavailable"
                    if "Authorization" in (error.title or ""):
                        reason = "protected"
                    self.missing[post_id(error.resource_id, "an error's resource_id")] = reason

    @staticmethod
    def _add_tweet(raw: Any, into: dict[str, Tweet], source: str) -> None:
        if (
            not isinstance(raw, dict)
            or raw.get("id") is None
            or not isinstance(raw.get("text"), str)
        ):
            raise InputError("a tweet object without `id` and `text`", source=source)
        named = id_for_message(raw, "id")
        tweet = convert(raw, Tweet, source, named)
        with reading_record(source, named):
            tweet_id = post_id(tweet.id)
        # The same post on several pages: keep the richest copy (most fields).
        known = into.get(tweet_id)
        if known is None or _richness(raw) > _richness(known):
            into[tweet_id] = tweet


def _richness(tweet: Tweet | dict) -> int:
    if isinstance(tweet, dict):
        return len(tweet)
    return sum(getattr(tweet, name) is not None for name in tweet.__struct_fields__)


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
        posts=checked_posts(posts, source),
        context=checked_posts(context, source),
        missing=dict(pool.missing),
        format_name=FORMAT_NAME,
    )


def _author(pool: _Pool, author_id: str | None) -> Author:
    user = _known(pool.users.get(author_id or ""))
    if user is None:
        return Author(id=author_id or "")
    return Author(id=author_id or "", handle=user.username or "", name=user.name or "")


def _links(entities: Entities | None) -> list[Link]:
    links = []
    for item in (entities.urls if entities else None) or []:
        short = item.url
        if short:
            expanded = item.unwound_url or item.expanded_url or short
            links.append(Link(short=short, expanded=expanded))
    return links


def _media(tweet: Tweet, pool: _Pool) -> list[Media]:
    urls = (tweet.entities.urls if tweet.entities else None) or []
    # The t.co that stands for attached media: it carries a media_key, or points at /photo/ or /video/.
    media_short = next(
        (
            item.url or ""
            for item in urls
            if item.media_key
            or "/photo/" in (item.expanded_url or "")
            or "/video/" in (item.expanded_url or "")
        ),
        "",
    )
    media = []
    for key in (tweet.attachments.media_keys if tweet.attachments else None) or []:
        item = _known(pool.media.get(key))
        if not item:
            continue
        kind = item.type or "photo"
        poster = item.preview_image_url or ""
        url = item.url or ""
        if kind != "photo":
            best = best_mp4(
                (v.url or "", v.content_type or "", v.bit_rate or 0) for v in item.variants or []
            )
            url = best or url or poster
        if url:
            media.append(
                Media(kind=kind, url=url, alt=item.alt_text or "", short=media_short, poster=poster)
            )
    return media


def _checked_post(tweet: Tweet, pool: _Pool, source: str) -> Post:
    with reading_record(source, tweet.id):
        return _to_post(tweet, pool)


def _to_post(tweet: Tweet, pool: _Pool) -> Post:
    tweet_id = post_id(tweet.id)
    note = tweet.note_tweet
    long_form = note is not None and note.text is not None
    text = note.text if note is not None and note.text is not None else tweet.text
    # A note tweet's own entities go with its full text; the truncated text's link list may miss some.
    links = _links(note.entities if note is not None and long_form else tweet.entities)
    if long_form:
        known = {link.short for link in links}
        links += [link for link in _links(tweet.entities) if link.short not in known]
    refs: dict[str, str] = {}
    for ref in tweet.referenced_tweets or []:
        if ref.type and ref.id is not None:
            refs[ref.type] = post_id(ref.id, f"a referenced ({ref.type}) tweet id")
    author = _author(pool, optional_id(tweet.author_id, "author_id"))
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
            quoted_author = _author(pool, optional_id(quoted.author_id, "the quoted author_id"))
            quoted_note = quoted.note_tweet
            if quoted_note is not None and quoted_note.text is not None:
                quoted_text, quoted_links = quoted_note.text, _links(quoted_note.entities)
            else:
                quoted_text, quoted_links = quoted.text, _links(quoted.entities)
            quote = QuotedPost(
                id=quoted_id,
                url=quoted_url or status_url(quoted_author.handle, quoted_id),
                author=quoted_author,
                text=plain_text(quoted_text, quoted_links),
            )
        elif quoted_url:
            quote = QuotedPost(id=quoted_id, url=quoted_url)
    return Post(
        id=tweet_id,
        author=author,
        text=text,
        created_at=parse_date(tweet.created_at),
        reply_to=refs.get("replied_to"),
        reply_to_user=optional_id(tweet.in_reply_to_user_id, "in_reply_to_user_id"),
        conversation_id=optional_id(tweet.conversation_id, "conversation_id"),
        links=tuple(links),
        media=tuple(_media(tweet, pool)),
        quote=quote,
        quote_short=quote_short,
        escaped=True,
        is_repost="retweeted" in refs,
        long_form=long_form,
    )
