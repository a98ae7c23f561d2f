"""From a pool of posts to the author's self-reply chains.

A post belongs to its parent's thread when it replies to a post by the same author (same author
*id*: handles change). Order comes from the reply links, never from the order of the source. At a
fork (one post with several self-replies) the main line follows the earliest reply and the side
branches are reported. A self-reply whose parent is absent is attached, with a visible gap, to the
thread its `conversation_id` names; without one it starts a thread of its own that opens with a gap.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, date, datetime

from .errors import InputError, ThreadSelectionError
from .model import Gap, Post, Thread
from .sources import SourcePosts

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _order_key(post: Post) -> tuple:
    # Snowflake ids grow with time; numeric ids sort numerically, others after them.
    numeric = post.id.isdigit()
    return (post.created_at or _EPOCH, 0 if numeric else 1, int(post.id) if numeric else 0, post.id)


@dataclass(frozen=True)
class Selection:
    """Which threads of a source are meant. Every field narrows; the default is the author's own
    threads (chains that start as a reply to another account need `include_replies`)."""

    thread: str | None = None  # any post id of the one thread wanted
    include_replies: bool = False
    # Threads of at least this many posts; None: threads of 2+ posts, or lone posts when the
    # source holds no longer thread.
    min_posts: int | None = None
    since: date | None = None  # started on or after this day (UTC)
    until: date | None = None  # started on or before this day (UTC)
    search: str | None = None  # some post contains this, case-insensitively

    def __post_init__(self) -> None:
        if self.min_posts is not None and self.min_posts < 1:
            raise InputError(f"min_posts must be at least 1, not {self.min_posts}")

    def matches(self, thread: Thread) -> bool:
        """The date and text filters (the others are applied while threads are found)."""
        published = thread.root.created_at
        if self.since and (published is None or published.date() < self.since):
            return False
        if self.until and (published is None or published.date() > self.until):
            return False
        if self.search:
            needle = self.search.casefold()
            return any(
                needle in (html.unescape(post.text) if post.escaped else post.text).casefold()
                for post in thread.posts
            )
        return True


@dataclass(frozen=True)
class ThreadSummary:
    root_id: str
    author: str
    published: datetime | None
    posts: int
    first_words: str


def find_threads(
    source: SourcePosts, *, include_replies: bool = False, min_posts: int = 1
) -> list[Thread]:
    """Every self-reply chain in the source, oldest first.

    A chain whose first post replies to another account is a conversation, not the author's own
    thread: it comes only with `include_replies=True` (as `--include-replies` in the CLI).
    """
    pool: dict[str, Post] = {post.id: post for post in source.context if not post.is_repost}
    primary_ids = set()
    for post in source.posts:
        if not post.is_repost:
            pool[post.id] = post
            primary_ids.add(post.id)

    children: dict[str, list[Post]] = {}
    roots: list[Post] = []
    for post in pool.values():
        parent = pool.get(post.reply_to) if post.reply_to else None
        if parent is not None and parent.author.id == post.author.id and parent.id != post.id:
            children.setdefault(parent.id, []).append(post)
        else:
            roots.append(post)
    for kids in children.values():
        if len(kids) > 1:
            kids.sort(key=_order_key)

    # A parent chain that loops back on itself has no root; break it at its oldest post.
    reachable: set[str] = set()
    for root in roots:
        _walk_all(root, children, reachable)
    if len(reachable) < len(pool):
        for post in sorted(pool.values(), key=_order_key):
            if post.id not in reachable:
                roots.append(post)
                _walk_all(post, children, reachable)

    chains: list[tuple[list[Post], list[str], set[str]]] = []
    for root in sorted(roots, key=_order_key):
        chains.append(_main_line(root, children))

    threads = _attach_orphans(chains, pool, source)
    result = []
    for thread in threads:
        # Only chains that hold a post the source actually delivered (not only `includes`).
        if not any(post.id in primary_ids for post in thread.posts):
            continue
        if not include_replies and _replies_to_other(thread.root):
            continue
        if len(thread.posts) < min_posts:
            continue
        result.append(thread)
    return result


def _replies_to_other(post: Post) -> bool:
    return bool(post.reply_to) and bool(post.reply_to_user) and post.reply_to_user != post.author.id


def _walk_all(root: Post, children: dict[str, list[Post]], seen: set[str]) -> None:
    stack = [root]
    while stack:
        post = stack.pop()
        if post.id in seen:
            continue
        seen.add(post.id)
        stack.extend(children.get(post.id, []))


def _count(post: Post, children: dict[str, list[Post]]) -> int:
    seen: set[str] = set()
    _walk_all(post, children, seen)
    return len(seen)


def _plural_posts(post_id: str, count: int) -> str:
    return f"{post_id} ({count} post{'' if count == 1 else 's'})"


def _main_line(
    root: Post, children: dict[str, list[Post]]
) -> tuple[list[Post], list[str], set[str]]:
    chain = [root]
    seen = {root.id}
    warnings = []
    side: set[str] = set()
    current = root
    while True:
        kids = [kid for kid in children.get(current.id, []) if kid.id not in seen]
        if not kids:
            break
        if len(kids) > 1:
            side_names = ", ".join(_plural_posts(kid.id, _count(kid, children)) for kid in kids[1:])
            warnings.append(
                f"post {current.id} has {len(kids)} replies by its author; followed the earliest, "
                f"{kids[0].id}, and left out the side branch {side_names}"
            )
            for kid in kids[1:]:
                _walk_all(kid, children, side)
        current = kids[0]
        seen.add(current.id)
        chain.append(current)
    return chain, warnings, side - seen


def _attach_orphans(
    chains: list[tuple[list[Post], list[str], set[str]]], pool: dict[str, Post], source: SourcePosts
) -> list[Thread]:
    """Join chains separated by a missing post when their conversation says they belong together."""

    def missing_parent(post: Post) -> bool:
        # A reply to the author's own post that the source does not hold.
        return (
            bool(post.reply_to)
            and post.reply_to not in pool
            and post.reply_to_user == post.author.id
        )

    by_root = {chain[0].id: index for index, (chain, _, _) in enumerate(chains)}
    merged_into: dict[int, int] = {}
    appended: dict[int, list[int]] = {}
    for index, (chain, _, _) in enumerate(chains):
        first = chain[0]
        home = by_root.get(first.conversation_id or "")
        if (
            missing_parent(first)
            and home is not None
            and home != index
            and chains[home][0][0].author.id == first.author.id
        ):
            merged_into[index] = home
            appended.setdefault(home, []).append(index)

    threads = []
    for index, (chain, warnings, side) in enumerate(chains):
        if index in merged_into:
            continue
        posts = list(chain)
        all_warnings = list(warnings)
        side_posts = set(side)
        gaps: dict[str, Gap] = {}
        if missing_parent(posts[0]):
            gaps[posts[0].id] = Gap(
                posts[0].reply_to or "",
                source.missing.get(posts[0].reply_to or "", "not in the source"),
            )
        for other in sorted(appended.get(index, []), key=lambda i: _order_key(chains[i][0][0])):
            other_chain, other_warnings, other_side = chains[other]
            side_posts |= other_side
            first = other_chain[0]
            gaps[first.id] = Gap(
                first.reply_to or "", source.missing.get(first.reply_to or "", "not in the source")
            )
            posts.extend(other_chain)
            all_warnings.extend(other_warnings)
        for post_id, gap in gaps.items():
            all_warnings.append(
                f"post {gap.missing_id} before post {post_id} is missing ({gap.reason}); a gap note marks it"
            )
        threads.append(
            Thread(
                posts=tuple(posts),
                gaps=gaps,
                warnings=tuple(all_warnings),
                side_posts=frozenset(side_posts),
                platform=source.platform,
                post_limit=source.post_limit,
            )
        )
    return threads


def summarize(thread: Thread, text: str | None = None, words: int = 12) -> ThreadSummary:
    """`text`: the root's cleaned text when the caller has it (links expanded, markers gone)."""
    text = " ".join((thread.root.text if text is None else text).split())
    first = " ".join(text.split(" ")[:words])
    author = thread.author
    return ThreadSummary(
        root_id=thread.root.id,
        author=f"@{author.handle}" if author.handle else author.display_name,
        published=thread.root.created_at,
        posts=len(thread.posts),
        first_words=first,
    )


