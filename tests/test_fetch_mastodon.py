"""Live Mastodon fetch through httpx.MockTransport: the fake instances of mastodon_fakes.py answer
as Mastodon does for visitors who are not signed in. Nothing here touches the network."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from conftest import FIXTURES
from mastodon_fakes import FakeInstance, Network, account
from typer.testing import CliRunner

import thread2article as t2a
from thread2article.cli import app
from thread2article.errors import FetchError
from thread2article.fetch import fetch_thread, parse_post_ref, save_responses
from thread2article.fetch.http import build_client as real_build_client
from thread2article.fetch.mastodon import MastodonRef, mastodon_ref

HOST = "scicomm.example"
AUTHOR = account(HOST, "109384772103340012", "ines", "Ines Okafor")


def no_sleep(seconds: float) -> None:
    pass


def thread_of(result, tmp_path) -> t2a.Thread:
    source = t2a.load(save_responses(result, tmp_path / f"saved-{result.post_id}.jsonl"))
    return t2a.select_thread(t2a.find_threads(source), result.post_id)


# --- URLs -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://mastodon.social/@halcy/110446983926957470", ("mastodon.social", "110446983926957470")),
        ("https://mastodon.social/@halcy@icosahedron.website/110446223051565765", ("mastodon.social", "110446223051565765")),
        ("https://mastodon.social/users/halcy/statuses/110446983926957470", ("mastodon.social", "110446983926957470")),
        ("https://mastodon.social/users/halcy/statuses/110446983926957470/activity", ("mastodon.social", "110446983926957470")),
        ("https://mastodon.social/web/statuses/110446983926957470", ("mastodon.social", "110446983926957470")),
        ("https://mastodon.social/web/@halcy/110446983926957470", ("mastodon.social", "110446983926957470")),
        ("https://mastodon.social/@halcy/110446983926957470/embed", ("mastodon.social", "110446983926957470")),
        ("mastodon.social/@halcy/110446983926957470", ("mastodon.social", "110446983926957470")),
        ("https://Social.Example:8443/@a/1", ("social.example:8443", "1")),
        ("https://gts.example/@ada/statuses/01HQ8ZJ1S7W3XGQK4V7B3M2N5P", ("gts.example", "01HQ8ZJ1S7W3XGQK4V7B3M2N5P")),
        ("https://akkoma.example/notice/AbCdEf0123456789xy", ("akkoma.example", "AbCdEf0123456789xy")),
    ],
)  # fmt: skip
def test_mastodon_status_urls(url, expected) -> None:
    assert mastodon_ref(url) == MastodonRef(*expected)


@pytest.mark.parametrize(
    "url",
    [
        "https://x.com/someone/status/1501196583303573504",
        "https://twitter.com/someone/statuses/1501196583303573504",
        "https://nitter.net/someone/status/1501196583303573504",
        "https://nitter.example.org/someone/status/1501196583303573504",
        "https://x.com/@someone/1501196583303573504",
        "1501196583303573504",
        "https://mastodon.social/@halcy",
        "https://mastodon.social/tags/python",
        "https://bsky.app/profile/someone.bsky.social/post/3l4wd2aares2z",
        "https://www.threads.net/@someone/post/C1a2b3c4d5e",
        "https://medium.com/@someone/a-story-title-3f2a1b9c8d7e",
    ],
)
def test_x_and_other_urls_are_not_taken_for_mastodon(url) -> None:
    assert mastodon_ref(url) is None


def test_nitter_style_links_stay_x() -> None:
    assert parse_post_ref("https://nitter.example.org/someone/status/1501196583303573504").id == (
        "1501196583303573504"
    )


# --- request counts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "position", "requests"),
    [
        (
            25,
            0,
            4,
        ),  # from the first post: status, context (20 levels: posts 2-21), context of 21, instance
        (25, 24, 3),  # from the last: status, context (24 ancestors), instance
        (25, 12, 3),  # from the middle: 12 ancestors, 12 descendants
        (20, 0, 3),  # 19 levels below the first post: nothing can be cut
        (21, 0, 4),  # exactly 20 levels: the last post's context must be asked to be sure
        (41, 0, 5),
        (60, 59, 4),  # 59 ancestors: 40, then the context of the 20th post for the rest
    ],
)
def test_requests_a_thread_costs(size, position, requests, tmp_path) -> None:
    instance = FakeInstance(HOST, size, AUTHOR)
    network = Network(instance)
    post_id = instance.thread_ids[position]
    result = fetch_thread(
        f"https://{HOST}/@ines/{post_id}", client=network.client(), sleep=no_sleep
    )
    assert result.provider == "mastodon"
    assert result.requests == requests == len(network.requests)
    thread = thread_of(result, tmp_path)
    assert thread.post_ids == tuple(instance.thread_ids)
    assert thread.platform == "mastodon"


def test_other_accounts_replies_filling_the_context_cost_more_requests(tmp_path) -> None:
    # Three replies by someone else under each post: 60 descendants end at post 16.
    instance = FakeInstance(HOST, 25, AUTHOR, stranger_replies=3)
    network = Network(instance)
    result = fetch_thread(
        f"https://{HOST}/@ines/{instance.thread_ids[0]}", client=network.client(), sleep=no_sleep
    )
    thread = thread_of(result, tmp_path)
    assert thread.post_ids == tuple(instance.thread_ids)
    assert result.requests == len(network.requests) == 4
    assert all("reader" not in post.author.handle for post in thread.posts)


def test_the_instance_limit_is_the_threads_post_limit(tmp_path) -> None:
    instance = FakeInstance(HOST, 3, AUTHOR, max_characters=1000)
    result = fetch_thread(
        f"https://{HOST}/@ines/{instance.thread_ids[0]}",
        client=Network(instance).client(),
        sleep=no_sleep,
    )
    assert thread_of(result, tmp_path).post_limit == 1000


def test_without_instance_information_the_limit_is_mastodons_default(tmp_path) -> None:
    instance = FakeInstance(HOST, 3, AUTHOR)
    instance.overrides["/api/v2/instance"] = [(404, {"error": "Not Found"}, {})]
    result = fetch_thread(
        f"https://{HOST}/@ines/{instance.thread_ids[0]}",
        client=Network(instance).client(),
        sleep=no_sleep,
    )
    thread = thread_of(result, tmp_path)
    assert thread.post_limit == 500
    assert len(thread.posts) == 3


def test_a_deleted_post_cuts_the_conversation_mastodon_returns(tmp_path) -> None:
    # Mastodon walks replies by their parent: a deleted post hides the posts below it from the
    # root's context, and the posts above it from the last post's. What can be read is read, and
    # the cut is a visible gap, never a silent end.
    instance = FakeInstance(HOST, 6, AUTHOR, deleted={3})
    network = Network(instance)
    from_root = fetch_thread(
        f"https://{HOST}/@ines/{instance.thread_ids[0]}", client=network.client(), sleep=no_sleep
    )
    assert thread_of(from_root, tmp_path).post_ids == tuple(instance.thread_ids[:3])
    from_last = fetch_thread(
        f"https://{HOST}/@ines/{instance.thread_ids[5]}", client=network.client(), sleep=no_sleep
    )
    thread = thread_of(from_last, tmp_path)
    assert thread.post_ids == tuple(instance.thread_ids[4:])
    assert [gap.missing_id for gap in thread.gaps.values()] == [instance.thread_ids[3]]
    assert from_last.requests == 4  # status, context, the missing parent (404), instance
    assert any(instance.thread_ids[3] in warning for warning in from_last.warnings)
    markdown = t2a.render(t2a.reassemble(thread), "markdown")
    assert "missing (deleted, private or never there)" in markdown


# --- the author's own instance ----------------------------------------------------------------


def remote_pair(size: int = 4) -> tuple[FakeInstance, FakeInstance]:
    origin = FakeInstance(HOST, size, AUTHOR)
    seen_as = account(HOST, "23972", "ines", "Ines Okafor", remote_on="mastodon.social")
    # mastodon.social knows the posts under ids of its own, and only the first two of them.
    local = FakeInstance(
        "mastodon.social", size, seen_as, origin=HOST, origin_ids=origin.thread_ids
    )
    for status_id in local.thread_ids[2:]:
        del local.statuses[status_id]
    return origin, local


def test_a_remote_authors_thread_is_read_from_their_own_instance(tmp_path) -> None:
    origin, local = remote_pair()
    network = Network(origin, local)
    url = f"https://mastodon.social/@ines@{HOST}/{local.thread_ids[0]}"
    result = fetch_thread(url, client=network.client(), sleep=no_sleep)
    thread = thread_of(result, tmp_path)
    assert thread.post_ids == tuple(origin.thread_ids)  # all four, not the two mastodon.social has
    assert result.post_id == origin.thread_ids[0]
    assert result.requests == 4  # the status on mastodon.social, then status, context, instance
    assert thread.author.handle == f"ines@{HOST}"
    assert not result.warnings


def test_an_unreachable_origin_falls_back_to_the_instance_given(tmp_path) -> None:
    _, local = remote_pair()
    result = fetch_thread(
        f"https://mastodon.social/@ines@{HOST}/{local.thread_ids[0]}",
        client=Network(local).client(),
        sleep=no_sleep,
    )
    assert any("author's own instance could not be read" in w for w in result.warnings)
    assert any(f"cannot reach {HOST}" in w for w in result.warnings)
    assert thread_of(result, tmp_path).post_ids == tuple(local.thread_ids[:2])


def test_an_origin_that_does_not_speak_mastodons_api_is_named(tmp_path) -> None:
    _, local = remote_pair()
    for status in local.statuses.values():
        status["uri"] = f"https://{HOST}/objects/{status['id']}"  # Pleroma-style ids
    result = fetch_thread(
        f"https://mastodon.social/@ines@{HOST}/{local.thread_ids[0]}",
        client=Network(local).client(),
        sleep=no_sleep,
    )
    assert any("does not speak Mastodon's API" in w for w in result.warnings)


# --- errors -----------------------------------------------------------------------------------


def fetch_error(instance: FakeInstance, **kwargs) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch_thread(
            f"https://{instance.host}/@ines/{instance.thread_ids[0]}",
            client=Network(instance).client(),
            sleep=no_sleep,
            **kwargs,
        )
    return caught.value


def test_no_such_post() -> None:
    error = fetch_error(FakeInstance(HOST, 1, AUTHOR, deleted={0}))
    assert "no such post on scicomm.example" in str(error)
    assert error.exit_code == 5 and "\n" not in str(error)


@pytest.mark.parametrize(
    ("code", "body", "words"),
    [
        (401, {"error": "This API requires an authenticated user"}, "not signed in"),
        (403, {"error": "This action is not allowed"}, "not signed in"),
        (410, {"error": "Gone"}, "was deleted"),
        (200, None, "did not answer as a Mastodon instance"),
        (502, {"error": "Bad gateway"}, "HTTP 502"),
    ],
)
def test_refusals_are_one_line(code, body, words) -> None:
    instance = FakeInstance(HOST, 2, AUTHOR)
    instance.overrides[f"/api/v1/statuses/{instance.thread_ids[0]}"] = [(code, body, {})]
    error = fetch_error(instance)
    assert words in str(error)
    assert instance.thread_ids[0] in str(error)
    assert "\n" not in str(error)


def test_an_unreachable_instance() -> None:
    with pytest.raises(FetchError, match=r"cannot reach nowhere.example \(ConnectError"):
        fetch_thread(
            "https://nowhere.example/@ines/1",
            client=Network().client(),
            sleep=no_sleep,
        )


NOW = 1_800_000_000.0  # the fake clock: 2027-01-15 08:00:00 UTC


def test_a_429_waits_for_x_ratelimit_reset_on_the_fake_clock(tmp_path) -> None:
    instance = FakeInstance(HOST, 3, AUTHOR)
    path = f"/api/v1/statuses/{instance.thread_ids[0]}/context"
    # Mastodon's reset is an ISO 8601 time: 42 s after the fake clock's now.
    reset = "2027-01-15T08:00:42.000Z"
    instance.overrides[path] = [(429, {"error": "Too many requests"}, {"X-RateLimit-Reset": reset})]
    slept: list[float] = []
    notes: list[str] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        instance.overrides.pop(path)  # the limit has reset

    result = fetch_thread(
        f"https://{HOST}/@ines/{instance.thread_ids[0]}",
        client=Network(instance).client(),
        sleep=sleep,
        notify=notes.append,
        clock=lambda: NOW,
    )
    assert slept == [43]
    assert notes == [f"rate-limited by {HOST}, waiting 43 s (until 08:00:43 UTC)"]
    assert len(thread_of(result, tmp_path).posts) == 3


def test_a_5xx_gives_up_after_four_tries_with_one_line() -> None:
    instance = FakeInstance(HOST, 3, AUTHOR)
    instance.overrides[f"/api/v1/statuses/{instance.thread_ids[0]}"] = [
        (503, {"error": "Service Unavailable"}, {})
    ]
    slept: list[float] = []
    with pytest.raises(FetchError) as caught:
        fetch_thread(
            f"https://{HOST}/@ines/{instance.thread_ids[0]}",
            client=Network(instance).client(),
            sleep=slept.append,
        )
    message = str(caught.value)
    assert f"{HOST} kept failing (HTTP 503) after 4 tries" in message and "\n" not in message
    assert message.startswith(f"post {instance.thread_ids[0]}: ")
    assert len(instance.requests) == 4 and slept == [1, 2, 4]


def test_a_rate_limit_under_no_wait_stops_with_its_reset() -> None:
    instance = FakeInstance(HOST, 3, AUTHOR)
    reset = (datetime.now(UTC) + timedelta(seconds=120)).isoformat().replace("+00:00", "Z")
    instance.overrides[f"/api/v1/statuses/{instance.thread_ids[0]}"] = [
        (429, {"error": "Too many requests"}, {"X-RateLimit-Reset": reset})
    ]
    error = fetch_error(instance, no_wait=True)
    assert "rate limiting" in str(error) and "HTTP 429" in str(error)


@pytest.mark.parametrize(
    "headers",
    [
        {"Retry-After": "inf"},
        {"Retry-After": "1e308"},
        {"X-RateLimit-Reset": "1e400"},
        {"X-RateLimit-Reset": "nan"},
        {"X-RateLimit-Reset": "9999-12-31T23:59:59Z"},
    ],
)
@pytest.mark.parametrize("no_wait", [True, False])
def test_an_absurd_rate_limit_reset_is_the_usual_message(headers, no_wait) -> None:
    # `inf` and `1e400` parse as floats: `int()` of them raised OverflowError to the caller.
    instance = FakeInstance(HOST, 3, AUTHOR)
    instance.overrides[f"/api/v1/statuses/{instance.thread_ids[0]}"] = [
        (429, {"error": "Too many requests"}, headers)
    ]
    error = fetch_error(instance, no_wait=no_wait)
    assert "rate limiting" in str(error) and "HTTP 429" in str(error)
    assert "\n" not in str(error)


def test_an_origin_on_a_port_of_its_own_keeps_it() -> None:
    from thread2article.fetch.mastodon import _origin

    status = {
        "account": {"acct": "ines@scicomm.example"},
        "uri": "https://scicomm.example:8443/users/ines/statuses/110",
    }
    origin = _origin(status, "mastodon.social")
    assert origin is not None and origin.host == "scicomm.example:8443"
    assert _origin(status, "scicomm.example:8443") is None  # already there


def test_via_is_for_x_posts() -> None:
    with pytest.raises(FetchError, match="--via fxtwitter is for X posts"):
        fetch_thread(f"https://{HOST}/@ines/1", via="fxtwitter", client=Network().client())


# --- saved answers and the CLI ----------------------------------------------------------------


def test_saved_answers_carry_the_tag_and_the_instance(tmp_path) -> None:
    instance = FakeInstance(HOST, 3, AUTHOR)
    result = fetch_thread(
        f"https://{HOST}/@ines/{instance.thread_ids[0]}",
        client=Network(instance).client(),
        sleep=no_sleep,
    )
    lines = save_responses(result, tmp_path / "t.jsonl").read_text().splitlines()
    tags = [json.loads(line)["__thread2article"] for line in lines]
    assert [tag["endpoint"] for tag in tags] == ["statuses/:id", "statuses/:id/context", "instance"]
    assert {tag["provider"] for tag in tags} == {"mastodon"}
    assert {tag["instance"] for tag in tags} == {HOST}


@pytest.fixture
def offline():
    instance = FakeInstance(HOST, 25, AUTHOR)
    network = Network(instance)
    # The shared builder (proxies, CA bundle, time-outs) over the fake network, injected as the
    # command line's context object, as `client=` is for library callers.
    with real_build_client(transport=httpx.MockTransport(network)) as client:
        yield instance, network, client


def test_fetch_then_convert_offline_gives_the_live_article(offline, tmp_path) -> None:
    instance, network, client = offline
    url = f"https://{HOST}/@ines/{instance.thread_ids[0]}"
    runner = CliRunner()
    live = runner.invoke(app, ["convert", url], obj=client)
    assert live.exit_code == 0, live.output
    assert "fetched through mastodon in 4 requests" in live.stderr
    assert "Originally posted as a thread on Mastodon by" in live.stdout
    saved = tmp_path / "thread.jsonl"
    fetched = runner.invoke(app, ["fetch", url, "-o", str(saved)], obj=client)
    assert fetched.exit_code == 0, fetched.output
    before = len(network.requests)
    offline_article = runner.invoke(app, ["convert", str(saved)], obj=client)
    assert offline_article.exit_code == 0, offline_article.output
    assert offline_article.stdout == live.stdout
    assert len(network.requests) == before  # converting the file sent nothing
    for fmt in ("html", "json"):
        assert (
            runner.invoke(app, ["convert", url, "-f", fmt], obj=client).stdout
            == runner.invoke(app, ["convert", str(saved), "-f", fmt], obj=client).stdout
        )


def test_cli_failure_is_one_line_and_exit_5(offline) -> None:
    instance, _, client = offline
    result = CliRunner().invoke(app, ["convert", f"https://{HOST}/@ines/42"], obj=client)
    assert result.exit_code == 5
    assert result.stderr.count("\n") == 1
    assert "no such post on scicomm.example" in result.stderr


# --- recorded answers -------------------------------------------------------------------------

REAL = FIXTURES / "mastodon" / "realdata"


def test_recorded_answers_of_mastodon_social(tmp_path) -> None:
    # The recorded mastodon.social answer for a remote post (icosahedron.website), with the
    # rate-limit headers mastodon.social sent; the origin answers with the recorded 404 body.
    status = (
        REAL / "Mastodon.py_test_entity_status.0.v1_statuses_110446223051565765.body.json"
    ).read_bytes()
    missing = (REAL / "Mastodon.py_test_status_missing.0.v1_statuses_0.body.json").read_bytes()
    headers = {
        "content-type": "application/json; charset=utf-8",
        "x-ratelimit-limit": "300",
        "x-ratelimit-remaining": "294",
        "x-ratelimit-reset": "2026-04-11T23:15:00.996774Z",
    }
    seen: list[str] = []

    def recorded(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        path = request.url.path
        if request.url.host == "mastodon.social" and path == "/api/v1/statuses/110446223051565765":
            return httpx.Response(200, content=status, headers=headers)
        if path.endswith("/context"):
            return httpx.Response(200, json={"ancestors": [], "descendants": []}, headers=headers)
        return httpx.Response(404, content=missing, headers=headers)

    result = fetch_thread(
        "https://mastodon.social/@halcy@icosahedron.website/110446223051565765",
        client=real_build_client(transport=httpx.MockTransport(recorded)),
        sleep=no_sleep,
    )
    assert seen == [
        "https://mastodon.social/api/v1/statuses/110446223051565765",
        "https://icosahedron.website/api/v1/statuses/110446222386355655",
        "https://mastodon.social/api/v1/statuses/110446223051565765/context",
        "https://mastodon.social/api/v2/instance",
    ]
    assert result.requests == 4
    assert any("no such post on icosahedron.website" in w for w in result.warnings)
    thread = thread_of(result, tmp_path)
    assert thread.post_limit == 500  # the instance answer was a 404: Mastodon's default
    markdown = t2a.render(t2a.reassemble(thread), "markdown")
    assert "**Content warning:** test post for mastodon.py stuff" in markdown
    assert "a furry cube breakdancing" in markdown
