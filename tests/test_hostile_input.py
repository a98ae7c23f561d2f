"""Issue 12, "internal error" instead of a clear error: every bug found by the red-team run, as a
test named after it. Each input must give one InputError naming the file (and the post where
there is one), or be read; never another exception, from the library or the command."""

from __future__ import annotations

import io
import json
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hostile_archives import (
    FIRST,
    account_records,
    js,
    make_archive_folder,
    manifest,
    thread_records,
    tweet,
)

from thread2article.errors import InputError, ThreadToArticleError
from thread2article.sources.detect import load, read_values
from thread2article.sources.twitter_archive import read_archive
from thread2article.sources.x import (
    best_mp4,
    parse_date,
    post_id,
    status_id_of,
    status_parts,
    status_url,
)

sys.path.insert(0, str(Path(__file__).parent / "fuzz"))
from conftest import run_command as run_cli
from pipeline import run_source, run_values  # noqa: E402


def v2(**fields) -> dict:
    tweet = {"id": "11", "text": "hello there", "author_id": "7", **fields}
    return {"data": [tweet], "includes": {"users": [{"id": "7", "username": "a", "name": "A"}]}}


def load_json(tmp_path: Path, value, raw: bytes | None = None):
    path = tmp_path / "input.json"
    path.write_bytes(raw if raw is not None else json.dumps(value).encode())
    return load(path)


def refused(tmp_path: Path, value=None, raw: bytes | None = None, *phrases: str) -> str:
    with pytest.raises(InputError) as caught:
        load_json(tmp_path, value, raw)
    message = str(caught.value)
    assert str(tmp_path / "input.json") in message and "\n" not in message
    for phrase in phrases:
        assert phrase in message, message
    return message


# -- JSON nested ~1000 deep, integers over 4300 digits (the fallback parser) ---------------------


@pytest.mark.parametrize("depth", [1000, 1100, 5000])
def test_bug_json_nested_1000_deep_is_an_internal_error(tmp_path, depth):
    raw = b'{"data": [{"id": "1", "text": "x", "deep": ' + b"[" * depth + b"]" * depth + b"}]}"
    assert run_source(_write(tmp_path, raw)) in ("ok", "refused")
    if depth > 1024:
        refused(tmp_path, None, raw, "invalid JSON at line 1")


def test_bug_json_integer_over_4300_digits_is_an_internal_error(tmp_path):
    raw = b'{"data": [{"id": ' + b"7" * 5000 + b', "text": "x"}]}'
    refused(tmp_path, None, raw, "invalid JSON at line 1")
    lines = (
        b'{"data": [{"id": "1", "text": "x"}]}\n{"data": [{"id": 1'
        + b"0" * 5000
        + b', "text": "y"}]}\n'
    )
    refused(tmp_path, None, lines)
    result = run_cli("convert", str(_write(tmp_path, raw)))
    assert result.returncode == 2 and "internal error" not in result.stderr


def _write(tmp_path: Path, raw: bytes) -> Path:
    path = tmp_path / "input.json"
    path.write_bytes(raw)
    return path


# -- lone surrogates -----------------------------------------------------------------------------


def test_bug_lone_surrogate_fails_when_the_output_is_written(tmp_path):
    raw = json.dumps(v2(text="broken \ud800 text"), ensure_ascii=True).encode()
    assert b"\\ud800" in raw
    refused(tmp_path, None, raw, "surrogate")
    # From a library caller's values, which no JSON parser checked.
    with pytest.raises(InputError, match="surrogate"):
        read_values([v2(text="broken \ud800 text")], "values")
    with pytest.raises(InputError, match="surrogate"):
        read_values([v2(entities={"urls": [{"url": "https://t.co/\udfff"}]})], "values")


# -- fields of the wrong type ---------------------------------------------------------------------

