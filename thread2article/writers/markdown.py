"""Markdown writer: an article as CommonMark that reads well as plain text.

Post text is data, never markup: every character that could start Markdown or raw HTML is
backslash-escaped, so `<script>`, `[x](javascript:…)`, `*stars*` or a line starting with `#`
render literally even in renderers that pass raw HTML through. Only http(s) URLs found in the
text become links (as `<url>` autolinks, whose content CommonMark never interprets).
"""

from __future__ import annotations

import re

from ..model import (
    Article,
    Block,
    GapNote,
    Image,
    ListBlock,
    Note,
    Paragraph,
    Quote,
    Video,
    iso_utc,
)
from ..options import Options
from .text import NOTE_LABELS, gap_text, header_of, one_line, split_paragraphs
from .urls import LinkedWords, linked_words, media_url, split_links, web_url

# Inline syntax anywhere in a line: escapes, code, emphasis, strikethrough (GFM), tables (GFM),
# links and images, raw HTML and autolinks.
_INLINE_SPECIAL = re.compile(r"[\\`*_~|\[\]<]")
# `&` only matters when it starts a character reference (`&amp;`, `&#60;`); "AT&T" stays readable.
_ENTITY_START = re.compile(r"&(?=(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)")
# Block syntax at the start of a line: headings, block quotes, bullets, setext underlines, and
# the `: definition` line of definition lists (mistune's def_list, PHP Markdown Extra).
_LINE_START_SPECIAL = ("#", ">", "-", "+", "=", ":")
# Bare `www.` and `ftp://` addresses, which GFM's autolink extension (cmark-gfm) and mistune's
# `url` plugin turn into links though no `<…>` asks for one: a backslash before the `.` or `:`
# (which CommonMark shows as the character itself) keeps them text. http(s) URLs are linked on
# purpose (`split_urls`). E-mail addresses still become `mailto:` links under cmark-gfm, whose
# extension reads them after escapes are resolved.
_EXTENSION_AUTOLINK = re.compile(r"(?<![A-Za-z0-9_.-])(?:(www)\.|(ftp):(?=//))", re.IGNORECASE)
# An ordered-list marker: up to nine digits, `.` or `)`, then a space or the end of the line.
_ORDERED_MARKER = re.compile(r"^([0-9]{1,9})([.)])(?=[ \t]|$)")
_DESTINATION_SPECIAL = re.compile(r"([\\<>])")
_HARD_BREAK = "\\\n"


def escape_inline(text: str) -> str:
    """Escape text so CommonMark shows it literally wherever it sits inside a line."""
    # Most text holds none of these: a search is far cheaper than a substitution (an export
    # escapes some 100k lines).
    if _INLINE_SPECIAL.search(text) is not None:
        text = _INLINE_SPECIAL.sub(_backslashed, text)
    # (The pattern opens with a look-behind, which the regex engine tries at every position:
    # a look for its letters first. No character but W, F, T, P folds onto w, f, t, p.)
    if _may_autolink(text) and _EXTENSION_AUTOLINK.search(text) is not None:
        text = _EXTENSION_AUTOLINK.sub(_unlinked, text)
    return _ENTITY_START.sub(r"\\&", text) if "&" in text else text


def _may_autolink(text: str) -> bool:
    """Could `_EXTENSION_AUTOLINK` match? (It needs "www." or "ftp:" in any case.)"""
    lowered = text.lower()
    return "www." in lowered or "ftp:" in lowered


def _backslashed(match: re.Match[str]) -> str:
    return "\\" + match.group()


def _unlinked(match: re.Match[str]) -> str:
    return f"{match.group(1)}\\." if match.group(1) else f"{match.group(2)}\\:"


def escape_heading(text: str) -> str:
    """Escape one line of heading text; a closing run of `#` would otherwise be dropped."""
    return escape_inline(one_line(text)).replace("#", "\\#")


def escape_line_start(line: str) -> str:
    """Escape an already inline-escaped line so its start cannot open a block."""
    if line.startswith(_LINE_START_SPECIAL):
        return "\\" + line
    if not line[:1].isdigit():
        return line
    return _ORDERED_MARKER.sub(r"\1\\\2", line, count=1)


