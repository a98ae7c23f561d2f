"""The official API path, end to end on recorded-style v2 responses served through `responses`.

Nothing here touches the network or sleeps: `sleep` and `notify` are injected.
"""

from __future__ import annotations

import json
import logging
import math
import time

import pytest
import requests
import responses
from fetch_fakes import AUTHOR, FakeXApi, SyntheticThread

import thread2article as t2a
from thread2article.errors import FetchError
from thread2article.fetch import fetch_thread, save_responses
from thread2article.fetch.api import snowflake_time

TOKEN = "AAAAAAAAAAAAAAAAAAAAAtestBearerTokenThatMustNeverLeak%3Dxyz"
DAY = 24 * 3600


@pytest.fixture(autouse=True)
def no_user_credentials(monkeypatch):
    # Tests never see the developer's real token.
    for name in ("X_BEARER_TOKEN", "TWITTER_BEARER_TOKEN"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def mock_http():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


class Recorder:
    def __init__(self) -> None:
        self.sleeps: list[float] = []
        self.messages: list[str] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def notify(self, message: str) -> None:
        self.messages.append(message)


def run(fake: FakeXApi, mock_http, post_id: str, **kwargs):
    fake.install(mock_http)
    recorder = kwargs.pop("recorder", None) or Recorder()
    result = fetch_thread(
        f"https://x.com/{AUTHOR['username']}/status/{post_id}",
        via=kwargs.pop("via", "api"),
        bearer_token=kwargs.pop("bearer_token", TOKEN),
        sleep=recorder.sleep,
        notify=recorder.notify,
        **kwargs,
    )
    return result, recorder


def primary_ids(result) -> set[str]:
    ids = set()
    for response in result.responses:
        data = response.get("data")
        for tweet in data if isinstance(data, list) else [data] if data else []:
            ids.add(tweet["id"])
    return ids


def thread_from_saved(result, tmp_path):
    path = save_responses(result, tmp_path / "thread.jsonl")
    source = t2a.load(path)
    threads = t2a.find_threads(source)
    return path, source, t2a.select_thread(threads, None)


def test_recent_25_post_thread_from_its_last_post(mock_http, tmp_path):
    thread = SyntheticThread(25, time.time() - 2 * DAY)
    fake = FakeXApi(thread, TOKEN)
    result, _ = run(fake, mock_http, thread.ids[-1])
    assert result.provider == "api"
    assert primary_ids(result) >= set(thread.ids)
    # lookup + one search page + one batch for the root (search does not return the root)
    assert result.requests == len(fake.calls) == 3
    assert result.requests <= math.ceil(25 / 100) + 3
    assert fake.calls[1].startswith("/2/tweets/search/recent")
    assert "conversation_id%3A" + thread.root_id in fake.calls[1]
    assert (
        "note_tweet" in fake.calls[0]
        and "alt_text" in fake.calls[0]
        and "referenced_tweets.id.author_id" in fake.calls[0]
    )
    assert result.warnings == []
    _, source, article_thread = thread_from_saved(result, tmp_path)
    assert article_thread.post_ids == tuple(thread.ids)
    article = t2a.reassemble(article_thread)
    markdown = t2a.render(article, "markdown", t2a.Options())
    assert "Part 1 of the thread & more words" in markdown
    assert "Part 25 of the thread" in markdown
    assert "A chart of the results" in markdown  # alt text of the photo in post 2


def test_from_the_root_costs_two_requests(mock_http):
    thread = SyntheticThread(25, time.time() - 2 * DAY)
    fake = FakeXApi(thread, TOKEN)
    result, _ = run(fake, mock_http, thread.root_id)
    assert primary_ids(result) >= set(thread.ids)
    assert result.requests == 2


def test_search_pagination_follows_next_token(mock_http, tmp_path):
    thread = SyntheticThread(25, time.time() - DAY)
    fake = FakeXApi(thread, TOKEN, page_size=10)
    result, _ = run(fake, mock_http, thread.ids[-1])
    searches = [call for call in fake.calls if "/search/" in call]
    assert len(searches) == 3
    assert "next_token=10" in searches[1] and "next_token=20" in searches[2]
    assert result.requests == 1 + 3 + 1
    _, _, article_thread = thread_from_saved(result, tmp_path)
    assert len(article_thread.posts) == 25


def test_old_thread_uses_full_archive_search_from_the_root_time(mock_http):
    thread = SyntheticThread(25, time.time() - 400 * DAY)
    fake = FakeXApi(thread, TOKEN)
    result, _ = run(fake, mock_http, thread.ids[12])
    assert primary_ids(result) >= set(thread.ids)
    search = next(call for call in fake.calls if "/search/" in call)
    assert search.startswith("/2/tweets/search/all")
    # Without start_time full-archive search covers only 30 days.
    assert "start_time=" in search
    assert result.requests == 3


def test_full_archive_403_falls_back_to_walking_reply_links(mock_http, tmp_path):
    thread = SyntheticThread(25, time.time() - 400 * DAY)
    fake = FakeXApi(thread, TOKEN, full_archive_allowed=False)
    result, _ = run(fake, mock_http, thread.ids[-1])
    assert primary_ids(result) >= set(thread.ids)
    lookups = [call for call in fake.calls if call.startswith("/2/tweets?")]
    # Each batch takes the parent and, from includes, the grandparent: two posts a round.
    assert len(lookups) == 12
    assert result.requests == 1 + 1 + 12
    assert any("not available to this token (403)" in warning for warning in result.warnings)
    assert any(
        "only the posts from the first up to the given one" in warning
        for warning in result.warnings
    )
    _, _, article_thread = thread_from_saved(result, tmp_path)
    assert len(article_thread.posts) == 25


def test_deleted_post_mid_thread_is_a_marked_gap(mock_http, tmp_path):
    thread = SyntheticThread(25, time.time() - 2 * DAY, deleted={11})
    deleted_id = thread.ids[11]
    fake = FakeXApi(thread, TOKEN)
    result, _ = run(fake, mock_http, thread.ids[-1])
    assert deleted_id not in primary_ids(result)
    assert any(deleted_id in warning and "gap" in warning for warning in result.warnings)
    assert result.requests == 3  # the deleted id rides in the root's batch
    errors = [e for r in result.responses for e in r.get("errors", [])]
    assert any(
        e.get("resource_id") == deleted_id and "Could not find tweet" in e["detail"] for e in errors
    )
    _, source, article_thread = thread_from_saved(result, tmp_path)
    assert deleted_id in source.missing
    assert len(article_thread.posts) == 24
    assert thread.ids[12] in article_thread.gaps


def test_429_waits_for_x_rate_limit_reset_on_the_fake_clock(mock_http):
    now = float(int(time.time()))
    thread = SyntheticThread(5, now - DAY)
    fake = FakeXApi(thread, TOKEN, rate_limit_first=1, now_s=now)
    started = time.monotonic()
    result, recorder = run(fake, mock_http, thread.ids[-1], clock=lambda: now)
    assert primary_ids(result) >= set(thread.ids)
    # x-rate-limit-reset is 37 s ahead: waited out, plus a second, then asked again.
    assert recorder.sleeps == [38]
    assert recorder.messages[0].startswith("rate-limited by api.twitter.com, waiting 38 s (until ")
    assert result.requests == 3 + 1  # the refused request counts too
    assert time.monotonic() - started < 5  # nothing really slept


def test_429_under_no_wait_stops_with_a_clear_message(mock_http):
    thread = SyntheticThread(5, time.time() - DAY)
    fake = FakeXApi(thread, TOKEN, rate_limit_first=1)
    with pytest.raises(FetchError) as caught:
        run(fake, mock_http, thread.ids[-1], no_wait=True)
    message = str(caught.value)
    assert "rate limit" in message and "--no-wait" in message and "resets at" in message
    assert TOKEN not in message


@pytest.mark.parametrize("reset", ["inf", "1e400", "soon", "-1e300"])
@pytest.mark.parametrize("no_wait", [True, False])
def test_a_hostile_x_rate_limit_reset_never_reaches_tweepy(mock_http, reset, no_wait):
    # tweepy reads the header with int(): `inf` raised ValueError past our errors. The policy
    # now answers every 429 below tweepy; an unusable reset counts as absent (60 s).
    thread = SyntheticThread(3, time.time() - DAY)
    fake = FakeXApi(thread, TOKEN, rate_limit_first=1, rate_limit_reset=reset)
    if no_wait:
        with pytest.raises(FetchError, match=r"rate limiting requests \(HTTP 429") as caught:
            run(fake, mock_http, thread.ids[-1], no_wait=True)
        assert "\n" not in str(caught.value)
        return
    result, recorder = run(fake, mock_http, thread.ids[-1])
    assert primary_ids(result) >= set(thread.ids)
    assert recorder.sleeps == ([1] if reset == "-1e300" else [60])


def test_server_errors_give_up_after_four_tries_with_one_line(mock_http):
    thread = SyntheticThread(5, time.time() - DAY)
    fake = FakeXApi(thread, TOKEN, server_errors_first=100)
    with pytest.raises(FetchError) as caught:
        run(fake, mock_http, thread.ids[-1])
    message = str(caught.value)
    # The post is named once, at the start (not again as the request's name).
    assert message == (
        f"post {thread.ids[-1]}: api.twitter.com kept failing (HTTP 503) after 4 tries; "
        "try again later"
    )
    assert "\n" not in message and TOKEN not in message
    assert len(fake.calls) == 4


def test_refused_token_says_what_to_do_and_never_shows_the_token(mock_http):
    thread = SyntheticThread(3, time.time() - DAY)
    fake = FakeXApi(thread, "the-right-token")
    with pytest.raises(FetchError) as caught:
        run(fake, mock_http, thread.ids[-1])
    message = str(caught.value)
    assert "401" in message and "X_BEARER_TOKEN" in message and "--via fxtwitter" in message
    assert TOKEN not in message and "\n" not in message


def test_unknown_post_is_one_line_naming_the_post(mock_http):
    thread = SyntheticThread(3, time.time() - DAY)
    fake = FakeXApi(thread, TOKEN)
    with pytest.raises(FetchError) as caught:
        run(fake, mock_http, "1234567890123456789")
    assert "post 1234567890123456789" in str(caught.value) and "no such post" in str(caught.value)


def test_protected_post_is_explained(mock_http):
    body = {
        "errors": [
            {
                "value": "1234567890123456789",
                "detail": "Sorry, you are not authorized to see the Tweet with id: [1234567890123456789].",
                "title": "Authorization Error",
                "resource_type": "tweet",
                "parameter": "id",
                "resource_id": "1234567890123456789",
                "type": "https://api.twitter.com/2/problems/not-authorized-for-resource",
            }
        ]
    }
    mock_http.add(responses.GET, "https://api.twitter.com/2/tweets/1234567890123456789", json=body)
    with pytest.raises(FetchError) as caught:
        fetch_thread("1234567890123456789", via="api", bearer_token=TOKEN, sleep=lambda s: None)
    assert "protected" in str(caught.value)


def test_no_network_is_one_line(mock_http):
    mock_http.add(
        responses.GET, "https://api.twitter.com/2/tweets/20", body=requests.ConnectionError("down")
    )
    with pytest.raises(FetchError) as caught:
        fetch_thread("20", via="api", bearer_token=TOKEN, sleep=lambda s: None)
    assert "cannot reach api.twitter.com" in str(caught.value)
    assert "HTTPS_PROXY" in str(caught.value)


def test_token_never_reaches_logs_files_or_errors(mock_http, tmp_path, caplog):
    thread = SyntheticThread(6, time.time() - DAY)
    fake = FakeXApi(thread, TOKEN, rate_limit_first=1)
    with caplog.at_level(logging.DEBUG, logger="tweepy.client"):
        result, recorder = run(fake, mock_http, thread.ids[-1])
    # tweepy logs its request headers at DEBUG: the token must have been blanked there.
    assert "Authorization" in caplog.text and "[redacted]" in caplog.text
    assert TOKEN not in caplog.text
    path = save_responses(result, tmp_path / "saved.jsonl")
    saved = path.read_text(encoding="utf-8")
    assert TOKEN not in saved and "Bearer" not in saved
    assert TOKEN not in " ".join(recorder.messages) + " ".join(result.warnings)
    assert fake.bad_auth == 0  # the token was sent, in the header only


def test_token_from_the_environment_selects_the_api(mock_http, monkeypatch):
    monkeypatch.setenv("TWITTER_BEARER_TOKEN", TOKEN)
    thread = SyntheticThread(3, time.time() - DAY)
    fake = FakeXApi(thread, TOKEN)
    fake.install(mock_http)
    result = fetch_thread(thread.ids[-1], sleep=lambda s: None)
    assert result.provider == "api"
    assert primary_ids(result) >= set(thread.ids)


def test_via_api_without_a_token_says_how_to_get_one():
    with pytest.raises(FetchError) as caught:
        fetch_thread("20", via="api")
    assert "X_BEARER_TOKEN" in str(caught.value)


def test_saved_lines_are_the_responses_as_received_plus_a_tag(mock_http, tmp_path):
    thread = SyntheticThread(4, time.time() - DAY)
    fake = FakeXApi(thread, TOKEN)
    result, _ = run(fake, mock_http, thread.ids[-1])
    path = save_responses(result, tmp_path / "out" / "thread.jsonl")
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(result.responses) == result.requests
    for line in lines:
        tag = line.pop("__thread2article")
        assert tag["provider"] == "api" and tag["endpoint"].startswith("tweets")
        assert "data" in line or "errors" in line or "meta" in line


def test_snowflake_time_reads_the_creation_time_from_an_id():
    # 1641895049427550208 was created 2023-03-31T20:07:39Z (syndication sample created_at).
    moment = snowflake_time("1641895049427550208")
    assert moment is not None and moment.isoformat().startswith("2023-03-31T20:07:39")
    assert snowflake_time("20") is None


def test_auto_falls_back_to_fxtwitter_when_the_api_refuses(mock_http):
    from fetch_fakes import FixtureServer

    thread = SyntheticThread(3, time.time() - DAY)
    FakeXApi(thread, "a-token-with-no-read-access").install(mock_http)
    server = FixtureServer(
        {
            "api.fxtwitter.com/2/thread/1900000000000000002": "fxtwitter/2_thread_1900000000000000002.json"
        }
    )
    result = fetch_thread(
        "1900000000000000002", bearer_token=TOKEN, client=server.client(), sleep=lambda s: None
    )
    assert result.provider == "fxtwitter"
    assert result.requests == 2  # the refused API lookup, then FxTwitter
    assert result.warnings[0].startswith("the X API failed") and "401" in result.warnings[0]
    assert TOKEN not in " ".join(result.warnings)


def test_auto_does_not_fall_back_for_a_post_that_does_not_exist(mock_http):
    from fetch_fakes import FixtureServer

    thread = SyntheticThread(3, time.time() - DAY)
    FakeXApi(thread, TOKEN).install(mock_http)
    server = FixtureServer({})
    with pytest.raises(FetchError, match="no such post"):
        fetch_thread(
            "1234567890123456789", bearer_token=TOKEN, client=server.client(), sleep=lambda s: None
        )
    assert server.requests == []
