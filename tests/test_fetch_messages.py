"""A failed fetch is one line that names the post once (the bug: "post 3lx: public.api.bsky.app
kept failing (HTTP 503) after 4 tries (post 3lx)"): every provider, every way a request fails."""

from __future__ import annotations

import re

import httpx
import pytest
import responses

from thread2article import library
from thread2article.errors import FetchError
from thread2article.fetch.retry import about_post

DID = "did:plc:abcdefghijklmnopqrstuvwx"
SOURCES = {
    "bluesky": ("3lx", f"https://bsky.app/profile/{DID}/post/3lx", "auto"),
    "bluesky (handle)": ("3lx", "https://bsky.app/profile/alice.bsky.social/post/3lx", "auto"),
    "mastodon": ("110", "https://mastodon.social/@ines/110", "auto"),
    "fxtwitter": ("20", "https://x.com/ines/status/20", "fxtwitter"),
    "syndication": ("20", "https://x.com/ines/status/20", "syndication"),
}


def failing(status: int | None):
    def handler(request: httpx.Request) -> httpx.Response:
        if status is None:
            raise httpx.ConnectError("refused", request=request)
        headers = {"retry-after": "99999"} if status == 429 else {}
        return httpx.Response(status, headers=headers, json={"error": "Bad", "message": "no"})

    return handler


def failure_line(source: str, via: str, handler) -> str:
    client = httpx.Client(transport=httpx.MockTransport(handler))
    with pytest.raises(FetchError) as caught:
        library.fetch_thread(
            source, library.Fetching(via, max_wait=0), client=client, sleep=lambda s: None
        )
    return str(caught.value)


@pytest.mark.parametrize("status", [503, 429, None, 400, 404, 500])
@pytest.mark.parametrize("name", sorted(SOURCES))
def test_a_failed_fetch_names_the_post_once(name, status):
    post_id, source, via = SOURCES[name]
    line = failure_line(source, via, failing(status))
    assert line.startswith(f"post {post_id}: "), line
    assert len(re.findall(rf"\bpost {post_id}\b", line)) == 1, line
    assert "\n" not in line


@pytest.mark.parametrize("status", [503, 429, 404, 401, 400])
def test_a_failed_x_api_fetch_names_the_post_once(status):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        headers = {"x-rate-limit-reset": "9999999999"} if status == 429 else {}
        mock.add_callback(
            responses.GET,
            re.compile(r"https://api\.(twitter|x)\.com/.*"),
            callback=lambda request: (status, headers, '{"title": "Bad", "detail": "no"}'),
        )
        with pytest.raises(FetchError) as caught:
            library.fetch_thread(
                "https://x.com/ines/status/20",
                library.Fetching("api", "token", max_wait=0),
                sleep=lambda s: None,
            )
    line = str(caught.value)
    assert line.startswith("post 20: "), line
    assert len(re.findall(r"\bpost 20\b", line)) == 1, line


@pytest.mark.parametrize(
    ("detail", "expected"),
    [
        (
            "host kept failing (HTTP 503) after 4 tries (post 7); try again",
            "host kept failing (HTTP 503) after 4 tries; try again",
        ),
        (
            "host is rate limiting requests (HTTP 429, FxTwitter post 7); wait",
            "host is rate limiting requests (HTTP 429); wait",
        ),
        ("X API post 7: not found (404)", "X API: not found (404)"),
        ("post 7: gone", "gone"),
        # Another post, or another request, is information: kept.
        (
            "host kept failing after 4 tries (post 70); try again",
            "host kept failing after 4 tries (post 70); try again",
        ),
        (
            "cannot reach host (ConnectError, handle @a.b); check",
            "cannot reach host (ConnectError, handle @a.b); check",
        ),
        (
            "post 6 of the thread could not be fetched (post 7)",
            "post 6 of the thread could not be fetched",
        ),
    ],
)
def test_about_post_names_the_post_once(detail, expected):
    error = about_post(FetchError(detail), "7")
    assert (error.detail, error.post_id) == (expected, "7")
    assert str(error) == f"post 7: {expected}"