def _text_line(line: str, words: LinkedWords | None = None) -> str:
    """One line of post text as Markdown: escaped, with http(s) URLs as autolinks and the
    article's mentions and hashtags as links."""
    if words is None and "://" not in line:
        # Nothing to link (every URL split_links finds holds "://"): the common case.
        return escape_line_start(escape_inline(line))
    parts = []
    for piece, href in split_links(line, words):
        if href == piece:
            parts.append(f"<{piece}>")
        else:
            parts.append(_link(escape_inline(piece), href) if href else escape_inline(piece))
    return escape_line_start("".join(parts))


def _text_paragraphs(text: str, words: LinkedWords | None = None) -> list[str]:
    """Paragraphs of Markdown; lines inside a paragraph end in a hard break (`\\`)."""
    return [
        _HARD_BREAK.join(_text_line(line, words) for line in lines)
        for lines in split_paragraphs(text)
    ]


def link_destination(url: str) -> str:
    """A link destination; `<…>` form when spaces or parentheses would end the plain form."""
    escaped = _ENTITY_START.sub(r"\\&", _DESTINATION_SPECIAL.sub(r"\\\1", url))
    if any(char in url for char in " ()<>"):
        return f"<{escaped}>"
    return escaped


def _link(label: str, url: str) -> str:
    """`[label](url)` with an already escaped label, or just the label when url is not http(s)."""
    href = web_url(url)
    return f"[{label}]({link_destination(href)})" if href else label


# Characters a YAML double-quoted scalar writes as an escape. `<`, `>` and `&` too: a renderer
# that does not know front matter (CommonMark, markdown-it-py, mistune, cmark-gfm) shows the
# block as a heading and would pass `<img onerror=…>` in a title through as live HTML (issue 12,
# a first post of `<img src=x onerror=alert(1)> hello` ran in 40 of 40 renderings). The
# characters that start links, code, emphasis and tables there (`[ ] \` * _ ~ |`) are escaped
# as well, and those that autolink extensions read (the `:` of `://`, `@` of an address, the
# `.` of `www.`), so the block renders as the plain text it is. Every other
# character YAML cannot hold raw (controls, NEL, the line and paragraph separators, the BOM,
# which PyYAML reads back as spaces) is escaped; the rest stays readable.
_YAML_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\t": "\\t",
    "\n": "\\n",
    "\r": "\\r",
    **{char: f"\\u{ord(char):04x}" for char in "<>&[]`*_~|@"},
}
_YAML_SPECIAL = re.compile(
    r'[\\"<>&\[\]`*_~|@\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]'
)


_WWW = re.compile(r"(www)\.", re.IGNORECASE)


def _yaml_escape(match: re.Match[str]) -> str:
    char = match.group()
    return _YAML_ESCAPES.get(char) or f"\\u{ord(char):04x}"


def yaml_string(value: str | None) -> str:
    """A YAML double-quoted scalar (or `null`) that reads back as exactly `value` and holds no
    character a Markdown renderer would treat as markup or HTML."""
    if value is None:
        return "null"
    text = _YAML_SPECIAL.sub(_yaml_escape, value)
    text = _WWW.sub(lambda match: match.group(1) + "\\u002e", text)
    return '"' + text.replace("://", "\\u003a//") + '"'


def front_matter(article: Article) -> str:
    """YAML front matter: every value a double-quoted scalar (see `_YAML_ESCAPES`), one a line."""
    data = {
        "title": article.title,
        "author": article.author.name,
        "handle": article.author.handle,
        "date": iso_utc(article.published),
        "source_url": article.source_url,
    }
    lines = [f"{key}: {yaml_string(value)}" for key, value in data.items()]
    return "---\n" + "\n".join(lines) + "\n---"


def header(article: Article) -> str:
    head = header_of(article)
    byline = [f"**{escape_inline(head.author)}**"] if head.author else []
    if head.date:
        byline.append(head.date)
    # Two trailing spaces: a hard break that keeps the byline one paragraph (seed layout).
    parts = [f"# {escape_heading(head.title)}", "  \n".join(byline)]
    if head.credit:
        credit = _link(escape_inline(head.credit), head.source_url)
        parts.append(f"*Originally posted as {head.where} by {credit}.*")
    else:
        parts.append(f"*Originally posted as {_link(head.where, head.source_url)}.*")
    return "\n\n".join(part for part in parts if part)


