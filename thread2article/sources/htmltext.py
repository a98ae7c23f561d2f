"""The text of a post's HTML, built from chosen nodes (never an element's whole `get_text()`).

Post markup (X's pages and embeds, Nitter, Thread Reader App, Mastodon's `content`) writes more
than the post says: a link's URL is split into hidden and visible spans, emoji are images, the
"https://" of a display URL is an `aria-hidden` span, media links are hidden. `node_text` walks a
Beautiful Soup node and keeps only what a reader of the post sees, with links read as the URL
they stand for:

    >>> from bs4 import BeautifulSoup
    >>> html = '<p>Hi <img class="emoji" alt="👋"><br><a href="https://t.co/x" '
    ...         'data-expanded-url="https://example.com/a">example.com/a</a></p>'
    >>> node_text(BeautifulSoup(html, "html.parser").p).text
    'Hi 👋\\nhttps://example.com/a'

The rules, each with the markup that motivated it:

- **Line breaks**: `<br>` is a line break and a `<p>` a paragraph (Mastodon's content is `<p>`s).
  Raw newlines in text are line breaks only with `whitespace="pre-line"` (X's, Nitter's and
  Thread Reader's post text is styled `white-space: pre-wrap`; an embed's `<p>` is not).
  `layout_whitespace=False` drops whitespace-only text nodes that sit between elements: a page
  that was pretty-printed after saving has them, React's own DOM never does.
- **Emoji** drawn as `<img alt="😍">` (class or src naming "emoji", or an alt that is a short
  pictograph) become their alt text; other images are media, not text, and are skipped.
- **Hidden decorations** are dropped: `hidden`, `aria-hidden="true"`, `display:none` or
  `visibility:hidden` styles, and the classes X, Mastodon and others use to hide text visually
  (`invisible`, `u-hidden`, `u-hiddenVisually`, `visually-hidden`, `sr-only`).
- **Links** are read whole, whatever spans split them: a mention (`@name`), hashtag (`#tag`) or
  cashtag (`$TAG`) reads as its visible text; a link whose visible text is one URL-like token
  (Mastodon's `invisible`/`ellipsis` spans, X's display URLs, `pic.twitter.com/…`) reads as its
  full URL: `data-expanded-url` or `data-full-url` or an http(s) `title` where the markup has one,
  else the `href` (made absolute against `base_url`). A t.co `href` with no expansion is kept
  and reported in `NodeText.unexpanded` so a reader can warn. A link whose visible text is
  several words keeps the words (nothing a reader saw is lost).
- `script`, `style`, `template`, `noscript`, `svg`, media players and frames are never text.

Everything is iterative: hostile markup nested thousands deep cannot exhaust the stack.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from bs4.element import (
    CData,
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    PageElement,
    ProcessingInstruction,
    Tag,
)

__all__ = ["HtmlLink", "NodeText", "is_hidden", "link_of", "node_text", "visible_text"]

Whitespace = Literal["normal", "pre-line"]

# Elements whose content is never post text.
_NOT_TEXT = frozenset(
    {
        "script",
        "style",
        "template",
        "noscript",
        "svg",
        "math",
        "video",
        "audio",
        "source",
        "iframe",
        "object",
        "embed",
        "canvas",
        "head",
        "title",
        "meta",
        "link",
        "input",
        "select",
        "textarea",
        "button",
    }
)
# Classes sites use to hide text visually (X legacy `invisible`/`u-hidden`, Mastodon `invisible`).
_HIDING_CLASSES = frozenset(
    {"invisible", "u-hidden", "u-hiddenvisually", "visually-hidden", "sr-only", "hidden"}
)
_HIDING_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.I)
_NOT_STRINGS = (Comment, CData, Declaration, Doctype, ProcessingInstruction)
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_SPACES_NO_NEWLINE = re.compile(r"[ \t\f\v]+")
_AROUND_NEWLINE = re.compile(r" *\n *")
_MANY_NEWLINES = re.compile(r"\n{3,}")
_MENTION = re.compile(r"^[@＠]\w", re.UNICODE)
_HASHTAG = re.compile(r"^[#＃]\w", re.UNICODE)
_CASHTAG = re.compile(r"^\$[A-Za-z]")
_HTTP = re.compile(r"^https?://", re.I)

_LINE = "\x00line\x00"
_PARAGRAPH = "\x00paragraph\x00"


@dataclass(frozen=True)
class HtmlLink:
    """One `<a>` of the post as it was read.

    `kind`: "url", "mention", "hashtag", "cashtag", or "text" (several visible words).
    `text`: what was written into the text for it. `expanded`: the full URL the markup gives
    (`data-expanded-url`, `data-full-url`, an http(s) `title`, or the absolute `href`); equal to
    `href` when the markup has nothing better. `unexpanded`: the href is a t.co short link and
    the markup does not say where it leads.
    """

    href: str
    expanded: str
    shown: str
    kind: str
    text: str
    unexpanded: bool = False


@dataclass(frozen=True)
class NodeText:
    text: str
    links: tuple[HtmlLink, ...] = ()

    @property
    def unexpanded(self) -> tuple[str, ...]:
        """The t.co links kept as they are because the markup does not expand them."""
        return tuple(link.href for link in self.links if link.unexpanded)


def _classes(tag: Tag) -> list[str]:
    value = tag.get("class")
    if isinstance(value, str):
        return value.split()
    return list(value or [])


def is_hidden(tag: Tag) -> bool:
    """True when a browser would not show `tag` to a sighted reader, or hides it from a screen
    reader as a decoration (`aria-hidden`)."""
    if tag.has_attr("hidden"):
        return True
    if str(tag.get("aria-hidden", "")).strip().lower() == "true":
        return True
    if _HIDING_STYLE.search(str(tag.get("style", ""))):
        return True
    return any(name.lower() in _HIDING_CLASSES for name in _classes(tag))


def _emoji_alt(tag: Tag) -> str:
    """The character an inline emoji image stands for, or "" for an image that is media."""
    alt = str(tag.get("alt", "") or "").strip()
    if not alt:
        return ""
    marks = " ".join(_classes(tag)) + " " + str(tag.get("src", "") or "")
    if "emoji" in marks.lower():
        return alt
    # A short alt with no letter or digit is a pictograph (Thread Reader, pages that kept only
    # the alt); an alt like "Image" or a photo description is media.
    if len(alt) <= 8 and not any(char.isalnum() for char in alt):
        return alt
    return ""


def _pieces(
    node: PageElement,
    *,
    whitespace: Whitespace,
    layout_whitespace: bool,
    skip: Callable[[Tag], bool] | None,
    on_link: Callable[[Tag], str] | None,
) -> list[str]:
    """Text pieces in document order; `_LINE`/`_PARAGRAPH` stand for breaks."""
    pieces: list[str] = []
    # The stack holds nodes to visit and, as plain strings, the breaks to emit after an element.
    stack: list[PageElement | str] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str) and not isinstance(item, NavigableString):
            pieces.append(item)
            continue
        if isinstance(item, NavigableString):
            if isinstance(item, _NOT_STRINGS):
                continue
            # NUL is never post text (browsers show U+FFFD) and must not forge a break marker.
            text = str(item).replace("\x00", "\ufffd")
            if not layout_whitespace and not text.strip() and _has_element_sibling(item):
                continue
            if whitespace == "pre-line":
                text = _SPACES_NO_NEWLINE.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
            else:
                text = _SPACES.sub(" ", text)
            pieces.append(text)
            continue
        if not isinstance(item, Tag):
            continue
        name = (item.name or "").lower()
        if item is not node:
            if name in _NOT_TEXT or is_hidden(item) or (skip is not None and skip(item)):
                continue
        if name == "br":
            pieces.append(_LINE)
            continue
        if name == "img":
            alt = _emoji_alt(item)
            if alt:
                pieces.append(alt)
            continue
        if name == "a" and on_link is not None and item is not node:
            pieces.append(on_link(item))
            continue
        if name in ("p", "li", "blockquote") and item is not node:
            pieces.append(_PARAGRAPH if name == "p" else _LINE)
            stack.append(_PARAGRAPH if name == "p" else _LINE)
        stack.extend(reversed(item.contents))
    return pieces


def _has_element_sibling(string: NavigableString) -> bool:
    parent = string.parent
    return parent is not None and any(isinstance(child, Tag) for child in parent.contents)


def _finish(pieces: list[str]) -> str:
    text = "".join(pieces)
    text = text.replace(_PARAGRAPH, "\n\n").replace(_LINE, "\n")
    text = _AROUND_NEWLINE.sub("\n", text)
    text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip()


def visible_text(
    node: Tag, *, whitespace: Whitespace = "normal", skip: Callable[[Tag], bool] | None = None
) -> str:
    """What a reader sees of `node` with every `<a>` read as its visible text (hidden spans,
    scripts and non-emoji images left out): for names, labels and link captions."""
    pieces = _pieces(node, whitespace=whitespace, layout_whitespace=True, skip=skip, on_link=None)
    return _finish(pieces)


def _looks_like_url(shown: str) -> bool:
    return bool(shown) and " " not in shown and ("." in shown or "/" in shown or "…" in shown)


def _is_tco(url: str) -> bool:
    try:
        return urlsplit(url).hostname in ("t.co", "www.t.co")
    except ValueError:
        return False


def link_of(anchor: Tag, *, base_url: str = "") -> HtmlLink:
    """How one `<a>` reads in a post (see the module docstring for the rules)."""
    href = str(anchor.get("href", "") or "").strip()
    shown = " ".join(visible_text(anchor).split())
    for pattern, kind in ((_MENTION, "mention"), (_HASHTAG, "hashtag"), (_CASHTAG, "cashtag")):
        if pattern.match(shown):
            return HtmlLink(
                href=href, expanded=_absolute(href, base_url), shown=shown, kind=kind, text=shown
            )
    absolute = _absolute(href, base_url)
    if not _HTTP.match(absolute) or not (_looks_like_url(shown) or not shown):
        # No web address to give (javascript:, #, mailto:) or several words of prose: the words.
        return HtmlLink(href=href, expanded=absolute, shown=shown, kind="text", text=shown)
    expanded = ""
    for attribute in ("data-expanded-url", "data-full-url", "title"):
        value = str(anchor.get(attribute, "") or "").strip()
        if _HTTP.match(value):
            expanded = value
            break
    unexpanded = not expanded and _is_tco(absolute)
    expanded = expanded or absolute
    return HtmlLink(
        href=href,
        expanded=expanded,
        shown=shown,
        kind="url",
        text=expanded,
        unexpanded=unexpanded,
    )


def _absolute(href: str, base_url: str) -> str:
    if not href or not base_url or _HTTP.match(href):
        return href
    try:
        return urljoin(base_url, href)
    except ValueError:
        return href


def node_text(
    node: Tag,
    *,
    whitespace: Whitespace = "normal",
    layout_whitespace: bool = True,
    base_url: str = "",
    skip: Callable[[Tag], bool] | None = None,
    link_text: Callable[[HtmlLink], str] | None = None,
) -> NodeText:
    """The text of a post's HTML node, with the links it holds.

    `whitespace`: "normal" (HTML's rule: raw newlines are spaces) or "pre-line" (raw newlines are
    line breaks). `layout_whitespace=False`: drop whitespace-only text between elements (pages
    pretty-printed after saving). `base_url` makes relative hrefs absolute. `skip(tag)` returns
    True for descendants that are not text (a quoted post, a media box). `link_text(link)`
    chooses what a link writes into the text (default: `link.text`), e.g. a Mastodon reader
    writing `@user@instance` for a mention.
    """
    links: list[HtmlLink] = []

    def on_link(anchor: Tag) -> str:
        link = link_of(anchor, base_url=base_url)
        links.append(link)
        written = link_text(link) if link_text is not None else link.text
        if written != link.text:
            link = HtmlLink(
                href=link.href,
                expanded=link.expanded,
                shown=link.shown,
                kind=link.kind,
                text=written,
                unexpanded=link.unexpanded,
            )
            links[-1] = link
        return written

    pieces = _pieces(
        node,
        whitespace=whitespace,
        layout_whitespace=layout_whitespace,
        skip=skip,
        on_link=on_link,
    )
    return NodeText(text=_finish(pieces), links=tuple(links))


def parse_fragment(markup: str) -> BeautifulSoup:
    """A fragment of post HTML (an API's `content` field) as a tree, read as browsers read it."""
    return BeautifulSoup(markup, "html.parser")
