"""Pages saved from x.com / twitter.com after the browser rendered them (2019 on).

Only `data-testid` markup and the element kinds are read, never the generated class names
(`css-1dbjc4n` in 2022, `css-175oi2r` in 2025): `[data-testid="tweet"]` (an `article`),
`[data-testid="User-Name"]` (2022: `User-Names`), `time[datetime]` inside the status link,
`[data-testid="tweetText"]`, `[data-testid="tweetPhoto"] img`, a video's `video[poster]`; a
quoted post is a `div[role="link"]` holding its own User-Name after the "Quote" label. A
"Replying to @a @b" line is read from its profile links (its words are localised).
The page says nothing else of replies: posts are linked into threads by `grouping`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import datetime

from bs4 import BeautifulSoup
from bs4.element import Comment, NavigableString, PageElement, Tag

from ...model import Author, Media, QuotedPost, parse_iso
from ..htmltext import is_hidden, node_text, visible_text
from .page import Found, PageIndex, attr, author_of, make_post, status_of, status_url

KIND = 'pages saved from x.com or twitter.com (article[data-testid="tweet"])'

# X's alt text for a photo that has none.
_DEFAULT_ALTS = {"image", "imagen", "bild", "immagine", "imagem", "画像", "이미지"}


_USER_IDS = ("User-Name", "User-Names")


@dataclass
class _Parts:
    """What one article holds, outside its quoted post (`quote_*`: inside it), in page order."""

    users: list[Tag] = field(default_factory=list)
    texts: list[Tag] = field(default_factory=list)
    times: list[tuple[Tag, Tag | None]] = field(default_factory=list)  # (time, link around it)
    photos: list[Tag] = field(default_factory=list)
    videos: list[Tag] = field(default_factory=list)
    contexts: list[Tag] = field(default_factory=list)
    # Profile links before the post's text, outside the author box: "Replying to @a @b".
    replying: list[Tag] = field(default_factory=list)
    quote: Tag | None = None
    quote_users: list[Tag] = field(default_factory=list)
    quote_texts: list[Tag] = field(default_factory=list)
    quote_links: list[Tag] = field(default_factory=list)


def _is_article(tag: Tag) -> bool:
    return tag.get("data-testid") == "tweet"


def _is_role_link(tag: Tag) -> bool:
    return tag.name == "div" and tag.get("role") == "link"


def _quote_box(article: Tag) -> Tag | None:
    """The quoted post: the `div[role=link]` around the first author box that has one."""
    stack: list[tuple[Tag, Tag | None]] = [(article, None)]
    while stack:
        tag, role_link = stack.pop()
        if tag is not article and _is_article(tag):
            continue  # a nested article is another post's (an unclosed page), never this one's
        if tag.get("data-testid") in _USER_IDS and role_link is not None:
            return role_link
        if _is_role_link(tag):
            role_link = tag
        stack.extend(
            (child, role_link) for child in reversed(tag.contents) if isinstance(child, Tag)
        )
    return None


def _parts(article: Tag) -> _Parts:
    """One walk over the article (a nested article is left out: each is read on its own)."""
    parts = _Parts(quote=_quote_box(article))
    # (tag, inside the quote, an author box, a text, a photo; the link around it)
    Frame = tuple[Tag, bool, bool, bool, bool, Tag | None]
    stack: list[Frame] = [(article, False, False, False, False, None)]
    text_seen = False
    while stack:
        tag, in_quote, in_user, in_text, in_photo, link = stack.pop()
        if tag is not article and _is_article(tag):
            continue
        if tag is parts.quote:
            in_quote = True
        testid = tag.get("data-testid")
        if testid in _USER_IDS:
            (parts.quote_users if in_quote else parts.users).append(tag)
            in_user = True
        elif testid == "tweetText":
            (parts.quote_texts if in_quote else parts.texts).append(tag)
            if not in_quote:
                text_seen = True
            in_text = True
        elif testid == "tweetPhoto":
            in_photo = True
        elif testid == "socialContext" and not in_quote:
            parts.contexts.append(tag)
        name = tag.name
        if name == "a" and tag.has_attr("href"):
            link = tag
            if in_quote:
                parts.quote_links.append(tag)
            elif not in_user and not in_text and not text_seen:
                parts.replying.append(tag)
        elif name == "time" and not in_quote:
            parts.times.append((tag, link))
        elif name == "img" and in_photo and not in_quote:
            parts.photos.append(tag)
        elif name == "video" and not in_quote:
            parts.videos.append(tag)
        stack.extend(
            (child, in_quote, in_user, in_text, in_photo, link)
            for child in reversed(tag.contents)
            if isinstance(child, Tag)
        )
    return parts


def user_ids(soup: BeautifulSoup) -> dict[str, str]:
    """Handle (lower case) -> numeric user id, from the page's schema.org data: a saved profile
    page describes its account as `ProfilePage.mainEntity` {additionalName, identifier}."""
    ids: dict[str, str] = {}
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.get_text() or "null")
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            entity = item.get("mainEntity") if isinstance(item, dict) else None
            if not isinstance(entity, dict):
                continue
            handle, number = entity.get("additionalName"), entity.get("identifier")
            if isinstance(handle, str) and isinstance(number, str | int) and str(number).isdigit():
                ids[handle.lower()] = str(number)
    return ids


def find(soup: BeautifulSoup, index: PageIndex, warnings: list[str]) -> list[Found]:
    if not index.x_articles:
        return []
    ids = user_ids(soup)
    found = []
    for article in index.x_articles:
        item = _read(article, warnings, ids)
        if item is not None:
            found.append(item)
    return found


def _status(parts: _Parts) -> tuple[str, str] | None:
    for _, link in parts.times:
        status = status_of(attr(link, "href")) if link is not None else None
        if status:
            return status
    for user in parts.users[:1]:
        for link in user.find_all("a", href=True):
            status = status_of(attr(link, "href"))
            if status:
                return status
    return None


def _names(user: Tag | None) -> tuple[str, str]:
    """(display name, handle) from an author box: the first link is the name, the "@" one the
    handle; a quoted post's box has no links, only text."""
    if user is None:
        return "", ""
    handle = ""
    name = ""
    for link in user.find_all("a", href=True):
        text = visible_text(link)
        if text.startswith("@") and not handle:
            handle = text[1:]
        elif text and not name and not text.startswith("@"):
            name = text
    if not handle or not name:
        # A box without links (a quoted post's): its text runs are the name, then "@handle".
        runs = _runs(user)
        for index, run in enumerate(runs):
            if run.startswith("@") and len(run) > 1:
                handle = handle or run[1:]
                name = name or "".join(runs[:index]).strip()
                break
    return name, handle


