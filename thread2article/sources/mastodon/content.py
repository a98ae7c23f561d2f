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
Remote servers send more (`<strong>`, lists, `<blockquote>`, labelled links); their text is kept
(list items one a line), and a labelled link keeps its words and its address: "words (URL)".

The walk over the nodes is `htmltext.node_text`, shared with the web-page readers; this module
only says what is Mastodon's: the quote fallback to skip and how a labelled link reads.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

# `_classes` is the one copy of "a tag's class list" (bs4 gives a str or a list).
from ..htmltext import HtmlLink, _classes, node_text, parse_fragment


def _is_quote_fallback(tag: Tag) -> bool:
    return "quote-inline" in _classes(tag)


def _link_text(link: HtmlLink) -> str:
    # Words linked to an address (remote servers allow them): the words, and where they lead.
    if (
        link.kind == "text"
        and link.shown
        and link.expanded.lower().startswith(("http://", "https://"))
    ):
        return f"{link.shown} ({link.expanded})"
    return link.text


def _lists_as_lines(root: Tag, soup: BeautifulSoup) -> None:
    """A `<ul>`/`<ol>` (sent by remote servers) as one paragraph of `- item` / `N. item` lines,
    so the article shows a list rather than a paragraph per item."""
    for listing in reversed(root.find_all(["ul", "ol"])):
        paragraph = soup.new_tag("p")
        start = str(listing.get("start") or "1")
        number = int(start) if start.isdigit() else 1
        for item in listing.find_all("li", recursive=False):
            marker = f"{number}. " if listing.name == "ol" else "- "
            number += 1
            if paragraph.contents:
                paragraph.append(soup.new_tag("br"))
            paragraph.append(marker)
            for child in list(item.contents):
                paragraph.append(child.extract())
        listing.replace_with(paragraph)


def account_key(url: object) -> str:
    """`user@host` for an account's address: its profile (`https://host/@user`) or its
    ActivityPub id (`https://host/users/user`); "" for anything else. The one way mentions and
    accounts are compared, whatever form a server wrote."""
    if not isinstance(url, str):
        return ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    path = [part for part in parts.path.split("/") if part]
    if not parts.hostname or not path:
        return ""
    if path[0].startswith("@") and len(path) == 1:
        user, _, host = path[0][1:].partition("@")
        return f"{user}@{host or parts.hostname}".lower() if user else ""
    if path[0] == "users" and len(path) == 2:
        return f"{path[1]}@{parts.hostname}".lower()
    return ""


def _is_mention(node: object) -> Tag | None:
    """The link of a mention (`<span class="h-card"><a class="u-url mention">` or a bare
    `<a class="mention">`), not a hashtag's; None for anything else."""
    if not isinstance(node, Tag):
        return None
    anchor = node if node.name == "a" else node.find("a") if "h-card" in _classes(node) else None
    if not isinstance(anchor, Tag) or anchor.name != "a":
        return None
    classes = _classes(anchor)
    return anchor if "mention" in classes and "hashtag" not in classes else None


def _drop_reply_context(root: Tag, context: frozenset[str]) -> None:
    """Remove the run of mentions a client put at the start of a reply: those of the accounts in
    `context` (`account_key`s: the author, the account replied to, the accounts the replied-to
    post mentions), as X's reply mentions are. The run stops at the first word or at a mention
    of anyone else, so a sentence that starts with a mention ("@kofi drew the map") keeps it."""
    first = root.find(True)
    container = first if isinstance(first, Tag) and first.name == "p" else root
    run: list[object] = []
    for child in list(container.children):
        if isinstance(child, NavigableString) and not isinstance(child, Tag):
            if str(child).strip():
                break
            run.append(child)
            continue
        anchor = _is_mention(child)
        if anchor is None or account_key(anchor.get("href")) not in context:
            break
        run.append(child)
        for item in run:
            if isinstance(item, Tag | NavigableString):
                item.extract()
        run = []


def content_text(
    content: str, *, drop_quote_fallback: bool = False, reply_context: frozenset[str] = frozenset()
) -> str:
    """Plain text of a status's HTML content: paragraphs apart by a blank line, `<br>` a line
    break, links as their full URL, mentions and hashtags as written. `reply_context`: the
    accounts (`account_key`) whose mentions at the start are the client's reply context, left
    out (see `_drop_reply_context`)."""
    if not content or ("<" not in content and "&" not in content):
        return (content or "").strip()
    soup = parse_fragment(f"<div>{content}</div>")
    root = soup.div
    if not isinstance(root, Tag):
        return ""
    if reply_context:
        _drop_reply_context(root, reply_context)
    if "<ul" in content or "<ol" in content:
        _lists_as_lines(root, soup)
    return node_text(
        root,
        skip=_is_quote_fallback if drop_quote_fallback else None,
        link_text=_link_text,
    ).text


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
