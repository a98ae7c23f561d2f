"""The document model every reader produces and every writer consumes.

Readers turn a source into `Post`s; `threads.py` groups posts into a `Thread`; the reassembly
passes turn a `Thread` into an `Article`; writers render an `Article`. All values are frozen so a
pass can never change its input behind another pass's back.

`Article.to_dict()` is the public, versioned JSON document (see README, "The JSON document"),
which the `native` reader reads back.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

SCHEMA_VERSION = 1
ARTICLE_SCHEMA = "thread2article/article"


def iso_utc(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a `Z`, the one form our documents use."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def parse_iso(text: str | None) -> datetime | None:
    """An ISO 8601 time in UTC (one without a zone is taken as UTC); None for no text, ValueError
    or OverflowError when it is not one. The one copy of this rule (readers, fetch, the JSON
    document)."""
    if not text:
        return None
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


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
        # The JSON document's key order (docs/json-schema.md).
        return {"name": self.name, "handle": self.handle, "url": self.url, "id": self.id}

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
    text and between code points and UTF-16 units across sources (see docs/formats.md).
    """

    short: str
    expanded: str


@dataclass(frozen=True)
class Anchor:
    """Words of a post that link to an address the text does not hold: a mention (`@handle`)
    or a hashtag (`#tag`) the platform marked as one (Bluesky's facets). The text keeps the
    words; writers link them wherever they stand in the article's prose. Matched by `text`, as a
    Link is by `short`."""

    text: str
    url: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "url": self.url}

    @classmethod
    def from_dict(cls, data: Any) -> Anchor:
        if not isinstance(data, dict):
            raise ValueError("an anchor must be an object")
        return cls(
            _string(data.get("text", ""), "an anchor's text"),
            _string(data.get("url", ""), "an anchor's url"),
        )


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


@dataclass(frozen=True)
class QuotedPost:
    """A post quoted by a thread post. `text` is already plain (unescaped, links expanded)."""

    id: str
    url: str
    author: Author | None = None
    text: str = ""


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
    # A content warning the author put over the post (Mastodon's `spoiler_text`): shown as a
    # visible note, never hidden and never mixed into the prose.
    content_warning: str = ""
    # Mentions and hashtags the platform marked, with where they lead (Bluesky's facets).
    anchors: tuple[Anchor, ...] = ()

    @property
    def permalink(self) -> str:
        if self.url:
            return self.url
        handle = self.author.handle or "i"
        return f"https://x.com/{handle}/status/{self.id}"


@dataclass(frozen=True)
class Gap:
    """Posts known to be missing before a thread post (deleted, or absent from the saved pages)."""

    missing_id: str
    reason: str = "not in the source"


@dataclass(frozen=True)
class Thread:
    """An author's self-reply chain, in reading order, with gaps where posts are missing."""

    posts: tuple[Post, ...]
    # gaps[post_id] = the gap just before that post.
    gaps: dict[str, Gap] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    # Posts of side branches left out at forks (the warnings name them).
    side_posts: frozenset[str] = frozenset()
    # Where the thread was posted ("x", "bluesky", "mastodon"): the length limit and the way a
    # post's length is counted differ by platform (X: 280 weighted; Bluesky: 300 graphemes;
    # Mastodon: the instance's limit, 500 by default).
    platform: str = "x"
    # The post length limit the source knows (a Mastodon instance's own); None: the platform's.
    post_limit: int | None = None

    @property
    def root(self) -> Post:
        return self.posts[0]

    @property
    def author(self) -> Author:
        return self.posts[0].author

    @property
    def post_ids(self) -> tuple[str, ...]:
        return tuple(post.id for post in self.posts)


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
        return {
            "type": self.type,
            "ordered": self.ordered,
            "start": self.start,
            "items": list(self.items),
        }


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
        return {
            "type": self.type,
            "src": self.src,
            "poster": self.poster,
            "alt": self.alt,
            "post_id": self.post_id,
        }


@dataclass(frozen=True)
class Quote:
    text: str
    url: str
    author: str = ""  # "Name (@handle)" or "" when unknown
    post_id: str = ""
    type: str = field(default="quote", init=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "author": self.author,
            "url": self.url,
            "text": self.text,
            "post_id": self.post_id,
        }


