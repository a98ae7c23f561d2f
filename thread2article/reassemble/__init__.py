"""Reassembly: a `Thread` becomes an `Article` through an ordered list of small, pure passes.

Each pass takes a `Draft` and returns a new one; none does I/O. The order matters and is the
whole algorithm, read top to bottom (see docs/architecture.md).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace

from ..model import Anchor, Article, RemovedMarker, Thread
from ..options import Options
from .decisions import Decisions, stale_entries
from .draft import Draft, built, post_text
from .entities import unescape_entities, unescaped
from .joins import join_posts
from .links import (
    drop_media_links,
    drop_quote_permalinks,
    expand_links,
    expanded_links,
    without_media_links,
    without_quote_permalink,
)
from .markers import strip_markers
from .mentions import reply_handles, reply_mentions_end, strip_reply_mentions
from .notes import content_warning_notes
from .title import derive_title

Pass = Callable[[Draft], Draft]

PASSES: list[tuple[str, Pass]] = [
    # Reply context first: it is plain text at the very start of the source text.
    ("mentions", strip_reply_mentions),
    ("entities", unescape_entities),
    ("media", drop_media_links),
    ("quotes", drop_quote_permalinks),
    ("links", expand_links),
    # Markers after links, so a number inside an expanded URL is never taken for one.
    ("markers", strip_markers),
    ("joins", join_posts),
]


# The passes before the markers each clean one post at a time, from that post alone (and, for
# the mentions, the thread's first post). Run over a whole thread they are run post by post
# instead, each post once through all of them (_cleaned_posts): the same texts and signals,
# without a copy of every post and of the draft per pass (tests/test_pass_shortcuts.py checks
# the two ways agree).
_POST_PASSES = ("mentions", "entities", "media", "quotes", "links")


def run_passes(
    thread: Thread,
    options: Options = Options(),
    upto: str | None = None,
    decisions: Decisions | None = None,
) -> Draft:
    if upto in _POST_PASSES:
        draft = Draft.start(thread, options, decisions)
        passes = PASSES
    else:
        draft = _cleaned_posts(thread, options, decisions)
        passes = PASSES[len(_POST_PASSES) :]
    for name, run in passes:
        draft = run(draft)
        if name == upto:
            break
    return draft


def _cleaned_posts(thread: Thread, options: Options, decisions: Decisions | None) -> Draft:
    """The draft the passes mentions, entities, media, quotes and links make, post by post."""
    posts = thread.posts
    # strip_reply_mentions: X only, the handles read from the first post (once a reply opens
    # with a run of mentions: in most threads none does).
    on_x = thread.platform == "x"
    allowed: set[str] | None = None
    items = []
    for index, post in enumerate(posts):
        text = post.text
        signals = []
        # (A run of mentions opens with "@" or a space: most replies of a self-thread open with
        # neither once X's reply context is gone from the export, as in the archive's.)
        if on_x and post.reply_to and (text[:1] == "@" or text[:1].isspace()):
            if allowed is None:
                allowed = reply_handles(posts[0], posts[0].text)
            end = reply_mentions_end(text, allowed, index == 0)
            if end:
                text = text[end:].lstrip()
                signals.append("reply-mentions")
        escaped = post.escaped
        if escaped:
            # (unescaped() changes neither a text without "&" nor ASCII, already in NFC: its call
            # is spared for those.)
            if "&" in text or not text.isascii():
                text = unescaped(text)
            escaped = False
        if post.media:
            text = without_media_links(post, text)
        if post.quote_short:
            new = without_quote_permalink(post, text)
            if new != text:
                text = new
                signals.append("quote-permalink")
        if post.links:
            new, more = expanded_links(post, text)
            if new != text:
                text = new
                signals.extend(more)
        items.append(post_text(post, text, escaped, signals))
    return Draft.of(thread, options, tuple(items), decisions)


def preview_text(thread: Thread) -> str:
    """The thread's first post as it will read (links expanded, markers gone), for listings. The
    first three posts are enough to tell post numbering from content."""
    draft = run_passes(
        Thread(posts=thread.posts[:3], platform=thread.platform, post_limit=thread.post_limit),
        upto="markers",
    )
    texts = [item.text for item in draft.items if item.text.strip()]
    return " ".join(texts[0].split()) if texts else ""


def reassemble(
    thread: Thread, options: Options = Options(), decisions: Decisions | None = None
) -> Article:
    """The article a thread makes. `decisions` (a decisions file, see decisions.py) overrides the
    rules where the writer chose otherwise; its entries that no longer match the thread become
    the article's warnings."""
    draft = run_passes(thread, options, decisions=decisions)
    root = thread.root
    author = thread.author
    fallback = (
        f"Thread by @{author.handle}" if author.handle else f"Thread by {author.display_name}"
    )
    # The --title option first, then the decisions file's, then the first sentence.
    chosen_title = decisions.title.strip() if decisions and decisions.title else ""
    title = options.title.strip() or chosen_title or derive_title(draft.blocks, fallback)
    # (Built without the frozen dataclass's __init__, as draft.py builds its copies: this runs
    # once per thread of an archive; tests/test_pass_shortcuts.py pins it to the constructor.)
    article: Article = built(
        Article,
        {
            "title": title,
            "author": author,
            "published": root.created_at,
            "source_url": root.permalink,
            "post_ids": thread.post_ids,
            # A content warning is shown first, above the text it covers, never hidden.
            "blocks": content_warning_notes(thread) + draft.blocks,
            "boundaries": draft.boundaries,
            "warnings": thread.warnings + draft.notes,
            "removed_markers": _removed_markers(draft),
            "platform": thread.platform,
            "anchors": _anchors(thread),
        },
    )
    if decisions is None:
        return article
    stale = stale_entries(decisions, article) + _stale_markers(decisions, thread)
    return replace(article, warnings=article.warnings + tuple(stale)) if stale else article


def _removed_markers(draft: Draft) -> tuple[RemovedMarker, ...]:
    """What the markers pass stripped, post by post (nothing, in most threads of an archive)."""
    return tuple(
        [
            built(RemovedMarker, {"post_id": item.post.id, "text": text})
            for item in draft.items
            if item.removed_markers
            for text in item.removed_markers
        ]
    )


def _anchors(thread: Thread) -> tuple[Anchor, ...]:
    """The mentions and hashtags of the thread's posts, the first for each text."""
    anchors: dict[str, Anchor] = {}
    for post in thread.posts:
        if post.anchors:  # (only Bluesky's posts carry them)
            for anchor in post.anchors:
                anchors.setdefault(anchor.text, anchor)
    return tuple(anchors.values()) if anchors else ()


def _stale_markers(decisions: Decisions, thread: Thread) -> list[str]:
    posts = {post.id: post for post in thread.posts}
    warnings = []
    for marker in decisions.keep_markers:
        post = posts.get(marker.post)
        if post is None:
            warnings.append(
                f"the decisions file keeps {marker.text!r} in post {marker.post}, "
                "which is not in this thread: ignored"
            )
            continue
        text = html.unescape(post.text) if post.escaped else post.text
        if marker.text not in text:
            warnings.append(
                f"the decisions file keeps {marker.text!r} in post {marker.post}, "
                "which no longer holds it: ignored"
            )
    return warnings


__all__ = ["PASSES", "Decisions", "Draft", "preview_text", "reassemble", "run_passes"]
