"""Threads found in archives: fixtures for each shape, and the real samples in ../shared/realdata."""

from __future__ import annotations

import html

import orjson
from conftest import FIXTURES, SHARED_REALDATA, shared_sample

from thread2article.sources.twitter_archive import parse_created_at, parse_note_time, read_archive
from thread2article.threads import find_threads

ARCHIVES = FIXTURES / "archive"


def threads_of(path, **options):
    return {
        thread.root.id: thread
        for thread in find_threads(
            read_archive(path), min_posts=2, include_replies=False, **options
        )
    }


def test_new_era_threads_with_deleted_post_filling_the_gap_and_an_edit():
    threads = threads_of(ARCHIVES / "new-era")
    assert set(threads) == {
        "1760000000000000100",
        "1760000000000000600",
        "1760000000000000900",
        "1760000000000001000",
    }
    numbered = threads["1760000000000000100"]
    # The deleted 3/4 (from deleted-tweets.js) closes what would be a gap.
    assert numbered.post_ids == (
        "1760000000000000100",
        "1760000000000000200",
        "1760000000000000250",
        "1760000000000000300",
    )
    assert numbered.posts[2].deleted and not numbered.gaps
    edited = threads["1760000000000000600"]
    assert edited.post_ids == ("1760000000000000600", "1760000000000000750", "1760000000000000800")
    notes = threads["1760000000000000900"]
    assert all(post.long_form for post in notes.posts)


def test_without_the_deleted_file_the_thread_shows_a_gap(tmp_path):
    import shutil

    shutil.copytree(ARCHIVES / "new-era", tmp_path / "archive")
    (tmp_path / "archive" / "data" / "deleted-tweets.js").unlink()
    manifest = tmp_path / "archive" / "data" / "manifest.js"
    manifest.write_text(manifest.read_text().replace("data/deleted-tweets.js", "data/gone.js"))
    threads = {t.root.id: t for t in find_threads(read_archive(tmp_path / "archive"), min_posts=1)}
    assert threads["1760000000000000100"].post_ids == ("1760000000000000100", "1760000000000000200")
    # 4/4 now opens a thread of its own, which starts with a gap naming the missing 3/4.
    orphan = threads["1760000000000000300"]
    assert orphan.gaps["1760000000000000300"].missing_id == "1760000000000000250"


def test_retweets_and_replies_to_others_are_not_threads():
    source = read_archive(ARCHIVES / "new-era")
    roots = {thread.root.id for thread in find_threads(source, include_replies=True, min_posts=1)}
    assert "1760000000000000400" not in roots  # retweet
    assert "1760000000000000410" in roots  # a reply to @bob_other, only with include_replies
    assert "1760000000000000410" not in threads_of(ARCHIVES / "new-era")


def test_old_era_records_out_of_order_make_one_thread():
    (thread,) = threads_of(ARCHIVES / "old-era").values()
    assert thread.post_ids == ("1100000000000000100", "1100000000000000200", "1100000000000000300")


def test_one_line_archive_without_account():
    (thread,) = threads_of(ARCHIVES / "no-account").values()
    assert thread.author.handle == "euler_fan" and len(thread.posts) == 2


def test_milahu104_real_threads():
    source = read_archive(ARCHIVES / "milahu104")
    all_threads = {
        thread.root.id: thread for thread in find_threads(source, include_replies=True, min_posts=2)
    }
    # The German thread opens as a reply to @shlomo96: a thread only with include_replies.
    assert all_threads["2028162474990518740"].post_ids == (
        "2028162474990518740",
        "2028162538240614498",
        "2028162593630679311",
        "2028163226181988576",
    )
    own = threads_of(ARCHIVES / "milahu104")
    assert "2028162474990518740" not in own
    assert own["2006054692539756583"].post_ids == ("2006054692539756583", "2008980364111544349")


# -- real samples that may only be read from ../shared -----------------------------------------


def _records(path):
    data = path.read_bytes()
    return orjson.loads(data[data.index(b"[") :])


