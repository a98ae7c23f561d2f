"""Readers of saved API JSON (v2, twarc2 JSONL, v1.1) and format detection, on real samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, shared_sample

import thread2article as t2a
from thread2article.errors import InputError, UnknownFormatError
from thread2article.sources import twitter_v1, twitter_v2
from thread2article.sources.detect import read_values


def test_v2_page_with_branching_thread_keeps_string_ids_and_context() -> None:
    source = t2a.load(FIXTURES / "sensemakers-branching" / "input.json")
    assert len(source.posts) == 10
    assert all(isinstance(post.id, str) and post.id.isdigit() for post in source.posts)
    quoted = {post.id for post in source.context}
    assert "1795069204418175459" in quoted
    first = next(post for post in source.posts if post.id == "1798791421152911644")
    assert first.quote is not None and first.quote.author.handle == "sense_nets_bot"
    assert first.quote_short == "https://t.co/Xvg4gOdJ8H"


def test_twarc_jsonl_dedupes_the_post_repeated_in_includes() -> None:
    source = t2a.load(FIXTURES / "twarc-many-urls" / "input.jsonl")
    ids = [post.id for post in source.posts]
    assert len(ids) == len(set(ids))
    assert "1610692575752601600" in ids
    assert "1610692575752601600" not in {post.id for post in source.context}
    reply = next(post for post in source.posts if post.id == "1610692575752601600")
    assert reply.reply_to == "1610623087061471232" and reply.reply_to_user == reply.author.id
    # unwound_url wins over the t.co and over expanded_url
    assert any(link.expanded.startswith("https://uiadrian.gumroad.com/") for link in reply.links)


def test_v2_media_alt_text_and_media_link() -> None:
    source = t2a.load(shared_sample("twitter-v2/twarc-csv_edited_before.jsonl"))
    media = [item for post in source.posts for item in post.media]
    assert media and media[0].alt == "selfie of me with memoji"
    post = next(post for post in source.posts if post.media)
    assert media[0].short and media[0].short in post.text


def test_v2_retweet_is_marked_and_never_a_thread_post() -> None:
    source = t2a.load(shared_sample("twitter-v2/twarc-csv_two_tweets.jsonl"))
    retweets = [post for post in source.posts if post.is_repost]
    assert retweets and retweets[0].text.startswith("RT @")
    threads = t2a.find_threads(source)
    assert all(post.id != retweets[0].id for thread in threads for post in thread.posts)


def test_v2_errors_name_the_missing_post() -> None:
    source = t2a.load(shared_sample("twitter-v2/twarc-csv_withheld_lines1and3.jsonl"))
    assert source.missing
    assert all(reason for reason in source.missing.values())


def test_v2_surrogate_escaped_emoji_are_joined() -> None:
    source = t2a.load(shared_sample("twitter-v2/tweepy_test_client_get_tweets.body.json"))
    assert any("\U0001f941" in post.text for post in source.posts)


def test_v2_note_tweet_text_replaces_the_truncated_text() -> None:
    response = {
        "data": {
            "id": "5",
            "text": "The start of a long post that X cut at 280 characters…",
            "author_id": "1",
            "note_tweet": {
                "text": "The start of a long post that X cut at 280 characters and the rest of it, with a link https://t.co/long00001",
                "entities": {
                    "urls": [
                        {
                            "url": "https://t.co/long00001",
                            "expanded_url": "https://example.org/long",
                        }
                    ]
                },
            },
        },
        "includes": {"users": [{"id": "1", "username": "long", "name": "Long Writer"}]},
    }
    source = read_values([response], "note.json")
    post = source.posts[0]
    assert post.long_form and post.text.endswith("https://t.co/long00001")
    assert post.links[0].expanded == "https://example.org/long"
    article = t2a.reassemble(t2a.select_thread(t2a.find_threads(source), None))
    assert "https://example.org/long" in article.blocks[0].text


def test_v2_data_as_object_array_and_list_of_responses() -> None:
    tweet = {"id": "7", "text": "hello", "author_id": "1"}
    for value in ({"data": tweet}, {"data": [tweet]}, [{"data": [tweet]}, {"data": [tweet]}]):
        assert twitter_v2.sniff(value)
        assert [post.id for post in twitter_v2.read(value).posts] == ["7"]


def test_v1_extended_statuses_keep_exact_ids_and_quotes() -> None:
    data = json.loads(shared_sample("twitter-v1/twitter-to-sqlite_tests_tweets.json").read_text())
    assert twitter_v1.sniff(data)
    source = twitter_v1.read(data, "tweets.json")
    ids = {post.id for post in source.posts}
    # The numeric id lost precision in the file; the exact id_str is used.
    assert "1169246717864136705" in ids
    assert any(post.is_repost for post in source.posts)
    quoting = [post for post in source.posts if post.quote]
    assert quoting and quoting[0].quote.text and quoting[0].quote_short


def test_v1_compat_truncation_is_warned_about() -> None:
    cassette = json.loads(shared_sample("twitter-v1/tweepy_testlisttimeline.json").read_text())
    body = json.loads(cassette["interactions"][0]["response"]["body"]["string"])
    source = twitter_v1.read(body, "list.json")
    assert any("cut short" in warning for warning in source.warnings)


def test_v1_timeline_chain_with_absent_parent_opens_with_a_gap() -> None:
    source = t2a.load(FIXTURES / "twitter-v1-chain" / "input.json")
    thread = t2a.select_thread(t2a.find_threads(source), None)
    assert thread.post_ids == ("1341161853343334401", "1341161857931874304", "1341161863103488003")
    assert thread.gaps["1341161853343334401"].missing_id == "1341069743487381504"


def test_v1_search_shape() -> None:
    status = {"id_str": "9", "text": "hi", "user": {"id_str": "1", "screen_name": "a"}}
    assert twitter_v1.sniff({"statuses": [status], "search_metadata": {}})


@pytest.mark.parametrize(
    "content, message",
    [
        (b'{"data": [', "invalid JSON at line 1, column 11"),
        (b'{"a": 1}\n{"b": ', "invalid JSON Lines at line 2"),
        (b'{"hello": "world"}', "unknown shape; accepted:"),
        (b"   ", "the file is empty"),
        (b'{"data": []}', "holds no posts"),
    ],
)
def test_bad_input_gets_one_clear_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(InputError) as raised:
        t2a.load(path)
    text = str(raised.value)
    assert message in text and str(path) in text and "\n" not in text


def test_missing_file_and_plain_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        t2a.load(tmp_path / "nothing.json")
    with pytest.raises(UnknownFormatError, match="not an X archive"):
        t2a.load(tmp_path)


def test_the_article_document_round_trips(tmp_path: Path) -> None:
    source = t2a.load(FIXTURES / "north-2022-03-08" / "input.json")
    article = t2a.reassemble(t2a.select_thread(t2a.find_threads(source), None))
    path = tmp_path / "article.json"
    path.write_text(t2a.render(article, "json"), encoding="utf-8")
    again = t2a.load(path).article
    assert again is not None and again.to_dict() == article.to_dict()
    assert t2a.render(again, "markdown") == t2a.render(article, "markdown")


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.json"
    path.write_text(json.dumps({"schema": "thread2article/article", "schema_version": 99}))
    with pytest.raises(InputError, match="newer"):
        t2a.load(path)


@pytest.mark.parametrize(
    "change, message",
    [
        ({"schema_version": "1"}, "schema_version must be a whole number"),
        ({"title": None}, "title must be a string"),
        ({"blocks": [{"type": "paragraph", "text": 5}]}, "paragraph block's text must be a string"),
        ({"blocks": [{"type": "image", "src": "x", "onerror": "y"}]}, "has no field 'onerror'"),
        ({"blocks": [{"type": "video!"}]}, "unknown block type"),
        ({"author": "me"}, "author must be an object"),
    ],
)
def test_a_malformed_article_document_is_one_clear_line(
    tmp_path: Path, change: dict, message: str
) -> None:
    document = {"schema": "thread2article/article", "schema_version": 1, "title": "T", "blocks": []}
    document.update(change)
    path = tmp_path / "article.json"
    path.write_text(json.dumps(document))
    with pytest.raises(InputError) as raised:
        t2a.load(path)
    assert message in str(raised.value) and str(path) in str(raised.value)


@pytest.mark.parametrize(
    "value, post",
    [
        ({"data": {"id": "1", "text": "hi", "entities": {"urls": "x"}}}, "post 1"),
        ({"data": {"id": "1", "text": "hi", "created_at": 5}}, "post 1"),
        (
            {
                "data": {"id": "1", "text": "hi", "author_id": "2"},
                "includes": {"users": [{"id": "2", "name": 5}]},
            },
            "post 1",
        ),
        ([{"id_str": "7", "text": "hi", "user": {"id_str": "2", "screen_name": 5}}], "post 7"),
        ({"data": {"id": "1", "text": "hi", "attachments": {"media_keys": 5}}}, "post 1"),
    ],
)
def test_a_wrong_value_inside_a_record_names_the_file_and_the_post(
    tmp_path: Path, value, post: str
) -> None:
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(value))
    with pytest.raises(InputError) as raised:
        t2a.load(path)
    message = str(raised.value)
    assert str(path) in message and post in message and "unexpected value" in message