def _runs(box: Tag) -> list[str]:
    """The visible text runs of a box, emoji images as their character."""
    runs: list[str] = []
    stack: list[PageElement] = list(reversed(box.contents))
    while stack:
        node = stack.pop()
        if isinstance(node, Tag):
            if is_hidden(node) or node.name in ("script", "style", "svg"):
                continue
            if node.name == "img" and attr(node, "alt"):
                runs.append(attr(node, "alt"))
            stack.extend(reversed(node.contents))
        elif isinstance(node, NavigableString) and not isinstance(node, Comment) and node.strip():
            runs.append(str(node).strip() if not runs else str(node))
    return runs


def _replying_to(parts: _Parts) -> tuple[str, ...]:
    """Handles of a "Replying to @a @b" line: profile links before the text, outside the author
    box and the quote (its words are localised, its links are not)."""
    handles = []
    for link in parts.replying:
        shown = visible_text(link)
        if shown.startswith("@") and attr(link, "href").strip("/").lower() == shown[1:].lower():
            handles.append(shown[1:])
    return tuple(handles)


def _media(parts: _Parts, post_id: str, warnings: list[str]) -> tuple[Media, ...]:
    media = []
    for photo in parts.photos:
        src = attr(photo, "src")
        if not src.startswith("http"):
            continue
        alt = attr(photo, "alt").strip()
        media.append(Media(kind="photo", url=src, alt="" if alt.lower() in _DEFAULT_ALTS else alt))
    for video in parts.videos:
        poster = attr(video, "poster")
        if poster.startswith("http"):
            # The stream is a blob: URL of the browser session; only the poster is kept.
            media.append(Media(kind="photo", url=poster))
            warnings.append(
                f"post {post_id} has a video; the saved page holds only its poster image"
            )
    return tuple(media)


def _quote(parts: _Parts) -> QuotedPost | None:
    if parts.quote is None:
        return None
    name, handle = _names(parts.quote_users[0] if parts.quote_users else None)
    quoted_id = ""
    for link in parts.quote_links:
        status = status_of(attr(link, "href"))
        if status:
            handle = handle or status[0]
            quoted_id = status[1]
            break
    text_box = parts.quote_texts[0] if parts.quote_texts else None
    text = (
        node_text(text_box, whitespace="pre-line", layout_whitespace=False).text if text_box else ""
    )
    return QuotedPost(
        id=quoted_id,
        url=status_url(handle, quoted_id) if quoted_id else "",
        author=Author(id="", handle=handle, name=name) if handle or name else None,
        text=text,
    )


def _read(article: Tag, warnings: list[str], ids: dict[str, str]) -> Found | None:
    parts = _parts(article)
    user = parts.users[0] if parts.users else None
    status = _status(parts)
    if status is None:
        warnings.append(
            "a post on the page has no status link (an ad or a deleted post); it was left out"
        )
        return None
    link_handle, post_id = status
    name, handle = _names(user)
    handle = handle or link_handle
    text_box = parts.texts[0] if parts.texts else None
    read = (
        node_text(
            text_box,
            whitespace="pre-line",
            layout_whitespace=False,
            base_url="https://x.com/",
            skip=_is_article,
        )
        if text_box is not None
        else None
    )
    shown_time: datetime | None = None
    for time, _ in parts.times:
        if time.has_attr("datetime"):
            shown_time = _iso(attr(time, "datetime"))
            break
    post = make_post(
        post_id=post_id,
        author=author_of(handle, name, ids.get(handle.lower(), "")),
        text=read.text if read else "",
        shown_time=shown_time,
        media=_media(parts, post_id, warnings),
        quote=_quote(parts),
    )
    for context in parts.contexts[:1]:
        reposter = context.find_parent("a") or context.find("a")
        href = attr(reposter, "href").strip("/") if reposter is not None else ""
        if href and "/" not in href and href.lower() != handle.lower():
            # "Ada reposted": the post is someone else's, shown on Ada's timeline.
            post = replace(post, is_repost=True)
    return Found(
        post=post,
        replying_to=_replying_to(parts),
        unexpanded=read.unexpanded if read else (),
    )


def _iso(value: str) -> datetime | None:
    try:
        return parse_iso(value)
    except ValueError:
        return None
