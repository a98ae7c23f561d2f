"""Fetching a Bluesky thread live from the public AppView, with the network replaced by
httpx.MockTransport: a fake AppView with the real endpoints' depth/parentHeight semantics
(bluesky_fakes.py) and the recorded getPostThread answer of fixtures/bluesky/."""

from __future__ import annotations

import json

import httpx
import pytest
from bluesky_fakes import WES, FakeAppView, FakePost, thread_chain
from conftest import FIXTURES
from typer.testing import CliRunner

import thread2article as t2a
from thread2article.cli import app
from thread2article.errors import FetchError, InputError
from thread2article.fetch import fetch_thread
from thread2article.fetch.bluesky import (
    DEPTH,
    PARENT_HEIGHT,
    fetch_thread_bluesky,
    is_bluesky_ref,
    parse_bluesky_ref,
)
from thread2article.fetch.http import PostUnavailable, RequestLog
from thread2article.fetch.http import build_client as real_build_client
from thread2article.fetch.retry import RetryPolicy
from thread2article.sources.detect import read_values

HANDLE = WES["handle"]
DID = WES["did"]


def url(rkey: str, actor: str = HANDLE) -> str:
    return f"https://bsky.app/profile/{actor}/post/{rkey}"


def no_sleep(seconds: float) -> None:
    pass


def methods(server: FakeAppView) -> list[str]:
    return [request.url.path.rsplit("/", 1)[-1] for request in server.requests]


# --- naming a post ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "actor", "rkey"),
    [
        (
            "https://bsky.app/profile/weswalla.bsky.social/post/3l4wd2aares2z",
            HANDLE,
            "3l4wd2aares2z",
        ),
        (
            "bsky.app/profile/@Weswalla.bsky.social/post/3l4wd2aares2z?ref=x",
            HANDLE,
            "3l4wd2aares2z",
        ),
        (f"https://bsky.app/profile/{DID}/post/3l4wd2aares2z", DID, "3l4wd2aares2z"),
        ("https://bsky.app/profile/did%3Aplc%3Aabc/post/3kx", "did:plc:abc", "3kx"),
        (f"at://{DID}/app.bsky.feed.post/3l4wd2aares2z", DID, "3l4wd2aares2z"),
        (f"at://{HANDLE}/app.bsky.feed.post/3l4wd2aares2z", HANDLE, "3l4wd2aares2z"),
    ],
)
def test_post_urls_and_at_uris(text: str, actor: str, rkey: str) -> None:
    assert is_bluesky_ref(text)
    ref = parse_bluesky_ref(text)
    assert (ref.actor, ref.rkey) == (actor, rkey)


@pytest.mark.parametrize(
    "text",
    [
        "https://bsky.app/profile/weswalla.bsky.social",
        "https://bsky.app/profile/weswalla.bsky.social/feed/science",
        f"at://{DID}/app.bsky.feed.like/3kx",
        "https://bsky.app/profile/not a handle/post/3kx",
    ],
)
def test_not_a_post_is_one_line(text: str) -> None:
    with pytest.raises(InputError):
        parse_bluesky_ref(text)


def test_x_urls_are_not_bluesky() -> None:
    assert not is_bluesky_ref("https://x.com/user/status/1501196583303573504")
    assert not is_bluesky_ref("1501196583303573504")


# --- requests --------------------------------------------------------------------------------


def test_a_25_post_thread_from_a_handle_url_costs_two_requests() -> None:
    posts = thread_chain(25)
    server = FakeAppView(posts)
    result = fetch_thread(url(posts[0].rkey), client=server.client(), sleep=no_sleep)
    assert result.provider == "bluesky" and result.requests == 2
    assert methods(server) == ["com.atproto.identity.resolveHandle", "app.bsky.feed.getPostThread"]
    query = dict(server.requests[1].url.params)
    assert query == {
        "uri": f"at://{DID}/app.bsky.feed.post/{posts[0].rkey}",
        "depth": str(DEPTH),
        "parentHeight": str(PARENT_HEIGHT),
    }
    thread = t2a.select_thread(
        t2a.find_threads(read_values(result.responses, "live")), result.post_id
    )
    assert thread.post_ids == tuple(post.rkey for post in posts)
    assert thread.platform == "bluesky"


def test_a_did_url_needs_no_handle_lookup() -> None:
    posts = thread_chain(25)
    server = FakeAppView(posts)
    result = fetch_thread(url(posts[0].rkey, DID), client=server.client(), sleep=no_sleep)
    assert result.requests == 1 and methods(server) == ["app.bsky.feed.getPostThread"]


def test_from_the_middle_of_a_thread_the_parents_reach_the_root() -> None:
    posts = thread_chain(25)
    server = FakeAppView(posts)
    result = fetch_thread(url(posts[17].rkey), client=server.client(), sleep=no_sleep)
    # resolveHandle, the post with its parents, then the tree from the thread's first post.
    assert result.requests == 3
    again = dict(server.requests[2].url.params)
    assert again["uri"].endswith(posts[0].rkey) and again["parentHeight"] == "0"
    thread = t2a.select_thread(
        t2a.find_threads(read_values(result.responses, "live")), result.post_id
    )
    assert thread.root.id == posts[0].rkey and len(thread.posts) == 25


