"""Key-free providers (FxTwitter, syndication), the HTTP client, saving and media downloads,
all through `httpx.MockTransport` serving files from fixtures/fetch/."""

from __future__ import annotations

import json
import shutil
import ssl
import subprocess

import httpx
import pytest
from fetch_fakes import FIXTURES as FIXTURES_DIR
from fetch_fakes import FixtureServer

import thread2article as t2a
from thread2article.errors import FetchError, OutputError
from thread2article.fetch import download_media, fetch_thread, save_responses, syndication_token
from thread2article.fetch.http import USER_AGENT, build_client, ca_verify_from_env
from thread2article.fetch.media import download_file_name
from thread2article.fetch.retry import RetryPolicy

FX = "api.fxtwitter.com/2"
SYND = "cdn.syndication.twimg.com/tweet-result"


@pytest.fixture(autouse=True)
def no_user_credentials(monkeypatch):
    for name in ("X_BEARER_TOKEN", "TWITTER_BEARER_TOKEN"):
        monkeypatch.delenv(name, raising=False)


def no_sleep(seconds: float) -> None:
    pass


def syndication_routes(*ids: str) -> dict[str, str]:
    return {f"{SYND}?id={i}": f"syndication/tweet-result_{i}.json" for i in ids}


# --- FxTwitter -------------------------------------------------------------------------------


def test_fxtwitter_thread_in_one_request(tmp_path):
    server = FixtureServer(
        {f"{FX}/thread/1900000000000000002": "fxtwitter/2_thread_1900000000000000002.json"}
    )
    result = fetch_thread(
        "https://fxtwitter.com/fxwriter/status/1900000000000000002",
        client=server.client(),
        sleep=no_sleep,
    )
    assert result.provider == "fxtwitter"
    assert result.requests == 1 and len(server.requests) == 1
    assert (
        server.requests[0].headers["user-agent"] == USER_AGENT
    )  # FxTwitter answers 401 without one
    assert "thread2article" in USER_AGENT
    path = save_responses(result, tmp_path / "fx.jsonl")
    source = t2a.load(path)
    thread = t2a.select_thread(t2a.find_threads(source), None)
    assert thread.post_ids == ("1900000000000000001", "1900000000000000002", "1900000000000000003")
    markdown = t2a.render(t2a.reassemble(thread), "markdown", t2a.Options())
    assert (
        "Fragments & markers" in markdown
    )  # FxTwitter text is already unescaped: not double-unescaped
    assert "A tangle of reply arrows" in markdown
    assert "https://example.com/article" in markdown
    assert "change my mind" in markdown  # the quote
    assert "high.mp4" in markdown  # best mp4 of the video


def test_fxtwitter_tombstone_mid_thread_is_a_gap(tmp_path):
    server = FixtureServer(
        {f"{FX}/thread/1900000000000000013": "fxtwitter/2_thread_1900000000000000013.json"}
    )
    result = fetch_thread(
        "1900000000000000013", via="fxtwitter", client=server.client(), sleep=no_sleep
    )
    assert any("1900000000000000012" in w and "deleted" in w for w in result.warnings)
    source = t2a.load(save_responses(result, tmp_path / "fx.jsonl"))
    assert source.missing.get("1900000000000000012") == "deleted"
    thread = t2a.select_thread(t2a.find_threads(source), None)
    assert thread.post_ids == ("1900000000000000011", "1900000000000000013")
    assert "1900000000000000013" in thread.gaps


def test_fxtwitter_without_an_unrolled_thread_walks_up():
    server = FixtureServer(
        {
            f"{FX}/thread/1900000000000000023": "fxtwitter/2_thread_1900000000000000023.json",
            f"{FX}/status/1900000000000000022": "fxtwitter/2_status_1900000000000000022.json",
            f"{FX}/status/1900000000000000021": "fxtwitter/2_status_1900000000000000021.json",
        }
    )
    result = fetch_thread(
        "1900000000000000023", via="fxtwitter", client=server.client(), sleep=no_sleep
    )
    assert result.requests == 3
    assert [str(r.url.path) for r in server.requests][1:] == [
        "/2/status/1900000000000000022",
        "/2/status/1900000000000000021",
    ]


def test_fxtwitter_not_found_is_final_in_auto_mode():
    server = FixtureServer(
        {f"{FX}/thread/1900000000000000099": "fxtwitter/2_thread_1900000000000000099.json"}
    )
    with pytest.raises(FetchError) as caught:
        fetch_thread("1900000000000000099", client=server.client(), sleep=no_sleep)
    assert "no such post" in str(caught.value) and "1900000000000000099" in str(caught.value)
    assert (
        len(server.requests) == 1
    )  # no pointless syndication attempt for a post that does not exist