WRONG_TYPES = [
    ("v2 url a number", v2(text="see https://t.co/a", entities={"urls": [{"url": 5}]})),
    ("v2 expanded url a list", v2(entities={"urls": [{"url": "https://t.co/a", "expanded_url": []}]})),
    ("v2 reply id an object", v2(referenced_tweets=[{"type": "replied_to", "id": {"a": 1}}])),
    ("v2 references not a list", v2(referenced_tweets="replied_to")),
    ("v2 media key a number", v2(attachments={"media_keys": [5]})),
    (
        "v2 alt text a list",
        {
            **v2(attachments={"media_keys": ["m"]}),
            "includes": {"media": [{"media_key": "m", "type": "photo", "url": "u", "alt_text": []}]},
        },
    ),
    ("v2 note text a number", v2(note_tweet={"text": 5})),
    ("v2 author id a float", v2(author_id=1.5)),
    (
        "v1 media url a number",
        [{"id_str": "7", "full_text": "x", "user": {"id_str": "2"}, "entities": {"media": [{"media_url_https": 5}]}}],
    ),
    ("v1 reply id a list", [{"id_str": "7", "full_text": "x", "user": {}, "in_reply_to_status_id_str": []}]),
    ("v1 text a number", [{"id_str": "7", "full_text": 5, "user": {}}]),
    (
        "syndication alt a dict",
        {"__typename": "Tweet", "id_str": "7", "text": "x", "user": {}, "mediaDetails": [{"ext_alt_text": {}}]},
    ),
    (
        "fxtwitter media not an object",
        {"code": 200, "status": {"id": "7", "text": "x", "author": {"screen_name": "a"}, "media": [1]}},
    ),
    (
        "native block text a number",
        {"schema": "thread2article/article", "schema_version": 1, "blocks": [{"type": "paragraph", "text": 5}]},
    ),
    (
        "native list start true",
        {"schema": "thread2article/article", "schema_version": 1, "blocks": [{"type": "list", "items": ["a"], "start": True}]},
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    "value", [value for _, value in WRONG_TYPES], ids=[n for n, _ in WRONG_TYPES]
)
def test_bug_wrong_field_types_get_past_the_readers(tmp_path, value):
    message = refused(tmp_path, value)
    assert "internal error" not in message
    assert run_values([value]) == "refused"


# -- dates out of range -------------------------------------------------------------------------

BAD_DATES = [
    "Mon Jan 01 00:00:00 +0100 0001",
    "Fri Dec 31 23:59:59 -1400 9999",
    "0001-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59-14:00",
    "yesterday",
    "2024-02-30T00:00:00Z",
]


@pytest.mark.parametrize("date", BAD_DATES)
def test_bug_dates_out_of_range_are_internal_errors(tmp_path, date):
    refused(tmp_path, v2(created_at=date), None, "post 11", "created_at")
    refused(
        tmp_path,
        [{"id_str": "7", "full_text": "x", "user": {}, "created_at": date}],
        None,
        "post 7",
    )
    with pytest.raises(ValueError):
        parse_date(date)


@pytest.mark.parametrize("stamp", [1e300, -1e300, 1e18])
def test_bug_timestamp_1e300_is_an_internal_error(tmp_path, stamp):
    status = {"id": "7", "text": "x", "author": {"screen_name": "a"}, "created_timestamp": stamp}
    refused(tmp_path, {"code": 200, "status": status}, None, "post 7", "created_timestamp")


def test_bug_archive_dates_out_of_range(tmp_path):
    root = make_archive_folder(tmp_path / "archive", media=False)
    records = thread_records()
    records[1]["tweet"]["created_at"] = "Fri Dec 31 23:59:59 -1400 9999"
    (root / "data" / "tweets.js").write_bytes(js("tweets", records))
    with pytest.raises(InputError, match=f"post {records[1]['tweet']['id_str']}"):
        read_archive(root)


def test_dates_in_range_read_exactly():
    assert parse_date("Wed Sep 04 13:51:55 +0200 2019") == datetime(
        2019, 9, 4, 11, 51, 55, tzinfo=UTC
    )
    assert parse_date("2019-09-04T13:51:55.000Z") == datetime(2019, 9, 4, 13, 51, 55, tzinfo=UTC)
    assert parse_date(None) is None and parse_date("") is None


# -- impossible ids --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad", ["²", "١٢٣", "1" * 5000, "-1", " 1", "1.5", "", 1.5, -5, 2**64, True]
)
def test_bug_impossible_post_ids(tmp_path, bad):
    refused(tmp_path, v2(id=bad))
    if isinstance(bad, str) and bad:
        refused(tmp_path, [{"id_str": bad, "full_text": "x", "user": {}}])
    with pytest.raises(ValueError):
        post_id(bad)


def test_bug_impossible_ids_in_an_archive(tmp_path):
    root = make_archive_folder(tmp_path / "archive", media=False)
    records = thread_records()
    records[0]["tweet"]["id_str"] = "²"
    (root / "data" / "tweets.js").write_bytes(js("tweets", records))
    with pytest.raises(InputError, match="id_str is not an X id: '²'") as caught:
        read_archive(root)
    # The bad id is named once, in what is wrong (not again as "post ²: ").
    assert str(caught.value).count("²") == 1


# -- v2 `meta` as a number ----------------------------------------------------------------------------


