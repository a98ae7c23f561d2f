"""The Bluesky AppView's JSON: `app.bsky.feed.getPostThread`, `getAuthorFeed` and `getPosts`
answers, saved by hand or by `thread2article fetch`.

Shapes (the `app.bsky.feed.defs` lexicon; docs/formats.md §6):
- getPostThread: `{thread}`, a `#threadViewPost` `{post, parent?, replies?}` whose `parent` and
  `replies` are themselves thread nodes, or `#notFoundPost` / `#blockedPost`; a bare node (no
  `thread` wrapper) is read too;
- getAuthorFeed: `{feed: [{post, reply?: {root, parent}, reason?}], cursor}`; an item with a
  `#reasonRepost` is somebody's post reposted: never a thread post;
- getPosts: `{posts: [postView]}`.
A `postView` is `{uri, cid, author{did, handle, displayName}, record, embed?, indexedAt}`: the
record is the post as written, `embed` its hydrated view (CDN URLs, the quoted post's text).

The account whose thread this is: for a thread answer the author of the post it was asked for;
for a feed, the authors of its own (not reposted) items. Their posts are the source's posts;
everybody else's (replies by others, the parents a feed shows) are context only, so they can
fill a thread but never start one.
"""

from __future__ import annotations

from typing import Any

from ...errors import InputError
from ...model import Media, Post, QuotedPost
from .. import SourcePosts
from ..common import check_post, reading_record
from . import records

FORMAT_NAME = "Bluesky AppView JSON"
# Written by thread2article.fetch (a literal: readers do not import the network layer).
FETCH_TAG = "__thread2article"
PROVIDER = "bluesky"

_THREAD_POST = "app.bsky.feed.defs#threadViewPost"
_NOT_FOUND = "app.bsky.feed.defs#notFoundPost"
_BLOCKED = "app.bsky.feed.defs#blockedPost"
_REPOST = "app.bsky.feed.defs#reasonRepost"


def _is_post_view(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("uri"), str)
        and value["uri"].startswith("at://")
        and isinstance(value.get("record"), dict)
        and isinstance(value.get("author"), dict)
    )


def _is_thread_node(value: Any) -> bool:
    if not isinstance(value, dict):
        return False
    if value.get("$type") in (_THREAD_POST, _NOT_FOUND, _BLOCKED):
        return True
    return _is_post_view(value.get("post"))


def _is_feed(value: Any) -> bool:
    feed = value.get("feed")
    return (
        isinstance(feed, list)
        and bool(feed)
        and all(isinstance(item, dict) and _is_post_view(item.get("post")) for item in feed)
    )


def _tag(value: Any) -> dict[str, Any]:
    tag = value.get(FETCH_TAG) if isinstance(value, dict) else None
    return tag if isinstance(tag, dict) else {}


def sniff(value: Any) -> bool:
    if not isinstance(value, dict):
        return False
    if _tag(value).get("provider") == PROVIDER:
        return True
    if _is_thread_node(value.get("thread")) or _is_thread_node(value) or _is_feed(value):
        return True
    posts = value.get("posts")
    return isinstance(posts, list) and bool(posts) and all(_is_post_view(item) for item in posts)


def read(value: Any, source: str = "") -> SourcePosts:
    """Posts of one AppView answer. Raises InputError (through `reading_record`) on a wrong value."""
    result = SourcePosts(posts=[], format_name=FORMAT_NAME)
    result.platform = records.PLATFORM
    if not isinstance(value, dict):
        return result
    reader = _Reader(source, result)
    if "thread" in value or _is_thread_node(value):
        reader.read_thread(value.get("thread", value))
    elif isinstance(value.get("feed"), list):
        reader.read_feed(value["feed"])
    elif isinstance(value.get("posts"), list):
        for view in value["posts"]:
            reader.add(view, primary=True)
    # Anything else carrying our tag (the handle lookup of a fetch) holds no posts.
    result.posts = list(reader.primary.values())
    result.context = [post for key, post in reader.context.items() if key not in reader.primary]
    return result


