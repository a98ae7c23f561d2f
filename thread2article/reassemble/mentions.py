"""Strip the @-mentions X puts in front of replies.

X writes the reply context ("@alice @bob") at the start of a reply's text. In a self-thread the
context is the author and whoever the first post replied to, so only those handles are stripped:
a sentence that starts with another account's handle ("@carol was right") keeps it.
"""

from __future__ import annotations

import re

from .draft import Draft

_LEADING_MENTION = re.compile(r"^\s*@(\w{1,15})\b[ \t\u00a0]*\n?")


def leading_mentions_end(text: str) -> int:
    """Where the run of @-mentions at the start of `text` ends (0 when there is none)."""
    rest = text
    # (`^` in the pattern only matches at a string's real start, so slice rather than pass pos.)
    while match := _LEADING_MENTION.match(rest):
        rest = rest[match.end() :]
    return len(text) - len(rest)


def _leading_handles(text: str) -> list[str]:
    handles = []
    while True:
        match = _LEADING_MENTION.match(text)
        if not match:
            return handles
        handles.append(match.group(1).lower())
        text = text[match.end() :]


def strip_reply_mentions(draft: Draft) -> Draft:
    items = draft.items
    # Bluesky writes no reply context into the text: an @-mention there is the writer's own
    # ("@bob.bsky.social thanks" would lose "@bob" and keep ".bsky.social").
    if not items or draft.thread.platform == "bluesky":
        return draft
    first = items[0]
    allowed = {first.post.author.handle.lower()} if first.post.author.handle else set()
    if first.post.reply_to:
        allowed.update(_leading_handles(first.text))
    result = []
    for index, item in enumerate(items):
        if not item.post.reply_to:
            result.append(item)
            continue
        text = item.text
        stripped = False
        while True:
            match = _LEADING_MENTION.match(text)
            # The first post's whole reply context goes; later posts lose only known handles.
            if not match or (index > 0 and match.group(1).lower() not in allowed):
                break
            text = text[match.end() :]
            stripped = True
        result.append(item.with_text(text.lstrip(), "reply-mentions") if stripped else item)
    return draft.with_texts(result)
