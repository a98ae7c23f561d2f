"""Unescape HTML entities. X escapes `&`, `<` and `>` in post text (`&amp;`, `&lt;`, `&gt;`).

Links are matched by their short URL string, not by entity offsets, so unescaping first cannot
shift anything the later passes rely on (offsets are code points into the *escaped* text).
"""

from __future__ import annotations

import html
import unicodedata

from .draft import Draft, PostText, built


def unescaped(text: str) -> str:
    """The text an escaped post's text stands for (in NFC, as X counts it)."""
    return unicodedata.normalize("NFC", html.unescape(text))


def unescape_entities(draft: Draft) -> Draft:
    items = []
    for item in draft.items:
        if item.escaped:
            text = unescaped(item.text)
            # (Every post of an X source is escaped: a copy without the dataclass's __init__,
            # as draft.py makes them.)
            item = built(
                PostText,
                {
                    "post": item.post,
                    "text": text,
                    "escaped": False,
                    "signals": item.signals,
                    "removed_markers": item.removed_markers,
                },
            )
        items.append(item)
    return draft.with_texts(items)
