"""What every reader shares to validate at the edge: raw JSON converted into typed structs
(msgspec checks every type on the way), wrong values turned into one InputError naming the file
and the post, and a last check of the `Post`s a reader hands on, so nothing past the readers
ever sees a value of the wrong type, a date out of range or text that cannot be written.

The X-specific rules (dates, ids, status URLs, videos) are in `x.py`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, TypeVar

import msgspec

from ..errors import InputError
from ..model import Author, Link, Media, Post, QuotedPost, parse_iso

T = TypeVar("T")

# What a record of the right shape but with a wrong value raises while it is converted.
BAD_VALUE_ERRORS = (
    TypeError,
    AttributeError,
    KeyError,
    ValueError,
    IndexError,
    OverflowError,
    RecursionError,
)


def text_of(value: object) -> str:
    """A text field, "" when absent; anything else is a wrong value (see `reading_record`)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"expected text, found {type(value).__name__} {value!r:.40}")
    return value


def iso_time(value: object, field: str) -> datetime | None:
    """An ISO 8601 field (Mastodon's `created_at`, ActivityPub's `published`): None when absent,
    ValueError naming the field when it is anything but an ISO 8601 time."""
    if value is None or value == "":
        return None
    try:
        if isinstance(value, str):
            return parse_iso(value)
    except (ValueError, OverflowError):
        pass
    raise ValueError(f"{field} is not a date: {value!r:.40}")


def id_for_message(record: object, *keys: str) -> str:
    """The id of a raw record, for an error message only: the first of `keys` that holds a short
    string or integer ("" when none does)."""
    if not isinstance(record, dict):
        return ""
    for key in keys or ("id_str", "id"):
        value = record.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and len(str(value)) <= 40:
            return str(value)
    return ""


def convert(value: Any, kind: type[T], source: str, post_id: object = "") -> T:
    """`value` (parsed JSON) as the struct `kind`, every field's type checked; one InputError
    naming the file, the post and the field otherwise."""
    try:
        return msgspec.convert(value, kind)
    except msgspec.ValidationError as error:
        raise InputError(
            f"a field has an unexpected value ({error})", source=source, post_id=str(post_id or "")
        ) from None
    except RecursionError:
        raise InputError(
            "the data is nested too deeply", source=source, post_id=str(post_id or "")
        ) from None


@contextmanager
def reading_record(source: str, post_id: object = "") -> Iterator[None]:
    """Turn a wrong value inside one record (a number where text belongs, a date out of range)
    into one line that names the file and the post, instead of a traceback."""
    try:
        yield
    except BAD_VALUE_ERRORS as error:
        raise bad_value(error, source, post_id) from None


# Python's names for the JSON types it found, in the words a user's JSON has.
_JSON_TYPES = {
    "int": "a number",
    "float": "a number",
    "str": "text",
    "bool": "true or false",
    "NoneType": "null",
    "list": "a list",
    "dict": "an object",
}
# What Python says when a reader used a value as the type it expected, and what that type was.
_WRONG_TYPE = [
    (re.compile(r"'(\w+)' object has no attribute '(get|items|keys)'"), "an object"),
    (re.compile(r"'(\w+)' object is not iterable"), "a list"),
    (re.compile(r"'(\w+)' object is not subscriptable"), "an object or a list"),
    # A value used as a name (a block's type, a key): a list or object where text belongs.
    (re.compile(r"unhashable type: '(\w+)'"), "text"),
    (
        re.compile(r"'(\w+)' object has no attribute '(replace|strip|split|lower|startswith)'"),
        "text",
    ),
]


def in_json_terms(error: BaseException) -> str:
    """What a Python error met while reading a record means for the JSON the user has."""
    message = str(error)
    if isinstance(error, TypeError | AttributeError):
        for pattern, expected in _WRONG_TYPE:
            found = pattern.search(message)
            if found:
                return f"{_JSON_TYPES.get(found.group(1), found.group(1))} where {expected} belongs"
        return "a value of the wrong type"
    if isinstance(error, KeyError):
        return f"the field {message} is missing"
    if isinstance(error, IndexError):
        return "a list is shorter than the record says"
    if isinstance(error, OverflowError):
        return "a number is out of range"
    if isinstance(error, RecursionError):
        return "the data is nested too deeply"
    return message


def bad_value(error: BaseException, source: str, post_id: object = "") -> InputError:
    # The rules in x.py and below say what is wrong in words (a ValueError of our own); other
    # errors are Python's, said again in JSON's terms ("a number where a list belongs").
    detail = (
        str(error)
        if type(error) is ValueError
        else f"a field has an unexpected value ({in_json_terms(error)})"
    )
    post = str(post_id or "")
    # A message about the post's own id quotes it already ("id is not an X id: -15011…"): the
    # line names it once, not again as "post -15011…: ".
    return InputError(detail, source=source, post_id="" if post and post in detail else post)


# -- the last check ----------------------------------------------------------------------------

# Text that cannot be written as UTF-8 (lone surrogates, from a library caller's values).
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _text(value: object, what: str) -> None:
    if not isinstance(value, str):
        raise ValueError(f"{what} is {type(value).__name__}, not text")
    if _SURROGATE.search(value) is not None:
        raise ValueError(f"{what} holds a lone surrogate (not Unicode text)")


def _optional_text(value: object, what: str) -> None:
    if value is not None:
        _text(value, what)


def _author(author: object, what: str) -> None:
    if not isinstance(author, Author):
        raise ValueError(f"{what} is not an author")
    for name in ("id", "handle", "name", "profile_url"):
        _text(getattr(author, name), f"{what}.{name}")


def check_post(post: Post) -> Post:
    """`post` when every field has the type the model says and holds writable text; ValueError
    naming the field otherwise. The readers' last word on a post."""
    from .x import in_range  # dates of every platform share the range X's rule states

    for name in ("id", "text", "quote_short", "url"):
        _text(getattr(post, name), name)
    if not post.id:
        raise ValueError("the post has no id")
    _author(post.author, "author")
    for name in ("reply_to", "reply_to_user", "conversation_id"):
        _optional_text(getattr(post, name), name)
    if post.created_at is not None:
        if not isinstance(post.created_at, datetime) or post.created_at.tzinfo is None:
            raise ValueError("created_at is not a date with a time zone")
        in_range(post.created_at)
    for flag in ("escaped", "is_repost", "deleted", "long_form"):
        if not isinstance(getattr(post, flag), bool):
            raise ValueError(f"{flag} is not true or false")
    if not isinstance(post.links, tuple) or not isinstance(post.media, tuple):
        raise ValueError("links and media must be tuples")
    for link in post.links:
        if not isinstance(link, Link):
            raise ValueError("a link is not a Link")
        for name in ("short", "expanded"):
            _text(getattr(link, name), f"link {name}")
    for item in post.media:
        if not isinstance(item, Media):
            raise ValueError("a media item is not a Media")
        for name in ("kind", "url", "alt", "short", "poster", "local_path"):
            _text(getattr(item, name), f"media {name}")
    quote = post.quote
    if quote is not None:
        if not isinstance(quote, QuotedPost):
            raise ValueError("the quote is not a QuotedPost")
        for name in ("id", "url", "text"):
            _text(getattr(quote, name), f"quote {name}")
        if quote.author is not None:
            _author(quote.author, "quote author")
    return post


def checked_posts(posts: Iterable[Post], source: str) -> list[Post]:
    """Every post through `check_post`, a failure naming the file and the post."""
    result = []
    for post in posts:
        with reading_record(source, post.id if isinstance(post.id, str) else ""):
            result.append(check_post(post))
    return result
