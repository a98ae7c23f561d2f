"""What every page kind shares: parsing, post ids and their time, status URLs, numbering, and
the `Found` record a kind hands back before the posts are linked into threads."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from bs4 import BeautifulSoup
from bs4.dammit import EncodingDetector
from bs4.element import Tag

from ...model import Author, Media, Post, QuotedPost
from ..x import in_range

# lxml's HTML parser, measured against Python's built-in one on the real sample pages
# (bench/html_parse.py): about 1.6x its speed, and like it, it reads malformed markup the way
# browsers do for what matters here (unclosed tags closed, stray end tags ignored).
PARSER = "lxml"

# X's snowflake ids (from 4 Nov 2010) carry their creation time: the high bits are milliseconds
# since this epoch. Older ids were sequential and much smaller.
_TWITTER_EPOCH_MS = 1288834974657
_FIRST_SNOWFLAKE = 1 << 50

STATUS_PATH = re.compile(
    r"^(?:https?://(?:[a-z0-9-]+\.)*[a-z0-9-]+(?:\.[a-z0-9-]+)*)?"
    r"/(?P<handle>@?[A-Za-z0-9_]{1,15})/status(?:es)?/(?P<id>\d{1,20})",
    re.IGNORECASE,
)
_X_HOSTS = re.compile(r"^https?://(?:(?:www|mobile)\.)?(?:twitter|x)\.com/", re.IGNORECASE)


def parse(markup: bytes | str) -> BeautifulSoup:
    """A page as browsers read it: bytes are decoded by their byte order mark or declared
    encoding; without either, as UTF-8 where they are valid UTF-8 (as browsers sniff a local
    file), else by the encoding bs4 guesses. (Its guess alone read a UTF-8 page with a NUL byte
    in it as windows-1250, "can’t" as "canâ€™t": tests/test_html_properties.py.)"""
    if isinstance(markup, bytes):
        _, byte_order = EncodingDetector.strip_byte_order_mark(markup)
        if byte_order is None and not EncodingDetector.find_declared_encoding(markup, is_html=True):
            try:
                markup = markup.decode("utf-8")
            except UnicodeDecodeError:
                pass
    return BeautifulSoup(markup, PARSER)


@dataclass
class PageIndex:
    """The elements each page kind starts from, found in one walk over the page: a kind whose
    markers are absent costs nothing, and no kind scans the whole page with a CSS selector.

    `legacy_place` / `nitter_place`: for a post (by `id()`), the part of the conversation it sits
    in and that part's element: ("ancestors"|"conversation", el) on legacy pages,
    ("before"|"main"|"after"|"reply", el) on Nitter pages; absent when outside any."""

    x_articles: list[Tag] = field(default_factory=list)  # [data-testid="tweet"]
    legacy_tweets: list[Tag] = field(default_factory=list)  # div.tweet[data-tweet-id]
    nitter_items: list[Tag] = field(default_factory=list)  # .timeline-item
    unroll_posts: list[Tag] = field(default_factory=list)  # div.content-tweet
    unroll_permalinks: list[Tag] = field(default_factory=list)  # sup.tw-permalink
    embeds: list[Tag] = field(default_factory=list)  # blockquote.twitter-tweet / twitter-video
    legacy_place: dict[int, tuple[str, Tag]] = field(default_factory=dict)
    nitter_place: dict[int, tuple[str, Tag]] = field(default_factory=dict)


_LEGACY_SECTIONS = {
    "ThreadedConversation": "conversation",
    "ThreadedConversation--loneTweet": "conversation",
}
_NITTER_SECTIONS = {
    "before-tweet": "before",
    "main-tweet": "main",
    "after-tweet": "after",
    "reply": "reply",
}


def _classes(tag: Tag) -> list[str]:
    value = tag.attrs.get("class")
    if not value:
        return []
    return value.split() if isinstance(value, str) else list(value)


def post_kind(tag: Tag) -> str:
    """Which kind's post element `tag` is ("" for none)."""
    attrs = tag.attrs
    if attrs.get("data-testid") == "tweet":
        return "x"
    classes = _classes(tag)
    if not classes:
        return ""
    name = tag.name
    if name == "div" and "tweet" in classes and "data-tweet-id" in attrs:
        return "legacy"
    if "timeline-item" in classes:
        return "nitter"
    if name == "div" and "content-tweet" in classes:
        return "unroll"
    if name == "blockquote" and ("twitter-tweet" in classes or "twitter-video" in classes):
        return "embed"
    return ""


def own_tags(post: Tag, within: Tag | None = None) -> list[Tag]:
    """The tags of a post's own part (of `within`, a box of the post, when given), in page order:
    a post of the same kind nested inside it is left out with all it holds.

    No real page nests a post in a post of its kind (a quoted post has its own markup); an element
    left unclosed does, as a browser would nest it. Reading each post from its own part keeps the
    reading linear in the page's size however deep the nesting."""
    kind = post_kind(post)
    tags: list[Tag] = []
    stack = [child for child in reversed((within or post).contents) if isinstance(child, Tag)]
    while stack:
        tag = stack.pop()
        if kind and post_kind(tag) == kind:
            continue
        tags.append(tag)
        stack.extend(child for child in reversed(tag.contents) if isinstance(child, Tag))
    return tags