def test_auto_falls_back_to_syndication_when_fxtwitter_fails():
    routes = syndication_routes("1910000000000000001", "1910000000000000002", "1910000000000000003")
    routes[f"{FX}/thread/1910000000000000003"] = (502, {"code": 502, "message": "API_FAIL"})
    server = FixtureServer(routes)
    result = fetch_thread(
        "https://x.com/syndwriter/status/1910000000000000003",
        client=server.client(),
        sleep=no_sleep,
    )
    assert result.provider == "syndication"
    assert result.warnings[0].startswith("FxTwitter failed")
    # 4 tries at FxTwitter (3 retries of the 502) + 3 syndication posts
    assert result.requests == 4 + 3


def test_fxtwitter_401_without_user_agent_is_explained():
    server = FixtureServer(
        {f"{FX}/thread/20": (401, {"code": 401, "message": "Please set a User-Agent header"})}
    )
    with pytest.raises(FetchError) as caught:
        fetch_thread("20", via="fxtwitter", client=server.client(), sleep=no_sleep)
    assert "User-Agent" in str(caught.value)


# --- syndication -----------------------------------------------------------------------------


def test_syndication_walks_up_by_parent_one_request_a_post(tmp_path):
    server = FixtureServer(
        syndication_routes("1910000000000000001", "1910000000000000002", "1910000000000000003")
    )
    result = fetch_thread(
        "1910000000000000003", via="syndication", client=server.client(), sleep=no_sleep
    )
    assert result.requests == 3
    ids = [r.url.params["id"] for r in server.requests]
    assert ids == ["1910000000000000003", "1910000000000000002", "1910000000000000001"]
    assert all(
        r.url.params["token"] == syndication_token(r.url.params["id"]) for r in server.requests
    )
    assert any("cannot see replies below" in w for w in result.warnings)
    path = save_responses(result, tmp_path / "synd.jsonl")
    source = t2a.load(path)
    thread = t2a.select_thread(t2a.find_threads(source), None)
    assert thread.post_ids == ("1910000000000000001", "1910000000000000002", "1910000000000000003")
    markdown = t2a.render(t2a.reassemble(thread), "markdown", t2a.Options())
    assert "Syndication threads & their limits" in markdown
    assert "https://example.org/why" in markdown


def test_syndication_deleted_parent_stops_the_walk_and_is_marked(tmp_path):
    routes = syndication_routes("1910000000000000103")
    routes[f"{SYND}?id=1910000000000000102"] = "syndication/tweet-result_tombstone.json"
    server = FixtureServer(routes)
    result = fetch_thread(
        "1910000000000000103", via="syndication", client=server.client(), sleep=no_sleep
    )
    assert result.requests == 2
    assert any("1910000000000000102" in w for w in result.warnings)
    source = t2a.load(save_responses(result, tmp_path / "synd.jsonl"))
    assert "1910000000000000102" in source.missing


def test_syndication_unknown_post_is_one_line():
    server = FixtureServer({})
    with pytest.raises(FetchError) as caught:
        fetch_thread(
            "1910000000000000555", via="syndication", client=server.client(), sleep=no_sleep
        )
    assert "no such post" in str(caught.value) and "\n" not in str(caught.value)


# Tokens computed by running react-tweet's formula in Node:
# ((Number(id) / 1e15) * Math.PI).toString(36).replace(/(0+|\.)/g, '')
NODE_TOKENS = {
    "20": "6dq1a2xwd93",
    "1": "bhi2ay3f28n",
    "123456789": "ng9m4sqe3h",
    "1629262255744503809": "3y6h7x4gn61",
    "1641895049427550208": "3za5ye2w3ov",
    "1641086480675225601": "3z7miaszni8",
    "1790000000000000000": "4c7g8auqyik",
    "9223372036854775807": "mcw2svce2ao",
}


@pytest.mark.parametrize(("post_id", "token"), sorted(NODE_TOKENS.items()))
def test_syndication_token_matches_javascript(post_id, token):
    assert syndication_token(post_id) == token


