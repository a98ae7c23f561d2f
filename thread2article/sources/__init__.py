"""Readers: one module per input format, each turning raw data into `Post`s.

Every reader module offers:
    sniff(data) -> bool          does this parsed JSON value look like my format?
    read(data, source) -> SourcePosts

`SourcePosts` carries the posts plus what the source knows about the account (archives) and
about posts that are known to be missing (API `errors[]`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Article, Author, Post


@dataclass
class SourcePosts:
    posts: list[Post]
    # Posts the source holds only as context (quoted or parent posts in API `includes`): they can
    # fill a thread but never start one.
    context: list[Post] = field(default_factory=list)
    # The account that owns the source (archives) when known.
    account: Author | None = None
    # post id -> why it is missing (e.g. "deleted" from an API error).
    missing: dict[str, str] = field(default_factory=dict)
    # A fully reassembled thread document (our own JSON) carries gaps and warnings of its own.
    warnings: list[str] = field(default_factory=list)
    format_name: str = ""
    # Our own article JSON read back: already reassembled, rendered as it is.
    article: Article | None = None
    # Where the posts were written ("x", "bluesky", "mastodon") and the post length limit the
    # source knows (None: the platform's own); `find_threads` puts both on every Thread.
    platform: str = "x"
    post_limit: int | None = None
