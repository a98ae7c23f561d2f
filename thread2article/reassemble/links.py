"""Short links: drop the ones that stand for attached media or a trailing quoted post (they are
shown as image and quote blocks), drop compat-mode "…/i/web/status/…" self-permalinks, and expand
the rest to the URL they stand for."""

from __future__ import annotations

import re

from ..model import Post
from .draft import Draft, PostText

_TRUNCATION_PERMALINK = re.compile(
    r"^https?://(?:mobile\.)?(?:twitter|x)\.com/i/web/status/\d+", re.IGNORECASE
)
# Spaces and tabs left at a line's end where a link was dropped. The look-behind lets a match
# start only where a run of spaces starts, and the run is taken whole (`++`): otherwise the engine
# would retry from every space of a long run that ends elsewhere, quadratic in the run (issue 12:
# a run of spaces before a link in a post with a photo).
_SPACE_BEFORE_LINE_END = re.compile(r"(?<![ \t])[ \t]++(?=\n|\Z)")


def _replace_short(text: str, short: str, replacement: str) -> str:
    """Replace `short` where it stands whole: a short URL must not match the start of a longer
    one. Plain string search, not a regex per link: archives hold one link per post."""
    pieces = []
    start = 0
    while True:
        found = text.find(short, start)
        if found < 0:
            break
        end = found + len(short)
        if end < len(text) and text[end].isascii() and text[end].isalnum():
            pieces.append(text[start:end])
        else:
            pieces.append(text[start:found] + replacement)
        start = end
    pieces.append(text[start:])
    return "".join(pieces)


def _without(text: str, short: str) -> str:
    if not short:
        return text
    text = _replace_short(text, short, "")
    if "\n" not in text:
        # Then the spaces the pattern takes are those at the end, which rstrip() takes anyway
        # (tests/test_pass_shortcuts.py checks the two agree).
        return text.rstrip()
    return _SPACE_BEFORE_LINE_END.sub("", text).rstrip()


def without_media_links(post: Post, text: str) -> str:
    """`text` without the short links of the post's attached media."""
    shorts = {media.short for media in post.media if media.short}
    for short in shorts:
        text = _without(text, short)
    return text


def without_quote_permalink(post: Post, text: str) -> str:
    """`text` without the permalink of the post it quotes, where X put it: at the end. (A link
    mid-sentence is the writer's and stays, expanded.)"""
    short = post.quote_short
    if short and post.quote and text.rstrip().endswith(short):
        return text.rstrip()[: -len(short)].rstrip()
    return text


def drop_media_links(draft: Draft) -> Draft:
    items = []
    for item in draft.items:
        if not item.post.media:
            items.append(item)
            continue
        text = without_media_links(item.post, item.text)
        items.append(item.with_text(text) if text != item.text else item)
    return draft.with_texts(items)


def drop_quote_permalinks(draft: Draft) -> Draft:
    items = []
    for item in draft.items:
        text = without_quote_permalink(item.post, item.text)
        items.append(item.with_text(text, "quote-permalink") if text != item.text else item)
    return draft.with_texts(items)


def expand_links(draft: Draft) -> Draft:
    return draft.with_texts([_expand(item) for item in draft.items])


def _expand(item: PostText) -> PostText:
    text, signals = expanded_links(item.post, item.text)
    return item.with_text(text, *signals) if text != item.text else item


def expanded_links(post: Post, text: str) -> tuple[str, list[str]]:
    """`text` with the post's short links expanded, and the signals that leaves ("truncated":
    a compat-mode "…/i/web/status/…" link to the post itself was dropped)."""
    signals = []
    # Each short link once: a source that repeats one (or a hostile one that repeats it
    # thousands of times) must not cost a scan of the text per repetition.
    seen = set()
    for link in post.links:
        if link.short in seen or link.short not in text:
            continue
        seen.add(link.short)
        if _TRUNCATION_PERMALINK.match(link.expanded):
            # Compat-mode truncation: "… https://t.co/x" points at the post itself.
            text = _without(text, link.short)
            signals.append("truncated")
        else:
            text = _replace_short(text, link.short, link.expanded)
    return text, signals