@pytest.mark.parametrize("meta", [5, "x", [1], None, True])
def test_bug_v2_meta_as_a_number_crashes_format_detection(tmp_path, meta):
    with pytest.raises(InputError):
        load_json(tmp_path, {"meta": meta})
    assert load_json(tmp_path, {"meta": {"result_count": 0}, "data": v2()["data"]}).posts


# -- encrypted or corrupt tweets.js in a zip ---------------------------------------------------------


def _zip_of(root: Path, target: Path, *, compress=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(target, "w", compress) as archive:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(root).as_posix())
    return target


def test_bug_encrypted_tweets_js_in_a_zip(tmp_path):
    root = make_archive_folder(tmp_path / "archive", media=False)
    target = _zip_of(root, tmp_path / "archive.zip")
    data = bytearray(target.read_bytes())
    # Set the "encrypted" flag of every entry (local headers and central directory alike).
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            data[start + offset] |= 1
            start += 4
    target.write_bytes(bytes(data))
    with pytest.raises(InputError, match="tweets.js"):
        read_archive(target)


def test_bug_corrupt_tweets_js_in_a_zip(tmp_path):
    root = make_archive_folder(tmp_path / "archive", media=False)
    (root / "data" / "tweets.js").write_bytes(js("tweets", thread_records() * 50))
    target = _zip_of(root, tmp_path / "archive.zip")
    data = bytearray(target.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("data/tweets.js")
    start = info.header_offset + 30 + len(info.filename) + 40
    data[start : start + 64] = bytes(64)  # zeros inside the deflated stream
    target.write_bytes(bytes(data))
    with pytest.raises(InputError, match="tweets.js"):
        read_archive(target)
    result = run_cli("threads", str(target))
    assert result.returncode == 2 and "internal error" not in result.stderr


# -- manifest.js and note-tweet.js of the wrong shape -------------------------------------------------


MANIFESTS = [
    b"window.__THAR_CONFIG = 5",
    b'window.__THAR_CONFIG = {"dataTypes": {"tweets": {"files": 5}}}',
    b'window.__THAR_CONFIG = {"dataTypes": {"tweets": {"files": [{"fileName": 5}], "mediaDirectory": [1]}}}',
    b'window.__THAR_CONFIG = {"dataTypes": [], "userInfo": {"accountId": [1]}}',
    b'window.__THAR_CONFIG = {"userInfo": {"accountId": "\xc2\xb2"}}',
    manifest(tweets_file="data/" + "a" * 300 + ".js"),
    manifest(media_directory="data/" + "m" * 300),
    b"window.__THAR_CONFIG = {",
]


@pytest.mark.parametrize("content", MANIFESTS)
def test_bug_wrongly_shaped_manifest_is_an_internal_error(tmp_path, content):
    root = make_archive_folder(tmp_path / "archive", media=False)
    (root / "data" / "manifest.js").write_bytes(content)
    source = read_archive(root)  # a manifest we cannot use is ignored
    assert {post.id for post in source.posts} >= {FIRST}


@pytest.mark.parametrize(
    "records",
    [
        5,
        [5],
        [{"noteTweet": []}],
        [{"noteTweet": {"core": [], "createdAt": "2024-02-20T10:30:00.000Z"}}],
        [{"noteTweet": {"core": {"text": 5}}}],
        [{"noteTweet": {"core": {"text": "x", "urls": [{"shortUrl": 5}]}}}],
        [{"noteTweet": {"core": {"text": "x"}, "createdAt": "9999-12-31T23:59:59-14:00"}}],
    ],
)
def test_bug_wrongly_shaped_note_tweet_js_is_an_internal_error(tmp_path, records):
    root = make_archive_folder(tmp_path / "archive", media=False)
    (root / "data" / "note-tweet.js").write_bytes(js("note_tweet", records))
    with pytest.raises(InputError, match="note-tweet.js"):
        read_archive(root)


# -- BOM and invalid UTF-8: one rule ---------------------------------------------------------------


def test_bug_bom_refused_and_invalid_utf8_replaced(tmp_path):
    raw = json.dumps(v2()).encode()
    assert load_json(tmp_path, None, b"\xef\xbb\xbf" + raw).posts  # a BOM is skipped
    refused(tmp_path, None, raw.replace(b"hello", b"hel\xfflo"), "not UTF-8", "byte 0xff", "line 1")


def test_bug_archive_reader_handles_bom_and_utf8_the_other_way(tmp_path):
    root = make_archive_folder(tmp_path / "archive", media=False)
    tweets = root / "data" / "tweets.js"
    tweets.write_bytes(b"\xef\xbb\xbf" + tweets.read_bytes())
    assert read_archive(root).posts  # the same rule: a BOM is skipped
    tweets.write_bytes(tweets.read_bytes().replace(b"first", b"fir\xffst"))
    with pytest.raises(InputError, match="not UTF-8 text: byte 0xff"):
        read_archive(root)
    account = root / "data" / "account.js"
    account.write_bytes(account.read_bytes().replace(b"owner", b"own\xfer"))
    with pytest.raises(InputError, match="account.js: not UTF-8"):
        read_archive(root)


# -- duplicate zip entries ------------------------------------------------------------------------------


def test_bug_duplicate_zip_entries_last_one_silently_wins(tmp_path):
    target = tmp_path / "archive.zip"
    with zipfile.ZipFile(target, "w") as archive, pytest.warns(UserWarning):
        archive.writestr("data/account.js", js("account", account_records()))
        archive.writestr("data/tweets.js", js("tweets", thread_records()))
        archive.writestr("data/tweets.js", js("tweets", [tweet("5", "another text")]))
    with pytest.raises(InputError, match="two entries named 'data/tweets.js'"):
        read_archive(target)


# -- the X helpers: one copy ----------------------------------------------------------------------------


def test_bug_quoted_post_url_for_an_empty_handle():
    assert status_url("", "5") == "https://x.com/i/web/status/5"
    assert status_url("jack", "5") == "https://x.com/jack/status/5"
    status = [
        {
            "id_str": "7",
            "full_text": "look",
            "user": {"screen_name": "a"},
            "quoted_status_id_str": "5",
            "quoted_status": {"id_str": "5", "full_text": "q", "user": {"screen_name": ""}},
        }
    ]
    (post,) = read_values([status], "v").posts
    assert post.quote is not None and post.quote.url == "https://x.com/i/web/status/5"


def test_status_urls_are_matched_in_any_case():
    assert status_id_of("HTTPS://Twitter.COM/Jack/Status/20") == "20"
    assert status_parts("https://x.com/jack/status/20/photo/1", whole=True) is None
    assert status_parts("https://x.com/jack/status/20?s=20", whole=True) == ("jack", "20")
    assert status_id_of("https://x.com/jack/status/²") is None


def test_best_mp4_is_one_rule():
    variants = [
        ("a.m3u8", "application/x-mpegURL", 0),
        ("low.mp4", "video/mp4", 256000),
        ("high.mp4", "video/mp4", 2176000),
        ("same.mp4", "video/mp4", 2176000),
    ]
    assert best_mp4(variants) == "high.mp4"
    assert best_mp4([("only.m3u8", "application/x-mpegURL", 9)]) == ""


# -- the library only ever raises the project's errors ----------------------------------------------


def test_library_values_with_a_cycle_are_refused_not_crashing():
    cyclic: dict = {"id": "1", "text": "x"}
    cyclic["entities"] = {"urls": [cyclic]}
    assert run_values([{"data": [cyclic]}]) == "ok"  # the cycle is in no field a reader reads
    tweet = {"__typename": "Tweet", "id_str": "7", "text": "x", "user": {}}
    tweet["parent"] = tweet  # ... here it is
    with pytest.raises(InputError, match="nested too deeply"):
        read_values([tweet], "values")


def test_library_values_nested_deeper_than_the_stack():
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(ThreadToArticleError):
        read_values([{"data": [{"id": "1", "text": "x", "entities": deep}]}], "values")


def test_a_checked_source_goes_through_every_writer():
    assert run_values([v2()]) == "ok"


@pytest.mark.parametrize("published", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-14:00", 5])
def test_bug_article_document_dates_out_of_range(tmp_path, published):
    document = {
        "schema": "thread2article/article",
        "schema_version": 1,
        "published": published,
        "blocks": [{"type": "paragraph", "text": "x"}],
    }
    refused(tmp_path, document, None, "not a valid article document")


def test_zip_of_an_unknown_version_is_refused_by_every_archive_sniff(tmp_path):
    """Found by `make fuzz`: a central directory naming zip version 7.8 made zipfile raise
    NotImplementedError in the Mastodon archive's sniff, before any X reader saw the file."""
    root = make_archive_folder(tmp_path / "archive", media=False)
    target = _zip_of(root, tmp_path / "archive.zip")
    data = bytearray(target.read_bytes())
    at = data.find(b"PK\x01\x02")
    data[at + 6] = 78  # "version needed to extract": 7.8
    target.write_bytes(bytes(data))
    assert run_source(target) == "refused"
