"""Plain-text helpers every writer shares: lines and paragraphs of a block, dates, captions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from ..model import Article, GapNote, iso_utc
from .urls import web_url

# How a note block is introduced, by its kind.
NOTE_LABELS = {"content-warning": "Content warning"}
_MASTODON_PERMALINK = re.compile(r"^/(?:@[^/@]+(?:@[^/]+)?|users/[^/]+/statuses)/\d+/?$")

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def split_paragraphs(text: str) -> list[list[str]]:
    """Paragraphs (split at blank lines) of trimmed, non-empty lines.

    Leading whitespace is dropped on purpose: in Markdown four spaces would start a code block,
    and HTML collapses it anyway.
    """
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for raw_line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw_line.strip()
        if line:
            current.append(line)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def one_line(text: str) -> str:
    """Text for a place that holds one line (titles, names, alt text): whitespace collapsed."""
    return " ".join(text.split())


def human_date(moment: datetime | None) -> str:
    """`8 March 2022`, the UTC date, spelled the same in every locale."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    day = moment.astimezone(UTC)
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def short_date(moment: datetime | None) -> str:
    """`2022-03-08`, the UTC date, for lists that sort by it."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).date().isoformat()


def platform_name(source_url: str, platform: str = "") -> str:
    """The service a thread came from, for the attribution line ("" when unknown). `platform` is
    the article's own (`Article.platform`); the URL decides for documents that do not say."""
    if platform == "mastodon":
        # Other servers speak Mastodon's API too (GoToSocial, Akkoma): only a Mastodon
        # permalink says Mastodon.
        return "Mastodon" if _MASTODON_PERMALINK.match(_path(source_url)) else "the fediverse"
    try:
        host = (urlsplit(source_url).hostname or "").lower()
    except ValueError:
        return ""
    if host in ("x.com", "twitter.com") or host.endswith((".x.com", ".twitter.com")):
        return "X"
    if host == "bsky.app":
        return "Bluesky"
    # Any host can be a Mastodon instance; its post permalinks are `/@user/<id>` (the form the
    # Mastodon reader keeps) or the ActivityPub `/users/<user>/statuses/<id>`.
    if _MASTODON_PERMALINK.match(_path(source_url)):
        return "Mastodon"
    return ""


def _path(url: str) -> str:
    try:
        return urlsplit(url).path
    except ValueError:
        return ""


@dataclass(frozen=True)
class Header:
    """What every writer puts above the body, as plain one-line text that each writer escapes
    its own way: the title, the byline (name, date) and the attribution line ("Originally posted
    as <where> by <credit>", linked to the thread). URLs are http(s) or ""."""

    title: str
    author: str  # the display name, else `@handle`, else the id ("" when unknown)
    author_url: str
    date: str  # `8 March 2022` ("" when unknown)
    date_iso: str  # `2022-03-08T14:02:11Z` ("" when unknown)
    where: str  # "a thread on X", or "a thread" when the service is unknown
    credit: str  # `@handle` when known, else the author's name, else ""
    source_url: str


def header_of(article: Article) -> Header:
    platform = platform_name(article.source_url, article.platform)
    handle = one_line(article.author.handle)
    return Header(
        title=one_line(article.title) or "Untitled",
        author=one_line(article.author.display_name),
        author_url=web_url(article.author.url),
        date=human_date(article.published),
        date_iso=iso_utc(article.published) or "",
        where=f"a thread on {platform}" if platform else "a thread",
        credit=f"@{handle}" if handle else one_line(article.author.name),
        source_url=web_url(article.source_url),
    )


def gap_text(note: GapNote) -> str:
    """The note shown where posts are missing; never empty, so a gap is never silent."""
    text = one_line(note.text)
    if text:
        return text
    if note.missing_id:
        return f"A post is missing here (post {note.missing_id})"
    return "A post is missing here"
