"""Short links: drop the ones that stand for attached media or a trailing quoted post (they are
shown as image and quote blocks), drop compat-mode "…/i/web/status/…" self-permalinks, and expand
the rest to the URL they stand for."""

from __future__ import annotations

import re

from .draft import Draft, PostText

_TRUNCATION_PERMALINK = re.compile(r"^https?://(?:mobile\.)?(?:twitter|x)\.com/i/web/status/\d+", re.IGNORECASE)


def _occurrences(short: str) -> re.Pattern:
    # A short URL must not match the start of a longer one.
    return re.compile(re.escape(short) + r"(?![A-Za-z0-9])")


def _without(text: str, short: str) -> str:
    if not short:
        return text
    text = _occurrences(short).sub("", text)
    return re.sub(r"[ \t]+(\n|$)", r"\1", text).rstrip()


def drop_media_links(draft: Draft) -> Draft:
    items = []
    for item in draft.items:
        shorts = {media.short for media in item.post.media if media.short}
        text = item.text
        for short in shorts:
            text = _without(text, short)
        items.append(item.with_text(text) if text != item.text else item)
    return draft.with_texts(items)


def drop_quote_permalinks(draft: Draft) -> Draft:
    items = []
    for item in draft.items:
        short = item.post.quote_short
        text = item.text
        # Only a trailing permalink is X's; a link mid-sentence is the writer's and stays (expanded).
        if short and item.post.quote and text.rstrip().endswith(short):
            text = text.rstrip()[: -len(short)].rstrip()
        items.append(item.with_text(text, "quote-permalink") if text != item.text else item)
    return draft.with_texts(items)


def expand_links(draft: Draft) -> Draft:
    return draft.with_texts([_expand(item) for item in draft.items])


def _expand(item: PostText) -> PostText:
    text = item.text
    signals = []
    for link in item.post.links:
        if link.short not in text:
            continue
        if _TRUNCATION_PERMALINK.match(link.expanded):
            # Compat-mode truncation: "… https://t.co/x" points at the post itself.
            text = _without(text, link.short)
            signals.append("truncated")
        else:
            text = _occurrences(link.short).sub(lambda _: link.expanded, text)
    return item.with_text(text, *signals) if text != item.text else item
