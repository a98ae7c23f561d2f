"""Reader for the official X/Twitter account archive ("Download an archive of your data").

Reads `tweets.js` (or the older `tweet.js`, or `tweets-partN.js`), `account.js`, `note-tweet.js`
and `deleted-tweets.js` from an `ArchiveContainer` and turns the tweet records into `Post`s.
Format notes are in shared/realdata/FORMATS.md, section 3. In short:
- every file is `window.YTD.<name>.partN = [ … ]`: JSON after the first `[`;
- every number is a string, ids included (we keep ids as strings);
- there is no user object: the owner comes from account.js (or manifest.js, or the tweets);
- quotes are only a status URL at the end of the text, retweets only an `RT @user: ` text;
- long posts are truncated in tweets.js and whole in note-tweet.js, with no id linking the two.

Speed matters (archives hold 100k+ tweets): tweets.js is decoded into small structs that hold
only the fields used here (see `decode_tweet_records`), and with `thread_posts_only` only the
posts that can be in a thread become `Post`s (see `thread_members`).
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import msgspec
import orjson

from ..errors import InputError
from ..memory import paused_gc
from ..model import Author, Link, Media, Post, QuotedPost
from . import SourcePosts
from .archive_container import (
    ArchiveContainer,
    FolderArchive,
    is_tweet_file_name,
    looks_like_archive,
    open_archive,
    parse_js_assignment,
    payload_end,
    payload_start,
    position_text,
)
from .common import BAD_VALUE_ERRORS, bad_value, reading_record, text_of

FORMAT_NAME = "twitter-archive"

STATUS_URL = re.compile(
    r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/([A-Za-z0-9_]{1,15})/status(?:es)?/(\d+)/?(?:[?#].*)?$"
)
MONTHS = {
    name: number
    for number, name in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)
}
UTC = UTC
ELLIPSIS = "…"


# -- decoding tweets.js -----------------------------------------------------------------------
#
# A tweet record carries some forty fields; finding threads needs six of them and building a post
# a few more, and only for the posts that end up in threads. msgspec decodes straight into these
# small structs, skipping every other field without building it, and keeps `entities` as raw JSON
# to decode later for the posts that need it. Measured on 100k tweets: 0.18 s, against 1.7 s for a
# plain orjson.loads of the same file (which builds every field of every record as dicts).
# A value of the wrong type is reported with its path and the post it belongs to.


class EditVersions(msgspec.Struct):
    editTweetIds: Any = None


class EditControl(msgspec.Struct):
    editControlInitial: EditVersions | None = None


class EditInfo(msgspec.Struct):
    initial: EditVersions | None = None  # exports from 2023 on
    edit: EditControl | None = None  # an edited version's own record


class ArchiveTweet(msgspec.Struct):
    # Archives write every id as a string; a number is taken too (as the API's `id` is one).
    # Any other type is reported, naming the post.
    id_str: str | int | None = None
    id: str | int | None = None
    full_text: str | None = None
    text: str | None = None
    created_at: str | None = None
    in_reply_to_status_id_str: str | int | None = None
    in_reply_to_status_id: str | int | None = None
    in_reply_to_user_id_str: str | int | None = None
    in_reply_to_user_id: str | int | None = None
    in_reply_to_screen_name: str | None = None
    retweeted: Any = None
    edit_info: EditInfo | None = None
    entities: msgspec.Raw = msgspec.Raw()
    extended_entities: msgspec.Raw = msgspec.Raw()


class ArchiveRecord(msgspec.Struct):
    tweet: ArchiveTweet | None = None


_RECORDS = msgspec.json.Decoder(list[ArchiveRecord])
_PATH_INDEX = re.compile(r"`\$\[(\d+)\]")


def decode_tweet_records(data: bytes, where: str) -> list[ArchiveRecord]:
    """The records of a tweets.js-style file (`window.YTD.tweets.partN = [ … ]`).

    The structs refer to `data` (their raw `entities`), so it stays in memory while they live.
    Malformed JSON is reported with its line and column; a record of the wrong shape names its post.
    """
    start = payload_start(data, where)
    end = payload_end(data, start)
    if data[start] != 0x5B:  # "["
        raise InputError(f"expected a JSON array at {position_text(data, start)}", source=where)
    try:
        return _RECORDS.decode(memoryview(data)[start:end])
    except msgspec.ValidationError as error:
        raise _shape_error(data, start, end, where, str(error)) from None
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError) as error:
        # Malformed JSON, bytes that are not UTF-8, absurd nesting: orjson states the exact
        # position of the fault; msgspec does not.
        _parse_array(data, start, end, where)
        raise InputError(f"invalid JSON: {error}", source=where) from None


def _shape_error(data: bytes, start: int, end: int, where: str, message: str) -> InputError:
    """`Expected object, got str - at $[12].tweet` -> one line naming the post of record 12
    (or the record, when it has no id to name)."""
    found = _PATH_INDEX.search(message)
    if not found:
        return InputError(f"unexpected value ({message})", source=where)
    number = int(found.group(1))
    record = _parse_array(data, start, end, where)[number]
    tweet = record.get("tweet") if isinstance(record, dict) else None
    post_id = str(tweet.get("id_str") or tweet.get("id") or "") if isinstance(tweet, dict) else ""
    expected, _, path = message.partition(" - at ")
    path = path.strip("`")
    if post_id:
        return InputError(
            f"a field has an unexpected value at {path} ({expected})", source=where, post_id=post_id
        )
    return InputError(
        f"record {number + 1} has an unexpected value at {path} ({expected})", source=where
    )


def _parse_array(data: bytes, start: int, end: int, where: str) -> list[Any]:
    try:
        return orjson.loads(memoryview(data)[start:end])
    except orjson.JSONDecodeError as error:
        raise _json_error(data, start + error.pos, error.msg, where) from None


def _json_error(data: bytes, offset: int, message: str, where: str) -> InputError:
    kind = (
        "truncated" if "end of data" in message or offset >= len(data.rstrip()) - 1 else "invalid"
    )
    return InputError(f"{kind} JSON at {position_text(data, offset)}: {message}", source=where)


def parse_records(data: bytes, where: str) -> list[Any]:
    """All records of a small data file (account.js, note-tweet.js, …)."""
    value = parse_js_assignment(data, where)
    if not isinstance(value, list):
        raise InputError("expected a JSON array of records", source=where)
    return value


# -- small field parsers ----------------------------------------------------------------------


def parse_created_at(text: str) -> datetime | None:
    """`Fri Mar 06 13:02:05 +0000 2026` -> aware datetime; about 8x faster than strptime."""
    try:
        _, month, day, clock, zone, year = text.split()
        moment = datetime(
            int(year),
            MONTHS[month],
            int(day),
            int(clock[0:2]),
            int(clock[3:5]),
            int(clock[6:8]),
            tzinfo=UTC,
        )
    except (ValueError, KeyError, AttributeError):
        return None
    if zone != "+0000":
        try:
            sign = -1 if zone[0] == "-" else 1
            moment -= sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))
        except (ValueError, IndexError):
            return None
    return moment


def parse_note_time(text: str) -> datetime | None:
    """note-tweet.js `createdAt` (`2023-10-13T14:58:50.000Z`), to the second."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0)


