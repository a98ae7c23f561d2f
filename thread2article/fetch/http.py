"""The one place that builds HTTP clients and sends requests for the key-free providers.

Every function takes an injected `httpx.Client`, so tests pass one built on `httpx.MockTransport`.
The client honours the standard proxy and CA variables (`HTTPS_PROXY`, `SSL_CERT_FILE`,
`REQUESTS_CA_BUNDLE`) because corporate users sit behind proxies with their own CAs.
"""

from __future__ import annotations

import os
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from ..errors import FetchError

try:
    from importlib.metadata import PackageNotFoundError, version

    _VERSION = version("thread2article")
except PackageNotFoundError:  # running from a source tree that is not installed
    _VERSION = "0"

USER_AGENT = (
    f"thread2article/{_VERSION} (thread-to-article converter; python-httpx/{httpx.__version__})"
)
# Every request has a time-out: a stalled provider must not hang a conversion.
DEFAULT_TIMEOUT = httpx.Timeout(20.0, connect=10.0)
RETRIES = 3
BACKOFF_SECONDS = 1.0
# A server may ask us to wait (Retry-After); we wait at most this long before giving up.
MAX_RETRY_AFTER_SECONDS = 60.0


def ca_verify_from_env() -> ssl.SSLContext | bool:
    """`REQUESTS_CA_BUNDLE` (requests' variable) as an SSL context; `True` lets httpx read
    `SSL_CERT_FILE`/`SSL_CERT_DIR` itself (it does so when `trust_env` is on)."""
    bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
    if bundle and not os.environ.get("SSL_CERT_FILE"):
        if os.path.isdir(bundle):
            return ssl.create_default_context(capath=bundle)
        return ssl.create_default_context(cafile=bundle)
    return True


def build_client(
    *,
    timeout: httpx.Timeout | float | None = None,
    transport: httpx.BaseTransport | None = None,
) -> httpx.Client:
    """The client every key-free fetch uses: time-outs, our User-Agent, environment proxies/CAs."""
    return httpx.Client(
        timeout=timeout if timeout is not None else DEFAULT_TIMEOUT,
        headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
        trust_env=True,
        verify=ca_verify_from_env(),
        follow_redirects=True,
        transport=transport,
    )


class PostUnavailable(FetchError):
    """The post itself is gone, protected or suspended: another provider will not do better."""


@dataclass
class RequestLog:
    """Counts the HTTP requests one fetch sent (retries included): the figure users pay for."""

    count: int = 0

    def record(self, url: str) -> None:
        self.count += 1


def get_json(
    client: httpx.Client,
    url: str,
    *,
    params: dict[str, str] | None = None,
    log: RequestLog,
    what: str,
    sleep: Callable[[float], None] = time.sleep,
    retries: int = RETRIES,
) -> tuple[int, Any]:
    """GET `url` and return (status code, parsed JSON or None).

    5xx answers, 429 with a short Retry-After, and time-outs are retried with exponential backoff
    (bounded); other statuses are returned for the caller to interpret. `what` names the request in
    error messages ("FxTwitter post 123").
    """
    attempt = 0
    while True:
        attempt += 1
        log.record(str(httpx.URL(url, params=params)))
        try:
            response = client.get(url, params=params)
        except httpx.TimeoutException:
            if attempt <= retries:
                sleep(BACKOFF_SECONDS * 2 ** (attempt - 1))
                continue
            raise FetchError(
                f"{what}: the server did not answer in time after {attempt} tries; try again later"
            ) from None
        except httpx.TransportError as exc:
            raise FetchError(
                f"{what}: no network connection ({type(exc).__name__}); check your connection "
                "or set HTTPS_PROXY if you are behind a proxy"
            ) from None
        status = response.status_code
        retry_after = _retry_after_seconds(response)
        if (status >= 500 or (status == 429 and retry_after is not None)) and attempt <= retries:
            delay = BACKOFF_SECONDS * 2 ** (attempt - 1)
            if status == 429 and retry_after is not None:
                if retry_after > MAX_RETRY_AFTER_SECONDS:
                    return status, _json_or_none(response)
                delay = max(delay, retry_after)
            sleep(delay)
            continue
        return status, _json_or_none(response)


def _retry_after_seconds(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _json_or_none(response: httpx.Response) -> Any:
    content_type = response.headers.get("content-type", "")
    if not response.content:
        return None
    if "json" not in content_type and not response.content.lstrip().startswith((b"{", b"[")):
        return None
    try:
        return response.json()
    except ValueError:
        return None