def test_any_post_of_a_forked_thread_gives_the_same_article() -> None:
    posts = thread_chain(6)
    side = FakePost("3lsidebranch1", "a later aside", parent=posts[1].rkey, root=posts[0].rkey)
    side.created = posts[5].created.replace(hour=23)
    server = FakeAppView([*posts, side])

    def article(link: str) -> dict:
        result = fetch_thread(link, client=server.client(), sleep=no_sleep)
        source = read_values(result.responses, "live")
        thread = t2a.select_thread(t2a.find_threads(source), result.post_id)
        assert any("3lsidebranch1" in warning for warning in thread.warnings)
        return t2a.reassemble(thread).to_dict()

    assert article(url(posts[4].rkey)) == article(url(posts[0].rkey))
    with pytest.raises(t2a.ThreadSelectionError, match="side branch"):
        article(url(side.rkey))


def test_a_thread_deeper_than_one_answer_is_asked_again_from_where_it_was_cut() -> None:
    posts = thread_chain(DEPTH + 31)
    server = FakeAppView(posts)
    result = fetch_thread(url(posts[0].rkey, DID), client=server.client(), sleep=no_sleep)
    assert result.requests == 2
    again = dict(server.requests[1].url.params)
    assert again["uri"].endswith(posts[DEPTH].rkey) and again["parentHeight"] == "0"
    thread = t2a.select_thread(
        t2a.find_threads(read_values(result.responses, "live")), result.post_id
    )
    assert len(thread.posts) == DEPTH + 31 and not thread.gaps


def test_the_recorded_answer_converts() -> None:
    recorded = json.loads(
        (FIXTURES / "bluesky" / "marshalx-thread-view-post-with-embed-media.json").read_text()
    )

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.host == "public.api.bsky.app"
        return httpx.Response(200, json=recorded)

    client = httpx.Client(transport=httpx.MockTransport(handler))
    result = fetch_thread(
        "https://bsky.app/profile/did:plc:kvwvcn5iqfooopmyzvb4qzba/post/3kaheyt6vpc22",
        client=client,
    )
    tag = result.responses[0]["__thread2article"]
    assert tag["provider"] == "bluesky" and tag["endpoint"] == "app.bsky.feed.getPostThread"
    article = t2a.reassemble(
        t2a.select_thread(t2a.find_threads(read_values(result.responses, "x")))
    )
    assert [block.type for block in article.blocks] == ["image", "quote"]


# --- errors ----------------------------------------------------------------------------------


def test_no_such_post() -> None:
    server = FakeAppView(thread_chain(2))
    with pytest.raises(PostUnavailable, match=r"post 3lnothere: no such post"):
        fetch_thread(url("3lnothere"), client=server.client(), sleep=no_sleep)


def test_no_such_handle() -> None:
    server = FakeAppView(thread_chain(2))
    with pytest.raises(PostUnavailable, match="no Bluesky account has the handle @nobody.example"):
        fetch_thread(url("3lx", "nobody.example"), client=server.client(), sleep=no_sleep)


@pytest.mark.parametrize(
    ("thread", "message"),
    [
        (
            {"$type": "app.bsky.feed.defs#blockedPost", "uri": "at://d/p/3lx", "blocked": True},
            "blocked",
        ),
        (
            {"$type": "app.bsky.feed.defs#notFoundPost", "uri": "at://d/p/3lx", "notFound": True},
            "no such post",
        ),
    ],
)
def test_blocked_and_deleted_answers(thread: dict, message: str) -> None:
    server = FakeAppView(thread_chain(2))
    server.override["app.bsky.feed.getPostThread"] = httpx.Response(200, json={"thread": thread})
    with pytest.raises(PostUnavailable, match=message):
        fetch_thread(url("3lx", DID), client=server.client(), sleep=no_sleep)


def test_signed_in_only_account() -> None:
    server = FakeAppView(thread_chain(2))
    server.override["app.bsky.feed.getPostThread"] = httpx.Response(
        401, json={"error": "AuthRequired", "message": "Authentication Required"}
    )
    with pytest.raises(PostUnavailable, match="signed-in users only"):
        fetch_thread(url("3lx", DID), client=server.client(), sleep=no_sleep)


NOW = 1_800_000_000.0  # the fake clock: 2027-01-15 08:00:00 UTC


def test_a_429_waits_for_ratelimit_reset_on_the_fake_clock() -> None:
    posts = thread_chain(3)
    server = FakeAppView(posts)
    limited = httpx.Response(
        429, headers={"ratelimit-reset": str(int(NOW) + 30)}, json={"error": "RateLimitExceeded"}
    )
    answers = iter([limited])

    def handler(request: httpx.Request) -> httpx.Response:
        return next(answers, None) or server(request)

    slept: list[float] = []
    lines: list[str] = []
    result = fetch_thread(
        url(posts[0].rkey, DID),
        client=httpx.Client(transport=httpx.MockTransport(handler)),
        sleep=slept.append,
        notify=lines.append,
        clock=lambda: NOW,
    )
    # The reset is 30 s away: wait it out (plus a second), then ask again.
    assert slept == [31] and result.requests == 2
    assert lines == ["rate-limited by public.api.bsky.app, waiting 31 s (until 08:00:31 UTC)"]
    assert len(result.responses) == 1