@dataclass(frozen=True)
class GapNote:
    """A visible note where posts are missing; never a silent end."""

    text: str
    missing_id: str = ""
    type: str = field(default="gap", init=False)

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "text": self.text, "missing_id": self.missing_id}


@dataclass(frozen=True)
class Note:
    """A note the author put over the thread, shown before the text: a content warning
    (Mastodon's `spoiler_text`), kept visible rather than hiding what it covers."""

    text: str
    kind: str = "content-warning"
    type: str = field(default="note", init=False)

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "kind": self.kind, "text": self.text}


Block = Paragraph | ListBlock | Image | Video | Quote | GapNote | Note

_BLOCK_TYPES: dict[str, type[Block]] = {
    "paragraph": Paragraph,
    "list": ListBlock,
    "image": Image,
    "video": Video,
    "quote": Quote,
    "gap": GapNote,
    "note": Note,
}


def _string(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what} must be a string, not {type(value).__name__}")
    return value


def block_from_dict(data: dict[str, Any]) -> Block:
    """A block of the JSON document, with every field checked: a document may come from anywhere."""
    if not isinstance(data, dict):
        raise ValueError("a block must be an object")
    kind = data.get("type")
    if kind not in _BLOCK_TYPES:
        raise ValueError(f"unknown block type {kind!r}")
    values = {key: value for key, value in data.items() if key != "type"}
    if kind == "list":
        items = values.get("items", [])
        if not isinstance(items, list):
            raise ValueError("a list block's items must be an array")
        values["items"] = tuple(_string(item, "a list item") for item in items)
        start = values.get("start", 1)
        # CommonMark numbers a list with at most nine digits.
        if (
            not isinstance(values.get("ordered", False), bool)
            or not isinstance(start, int)
            or isinstance(start, bool)
            or not 0 <= start <= 999_999_999
        ):
            raise ValueError(
                "a list block's ordered must be true/false and its start a number of 0-999999999"
            )
    known = {item.name for item in fields(_BLOCK_TYPES[kind]) if item.name != "type"}
    for key, value in values.items():
        if key not in known:
            raise ValueError(f"a {kind} block has no field {key!r}")
        if key not in ("items", "ordered", "start"):
            _string(value, f"a {kind} block's {key}")
    return _BLOCK_TYPES[kind](**values)


# The decisions a boundary between two posts can take (see reassemble/decisions.py): a writer
# can choose any but "gap", which only says that posts are missing there.
BOUNDARY_DECISIONS = ("join-word", "join", "same-paragraph", "new-paragraph", "gap")
CHOOSABLE_DECISIONS = BOUNDARY_DECISIONS[:-1]


@dataclass(frozen=True)
class Boundary:
    """The decision taken between two consecutive posts with text (shown by `--explain`)."""

    before_id: str  # the post before the boundary
    after_id: str  # the post after it
    decision: str  # one of BOUNDARY_DECISIONS
    rule: str
    signals: tuple[str, ...] = ()
    # The end of the post before and the start of the one after (up to 160 characters each),
    # shown trimmed to a few words by --explain and a decisions file.
    before_text: str = ""
    after_text: str = ""
    # How long after the post before the boundary the next one was published (None: a source
    # without dates). Evidence too: a post added long after is a new statement.
    seconds_apart: float | None = None

    @property
    def excerpt(self) -> str:
        """The two excerpts as one line: "…end of the earlier post ‖ start of the later one…"."""
        if not self.before_text and not self.after_text:
            return ""
        # A few words either side (the fields keep the posts' ends; see decisions.context_of).
        before = " ".join(self.before_text[-160:].split()[-6:])[-40:].lstrip()
        after = " ".join(self.after_text[:160].split()[:6])[:40].rstrip()
        return f"…{before} ‖ {after}…"

    def to_dict(self) -> dict[str, Any]:
        return {
            "after_post": self.before_id,
            "before_post": self.after_id,
            "decision": self.decision,
            "rule": self.rule,
            "signals": list(self.signals),
            "seconds_apart": self.seconds_apart,
        }

    @classmethod
    def from_dict(cls, data: Any) -> Boundary:
        if not isinstance(data, dict):
            raise ValueError("a boundary must be an object")
        decision = data.get("decision")
        if decision not in BOUNDARY_DECISIONS:
            raise ValueError(f"unknown boundary decision {decision!r}")
        signals = data.get("signals", [])
        if not isinstance(signals, list):
            raise ValueError("a boundary's signals must be an array")
        return cls(
            before_id=_string(data.get("after_post", ""), "a boundary's after_post"),
            after_id=_string(data.get("before_post", ""), "a boundary's before_post"),
            decision=decision,
            rule=_string(data.get("rule", ""), "a boundary's rule"),
            signals=tuple(_string(item, "a boundary signal") for item in signals),
            seconds_apart=_seconds(data.get("seconds_apart")),
        )


