"""Bluesky's post record (`app.bsky.feed.post`), wherever it comes from: AT URIs, authors, dates,
rich-text facets and the record's own embeds (blob references).

The AppView's JSON (`views.py`) and the repository export (`repo.py`) both hold this record; they
differ in how they show embeds (hydrated views with CDN URLs vs blob references), so each reads
its own embeds and shares the rest here.

Facts this module relies on (docs/formats.md §6, the `app.bsky.*` lexicons):
- facets index the text by UTF-8 **bytes** (`byteStart` inclusive, `byteEnd` exclusive), never
  by characters: slicing the str instead goes wrong after `’` or `—` (3 bytes, 1 character);
- a link facet's text may be shortened (`www.youtube.com/watch?v=wzN1...`); its `uri` is whole;
- `createdAt` is written by the client and its form varies (no zone, microseconds); a record key
  is a TID, which holds the time it was made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from ...model import Anchor, Author, Link, Media, Post, QuotedPost, parse_iso
from ..x import EARLIEST, LATEST

PLATFORM = "bluesky"
WEB = "https://bsky.app"
# The public CDNs the AppView itself points at for a blob (images, video) of an account.
IMAGE_CDN = "https://cdn.bsky.app/img/feed_fullsize/plain"
VIDEO_CDN = "https://video.bsky.app/watch"
POST_COLLECTION = "app.bsky.feed.post"
PROFILE_COLLECTION = "app.bsky.actor.profile"

_AT_URI = re.compile(
    r"^at://(?P<authority>[^/?#]+)(?:/(?P<collection>[^/?#]+)(?:/(?P<rkey>[^/?#]+))?)?"
)
# base32-sortable, the alphabet of TIDs (record keys made from the time).
_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
_TID = re.compile(r"^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*://", re.IGNORECASE)
# Where a collection's record is shown on bsky.app (a quoted feed, list or starter pack).
_WEB_PATHS = {
    POST_COLLECTION: "post",
    "app.bsky.feed.generator": "feed",
    "app.bsky.graph.list": "lists",
}


@dataclass(frozen=True)
class AtUri:
    authority: str  # a DID, or a handle
    collection: str
    rkey: str

    @property
    def text(self) -> str:
        return f"at://{self.authority}/{self.collection}/{self.rkey}"


def parse_at_uri(value: object) -> AtUri | None:
    if not isinstance(value, str):
        return None
    match = _AT_URI.match(value)
    if not match or not match["collection"] or not match["rkey"]:
        return None
    return AtUri(match["authority"], match["collection"], match["rkey"])


def record_url(uri: AtUri, handle: str = "") -> str:
    """The record's page on bsky.app: `/profile/<handle or did>/post/<rkey>` for a post."""
    actor = quote(usable_handle(handle) or uri.authority, safe=":.")
    if uri.collection == "app.bsky.graph.starterpack":
        return f"{WEB}/starter-pack/{actor}/{quote(uri.rkey, safe='')}"
    kind = _WEB_PATHS.get(uri.collection, "post")
    return f"{WEB}/profile/{actor}/{kind}/{quote(uri.rkey, safe='')}"


def usable_handle(handle: object) -> str:
    """A handle worth showing: `handle.invalid` is the AppView saying it could not verify one."""
    if not isinstance(handle, str) or not handle or handle == "handle.invalid":
        return ""
    return handle


def author_of(did: str, handle: object = "", name: object = "") -> Author:
    """Authors are told apart by DID (handles change); the profile URL prefers the handle."""
    shown = usable_handle(handle)
    return Author(
        id=did,
        handle=shown,
        name=name.strip() if isinstance(name, str) else "",
        profile_url=f"{WEB}/profile/{quote(shown or did, safe=':.')}",
    )


# --- time ----------------------------------------------------------------------------------


def parse_time(value: object) -> datetime | None:
    """An ISO 8601 time as clients write it; one without a zone is taken as UTC."""
    if not isinstance(value, str) or not value:
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    # Python < 3.11.? rejects more than six fraction digits; some clients write nine.
    text = re.sub(r"(\.\d{6})\d+", r"\1", text)
    try:
        moment = parse_iso(text)
    except (OverflowError, ValueError):
        return None
    if moment is None:
        return None
    # A client may write any date ("0001-01-01T00:00:00Z" is seen): one outside the range every
    # platform shares is no date, and the next source of time is asked.
    return moment if EARLIEST <= moment < LATEST else None


