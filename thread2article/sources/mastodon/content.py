"""A Mastodon status's `content` (an HTML fragment) as the plain text a reader saw.

Mastodon writes (as the real answers in fixtures/mastodon/realdata show):
- paragraphs as `<p>`, line breaks as `<br>`;
- links as `<a href="https://example.com/a/long/path">` whose text is split into
  `<span class="invisible">https://</span><span class="ellipsis">example.com/a/lo</span>
  <span class="invisible">ng/path</span>`: the reader saw "example.com/a/lo…", the text keeps the
  full `href`;
- mentions `<span class="h-card"><a class="u-url mention">@<span>name</span></a></span>` and
  hashtags `<a class="mention hashtag" rel="tag">#<span>Tag</span></a>`: kept as their visible
  text ("@name", "#Tag");
- custom emoji as the literal `:shortcode:` (an image on screen, whose alt text is the shortcode);
- a quote post's fallback for older servers, `<span class="quote-inline"><br><br>RE: <a …></span>`
  (or `<p class="quote-inline">`), which says nothing once the quote is shown as a block.
Remote servers send more (`<strong>`, lists, `<blockquote>`, `<pre>`, labelled links); their text
is kept, lists as `- item` / `1. item` lines.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Doctype

_BLOCKS = {
    "p",
    "div",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "figure",
    "section",
    "article",
    "header",
    "footer",
    "table",
    "tr",
}
_SKIP = {"script", "style", "template", "head", "title"}
_SPACES = re.compile(r"[ \t\r\n\f\u00a0]+")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*://", re.IGNORECASE)


def _classes(tag: Tag) -> list[str]:
    value: Any = tag.get("class") or []
    return [value] if isinstance(value, str) else list(value)


def _visible_link_text(tag: Tag) -> tuple[str, bool]:
    """(the text a reader saw, whether Mastodon hid part of the URL in `invisible` spans)."""
    parts: list[str] = []
    hidden = False
    for node in tag.descendants:
        if isinstance(node, Tag):
            continue
        if isinstance(node, (Comment, Doctype)):
            continue
        parent = node.parent
        inside_invisible = False
        while parent is not None and parent is not tag:
            if "invisible" in _classes(parent):
                inside_invisible = True
                break
            parent = parent.parent
        if inside_invisible:
            hidden = True
            continue
        parts.append(str(node))
    ellipsis = any("ellipsis" in _classes(span) for span in tag.find_all("span"))
    return _SPACES.sub(" ", "".join(parts)).strip(), hidden or ellipsis


def _is_url_text(visible: str, href: str) -> bool:
    """Does the link's text stand for its own URL (shortened or not)?"""
    shown = visible.rstrip("…").removesuffix("...").strip()
    if not shown:
        return True
    bare_href = _SCHEME.sub("", href).lower()
    bare_shown = _SCHEME.sub("", shown).lower()
    return bool(bare_shown) and bare_href.startswith(bare_shown)


def _link_text(tag: Tag) -> str:
    href = str(tag.get("href") or "").strip()
    classes = _classes(tag)
    visible, shortened = _visible_link_text(tag)
    if "mention" in classes or "hashtag" in classes or visible.startswith(("@", "#")):
        return visible
    if not href.lower().startswith(("http://", "https://")):
        return visible
    if shortened or _is_url_text(visible, href):
        return href
    # A labelled link (remote servers allow them): the label, and where it leads.
    return f"{visible} ({href})"


class _Writer:
    """Collects text with paragraph (`\\n\\n`) and line (`\\n`) breaks as the HTML sets them."""

    def __init__(self) -> None:
        self.pieces: list[str] = []

    def text(self, value: str) -> None:
        if value:
            self.pieces.append(value)

    def line_break(self) -> None:
        self.pieces.append("\n")

    def start_line(self) -> None:
        """A line break unless the text already stands at a line's start."""
        if self.pieces and not "".join(self.pieces[-2:]).rstrip(" ").endswith("\n"):
            self.pieces.append("\n")

    def paragraph_break(self) -> None:
        self.pieces.append("\n\n")

    def result(self) -> str:
        lines = []
        for line in "".join(self.pieces).split("\n"):
            lines.append(_SPACES.sub(" ", line).strip())
        text = "\n".join(lines)
        return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def _walk(node: Tag, out: _Writer, drop_quote_fallback: bool, preformatted: bool = False) -> None:
    for child in node.children:
        if isinstance(child, (Comment, Doctype)):
            continue
        if isinstance(child, NavigableString):
            text = str(child)
            if preformatted:
                for number, line in enumerate(text.split("\n")):
                    if number:
                        out.line_break()
                    out.text(line.replace(" ", "\u00a0") if line.startswith(" ") else line)
            else:
                out.text(_SPACES.sub(" ", text))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name.lower()
        if name in _SKIP:
            continue
        if drop_quote_fallback and "quote-inline" in _classes(child):
            continue
        if name == "br":
            out.line_break()
        elif name == "a":
            out.text(_link_text(child))
        elif name == "img":
            # Custom emoji drawn as images by some servers: their alt text is the shortcode.
            out.text(str(child.get("alt") or ""))
        elif name == "li":
            parent = child.parent
            marker = "- "
            if parent is not None and parent.name == "ol":
                items = [item for item in parent.find_all("li", recursive=False)]
                start = str(parent.get("start") or "1")
                first = int(start) if start.isdigit() else 1
                marker = f"{first + items.index(child)}. "
            out.start_line()
            out.text(marker)
            _walk(child, out, drop_quote_fallback, preformatted)
            out.start_line()
        elif name in ("ul", "ol"):
            out.paragraph_break()
            _walk(child, out, drop_quote_fallback, preformatted)
            out.paragraph_break()
        elif name in _BLOCKS:
            out.paragraph_break()
            _walk(child, out, drop_quote_fallback, preformatted or name == "pre")
            out.paragraph_break()
        else:
            _walk(child, out, drop_quote_fallback, preformatted)


def content_text(content: str, *, drop_quote_fallback: bool = False) -> str:
    """Plain text of a status's HTML content: paragraphs apart by a blank line, `<br>` a line
    break, links as their full URL, mentions and hashtags as written."""
    if not content or "<" not in content and "&" not in content:
        return (content or "").strip()
    soup = BeautifulSoup(content, "html.parser")
    out = _Writer()
    _walk(soup, out, drop_quote_fallback)
    return out.result()


def plain_name(name: str, shortcodes: set[str] | frozenset[str] = frozenset()) -> str:
    """A display name without custom emoji shortcodes (images on screen) and zero-width spaces."""
    cleaned = name.replace("\u200b", "").replace("\u200c", "").replace("\ufeff", "")
    for shortcode in shortcodes:
        cleaned = cleaned.replace(f":{shortcode}:", " ")
    return " ".join(cleaned.split())


def with_poll(text: str, options: list[str]) -> str:
    """A poll's options after the question, one `- option` line each (a list in the article)."""
    lines = [f"- {' '.join(option.split())}" for option in options if option.strip()]
    if not lines:
        return text
    return f"{text}\n\n" + "\n".join(lines) if text else "\n".join(lines)
