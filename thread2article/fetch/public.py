"""Key-free providers through httpx: FxTwitter's public API and X's embed syndication endpoint.

FxTwitter (`api.fxtwitter.com/2/thread/<id>`) unrolls the author's thread itself (it reads X's
conversation and keeps the author's chain), so one request usually returns the whole thread.
Syndication (`cdn.syndication.twimg.com/tweet-result`) answers one post at a time and only knows
the post each one replies to, so we walk upward; it cannot see replies below the given post.
"""

from __future__ import annotations

import math
import re
from typing import Any

import httpx

from ..errors import FetchError
from .http import PostUnavailable, RequestLog, get_json
from .retry import RetryPolicy
from .tags import tag_response

FXTWITTER_API = "https://api.fxtwitter.com"
SYNDICATION_URL = "https://cdn.syndication.twimg.com/tweet-result"
# Upper bound on posts walked one request at a time: a runaway walk must stop.
MAX_WALK = 300


# --- FxTwitter -----------------------------------------------------------------------------


def fetch_thread_fxtwitter(
    post_id: str, client: httpx.Client, *, log: RequestLog, policy: RetryPolicy
) -> tuple[list[dict[str, Any]], list[str]]:
    warnings: list[str] = []
    url = f"{FXTWITTER_API}/2/thread/{post_id}"
    status_code, body = get_json(
        client, url, log=log, what=f"FxTwitter post {post_id}", policy=policy
    )
    focal = _fx_check(post_id, status_code, body)
    responses = [
        tag_response(body, provider="fxtwitter", endpoint="2/thread/:id", requested_id=post_id)
    ]

    chain = [item for item in (body.get("thread") or []) if isinstance(item, dict)]
    posts = [item for item in chain if item.get("type") != "tombstone"] or [focal]
    for item in chain:
        if item.get("type") == "tombstone":
            warnings.append(
                f"post {item.get('id') or '(unknown id)'} of the thread is unavailable "
                f"({item.get('reason', 'unavailable')}); a gap is marked there"
            )
    author = _fx_handle(focal)

    # Walk upward when the earliest post still replies to its own author (a partial unroll).
    known = {str(item.get("id")) for item in chain} | {str(focal.get("id"))}
    top = min(posts, key=lambda item: _int_id(item.get("id")))
    parent = _fx_self_parent(top, author)
    steps = 0
    while parent and parent not in known and steps < MAX_WALK:
        steps += 1
        code, parent_body = get_json(
            client,
            f"{FXTWITTER_API}/2/status/{parent}",
            log=log,
            what=f"FxTwitter post {parent}",
            policy=policy,
        )
        try:
            parent_status = _fx_check(parent, code, parent_body)
        except FetchError as exc:
            warnings.append(
                f"post {parent} of the thread could not be fetched ({exc.detail}); a gap is marked there"
            )
            break
        responses.append(
            tag_response(
                parent_body, provider="fxtwitter", endpoint="2/status/:id", requested_id=parent
            )
        )
        known.add(parent)
        parent = _fx_self_parent(parent_status, author)
    return responses, warnings


def _fx_check(post_id: str, status_code: int, body: Any) -> dict[str, Any]:
    """The focal status of an FxTwitter answer, or the error that says why there is none."""
    if not isinstance(body, dict):
        raise FetchError(
            f"FxTwitter answered HTTP {status_code} without JSON; try --via syndication",
            post_id=post_id,
        )
    status = body.get("status") or body.get("tweet")
    code = body.get("code", status_code)
    if isinstance(status, dict) and status.get("type") == "tombstone":
        raise _unavailable(post_id, str(status.get("reason") or "unavailable"))
    if status_code == 200 and isinstance(status, dict) and status.get("id"):
        return status
    message = str(body.get("message") or body.get("error") or "")
    if code == 404 or status_code == 404 or message == "NOT_FOUND":
        raise PostUnavailable(
            "no such post (deleted, or a wrong id); check the URL", post_id=post_id
        )
    if code == 401 or message == "PRIVATE_TWEET":
        if "user-agent" in message.lower():
            raise FetchError(
                "FxTwitter refused the request (User-Agent); try --via syndication", post_id=post_id
            )
        raise _unavailable(post_id, "private")
    if status_code == 429 or code == 429:
        raise FetchError(
            "FxTwitter is rate limiting requests (429); wait a minute or try --via syndication",
            post_id=post_id,
        )
    raise FetchError(
        f"FxTwitter could not fetch it (HTTP {status_code}{', ' + message if message else ''}); "
        "try again later or use --via syndication",
        post_id=post_id,
    )


def _unavailable(post_id: str, reason: str) -> PostUnavailable:
    texts = {
        "deleted": "the post was deleted",
        "suspended": "the account that posted it is suspended",
        "private": "the post is protected (only approved followers can see it)",
        "blocked": "the post's author blocks logged-out viewers",
    }
    return PostUnavailable(
        f"{texts.get(reason, 'the post is unavailable')}; it cannot be fetched", post_id=post_id
    )


def _fx_handle(status: dict[str, Any]) -> str:
    author = status.get("author") or {}
    return str(author.get("screen_name") or "").lower()


def _fx_self_parent(status: dict[str, Any], author_handle: str) -> str | None:
    """The parent id when this status replies to its own author (v2 object or v1 fields)."""
    replying = status.get("replying_to")
    if isinstance(replying, dict):
        handle = str(replying.get("screen_name") or "").lower()
        parent = replying.get("status") or replying.get("post")
    else:
        handle = str(replying or "").lower()
        parent = status.get("replying_to_status")
    if parent and handle and handle == author_handle:
        return str(parent)
    return None