class _Reader:
    def __init__(self, source: str, result: SourcePosts) -> None:
        self.source = source
        self.result = result
        self.primary: dict[str, Post] = {}
        self.context: dict[str, Post] = {}

    def read_thread(self, node: Any) -> None:
        if not isinstance(node, dict):
            return
        focal = node.get("post")
        owner = (
            focal["author"].get("did") if isinstance(focal, dict) and _is_post_view(focal) else None
        )
        if not owner:
            self._unavailable(node)
            return
        # Iterative: a long thread nests a node per post, deeper than Python's recursion allows.
        stack = [node]
        parent = node.get("parent")
        while isinstance(parent, dict):
            stack.append(parent)
            parent = parent.get("parent")
        while stack:
            current = stack.pop()
            view = current.get("post")
            if isinstance(view, dict) and _is_post_view(view):
                self.add(view, primary=view["author"].get("did") == owner)
            else:
                self._unavailable(current)
            replies = current.get("replies")
            if replies is not None and not isinstance(replies, list):
                post_uri = records.parse_at_uri(view.get("uri")) if isinstance(view, dict) else None
                raise InputError(
                    f"a thread's replies must be a list, not {type(replies).__name__}",
                    source=self.source,
                    post_id=post_uri.rkey if post_uri else "",
                )
            stack.extend(reply for reply in replies or [] if isinstance(reply, dict))

    def read_feed(self, feed: list[Any]) -> None:
        for item in feed:
            if not isinstance(item, dict):
                continue
            reason = item.get("reason")
            if isinstance(reason, dict) and reason.get("$type") == _REPOST:
                continue  # somebody's post, reposted: never a thread post of this feed
            self.add(item.get("post"), primary=True)
            reply = item.get("reply")
            if isinstance(reply, dict):
                for key in ("parent", "root"):
                    ref = reply.get(key)
                    if _is_post_view(ref):
                        self.add(ref, primary=False)
                    elif isinstance(ref, dict):
                        self._unavailable(ref)

    def _unavailable(self, node: dict[str, Any]) -> None:
        uri = records.parse_at_uri(node.get("uri"))
        if uri is None:
            return
        if node.get("blocked") or node.get("$type") == _BLOCKED:
            reason = "blocked"
        else:
            reason = "deleted or not found"
        self.result.missing.setdefault(uri.rkey, reason)

    def add(self, view: Any, *, primary: bool) -> None:
        if not _is_post_view(view):
            return
        uri = records.parse_at_uri(view["uri"])
        if uri is None:
            return
        if uri.rkey in self.primary or (not primary and uri.rkey in self.context):
            return
        with reading_record(self.source, uri.rkey):
            post, notes = post_of_view(view, uri)
            check_post(post)
        self.result.warnings.extend(notes)
        (self.primary if primary else self.context)[uri.rkey] = post


def post_of_view(view: dict[str, Any], uri: records.AtUri) -> tuple[Post, list[str]]:
    profile = view["author"]
    did = profile.get("did")
    if not isinstance(did, str) or not did:
        did = uri.authority
    author = records.author_of(did, profile.get("handle"), profile.get("displayName"))
    embed = view.get("embed")
    return records.build_post(
        uri,
        author,
        view["record"],
        media=view_media(embed),
        quote=view_quote(embed),
        card=view_card(embed),
        indexed_at=view.get("indexedAt"),
    )


def view_media(embed: Any) -> tuple[Media, ...]:
    if not isinstance(embed, dict):
        return ()
    kind = embed.get("$type")
    if kind == "app.bsky.embed.recordWithMedia#view":
        return view_media(embed.get("media"))
    if kind == "app.bsky.embed.images#view":
        media = []
        for image in embed.get("images") or []:
            if not isinstance(image, dict):
                continue
            url = image.get("fullsize") or image.get("thumb")
            if isinstance(url, str) and url:
                alt = image.get("alt")
                media.append(Media(kind="photo", url=url, alt=alt if isinstance(alt, str) else ""))
        return tuple(media)
    if kind == "app.bsky.embed.video#view":
        playlist = embed.get("playlist")
        if not isinstance(playlist, str) or not playlist:
            return ()
        thumbnail = embed.get("thumbnail")
        alt = embed.get("alt")
        return (
            Media(
                kind="video",
                url=playlist,
                poster=thumbnail if isinstance(thumbnail, str) else "",
                alt=alt if isinstance(alt, str) else "",
            ),
        )
    return ()


def view_card(embed: Any) -> tuple[object, object]:
    if not isinstance(embed, dict):
        return None, None
    kind = embed.get("$type")
    if kind == "app.bsky.embed.recordWithMedia#view":
        return view_card(embed.get("media"))
    if kind == "app.bsky.embed.external#view":
        external = embed.get("external")
        if isinstance(external, dict):
            return external.get("uri"), external.get("title")
    return None, None


def view_quote(embed: Any) -> QuotedPost | None:
    """A quoted post (`record` or `recordWithMedia`), or a quoted feed, list or starter pack."""
    if not isinstance(embed, dict):
        return None
    kind = embed.get("$type")
    if kind == "app.bsky.embed.recordWithMedia#view":
        # `{record: {record: viewRecord}, media}`; the inner record#view may lack its `$type`.
        inner = embed.get("record")
        embed = inner if isinstance(inner, dict) else {}
    elif kind != "app.bsky.embed.record#view":
        return None
    quoted = embed.get("record")
    if not isinstance(quoted, dict):
        return None
    uri = records.parse_at_uri(quoted.get("uri"))
    if uri is None:
        return None
    creator = quoted.get("author") or quoted.get("creator")
    author = None
    handle = ""
    if isinstance(creator, dict) and isinstance(creator.get("did"), str):
        author = records.author_of(
            creator["did"], creator.get("handle"), creator.get("displayName")
        )
        handle = author.handle
    value = quoted.get("value")
    if isinstance(value, dict) and value.get("$type") == records.POST_COLLECTION:
        text = records.plain_text(records.text_of(value), value.get("facets"))
    else:
        # A feed, list or starter pack: its name (and description) is what it says.
        name = quoted.get("displayName") or quoted.get("name") or ""
        if isinstance(value, dict) and not name:
            name = value.get("name") or ""
        description = quoted.get("description") or ""
        text = " — ".join(
            part.strip() for part in (name, description) if isinstance(part, str) and part.strip()
        )
    # viewNotFound / viewBlocked / viewDetached: known by the link alone.
    return QuotedPost(id=uri.rkey, url=records.record_url(uri, handle), author=author, text=text)