def nested_post_of(kind: str) -> Callable[[Tag], bool]:
    """For `node_text(skip=…)`: a post of `kind` nested in the one being read."""
    return lambda tag: post_kind(tag) == kind


def inside(tag: Tag, box: Tag | None) -> bool:
    return box is not None and any(parent is box for parent in tag.parents)


def has_classes(tag: Tag, *names: str) -> bool:
    classes = _classes(tag)
    return all(name in classes for name in names)


def index_page(soup: BeautifulSoup) -> PageIndex:
    """One walk, top-down, noting for each post what it sits in (a quoted post's box, a part of
    the conversation): no post is later asked for its ancestors."""
    index = PageIndex()
    # (tag, in a legacy QuoteTweet, in a Nitter .quote, legacy part, Nitter part)
    Frame = tuple[Tag, bool, bool, tuple[str, Tag] | None, tuple[str, Tag] | None]
    stack: list[Frame] = [(soup, False, False, None, None)]
    while stack:
        tag, in_legacy_quote, in_nitter_quote, legacy_part, nitter_part = stack.pop()
        if tag is not soup:
            classes = _classes(tag)
            element_id = tag.attrs.get("id")
            if element_id == "ancestors":
                legacy_part = ("ancestors", tag)
            elif element_id == "descendants":
                legacy_part = ("descendants", tag)
            for name_of_class in classes:
                if name_of_class in _LEGACY_SECTIONS and tag.name in ("li", "div"):
                    legacy_part = (_LEGACY_SECTIONS[name_of_class], tag)
                if name_of_class in _NITTER_SECTIONS:
                    nitter_part = (_NITTER_SECTIONS[name_of_class], tag)
            kind = post_kind(tag)
            if kind == "x":
                index.x_articles.append(tag)
            elif kind == "legacy" and not in_legacy_quote:
                index.legacy_tweets.append(tag)
                if legacy_part is not None:
                    index.legacy_place[id(tag)] = legacy_part
            elif kind == "nitter" and not in_nitter_quote:
                index.nitter_items.append(tag)
                if nitter_part is not None:
                    index.nitter_place[id(tag)] = nitter_part
            elif kind == "unroll":
                index.unroll_posts.append(tag)
            elif kind == "embed":
                index.embeds.append(tag)
            if tag.name == "sup" and "tw-permalink" in classes:
                index.unroll_permalinks.append(tag)
            if "QuoteTweet" in classes:
                in_legacy_quote = True
            if "quote" in classes:
                in_nitter_quote = True
        stack.extend(
            (child, in_legacy_quote, in_nitter_quote, legacy_part, nitter_part)
            for child in reversed(tag.contents)
            if isinstance(child, Tag)
        )
    return index


def snowflake_time(post_id: str) -> datetime | None:
    """The UTC time an X post id was made, None for a pre-2010 or non-numeric id."""
    if not post_id.isdigit() or len(post_id) > 20:
        return None
    number = int(post_id)
    if number < _FIRST_SNOWFLAKE:
        return None
    return plausible(datetime.fromtimestamp(((number >> 22) + _TWITTER_EPOCH_MS) / 1000, tz=UTC))


def plausible(moment: datetime | None) -> datetime | None:
    """`moment` when it lies in the range the project accepts for a post's date (X's rule,
    `sources/x.py`), else None: a made-up id or date on a page costs its date, not the page."""
    if moment is None:
        return None
    try:
        return in_range(moment)
    except ValueError:
        return None


def time_from_ms(value: str) -> datetime | None:
    """A date from milliseconds since the epoch (legacy pages' `data-time-ms`)."""
    if not value.isdigit() or len(value) > 15:
        return None
    try:
        return plausible(datetime.fromtimestamp(int(value) / 1000, tz=UTC))
    except (OverflowError, OSError, ValueError):
        return None


def order_key(post_id: str) -> tuple[int, int, str]:
    """Numeric ids in number order (which is time order for snowflakes), other ids after."""
    return (0, int(post_id), "") if post_id.isdigit() else (1, 0, post_id)


def status_of(href: str) -> tuple[str, str] | None:
    """(handle, id) of a status link: x.com, twitter.com, a Nitter instance or a relative path."""
    match = STATUS_PATH.match(href.strip())
    if not match:
        return None
    return match.group("handle").lstrip("@"), match.group("id")


def status_url(handle: str, post_id: str) -> str:
    return f"https://x.com/{handle or 'i/web'}/status/{post_id}"


def attr(tag: Tag | None, name: str) -> str:
    """An attribute as one string ("" when absent; a class list joined by spaces)."""
    if tag is None:
        return ""
    value = tag.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(value)
    return str(value)


