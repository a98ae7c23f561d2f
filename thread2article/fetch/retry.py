"""The one retry policy for every HTTP request a fetch sends (httpx and tweepy alike).

The policy, as a user meets it:
- **Retried:** time-outs and connections that broke off mid-answer, and the answers 408, 500,
  502, 503 and 504 (a server that may answer next time). At most `attempts` tries (4) in all,
  after waits of 1, 2, 4 s (doubling, never more than 30 s; a `Retry-After` on such an answer is
  honoured up to the same 30 s). Then one line: "<host> kept failing (HTTP 503) after 4 tries".
- **Not retried:** a connection that cannot be made (no network, a wrong host, a refusing
  proxy) and every other status: trying again would only delay the message.
- **Rate limits (429)** are waited out until the reset the answer announces: `Retry-After`
  (seconds or an HTTP date), X's `x-rate-limit-reset` and Bluesky's `ratelimit-reset` (Unix
  times), Mastodon's `X-RateLimit-Reset` (an ISO 8601 date); the latest of those present, plus
  a second of margin; 60 s when none is usable. A value that is no finite number or date
  (`inf`, `1e400`, `nan`, garbage) counts as absent; a reset in the past means 1 s; one more
  than a day away counts as a day (no platform's window is longer, and no date is computed
  from `1e300`). Each wait is announced through `notify` ("rate-limited by <host>, waiting
  42 s (until 20:14:05 UTC)", then every minute of a longer wait), never with a credential.
  A reset further away than `max_wait` (15 min, X's and Bluesky's window) stops at once with
  one line saying when to run again; so does every rate limit under `no_wait`. A request that
  is still limited after 3 waits stops too.
- `sleep` and `clock` are injectable, so tests wait for nothing.

Transport code (`http.get`, the tweepy adapter in `api.py`) turns its library's exceptions into
`NoAnswer` and calls `RetryPolicy.call`; the policy never imports httpx or requests.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar

from ..errors import FetchError
from ..model import parse_iso

Notify = Callable[[str], None]
Sleep = Callable[[float], None]
Clock = Callable[[], float]
Answer = TypeVar("Answer")

RATE_LIMITED = 429
# Statuses that say "not now" rather than "no": a request time-out and the gateway/overload family.
RETRIED_STATUSES = frozenset({408, 500, 502, 503, 504})
ATTEMPTS = 4
BACKOFF_SECONDS = 1.0
BACKOFF_CAP_SECONDS = 30.0
# X's and Bluesky's rate-limit windows are 15 minutes and Mastodon's 5: a reset within that is
# waited for unattended; a longer one is the user's call (`--max-wait`).
MAX_WAIT_SECONDS = 15 * 60.0
RATE_LIMIT_WAITS = 3
DEFAULT_RESET_SECONDS = 60.0
RESET_CAP_SECONDS = 24 * 3600.0
# Reset headers, each read as a Unix time or an ISO 8601 date (Retry-After is read apart).
RESET_HEADERS = ("x-rate-limit-reset", "ratelimit-reset", "x-ratelimit-reset")
PROGRESS_SECONDS = 60.0


class NoAnswer(Exception):
    """One try got no answer. `transient`: another try may get one (a time-out, a connection
    that broke off); otherwise the connection cannot be made at all."""

    def __init__(self, name: str, *, transient: bool, timed_out: bool = False) -> None:
        super().__init__(name)
        self.name = name
        self.transient = transient
        self.timed_out = timed_out


def quiet(line: str) -> None:
    """A `notify` that says nothing (the default)."""


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = ATTEMPTS
    backoff: float = BACKOFF_SECONDS
    backoff_cap: float = BACKOFF_CAP_SECONDS
    max_wait: float = MAX_WAIT_SECONDS
    rate_limit_waits: int = RATE_LIMIT_WAITS
    no_wait: bool = False
    notify: Notify = field(default=quiet, compare=False)
    sleep: Sleep = field(default=time.sleep, compare=False)
    clock: Clock = field(default=time.time, compare=False)

    def __post_init__(self) -> None:
        # A library caller's `max_wait=float("inf")` or a negative one means "always" or "never".
        wait = self.max_wait if not math.isnan(self.max_wait) else MAX_WAIT_SECONDS
        object.__setattr__(self, "max_wait", min(max(wait, 0.0), RESET_CAP_SECONDS))
        object.__setattr__(self, "attempts", max(1, self.attempts))

    # --- the loop ------------------------------------------------------------------------

    def call(
        self,
        send: Callable[[], Answer],
        status_of: Callable[[Answer], tuple[int, Mapping[str, str]]],
        *,
        host: str,
        what: str,
        discard: Callable[[Answer], None] = lambda answer: None,
    ) -> Answer:
        """Send until an answer is final, by the policy; return it. `send` raises `NoAnswer`
        when a try got no answer; `discard` releases an answer that is retried. Raises
        FetchError (one line naming `host` and `what`) when the policy gives up."""
        failures = 0
        waits = 0
        while True:
            try:
                answer = send()
            except NoAnswer as failure:
                if not failure.transient:
                    raise FetchError(
                        f"cannot reach {host} ({failure.name}, {what}); check your connection "
                        "and the address, or set HTTPS_PROXY if you are behind a proxy"
                    ) from None
                failures += 1
                if failures >= self.attempts:
                    problem = (
                        "did not answer in time"
                        if failure.timed_out
                        else f"broke off the connection ({failure.name})"
                    )
                    raise FetchError(
                        f"{host} {problem} after {failures} tries ({what}); try again later"
                    ) from None
                self.sleep(self.backoff_delay(failures, None))
                continue
            status, headers = status_of(answer)
            if status == RATE_LIMITED:
                discard(answer)
                waits += 1
                self.wait_for_reset(headers, host=host, what=what, waits=waits)
                continue
            if status in RETRIED_STATUSES:
                failures += 1
                if failures >= self.attempts:
                    raise FetchError(
                        f"{host} kept failing (HTTP {status}) after {failures} tries ({what}); "
                        "try again later"
                    )
                discard(answer)
                self.sleep(self.backoff_delay(failures, retry_after_seconds(headers, self.clock())))
                continue
            return answer

    # --- the pieces, each testable alone -------------------------------------------------

    def backoff_delay(self, failures: int, retry_after: float | None) -> float:
        """The wait before try `failures + 1`: doubling from `backoff`, or the server's
        Retry-After when longer; never more than `backoff_cap`."""
        delay = self.backoff * 2 ** min(failures - 1, 30)
        if retry_after is not None:
            delay = max(delay, retry_after)
        return min(delay, self.backoff_cap)

    def reset_wait(self, headers: Mapping[str, str]) -> float:
        """Seconds to wait for a rate limit's reset (whole seconds, at least 1, at most a day)."""
        now = self.clock()
        waits = [retry_after_seconds(headers, now)]
        waits += [reset_seconds(headers.get(name), now) for name in RESET_HEADERS]
        usable = [wait for wait in waits if wait is not None]
        if not usable:
            return DEFAULT_RESET_SECONDS
        return float(min(math.ceil(max(usable)) + 1, RESET_CAP_SECONDS))

    def wait_for_reset(
        self, headers: Mapping[str, str], *, host: str, what: str, waits: int
    ) -> None:
        """Wait out a 429 (telling `notify`), or raise the one line that says when to retry."""
        wait = self.reset_wait(headers)
        until = _clock_time(self.clock() + wait)
        limited = (
            f"{host} is rate limiting requests (HTTP 429, {what}); the limit resets at {until}"
        )
        if self.no_wait:
            hint = ", or drop --no-wait to wait for it" if wait <= self.max_wait else ""
            raise FetchError(f"{limited} (in {_duration(wait)}); run again then{hint}")
        if wait > self.max_wait:
            raise FetchError(
                f"{limited} (in {_duration(wait)}), later than this run waits "
                f"({_duration(self.max_wait)}); run again then, or allow the wait with "
                f"--max-wait {math.ceil(wait)}"
            )
        if waits > self.rate_limit_waits:
            raise FetchError(
                f"{host} is still rate limiting requests (HTTP 429, {what}) after "
                f"{self.rate_limit_waits} waits; try again later"
            )
        self.notify(f"rate-limited by {host}, waiting {_duration(wait)} (until {until})")
        remaining = wait
        while remaining > 0:
            chunk = min(PROGRESS_SECONDS, remaining)
            self.sleep(chunk)
            remaining -= chunk
            if remaining > 0:
                self.notify(f"rate-limited by {host}, {_duration(remaining)} left")