def _file_name_of(url: str) -> str:
    return url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]


def _best_mp4(variants: list[dict[str, Any]]) -> str:
    best_url = ""
    best_rate = -1
    for variant in variants:
        if variant.get("content_type", "video/mp4") != "video/mp4" or not variant.get("url"):
            continue
        try:
            rate = int(variant.get("bitrate") or 0)
        except (TypeError, ValueError):
            rate = 0
        if rate > best_rate:
            best_rate, best_url = rate, variant["url"]
    return best_url


# -- note tweets --------------------------------------------------------------------------------


@dataclass
class NoteTweet:
    text: str  # not HTML-escaped
    links: tuple[Link, ...]
    # Text with short links expanded and whitespace collapsed, to compare with a tweet's prefix.
    comparable: str
    taken: bool = False


def _collapse(text: str) -> str:
    return " ".join(text.split())


def index_note_tweets(records: list[Any]) -> dict[datetime, list[NoteTweet]]:
    by_second: dict[datetime, list[NoteTweet]] = {}
    for record in records:
        note = record.get("noteTweet") if isinstance(record, dict) else None
        if not isinstance(note, dict):
            continue
        moment = parse_note_time(note.get("createdAt", ""))
        core = note.get("core") or {}
        text = core.get("text")
        if moment is None or not isinstance(text, str):
            continue
        links = tuple(
            Link(
                item["shortUrl"],
                item.get("expandedUrl") or item["shortUrl"],
                item.get("displayUrl", "") or "",
            )
            for item in core.get("urls") or ()
            if isinstance(item, dict) and item.get("shortUrl")
        )
        comparable = text
        for link in links:
            comparable = comparable.replace(link.short, link.expanded)
        by_second.setdefault(moment, []).append(NoteTweet(text, links, _collapse(comparable)))
    return by_second