def tid_time(rkey: str) -> datetime | None:
    """The moment a TID record key was made (53 bits of microseconds since 1970)."""
    if not _TID.match(rkey):
        return None
    value = 0
    for char in rkey:
        value = value * 32 + _TID_ALPHABET.index(char)
    try:
        moment = datetime.fromtimestamp((value >> 10) / 1_000_000, UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return moment if EARLIEST <= moment < LATEST else None


def created_at(record: dict[str, Any], rkey: str, indexed_at: object = None) -> datetime | None:
    """The client's `createdAt`; else when the AppView saw it; else the time in the record key.
    A client clock can be off, but reply links, not times, order a thread."""
    return parse_time(record.get("createdAt")) or parse_time(indexed_at) or tid_time(rkey)


# --- text and facets -----------------------------------------------------------------------


def text_of(record: dict[str, Any]) -> str:
    text = record.get("text")
    if text is None:
        return ""
    if not isinstance(text, str):
        raise ValueError(f"text must be a string, not {type(text).__name__}")
    return text


@dataclass(frozen=True)
class FacetLink:
    start: int  # byte offsets into the UTF-8 text
    end: int
    shown: str  # the text the post shows for the link (may be shortened)
    uri: str


def facet_links(text: str, facets: object) -> tuple[list[FacetLink], list[str]]:
    """The link facets of a text, sliced by UTF-8 bytes, and a note for each facet that does not
    fall on the text (out of range, or cutting a character in two)."""
    if not isinstance(facets, list):
        return [], []
    data = text.encode("utf-8")
    links: list[FacetLink] = []
    problems: list[str] = []
    for facet in facets:
        if not isinstance(facet, dict):
            continue
        uris = [
            str(feature["uri"])
            for feature in facet.get("features") or []
            if isinstance(feature, dict)
            and feature.get("$type") == "app.bsky.richtext.facet#link"
            and isinstance(feature.get("uri"), str)
        ]
        if not uris:
            continue  # mentions and tags: their text (@handle, #tag) already says what they are
        index = facet.get("index") or {}
        start, end = index.get("byteStart"), index.get("byteEnd")
        if not (
            isinstance(start, int)
            and isinstance(end, int)
            and not isinstance(start, bool)
            and 0 <= start < end <= len(data)
        ):
            problems.append(f"a link facet's byte range {start}-{end} lies outside the text")
            continue
        try:
            shown = data[start:end].decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"a link facet's byte range {start}-{end} cuts a character in two")
            continue
        links.append(FacetLink(start, end, shown, uris[0]))
    links.sort(key=lambda link: link.start)
    return links, problems


_MENTION = "app.bsky.richtext.facet#mention"
_TAG = "app.bsky.richtext.facet#tag"
_FACET_DID = re.compile(r"did:[a-z]+:[A-Za-z0-9._:%-]{1,2048}")
PROFILE_URL = "https://bsky.app/profile/{did}"
HASHTAG_URL = "https://bsky.app/hashtag/{tag}"


def post_anchors(text: str, facets: object) -> tuple[Anchor, ...]:
    """The mentions and hashtags of a text (its #mention and #tag facets, sliced by UTF-8
    bytes) as anchors: `@handle` to the account's profile (by DID, which outlives a handle),
    `#tag` to Bluesky's page of the tag. Only a slice that reads as what it marks (`@…` for a
    mention, `#…` for a tag) counts: writers link every place the words stand, and a facet over
    a plain word would link that word all through the article. Facets that do not fall on the
    text are left out (their words stay plain)."""
    if not isinstance(facets, list):
        return ()
    data = text.encode("utf-8")
    anchors: dict[str, Anchor] = {}
    for facet in facets:
        if not isinstance(facet, dict) or not isinstance(facet.get("index"), dict):
            continue
        start, end = facet["index"].get("byteStart"), facet["index"].get("byteEnd")
        if not (type(start) is int and type(end) is int and 0 <= start < end <= len(data)):
            continue
        try:
            shown = data[start:end].decode("utf-8")
        except UnicodeDecodeError:
            continue
        features = facet.get("features")
        for feature in features if isinstance(features, list) else ():
            if not isinstance(feature, dict):
                continue
            kind, did, tag = feature.get("$type"), feature.get("did"), feature.get("tag")
            if kind == _MENTION and shown.startswith("@") and isinstance(did, str):
                if _FACET_DID.fullmatch(did):
                    anchors.setdefault(shown, Anchor(shown, PROFILE_URL.format(did=did)))
            elif kind == _TAG and shown.startswith(("#", "＃")) and isinstance(tag, str):
                if tag.strip() and len(tag) <= 640:
                    url = HASHTAG_URL.format(tag=quote(tag.strip(), safe=""))
                    anchors.setdefault(shown, Anchor(shown, url))
    return tuple(anchors.values())