def retry_after_seconds(headers: Mapping[str, str], now: float) -> float | None:
    """`Retry-After` as seconds from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    value = (headers.get("retry-after") or "").strip()
    if not value:
        return None
    seconds = _number(value)
    if seconds is None:
        moment = _http_date(value)
        seconds = None if moment is None else moment - now
    return _bounded(seconds)


def reset_seconds(value: str | None, now: float) -> float | None:
    """A reset header (a Unix time, or an ISO 8601 date as Mastodon sends) as seconds from `now`."""
    text = (value or "").strip()
    if not text:
        return None
    moment = _number(text)
    if moment is None:
        moment = _iso_date(text)
    return _bounded(None if moment is None else moment - now)


def _bounded(seconds: float | None) -> float | None:
    """None for no usable value; else within [0, a day] (a reset in the past is now)."""
    if seconds is None or not math.isfinite(seconds):
        return None
    return min(max(seconds, 0.0), RESET_CAP_SECONDS)


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _http_date(text: str) -> float | None:
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def _iso_date(text: str) -> float | None:
    try:
        moment = parse_iso(text)
        return None if moment is None else moment.timestamp()
    except (OverflowError, ValueError):
        return None


def _clock_time(moment: float) -> str:
    try:
        return datetime.fromtimestamp(moment, UTC).strftime("%H:%M:%S UTC")
    except (OverflowError, OSError, ValueError):  # a clock far off: say nothing wrong
        return "a later time"


def _duration(seconds: float) -> str:
    whole = max(0, math.ceil(seconds))
    if whole < 120:
        return f"{whole} s"
    if whole < 2 * 3600:
        return f"{whole // 60} min {whole % 60} s" if whole % 60 else f"{whole // 60} min"
    minutes = math.ceil(whole / 60)
    return f"{minutes // 60} h {minutes % 60} min" if minutes % 60 else f"{minutes // 60} h"


def about_post(error: FetchError, post_id: str) -> FetchError:
    """`error` as a failure about `post_id` ("post 20: …", or the post it names already), which
    the line then names once: a request named after that same post inside the message ("(HTTP
    429, post 20)", "(FxTwitter post 20)", "X API post 20: not found") says nothing the start
    of the line does not, so it goes ("post 3lx: … after 4 tries (post 3lx)" was the bug)."""
    post = error.post_id or post_id
    mention = rf"(?:[\w.@-]+ )*?post {re.escape(post)}"
    detail = re.sub(rf" \({mention}\)", "", error.detail)
    detail = re.sub(rf", {mention}\)", ")", detail)
    detail = re.sub(
        rf"^((?:[\w.@-]+ )*?)post {re.escape(post)}: ",
        lambda found: f"{found.group(1).strip()}: " if found.group(1).strip() else "",
        detail,
    )
    return type(error)(detail, source=error.source, post_id=post)