def test_alrocar_note_tweets_fill_the_real_threads():
    folder = shared_sample("twitter-archive/alrocar")
    notes = [record["noteTweet"] for record in _records(folder / "note-tweet.js")]
    threads = threads_of(folder)
    long_thread, short_thread = threads["1754499761808302584"], threads["1782058723088752723"]
    assert (len(long_thread.posts), len(short_thread.posts)) == (12, 7)
    for thread in (long_thread, short_thread):
        seconds = {post.created_at for post in thread.posts}
        expected = {
            note["core"]["text"] for note in notes if parse_note_time(note["createdAt"]) in seconds
        }
        got = {post.text for post in thread.posts if post.long_form}
        # Every note of the thread's seconds went to one of its posts, whole and unescaped.
        assert got == expected and got
        for post in thread.posts:
            if post.long_form:
                assert not post.escaped and not post.text.endswith("…")
    assert sum(post.long_form for post in long_thread.posts) == 7
    assert sum(post.long_form for post in short_thread.posts) == 4
    by_id = {post.id: post for post in long_thread.posts}
    # Same link, different t.co in tweets.js and note-tweet.js: the note's own short link is used.
    assert any(
        link.short == "https://t.co/sYSTt3Rkq8" for link in by_id["1754499764433936594"].links
    )
    assert "=>" in by_id["1754499764433936594"].text


def test_alrocar_other_real_shapes():
    folder = shared_sample("twitter-archive/alrocar")
    posts = {post.id: post for post in read_archive(folder).posts}
    assert posts["1849856061991489924"].is_repost  # `RT @tinybirdco:` with retweeted:false
    note_quote = posts["1712845356000485462"]
    assert note_quote.long_form and note_quote.text.endswith("Check it out 👇")
    assert (
        note_quote.quote.id == "1712831962212077889"
        and note_quote.quote.author.handle == "tinybirdco"
    )
    numbered = threads_of(folder)["1579814683803910144"]
    assert len(numbered.posts) == 22
    assert sum(bool(post.media) for post in numbered.posts) >= 19


def test_dsajgiouawj_old_japanese_thread_from_unordered_records():
    folder = shared_sample("twitter-archive/dsajgiouawj-TweetArchive")
    raw_ids = [record["tweet"]["id_str"] for record in _records(folder / "tweet.js")]
    assert raw_ids != sorted(raw_ids)  # the sample really is out of order
    threads = threads_of(folder)
    thread = threads["1136989632044752896"]
    assert len(thread.posts) == 15
    assert thread.author.handle == "E31415926"
    times = [post.created_at for post in thread.posts]
    assert times == sorted(times)
    posts = {post.id: post for post in read_archive(folder).posts}
    assert html.unescape(posts["1084453769067126785"].text) == "1787->1789(+2)"
    assert posts["1113119211834945536"].media and len(posts["1113119211834945536"].media) == 4
    assert (
        parse_created_at("Sun Jan 13 14:15:01 +0000 2019")
        == posts["1084453769067126785"].created_at
    )


def _thread_shapes(source, include_replies):
    return [
        (thread.post_ids, tuple(sorted(thread.gaps)), thread.warnings, thread.posts)
        for thread in find_threads(source, min_posts=2, include_replies=include_replies)
    ]


def _archives_to_compare(tmp_path):
    import sys

    from conftest import REPO

    sys.path.insert(0, str(REPO / "bench"))
    from make_archive import make_archive

    make_archive(tmp_path / "generated", 1500, seed=11)
    yield tmp_path / "generated"
    yield from (ARCHIVES / name for name in ("new-era", "old-era", "no-account", "milahu104"))
    # The real samples when ../shared is beside the project (they may not be copied here).
    for name in ("alrocar", "dsajgiouawj-TweetArchive"):
        folder = SHARED_REALDATA / "twitter-archive" / name
        if folder.exists():
            yield folder


def test_reading_only_thread_members_finds_the_same_threads(tmp_path):
    """`threads` and `archive` read only posts that can be in a thread of 2+ posts: the threads
    (posts, order, gaps, warnings, every field of every post) must be those of a full read."""
    compared = 0
    for archive in _archives_to_compare(tmp_path):
        full = read_archive(archive)
        members = read_archive(archive, thread_posts_only=True)
        assert len(members.posts) <= len(full.posts), archive.name
        for include_replies in (False, True):
            expected = _thread_shapes(full, include_replies)
            assert expected or archive.name == "no-account"
            assert _thread_shapes(members, include_replies) == expected, archive.name
        compared += 1
    assert compared >= 5
    # The generated archive holds lone posts, retweets and replies: the filter did leave some out.
    assert len(read_archive(tmp_path / "generated", thread_posts_only=True).posts) < len(
        read_archive(tmp_path / "generated").posts
    )
