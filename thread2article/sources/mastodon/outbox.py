"""A Mastodon account archive's `outbox.json`: every post of the account as ActivityPub.

Mastodon's export (Preferences → Import and export → Request your archive) is a `.tar.gz`
(some servers and tools hand out a `.zip` or the unpacked folder) holding:
- `outbox.json`: an `OrderedCollection` whose `orderedItems` are the account's activities:
  `Create` with the post as a `Note` (`Question` for a poll) object, and `Announce` (a boost,
  its object only the boosted post's URI);
- `actor.json`: the account (`id`, `preferredUsername`, `name`, `url`, `followers`);
- `media_attachments/files/…/original/<name>`: the files of the account's own media, which the
  notes name in `attachment[].url` by that path (Mastodon strips the host and `/system/`);
- `likes.json`, `bookmarks.json`, `avatar.*`, `header.*` (not used here).

A note has `id` (`https://host/users/<name>/statuses/<id>`), `url`, `published`, `inReplyTo`
(the parent's URI, or null), `summary` (the content warning), `content` (HTML, the latest
version when edited), `attachment` (`Document`s with `mediaType`, `url`, `name` = alt text; a
`Link` for the preview card), `tag` (mentions, hashtags, custom emoji), `conversation`, `to`/`cc`
(who may see it) and, for a quote post, `quote` (also `quoteUri`, `_misskey_quote`): the quoted
post's URI. Deleted posts are not in the outbox.

A post's id is the number ending its URI, so `--thread` takes the same id as the post's URL.
Self-threads come from `inReplyTo`: a reply to one of the account's own posts continues its
thread. Direct messages (addressed to neither the public nor the followers) are never read.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from ...errors import InputError
from ...model import Author, Media, Post, QuotedPost
from .. import SourcePosts
from ..common import BAD_VALUE_ERRORS, bad_value, check_post, iso_time, reading_record
from .api import DEFAULT_POST_LIMIT, PLATFORM
from .content import account_key, content_text, plain_name, with_poll

FORMAT_NAME = "Mastodon archive (ActivityPub outbox)"
PUBLIC = {"https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"}
_STATUS_ID = re.compile(r"/statuses/(\d+)/?$")
_STATUSES_TAIL = re.compile(r"/statuses/[^/]+/?$")
_POST_TYPES = {"Note", "Question", "Article", "Page"}


def sniff(value: Any) -> bool:
    """An ActivityPub outbox collection as Mastodon exports it."""
    if not isinstance(value, dict) or value.get("type") not in ("OrderedCollection", "Collection"):
        return False
    items = value.get("orderedItems")
    if not isinstance(items, list):
        return False
    if not items:
        return str(value.get("id") or "").endswith("outbox.json")
    first = items[0]
    return isinstance(first, dict) and first.get("type") in ("Create", "Announce")


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def owner_of(actor: dict[str, Any] | None, outbox: dict[str, Any]) -> Author:
    """The account that owns the archive: `actor.json`, else the activities' `actor`."""
    if isinstance(actor, dict) and isinstance(actor.get("id"), str):
        actor_id = actor["id"]
        username = str(actor.get("preferredUsername") or "")
        host = _host(str(actor.get("url") or "")) or _host(actor_id)
        shortcodes = {
            str(tag.get("name") or "").strip(":")
            for tag in actor.get("tag") or []
            if isinstance(tag, dict) and tag.get("type") == "Emoji"
        }
        return Author(
            id=actor_id,
            handle=f"{username}@{host}" if username and host else username,
            name=plain_name(str(actor.get("name") or ""), shortcodes),
            profile_url=str(actor.get("url") or actor_id),
        )
    for item in outbox.get("orderedItems") or []:
        if isinstance(item, dict) and isinstance(item.get("actor"), str):
            actor_id = item["actor"]
            username = actor_id.rstrip("/").rsplit("/", 1)[-1]
            host = _host(actor_id)
            return Author(
                id=actor_id,
                handle=f"{username}@{host}" if host else username,
                profile_url=f"https://{host}/@{username}" if host else actor_id,
            )
    raise InputError("an outbox with no activity and no actor.json: whose posts are these?")


def post_id_of(uri: str) -> str:
    """`https://host/users/x/statuses/123` → `123`; any other URI stays whole."""
    match = _STATUS_ID.search(uri)
    return match.group(1) if match else uri


def media_path(url: str) -> str:
    """The archive path of an attachment: Mastodon writes the URL's path without `/system/`
    (`media_attachments/files/…`); with object storage the path keeps a leading `/` and maybe
    a bucket name, while the file in the archive starts at `media_attachments/`."""
    path = url
    if "://" in path:
        path = urlsplit(path).path
    found = path.find("media_attachments/")
    if found >= 0:
        return path[found:]
    return path.lstrip("/").removeprefix("system/")


