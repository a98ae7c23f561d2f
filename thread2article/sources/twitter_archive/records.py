"""Tweet records as entries: what grouping needs read off each record (ids, reply links, repost,
edit versions), before any `Post` is built; and the rules over all entries: which can be in a
thread, which edit version is kept, whose archive it is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...errors import InputError
from ...model import Author, Link
from ..common import BAD_VALUE_ERRORS, bad_value, reading_record
from ..x import optional_id, post_id
from ..x_entities import MediaEntity
from .decode import ArchiveTweet, EditInfo, decode_entities, decode_tweet_records

if TYPE_CHECKING:
    from .notes import NoteTweet


class ArchiveEntry:
    """A tweet record with what grouping needs read off it. Its `Post` is built later, and only
    when the tweet can belong to a thread (see `thread_members`)."""

    __slots__ = (
        "id",
        "tweet",
        "where",
        "deleted",
        "reply_to",
        "reply_to_user",
        "is_repost",
        "full_text",
        "edit_group",
        "note",
    )

    def __init__(self, tweet: ArchiveTweet, where: str, deleted: bool) -> None:
        raw_id = tweet.id_str if tweet.id_str not in (None, "") else tweet.id
        if raw_id is None or raw_id == "":
            raise InputError("a tweet record has no id_str", source=where)
        self.id = post_id(raw_id, "id_str")
        self.tweet = tweet
        self.where = where
        self.deleted = deleted
        full_text = tweet.full_text
        if full_text is None:
            full_text = tweet.text or ""
        self.full_text = full_text
        self.reply_to = optional_id(
            tweet.in_reply_to_status_id_str or tweet.in_reply_to_status_id,
            "in_reply_to_status_id_str",
        )
        self.reply_to_user = optional_id(
            tweet.in_reply_to_user_id_str or tweet.in_reply_to_user_id, "in_reply_to_user_id_str"
        )
        self.is_repost = full_text.startswith("RT @") or tweet.retweeted is True
        self.edit_group = _edit_group(tweet.edit_info) if tweet.edit_info is not None else ()
        # The long form of the post, from note-tweet.js (see `notes.match_notes`).
        self.note: NoteTweet | None = None


def _edit_group(info: EditInfo) -> tuple[str, ...]:
    """All ids of an edited post's versions; () for a post that was never edited."""
    versions = info.initial
    if (versions is None or not versions.editTweetIds) and info.edit is not None:
        versions = info.edit.editControlInitial
    ids = versions.editTweetIds if versions is not None else None
    if not ids or len(ids) < 2:
        return ()
    return tuple(post_id(item, "an editTweetIds item") for item in ids)


def read_entries(data: bytes, where: str, *, deleted: bool = False) -> list[ArchiveEntry]:
    entries = []
    for record in decode_tweet_records(data, where):
        tweet = record.tweet
        if tweet is None:
            continue
        try:
            entries.append(ArchiveEntry(tweet, where, deleted))
        except BAD_VALUE_ERRORS as error:  # an id that is no X id
            named = tweet.id_str if tweet.id_str is not None else tweet.id
            raise bad_value(error, where, str(named)[:40] if named is not None else "") from None
    return entries


def links_and_media(tweet: ArchiveTweet) -> tuple[tuple[Link, ...], list[MediaEntity]]:
    """The tweet's short links and its media entities (decoded only now, for the posts that
    need them); ValueError when they hold a value of the wrong type."""
    entities = decode_entities(tweet.entities, "entities")
    links: tuple[Link, ...] = ()
    if entities.urls:
        links = tuple(
            Link(item.url, item.expanded_url or item.url) for item in entities.urls if item.url
        )
    extended = decode_entities(tweet.extended_entities, "extended_entities")
    return links, extended.media or entities.media or []


def thread_members(entries: list[ArchiveEntry]) -> list[ArchiveEntry]:
    """The entries that can be part of a thread of two or more posts: every self-reply and the
    post it answers. Everything in an archive is by its owner, so a reply to a tweet of the
    archive is a self-reply, exactly as `find_threads` links them (retweets never take part).
    Building posts only for these skips about half the work on a typical archive."""
    ids = {entry.id for entry in entries if not entry.is_repost}
    wanted: set[str] = set()
    for entry in entries:
        if entry.reply_to in ids and not entry.is_repost and entry.reply_to != entry.id:
            wanted.add(entry.id)
            wanted.add(entry.reply_to)
    return [entry for entry in entries if entry.id in wanted]


def collapse_edits(entries: list[ArchiveEntry]) -> list[ArchiveEntry]:
    """Keep the latest version (highest id present) of each edited post.

    Replies that point at an older version are re-pointed at the kept one so threads stay linked.
    """
    groups = {entry.id: entry.edit_group for entry in entries if entry.edit_group}
    if not groups:
        return entries
    present = set(groups)
    superseded: dict[str, str] = {}
    for tweet_id, group in groups.items():
        versions = [version for version in group if version in present] or [tweet_id]
        latest = max(versions, key=lambda version: (len(version), version))
        for version in group:
            if version != latest:
                superseded[version] = latest
    kept: list[ArchiveEntry] = []
    for entry in entries:
        if entry.id in superseded:
            continue
        if entry.reply_to in superseded:
            entry.reply_to = superseded[entry.reply_to]
        kept.append(entry)
    return kept


def infer_owner(entries: list[ArchiveEntry]) -> Author | None:
    """Without account.js: a reply to a tweet of this archive is a self-reply, so its target user
    is the owner (handles change, ids do not)."""
    own_ids = {entry.id for entry in entries}
    for entry in entries:
        if entry.reply_to in own_ids and entry.reply_to_user:
            with reading_record(entry.where, entry.id):
                return Author(
                    id=entry.reply_to_user, handle=entry.tweet.in_reply_to_screen_name or ""
                )
    return None