def link_replacement(shown: str, uri: str) -> str:
    """What stands in the article for a link facet: the whole URI when the post showed the URI
    (or a shortened form of it: no scheme, no `www.`, cut with `...`); otherwise the words the
    writer linked, followed by the URI, so that neither the words nor the address is lost."""
    if shown == uri:
        return uri
    core = shown.strip()
    for ending in ("...", "…"):
        if core.endswith(ending):
            core = core[: -len(ending)]
    core = _without_www(_SCHEME.sub("", core)).lower()
    target = _without_www(_SCHEME.sub("", uri)).lower()
    if core and target.startswith(core) and " " not in shown.strip():
        return uri
    return f"{shown} ({uri})"


def _without_www(text: str) -> str:
    return text[4:] if text.lower().startswith("www.") else text


def post_links(text: str, facets: object) -> tuple[tuple[Link, ...], list[str]]:
    """Links for the `links` pass: the shown text stands for its replacement. The text itself is
    kept as posted, since its length (graphemes, as Bluesky counts) is evidence of a full post."""
    found, problems = facet_links(text, facets)
    links: dict[str, Link] = {}
    for link in found:
        replacement = link_replacement(link.shown, link.uri)
        if replacement != link.shown and link.shown not in links:
            links[link.shown] = Link(short=link.shown, expanded=replacement)
    return tuple(links.values()), problems


def plain_text(text: str, facets: object) -> str:
    """The text with every link facet replaced in place (by byte offsets), for quoted posts,
    whose text the writers show as it is."""
    found, _ = facet_links(text, facets)
    if not found:
        return text.strip()
    data = text.encode("utf-8")
    pieces = []
    position = 0
    for link in found:
        if link.start < position:
            continue  # overlapping facets: the first wins
        pieces.append(data[position : link.start].decode("utf-8", errors="replace"))
        pieces.append(link_replacement(link.shown, link.uri))
        position = link.end
    pieces.append(data[position:].decode("utf-8", errors="replace"))
    return "".join(pieces).strip()


def card_line(uri: object, title: object, text: str, links: tuple[Link, ...]) -> str:
    """A link card (`external` embed) as a line to add below the text, or "" when the text
    already links to it. On Bluesky a writer often deletes the URL once the card has appeared,
    so the card may be the only place the link survives."""
    if not isinstance(uri, str) or not uri.startswith(("http://", "https://")):
        return ""
    if uri in text or any(uri == link.expanded or uri in link.expanded for link in links):
        return ""
    title_text = " ".join(title.split()) if isinstance(title, str) else ""
    return f"{title_text} — {uri}" if title_text else uri


def with_card(text: str, line: str) -> str:
    if not line:
        return text
    return f"{text.rstrip()}\n\n{line}" if text.strip() else line


# --- record embeds (blob references: the repository export) ---------------------------------


def blob_cid(blob: object) -> str:
    """The CID of a blob reference, in its current form (`ref.$link`) or the legacy one (`cid`)."""
    if not isinstance(blob, dict):
        return ""
    ref = blob.get("ref")
    if isinstance(ref, dict) and isinstance(ref.get("$link"), str):
        return ref["$link"]
    if isinstance(ref, str):
        return ref
    legacy = blob.get("cid")
    return legacy if isinstance(legacy, str) else ""