def _list_block(block: ListBlock, alternate_marker: bool, words: LinkedWords | None = None) -> str:
    items = []
    for offset, item in enumerate(block.items):
        if block.ordered:
            marker = f"{block.start + offset}{')' if alternate_marker else '.'} "
        else:
            marker = "* " if alternate_marker else "- "
        lines = [_text_line(line, words) for lines in split_paragraphs(item) for line in lines]
        indent = " " * len(marker)
        body = (_HARD_BREAK + indent).join(lines)
        items.append((marker + body).rstrip())
    return "\n".join(items)


def _image(block: Image, options: Options) -> str:
    alt = escape_inline(one_line(block.alt))
    src = media_url(block.src)
    if src:
        return f"![{alt}]({link_destination(src)})"
    return f"*\\[Image: {alt}\\]*" if alt else ""


def _video(block: Video, options: Options) -> str:
    alt = escape_inline(one_line(block.alt))
    label = f"Video: {alt}" if alt else "Video"
    src = media_url(block.src)
    poster = media_url(block.poster)
    if src and poster:
        return f"[![▶ {label}]({link_destination(poster)})]({link_destination(src)})"
    if src:
        return f"[▶ {label}]({link_destination(src)})"
    if poster:
        return f"![{label}]({link_destination(poster)})"
    return f"*\\[{label}\\]*" if alt else ""


def _quote(block: Quote) -> str:
    paragraphs = _text_paragraphs(block.text)
    quoted = "\n>\n".join(
        "\n".join(f"> {line}" for line in paragraph.split("\n")) for paragraph in paragraphs
    )
    author = escape_inline(one_line(block.author))
    source = _link("link", block.url) if web_url(block.url) else ""
    if not quoted:
        # Archives keep only the link of a quoted post, not its text: say what it is.
        label = f"Quoted post by {author}" if author else "Quoted post"
        return f"> {_link(label, block.url)}"
    if author and source:
        credit = f"> — {author} ({source})"
    else:
        credit = f"> — {author or source}" if author or source else ""
    return "\n>\n".join(part for part in (quoted, credit) if part)


def _gap(block: GapNote) -> str:
    return f"*[{escape_inline(gap_text(block))}]*"


def body_block(
    block: Block,
    options: Options,
    alternate_marker: bool = False,
    words: LinkedWords | None = None,
) -> str:
    """One block as Markdown ("" for a block with nothing to show). `words`: the article's
    mentions and hashtags, linked in its own prose (not in quotes)."""
    if isinstance(block, Paragraph):
        return "\n\n".join(_text_paragraphs(block.text, words))
    if isinstance(block, ListBlock):
        return _list_block(block, alternate_marker, words)
    if isinstance(block, Image):
        return _image(block, options)
    if isinstance(block, Video):
        return _video(block, options)
    if isinstance(block, Quote):
        return _quote(block)
    if isinstance(block, GapNote):
        return _gap(block)
    if isinstance(block, Note):
        text = escape_inline(one_line(block.text))
        return f"**{NOTE_LABELS.get(block.kind, 'Note')}:** {text}" if text else ""
    raise TypeError(f"no Markdown for block type {type(block).__name__}")


def render_markdown(article: Article, options: Options) -> str:
    parts = []
    if options.front_matter:
        parts.append(front_matter(article))
    parts.append(header(article))
    previous: Block | None = None
    alternate_marker = False
    words = linked_words(article.anchors)
    for block in article.blocks:
        # Two lists in a row with the same marker would merge into one; switching the marker
        # character keeps them apart (CommonMark starts a new list on another bullet or `.`/`)`).
        follows_same_list = (
            isinstance(block, ListBlock)
            and isinstance(previous, ListBlock)
            and previous.ordered == block.ordered
        )
        alternate_marker = follows_same_list and not alternate_marker
        rendered = body_block(block, options, alternate_marker, words)
        if rendered:
            parts.append(rendered)
            previous = block
    return "\n\n".join(parts) + "\n"