def test_syndication_token_matches_node_on_many_ids():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the fixed table above still checks the formula")
    import random

    rng = random.Random(4)
    ids = [str(rng.randrange(1, 2**63)) for _ in range(300)] + [
        str(rng.randrange(10**17, 2 * 10**18)) for _ in range(300)
    ]
    script = "for (const id of process.argv.slice(1)) console.log(((Number(id) / 1e15) * Math.PI).toString(36).replace(/(0+|\\.)/g, ''))"
    output = subprocess.run(
        [node, "-e", script, *ids], capture_output=True, text=True, check=True
    ).stdout.split()
    assert [syndication_token(i) for i in ids] == output


# --- the client ------------------------------------------------------------------------------


def test_client_has_timeouts_user_agent_and_trusts_the_environment():
    client = build_client()
    try:
        assert client.timeout.read is not None and client.timeout.connect is not None
        assert client.headers["user-agent"] == USER_AGENT
        assert client.trust_env is True
    finally:
        client.close()


def test_requests_ca_bundle_is_honoured(monkeypatch, tmp_path):
    import certifi

    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", certifi.where())
    verify = ca_verify_from_env()
    assert isinstance(verify, ssl.SSLContext)
    monkeypatch.delenv("REQUESTS_CA_BUNDLE")
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    assert ca_verify_from_env() is True  # httpx then reads SSL_CERT_FILE itself


