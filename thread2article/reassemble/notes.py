"""Notes the author put over the thread, gathered for the top of the article.

Mastodon clients copy a post's content warning into the replies written under it, so a thread of
25 posts usually carries the same warning 25 times: each distinct warning becomes one note, in
the order it first appears. Pleroma-style "re: " prefixes are the same warning.
"""

from __future__ import annotations

from ..model import Note, Thread


def content_warning_notes(thread: Thread) -> tuple[Note, ...]:
    notes: list[Note] = []
    seen: set[str] = set()
    for post in thread.posts:
        if not post.content_warning:  # nearly every post: nothing to gather
            continue
        warning = " ".join(post.content_warning.split())
        key = warning.casefold()
        while key.startswith("re: "):
            key = key[4:]
        if not warning or key in seen:
            continue
        seen.add(key)
        notes.append(Note(text=warning))
    return tuple(notes)
