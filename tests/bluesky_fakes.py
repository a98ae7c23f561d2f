"""Bluesky AppView answers for tests, built in the shapes of the real samples in
fixtures/bluesky*/ (postView, threadViewPost, notFoundPost), and a fake AppView that serves
`resolveHandle` and `getPostThread` through httpx.MockTransport with the real endpoint's
semantics: `parentHeight` parents above the post, `depth` levels of replies below it, and a node
at the depth limit without its `replies` (its `replyCount` still says how many there are).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs

import httpx

WES = {
    "did": "did:plc:6z5botgrc5vekq7j26xnvawq",
    "handle": "weswalla.bsky.social",
    "name": "Wesley Finck",
}
OTHER = {"did": "did:plc:otherotherotherotherothe", "handle": "other.example.com", "name": "Other"}
POST_TYPE = "app.bsky.feed.post"
THREAD_VIEW = "app.bsky.feed.defs#threadViewPost"


@dataclass
class FakePost:
    rkey: str
    text: str
    author: dict[str, str] = field(default_factory=lambda: dict(WES))
    parent: str | None = None  # rkey of the parent
    root: str | None = None
    created: datetime = datetime(2024, 9, 24, 19, 0, tzinfo=UTC)
    facets: list[dict[str, Any]] | None = None
    embed_view: dict[str, Any] | None = None
    deleted: bool = False

    def uri(self) -> str:
        return f"at://{self.author['did']}/{POST_TYPE}/{self.rkey}"


def link_facet(text: str, shown: str, uri: str) -> dict[str, Any]:
    """A link facet over `shown` in `text`, with UTF-8 byte offsets as the lexicon wants."""
    start = text.encode("utf-8").index(shown.encode("utf-8"))
    return {
        "features": [{"$type": "app.bsky.richtext.facet#link", "uri": uri}],
        "index": {"byteStart": start, "byteEnd": start + len(shown.encode("utf-8"))},
    }


def post_view(post: FakePost, posts: dict[str, FakePost], reply_count: int = 0) -> dict[str, Any]:
    record: dict[str, Any] = {
        "$type": POST_TYPE,
        "createdAt": post.created.isoformat().replace("+00:00", "Z"),
        "langs": ["en"],
        "text": post.text,
    }
    if post.facets:
        record["facets"] = post.facets
    if post.parent:
        parent = posts[post.parent]
        root = posts[post.root or post.parent]
        record["reply"] = {
            "parent": {"cid": "bafyparent", "uri": parent.uri()},
            "root": {"cid": "bafyroot", "uri": root.uri()},
        }
    view: dict[str, Any] = {
        "uri": post.uri(),
        "cid": f"bafy{post.rkey}",
        "author": {
            "did": post.author["did"],
            "handle": post.author["handle"],
            "displayName": post.author["name"],
            "labels": [],
        },
        "record": record,
        "replyCount": reply_count,
        "repostCount": 0,
        "likeCount": 0,
        "quoteCount": 0,
        "indexedAt": post.created.isoformat().replace("+00:00", "Z"),
        "labels": [],
    }
    if post.embed_view:
        view["embed"] = post.embed_view
    return view


def thread_chain(count: int, *, start: datetime | None = None, author=WES) -> list[FakePost]:
    """A self-thread of `count` posts, each replying to the one before."""
    start = start or datetime(2024, 9, 24, 19, 0, tzinfo=UTC)
    posts: list[FakePost] = []
    for index in range(count):
        posts.append(
            FakePost(
                rkey=f"3lthread{index:05d}",
                text=f"Post {index + 1} of the thread says something",
                author=dict(author),
                parent=posts[-1].rkey if posts else None,
                root=posts[0].rkey if posts else None,
                created=start + timedelta(minutes=index),
            )
        )
    return posts


class FakeAppView:
    """Serves resolveHandle and getPostThread for a set of posts; records every request."""

    def __init__(self, posts: list[FakePost]) -> None:
        self.posts = {post.rkey: post for post in posts}
        self.requests: list[httpx.Request] = []
        # A status and body to answer instead, by method name (for error tests).
        self.override: dict[str, httpx.Response] = {}

    def client(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self))

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        method = request.url.path.rsplit("/", 1)[-1]
        if method in self.override:
            return self.override[method]
        params = {key: values[0] for key, values in parse_qs(request.url.query.decode()).items()}
        if method == "com.atproto.identity.resolveHandle":
            for post in self.posts.values():
                if post.author["handle"] == params.get("handle"):
                    return httpx.Response(200, json={"did": post.author["did"]})
            return httpx.Response(
                400, json={"error": "InvalidRequest", "message": "Unable to resolve handle"}
            )
        if method == "app.bsky.feed.getPostThread":
            rkey = params["uri"].rsplit("/", 1)[-1]
            post = self.posts.get(rkey)
            if post is None or post.deleted:
                return httpx.Response(
                    400, json={"error": "NotFound", "message": f"Post not found: {params['uri']}"}
                )
            depth = int(params.get("depth", 6))
            height = int(params.get("parentHeight", 80))
            return httpx.Response(200, json={"thread": self.node(post, depth, height)})
        return httpx.Response(404, json={"error": "MethodNotImplemented"})

    def children(self, rkey: str) -> list[FakePost]:
        return sorted(
            (post for post in self.posts.values() if post.parent == rkey),
            key=lambda post: post.created,
        )

    def node(self, post: FakePost, depth: int, height: int) -> dict[str, Any]:
        kids = self.children(post.rkey)
        node: dict[str, Any] = {
            "$type": THREAD_VIEW,
            "post": post_view(post, self.posts, reply_count=len(kids)),
        }
        if post.parent and height > 0:
            node["parent"] = self.parent_node(self.posts[post.parent], height - 1)
        if depth > 0:
            node["replies"] = [self.node(kid, depth - 1, 0) for kid in kids if not kid.deleted]
            node["replies"] += [
                {"$type": "app.bsky.feed.defs#notFoundPost", "uri": kid.uri(), "notFound": True}
                for kid in kids
                if kid.deleted
            ]
        return node

    def parent_node(self, post: FakePost, height: int) -> dict[str, Any]:
        if post.deleted:
            return {"$type": "app.bsky.feed.defs#notFoundPost", "uri": post.uri(), "notFound": True}
        node: dict[str, Any] = {
            "$type": THREAD_VIEW,
            "post": post_view(post, self.posts, reply_count=len(self.children(post.rkey))),
        }
        if post.parent and height > 0:
            node["parent"] = self.parent_node(self.posts[post.parent], height - 1)
        return node