def has_class(tag: Tag, name: str) -> bool:
    return name in attr(tag, "class").split()


# A post's own number: "1/", "2/8", "/5", "(3/10)", "[4/n]" at the start of its first line or
# at the start or end of its last line (site-stitcher's embeds: "…\n\n3/#javascript #jest").
_NUMBER_AT_START = re.compile(r"^[(\[]?\s*(\d{1,3})\s*/\s*(\d{1,3}|n)?\s*[)\]]?(?=\W|$)", re.I)
_SLASH_NUMBER_AT_START = re.compile(r"^/(\d{1,3})(?=\W|$)")
_NUMBER_AT_END = re.compile(r"(?:^|\s)[(\[]?(\d{1,3})\s*/\s*(\d{1,3}|n)?[)\]]?\s*$", re.I)
_SLASH_NUMBER_AT_END = re.compile(r"(?:^|\s)/(\d{1,3})\s*$")


@dataclass(frozen=True)
class Numbering:
    number: int
    total: int | None = None


def numbering_of(text: str) -> Numbering | None:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if not lines:
        return None
    candidates = [lines[0], lines[-1]]
    for line in candidates:
        for pattern in (_NUMBER_AT_START, _SLASH_NUMBER_AT_START):
            match = pattern.match(line)
            if match:
                return _numbering(match)
    for pattern in (_NUMBER_AT_END, _SLASH_NUMBER_AT_END):
        match = pattern.search(lines[-1])
        if match:
            return _numbering(match)
    return None


def _numbering(match: re.Match[str]) -> Numbering | None:
    number = int(match.group(1))
    total_text = match.group(2) if match.re.groups > 1 else None
    total = int(total_text) if total_text and total_text.isdigit() else None
    if number == 0 or (total is not None and total < number):
        # "0/" or "5/3" is arithmetic or a date, not a post number.
        return None
    return Numbering(number, total)


@dataclass(frozen=True)
class Found:
    """A post as a page kind found it, before threads are linked.

    `replying_to`: the handles a "Replying to @…" line names (x.com pages), () when the page
    says nothing. `structured`: the kind already set `post.reply_to` from the page's structure.
    `unexpanded`: the t.co links its text keeps because the page does not expand them.
    """

    post: Post
    replying_to: tuple[str, ...] = ()
    structured: bool = False
    unexpanded: tuple[str, ...] = ()


def make_post(
    *,
    post_id: str,
    author: Author,
    text: str,
    shown_time: datetime | None = None,
    media: tuple[Media, ...] = (),
    quote: QuotedPost | None = None,
    url: str = "",
) -> Post:
    """A post whose time comes from its id when the id is a snowflake: a page's visible date is
    day-only (embeds) or local (Nitter, localised legacy pages), so it never decides the order."""
    return Post(
        id=post_id,
        author=author,
        text=text,
        created_at=snowflake_time(post_id) or plausible(shown_time),
        media=media,
        quote=quote,
        escaped=False,
        url=url or (status_url(author.handle, post_id) if post_id.isdigit() else ""),
    )


def author_of(handle: str, name: str = "", user_id: str = "") -> Author:
    """The author as the page knows them. Without the numeric user id the id is "@handle":
    threads are an author's own replies, told apart by author id, so two accounts must never
    share one (an empty id would make a reply by anyone a self-reply)."""
    handle = handle.strip().lstrip("@")
    return Author(
        id=user_id or (f"@{handle.lower()}" if handle else ""),
        handle=handle,
        name=" ".join(name.split()),
    )


def replying(post: Post, parent: Post) -> Post:
    return replace(post, reply_to=parent.id, reply_to_user=parent.author.id or None)


class ReplyChains:
    """The posts of a page that shows its thread's structure (a legacy permalink page, Nitter's
    conversation): `chain` links runs of post tags, each replying to the one before; `found`
    gives every read post in page order, linked where a chain took it."""

    def __init__(self, reads: dict[int, Found | None]) -> None:
        self.reads = reads  # by id() of the post's tag
        self.linked: dict[int, Post] = {}

    def chain(self, tags: list[Tag], parent: Post | None) -> Post | None:
        """Link `tags` in order below `parent`; the last post linked (`parent` when none)."""
        for tag in tags:
            item = self.reads.get(id(tag))
            if item is None:
                continue
            self.linked[id(tag)] = replying(item.post, parent) if parent is not None else item.post
            parent = item.post
        return parent

    def found(self, every: list[Tag]) -> list[Found]:
        result = []
        for tag in every:
            item = self.reads.get(id(tag))
            if item is None:
                continue
            post = self.linked.get(id(tag))
            if post is not None:
                item = Found(post=post, structured=True, unexpanded=item.unexpanded)
            result.append(item)
        return result


def is_x_link(href: str) -> bool:
    return bool(_X_HOSTS.match(href))
