"""The document model every reader produces and every writer consumes.

Readers turn a source into `Post`s; `threads.py` groups posts into a `Thread`; the reassembly
passes turn a `Thread` into an `Article`; writers render an `Article`. All values are frozen so a
pass can never change its input behind another pass's back.

`Article.to_dict()` is the public, versioned JSON document (see README, "The JSON document").
`Thread.to_dict()` is the tool's own saved-thread format, which the `native` reader reads back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Union

SCHEMA_VERSION = 1
THREAD_SCHEMA = "thread2article/thread"
ARTICLE_SCHEMA = "thread2article/article"


def iso_utc(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a `Z`, the one form our documents use."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def parse_iso(text: str | None) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


@dataclass(frozen=True)
class Author:
    id: str
    handle: str = ""
    name: str = ""
    # Profile URL; for X it is derived from the handle when the source gives none.
    profile_url: str = ""

    @property
    def url(self) -> str:
        if self.profile_url:
            return self.profile_url
        return f"https://x.com/{self.handle}" if self.handle else ""

    @property
    def display_name(self) -> str:
        return self.name or (f"@{self.handle}" if self.handle else self.id)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "handle": self.handle, "name": self.name, "url": self.url}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Author:
        return cls(
            id=str(data.get("id", "")),
            handle=data.get("handle", "") or "",
            name=data.get("name", "") or "",
            profile_url=data.get("url", "") or "",
        )


@dataclass(frozen=True)
class Link:
    """A shortened link in a post's text and what it stands for.

    Matched by the `short` string, never by offsets: offsets differ between escaped and unescaped
    text and between code points and UTF-16 units across sources (see FORMATS.md).
    """

    short: str
    expanded: str
    display: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"short": self.short, "expanded": self.expanded, "display": self.display}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Link:
        return cls(data["short"], data["expanded"], data.get("display", ""))


@dataclass(frozen=True)
class Media:
    kind: str  # "photo" | "video" | "animated_gif"
    url: str  # the image (for videos: the best mp4 when known, else the poster)
    alt: str = ""
    # The short link that stands for the media inside the post text (dropped from prose).
    short: str = ""
    poster: str = ""
    # A file on disk the writers should refer to instead of `url` (archive media, downloads).
    local_path: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "url": self.url,
            "alt": self.alt,
            "short": self.short,
            "poster": self.poster,
            "local_path": self.local_path,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Media:
        return cls(
            kind=data.get("kind", "photo"),
            url=data.get("url", ""),
            alt=data.get("alt", "") or "",
            short=data.get("short", "") or "",
            poster=data.get("poster", "") or "",
            local_path=data.get("local_path", "") or "",
        )


@dataclass(frozen=True)
class QuotedPost:
    """A post quoted by a thread post. `text` is already plain (unescaped, links expanded)."""

    id: str
    url: str
    author: Author | None = None
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "author": self.author.to_dict() if self.author else None,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> QuotedPost:
        author = data.get("author")
        return cls(
            id=str(data["id"]),
            url=data.get("url", ""),
            author=Author.from_dict(author) if author else None,
            text=data.get("text", "") or "",
        )


@dataclass(frozen=True)
class Post:
    id: str
    author: Author
    text: str
    created_at: datetime | None = None
    # Id of the post this one replies to, and of that post's author.
    reply_to: str | None = None
    reply_to_user: str | None = None
    conversation_id: str | None = None
    links: tuple[Link, ...] = ()
    media: tuple[Media, ...] = ()
    quote: QuotedPost | None = None
    # Short links to quoted statuses that the text ends with (the quote is shown as a block).
    quote_short: str = ""
    # Twitter sources HTML-escape text (&amp; &lt; &gt;); the `entities` pass unescapes it.
    escaped: bool = True
    # A retweet/repost is never a thread post.
    is_repost: bool = False
    # Came from deleted-tweets.js or similar: shown, but marked.
    deleted: bool = False
    url: str = ""
    # Posts longer than the classic limit (note tweets) are not "filled to the limit".
    long_form: bool = False

    @property
    def permalink(self) -> str:
        if self.url:
            return self.url
        handle = self.author.handle or "i"
        return f"https://x.com/{handle}/status/{self.id}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "author": self.author.to_dict(),
            "text": self.text,
            "created_at": iso_utc(self.created_at),
            "reply_to": self.reply_to,
            "reply_to_user": self.reply_to_user,
            "conversation_id": self.conversation_id,
            "links": [link.to_dict() for link in self.links],
            "media": [item.to_dict() for item in self.media],
            "quote": self.quote.to_dict() if self.quote else None,
            "quote_short": self.quote_short,
            "escaped": self.escaped,
            "is_repost": self.is_repost,
            "deleted": self.deleted,
            "url": self.url,
            "long_form": self.long_form,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Post:
        quote = data.get("quote")
        return cls(
            id=str(data["id"]),
            author=Author.from_dict(data["author"]),
            text=data.get("text", ""),
            created_at=parse_iso(data.get("created_at")),
            reply_to=data.get("reply_to"),
            reply_to_user=data.get("reply_to_user"),
            conversation_id=data.get("conversation_id"),
            links=tuple(Link.from_dict(item) for item in data.get("links", [])),
            media=tuple(Media.from_dict(item) for item in data.get("media", [])),
            quote=QuotedPost.from_dict(quote) if quote else None,
            quote_short=data.get("quote_short", ""),
            escaped=bool(data.get("escaped", True)),
            is_repost=bool(data.get("is_repost", False)),
            deleted=bool(data.get("deleted", False)),
            url=data.get("url", ""),
            long_form=bool(data.get("long_form", False)),
        )


@dataclass(frozen=True)
class Gap:
    """Posts known to be missing before a thread post (deleted, or absent from the saved pages)."""

    missing_id: str
    reason: str = "not in the source"

    def to_dict(self) -> dict[str, Any]:
        return {"missing_id": self.missing_id, "reason": self.reason}


@dataclass(frozen=True)
class Thread:
    """An author's self-reply chain, in reading order, with gaps where posts are missing."""

    posts: tuple[Post, ...]
    # gaps[post_id] = the gap just before that post.
    gaps: dict[str, Gap] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    source: str = ""

    @property
    def root(self) -> Post:
        return self.posts[0]

    @property
    def author(self) -> Author:
        return self.posts[0].author

    @property
    def post_ids(self) -> tuple[str, ...]:
        return tuple(post.id for post in self.posts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": THREAD_SCHEMA,
            "schema_version": SCHEMA_VERSION,
            "posts": [post.to_dict() for post in self.posts],
            "gaps": {post_id: gap.to_dict() for post_id, gap in self.gaps.items()},
            "warnings": list(self.warnings),
        }