def _int_id(value: Any) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0


# --- syndication ---------------------------------------------------------------------------

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _js_number_to_string(value: float, radix: int) -> str:
    """JavaScript's `Number.prototype.toString(radix)` for a positive double (V8's algorithm:
    fraction digits only up to the double's precision, rounding half to even)."""
    integer: float = math.floor(value)
    fraction = value - integer
    delta = max(math.nextafter(0.0, 1.0), 0.5 * (math.nextafter(value, math.inf) - value))
    fraction_digits: list[int] = []
    if fraction >= delta:
        while True:
            fraction *= radix
            delta *= radix
            digit = int(fraction)
            fraction_digits.append(digit)
            fraction -= digit
            if (fraction > 0.5 or (fraction == 0.5 and digit & 1)) and fraction + delta > 1:
                # Round up, carrying into earlier digits (and into the integer part).
                while True:
                    if not fraction_digits:
                        integer += 1
                        break
                    last = fraction_digits.pop()
                    if last + 1 < radix:
                        fraction_digits.append(last + 1)
                        break
                break
            if not fraction >= delta:
                break
    integer_digits: list[int] = []
    while integer / radix >= 2.0**53:  # digits below the double's precision print as 0
        integer /= radix
        integer_digits.append(0)
    while True:
        remainder = math.fmod(integer, radix)
        integer_digits.append(int(remainder))
        integer = (integer - remainder) / radix
        if not integer > 0:
            break
    text = "".join(_DIGITS[digit] for digit in reversed(integer_digits))
    if fraction_digits:
        text += "." + "".join(_DIGITS[digit] for digit in fraction_digits)
    return text


def syndication_token(post_id: str) -> str:
    """The `token` the syndication endpoint wants: JS `((id / 1e15) * Math.PI).toString(36)`
    with zeros and the point removed (formula from vercel/react-tweet, see docs/formats.md §5)."""
    value = float(int(post_id)) / 1e15 * math.pi
    return re.sub(r"(0+|\.)", "", _js_number_to_string(value, 36))


def fetch_thread_syndication(
    post_id: str, client: httpx.Client, *, log: RequestLog, policy: RetryPolicy
) -> tuple[list[dict[str, Any]], list[str]]:
    responses: list[dict[str, Any]] = []
    warnings: list[str] = []
    author_id: str | None = None
    current: str | None = post_id
    focal: dict[str, Any] | None = None
    steps = 0
    while current and steps < MAX_WALK:
        steps += 1
        params = {"id": current, "lang": "en", "token": syndication_token(current)}
        status_code, body = get_json(
            client,
            SYNDICATION_URL,
            params=params,
            log=log,
            what=f"syndication post {current}",
            policy=policy,
        )
        problem = _syndication_problem(status_code, body)
        if problem:
            if current == post_id:
                if status_code >= 500 or status_code == 429:
                    raise FetchError(
                        f"X's syndication endpoint failed ({problem}); try again later",
                        post_id=post_id,
                    )
                raise PostUnavailable(f"{problem}; check the URL", post_id=post_id)
            # Keep the answer (tagged with the id) so the reader can mark the gap offline too.
            responses.append(
                tag_response(
                    body if isinstance(body, dict) else {},
                    provider="syndication",
                    endpoint="tweet-result",
                    requested_id=current,
                )
            )
            warnings.append(
                f"post {current} of the thread could not be fetched ({problem}); earlier posts "
                "could not be reached through it"
            )
            break
        responses.append(
            tag_response(
                body, provider="syndication", endpoint="tweet-result", requested_id=current
            )
        )
        user = body.get("user") or {}
        if author_id is None:
            author_id = str(user.get("id_str") or "")
            focal = body
        parent = body.get("in_reply_to_status_id_str") or (body.get("parent") or {}).get("id_str")
        parent_author = body.get("in_reply_to_user_id_str") or (
            (body.get("parent") or {}).get("user") or {}
        ).get("id_str")
        current = (
            str(parent) if parent and author_id and str(parent_author or "") == author_id else None
        )
    if focal is not None and _may_continue_below(focal):
        warnings.append(
            f"X's syndication endpoint cannot see replies below post {post_id}; if it is not the "
            "last post of the thread, give the URL of the last post (or use --via fxtwitter)"
        )
    if focal is not None and isinstance(focal.get("note_tweet"), dict):
        warnings.append(f"post {post_id} is a long post; syndication gives only its first part")
    return responses, warnings


def _syndication_problem(status_code: int, body: Any) -> str | None:
    if status_code == 404 or body == {} or (status_code == 200 and body is None):
        return "no such post (deleted, or a wrong id)"
    if isinstance(body, dict) and body.get("__typename") == "TweetTombstone":
        return "the post is unavailable (deleted, protected or age-restricted)"
    if status_code >= 400:
        return f"HTTP {status_code}"
    if not isinstance(body, dict) or not body.get("id_str"):
        return "the answer was not a post"
    return None


def _may_continue_below(focal: dict[str, Any]) -> bool:
    """Evidence that the given post has replies (so the thread may go on below it)."""
    if isinstance(focal.get("self_thread"), dict):
        return True
    count = focal.get("conversation_count")
    # conversation_count is 1 for a lone post (it counts the post itself).
    return isinstance(count, int) and count > 1