def _tweet_prefix(full_text: str, links: tuple[Link, ...], media_shorts: set[str]) -> str:
    """What a truncated tweet shows of its note: unescaped, links expanded, `…` tail dropped."""
    text = html.unescape(full_text)
    for short in media_shorts:
        text = text.replace(short, "")
    for link in links:
        text = text.replace(link.short, link.expanded)
    text = text.rstrip()
    # A truncated note ends `…` and may be followed by its quote/media link: cut at the last `…`.
    cut = text.rfind(ELLIPSIS)
    if cut != -1 and cut >= len(text) - 120:
        tail = text[cut + 1 :].strip()
        if not tail or all(word.startswith("http") for word in tail.split()):
            text = text[:cut]
    return _collapse(text)


def match_note(
    notes: list[NoteTweet], full_text: str, links: tuple[Link, ...], media_shorts: set[str]
) -> NoteTweet | None:
    prefix = _tweet_prefix(full_text, links, media_shorts)
    if not prefix:
        return None
    for note in notes:
        if not note.taken and note.comparable.startswith(prefix):
            return note
    # A shorter prefix forgives a differently shortened last word or link.
    short_prefix = prefix[:60]
    if len(short_prefix) >= 20:
        for note in notes:
            if not note.taken and note.comparable.startswith(short_prefix):
                return note
    return None


# -- records -> posts ---------------------------------------------------------------------------


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
        tweet_id = _id_text(tweet.id_str or tweet.id)
        if not tweet_id:
            raise InputError("a tweet record has no id_str", source=where)
        self.id = tweet_id
        self.tweet = tweet
        self.where = where
        self.deleted = deleted
        full_text = tweet.full_text
        if full_text is None:
            full_text = tweet.text or ""
        self.full_text = full_text
        self.reply_to = _id_text(tweet.in_reply_to_status_id_str or tweet.in_reply_to_status_id)
        self.reply_to_user = _id_text(tweet.in_reply_to_user_id_str or tweet.in_reply_to_user_id)
        self.is_repost = full_text.startswith("RT @") or tweet.retweeted is True
        self.edit_group = _edit_group(tweet.edit_info) if tweet.edit_info is not None else ()
        # The long form of the post, from note-tweet.js (see `match_notes`).
        self.note: NoteTweet | None = None


def _id_text(value: str | int | None) -> str | None:
    """Ids stay strings ("" and None: no id)."""
    if value.__class__ is str:
        return value or None
    return None if value is None else str(value)


def _edit_group(info: EditInfo) -> tuple[str, ...]:
    """All ids of an edited post's versions; () for a post that was never edited."""
    versions = info.initial
    if (versions is None or not versions.editTweetIds) and info.edit is not None:
        versions = info.edit.editControlInitial
    ids = versions.editTweetIds if versions is not None else None
    if not ids or len(ids) < 2:
        return ()
    return tuple(str(item) for item in ids)


def read_entries(data: bytes, where: str, *, deleted: bool = False) -> list[ArchiveEntry]:
    entries = []
    for record in decode_tweet_records(data, where):
        tweet = record.tweet
        if tweet is None:
            continue
        try:
            entries.append(ArchiveEntry(tweet, where, deleted))
        except BAD_VALUE_ERRORS as error:  # an edit id list that is not a list
            raise bad_value(error, where, tweet.id_str or tweet.id) from None
    return entries


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


