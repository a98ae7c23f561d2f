"""Threads on pages that do not mark replies (embed code, x.com saves): which posts go together.

The rule, stated once: two posts are one thread's neighbours when
1. they are by the same handle and no other account's post stands between them in the page
   (prose, headings and images may: embeds sit in an article);
2. in time order (the ids' order, whatever the page's order), the later one follows within
   `MAX_GAP` of the earlier one;
3. and the page says the later one continues the earlier one: it carries a number that follows
   the earlier one's (`2/` after `1/` or after an unnumbered opener; `/5` after `3/` and an
   unnumbered post between them, site-stitcher's Hermes thread), or it replies to its own
   author ("Replying to @self" on x.com).
Posts close in time with no such sign stay apart: site-stitcher's jest article holds two
unnumbered, unrelated posts 16 minutes apart beside its one 3-post thread. A post numbered 1 or
one that answers another account never continues anything.
"""

from __future__ import annotations

from datetime import timedelta

from ...model import Post
from .page import Found, Numbering, numbering_of, order_key, replying

# A thread is written in one sitting; the longest pause inside the sample threads is 25 minutes
# (Hermes, 3/ to the unnumbered 4th), and the unrelated post before it came 5.7 hours earlier.
MAX_GAP = timedelta(hours=3)


def link(found: list[Found]) -> tuple[list[Post], list[Post]]:
    """(posts, context) in page order, with `reply_to` set where a post continues a thread of
    the page. A post that answers another account ("Replying to @other") answers that account's
    nearest post above it; with none on the page it is kept as context only, never a thread."""
    result: dict[str, Post] = {}
    context: list[Post] = []
    for run in _runs([item for item in found if not item.structured]):
        for post in _link_run(run):
            result[post.id] = post
    for index, item in enumerate(found):
        other = _answers_other(item)
        if item.structured or not other:
            continue
        parent = next(
            (
                earlier.post
                for earlier in reversed(found[:index])
                if earlier.post.author.handle.lower() == other
            ),
            None,
        )
        if parent is None:
            context.append(item.post)
            del result[item.post.id]
        else:
            result[item.post.id] = replying(item.post, parent)
    linked = [
        item.post if item.structured else result[item.post.id]
        for item in found
        if item.structured or item.post.id in result
    ]
    return linked, context


def _answers_other(item: Found) -> str:
    """The account a post answers, when it is not its own author ("" otherwise)."""
    if not item.replying_to:
        return ""
    first = item.replying_to[0].lower()
    return "" if first == item.post.author.handle.lower() else first


def _runs(found: list[Found]) -> list[list[Found]]:
    """Stretches of the page where one handle posts with nobody else between."""
    runs: list[list[Found]] = []
    for item in found:
        handle = item.post.author.handle.lower()
        if runs and runs[-1][0].post.author.handle.lower() == handle and handle:
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def _close(earlier: Post, later: Post) -> bool:
    if earlier.created_at is None or later.created_at is None:
        return False
    return timedelta(0) <= later.created_at - earlier.created_at <= MAX_GAP


def _follows(
    earlier: Numbering | None, later: Numbering | None, next_number: Numbering | None
) -> bool:
    if later is not None:
        if later.number < 2:
            return False
        if earlier is None:
            return True
        return earlier.number < later.number and (
            earlier.total is None or earlier.number < earlier.total
        )
    # An unnumbered post continues a numbered one when the next post's number leaves room for it.
    return (
        earlier is not None and next_number is not None and next_number.number >= earlier.number + 2
    )


def _link_run(run: list[Found]) -> list[Post]:
    by_id: dict[str, Found] = {}
    for item in run:
        by_id.setdefault(item.post.id, item)
    ordered = sorted(by_id.values(), key=lambda item: order_key(item.post.id))
    numbers = [numbering_of(item.post.text) for item in ordered]
    posts = [item.post for item in ordered]
    linked = list(posts)
    for index in range(1, len(ordered)):
        earlier, later = ordered[index - 1], ordered[index]
        if _answers_other(later):
            continue
        if not _close(earlier.post, later.post):
            continue
        next_number = None
        if index + 1 < len(ordered) and _close(later.post, ordered[index + 1].post):
            next_number = numbers[index + 1]
        if bool(later.replying_to) or _follows(numbers[index - 1], numbers[index], next_number):
            linked[index] = replying(posts[index], posts[index - 1])
    return linked