def _online_media_url(url: str, host: str) -> str:
    """Where the file is online, when the export says: a full URL, or a path the server keeps
    under its own `/system/` (a leading `/` means object storage on a host the export omits)."""
    if url.startswith(("http://", "https://")):
        return url
    if host and url and not url.startswith("/"):
        return f"https://{host}/system/{url}"
    return ""


class OutboxReader:
    def __init__(
        self,
        owner: Author,
        *,
        source: str,
        media_names: set[str] | None = None,
        followers: str = "",
    ) -> None:
        self.owner = owner
        self.source = source
        self.host = _host(owner.id)
        self.media_names = media_names
        self.own_prefix = owner.id.rstrip("/") + "/statuses/"
        self.followers = followers or owner.id.rstrip("/") + "/followers"
        self.warnings: list[str] = []

    def _reply(self, note: dict[str, Any]) -> tuple[str | None, str | None]:
        parent = note.get("inReplyTo")
        if isinstance(parent, dict):
            parent = parent.get("id")
        if not isinstance(parent, str) or not parent:
            return None, None
        if parent.startswith(self.own_prefix):
            return post_id_of(parent), self.owner.id
        # Another account's post: its account URI stands for the author (never the owner).
        return parent, _STATUSES_TAIL.sub("", parent) or parent

    def _media(self, note: dict[str, Any], post_id: str) -> tuple[Media, ...]:
        media = []
        for item in note.get("attachment") or []:
            if not isinstance(item, dict) or item.get("type") == "Link":
                continue
            url = item.get("url")
            if isinstance(url, list):  # some servers give [{href, mediaType}]
                url = next((u.get("href") for u in url if isinstance(u, dict)), "")
            url = str(url or "")
            if not url:
                continue
            path = media_path(url)
            local = path if self.media_names is not None and path in self.media_names else ""
            if self.media_names is not None and not local:
                self.warnings.append(
                    f"post {post_id}: media {path} is not in the archive; linked online where known"
                )
            online = _online_media_url(url, self.host)
            media_type = str(item.get("mediaType") or "")
            alt = str(item.get("name") or "")
            if media_type.startswith(("video/", "audio/")) or item.get("type") in (
                "Video",
                "Audio",
            ):
                icon = item.get("icon")
                poster = str(icon.get("url") or "") if isinstance(icon, dict) else ""
                media.append(
                    Media(kind="video", url=online, alt=alt, poster=poster, local_path=local)
                )
            else:
                media.append(Media(kind="photo", url=online, alt=alt, local_path=local))
        return tuple(media)

    def _is_direct(self, note: dict[str, Any]) -> bool:
        audience = set(_strings(note.get("to"))) | set(_strings(note.get("cc")))
        if not audience:
            return False  # other servers may leave the addressing out: nothing says it is private
        return not (audience & PUBLIC) and self.followers not in audience

    def read(self, outbox: dict[str, Any], thread_posts_only: bool = False) -> SourcePosts:
        notes: list[dict[str, Any]] = []
        direct = 0
        for item in outbox.get("orderedItems") or []:
            if not isinstance(item, dict) or item.get("type") != "Create":
                continue  # boosts (Announce) are never thread posts
            note = item.get("object")
            if not isinstance(note, dict) or str(note.get("type")) not in _POST_TYPES:
                continue
            if not isinstance(note.get("id"), str):
                raise InputError(
                    "a post (Create activity) whose object has no id", source=self.source
                )
            if self._is_direct(note):
                direct += 1
                continue
            notes.append(note)
        if direct:
            self.warnings.append(
                f"{direct} direct message{'s' if direct != 1 else ''} left out (never part of an article)"
            )
        by_uri = {note["id"]: note for note in notes}
        # A conversation's root, for bridging a deleted post: the conversation's post that
        # replies to nothing.
        roots: dict[str, str] = {}
        for note in notes:
            if not note.get("inReplyTo") and isinstance(note.get("conversation"), str):
                roots.setdefault(note["conversation"], post_id_of(note["id"]))
        if thread_posts_only:
            notes = self._thread_notes(notes)
        posts = []
        for note in notes:
            with reading_record(self.source, post_id_of(note["id"])):
                posts.append(check_post(self._post(note, by_uri, roots)))
        # An archive holds every post the account still had: a parent of its own that is not
        # there was deleted (or is a direct message).
        held = {post.id for post in posts}
        missing = {
            post.reply_to: "deleted before the archive was made"
            for post in posts
            if post.reply_to and post.reply_to_user == self.owner.id and post.reply_to not in held
        }
        return SourcePosts(
            posts=posts,
            missing=missing,
            account=self.owner,
            warnings=self.warnings,
            format_name=FORMAT_NAME,
            platform=PLATFORM,
            post_limit=DEFAULT_POST_LIMIT,
        )

    def _thread_notes(self, notes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Only the notes that can be in a thread of two or more posts (turning a note's HTML
        into text is most of the reading time, and most posts are in no thread): the account's
        replies to itself, the posts they answer, and the first post of a conversation where a
        self-reply lost its parent (a gap joins them)."""
        answered: set[str] = set()
        conversations: set[str] = set()
        self_replies: set[str] = set()
        for note in notes:
            parent = note.get("inReplyTo")
            if isinstance(parent, str) and parent.startswith(self.own_prefix):
                answered.add(parent)
                self_replies.add(note["id"])
                if isinstance(note.get("conversation"), str):
                    conversations.add(note["conversation"])
        return [
            note
            for note in notes
            if note["id"] in self_replies
            or note["id"] in answered
            or (not note.get("inReplyTo") and note.get("conversation") in conversations)
        ]

    def _quote(self, note: dict[str, Any], by_uri: dict[str, dict[str, Any]]) -> QuotedPost | None:
        uri = next(
            (
                value
                for value in (note.get("quote"), note.get("quoteUri"), note.get("_misskey_quote"))
                if isinstance(value, str) and value
            ),
            "",
        )
        if not uri:
            return None
        quoted = by_uri.get(uri)
        if quoted is None:
            # Only the quoted post's address is in the archive: the quote block links to it.
            return QuotedPost(id=post_id_of(uri), url=uri)
        return QuotedPost(
            id=post_id_of(uri),
            url=str(quoted.get("url") or uri),
            author=self.owner,
            text=content_text(str(quoted.get("content") or ""), drop_quote_fallback=True),
        )

    def _reply_context(
        self, note: dict[str, Any], reply_to_user: str | None, by_uri: dict[str, dict[str, Any]]
    ) -> frozenset[str]:
        """The accounts a client names at the start of a reply on its own (see
        `api.reply_context`): the owner, the account replied to, and the accounts the replied-to
        post mentions (its `tag` Mentions) when it is one of the owner's."""
        if reply_to_user is None:
            return frozenset()
        keys = {account_key(self.owner.profile_url), account_key(self.owner.id)}
        keys.add(account_key(reply_to_user))
        parent = note.get("inReplyTo")
        replied = by_uri.get(parent) if isinstance(parent, str) else None
        tags = replied.get("tag") if isinstance(replied, dict) else None
        for tag in tags if isinstance(tags, list) else ():
            if isinstance(tag, dict) and tag.get("type") == "Mention":
                keys.add(account_key(tag.get("href")))
        keys.discard("")
        return frozenset(keys)

    def _post(
        self, note: dict[str, Any], by_uri: dict[str, dict[str, Any]], roots: dict[str, str]
    ) -> Post:
        post_id = post_id_of(note["id"])
        reply_to, reply_to_user = self._reply(note)
        quote = self._quote(note, by_uri)
        conversation = note.get("conversation")
        return Post(
            id=post_id,
            author=self.owner,
            text=with_poll(
                content_text(
                    str(note.get("content") or ""),
                    drop_quote_fallback=quote is not None,
                    reply_context=self._reply_context(note, reply_to_user, by_uri),
                ),
                [
                    str(option.get("name") or "")
                    for option in [*(note.get("oneOf") or []), *(note.get("anyOf") or [])]
                    if isinstance(option, dict)
                ],
            ),
            created_at=iso_time(note.get("published"), "published"),
            reply_to=reply_to,
            reply_to_user=reply_to_user,
            conversation_id=roots.get(conversation) if isinstance(conversation, str) else None,
            media=self._media(note, post_id),
            quote=quote,
            escaped=False,
            url=str(note.get("url") or note["id"]),
            content_warning=" ".join(str(note.get("summary") or "").split()),
        )


def read(
    outbox: Any,
    source: str = "outbox.json",
    actor: dict[str, Any] | None = None,
    media_names: set[str] | None = None,
    thread_posts_only: bool = False,
) -> SourcePosts:
    """Read an outbox (with the archive's `actor.json` and media file names when there are).
    `thread_posts_only`: only the posts that can be in a thread of two or more posts."""
    if not sniff(outbox):
        raise InputError(
            "not an ActivityPub outbox (an OrderedCollection of activities)", source=source
        )
    try:
        # (Every post's check covers the owner too: it is each post's author.)
        owner = owner_of(actor, outbox)
        followers = str(actor.get("followers") or "") if isinstance(actor, dict) else ""
        reader = OutboxReader(owner, source=source, media_names=media_names, followers=followers)
        return reader.read(outbox, thread_posts_only)
    except InputError as error:
        raise InputError(error.detail, source=source, post_id=error.post_id) from None
    except BAD_VALUE_ERRORS as error:
        # The posts are read under `reading_record`; this catches what lies between them
        # (actor.json, the collection itself).
        raise bad_value(error, source) from None
