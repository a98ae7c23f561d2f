"""Readers for the key-free shapes: FxTwitter and syndication, on the real samples
(../shared/realdata, read in place: they carry no license) and on the fixtures/fetch files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fetch_fakes import FIXTURES

from thread2article.sources import fxtwitter, syndication, twitter_v1, twitter_v2

REALDATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "realdata"
SYNDICATION_SAMPLES = REALDATA / "syndication"


def fixture(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def real_sample(name: str):
    path = SYNDICATION_SAMPLES / name
    if not path.exists():
        pytest.skip(
            f"{path} is absent: the unlicensed tweet-rsc samples live only in ../shared/realdata"
        )
    return json.loads(path.read_text(encoding="utf-8"))


# --- syndication on the real samples ---------------------------------------------------------


def test_real_syndication_image_sample():
    data = real_sample("tweet-rsc_tweet_with_image.json")
    assert syndication.sniff(data)
    result = syndication.read(data, "sample")
    (post,) = result.posts
    assert post.id == "1641086480675225601" and isinstance(post.id, str)
    assert post.author.handle == "SamuelSusla" and post.author.id == "469266133"
    assert post.escaped is True
    assert post.created_at is not None and post.created_at.isoformat().startswith(
        "2023-03-29T14:34:41"
    )
    (media,) = post.media
    assert media.kind == "photo" and media.url == "https://pbs.twimg.com/media/FsZNOgcWAAEQtrd.jpg"
    assert media.short == "https://t.co/rQd6FIwZ0U" and media.short in post.text
    assert post.links[0].short == "https://t.co/4G6RAMfrHy"
    assert (
        post.links[0].expanded
        == "https://github.com/reactwg/react-native-new-architecture/discussions/110"
    )
    assert post.reply_to is None


def test_real_syndication_quote_sample_gives_a_plain_quote():
    data = real_sample("tweet-rsc_tweet_with_quote_tweet.json")
    (post,) = syndication.read(data, "sample").posts
    quote = post.quote
    assert quote is not None and quote.id == "1641086480675225601"
    assert quote.author is not None and quote.author.handle == "SamuelSusla"
    assert "https://github.com/reactwg/react-native-new-architecture/discussions/110" in quote.text
    assert "t.co" not in quote.text  # link expanded, media link dropped
    assert quote.url.endswith("/status/1641086480675225601")


def test_real_syndication_card_sample_keeps_astral_text_and_mentions():
    data = real_sample("tweet-rsc_tweet_with_card.json")
    (post,) = syndication.read(data, "sample").posts
    assert post.text.startswith("📰 I recently joined @reactjs!")
    assert post.links[0].expanded == "https://beta.reactjs.org/learn/tutorial-tic-tac-toe"
    assert post.media == ()


# --- syndication on the fixtures -------------------------------------------------------------


def test_syndication_reply_links_alt_text_and_parent_context():
    top = syndication.read(fixture("syndication/tweet-result_1910000000000000001.json"), "f")
    (root,) = top.posts
    assert root.media[0].alt == "Diagram: each post points at its parent"
    assert root.text.startswith(
        "Syndication threads &amp; their limits"
    )  # left escaped for the entities pass
    reply = syndication.read(fixture("syndication/tweet-result_1910000000000000002.json"), "f")
    (post,) = reply.posts
    assert post.reply_to == "1910000000000000001" and post.reply_to_user == "1700000001"
    assert [p.id for p in reply.context] == ["1910000000000000001"]  # the embedded parent


def test_syndication_tombstone_saved_by_fetch_marks_the_post_missing():
    tombstone = fixture("syndication/tweet-result_tombstone.json")
    tombstone["__thread2article"] = {
        "provider": "syndication",
        "endpoint": "tweet-result",
        "id": "1910000000000000102",
    }
    assert syndication.sniff(tombstone)
    result = syndication.read(tombstone, "f")
    assert result.posts == [] and "1910000000000000102" in result.missing
    empty = {
        "__thread2article": {"provider": "syndication", "endpoint": "tweet-result", "id": "77"}
    }
    assert syndication.sniff(empty) and syndication.read(empty, "f").missing == {"77": "not found"}


def test_syndication_long_post_is_reported():
    data = fixture("syndication/tweet-result_1910000000000000003.json")
    data["note_tweet"] = {"id": "Tm90ZVR3ZWV0OjE="}
    result = syndication.read(data, "f")
    assert any("long post" in warning for warning in result.warnings)


# --- FxTwitter -------------------------------------------------------------------------------


def test_fxtwitter_thread_fixture():
    data = fixture("fxtwitter/2_thread_1900000000000000002.json")
    assert fxtwitter.sniff(data)
    result = fxtwitter.read(data, "f")
    posts = {post.id: post for post in result.posts}
    assert sorted(posts) == ["1900000000000000001", "1900000000000000002", "1900000000000000003"]
    first, second, third = (posts[i] for i in sorted(posts))
    assert all(post.escaped is False for post in posts.values())
    assert "Fragments & markers" in first.text
    assert first.media[0].alt == "A tangle of reply arrows" and first.media[0].kind == "photo"
    assert first.reply_to is None and first.conversation_id == "1900000000000000001"
    assert (
        second.reply_to == "1900000000000000001"
        and second.reply_to_user == second.author.id == "1600000001"
    )
    assert (
        second.quote is not None
        and second.quote.text == "Threads are the worst format for long ideas <change my mind>"
    )
    assert second.quote.author.handle == "otherperson"
    assert second.quote_short == "https://x.com/otherperson/status/1800000000000000009"
    assert second.text.endswith(second.quote_short)
    video = third.media[0]
    assert (
        video.kind == "video"
        and video.url.endswith("/720x720/high.mp4")
        and video.poster.endswith("thumb.jpg")
    )
    assert (
        first.created_at is not None and first.created_at.isoformat() == "2025-03-03T10:00:00+00:00"
    )


def test_fxtwitter_handle_comparison_ignores_case():
    data = fixture("fxtwitter/2_status_1900000000000000022.json")
    (post,) = fxtwitter.read(data, "f").posts
    assert post.reply_to == "1900000000000000021" and post.reply_to_user == post.author.id


def test_fxtwitter_tombstone_is_missing():
    result = fxtwitter.read(fixture("fxtwitter/2_thread_1900000000000000013.json"), "f")
    assert result.missing == {"1900000000000000012": "deleted"}
    assert {post.id for post in result.posts} == {"1900000000000000011", "1900000000000000013"}


def test_fxtwitter_legacy_v1_shape():
    data = fixture("fxtwitter/status_1900000000000000032.v1.json")
    assert fxtwitter.sniff(data)
    (post,) = fxtwitter.read(data, "f").posts
    assert post.reply_to == "1900000000000000031" and post.reply_to_user == "1600000001"
    assert post.created_at is not None and post.created_at.year == 2024
    assert post.text.endswith("& it is plain text") and post.escaped is False


def test_fxtwitter_reply_to_someone_else_and_mention_only_posts():
    data = fixture("fxtwitter/status_1900000000000000032.v1.json")
    data["tweet"]["replying_to"] = "SomebodyElse"
    (post,) = fxtwitter.read(data, "f").posts
    assert post.reply_to == "1900000000000000031" and post.reply_to_user != post.author.id
    # A post that starts with @name has replying_to but no parent (FxEmbed issue #887).
    data["tweet"]["replying_to_status"] = None
    (post,) = fxtwitter.read(data, "f").posts
    assert post.reply_to is None and post.reply_to_user is None


# --- sniffing does not steal other formats --------------------------------------------------


def _realdata_values():
    if not REALDATA.exists():
        pytest.skip("../shared/realdata is absent")
    values = []
    for folder in ("twitter-v2", "twitter-v1", "bluesky", "mastodon"):
        for path in sorted((REALDATA / folder).glob("*.json*")):
            text = path.read_text(encoding="utf-8")
            try:
                values.append((path.name, json.loads(text)))
            except json.JSONDecodeError:
                values.extend(
                    (path.name, json.loads(line)) for line in text.splitlines() if line.strip()
                )
    return values


def test_key_free_sniffers_ignore_other_formats():
    for name, value in _realdata_values():
        assert not fxtwitter.sniff(value), name
        assert not syndication.sniff(value), name


def test_other_sniffers_ignore_fxtwitter_answers():
    for name in (
        "fxtwitter/2_thread_1900000000000000002.json",
        "fxtwitter/status_1900000000000000032.v1.json",
    ):
        data = fixture(name)
        assert (
            not twitter_v2.sniff(data)
            and not twitter_v1.sniff(data)
            and not syndication.sniff(data)
        )


def test_loader_reads_syndication_with_the_syndication_reader():
    from thread2article.sources.detect import read_values

    values = [fixture(f"syndication/tweet-result_191000000000000000{i}.json") for i in (1, 2, 3)]
    result = read_values(values, "f")
    assert result.format_name == syndication.FORMAT_NAME
    root = next(post for post in result.posts if post.id == "1910000000000000001")
    assert root.media and root.media[0].alt
