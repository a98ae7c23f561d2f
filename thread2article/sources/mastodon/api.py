"""Mastodon REST API answers: statuses (`/api/v1/statuses/:id`, an account's statuses, any array
of them) and contexts (`/api/v1/statuses/:id/context` → `{ancestors, descendants}`), saved by hand
or by `thread2article fetch` (which tags each answer, see `FETCH_TAG`).

Ids are the instance's own (a remote post has another id on every instance), so one file should
hold the answers of one instance; `thread2article fetch` reads a remote author's thread from the
author's own instance when it can. A context does not hold the status it was asked about: when the
fetch tag names it, the posts around it are known to share its conversation, so a missing post in
the middle becomes a gap rather than a second thread.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from ...errors import InputError
from ...model import Author, Media, Post, QuotedPost
from .. import SourcePosts
from ..common import check_post, iso_time, reading_record
from .content import account_key, content_text, plain_name, with_poll

FORMAT_NAME = "Mastodon API"
PLATFORM = "mastodon"
# Mastodon's default post length; an instance may set its own (`configuration.statuses`).
DEFAULT_POST_LIMIT = 500
# Written by thread2article.fetch (kept as a literal: readers do not import the network layer).
FETCH_TAG = "__thread2article"


def _tag(value: Any) -> dict[str, Any]:
    tag = value.get(FETCH_TAG) if isinstance(value, dict) else None
    return tag if isinstance(tag, dict) else {}


def is_status(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and value.get("id") is not None
        and isinstance(value.get("content"), str)
        and isinstance(value.get("account"), dict)
        and "acct" in value["account"]
    )


def _is_context(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("ancestors"), list)
        and isinstance(value.get("descendants"), list)
    )


def _is_item(value: Any) -> bool:
    return is_status(value) or _is_context(value) or _tag(value).get("provider") == PLATFORM


def sniff(value: Any) -> bool:
    if isinstance(value, list):
        return bool(value) and all(_is_item(item) for item in value)
    return _is_item(value)


def read(values: list[Any], source: str = "") -> SourcePosts:
    """Every status in `values` (statuses, contexts, arrays of them, tagged fetch answers)."""
    pool = _Pool(source)
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            pool.add(item)
    return pool.result()


class _Pool:
    def __init__(self, source: str) -> None:
        self.source = source
        self.statuses: dict[str, dict[str, Any]] = {}
        self.conversation: dict[str, str] = {}
        self.missing: dict[str, str] = {}
        self.warnings: list[str] = []
        self.post_limit: int | None = None

    def add(self, item: Any) -> None:
        tag = _tag(item)
        endpoint = str(tag.get("endpoint") or "")
        if endpoint == "instance":
            self.post_limit = instance_post_limit(item) or self.post_limit
            return
        if isinstance(item, dict) and isinstance(item.get("error"), str) and not is_status(item):
            # A tagged error answer: the post it was about is missing (deleted, private, gone).
            if tag.get("id"):
                self.missing[str(tag["id"])] = _reason(item["error"], tag.get("status"))
            return
        if _is_context(item):
            self._add_context(item, str(tag.get("id") or ""))
        elif is_status(item):
            self._add_status(item)
        elif not tag:
            raise InputError(
                "an array item is neither a Mastodon status nor a context", source=self.source
            )

    def _add_status(self, status: dict[str, Any]) -> None:
        status_id = str(status["id"])
        known = self.statuses.get(status_id)
        # The same status saved twice (before and after an edit): the latest version wins.
        if known is None or _version(status) >= _version(known):
            self.statuses[status_id] = status

    def _add_context(self, context: dict[str, Any], focal_id: str) -> None:
        members: list[dict[str, Any]] = []
        for item in [*context["ancestors"], *context["descendants"]]:
            if not is_status(item):
                raise InputError(
                    "a context's ancestors and descendants must be Mastodon statuses",
                    source=self.source,
                )
            self._add_status(item)
            members.append(item)
        # The conversation's root: the first ancestor when it replies to nothing, else the post
        # the context was asked about when it has no ancestors (its descendants hang below it).
        ancestors = context["ancestors"]
        root = ""
        if ancestors and ancestors[0].get("in_reply_to_id") is None:
            root = str(ancestors[0]["id"])
        elif not ancestors and focal_id:
            root = focal_id
        if root:
            for item in members:
                self.conversation.setdefault(str(item["id"]), root)
            if focal_id:
                self.conversation.setdefault(focal_id, root)

    def result(self) -> SourcePosts:
        posts: list[Post] = []
        direct = [
            key for key, status in self.statuses.items() if status.get("visibility") == "direct"
        ]
        if direct:
            self.warnings.append(
                f"{len(direct)} direct message{'s' if len(direct) != 1 else ''} left out "
                "(never part of an article)"
            )
        for status_id, status in self.statuses.items():
            if status.get("visibility") == "direct":
                continue
            with reading_record(self.source, status_id):
                post = status_post(
                    status,
                    conversation_id=self.conversation.get(status_id),
                    parent=self.statuses.get(str(status.get("in_reply_to_id"))),
                )
                posts.append(check_post(post))
        return SourcePosts(
            posts=posts,
            missing=self.missing,
            warnings=self.warnings,
            format_name=FORMAT_NAME,
            platform=PLATFORM,
            post_limit=self.post_limit or DEFAULT_POST_LIMIT,
        )


def _version(status: dict[str, Any]) -> str:
    return str(status.get("edited_at") or status.get("created_at") or "")


def _reason(error: str, status_code: Any) -> str:
    if status_code == 404 or "not found" in error.lower():
        return "deleted, private or never there"
    if status_code in (401, 403):
        return "not public"
    return error or "unavailable"


def instance_post_limit(instance: Any) -> int | None:
    """The post length limit an instance announces (`/api/v2/instance` or `/api/v1/instance`;
    `max_toot_chars` on Pleroma and glitch-soc)."""
    if not isinstance(instance, dict):
        return None
    statuses = (instance.get("configuration") or {}).get("statuses") or {}
    for value in (
        statuses.get("max_characters") if isinstance(statuses, dict) else None,
        instance.get("max_toot_chars"),
    ):
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
    return None


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def author_of(account: dict[str, Any]) -> Author:
    """The account as an Author: the full `user@instance` handle names the instance too."""
    acct = str(account.get("acct") or account.get("username") or "")
    profile = str(account.get("url") or "")
    if acct and "@" not in acct:
        host = _host(profile) or _host(str(account.get("uri") or ""))
        acct = f"{acct}@{host}" if host else acct
    shortcodes = {
        str(emoji.get("shortcode"))
        for emoji in account.get("emojis") or []
        if isinstance(emoji, dict) and emoji.get("shortcode")
    }
    return Author(
        id=str(account.get("id") or ""),
        handle=acct,
        name=plain_name(str(account.get("display_name") or ""), shortcodes),
        profile_url=profile,
    )


def _media(status: dict[str, Any]) -> tuple[Media, ...]:
    media = []
    for item in status.get("media_attachments") or []:
        if not isinstance(item, dict):
            continue
        kind = item.get("type")
        # A remote post's media: the instance's copy (`url`) may be purged from its cache; the
        # origin's file (`remote_url`) is the one that lasts.
        url = str(item.get("remote_url") or item.get("url") or "")
        if not url or kind == "unknown":
            continue
        alt = str(item.get("description") or "")
        poster = str(item.get("preview_remote_url") or item.get("preview_url") or "")
        if kind == "image":
            media.append(Media(kind="photo", url=url, alt=alt))
        elif kind == "gifv":
            media.append(Media(kind="animated_gif", url=url, alt=alt, poster=poster))
        elif kind in ("video", "audio"):
            # Audio plays in the same player as video; its poster is the cover Mastodon made.
            media.append(Media(kind="video", url=url, alt=alt, poster=poster))
    return tuple(media)


def _quoted_status(status: dict[str, Any]) -> dict[str, Any] | None:
    """The status this one quotes, when the server shows it (Mastodon 4.5+: `quote:
    {state: "accepted", quoted_status}`; fedibird and forks put the status itself in `quote`)."""
    quote = status.get("quote")
    if not isinstance(quote, dict):
        return None
    if is_status(quote):
        return quote
    quoted = quote.get("quoted_status")
    if quote.get("state", "accepted") == "accepted" and is_status(quoted):
        return quoted
    return None


def _poll_options(poll: Any) -> list[str]:
    if not isinstance(poll, dict):
        return []
    return [
        str(option.get("title") or "")
        for option in poll.get("options") or []
        if isinstance(option, dict)
    ]


def _mention_keys(status: dict[str, Any], ids: set[str]) -> set[str]:
    """The `account_key`s of the accounts `status` mentions whose ids are in `ids`."""
    keys = set()
    for mention in status.get("mentions") or []:
        if isinstance(mention, dict) and str(mention.get("id")) in ids:
            acct = str(mention.get("acct") or "")
            keys.add(account_key(mention.get("url")) or (acct.lower() if "@" in acct else ""))
    return keys


def reply_context(status: dict[str, Any], parent: dict[str, Any] | None = None) -> frozenset[str]:
    """The accounts a client names at the start of a reply on its own (Mastodon's web client
    and apps fill them in): the author (some apps, on a self-reply), the account replied to, and
    the accounts the replied-to post mentions, when that post is known. Empty for no reply."""
    if status.get("in_reply_to_id") is None:
        return frozenset()
    account = status["account"]
    ids = {str(account.get("id")), str(status.get("in_reply_to_account_id"))}
    if isinstance(parent, dict):
        ids.update(
            str(mention.get("id"))
            for mention in parent.get("mentions") or []
            if isinstance(mention, dict)
        )
    keys = _mention_keys(status, ids) | {account_key(account.get("url"))}
    keys.discard("")
    return frozenset(keys)


def status_post(
    status: dict[str, Any],
    *,
    conversation_id: str | None = None,
    parent: dict[str, Any] | None = None,
) -> Post:
    """One status as a Post (a boost is a repost: never a thread post). `parent`: the status it
    replies to, when known (the accounts it mentions are this reply's context)."""
    quoted = _quoted_status(status)
    quote = None
    if quoted is not None:
        quote = QuotedPost(
            id=str(quoted["id"]),
            url=str(quoted.get("url") or quoted.get("uri") or ""),
            author=author_of(quoted["account"]),
            # A quote inside the quote is not shown: its "RE:" fallback stays as its reference.
            text=content_text(
                quoted["content"], drop_quote_fallback=_quoted_status(quoted) is not None
            ),
        )
    account = status["account"]
    reply_to = status.get("in_reply_to_id")
    reply_to_user = status.get("in_reply_to_account_id")
    return Post(
        id=str(status["id"]),
        author=author_of(account),
        text=with_poll(
            content_text(
                status["content"],
                drop_quote_fallback=quote is not None,
                reply_context=reply_context(status, parent),
            ),
            _poll_options(status.get("poll")),
        ),
        created_at=iso_time(status.get("created_at"), "created_at"),
        reply_to=str(reply_to) if reply_to is not None else None,
        reply_to_user=str(reply_to_user) if reply_to_user is not None else None,
        conversation_id=conversation_id,
        media=_media(status),
        quote=quote,
        escaped=False,
        is_repost=isinstance(status.get("reblog"), dict),
        url=str(status.get("url") or status.get("uri") or ""),
        content_warning=" ".join(str(status.get("spoiler_text") or "").split()),
    )
