"""Finding the author's self-reply chains in a pool of posts."""

from __future__ import annotations

from dataclasses import replace

import pytest
from builders import AUTHOR, make_thread
from conftest import FIXTURES

import thread2article as t2a
from thread2article.errors import ThreadSelectionError
from thread2article.model import Author, Post
from thread2article.sources import SourcePosts
from thread2article.threads import find_threads, select_thread


def _post(
    post_id: str, reply_to: str | None = None, author: Author = AUTHOR, minute: int = 0, **extra
) -> Post:
    base = make_thread([f"post {post_id}"]).posts[0]
    return replace(
        base,
        id=post_id,
        author=author,
        reply_to=reply_to,
        reply_to_user=author.id if reply_to else None,
        created_at=base.created_at.replace(minute=minute),
        **extra,
    )


def test_order_follows_reply_links_not_array_order() -> None:
    source = t2a.load(FIXTURES / "north-2022-03-08" / "input.json")
    raw_order = [post.id for post in source.posts]
    thread = select_thread(find_threads(source), None)
    assert list(thread.post_ids) != raw_order
    assert list(thread.post_ids) == sorted(thread.post_ids, key=int)
    assert len(thread.posts) == 17


def test_fork_follows_the_earliest_reply_and_reports_side_branches() -> None:
    source = t2a.load(FIXTURES / "sensemakers-branching" / "input.json")
    thread = select_thread(find_threads(source), None)
    assert thread.post_ids[:3] == (
        "1798791421152911644",
        "1798791660668698927",
        "1798792109031559184",
    )
    assert any(
        "side branch" in warning and "1801661918236577796" in warning for warning in thread.warnings
    )


def test_missing_middle_post_becomes_a_gap_by_conversation() -> None:
    source = t2a.load(FIXTURES / "missing-middle-post" / "input.json")
    thread = select_thread(find_threads(source), None)
    assert thread.post_ids == ("1600000000000000001", "1600000000000000002", "1600000000000000004")
    gap = thread.gaps["1600000000000000004"]
    assert gap.missing_id == "1600000000000000003" and gap.reason == "deleted or unavailable"


def test_cycles_and_self_references_terminate() -> None:
    cycle = [
        _post("1", reply_to="2", minute=1),
        _post("2", reply_to="1", minute=2),
        _post("3", reply_to="3", minute=3),
    ]
    threads = find_threads(SourcePosts(posts=cycle))
    assert sorted(post.id for thread in threads for post in thread.posts) == ["1", "2", "3"]


def test_replies_by_others_do_not_join_the_thread() -> None:
    other = Author(id="2", handle="other")
    posts = [
        _post("1"),
        _post("2", reply_to="1", minute=1),
        _post("3", reply_to="2", author=other, minute=2),
    ]
    posts[2] = replace(posts[2], reply_to_user="1")
    threads = find_threads(SourcePosts(posts=posts))
    assert [thread.post_ids for thread in threads if len(thread.posts) > 1] == [("1", "2")]


def test_context_posts_never_start_a_thread() -> None:
    source = SourcePosts(posts=[_post("1")], context=[_post("9", minute=5)])
    assert [thread.root.id for thread in find_threads(source)] == ["1"]


def test_several_threads_need_a_choice_and_any_post_id_chooses() -> None:
    posts = [
        _post("1"),
        _post("2", reply_to="1", minute=1),
        _post("3", minute=2),
        _post("4", reply_to="3", minute=3),
    ]
    threads = find_threads(SourcePosts(posts=posts))
    with pytest.raises(ThreadSelectionError) as raised:
        select_thread(threads, None, "pool.json")
    assert "holds 2 threads: 1 (2 posts), 3 (2 posts)" in str(raised.value)
    assert select_thread(threads, "4").root.id == "3"
    with pytest.raises(ThreadSelectionError, match="no thread holds post 77"):
        select_thread(threads, "77")


def test_a_chain_replying_to_another_account_can_be_left_out() -> None:
    posts = [_post("1", reply_to="100"), _post("2", reply_to="1", minute=1)]
    posts[0] = replace(posts[0], reply_to_user="55")
    assert find_threads(SourcePosts(posts=posts), include_replies=False) == []
    assert len(find_threads(SourcePosts(posts=posts), include_replies=True)) == 1


def test_a_side_branch_post_says_which_thread_it_left() -> None:
    source = t2a.load(FIXTURES / "sensemakers-branching" / "input.json")
    threads = find_threads(source)
    assert "1801662101557309890" in threads[0].side_posts
    with pytest.raises(
        ThreadSelectionError, match="side branch of the thread that starts at 1798791421152911644"
    ):
        select_thread(threads, "1801662101557309890")
