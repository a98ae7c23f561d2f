"""Reader for the official X/Twitter account archive ("Download an archive of your data").

Reads `tweets.js` (or the older `tweet.js`, or `tweets-partN.js`), `account.js`, `note-tweet.js`
and `deleted-tweets.js` from an `ArchiveContainer` and turns the tweet records into `Post`s.
Format notes are in docs/formats.md, section 3. In short:
- every file is `window.YTD.<name>.partN = [ … ]`: JSON after the first `[`;
- every number is a string, ids included (we keep ids as strings);
- there is no user object: the owner comes from account.js (or manifest.js, or the tweets);
- quotes are only a status URL at the end of the text, retweets only an `RT @user: ` text;
- long posts are truncated in tweets.js and whole in note-tweet.js, with no id linking the two.

The parts: `decode` (bytes -> typed structs), `records` (entries, edits, thread members, the
owner), `notes` (long posts), `posts` (entries -> `Post`s); here the account and the entry points.

Speed matters (archives hold 100k+ tweets): tweets.js is decoded into small structs that hold
only the fields used here, and with `thread_posts_only` only the posts that can be in a thread
become `Post`s (see `records.thread_members`).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

import msgspec
import orjson

from ...errors import InputError
from ...memory import paused_gc
from ...model import Author
from .. import SourcePosts
from ..archive_container import (
    ArchiveContainer,
    FolderArchive,
    is_tweet_file_name,
    looks_like_archive,
    open_archive,
)
from ..common import reading_record
from ..jsonfile import BOM
from ..x import optional_id, parse_date
from .decode import decode_records, decode_tweet_records, parse_records
from .notes import NoteTweet, match_notes, parse_note_time, read_note_tweets
from .posts import TweetConverter
from .records import collapse_edits, infer_owner, read_entries, thread_members

__all__ = [
    "FORMAT_NAME",
    "decode_tweet_records",
    "is_archive",
    "open_source_archive",
    "parse_created_at",
    "parse_note_time",
    "parse_records",
    "read",
    "read_archive",
    "read_container",
    "sniff",
]

FORMAT_NAME = "twitter-archive"


def parse_created_at(text: str) -> datetime | None:
    """`Fri Mar 06 13:02:05 +0000 2026` -> aware datetime in UTC (`x.parse_date`)."""
    return parse_date(text)


# -- account --------------------------------------------------------------------------------------


class Account(msgspec.Struct):
    accountId: str | int | None = None
    username: str | None = None
    accountDisplayName: str | None = None


class AccountRecord(msgspec.Struct):
    account: Account | None = None


class ManifestUser(msgspec.Struct):
    accountId: str | int | None = None
    userName: str | None = None
    displayName: str | None = None


def read_account(container: ArchiveContainer) -> Author | None:
    for name in container.layout.account:
        where = container.describe(name)
        for record in decode_records(container.read_bytes(name), where, AccountRecord):
            account = record.account
            if account is not None and account.accountId:
                with reading_record(where):
                    return Author(
                        id=optional_id(account.accountId, "accountId") or "",
                        handle=account.username or "",
                        name=account.accountDisplayName or "",
                    )
    # manifest.js is optional: a userInfo of another shape is ignored like the rest of it.
    try:
        user = msgspec.convert(container.layout.manifest_user, ManifestUser)
        user_id = optional_id(user.accountId, "accountId")
    except (msgspec.ValidationError, ValueError):
        return None
    if user_id:
        return Author(id=user_id, handle=user.userName or "", name=user.displayName or "")
    return None


# -- public entry points ------------------------------------------------------------------------


def read_container(
    container: ArchiveContainer, *, strict_owner: bool = True, thread_posts_only: bool = False
) -> SourcePosts:
    """Read the posts of an open archive: all of them, or with `thread_posts_only` just those that
    can be in a thread of two or more posts (what listing and exporting threads need)."""
    with paused_gc():
        return _read_container(
            container, strict_owner=strict_owner, thread_posts_only=thread_posts_only
        )


def _read_container(
    container: ArchiveContainer, *, strict_owner: bool, thread_posts_only: bool
) -> SourcePosts:
    layout = container.layout
    account = read_account(container)
    notes: dict[datetime, list[NoteTweet]] = {}
    for name in layout.note_tweets:
        notes.update(read_note_tweets(container.read_bytes(name), container.describe(name)))
    entries = []
    for name in layout.tweets:
        entries.extend(read_entries(container.read_bytes(name), container.describe(name)))

    warnings: list[str] = list(container.warnings)
    if layout.deleted_tweets:
        known = {entry.id for entry in entries}
        for name in layout.deleted_tweets:
            for entry in read_entries(
                container.read_bytes(name), container.describe(name), deleted=True
            ):
                if entry.id not in known:
                    known.add(entry.id)
                    entries.append(entry)

    if account is None:
        account = infer_owner(entries)
        if account is None:
            if strict_owner:
                raise InputError(
                    "cannot tell whose archive this is: no account.js, no manifest.js userInfo, "
                    "and no reply to one of its own tweets",
                    source=container.label,
                )
            account = Author(id="", handle="")
        else:
            warnings.append(
                f"no account.js: took the owner from the tweets (id {account.id}"
                + (f", @{account.handle})" if account.handle else ")")
            )

    entries = collapse_edits(entries)
    match_notes(entries, notes)
    if thread_posts_only:
        entries = thread_members(entries)
    convert = TweetConverter(account, container.media_files()).convert
    posts = [convert(entry) for entry in entries]
    return SourcePosts(posts=posts, account=account, warnings=warnings, format_name=FORMAT_NAME)


def _single_file_archive(path: Path) -> bool:
    if not (path.is_file() and is_tweet_file_name(path.name)):
        return False
    with open(path, "rb") as handle:
        return handle.read(64).removeprefix(BOM).lstrip(b" \t\r\n").startswith(b"window.YTD.")


def is_archive(path: str | os.PathLike[str]) -> bool:
    """An archive folder (root or data/), an archive zip, or a lone `tweets.js`-style file."""
    path = Path(path)
    try:
        return looks_like_archive(path) or _single_file_archive(path)
    except OSError:
        return False


def open_source_archive(path: str | os.PathLike[str]) -> ArchiveContainer:
    """The container for `path`; a lone `data/tweets.js` opens its folder (for account.js, media)."""
    path = Path(path)
    if _single_file_archive(path):
        # The file named is read wherever a link puts it; the rest of its folder stays in bounds.
        real = Path(os.path.realpath(path))
        container = FolderArchive(real.parent, str(path))
        layout = container.layout
        layout.tweets = [real.name]
        return container
    return open_archive(path)


def read_archive(path: str | os.PathLike[str], *, thread_posts_only: bool = False) -> SourcePosts:
    with open_source_archive(path) as container:
        return read_container(container, thread_posts_only=thread_posts_only)


def sniff(data: Any) -> bool:
    """A tweets.js file's bytes (`window.YTD.tweet(s).partN = `) or its parsed records."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        head = bytes(data[:64]).removeprefix(BOM).lstrip(b" \t\r\n")
        return head.startswith(b"window.YTD.tweet")
    if isinstance(data, list) and data:
        first = data[0]
        return (
            isinstance(first, dict)
            and isinstance(first.get("tweet"), dict)
            and "full_text" in first["tweet"]
        )
    return False


def read(data: Any, source: str = "tweets.js") -> SourcePosts:
    """Read one tweets.js (bytes or parsed records) without the rest of the archive."""
    try:
        raw = (
            bytes(data) if isinstance(data, (bytes, bytearray, memoryview)) else orjson.dumps(data)
        )
    except (orjson.JSONEncodeError, TypeError) as error:
        raise InputError(f"not JSON records: {error}", source=source) from None
    entries = read_entries(raw, source)
    owner = infer_owner(entries)
    if owner is None:
        raise InputError(
            "cannot tell whose tweets these are without account.js: no reply to one of its own tweets",
            source=source,
        )
    convert = TweetConverter(owner, {}).convert
    posts = [convert(entry) for entry in collapse_edits(entries)]
    return SourcePosts(posts=posts, account=owner, format_name=FORMAT_NAME)