def _links_and_media(tweet: ArchiveTweet) -> tuple[tuple[Link, ...], list[dict[str, Any]]]:
    """The tweet's short links and its media entities (decoded only now, for the posts that
    need them)."""
    entities = (msgspec.json.decode(tweet.entities) if tweet.entities else None) or {}
    links: tuple[Link, ...] = ()
    url_entities = entities.get("urls")
    if url_entities:
        links = tuple(
            Link(
                item["url"], item.get("expanded_url") or item["url"], item.get("display_url") or ""
            )
            for item in url_entities
            if item.get("url")
        )
    extended = (
        msgspec.json.decode(tweet.extended_entities) if tweet.extended_entities else None
    ) or {}
    return links, extended.get("media") or entities.get("media") or []


_MONTH_NAMES = tuple(MONTHS)


def match_notes(entries: list[ArchiveEntry], notes: dict[datetime, list[NoteTweet]]) -> None:
    """Give each truncated post its long form (`entry.note`), looking at every post of the archive
    in its order, so that which posts are built afterwards never changes which note a post gets.
    Only posts made in the same second as a note are compared: their `created_at`, in the
    archive's own form, is looked up before any date is parsed."""
    if not notes:
        return
    seconds = {
        f"{_MONTH_NAMES[moment.month - 1]} {moment.day:02d} {moment:%H:%M:%S} +0000 {moment.year}"
        for moment in notes
    }
    for entry in entries:
        stamp = entry.tweet.created_at
        if not stamp or (stamp[4:] not in seconds and "+0000" in stamp):
            continue
        with reading_record(entry.where, entry.id):
            candidates = notes.get(parse_created_at(stamp))  # type: ignore[arg-type]
            if not candidates:
                continue
            links, media_items = _links_and_media(entry.tweet)
            media_shorts = {item["url"] for item in media_items if item.get("url")}
            note = match_note(candidates, entry.full_text, links, media_shorts)
        if note is not None:
            note.taken = True
            entry.note = note


class TweetConverter:
    """Turns archive entries into `Post`s; one instance per archive read."""

    def __init__(self, author: Author, media_files: dict[str, str]) -> None:
        self.author = author
        self.media_files = media_files

    def convert(self, entry: ArchiveEntry) -> Post:
        try:
            return self._convert(entry)
        except BAD_VALUE_ERRORS as error:
            raise bad_value(error, entry.where, entry.id) from None

    def _convert(self, entry: ArchiveEntry) -> Post:
        tweet = entry.tweet
        tweet_id = entry.id
        full_text = entry.full_text
        links, media_items = _links_and_media(tweet)
        quote = None
        quote_short = ""
        media: tuple[Media, ...] = ()
        media_shorts: set[str] = set()
        if media_items:
            # An edited post's media file may carry the id of another version.
            owner_ids = (tweet_id,) + tuple(
                other for other in entry.edit_group if other != tweet_id
            )
            media = tuple(self._media(owner_ids, item) for item in media_items)
            media_shorts = {item.short for item in media if item.short}

        if links:
            quote, quote_short = self._quote(full_text, links, media_shorts)

        created_at = parse_created_at(tweet.created_at or "")
        text = full_text
        escaped = True
        long_form = False
        note = entry.note
        if note is not None:
            text = note.text
            escaped = False
            long_form = True
            quote_link = tuple(link for link in links if link.short == quote_short)
            links = note.links + quote_link

        return Post(
            id=tweet_id,
            author=self.author,
            text=text,
            created_at=created_at,
            reply_to=entry.reply_to,
            reply_to_user=entry.reply_to_user,
            links=links,
            media=media,
            quote=quote,
            quote_short=quote_short,
            escaped=escaped,
            is_repost=entry.is_repost,
            deleted=entry.deleted,
            long_form=long_form,
        )

    def _media(self, owner_ids: tuple[str, ...], item: dict[str, Any]) -> Media:
        kind = item.get("type") or "photo"
        image = item.get("media_url_https") or item.get("media_url") or ""
        candidates = [image]
        url = image
        poster = ""
        if kind in ("video", "animated_gif"):
            variants = (item.get("video_info") or {}).get("variants") or ()
            best = _best_mp4(variants)
            if best:
                url, poster = best, image
                # The archive keeps one mp4 per video, usually the best; try that one first.
                candidates = [best] + [variant.get("url", "") for variant in variants] + [image]
        local_path = ""
        if self.media_files:
            names = [_file_name_of(candidate) for candidate in candidates if candidate]
            local_path = next(
                (
                    self.media_files[key]
                    for owner in owner_ids
                    for name in names
                    if (key := f"{owner}-{name}") in self.media_files
                ),
                "",
            )
        return Media(
            kind=kind,
            url=url,
            alt=item.get("ext_alt_text") or "",
            short=item.get("url") or "",
            poster=poster,
            local_path=local_path,
        )

    @staticmethod
    def _quote(
        full_text: str, links: tuple[Link, ...], media_shorts: set[str]
    ) -> tuple[QuotedPost | None, str]:
        """A status link at the very end of the text is the quoted post (the archive has no other sign)."""
        tail = full_text.rstrip()
        stripped = True
        while stripped:
            stripped = False
            for short in media_shorts:
                if tail.endswith(short):
                    tail = tail[: -len(short)].rstrip()
                    stripped = True
        for link in reversed(links):
            if "/status" not in link.expanded or not tail.endswith(link.short):
                continue
            match = STATUS_URL.match(link.expanded)
            if match:
                handle, status_id = match.groups()
                author = Author(id="", handle=handle)
                return QuotedPost(id=status_id, url=link.expanded, author=author), link.short
        return None, ""


