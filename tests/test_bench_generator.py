"""The archive benchmark's generator makes what the benchmark claims to measure: a realistic mix
that the reader and the thread finder take apart as intended."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import REPO

import thread2article as t2a

sys.path.insert(0, str(REPO / "bench"))
from make_archive import OWNER_ID, make_archive  # noqa: E402


def test_small_synthetic_archive_reads_into_threads(tmp_path: Path) -> None:
    stats = make_archive(tmp_path / "archive", 600, seed=3)
    assert stats["tweets"] >= 600 and stats["notes"] > 0 and stats["media_files"] > 0
    source = t2a.load(tmp_path / "archive")
    assert source.account is not None and source.account.id == OWNER_ID
    assert any(post.is_repost for post in source.posts)
    assert any(post.long_form for post in source.posts)
    threads = t2a.find_threads(source, include_replies=False, min_posts=2)
    sizes = [len(thread.posts) for thread in threads]
    assert sizes and min(sizes) >= 2 and max(sizes) >= 10
    assert all(post.author.id == OWNER_ID for thread in threads for post in thread.posts)
    article = t2a.reassemble(threads[0])
    assert article.blocks
    again = make_archive(tmp_path / "again", 600, seed=3)
    assert again == stats
    assert (tmp_path / "again" / "data" / "tweets.js").read_bytes() == (
        tmp_path / "archive" / "data" / "tweets.js"
    ).read_bytes()
