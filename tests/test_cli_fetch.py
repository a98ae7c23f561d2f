"""`convert URL`, `fetch URL -o FILE` and `--download-media` through the CLI, in process, with
the network replaced by httpx.MockTransport serving fixtures/fetch/, handed to the commands as
their context object (the client every fetch goes through)."""

from __future__ import annotations

import json

import httpx
import pytest
from fetch_fakes import FixtureServer
from typer.testing import CliRunner

from thread2article.cli import app
from thread2article.fetch import build_client

THREAD_URL = "https://x.com/fxwriter/status/1900000000000000002"
NO_TOKEN = {"X_BEARER_TOKEN": None, "TWITTER_BEARER_TOKEN": None}
ROUTES = {
    "api.fxtwitter.com/2/thread/1900000000000000002": "fxtwitter/2_thread_1900000000000000002.json"
}


@pytest.fixture
def offline():
    return FixtureServer(dict(ROUTES))


@pytest.fixture
def invoke(offline):
    """Run a command as a user would, with no token in its environment and every request
    answered by `offline`."""

    def invoke(*args: str):
        with build_client(transport=httpx.MockTransport(offline)) as client:
            return CliRunner().invoke(app, list(args), obj=client, env=NO_TOKEN)

    return invoke


def test_convert_url_fetches_and_renders(invoke, offline) -> None:
    result = invoke("convert", THREAD_URL)
    assert result.exit_code == 0, result.output
    assert "A tangle of reply arrows" in result.stdout
    assert "fetched through fxtwitter in 1 request\n" in result.stderr
    assert len(offline.requests) == 1


def test_fetch_saves_responses_and_convert_gives_the_same_article_offline(
    invoke, offline, tmp_path
) -> None:
    saved = tmp_path / "thread.jsonl"
    result = invoke("fetch", THREAD_URL, "-o", str(saved))
    assert result.exit_code == 0, result.output
    lines = saved.read_text(encoding="utf-8").splitlines()
    assert lines and all(json.loads(line) for line in lines)
    live = invoke("convert", THREAD_URL).stdout
    offline_article = invoke("convert", str(saved)).stdout
    assert offline_article == live
    requests_before = len(offline.requests)
    again = invoke("fetch", THREAD_URL, "-o", str(saved))
    assert again.exit_code != 0 and "already exists" in again.stderr
    assert len(offline.requests) == requests_before  # refused before any request


def test_download_media_needs_an_output_and_saves_beside_it(invoke, offline, tmp_path) -> None:
    no_output = invoke("convert", THREAD_URL, "--download-media")
    assert no_output.exit_code != 0 and "give one with -o" in no_output.stderr

    def image(request: httpx.Request) -> httpx.Response:
        kind = "video/mp4" if request.url.path.endswith(".mp4") else "image/jpeg"
        return httpx.Response(200, content=b"fake media bytes", headers={"content-type": kind})

    for host_path in (
        "pbs.twimg.com/media/FxPhoto1.jpg",
        "video.twimg.com/ext_tw_video/3/pu/vid/720x720/high.mp4",
    ):
        offline.routes[host_path] = image
    output = tmp_path / "article.md"
    result = invoke("convert", THREAD_URL, "--download-media", "-o", str(output))
    assert result.exit_code == 0, result.output
    media_dir = tmp_path / "article_media"
    text = output.read_text(encoding="utf-8")
    saved = [path.name for path in media_dir.iterdir()] if media_dir.exists() else []
    assert saved, result.stderr
    assert len(saved) == 2
    assert all(f"article_media/{name}" in text for name in saved)
    assert "https://pbs.twimg.com/media/FxPhoto1.jpg" not in text


def test_a_bad_url_is_one_line(invoke, offline) -> None:
    result = invoke("convert", "https://example.com/not/a/post")
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1 and "error" in result.stderr


@pytest.mark.parametrize(
    "failure, code, said",
    [
        (
            RuntimeError("a bug"),
            70,
            "internal error (RuntimeError: a bug); please report it with the input that caused it",
        ),
        (KeyboardInterrupt(), 130, "interrupted"),
    ],
)
def test_a_failure_inside_a_command_is_one_line_and_its_exit_code(failure, code, said) -> None:
    def failing(request: httpx.Request) -> httpx.Response:
        raise failure

    with build_client(transport=httpx.MockTransport(failing)) as client:
        result = CliRunner().invoke(app, ["convert", THREAD_URL], obj=client, env=NO_TOKEN)
    assert result.exit_code == code
    assert result.stderr == f"thread2article: error: {said}\n"