def candidate_threads(threads: list[Thread]) -> list[Thread]:
    """What `convert` chooses among: real threads (2+ posts) when there are any, else lone posts."""
    multi = [thread for thread in threads if len(thread.posts) > 1]
    return multi or threads


def select_thread(threads: list[Thread], thread_id: str | None = None, source: str = "") -> Thread:
    """The thread holding `thread_id` (any of its posts), or the only thread there is."""
    if thread_id:
        for thread in threads:
            if thread_id in thread.post_ids:
                return thread
        for thread in threads:
            if thread_id in thread.side_posts:
                raise ThreadSelectionError(
                    f"post {thread_id} is on a side branch of the thread that starts at {thread.root.id}, which "
                    "follows the earliest reply at each fork; convert that thread with --thread "
                    f"{thread.root.id}",
                    source=source,
                )
        raise ThreadSelectionError(
            f"no thread holds post {thread_id}; `thread2article threads` lists them", source=source
        )
    candidates = candidate_threads(threads)
    if not candidates:
        raise ThreadSelectionError("holds no thread", source=source)
    if len(candidates) > 1:
        listed = ", ".join(_plural_posts(t.root.id, len(t.posts)) for t in candidates[:10])
        more = f" and {len(candidates) - 10} more" if len(candidates) > 10 else ""
        raise ThreadSelectionError(
            f"holds {len(candidates)} threads: {listed}{more}; choose one with --thread ID",
            source=source,
        )
    return candidates[0]