def test_https_proxy_is_honoured(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.invalid:3128")
    client = build_client()
    try:
        proxied = [key for key in client._mounts if key.pattern.startswith("https")]
        assert proxied, "HTTPS_PROXY should mount a proxy transport for https://"
    finally:
        client.close()


NOW = 1_800_000_000.0  # the fake clock: 2027-01-15 08:00:00 UTC


def limited_once(route: str, headers: dict[str, str]):
    """A route that answers 429 once, with `headers`, then the fixture file."""
    answers = [httpx.Response(429, headers=headers, json={"code": 429})]

    def answer(request: httpx.Request) -> httpx.Response:
        if answers:
            return answers.pop()
        return httpx.Response(
            200,
            content=(FIXTURES_DIR / route).read_bytes(),
            headers={"content-type": "application/json"},
        )

    return answer


@pytest.mark.parametrize(
    ("via", "post_id", "routes"),
    [
        (
            "fxtwitter",
            "1900000000000000002",
            {
                f"{FX}/thread/1900000000000000002": limited_once(
                    "fxtwitter/2_thread_1900000000000000002.json", {"Retry-After": "20"}
                )
            },
        ),
        (
            "syndication",
            "1910000000000000001",
            {
                f"{SYND}?id=1910000000000000001": limited_once(
                    "syndication/tweet-result_1910000000000000001.json",
                    {"Retry-After": "Fri, 15 Jan 2027 08:00:20 GMT"},
                )
            },
        ),
    ],
)
def test_a_429_is_waited_out_on_the_fake_clock(via, post_id, routes):
    server = FixtureServer(routes)
    sleeps: list[float] = []
    notes: list[str] = []
    result = fetch_thread(
        post_id,
        via=via,
        client=server.client(),
        sleep=sleeps.append,
        notify=notes.append,
        clock=lambda: NOW,
    )
    assert result.provider == via and result.requests == 2
    assert sleeps == [21]  # Retry-After (seconds or an HTTP date) plus a second
    host = "api.fxtwitter.com" if via == "fxtwitter" else "cdn.syndication.twimg.com"
    assert notes == [f"rate-limited by {host}, waiting 21 s (until 08:00:21 UTC)"]


@pytest.mark.parametrize(
    ("via", "host"),
    [("fxtwitter", "api.fxtwitter.com"), ("syndication", "cdn.syndication.twimg.com")],
)
def test_a_5xx_gives_up_after_four_tries_with_one_line(via, host):
    server = FixtureServer(
        {f"{FX}/thread/20": (503, {"code": 503}), f"{SYND}?id=20": (503, {"code": 503})}
    )
    sleeps: list[float] = []
    with pytest.raises(FetchError) as caught:
        fetch_thread("20", via=via, client=server.client(), sleep=sleeps.append)
    message = str(caught.value)
    assert f"{host} kept failing (HTTP 503) after 4 tries" in message and "\n" not in message
    assert message.startswith("post 20: ")
    assert len(server.requests) == 4 and sleeps == [1, 2, 4]


def test_no_network_is_one_line_for_httpx():
    def refused(request):
        raise httpx.ConnectError("connection refused", request=request)

    server = FixtureServer({f"{FX}/thread/20": refused, f"{SYND}?id=20": refused})
    with pytest.raises(FetchError) as caught:
        fetch_thread("20", client=server.client(), sleep=no_sleep)
    assert "cannot reach cdn.syndication.twimg.com (ConnectError" in str(caught.value)


# --- media -----------------------------------------------------------------------------------


def media_server(pages: dict[str, httpx.Response]) -> httpx.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        return pages.get(str(request.url), httpx.Response(404))

    return httpx.Client(transport=httpx.MockTransport(handler))


def test_download_media_checks_type_and_size_and_names_safely(tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 100
    pages = {
        "https://pbs.twimg.com/media/Abc.jpg": httpx.Response(
            200, content=b"jpegdata", headers={"content-type": "image/jpeg"}
        ),
        "https://pbs.twimg.com/media/Def?format=png&name=large": httpx.Response(
            200, content=png, headers={"content-type": "image/png"}
        ),
        "https://evil.example/etc/passwd": httpx.Response(
            200, content=b"root:x", headers={"content-type": "text/plain"}
        ),
        "https://pbs.twimg.com/media/Huge.jpg": httpx.Response(
            200, content=b"x" * 2048, headers={"content-type": "image/jpeg"}
        ),
        "https://pbs.twimg.com/media/Gone.jpg": httpx.Response(404),
    }
    warnings: list[str] = []
    saved = download_media(
        list(pages), tmp_path / "media", media_server(pages), max_bytes=1024, warnings=warnings
    )
    assert set(saved) == {
        "https://pbs.twimg.com/media/Abc.jpg",
        "https://pbs.twimg.com/media/Def?format=png&name=large",
    }
    for _url, relative in saved.items():
        assert relative.startswith("media/")
        file = tmp_path / relative
        assert file.parent == tmp_path / "media" and file.exists()
    assert saved["https://pbs.twimg.com/media/Def?format=png&name=large"].endswith(".png")
    assert (tmp_path / saved["https://pbs.twimg.com/media/Abc.jpg"]).read_bytes() == b"jpegdata"
    assert len(warnings) == 3
    assert any("not an image" in w for w in warnings)
    assert any("larger than" in w for w in warnings)
    assert not list((tmp_path / "media").glob("*.part"))
    assert len(list((tmp_path / "media").iterdir())) == 2


@pytest.mark.parametrize(
    "url",
    [
        "https://x/../../a.jpg",
        "https://x/a%2F..%2Fb.jpg",
        "https://x/",
        "https://x/.hidden",
        "https://x/con:name.jpg",
    ],
)
def test_safe_file_names_stay_inside_the_folder(url):
    name = download_file_name(url, "image/jpeg")
    assert (
        "/" not in name
        and "\\" not in name
        and not name.startswith(".")
        and ".." not in name.split("-")[0]
    )


def test_saved_fxtwitter_lines_keep_the_body_as_received(tmp_path):
    server = FixtureServer(
        {f"{FX}/thread/1900000000000000002": "fxtwitter/2_thread_1900000000000000002.json"}
    )
    result = fetch_thread(
        "1900000000000000002", via="fxtwitter", client=server.client(), sleep=no_sleep
    )
    line = json.loads(save_responses(result, tmp_path / "a.jsonl").read_text(encoding="utf-8"))
    tag = line.pop("__thread2article")
    assert tag == {**tag, "provider": "fxtwitter", "id": "1900000000000000002"}
    from fetch_fakes import FIXTURES

    assert line == json.loads(
        (FIXTURES / "fxtwitter/2_thread_1900000000000000002.json").read_text(encoding="utf-8")
    )


def test_syndication_25_post_thread_costs_one_request_a_post(tmp_path):
    template = json.loads(
        (FIXTURES_DIR / "syndication/tweet-result_1910000000000000002.json").read_text(
            encoding="utf-8"
        )
    )
    ids = [str(1910000000000001000 + i) for i in range(25)]

    def answer(request: httpx.Request) -> httpx.Response:
        position = ids.index(request.url.params["id"])
        body = json.loads(json.dumps(template))
        body.update(
            {"id_str": ids[position], "text": f"Part {position + 1} of a long syndication thread"}
        )
        body.pop("parent", None)
        if position:
            body["in_reply_to_status_id_str"] = ids[position - 1]
        else:
            for key in (
                "in_reply_to_status_id_str",
                "in_reply_to_user_id_str",
                "in_reply_to_screen_name",
            ):
                body.pop(key)
        return httpx.Response(200, json=body)

    server = FixtureServer({SYND: answer})
    result = fetch_thread(ids[-1], via="syndication", client=server.client(), sleep=no_sleep)
    assert result.requests == 25
    thread = t2a.select_thread(
        t2a.find_threads(t2a.load(save_responses(result, tmp_path / "s.jsonl"))), None
    )
    assert thread.post_ids == tuple(ids)


# --- the waiting flags, through the command line ---------------------------------------------


@pytest.fixture
def rate_limited():
    """Every key-free request answers 429 with the Retry-After the test sets; the client is
    injected as the command line's context object."""
    from typer.testing import CliRunner

    from thread2article.cli import app

    retry_after = {"value": "30"}

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(429, headers={"Retry-After": retry_after["value"]}, json={})

    with build_client(transport=httpx.MockTransport(answer)) as client:

        def invoke(seconds: str, *args: str):
            retry_after["value"] = seconds
            return CliRunner().invoke(app, list(args), obj=client)

        yield invoke


def test_no_wait_stops_on_a_rate_limit_with_its_reset(rate_limited, tmp_path):
    saved = tmp_path / "thread.jsonl"
    result = rate_limited("30", "fetch", "20", "-o", str(saved), "--via", "fxtwitter", "--no-wait")
    assert result.exit_code == 5 and result.stderr.count("\n") == 1
    assert "api.fxtwitter.com is rate limiting requests (HTTP 429" in result.stderr
    assert "(in 31 s); run again then, or drop --no-wait" in result.stderr
    assert not saved.exists()


def test_a_reset_past_the_longest_wait_names_the_flag_that_allows_it(rate_limited):
    result = rate_limited("7200", "convert", "20", "--via", "fxtwitter")
    assert result.exit_code == 5 and result.stderr.count("\n") == 1
    assert "later than this run waits (15 min)" in result.stderr
    assert "allow the wait with --max-wait 7201" in result.stderr


def test_max_wait_reaches_the_policy(rate_limited):
    result = rate_limited("0", "convert", "20", "--via", "syndication", "--max-wait", "0")
    assert result.exit_code == 5
    assert "cdn.syndication.twimg.com is rate limiting" in result.stderr
    assert "later than this run waits (0 s)" in result.stderr
    refused = rate_limited("0", "convert", "20", "--max-wait", "-1")
    assert refused.exit_code == 2  # a usage error, as typer reports one


def test_media_downloads_go_through_the_one_retry_policy(tmp_path):
    """A 503 is tried again and the image saved; a rate limit whose reset is past the media's
    longest wait is a warning at once, and the article keeps the remote URL (fetch/media.py)."""
    tries = {"flaky": 0}

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/flaky.jpg":
            tries["flaky"] += 1
            if tries["flaky"] < 3:
                return httpx.Response(503)
            return httpx.Response(200, content=b"jpeg", headers={"content-type": "image/jpeg"})
        return httpx.Response(429, headers={"Retry-After": "3600"})

    slept: list[float] = []
    policy = RetryPolicy(max_wait=60.0, sleep=slept.append, clock=lambda: 1_000_000.0)
    warnings: list[str] = []
    urls = ["https://pbs.example/flaky.jpg", "https://pbs.example/limited.jpg"]
    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        saved = download_media(urls, tmp_path / "media", client, warnings=warnings, policy=policy)
    assert list(saved) == ["https://pbs.example/flaky.jpg"]
    assert (tmp_path / saved["https://pbs.example/flaky.jpg"]).read_bytes() == b"jpeg"
    assert tries["flaky"] == 3 and slept == [1.0, 2.0]  # the policy's backoff, nothing for the 429
    assert len(warnings) == 1 and warnings[0].startswith("media https://pbs.example/limited.jpg")
    assert "rate limiting" in warnings[0] and "--max-wait 3601" in warnings[0]


def test_download_media_into_a_folder_it_cannot_make_is_an_output_error(tmp_path):
    """The media folder would sit under a regular file: the output cannot be written (exit 4),
    and nothing was fetched."""
    blocker = tmp_path / "article.md"
    blocker.write_text("not a folder", encoding="utf-8")
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(200, content=b"jpegdata", headers={"content-type": "image/jpeg"})

    client = httpx.Client(transport=httpx.MockTransport(handler))
    with pytest.raises(OutputError) as caught:
        download_media(["https://pbs.twimg.com/media/Abc.jpg"], blocker / "media", client)
    assert caught.value.exit_code == 4
    assert str(blocker / "media") in str(caught.value)
    assert "cannot create the media folder" in str(caught.value)
    assert asked == []