# --- Article blocks -------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    text: str
    type: str = field(default="paragraph", init=False)

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "text": self.text}


@dataclass(frozen=True)
class ListBlock:
    """Lines of a post that form a list (`1. …` / `- …`)."""

    items: tuple[str, ...]
    ordered: bool = False
    start: int = 1
    type: str = field(default="list", init=False)

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "ordered": self.ordered, "start": self.start, "items": list(self.items)}


@dataclass(frozen=True)
class Image:
    src: str
    alt: str = ""
    post_id: str = ""
    type: str = field(default="image", init=False)

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "src": self.src, "alt": self.alt, "post_id": self.post_id}


@dataclass(frozen=True)
class Video:
    src: str
    poster: str = ""
    alt: str = ""
    post_id: str = ""
    type: str = field(default="video", init=False)

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "src": self.src, "poster": self.poster, "alt": self.alt, "post_id": self.post_id}


@dataclass(frozen=True)
class Quote:
    text: str
    url: str
    author: str = ""  # "Name (@handle)" or "" when unknown
    post_id: str = ""
    type: str = field(default="quote", init=False)

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "author": self.author, "url": self.url, "text": self.text, "post_id": self.post_id}


@dataclass(frozen=True)
class GapNote:
    """A visible note where posts are missing; never a silent end."""

    text: str
    missing_id: str = ""
    type: str = field(default="gap", init=False)

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "text": self.text, "missing_id": self.missing_id}


Block = Union[Paragraph, ListBlock, Image, Video, Quote, GapNote]

_BLOCK_TYPES: dict[str, type] = {
    "paragraph": Paragraph,
    "list": ListBlock,
    "image": Image,
    "video": Video,
    "quote": Quote,
    "gap": GapNote,
}


def block_from_dict(data: dict[str, Any]) -> Block:
    kind = data.get("type")
    if kind not in _BLOCK_TYPES:
        raise ValueError(f"unknown block type {kind!r}")
    values = {key: value for key, value in data.items() if key != "type"}
    if kind == "list":
        values["items"] = tuple(values.get("items", ()))
    return _BLOCK_TYPES[kind](**values)


@dataclass(frozen=True)
class Boundary:
    """The decision taken between two consecutive posts (shown by `--explain`)."""

    before_id: str
    after_id: str
    decision: str  # "word" | "sentence" | "same-paragraph" | "new-paragraph" | "gap"
    rule: str
    signals: tuple[str, ...] = ()
    # "…end of the earlier post ‖ start of the later one", for people reading --explain.
    excerpt: str = ""


@dataclass(frozen=True)
class Article:
    title: str
    author: Author
    published: datetime | None
    source_url: str
    post_ids: tuple[str, ...]
    blocks: tuple[Block, ...]
    boundaries: tuple[Boundary, ...] = ()
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": ARTICLE_SCHEMA,
            "schema_version": SCHEMA_VERSION,
            "title": self.title,
            "author": {"name": self.author.name, "handle": self.author.handle, "url": self.author.url, "id": self.author.id},
            "published": iso_utc(self.published),
            "source_url": self.source_url,
            "post_ids": list(self.post_ids),
            "blocks": [block.to_dict() for block in self.blocks],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        author = data.get("author") or {}
        return cls(
            title=data.get("title", ""),
            author=Author.from_dict(author),
            published=parse_iso(data.get("published")),
            source_url=data.get("source_url", ""),
            post_ids=tuple(str(item) for item in data.get("post_ids", [])),
            blocks=tuple(block_from_dict(block) for block in data.get("blocks", [])),
        )
