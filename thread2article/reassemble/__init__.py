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
from .draft import Draft, built
from .entities import unescape_entities
from .joins import join_posts
from .links import drop_media_links, drop_quote_permalinks, expand_links
from .markers import strip_markers
from .mentions import strip_reply_mentions
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


def run_passes(
    thread: Thread,
    options: Options = Options(),
    upto: str | None = None,
    decisions: Decisions | None = None,
) -> Draft:
    draft = Draft.start(thread, options, decisions)
    for name, run in PASSES:
        draft = run(draft)
        if name == upto:
            break
    return draft


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
            "removed_markers": tuple(
                RemovedMarker(item.post.id, text)
                for item in draft.items
                for text in item.removed_markers
            ),
            "platform": thread.platform,
            "anchors": _anchors(thread),
        },
    )
    if decisions is None:
        return article
    stale = stale_entries(decisions, article) + _stale_markers(decisions, thread)
    return replace(article, warnings=article.warnings + tuple(stale)) if stale else article


def _anchors(thread: Thread) -> tuple[Anchor, ...]:
    """The mentions and hashtags of the thread's posts, the first for each text."""
    anchors: dict[str, Anchor] = {}
    for post in thread.posts:
        for anchor in post.anchors:
            anchors.setdefault(anchor.text, anchor)
    return tuple(anchors.values())


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
