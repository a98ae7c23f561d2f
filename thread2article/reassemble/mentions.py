"""Strip the @-mentions X puts in front of replies.

X writes the reply context ("@alice @bob") at the start of a reply's text. In a self-thread the
context is the author and whoever the first post replied to, so only those handles are stripped:
a sentence that starts with another account's handle ("@carol was right") keeps it.
"""

from __future__ import annotations

import re

from ..model import Post
from .draft import Draft

# Matched at a position, one mention after another: the text is never copied per mention, so a
# post of thousands of mentions costs time linear in its length.
_LEADING_MENTION = re.compile(r"\s*@(\w{1,15})\b[ \t\u00a0]*\n?")


def leading_mentions_end(text: str) -> int:
    """Where the run of @-mentions at the start of `text` ends (0 when there is none)."""
    end = 0
    while match := _LEADING_MENTION.match(text, end):
        end = match.end()
    return end


def _leading_handles(text: str) -> list[str]:
    handles = []
    end = 0
    while match := _LEADING_MENTION.match(text, end):
        handles.append(match.group(1).lower())
        end = match.end()
    return handles


def reply_handles(first: Post, text: str) -> set[str]:
    """The handles a self-thread's reply context may name: the author's, and those the reply
    context of the first post (`first`, whose text is now `text`) names."""
    allowed = {first.author.handle.lower()} if first.author.handle else set()
    if first.reply_to:
        allowed.update(_leading_handles(text))
    return allowed


def reply_mentions_end(text: str, allowed: set[str], first: bool) -> int:
    """Where the reply context at the start of a reply's text ends (0: none). The first post's
    whole reply context goes; later posts lose only known handles."""
    end = 0
    while match := _LEADING_MENTION.match(text, end):
        if not first and match.group(1).lower() not in allowed:
            break
        end = match.end()
    return end


def strip_reply_mentions(draft: Draft) -> Draft:
    items = draft.items
    # Only X writes the reply context into the text (as boundaries._counted_text assumes too).
    # On Bluesky an @-mention is the writer's own ("@bob.bsky.social thanks" would lose "@bob"
    # and keep ".bsky.social"); Mastodon's readers drop the reply context themselves, from the
    # markup that marks a mention (sources/mastodon/content.py), and `@user@host` is no X handle.
    if not items or draft.thread.platform != "x":
        return draft
    allowed = reply_handles(items[0].post, items[0].text)
    result = []
    for index, item in enumerate(items):
        if not item.post.reply_to:
            result.append(item)
            continue
        text = item.text
        end = reply_mentions_end(text, allowed, index == 0)
        result.append(item.with_text(text[end:].lstrip(), "reply-mentions") if end else item)
    return draft.with_texts(result)