@pytest.mark.parametrize("reset", ["inf", "nan", "1e400", "1e300", "-1e300"])
def test_absurd_rate_limit_reset_is_one_clear_error(reset: str) -> None:
    # Review finding: `int(reset - now)` raised OverflowError past the readers on `inf`, and a
    # date computed from 1e300 overflowed; a hostile AppView gets one FetchError line instead.
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(429, headers={"ratelimit-reset": reset}, json={})

    with pytest.raises(FetchError, match=r"rate limiting .* resets at") as caught:
        fetch_thread_bluesky(
            url("3lx", DID),
            httpx.Client(transport=httpx.MockTransport(handler)),
            log=RequestLog(),
            policy=RetryPolicy(no_wait=True, sleep=no_sleep, clock=lambda: NOW),
        )
    assert "\n" not in str(caught.value)


def test_a_5xx_gives_up_after_four_tries_with_one_line() -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(502, text="bad gateway")

    client = httpx.Client(transport=httpx.MockTransport(handler))
    slept: list[float] = []
    with pytest.raises(FetchError) as caught:
        fetch_thread(url("3lx", DID), client=client, sleep=slept.append)
    assert str(caught.value).startswith(
        "post 3lx: public.api.bsky.app kept failing (HTTP 502) after 4 tries"
    )
    assert len(calls) == 4 and slept == [1, 2, 4]


def test_no_network_is_one_line() -> None:
    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(FetchError, match=r"cannot reach public.api.bsky.app \(ConnectError"):
        fetch_thread(url("3lx", DID), client=httpx.Client(transport=httpx.MockTransport(refused)))


def test_x_providers_are_refused_for_a_bluesky_post() -> None:
    with pytest.raises(FetchError, match="--via fxtwitter is for X posts"):
        fetch_thread(url("3lx", DID), via="fxtwitter")


# --- through the command line ------------------------------------------------------------------


@pytest.fixture
def appview(monkeypatch):
    for name in ("X_BEARER_TOKEN", "TWITTER_BEARER_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    posts = thread_chain(4)
    posts[1].text = "It’s a link — see example.com/long/path..."
    posts[1].facets = [
        {
            "features": [
                {
                    "$type": "app.bsky.richtext.facet#link",
                    "uri": "https://example.com/long/path/whole",
                }
            ],
            "index": {
                "byteStart": posts[1].text.encode().index(b"example.com"),
                "byteEnd": len(posts[1].text.encode()),
            },
        }
    ]
    posts.append(FakePost("3lsidebranch1", "a side note", parent=posts[1].rkey, root=posts[0].rkey))
    posts[-1].created = posts[3].created.replace(minute=59)
    server = FakeAppView(posts)
    # Injected as the command line's context object, as `client=` is for library callers.
    with real_build_client(transport=httpx.MockTransport(server)) as client:
        yield server, posts, client


def test_fetch_then_convert_offline_gives_the_same_article(appview, tmp_path) -> None:
    server, posts, client = appview
    saved = tmp_path / "thread.jsonl"
    link = url(posts[0].rkey)
    fetched = CliRunner().invoke(app, ["fetch", link, "-o", str(saved)], obj=client)
    assert fetched.exit_code == 0, fetched.output
    assert "fetched through bluesky in 2 requests" in fetched.stderr
    lines = [json.loads(line) for line in saved.read_text(encoding="utf-8").splitlines()]
    assert [line["__thread2article"]["endpoint"] for line in lines] == [
        "com.atproto.identity.resolveHandle",
        "app.bsky.feed.getPostThread",
    ]
    for fmt in ("markdown", "html", "json"):
        live = CliRunner().invoke(app, ["convert", link, "-f", fmt], obj=client)
        offline = CliRunner().invoke(app, ["convert", str(saved), "-f", fmt], obj=client)
        assert live.exit_code == 0 and offline.exit_code == 0, live.output + offline.output
        assert offline.stdout == live.stdout
    assert "https://example.com/long/path/whole" in live.stdout
    assert "side branch 3lsidebranch1" in offline.stderr


def test_convert_at_uri_through_the_command_line(appview) -> None:
    server, posts, client = appview
    result = CliRunner().invoke(
        app, ["convert", f"at://{DID}/app.bsky.feed.post/{posts[0].rkey}"], obj=client
    )
    assert result.exit_code == 0, result.output
    assert "fetched through bluesky in 1 request" in result.stderr
    assert "Originally posted as a thread on Bluesky" in result.stdout


def test_a_missing_post_through_the_command_line_is_one_line(appview) -> None:
    result = CliRunner().invoke(app, ["convert", url("3lnothere")], obj=appview[2])
    assert result.exit_code == 5
    assert result.stderr.count("\n") == 1 and "no such post" in result.stderr
