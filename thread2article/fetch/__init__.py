"""Fetching a thread live: the only package that talks to a network.

`fetch_thread(url_or_id, via=...)` returns every raw response needed to rebuild the thread, so that
`save_responses` can write them as JSON Lines and `convert FILE` gives the same article offline.
Providers:
  - "api": the official X API v2 through tweepy (needs a bearer token);
  - "fxtwitter": FxTwitter's public API (no key);
  - "syndication": X's embed endpoint (no key; walks upward only);
  - "auto": api when a token is set, else fxtwitter, then syndication if fxtwitter fails.
A Bluesky post (bsky.app URL or at:// URI) is fetched from Bluesky's public AppView
(`bluesky.py`), whatever `via` says under "auto".
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from ..errors import FetchError
from ..output import write_atomic
from .api import XApiAdapter, fetch_thread_api, token_from_env
from .bluesky import fetch_thread_bluesky, is_bluesky_ref
from .http import PostUnavailable, RequestLog, build_client
from .mastodon import MastodonRef, fetch_thread_mastodon, mastodon_ref
from .media import download_file_name, download_media
from .public import fetch_thread_fxtwitter, fetch_thread_syndication, syndication_token
from .retry import MAX_WAIT_SECONDS, RetryPolicy, about_post, quiet
from .tags import TAG_KEY
from .urls import PostRef, parse_post_ref

VIA_CHOICES = ("auto", "api", "fxtwitter", "syndication")

__all__ = [
    "MAX_WAIT_SECONDS",
    "FetchResult",
    "PostRef",
    "RetryPolicy",
    "TAG_KEY",
    "VIA_CHOICES",
    "build_client",
    "download_file_name",
    "download_media",
    "fetch_thread",
    "parse_post_ref",
    "save_responses",
    "syndication_token",
    "token_from_env",
]


@dataclass
class FetchResult:
    responses: list[dict[str, Any]]
    provider: str  # "api" | "fxtwitter" | "syndication" | "bluesky"
    requests: int  # HTTP requests sent, retries and failed providers included
    warnings: list[str] = field(default_factory=list)
    post_id: str = ""


def fetch_thread(
    url_or_id: str,
    *,
    via: str = "auto",
    bearer_token: str | None = None,
    client: httpx.Client | None = None,
    tweepy_client: Any = None,
    no_wait: bool = False,
    max_wait: float = MAX_WAIT_SECONDS,
    notify: Callable[[str], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.time,
) -> FetchResult:
    """Fetch the thread that the post `url_or_id` belongs to.

    `client` (httpx) serves the key-free providers; `tweepy_client` the API path; both default to
    real clients. Every request follows the one retry policy (`retry.py`): a rate limit is
    waited out up to `max_wait` seconds (not at all under `no_wait`); `notify` receives the
    progress lines (rate-limit waits); `sleep` and `clock` are injectable so tests never wait.
    """
    if via not in VIA_CHOICES:
        raise FetchError(f"unknown provider {via!r}: choose one of {', '.join(VIA_CHOICES)}")
    policy = RetryPolicy(
        no_wait=no_wait,
        max_wait=max_wait,
        notify=notify or quiet,
        sleep=sleep,
        clock=clock,
    )
    if is_bluesky_ref(url_or_id):
        return _fetch_bluesky(url_or_id, via, client, policy)
    mastodon = mastodon_ref(url_or_id)
    if mastodon is not None:
        return _fetch_mastodon(mastodon, via, client, policy)
    ref = parse_post_ref(url_or_id)
    try:
        return _fetch(ref, via, bearer_token or token_from_env(), client, tweepy_client, policy)
    except FetchError as error:
        # Every failure names the post it was about, once.
        raise about_post(error, ref.id) from None


def _fetch(
    ref: PostRef,
    via: str,
    token: str | None,
    client: httpx.Client | None,
    tweepy_client: Any,
    policy: RetryPolicy,
) -> FetchResult:
    log = RequestLog()

    fallback_warnings: list[str] = []
    if via == "api" or (via == "auto" and token):
        if not token:
            raise FetchError(
                "--via api needs a bearer token: set X_BEARER_TOKEN or pass --bearer-token "
                "(or use --via fxtwitter, which needs none)"
            )
        adapter = XApiAdapter(token, tweepy_client=tweepy_client, policy=policy, log=log)
        try:
            responses, warnings = fetch_thread_api(ref.id, adapter)
            return FetchResult(responses, "api", log.count, warnings, ref.id)
        except PostUnavailable:
            raise
        except FetchError as api_error:
            # Most tokens are on access levels that cannot read (403) or are rate limited:
            # under "auto" the key-free path still gets the user an article.
            if via == "api":
                raise
            fallback_warnings.append(
                f"the X API failed ({api_error.detail}); fetched without it instead"
            )

    own_client = client is None
    http_client = client or build_client()
    try:
        if via == "syndication":
            responses, warnings = fetch_thread_syndication(
                ref.id, http_client, log=log, policy=policy
            )
            return FetchResult(responses, "syndication", log.count, warnings, ref.id)
        try:
            responses, warnings = fetch_thread_fxtwitter(
                ref.id, http_client, log=log, policy=policy
            )
            return FetchResult(
                responses, "fxtwitter", log.count, fallback_warnings + warnings, ref.id
            )
        except PostUnavailable:
            raise
        except FetchError as fx_error:
            if via == "fxtwitter":
                raise
            responses, warnings = fetch_thread_syndication(
                ref.id, http_client, log=log, policy=policy
            )
            warnings.insert(
                0, f"FxTwitter failed ({fx_error.detail}); used X's syndication endpoint instead"
            )
            warnings[:0] = fallback_warnings
            return FetchResult(responses, "syndication", log.count, warnings, ref.id)
    finally:
        if own_client:
            http_client.close()


def _fetch_bluesky(
    url: str,
    via: str,
    client: httpx.Client | None,
    policy: RetryPolicy,
) -> FetchResult:
    if via != "auto":
        raise FetchError(
            f"--via {via} is for X posts; a Bluesky post is fetched from Bluesky's public AppView"
        )
    log = RequestLog()
    own_client = client is None
    http_client = client or build_client()
    try:
        fetched = fetch_thread_bluesky(url, http_client, log=log, policy=policy)
    finally:
        if own_client:
            http_client.close()
    return FetchResult(fetched.responses, "bluesky", log.count, fetched.warnings, fetched.post_id)


def _fetch_mastodon(
    ref: MastodonRef,
    via: str,
    client: httpx.Client | None,
    policy: RetryPolicy,
) -> FetchResult:
    if via != "auto":
        raise FetchError(
            f"--via {via} is for X posts; a Mastodon post is read from its instance's public API",
            post_id=ref.id,
        )
    log = RequestLog()
    own_client = client is None
    http_client = client or build_client()
    try:
        responses, warnings, post_id = fetch_thread_mastodon(
            ref, http_client, log=log, policy=policy
        )
    except FetchError as error:
        # Every failure names the post it was about, once.
        raise about_post(error, ref.id) from None
    finally:
        if own_client:
            http_client.close()
    return FetchResult(responses, "mastodon", log.count, warnings, post_id)


def save_responses(
    result: FetchResult, path: str | os.PathLike[str], *, force: bool = False
) -> Path:
    """Write the raw responses as JSON Lines, one response a line, exactly as received plus the
    `__thread2article` tag, atomically. Nothing here can hold the bearer token: it travels only
    in a header."""
    lines = "".join(
        json.dumps(response, ensure_ascii=False, separators=(",", ":")) + "\n"
        for response in result.responses
    )
    return write_atomic(Path(path), lines, force=force)
