"""The one retry policy (fetch/retry.py), as a table: what each answer sequence costs in tries,
waits and lines for the user. No network and no real waiting: answers are scripted, `sleep`
records, the clock stands still at 2027-01-15 08:00:00 UTC.

The per-fetcher tests (test_fetch_api/public/bluesky/mastodon) check that each platform's
requests go through this policy; the cases of the retry loops it replaced live here."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pytest

from thread2article.errors import FetchError
from thread2article.fetch.retry import (
    DEFAULT_RESET_SECONDS,
    MAX_WAIT_SECONDS,
    RESET_CAP_SECONDS,
    NoAnswer,
    RetryPolicy,
)

NOW = 1_800_000_000.0  # 2027-01-15 08:00:00 UTC
HOST = "api.example"


@dataclass
class Reply:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    closed: bool = False


def timed_out() -> NoAnswer:
    return NoAnswer("ReadTimeout", transient=True, timed_out=True)


def broke_off() -> NoAnswer:
    return NoAnswer("RemoteProtocolError", transient=True)


def unreachable() -> NoAnswer:
    return NoAnswer("ConnectError", transient=False)


@dataclass
class Case:
    script: list[Reply | NoAnswer]
    # What the policy ends with: the status returned, or a fragment of the one error line.
    returns: int | None = None
    error: str | None = None
    sleeps: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    policy: dict[str, object] = field(default_factory=dict)


def limited(**headers: str) -> Reply:
    return Reply(429, {name.replace("_", "-"): value for name, value in headers.items()})


OK = Reply(200)
CASES: dict[str, Case] = {
    # --- what is retried, with backoff 1, 2, 4 s, 4 tries in all ----------------------------
    "ok at once": Case([OK], returns=200),
    "503 twice then ok": Case([Reply(503), Reply(503), OK], returns=200, sleeps=[1, 2]),
    "500 retried": Case([Reply(500), OK], returns=200, sleeps=[1]),
    "502 retried": Case([Reply(502), OK], returns=200, sleeps=[1]),
    "504 retried": Case([Reply(504), OK], returns=200, sleeps=[1]),
    "408 retried": Case([Reply(408), OK], returns=200, sleeps=[1]),
    "503 gives up after 4 tries": Case(
        [Reply(503)] * 5,
        error=f"{HOST} kept failing (HTTP 503) after 4 tries (post 1); try again later",
        sleeps=[1, 2, 4],
    ),
    "more attempts double up to the cap": Case(
        [Reply(502)] * 8,
        error="kept failing (HTTP 502) after 8 tries",
        sleeps=[1, 2, 4, 8, 16, 30, 30],
        policy={"attempts": 8},
    ),
    "503 Retry-After longer than the backoff": Case(
        [Reply(503, {"retry-after": "10"}), OK], returns=200, sleeps=[10]
    ),
    "503 Retry-After capped at 30 s": Case(
        [Reply(503, {"retry-after": "3600"}), OK], returns=200, sleeps=[30]
    ),
    "503 Retry-After inf is ignored": Case(
        [Reply(503, {"retry-after": "inf"}), OK], returns=200, sleeps=[1]
    ),
    "time-outs share the 4 tries": Case(
        [timed_out(), Reply(503), timed_out(), timed_out()],
        error=f"{HOST} did not answer in time after 4 tries (post 1)",
        sleeps=[1, 2, 4],
    ),
    "a connection broken off is retried": Case([broke_off(), OK], returns=200, sleeps=[1]),
    "broken off 4 times": Case(
        [broke_off()] * 4,
        error="broke off the connection (RemoteProtocolError) after 4 tries",
        sleeps=[1, 2, 4],
    ),
    # --- what is not retried -----------------------------------------------------------------
    "no connection: one line at once": Case(
        [unreachable(), OK],
        error=f"cannot reach {HOST} (ConnectError, post 1); check your connection",
    ),
    "404 is final": Case([Reply(404), OK], returns=404),
    "501 is final": Case([Reply(501), OK], returns=501),
    "403 is final": Case([Reply(403), OK], returns=403),
    # --- rate limits: the announced reset plus a second -----------------------------------
    "Retry-After seconds": Case(
        [limited(retry_after="42"), OK],
        returns=200,
        sleeps=[43],
        notes=[f"rate-limited by {HOST}, waiting 43 s (until 08:00:43 UTC)"],
    ),
    "Retry-After HTTP date": Case(
        [limited(retry_after="Fri, 15 Jan 2027 08:00:42 GMT"), OK], returns=200, sleeps=[43]
    ),
    "X x-rate-limit-reset (Unix time)": Case(
        [limited(x_rate_limit_reset=str(int(NOW) + 37)), OK], returns=200, sleeps=[38]
    ),
    "Bluesky ratelimit-reset (Unix time)": Case(
        [limited(ratelimit_reset=str(int(NOW) + 30)), OK], returns=200, sleeps=[31]
    ),
    "Mastodon X-RateLimit-Reset (ISO date)": Case(
        [limited(x_ratelimit_reset="2027-01-15T08:00:42.000Z"), OK], returns=200, sleeps=[43]
    ),
    "a fractional reset rounds up": Case(
        [limited(x_ratelimit_reset="2027-01-15T08:00:41.200Z"), OK], returns=200, sleeps=[43]
    ),
    "the latest of two headers": Case(
        [limited(retry_after="10", ratelimit_reset=str(int(NOW) + 50)), OK],
        returns=200,
        sleeps=[51],
    ),
    "no header: 60 s": Case(
        [limited(), OK],
        returns=200,
        sleeps=[60],
        notes=[f"rate-limited by {HOST}, waiting 60 s (until 08:01:00 UTC)"],
    ),
    "a long wait tells the time left every minute": Case(
        [limited(retry_after="124"), OK],
        returns=200,
        sleeps=[60, 60, 5],
        notes=[
            f"rate-limited by {HOST}, waiting 2 min 5 s (until 08:02:05 UTC)",
            f"rate-limited by {HOST}, 65 s left",
            f"rate-limited by {HOST}, 5 s left",
        ],
    ),
    "a reset in the past: 1 s": Case(
        [limited(x_rate_limit_reset=str(int(NOW) - 500)), OK], returns=200, sleeps=[1]
    ),
    "waited 3 times, then gives up": Case(
        [limited(retry_after="5")] * 5,
        error=f"{HOST} is still rate limiting requests (HTTP 429, post 1) after 3 waits",
        sleeps=[6, 6, 6],
    ),
    "rate limits do not use up the tries": Case(
        [Reply(503), limited(retry_after="5"), Reply(503), limited(retry_after="5"), OK],
        returns=200,
        sleeps=[1, 6, 2, 6],
    ),
    # --- no_wait and max_wait ---------------------------------------------------------------
    "no_wait: one line with the reset time": Case(
        [limited(retry_after="42"), OK],
        error=(
            f"{HOST} is rate limiting requests (HTTP 429, post 1); the limit resets at "
            "08:00:43 UTC (in 43 s); run again then, or drop --no-wait to wait for it"
        ),
        policy={"no_wait": True},
    ),
    "a reset past max_wait: when to run again": Case(
        [limited(x_rate_limit_reset=str(int(NOW) + 7200)), OK],
        error=(
            "the limit resets at 10:00:01 UTC (in 2 h 1 min), later than this run waits "
            "(15 min); run again then, or allow the wait with --max-wait 7201"
        ),
    ),
    "no_wait past max_wait does not offer waiting": Case(
        [limited(x_rate_limit_reset=str(int(NOW) + 7200)), OK],
        error="(in 2 h 1 min); run again then",
        policy={"no_wait": True},
    ),
    "a larger max_wait waits for it": Case(
        [limited(x_rate_limit_reset=str(int(NOW) + 7200)), OK],
        returns=200,
        sleeps=[60] * 120 + [1],
        policy={"max_wait": 7201},
    ),
    "max_wait 0 never waits": Case(
        [limited(retry_after="0"), OK], error="later than this run waits", policy={"max_wait": 0}
    ),
    # --- hostile values: absent, or a day at most; never an exception of Python's ----------
    "Retry-After inf": Case([limited(retry_after="inf"), OK], returns=200, sleeps=[60]),
    "Retry-After 1e400": Case([limited(retry_after="1e400"), OK], returns=200, sleeps=[60]),
    "Retry-After nan": Case([limited(retry_after="nan"), OK], returns=200, sleeps=[60]),
    "Retry-After garbage date": Case(
        [limited(retry_after="Fri, 99 Foo 2027 99:99:99 GMT"), OK], returns=200, sleeps=[60]
    ),
    "Retry-After negative": Case([limited(retry_after="-5"), OK], returns=200, sleeps=[1]),
    "x-rate-limit-reset inf": Case(
        [limited(x_rate_limit_reset="inf"), OK], returns=200, sleeps=[60]
    ),
    "ratelimit-reset -1e300": Case(
        [limited(ratelimit_reset="-1e300"), OK], returns=200, sleeps=[1]
    ),
    "ratelimit-reset 1e300 is a day away": Case(
        [limited(ratelimit_reset="1e300"), OK],
        error="(in 24 h), later than this run waits (15 min); run again then, or allow the "
        "wait with --max-wait 86400",
    ),
    "X-RateLimit-Reset in the year 9999": Case(
        [limited(x_ratelimit_reset="9999-12-31T23:59:59Z"), OK],
        error="the limit resets at 08:00:00 UTC (in 24 h)",
    ),
    "X-RateLimit-Reset garbage": Case(
        [limited(x_ratelimit_reset="next tuesday"), OK], returns=200, sleeps=[60]
    ),
    "X-RateLimit-Reset year 0": Case(
        [limited(x_ratelimit_reset="0000-01-01T00:00:00Z"), OK], returns=200, sleeps=[60]
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_the_policy(case: Case) -> None:
    script = list(case.script)
    sent: list[Reply | NoAnswer] = []
    sleeps: list[float] = []
    notes: list[str] = []

    def send() -> Reply:
        answer = script.pop(0)
        sent.append(answer)
        if isinstance(answer, NoAnswer):
            raise answer
        return answer

    def discard(reply: Reply) -> None:
        reply.closed = True

    policy = RetryPolicy(
        notify=notes.append,
        sleep=sleeps.append,
        clock=lambda: NOW,
        **case.policy,  # type: ignore[arg-type]
    )

    def call() -> Reply:
        return policy.call(
            send,
            lambda reply: (reply.status, reply.headers),
            host=HOST,
            what="post 1",
            discard=discard,
        )

    if case.error is not None:
        with pytest.raises(FetchError) as caught:
            call()
        message = str(caught.value)
        assert case.error in message and "\n" not in message
    else:
        assert call().status == case.returns
    assert sleeps == case.sleeps
    if case.notes:
        assert notes == case.notes
    # Every reply that was retried was released first; the one returned was not.
    retried = [answer for answer in sent[:-1] if isinstance(answer, Reply)]
    assert all(reply.closed for reply in retried)
    if case.returns is not None:
        assert not sent[-1].closed  # type: ignore[union-attr]


def test_no_wait_and_no_header_still_names_a_reset_time() -> None:
    policy = RetryPolicy(no_wait=True, clock=lambda: NOW, sleep=pytest.fail)
    with pytest.raises(FetchError, match=r"resets at 08:01:00 UTC \(in 60 s\)"):
        policy.wait_for_reset({}, host=HOST, what="post 1", waits=1)


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        (math.inf, RESET_CAP_SECONDS),
        (-5.0, 0.0),
        (math.nan, MAX_WAIT_SECONDS),
        (1e400, RESET_CAP_SECONDS),
        (120.0, 120.0),
    ],
)
def test_a_library_callers_max_wait_is_kept_within_a_day(given: float, kept: float) -> None:
    assert RetryPolicy(max_wait=given).max_wait == kept


def test_the_defaults_are_the_stated_policy() -> None:
    policy = RetryPolicy()
    assert (policy.attempts, policy.backoff, policy.backoff_cap) == (4, 1.0, 30.0)
    assert (policy.max_wait, policy.rate_limit_waits, policy.no_wait) == (900.0, 3, False)
    assert DEFAULT_RESET_SECONDS == 60.0
