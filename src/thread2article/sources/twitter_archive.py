"""Reader for the official X/Twitter account archive ("Download an archive of your data").

Reads `tweets.js` (or the older `tweet.js`, or `tweets-partN.js`), `account.js`, `note-tweet.js`
and `deleted-tweets.js` from an `ArchiveContainer` and turns every record into a `Post`.
Format notes are in shared/realdata/FORMATS.md, section 3. In short:
- every file is `window.YTD.<name>.partN = [ … ]`: JSON after the first `[`;
- every number is a string, ids included (we keep ids as strings);
- there is no user object: the owner comes from account.js (or manifest.js, or the tweets);
- quotes are only a status URL at the end of the text, retweets only an `RT @user: ` text;
- long posts are truncated in tweets.js and whole in note-tweet.js, with no id linking the two.

Speed matters (archives hold 100k+ tweets): the big file is parsed in chunks of whole records so
the full JSON tree never exists at once, and each chunk becomes `Post`s straight away.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterator

import orjson

from ..errors import InputError
from ..model import Author, Link, Media, Post, QuotedPost
from ..memory import paused_gc
from . import SourcePosts
from .common import BAD_VALUE_ERRORS, bad_value, reading_record, text_of
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

FORMAT_NAME = "twitter-archive"

# Records per parsed chunk are bounded by bytes: small enough that one chunk's JSON tree is a
# fraction of the posts built from the whole file, large enough that orjson call overhead vanishes.
CHUNK_BYTES = 4 * 1024 * 1024

STATUS_URL = re.compile(
    r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/([A-Za-z0-9_]{1,15})/status(?:es)?/(\d+)/?(?:[?#].*)?$"
)
MONTHS = {name: number for number, name in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}
UTC = timezone.utc
ELLIPSIS = "…"


# -- parsing the wrapper in chunks ------------------------------------------------------------


def iter_record_chunks(data: bytes, where: str, *, chunk_bytes: int = CHUNK_BYTES) -> Iterator[list[Any]]:
    """Yield the array's elements in lists of whole records, parsing one chunk at a time.

    Pretty-printed archives close every top-level record on its own line at one indentation
    (`\\n  },` in new exports, `\\n}, {` in old ones); JSON strings cannot hold a raw newline, so
    that byte pattern is a safe record boundary. Files without it (one-line wrappers) and any
    chunk that does not parse are handed to orjson whole, which also gives exact error positions.
    """
    start = payload_start(data, where)
    end = payload_end(data, start)
    if data[start] != 0x5B:  # "["
        raise InputError(f"expected a JSON array at {position_text(data, start)}", source=where)
    separator = _record_separator(data, start, end)
    if separator is None or end - start <= chunk_bytes:
        yield _parse_array(data, start, end, where)
        return
    position = start + 1
    while position < end and data[position] in b" \t\r\n":
        position += 1
    while True:
        cut = data.find(separator, position + chunk_bytes, end)
        if cut == -1:
            # The rest, including the closing `]` (nothing but `]` when the last cut was the end).
            tail = _parse_tail(data, position, end, where)
            if tail:
                yield tail
            return
        record_end = cut + len(separator)  # just after the record's `}`
        chunk = b"[" + data[position:record_end] + b"]"
        try:
            records = orjson.loads(chunk)
        except orjson.JSONDecodeError:
            # Not a boundary after all (an unusual layout): parse everything left in one go.
            yield _parse_tail(data, position, end, where)
            return
        del chunk
        yield records
        position = record_end
        while position < end and data[position] in b" \t\r\n":
            position += 1
        if position < end and data[position] == 0x2C:  # ","
            position += 1
        while position < end and data[position] in b" \t\r\n":
            position += 1


def _record_separator(data: bytes, start: int, end: int) -> bytes | None:
    """`\\n<indent>}` that closes every top-level record, read off the last record."""
    if end - start < 2 or data[end - 1] != 0x5D:  # "]"
        return None
    close = end - 2
    while close > start and data[close] in b" \t\r\n":
        close -= 1
    if data[close] != 0x7D:  # "}"
        return None
    line_start = data.rfind(b"\n", start, close)
    if line_start == -1:
        return None
    indent = data[line_start + 1 : close]
    if indent.strip(b" \t"):
        return None
    return b"\n" + indent + b"}"


def _parse_array(data: bytes, start: int, end: int, where: str) -> list[Any]:
    try:
        return orjson.loads(memoryview(data)[start:end])
    except orjson.JSONDecodeError as error:
        raise _json_error(data, start + error.pos, error.msg, where) from None


def _parse_tail(data: bytes, position: int, end: int, where: str) -> list[Any]:
    try:
        return orjson.loads(b"[" + data[position:end])
    except orjson.JSONDecodeError as error:
        raise _json_error(data, position + error.pos - 1, error.msg, where) from None


def _json_error(data: bytes, offset: int, message: str, where: str) -> InputError:
    kind = "truncated" if "end of data" in message or offset >= len(data.rstrip()) - 1 else "invalid"
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
            int(year), MONTHS[month], int(day), int(clock[0:2]), int(clock[3:5]), int(clock[6:8]), tzinfo=UTC
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
            Link(item["shortUrl"], item.get("expandedUrl") or item["shortUrl"], item.get("displayUrl", "") or "")
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


@dataclass
class ReadState:
    """What converting records learns on the way (edit groups, the owner when unknown)."""

    # id -> all ids of the edit group, for records that are one of several versions.
    edit_groups: dict[str, tuple[str, ...]]
    # reply_to id -> in_reply_to_screen_name, kept only while the owner is unknown.
    reply_screen_names: dict[str, str] | None


class TweetConverter:
    """Turns archive tweet records into `Post`s; one instance per archive read."""

    def __init__(
        self,
        author: Author,
        media_files: dict[str, str],
        notes: dict[datetime, list[NoteTweet]],
        *,
        collect_owner_hints: bool,
    ) -> None:
        self.author = author
        self.media_files = media_files
        self.notes = notes
        self.state = ReadState(edit_groups={}, reply_screen_names={} if collect_owner_hints else None)

    def convert(self, record: Any, where: str, *, deleted: bool = False) -> Post | None:
        try:
            return self._convert(record, where, deleted=deleted)
        except BAD_VALUE_ERRORS as error:
            tweet = record.get("tweet") if isinstance(record, dict) else None
            post_id = str(tweet.get("id_str") or tweet.get("id") or "") if isinstance(tweet, dict) else ""
            raise bad_value(error, where, post_id) from None

    def _convert(self, record: Any, where: str, *, deleted: bool = False) -> Post | None:
        tweet = record.get("tweet") if isinstance(record, dict) else None
        if not isinstance(tweet, dict):
            return None
        tweet_id = tweet.get("id_str") or tweet.get("id")
        if not tweet_id:
            raise InputError("a tweet record has no id_str", source=where)
        tweet_id = str(tweet_id)
        edit_group: tuple[str, ...] = ()
        edit_info = tweet.get("edit_info")
        if edit_info:
            initial = edit_info.get("initial") or (edit_info.get("edit") or {}).get("editControlInitial") or {}
            edit_ids = initial.get("editTweetIds") or ()
            if len(edit_ids) > 1:
                edit_group = tuple(str(item) for item in edit_ids)
                self.state.edit_groups[tweet_id] = edit_group

        full_text = tweet.get("full_text")
        if full_text is None:
            full_text = tweet.get("text") or ""
        entities = tweet.get("entities") or {}

        links: tuple[Link, ...] = ()
        quote = None
        quote_short = ""
        url_entities = entities.get("urls")
        if url_entities:
            links = tuple(
                Link(item["url"], item.get("expanded_url") or item["url"], item.get("display_url") or "")
                for item in url_entities
                if item.get("url")
            )

        media: tuple[Media, ...] = ()
        media_shorts: set[str] = set()
        media_items = (tweet.get("extended_entities") or {}).get("media") or entities.get("media")
        if media_items:
            # An edited post's media file may carry the id of another version.
            owner_ids = (tweet_id,) + tuple(other for other in edit_group if other != tweet_id)
            media = tuple(self._media(owner_ids, item) for item in media_items)
            media_shorts = {item.short for item in media if item.short}

        if links:
            quote, quote_short = self._quote(full_text, links, media_shorts)

        created_at = parse_created_at(tweet.get("created_at", ""))
        text = full_text
        escaped = True
        long_form = False
        if self.notes and created_at is not None:
            candidates = self.notes.get(created_at)
            if candidates:
                note = match_note(candidates, full_text, links, media_shorts)
                if note is not None:
                    note.taken = True
                    text = note.text
                    escaped = False
                    long_form = True
                    quote_link = tuple(link for link in links if link.short == quote_short)
                    links = note.links + quote_link

        reply_to = tweet.get("in_reply_to_status_id_str") or tweet.get("in_reply_to_status_id") or None
        reply_to_user = tweet.get("in_reply_to_user_id_str") or tweet.get("in_reply_to_user_id") or None
        if reply_to is not None and self.state.reply_screen_names is not None:
            screen_name = tweet.get("in_reply_to_screen_name")
            if screen_name:
                self.state.reply_screen_names[reply_to] = screen_name

        return Post(
            id=tweet_id,
            author=self.author,
            text=text,
            created_at=created_at,
            reply_to=reply_to,
            reply_to_user=reply_to_user,
            links=links,
            media=media,
            quote=quote,
            quote_short=quote_short,
            escaped=escaped,
            is_repost=full_text.startswith("RT @") or tweet.get("retweeted") is True,
            deleted=deleted,
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
                (self.media_files[key] for owner in owner_ids for name in names if (key := f"{owner}-{name}") in self.media_files),
                "",
            )
        return Media(kind=kind, url=url, alt=item.get("ext_alt_text") or "", short=item.get("url") or "",
                     poster=poster, local_path=local_path)

    @staticmethod
    def _quote(full_text: str, links: tuple[Link, ...], media_shorts: set[str]) -> tuple[QuotedPost | None, str]:
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
            return Author(id=str(user["accountId"]), handle=text_of(user.get("userName")), name=text_of(user.get("displayName")))
    return None


def infer_owner(posts: list[Post], screen_names: dict[str, str]) -> Author | None:
    """Without account.js: a reply to a tweet of this archive is a self-reply, so its target user
    is the owner (handles change, ids do not)."""
    own_ids = {post.id for post in posts}
    for post in posts:
        if post.reply_to in own_ids and post.reply_to_user:
            return Author(id=post.reply_to_user, handle=screen_names.get(post.reply_to, ""))
    return None


# -- edits ---------------------------------------------------------------------------------------


def collapse_edits(posts: list[Post], edit_groups: dict[str, tuple[str, ...]]) -> tuple[list[Post], dict[str, str]]:
    """Keep the latest version (highest id present) of each edited post; return old id -> kept id.

    Replies that point at an older version are re-pointed at the kept one so threads stay linked.
    """
    if not edit_groups:
        return posts, {}
    present = {post.id for post in posts if post.id in edit_groups}
    superseded: dict[str, str] = {}
    for post_id, group in edit_groups.items():
        versions = [version for version in group if version in present] or [post_id]
        latest = max(versions, key=lambda version: (len(version), version))
        for version in group:
            if version != latest:
                superseded[version] = latest
    kept: list[Post] = []
    for post in posts:
        if post.id in superseded:
            continue
        if post.reply_to in superseded:
            post = replace(post, reply_to=superseded[post.reply_to])
        kept.append(post)
    return kept, superseded


# -- public entry points ------------------------------------------------------------------------


def read_container(container: ArchiveContainer, *, strict_owner: bool = True) -> SourcePosts:
    """Read every post of an open archive."""
    with paused_gc():
        return _read_container(container, strict_owner=strict_owner)


def _read_container(container: ArchiveContainer, *, strict_owner: bool) -> SourcePosts:
    layout = container.layout
    account = read_account(container)
    notes: dict[datetime, list[NoteTweet]] = {}
    for name in layout.note_tweets:
        notes.update(index_note_tweets(parse_records(container.read_bytes(name), container.describe(name))))
    placeholder = Author(id="", handle="")
    converter = TweetConverter(
        account or placeholder, container.media_files(), notes, collect_owner_hints=account is None
    )
    convert = converter.convert
    posts: list[Post] = []
    append = posts.append
    for name in layout.tweets:
        where = container.describe(name)
        data = container.read_bytes(name)
        for records in iter_record_chunks(data, where):
            for record in records:
                post = convert(record, where)
                if post is not None:
                    append(post)
            del records
        del data

    warnings: list[str] = []
    if layout.deleted_tweets:
        known = {post.id for post in posts}
        for name in layout.deleted_tweets:
            where = container.describe(name)
            for record in parse_records(container.read_bytes(name), where):
                post = convert(record, where, deleted=True)
                if post is not None and post.id not in known:
                    known.add(post.id)
                    append(post)

    if account is None:
        account = infer_owner(posts, converter.state.reply_screen_names or {})
        if account is None:
            if strict_owner:
                raise InputError(
                    "cannot tell whose archive this is: no account.js, no manifest.js userInfo, "
                    "and no reply to one of its own tweets",
                    source=container.label,
                )
            account = placeholder
        else:
            warnings.append(
                f"no account.js: took the owner from the tweets (id {account.id}"
                + (f", @{account.handle})" if account.handle else ")")
            )
        posts = [replace(post, author=account) for post in posts]

    posts, _ = collapse_edits(posts, converter.state.edit_groups)
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
        container = FolderArchive(path.parent, str(path))
        layout = container.layout
        layout.tweets = [path.name]
        return container
    return open_archive(path)


def read_archive(path: str | os.PathLike[str]) -> SourcePosts:
    with open_source_archive(path) as container:
        return read_container(container)


def sniff(data: Any) -> bool:
    """A tweets.js file's bytes (`window.YTD.tweet(s).partN = `) or its parsed records."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        head = bytes(data[:64]).lstrip(b"\xef\xbb\xbf \t\r\n")
        return head.startswith(b"window.YTD.tweet")
    if isinstance(data, list) and data:
        first = data[0]
        return isinstance(first, dict) and isinstance(first.get("tweet"), dict) and "full_text" in first["tweet"]
    return False


def read(data: Any, source: str = "tweets.js") -> SourcePosts:
    """Read one tweets.js (bytes or parsed records) without the rest of the archive."""
    converter = TweetConverter(Author(id=""), {}, {}, collect_owner_hints=True)
    if isinstance(data, (bytes, bytearray, memoryview)):
        chunks = iter_record_chunks(bytes(data), source)
    else:
        chunks = iter([data])
    posts = [post for records in chunks for record in records if (post := converter.convert(record, source))]
    owner = infer_owner(posts, converter.state.reply_screen_names or {})
    if owner is None:
        raise InputError(
            "cannot tell whose tweets these are without account.js: no reply to one of its own tweets", source=source
        )
    posts = [replace(post, author=owner) for post in posts]
    posts, _ = collapse_edits(posts, converter.state.edit_groups)
    return SourcePosts(posts=posts, account=owner, format_name=FORMAT_NAME)