def _seconds(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise ValueError("a boundary's seconds_apart must be a number or null")
    return float(value)


@dataclass(frozen=True)
class RemovedMarker:
    """Text the markers pass stripped from a post ("1/5", "🧵"), so a reader can restore it."""

    post_id: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"post_id": self.post_id, "text": self.text}

    @classmethod
    def from_dict(cls, data: Any) -> RemovedMarker:
        if not isinstance(data, dict):
            raise ValueError("a removed marker must be an object")
        return cls(
            post_id=_string(data.get("post_id", ""), "a removed marker's post_id"),
            text=_string(data.get("text", ""), "a removed marker's text"),
        )


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
    removed_markers: tuple[RemovedMarker, ...] = ()
    # Where the thread was posted: "x", "bluesky", "mastodon" (`Thread.platform`); "" when a
    # document read back does not say.
    platform: str = ""
    # Mentions and hashtags of the thread's posts that writers link (Post.anchors, one per text).
    anchors: tuple[Anchor, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": ARTICLE_SCHEMA,
            "schema_version": SCHEMA_VERSION,
            "title": self.title,
            "author": self.author.to_dict(),
            "published": iso_utc(self.published),
            "source_url": self.source_url,
            "platform": self.platform,
            "post_ids": list(self.post_ids),
            "blocks": [block.to_dict() for block in self.blocks],
            "boundaries": [boundary.to_dict() for boundary in self.boundaries],
            "removed_markers": [marker.to_dict() for marker in self.removed_markers],
            # Only when there are some: documents without mentions or hashtags stay as they were.
            **({"anchors": [anchor.to_dict() for anchor in self.anchors]} if self.anchors else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Read the JSON document back; ValueError names the first field that is not as documented."""
        author = data.get("author") or {}
        if not isinstance(author, dict):
            raise ValueError("author must be an object")
        for key in ("name", "handle", "url", "id"):
            _string(author.get(key, ""), f"author.{key}")
        blocks = data.get("blocks", [])
        post_ids = data.get("post_ids", [])
        if not isinstance(blocks, list) or not isinstance(post_ids, list):
            raise ValueError("blocks and post_ids must be arrays")
        published = data.get("published")
        boundaries = data.get("boundaries", [])
        removed = data.get("removed_markers", [])
        anchors = data.get("anchors", [])
        if not isinstance(boundaries, list) or not isinstance(removed, list):
            raise ValueError("boundaries and removed_markers must be arrays")
        if not isinstance(anchors, list):
            raise ValueError("anchors must be an array")
        return cls(
            title=_string(data.get("title", ""), "title"),
            author=Author.from_dict(author),
            published=parse_iso(_string(published, "published")) if published is not None else None,
            source_url=_string(data.get("source_url", ""), "source_url"),
            platform=_string(data.get("platform", ""), "platform"),
            post_ids=tuple(_string(item, "a post id") for item in post_ids),
            blocks=tuple(block_from_dict(block) for block in blocks),
            boundaries=tuple(Boundary.from_dict(item) for item in boundaries),
            removed_markers=tuple(RemovedMarker.from_dict(item) for item in removed),
            anchors=tuple(Anchor.from_dict(item) for item in anchors),
        )
