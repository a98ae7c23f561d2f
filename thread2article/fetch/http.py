"""The one place that builds HTTP clients and sends requests for the key-free providers, each
under the one retry policy (`retry.py`).

Every function takes an injected `httpx.Client`, so tests pass one built on `httpx.MockTransport`.
The client honours the standard proxy and CA variables (`HTTPS_PROXY`, `SSL_CERT_FILE`,
`REQUESTS_CA_BUNDLE`) because corporate users sit behind proxies with their own CAs.
"""

from __future__ import annotations

import os
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from ..errors import FetchError
from .retry import NoAnswer, RetryPolicy

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

    def record(self) -> None:
        self.count += 1


def get(
    client: httpx.Client,
    url: str,
    *,
    params: dict[str, str] | None = None,
    log: RequestLog,
    what: str,
    policy: RetryPolicy,
) -> httpx.Response:
    """GET `url` under the retry policy (`retry.py`): the final answer, whatever its status,
    or FetchError when the policy gives up. `what` names the request in messages ("post 123")."""
    request = client.build_request("GET", url, params=params)
    return send_under(policy, client, request, what=what, on_try=log.record)


def send_under(
    policy: RetryPolicy,
    client: httpx.Client,
    request: httpx.Request,
    *,
    what: str,
    stream: bool = False,
    on_try: Callable[[], None] = lambda: None,
) -> httpx.Response:
    """Send `request` until the policy takes its answer as final (`retry.py`); FetchError when
    it gives up. With `stream`, the body is left to read (and the response to close). `on_try`
    is called before every try (the request count users pay for)."""

    def send() -> httpx.Response:
        on_try()
        try:
            return client.send(request, stream=stream)
        except httpx.TimeoutException as exc:
            raise NoAnswer(type(exc).__name__, transient=True, timed_out=True) from None
        except (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError) as exc:
            # The connection was made, then broke off: the next one may hold.
            raise NoAnswer(type(exc).__name__, transient=True) from None
        except httpx.TransportError as exc:  # no connection at all (DNS, refused, proxy)
            raise NoAnswer(type(exc).__name__, transient=False) from None

    return policy.call(
        send,
        lambda response: (response.status_code, response.headers),
        host=request.url.host,
        what=what,
        discard=lambda response: response.close(),
    )


def get_json(
    client: httpx.Client,
    url: str,
    *,
    params: dict[str, str] | None = None,
    log: RequestLog,
    what: str,
    policy: RetryPolicy,
) -> tuple[int, Any]:
    """`get`, as (status code, parsed JSON or None) for the caller to interpret."""
    response = get(client, url, params=params, log=log, what=what, policy=policy)
    return response.status_code, _json_or_none(response)


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
