"""Which URLs the writers may emit as links or media sources, and where URLs sit in post text.

Every writer goes through these two questions so that Markdown and HTML agree on what becomes
clickable: only http(s) URLs link anywhere; media may also come from a relative local path (the
archive export and `--download-media` write files next to the article). Anything else
(`javascript:`, `data:`, `file:`, protocol-relative `//host`) is dropped by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Anchor

# Browsers silently strip tabs and newlines inside URLs (`java\tscript:` runs), so a URL holding
# any control character is refused outright rather than cleaned.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
# A host must follow `//`; `https:/evil` and `https:\\evil` are left to the browser's guesswork.
_WEB_URL = re.compile(r"^https?://[^\s/\\?#@]", re.IGNORECASE)
# A URL in running text ends at whitespace, `<`, `>` or a control character. The same set ends a
# CommonMark autolink, so every URL found here can be written as `<url>` in Markdown.
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\x00-\x20\x7f]+", re.IGNORECASE)
# Punctuation that usually closes the sentence around a URL rather than belonging to it.
_TRAILING_PUNCTUATION = ".,:;!?'\"\u2019\u201d\u2026"
_CLOSERS = {")": "(", "]": "[", "}": "{"}


def web_url(url: str) -> str:
    """The URL when it is an http(s) URL a reader can follow, else ""."""
    url = url.strip(" ")
    if not url or _CONTROL.search(url) or not _WEB_URL.match(url):
        return ""
    return url


def relative_path(path: str) -> str:
    """The path when it is relative to the article (no scheme, not absolute), else ""."""
    path = path.strip(" ")
    if not path or _CONTROL.search(path):
        return ""
    # `/x` and `\x` are absolute; `//host` and `\\host` even name another server.
    if path.startswith(("/", "\\")) or _SCHEME.match(path):
        return ""
    return path


def media_url(url: str) -> str:
    """Where a writer may load an image or video from (a web URL or a relative path, as the
    archive export and `--download-media` write), or "" when it must not."""
    return web_url(url) or relative_path(url)


def _trim_url(url: str) -> str:
    """Drop sentence punctuation and unbalanced closing brackets from the end of a URL."""
    while url:
        last = url[-1]
        if last in _TRAILING_PUNCTUATION:
            url = url[:-1]
        elif last in _CLOSERS and url.count(last) > url.count(_CLOSERS[last]):
            url = url[:-1]
        else:
            break
    return url


def split_urls(text: str) -> list[tuple[str, bool]]:
    """Cut text into pieces, each `(piece, is_url)`; joined, the pieces give back `text`."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in _URL_IN_TEXT.finditer(text):
        url = _trim_url(match.group())
        if not web_url(url):
            continue
        if match.start() > position:
            pieces.append((text[position : match.start()], False))
        pieces.append((url, True))
        position = match.start() + len(url)
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


@dataclass(frozen=True)
class LinkedWords:
    """An article's mentions and hashtags (`Article.anchors`), ready to find in its text: built
    once per article, whatever its number of lines."""

    pattern: re.Pattern[str]
    targets: dict[str, str]


def linked_words(anchors: Sequence[Anchor]) -> LinkedWords | None:
    """Where the anchors' texts stand as whole words: `@ann.bsky.social` in "to @ann.bsky.social."
    but not inside `x@ann.bsky.social` or `@ann.bsky.socialite`; longest first, so `#rust` does
    not take the start of `#rustlang`. Only anchors with an http(s) address count; None when
    none does."""
    targets: dict[str, str] = {}
    for anchor in anchors:
        if anchor.text.strip() and web_url(anchor.url):
            targets.setdefault(anchor.text, web_url(anchor.url))
    if not targets:
        return None
    alternatives = "|".join(re.escape(text) for text in sorted(targets, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w@#＃.\-/])(?:{alternatives})(?![\w@#＃\-]|\.\w)")
    return LinkedWords(pattern, targets)


def split_links(text: str, words: LinkedWords | None = None) -> list[tuple[str, str]]:
    """Cut text into pieces, each `(piece, href)`: an http(s) URL links to itself, one of the
    article's linked `words` (mentions, hashtags) to its address, the rest has no href ("").
    Joined, the pieces give back `text`."""
    pieces: list[tuple[str, str]] = []
    for piece, is_url in split_urls(text):
        if is_url or words is None:
            pieces.append((piece, piece if is_url else ""))
            continue
        position = 0
        for match in words.pattern.finditer(piece):
            if match.start() > position:
                pieces.append((piece[position : match.start()], ""))
            pieces.append((match.group(), words.targets[match.group()]))
            position = match.end()
        if position < len(piece):
            pieces.append((piece[position:], ""))
    return pieces