# -- account --------------------------------------------------------------------------------------


def read_account(container: ArchiveContainer) -> Author | None:
    for name in container.layout.account:
        records = parse_records(container.read_bytes(name), container.describe(name))
        for record in records:
            account = record.get("account") if isinstance(record, dict) else None
            if isinstance(account, dict) and account.get("accountId"):
                with reading_record(container.describe(name)):
                    return Author(
                        id=str(account["accountId"]),
                        handle=text_of(account.get("username")),
                        name=text_of(account.get("accountDisplayName")),
                    )
    user = container.layout.manifest_user
    if user.get("accountId"):
        with reading_record("data/manifest.js"):
            return Author(
                id=str(user["accountId"]),
                handle=text_of(user.get("userName")),
                name=text_of(user.get("displayName")),
            )
    return None


def infer_owner(entries: list[ArchiveEntry]) -> Author | None:
    """Without account.js: a reply to a tweet of this archive is a self-reply, so its target user
    is the owner (handles change, ids do not)."""
    own_ids = {entry.id for entry in entries}
    for entry in entries:
        if entry.reply_to in own_ids and entry.reply_to_user:
            with reading_record(entry.where, entry.id):
                return Author(
                    id=entry.reply_to_user, handle=text_of(entry.tweet.in_reply_to_screen_name)
                )
    return None


# -- edits ---------------------------------------------------------------------------------------


def collapse_edits(entries: list[ArchiveEntry]) -> list[ArchiveEntry]:
    """Keep the latest version (highest id present) of each edited post.

    Replies that point at an older version are re-pointed at the kept one so threads stay linked.
    """
    groups = {entry.id: entry.edit_group for entry in entries if entry.edit_group}
    if not groups:
        return entries
    present = set(groups)
    superseded: dict[str, str] = {}
    for post_id, group in groups.items():
        versions = [version for version in group if version in present] or [post_id]
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
        notes.update(
            index_note_tweets(parse_records(container.read_bytes(name), container.describe(name)))
        )
    entries: list[ArchiveEntry] = []
    for name in layout.tweets:
        entries.extend(read_entries(container.read_bytes(name), container.describe(name)))

    warnings: list[str] = []
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
        return handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"window.YTD.")


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
        head = bytes(data[:64]).lstrip(b"\xef\xbb\xbf \t\r\n")
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
    raw = bytes(data) if isinstance(data, (bytes, bytearray, memoryview)) else orjson.dumps(data)
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
