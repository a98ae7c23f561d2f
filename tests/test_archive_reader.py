"""The archive reader: records -> posts for every era and shape, note tweets, edits, deletions."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import UTC, datetime

import orjson
import pytest
from conftest import FIXTURES
from test_archive_container import zip_folder

from thread2article.errors import InputError
from thread2article.sources import twitter_archive
from thread2article.sources.twitter_archive import (
    decode_tweet_records,
    is_archive,
    parse_created_at,
    read,
    read_archive,
    sniff,
)

ARCHIVES = FIXTURES / "archive"
NEW_ERA = ARCHIVES / "new-era"
OLD_ERA = ARCHIVES / "old-era"
NO_ACCOUNT = ARCHIVES / "no-account"
MILAHU = ARCHIVES / "milahu104"


@pytest.fixture(scope="module")
def new_era():
    source = read_archive(NEW_ERA)
    return source, {post.id: post for post in source.posts}


# -- wrapper and decoding -------------------------------------------------------------------------


def _whole(data: bytes) -> list:
    return orjson.loads(data[data.index(b"[") :])


@pytest.mark.parametrize(
    "path",
    [
        NEW_ERA / "data" / "tweets.js",  # new exporter, records at two spaces
        NEW_ERA / "data" / "tweets-part1.js",  # one line
        OLD_ERA / "data" / "tweet.js",  # `[ {` … `}, {` at column 0
        MILAHU / "data" / "tweets.js",  # real 2026 export
    ],
)
def test_decoded_records_hold_the_fields_of_a_whole_parse(path):
    data = path.read_bytes()
    records = decode_tweet_records(data, path.name)
    whole = _whole(data)
    assert len(records) == len(whole)
    for record, expected in zip(records, whole, strict=False):
        tweet, plain = record.tweet, expected["tweet"]
        assert (tweet.id_str, tweet.full_text, tweet.created_at) == (
            plain["id_str"],
            plain["full_text"],
            plain["created_at"],
        )
        assert tweet.in_reply_to_status_id_str == plain.get("in_reply_to_status_id_str")
        # Entities stay raw JSON until a post needs them, and decode to the same value.
        assert (orjson.loads(bytes(tweet.entities)) if tweet.entities else None) == plain.get(
            "entities"
        )


def test_truncated_tweets_js_names_file_and_position(tmp_path):
    data = (NEW_ERA / "data" / "tweets.js").read_bytes()
    cut = data[: len(data) // 2]
    with pytest.raises(InputError) as caught:
        decode_tweet_records(cut, "archive.zip:tweets.js")
    message = str(caught.value)
    expected_line = cut.count(b"\n") + 1
    assert message.startswith("archive.zip:tweets.js: truncated JSON at line")
    assert f"line {expected_line}," in message or f"line {expected_line - 1}," in message


def test_corrupt_record_in_the_middle_is_located_exactly():
    data = (MILAHU / "data" / "tweets.js").read_bytes()
    lines = data.split(b"\n")
    broken_line = 120
    assert lines[broken_line - 1].rstrip().endswith(b",")
    lines[broken_line - 1] = lines[broken_line - 1].rstrip()[:-1] + b" @@"
    corrupt = b"\n".join(lines)
    with pytest.raises(InputError, match=f"tweets.js: invalid JSON at line {broken_line}, column"):
        decode_tweet_records(corrupt, "tweets.js")


def test_a_record_of_the_wrong_shape_names_its_post():
    records = _whole((NEW_ERA / "data" / "tweets.js").read_bytes())
    victim = records[2]["tweet"]
    victim["edit_info"] = {"initial": "not an object"}
    data = b"window.YTD.tweets.part0 = " + orjson.dumps(records)
    with pytest.raises(InputError) as caught:
        decode_tweet_records(data, "tweets.js")
    message = str(caught.value)
    assert (
        message.startswith("tweets.js") and victim["id_str"] in message and "edit_info" in message
    )
    assert "\n" not in message


def test_truncated_file_in_an_archive_is_an_input_error(tmp_path):
    shutil.copytree(NEW_ERA, tmp_path / "archive")
    tweets = tmp_path / "archive" / "data" / "tweets.js"
    tweets.write_bytes(tweets.read_bytes()[:-40])
    with pytest.raises(InputError, match=r"archive/data.*tweets\.js: truncated JSON at line \d+"):
        read_archive(tmp_path / "archive")


def test_created_at_parsing():
    assert parse_created_at("Fri Mar 06 13:02:05 +0000 2026") == datetime(
        2026, 3, 6, 13, 2, 5, tzinfo=UTC
    )
    assert parse_created_at("Fri Mar 06 13:02:05 +0200 2026") == datetime(
        2026, 3, 6, 11, 2, 5, tzinfo=UTC
    )
    with pytest.raises(ValueError, match="not a date"):
        parse_created_at("yesterday")


# -- the new-era fixture: manifest, parts, notes, edits, deletions, media ---------------------------


def test_account_comes_from_account_js(new_era):
    source, _ = new_era
    assert (source.account.id, source.account.handle, source.account.name) == (
        "42424242",
        "ada_writes",
        "Ada Writes",
    )
    assert all(post.author == source.account for post in source.posts)
    assert source.format_name == "twitter-archive"


def test_posts_keep_string_ids_escaped_text_and_links(new_era):
    _, posts = new_era
    root = posts["1760000000000000100"]
    assert root.text.startswith("1/4 Archives keep everything &amp; more")
    assert root.escaped is True
    assert root.created_at == datetime(2024, 2, 20, 9, 0, tzinfo=UTC)
    second = posts["1760000000000000200"]
    assert (second.reply_to, second.reply_to_user) == ("1760000000000000100", "42424242")
    assert [(link.short, link.expanded) for link in second.links] == [
        ("https://t.co/aaaaaaLINK", "https://example.org/archive-format")
    ]


def test_photo_media_points_at_the_archive_file(new_era):
    _, posts = new_era
    (photo,) = posts["1760000000000000100"].media
    assert photo.kind == "photo"
    assert photo.url == "https://pbs.twimg.com/media/GPhotoOne1.jpg"
    assert photo.short == "https://t.co/aaaaaaPHOT"
    assert photo.local_path == "tweets_media/1760000000000000100-GPhotoOne1.jpg"


def test_video_takes_the_best_mp4_and_its_file(new_era):
    _, posts = new_era
    (video,) = posts["1760000000000001000"].media
    assert video.kind == "video"
    assert video.url.startswith("https://video.twimg.com/") and "1280x720" in video.url
    assert video.poster.endswith("/VideoThumb1.jpg")
    assert video.local_path == "tweets_media/1760000000000001000-VideoThumb1-high.mp4"


def test_retweets_and_replies_to_others(new_era):
    _, posts = new_era
    assert posts["1760000000000000400"].is_repost
    assert not posts["1760000000000000100"].is_repost
    reply = posts["1760000000000000410"]
    assert (reply.reply_to, reply.reply_to_user) == ("1700000000000000001", "777")


def test_status_link_at_the_end_is_a_quote(new_era):
    _, posts = new_era
    own = posts["1760000000000001100"]
    assert own.quote.id == "1760000000000000100"
    assert own.quote.author.handle == "ada_writes"
    assert own.quote_short == "https://t.co/dddddSELFQ"
    # A plain link in the middle of the text is no quote.
    assert posts["1760000000000000200"].quote is None


def test_note_tweets_get_their_full_text_even_in_the_same_second(new_era):
    _, posts = new_era
    first, second = posts["1760000000000000900"], posts["1760000000000000950"]
    assert first.created_at == second.created_at
    assert first.text.endswith("until the very last word of the note.")
    assert "=> the rest" in first.text  # note text is not escaped
    assert (first.escaped, first.long_form) == (False, True)
    assert [(link.short, link.expanded) for link in first.links] == [
        ("https://t.co/nnnnnLINK1", "https://example.org/note-tweets")
    ]
    assert second.text.endswith("see what I mean? The note ends here.")
    # The quote link is only in tweets.js; it stays the post's quote.
    assert second.quote.id == "1759999999999999999" and second.quote.author.handle == "grace_h"
    assert second.quote_short == "https://t.co/cccccQUOTE"


def test_a_short_tweet_is_not_given_a_note_of_its_second(tmp_path):
    shutil.copytree(NEW_ERA, tmp_path / "archive")
    notes = tmp_path / "archive" / "data" / "note-tweet.js"
    records = twitter_archive.parse_records(notes.read_bytes(), "note-tweet.js")
    # A note from the second of the video post, whose text does not start like it.
    records[0]["noteTweet"]["createdAt"] = "2024-02-23T07:00:00.000Z"
    notes.write_text("window.YTD.note_tweet.part0 = " + json.dumps(records))
    posts = {post.id: post for post in read_archive(tmp_path / "archive").posts}
    assert posts["1760000000000001000"].long_form is False
    assert posts["1760000000000000950"].long_form is False


def test_edited_post_counts_once_as_its_latest_version(new_era):
    _, posts = new_era
    assert "1760000000000000700" not in posts
    assert posts["1760000000000000750"].text == "The second version of this reply fixed the typo."
    # The reply written against the first version now points at the kept one.
    assert posts["1760000000000000800"].reply_to == "1760000000000000750"


def test_deleted_tweet_is_read_and_marked(new_era):
    _, posts = new_era
    deleted = posts["1760000000000000250"]
    assert deleted.deleted is True
    assert not posts["1760000000000000200"].deleted


def test_parts_are_all_read(new_era):
    _, posts = new_era
    assert {"1760000000000000100", "1760000000000001100"} <= set(posts)
    assert len(posts) == 14


def test_zip_and_folder_read_the_same_posts(tmp_path, new_era):
    source, _ = new_era
    zipped = read_archive(zip_folder(NEW_ERA, tmp_path / "x.zip", top="twitter-2024/"))
    assert zipped.posts == source.posts


def test_data_folder_and_lone_tweets_file_are_archives(new_era):
    source, _ = new_era
    assert (
        is_archive(NEW_ERA)
        and is_archive(NEW_ERA / "data")
        and is_archive(NEW_ERA / "data" / "tweets.js")
    )
    assert not is_archive(NEW_ERA / "data" / "account.js")
    alone = read_archive(NEW_ERA / "data" / "tweets.js")
    assert alone.account == source.account  # account.js beside it is still used
    assert {post.id for post in alone.posts} < {post.id for post in source.posts}


# -- other eras and shapes -----------------------------------------------------------------------


def test_old_era_tweet_js_and_tweet_media():
    source = read_archive(OLD_ERA)
    posts = {post.id: post for post in source.posts}
    assert source.account.handle == "old_timer"
    assert (
        posts["1100000000000000100"].media[0].local_path
        == "tweet_media/1100000000000000100-D3KXoldPic.jpg"
    )
    assert posts["1100000000000000300"].text.endswith("&gt;_&lt;")
    assert posts["1100000000000000300"].reply_to == "1100000000000000200"


def test_without_account_js_the_owner_comes_from_a_self_reply():
    source = read_archive(NO_ACCOUNT)
    assert (source.account.id, source.account.handle) == ("2718", "euler_fan")
    assert any("no account.js" in warning for warning in source.warnings)
    assert all(post.author.id == "2718" for post in source.posts)


def test_manifest_user_info_stands_in_for_account_js(tmp_path):
    shutil.copytree(NEW_ERA, tmp_path / "archive")
    (tmp_path / "archive" / "data" / "account.js").unlink()
    source = read_archive(tmp_path / "archive")
    assert (source.account.id, source.account.handle, source.account.name) == (
        "42424242",
        "ada_writes",
        "Ada Writes",
    )


def test_no_owner_anywhere_is_a_clear_error(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    records = twitter_archive.parse_records(
        (NO_ACCOUNT / "data" / "tweets.js").read_bytes(), "tweets.js"
    )
    (data / "tweets.js").write_text("window.YTD.tweets.part0 = " + json.dumps(records[1:]))
    with pytest.raises(InputError, match="cannot tell whose archive this is"):
        read_archive(tmp_path)


def test_milahu104_real_sample():
    source = read_archive(MILAHU)
    posts = {post.id: post for post in source.posts}
    assert source.account.id == "1964312974236991488" and source.account.handle == "milahu104"
    assert posts["2029903943413772741"].media[0].kind == "photo"
    # Its tweets_media folder was not copied, so the media stays remote.
    assert posts["2029903943413772741"].media[0].local_path == ""
    assert posts["2029905358261502168"].quote.id == "2027739112069878026"
    assert {post.id for post in source.posts if post.deleted} == {
        "2028148980807336303",
        "2027737443122769985",
        "2026963906405556402",
    }
    assert not any(post.long_form for post in source.posts)  # note-tweet.js is empty


def test_sniff_and_read_a_lone_file():
    data = (NO_ACCOUNT / "data" / "tweets.js").read_bytes()
    assert sniff(data) and sniff(_whole(data))
    assert not sniff(b"window.YTD.account.part0 = [ ]") and not sniff([{"data": 1}])
    source = read(data, "tweets.js")
    assert source.account.id == "2718" and len(source.posts) == 2


def test_library_load_detects_archives(tmp_path):
    import thread2article

    for path in (NEW_ERA, NEW_ERA / "data", zip_folder(NEW_ERA, tmp_path / "a.zip")):
        source = thread2article.load(path)
        assert source.format_name == "twitter-archive" and len(source.posts) == 14


def test_zip_without_tweets_beside_other_archives(tmp_path):
    target = tmp_path / "two.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("backup/other/readme.txt", "x")
        archive.writestr("data/tweet.js", (OLD_ERA / "data" / "tweet.js").read_bytes())
        archive.writestr("data/account.js", (OLD_ERA / "data" / "account.js").read_bytes())
    assert read_archive(target).account.handle == "old_timer"


def _write_archive(folder, records, notes=()):
    data = folder / "data"
    data.mkdir(parents=True)
    (data / "account.js").write_bytes((NEW_ERA / "data" / "account.js").read_bytes())
    (data / "tweets.js").write_bytes(b"window.YTD.tweets.part0 = " + orjson.dumps(records))
    if notes:
        (data / "note-tweet.js").write_bytes(
            b"window.YTD.note_tweet.part0 = " + orjson.dumps(list(notes))
        )
    return folder


def _tweet(tweet_id, text, created, reply_to=None, **extra):
    tweet = {
        "id_str": tweet_id,
        "id": tweet_id,
        "full_text": text,
        "created_at": created,
        "entities": {},
    }
    if reply_to:
        tweet.update(in_reply_to_status_id_str=reply_to, in_reply_to_user_id_str="42424242")
    tweet.update(extra)
    return {"tweet": tweet}


def test_a_post_gets_the_same_long_form_whichever_posts_are_read(tmp_path):
    """Two posts in one second share a 60-character opening; only one has a note. Notes are
    matched over every post before any is chosen, so the thread-only read (threads, archive)
    and the full read (convert) give the thread post the same text."""
    same = "Mon Jan 01 10:00:00 +0000 2024"
    common = "This is a long opening sentence that both posts share word for word here"
    records = [
        _tweet("300", common + " and then A goes elsewhere entirely…", same),
        _tweet("200", common + " and B continues in its own way…", same),
        _tweet(
            "201",
            "and this is the second post of the thread.",
            "Mon Jan 01 10:05:00 +0000 2024",
            reply_to="200",
        ),
    ]
    note = {
        "noteTweet": {
            "noteTweetId": "9",
            "createdAt": "2024-01-01T10:00:00.000Z",
            "core": {
                "text": common + " and B continues in its own way, to the full end.",
                "urls": [],
            },
        }
    }
    archive = _write_archive(tmp_path / "archive", records, [note])
    full = {post.id: post for post in read_archive(archive).posts}
    members = {post.id: post for post in read_archive(archive, thread_posts_only=True).posts}
    assert set(members) == {"200", "201"}
    assert members["200"].text == full["200"].text
    assert sum(post.long_form for post in full.values()) == 1


def test_numeric_ids_are_read_as_strings(tmp_path):
    records = [
        _tweet("100", "First.", "Mon Jan 01 10:00:00 +0000 2024", id=100),
        _tweet(
            "101",
            "Second.",
            "Mon Jan 01 10:01:00 +0000 2024",
            reply_to="100",
            id=101,
            in_reply_to_status_id=100,
        ),
    ]
    posts = {
        post.id: post for post in read_archive(_write_archive(tmp_path / "archive", records)).posts
    }
    assert posts["101"].reply_to == "100" and isinstance(posts["101"].reply_to, str)


@pytest.mark.parametrize(
    "damage, expected",
    [
        (lambda data: data.replace("é".encode(), b"\xe9", 1), "not UTF-8 text: byte 0xe9 at line"),
        (lambda data: data.replace(b"[", b"[" * 5000 + b"[", 1), "JSON at line"),  # absurd nesting
    ],
)
def test_undecodable_tweets_js_names_file_and_position(tmp_path, damage, expected):
    records = [_tweet("100", "Café at noon.", "Mon Jan 01 10:00:00 +0000 2024")]
    archive = _write_archive(tmp_path / "archive", records)
    tweets = archive / "data" / "tweets.js"
    tweets.write_bytes(damage(tweets.read_bytes()))
    with pytest.raises(InputError) as caught:
        read_archive(archive)
    assert "tweets.js" in str(caught.value) and expected in str(caught.value)
