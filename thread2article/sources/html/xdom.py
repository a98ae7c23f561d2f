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

from dataclasses import replace
from datetime import datetime

from bs4 import BeautifulSoup
from bs4.element import Comment, NavigableString, Tag

from ...model import Author, Media, QuotedPost, parse_iso
from ..htmltext import is_hidden, node_text, visible_text
from .page import Found, attr, author_of, make_post, status_of, status_url

KIND = 'pages saved from x.com or twitter.com (article[data-testid="tweet"])'

_USER = '[data-testid="User-Name"], [data-testid="User-Names"]'
# X's alt text for a photo that has none.
_DEFAULT_ALTS = {"image", "imagen", "bild", "immagine", "imagem", "画像", "이미지"}


def _inside(tag: Tag, container: Tag | None) -> bool:
    return container is not None and (tag is container or container in tag.parents)


def _quote_box(article: Tag) -> Tag | None:
    """The quoted post: a `div[role=link]` that holds an author box of its own."""
    for box in article.select('div[role="link"]'):
        if box.select_one(_USER) is not None:
            return box
    return None


def _own(article: Tag, selector: str, quote: Tag | None) -> list[Tag]:
    return [tag for tag in article.select(selector) if not _inside(tag, quote)]


def find(soup: BeautifulSoup, warnings: list[str]) -> list[Found]:
    found = []
    articles = soup.select('[data-testid="tweet"]')
    for article in articles:
        if article.find_parent(attrs={"data-testid": "tweet"}) is not None:
            continue
        item = _read(article, warnings)
        if item is not None:
            found.append(item)
    return found


def _status(article: Tag, user: Tag | None, quote: Tag | None) -> tuple[str, str] | None:
    for time in _own(article, "time", quote):
        link = time.find_parent("a")
        if link is not None and status_of(attr(link, "href")):
            return status_of(attr(link, "href"))
    if user is not None:
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
    runs = []
    for node in box.descendants:
        if any(
            is_hidden(parent)
            for parent in node.parents
            if parent is not box and isinstance(parent, Tag)
        ):
            continue
        if isinstance(node, NavigableString) and not isinstance(node, Comment):
            if node.strip():
                runs.append(str(node).strip() if not runs else str(node))
        elif isinstance(node, Tag) and node.name == "img" and attr(node, "alt"):
            runs.append(attr(node, "alt"))
    return [run for run in runs if run.strip()]


def _replying_to(
    article: Tag, text: Tag | None, user: Tag | None, quote: Tag | None
) -> tuple[str, ...]:
    """Handles of a "Replying to @a @b" line: profile links before the text, outside the author
    box and the quote."""
    handles = []
    for link in article.find_all("a", href=True):
        if text is not None and link in text.descendants:
            break
        if _inside(link, quote) or _inside(link, user):
            continue
        href = attr(link, "href")
        shown = visible_text(link)
        if shown.startswith("@") and href.strip("/").lower() == shown[1:].lower():
            handles.append(shown[1:])
    return tuple(handles)


def _media(article: Tag, quote: Tag | None, post_id: str, warnings: list[str]) -> tuple[Media, ...]:
    media = []
    for photo in _own(article, '[data-testid="tweetPhoto"] img', quote):
        src = attr(photo, "src")
        if not src.startswith("http"):
            continue
        alt = attr(photo, "alt").strip()
        media.append(Media(kind="photo", url=src, alt="" if alt.lower() in _DEFAULT_ALTS else alt))
    for video in _own(article, "video", quote):
        poster = attr(video, "poster")
        if poster.startswith("http"):
            # The stream is a blob: URL of the browser session; only the poster is kept.
            media.append(Media(kind="photo", url=poster))
            warnings.append(
                f"post {post_id} has a video; the saved page holds only its poster image"
            )
    return tuple(media)


def _quote(quote: Tag | None) -> QuotedPost | None:
    if quote is None:
        return None
    name, handle = _names(quote.select_one(_USER))
    quoted_id = ""
    for link in quote.find_all("a", href=True):
        status = status_of(attr(link, "href"))
        if status:
            handle = handle or status[0]
            quoted_id = status[1]
            break
    text_box = quote.select_one('[data-testid="tweetText"]')
    text = (
        node_text(text_box, whitespace="pre-line", layout_whitespace=False).text if text_box else ""
    )
    return QuotedPost(
        id=quoted_id,
        url=status_url(handle, quoted_id) if quoted_id else "",
        author=Author(id="", handle=handle, name=name) if handle or name else None,
        text=text,
    )


def _read(article: Tag, warnings: list[str]) -> Found | None:
    quote = _quote_box(article)
    users = _own(article, _USER, quote)
    user = users[0] if users else None
    status = _status(article, user, quote)
    if status is None:
        warnings.append(
            "a post on the page has no status link (an ad or a deleted post); it was left out"
        )
        return None
    link_handle, post_id = status
    name, handle = _names(user)
    handle = handle or link_handle
    texts = _own(article, '[data-testid="tweetText"]', quote)
    text_box = texts[0] if texts else None
    read = (
        node_text(
            text_box, whitespace="pre-line", layout_whitespace=False, base_url="https://x.com/"
        )
        if text_box is not None
        else None
    )
    shown_time: datetime | None = None
    for time in _own(article, "time[datetime]", quote):
        shown_time = _iso(attr(time, "datetime"))
        break
    post = make_post(
        post_id=post_id,
        author=author_of(handle, name),
        text=read.text if read else "",
        shown_time=shown_time,
        media=_media(article, quote, post_id, warnings),
        quote=_quote(quote),
    )
    context = article.select_one('[data-testid="socialContext"]')
    if context is not None:
        reposter = context.find_parent("a") or context.find("a")
        href = attr(reposter, "href").strip("/") if reposter is not None else ""
        if href and "/" not in href and href.lower() != handle.lower():
            # "Ada reposted": the post is someone else's, shown on Ada's timeline.
            post = replace(post, is_repost=True)
    return Found(
        post=post,
        replying_to=_replying_to(article, text_box, user, quote),
        unexpanded=read.unexpanded if read else (),
    )


def _iso(value: str) -> datetime | None:
    try:
        return parse_iso(value)
    except ValueError:
        return None