def image_url(did: str, cid: str) -> str:
    """The CDN address the AppView gives a blob image (`@jpeg` serves any image type)."""
    return f"{IMAGE_CDN}/{quote(did, safe=':')}/{quote(cid, safe='')}@jpeg"


def record_media(did: str, embed: object) -> tuple[Media, ...]:
    """Images and video of a record's own embed (blob references), as CDN URLs."""
    if not isinstance(embed, dict):
        return ()
    kind = embed.get("$type")
    if kind == "app.bsky.embed.recordWithMedia":
        return record_media(did, embed.get("media"))
    if kind == "app.bsky.embed.images":
        media = []
        for item in embed.get("images") or []:
            if not isinstance(item, dict):
                continue
            cid = blob_cid(item.get("image"))
            if cid:
                alt = item.get("alt")
                media.append(
                    Media(
                        kind="photo",
                        url=image_url(did, cid),
                        alt=alt if isinstance(alt, str) else "",
                    )
                )
        return tuple(media)
    if kind == "app.bsky.embed.video":
        cid = blob_cid(embed.get("video"))
        if not cid:
            return ()
        base = f"{VIDEO_CDN}/{quote(did, safe=':')}/{quote(cid, safe='')}"
        alt = embed.get("alt")
        return (
            Media(
                kind="video",
                url=f"{base}/playlist.m3u8",
                poster=f"{base}/thumbnail.jpg",
                alt=alt if isinstance(alt, str) else "",
            ),
        )
    return ()


def record_quote(embed: object) -> QuotedPost | None:
    """The record a post quotes, known by its link alone (the export holds no other account's
    posts; `repo.py` fills in the text of the account's own)."""
    if not isinstance(embed, dict):
        return None
    kind = embed.get("$type")
    if kind == "app.bsky.embed.recordWithMedia":
        return record_quote(embed.get("record"))
    if kind != "app.bsky.embed.record":
        return None
    ref = embed.get("record")
    uri = parse_at_uri(ref.get("uri")) if isinstance(ref, dict) else None
    if uri is None:
        return None
    return QuotedPost(id=uri.rkey, url=record_url(uri))


def record_card(embed: object) -> tuple[object, object]:
    """(uri, title) of a record's link card, if it has one."""
    if isinstance(embed, dict) and embed.get("$type") == "app.bsky.embed.recordWithMedia":
        return record_card(embed.get("media"))
    if isinstance(embed, dict) and embed.get("$type") == "app.bsky.embed.external":
        external = embed.get("external")
        if isinstance(external, dict):
            return external.get("uri"), external.get("title")
    return None, None


def reply_refs(record: dict[str, Any]) -> tuple[AtUri | None, AtUri | None]:
    """(parent, root) of a reply, from the record's strong references."""
    reply = record.get("reply")
    if not isinstance(reply, dict):
        return None, None
    parent = reply.get("parent")
    root = reply.get("root")
    return (
        parse_at_uri(parent.get("uri")) if isinstance(parent, dict) else None,
        parse_at_uri(root.get("uri")) if isinstance(root, dict) else None,
    )


def build_post(
    uri: AtUri,
    author: Author,
    record: dict[str, Any],
    *,
    media: tuple[Media, ...],
    quote: QuotedPost | None,
    card: tuple[object, object],
    indexed_at: object = None,
) -> tuple[Post, list[str]]:
    """A Post from a post record and its embeds, read by either source; the notes say what in
    the record could not be used (a facet off the text)."""
    text = text_of(record)
    links, problems = post_links(text, record.get("facets"))
    parent, root = reply_refs(record)
    post = Post(
        id=uri.rkey,
        author=author,
        text=with_card(text, card_line(card[0], card[1], text, links)),
        created_at=created_at(record, uri.rkey, indexed_at),
        reply_to=parent.rkey if parent else None,
        reply_to_user=parent.authority if parent else None,
        conversation_id=root.rkey if root else uri.rkey,
        links=links,
        media=media,
        quote=quote,
        escaped=False,
        url=record_url(uri, author.handle),
        anchors=post_anchors(text, record.get("facets")),
    )
    return post, [
        f"post {uri.rkey}: {problem}; the link's text is kept as posted" for problem in problems
    ]
