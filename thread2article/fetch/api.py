"""The official X API v2 path: tweepy behind one adapter that returns raw v2 JSON dicts.

`XApiAdapter` is the only code that touches tweepy. It adds what tweepy lacks: a time-out on every
request, a request count, the one retry policy (`retry.py`: 5xx and time-outs retried, a 429
waited out until X's `x-rate-limit-reset`), applied below tweepy on its requests session so that
tweepy only ever sees final answers, and error messages that say what to do next and can never
contain the bearer token.

`fetch_thread_api` is the strategy: look up the given post; its `conversation_id` is the root;
search the author's posts in that conversation (recent search covers 7 days, full-archive search
may answer 403); then fill whatever search missed by walking reply links upward with batched
lookups of up to 100 ids.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import requests
import tweepy

from ..errors import FetchError
from ..sources.x import parse_date
from .http import PostUnavailable, RequestLog
from .retry import NoAnswer, RetryPolicy
from .tags import tag_response

TWEET_FIELDS = [
    "author_id",
    "created_at",
    "conversation_id",
    "referenced_tweets",
    "in_reply_to_user_id",
    "entities",
    "attachments",
    "note_tweet",
]
EXPANSIONS = [
    "author_id",
    "attachments.media_keys",
    "referenced_tweets.id",
    "referenced_tweets.id.author_id",
]
MEDIA_FIELDS = ["url", "alt_text", "variants", "preview_image_url", "type"]
USER_FIELDS = ["username", "name"]

LOOKUP_BATCH = 100  # the v2 lookup endpoint's limit
SEARCH_PAGE = 100  # max_results; keeps the cost at ceil(N/100) pages
MAX_SEARCH_PAGES = 50
MAX_WALK_ROUNDS = 500
RECENT_SEARCH_WINDOW_SECONDS = 7 * 24 * 3600 - 3600  # an hour of margin against clock skew
REQUEST_TIMEOUT_SECONDS = (10.0, 30.0)  # (connect, read) for requests
TOKEN_ENV_VARS = ("X_BEARER_TOKEN", "TWITTER_BEARER_TOKEN")
TWITTER_EPOCH_MS = 1288834974657


def token_from_env(environ: dict[str, str] | None = None) -> str | None:
    source = os.environ if environ is None else environ
    for name in TOKEN_ENV_VARS:
        value = (source.get(name) or "").strip()
        if value:
            return value
    return None


class SearchForbidden(FetchError):
    """Full-archive search answered 403 (the token's access level lacks it); we fall back."""


class _PolicyAdapter(requests.adapters.HTTPAdapter):
    """Sends every tweepy request under the retry policy, with a time-out (tweepy sets none),
    counting each try. A rate limit is waited out here, before tweepy reads its reset header
    (tweepy's `int()` of a hostile `x-rate-limit-reset: inf` would raise past our errors)."""

    def __init__(self, log: RequestLog, timeout: tuple[float, float], policy: RetryPolicy) -> None:
        super().__init__()
        self._log = log
        self._timeout = timeout
        self.policy = policy
        self.what = "request"  # set by XApiAdapter before each call, for messages

    def send(self, request, **kwargs):  # type: ignore[no-untyped-def, override]
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self._timeout
        host = urlsplit(request.url).hostname or "api.twitter.com"

        def one_try() -> requests.Response:
            self._log.record()
            try:
                return super(_PolicyAdapter, self).send(request, **kwargs)
            except requests.Timeout as exc:  # ConnectTimeout included: the host may answer later
                raise NoAnswer(type(exc).__name__, transient=True, timed_out=True) from None
            except requests.exceptions.ChunkedEncodingError as exc:  # broke off mid-answer
                raise NoAnswer(type(exc).__name__, transient=True) from None
            except requests.ConnectionError as exc:
                raise NoAnswer(type(exc).__name__, transient=False) from None

        return self.policy.call(
            one_try,
            lambda response: (response.status_code, response.headers),
            host=host,
            what=f"X API {self.what}",
            discard=lambda response: response.close(),
        )


class _RedactToken(logging.Filter):
    """tweepy logs request headers, Authorization included, at DEBUG level: blank the token."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self._token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if self._token:
            message = record.getMessage()
            if self._token in message:
                record.msg = message.replace(self._token, "[redacted]")
                record.args = None
        return True


class XApiAdapter:
    """Raw v2 JSON from tweepy, with time-outs, counting, retries, rate-limit waits and clean errors."""

    def __init__(
        self,
        bearer_token: str,
        *,
        tweepy_client: tweepy.Client | None = None,
        policy: RetryPolicy | None = None,
        log: RequestLog | None = None,
    ) -> None:
        if not bearer_token:
            raise FetchError(
                "no X API bearer token: set X_BEARER_TOKEN (or pass --bearer-token), "
                "or use --via fxtwitter / --via syndication"
            )
        self._token = bearer_token
        self.client = tweepy_client or tweepy.Client(
            bearer_token, return_type=dict, wait_on_rate_limit=False
        )
        self.log = log if log is not None else RequestLog()
        self._transport = _PolicyAdapter(
            self.log, REQUEST_TIMEOUT_SECONDS, policy if policy is not None else RetryPolicy()
        )
        self.client.session.mount("https://", self._transport)
        self.client.session.mount("http://", self._transport)
        _honour_ssl_cert_file(self.client.session)
        tweepy_logger = logging.getLogger("tweepy.client")
        if not any(
            isinstance(f, _RedactToken) and f._token == bearer_token for f in tweepy_logger.filters
        ):
            tweepy_logger.addFilter(_RedactToken(bearer_token))

    @property
    def requests(self) -> int:
        return self.log.count

    # --- endpoints -------------------------------------------------------------------------

    def get_tweet(self, post_id: str) -> dict[str, Any]:
        return self._call(f"post {post_id}", self.client.get_tweet, post_id, **_fields())

    def get_tweets(self, post_ids: list[str]) -> dict[str, Any]:
        if not 0 < len(post_ids) <= LOOKUP_BATCH:
            raise ValueError(f"lookup takes 1 to {LOOKUP_BATCH} ids, got {len(post_ids)}")
        return self._call(f"{len(post_ids)} posts", self.client.get_tweets, post_ids, **_fields())

    def search(
        self,
        query: str,
        *,
        full_archive: bool,
        start_time: datetime | None = None,
        next_token: str | None = None,
    ) -> dict[str, Any]:
        params: dict[str, Any] = dict(_fields(), max_results=SEARCH_PAGE)
        if start_time is not None:
            params["start_time"] = start_time
        if next_token:
            params["next_token"] = next_token
        method = self.client.search_all_tweets if full_archive else self.client.search_recent_tweets
        what = "full-archive search" if full_archive else "recent search"
        return self._call(what, method, query, full_archive_search=full_archive, **params)

    # --- error handling --------------------------------------------------------------------

    def _call(
        self,
        what: str,
        method: Callable[..., Any],
        *args: Any,
        full_archive_search: bool = False,
        **params: Any,
    ) -> dict[str, Any]:
        self._transport.what = what  # retries and rate limits are the transport's (_PolicyAdapter)
        try:
            result = method(*args, **params)
        except tweepy.Unauthorized:
            raise FetchError(
                f"X API {what}: the bearer token was refused (401); check X_BEARER_TOKEN or "
                "--bearer-token, or use --via fxtwitter to fetch without a token"
            ) from None
        except tweepy.Forbidden as exc:
            detail = self._scrub("; ".join(str(m) for m in exc.api_messages)[:200])
            if full_archive_search:
                raise SearchForbidden(
                    f"X API {what} is not available to this token (403)"
                ) from None
            raise FetchError(
                f"X API {what}: access forbidden (403){': ' + detail if detail else ''}; your API "
                "access level may not include this endpoint; try --via fxtwitter"
            ) from None
        except tweepy.NotFound:
            raise FetchError(f"X API {what}: not found (404); check the post URL or id") from None
        except tweepy.BadRequest as exc:
            detail = self._scrub("; ".join(str(m) for m in exc.api_messages)[:200])
            if full_archive_search:
                # Some access levels answer 400 rather than 403 for full-archive search.
                raise SearchForbidden(f"X API {what} was refused (400): {detail}") from None
            raise FetchError(f"X API {what}: the request was refused (400): {detail}") from None
        except tweepy.HTTPException as exc:
            raise FetchError(
                self._scrub(f"X API {what}: unexpected answer ({_status(exc)}); try again later")
            ) from None
        except requests.RequestException as exc:  # an answer tweepy cannot read (not JSON)
            raise FetchError(
                f"X API {what}: unreadable answer ({type(exc).__name__}); try again later"
            ) from None
        if not isinstance(result, dict):
            raise FetchError(f"X API {what}: the answer was not a JSON object")
        return result

    def _scrub(self, text: str) -> str:
        return text.replace(self._token, "[redacted]") if self._token else text


def _fields() -> dict[str, Any]:
    return {
        "tweet_fields": TWEET_FIELDS,
        "expansions": EXPANSIONS,
        "media_fields": MEDIA_FIELDS,
        "user_fields": USER_FIELDS,
    }


def _status(exc: tweepy.HTTPException) -> str:
    response = getattr(exc, "response", None)
    code = getattr(response, "status_code", None)
    return f"HTTP {code}" if code else "HTTP error"


def _honour_ssl_cert_file(session: requests.Session) -> None:
    """requests reads REQUESTS_CA_BUNDLE itself but not SSL_CERT_FILE; httpx reads the latter."""
    cert_file = os.environ.get("SSL_CERT_FILE")
    if cert_file and not (os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")):
        session.verify = cert_file


# --- strategy ------------------------------------------------------------------------------


def snowflake_time(post_id: str) -> datetime | None:
    """When a post was created, read from its id (ids after late 2010 embed a timestamp)."""
    try:
        value = int(post_id)
    except ValueError:
        return None
    if value < 2**32:  # pre-snowflake ids carry no time
        return None
    return datetime.fromtimestamp(((value >> 22) + TWITTER_EPOCH_MS) / 1000, UTC)


def _tweets_of(response: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    data = response.get("data")
    primary = [data] if isinstance(data, dict) else [t for t in (data or []) if isinstance(t, dict)]
    included = [
        t for t in (response.get("includes") or {}).get("tweets", []) if isinstance(t, dict)
    ]
    return primary, included


def _self_reply_parent(tweet: dict[str, Any], author_id: str) -> str | None:
    """The id this post replies to, when it replies to its own author (a thread link)."""
    if str(tweet.get("in_reply_to_user_id") or "") != author_id:
        return None
    for ref in tweet.get("referenced_tweets") or []:
        if ref.get("type") == "replied_to" and ref.get("id"):
            return str(ref["id"])
    return None


def _missing_from_errors(response: dict[str, Any]) -> dict[str, str]:
    missing: dict[str, str] = {}
    for error in response.get("errors") or []:
        if not isinstance(error, dict) or error.get("resource_type") != "tweet":
            continue
        post_id = str(error.get("resource_id") or error.get("value") or "")
        if post_id:
            missing[post_id] = str(error.get("title") or error.get("detail") or "not found")
    return missing


def _focal_error(post_id: str, response: dict[str, Any]) -> PostUnavailable:
    for error in response.get("errors") or []:
        text = f"{error.get('title', '')} {error.get('detail', '')} {error.get('type', '')}".lower()
        if "suspended" in text:
            return PostUnavailable(
                "the account that posted it is suspended; nothing can be fetched", post_id=post_id
            )
        if "authoriz" in text or "not-authorized" in text or "protected" in text:
            return PostUnavailable(
                "the post is protected (only approved followers can see it); it cannot be fetched with an app token",
                post_id=post_id,
            )
        if "could not find" in text or "not found" in text or "resource-not-found" in text:
            return PostUnavailable(
                "no such post (deleted, or a wrong id); check the URL", post_id=post_id
            )
    return PostUnavailable("the X API returned no post for this id; check the URL", post_id=post_id)


def fetch_thread_api(
    post_id: str,
    adapter: XApiAdapter,
    *,
    clock: Callable[[], float] = time.time,
) -> tuple[list[dict[str, Any]], list[str]]:
    """Every raw v2 response needed to rebuild the thread that `post_id` belongs to, plus warnings."""
    responses: list[dict[str, Any]] = []
    warnings: list[str] = []

    first = adapter.get_tweet(post_id)
    responses.append(_tag(first, "tweets/:id"))
    primary, _ = _tweets_of(first)
    if not primary:
        raise _focal_error(post_id, first)
    focal = primary[0]
    author_id = str(focal.get("author_id") or "")
    root_id = str(focal.get("conversation_id") or focal.get("id"))
    if not author_id:
        raise FetchError(
            "the X API answer has no author_id; cannot follow the thread", post_id=post_id
        )

    # Posts seen as primary data (complete with media) and those only seen in includes.
    fetched: dict[str, dict[str, Any]] = {}
    seen: dict[str, dict[str, Any]] = {}
    missing: dict[str, str] = {}

    def absorb(response: dict[str, Any]) -> None:
        prim, incl = _tweets_of(response)
        for tweet in prim:
            fetched[str(tweet.get("id"))] = tweet
            seen[str(tweet.get("id"))] = tweet
        for tweet in incl:
            seen.setdefault(str(tweet.get("id")), tweet)
        for missing_id, reason in _missing_from_errors(response).items():
            if missing_id not in fetched:
                missing[missing_id] = reason

    absorb(first)

    searched = _search_conversation(
        post_id, root_id, author_id, focal, adapter, responses, warnings, absorb, clock
    )

    # Walk reply links upward from every author post we know of; batch what is missing.
    for _ in range(MAX_WALK_ROUNDS):
        wanted: list[str] = []
        if root_id not in fetched and root_id not in missing:
            wanted.append(root_id)
        for tweet in list(seen.values()):
            if str(tweet.get("author_id") or "") != author_id:
                continue
            if str(tweet.get("conversation_id") or root_id) != root_id:
                continue
            tweet_id = str(tweet.get("id"))
            if tweet_id not in fetched and tweet_id not in missing:
                wanted.append(tweet_id)
            parent = _self_reply_parent(tweet, author_id)
            if parent and parent not in fetched and parent not in missing:
                wanted.append(parent)
        wanted = list(dict.fromkeys(wanted))
        if not wanted:
            break
        for start in range(0, len(wanted), LOOKUP_BATCH):
            batch = wanted[start : start + LOOKUP_BATCH]
            response = adapter.get_tweets(batch)
            responses.append(_tag(response, "tweets"))
            absorb(response)
            for lost in batch:
                if lost not in fetched and lost not in missing:
                    missing[lost] = "not returned by the X API"

    for lost, reason in missing.items():
        if lost == root_id:
            warnings.append(
                f"the thread's first post {lost} could not be fetched ({reason}); the article starts later"
            )
        elif lost != post_id:
            warnings.append(
                f"post {lost} of the thread could not be fetched ({reason}); a gap is marked there"
            )
    if not searched:
        warnings.append(
            f"could not search the conversation of post {post_id}: only the posts from the first "
            "up to the given one were fetched; later posts are missing unless you give the URL of "
            "the thread's last post"
        )
    return responses, warnings


def _search_conversation(
    post_id: str,
    root_id: str,
    author_id: str,
    focal: dict[str, Any],
    adapter: XApiAdapter,
    responses: list[dict[str, Any]],
    warnings: list[str],
    absorb: Callable[[dict[str, Any]], None],
    clock: Callable[[], float],
) -> bool:
    """Search the author's posts in the conversation; False when no search could cover it."""
    query = f"conversation_id:{root_id} from:{author_id}"
    now = datetime.fromtimestamp(clock(), UTC)
    root_time = snowflake_time(root_id)
    focal_time = _parse_time(focal.get("created_at")) or snowflake_time(post_id)

    def within_recent_window(moment: datetime | None) -> bool:
        return moment is not None and (now - moment).total_seconds() < RECENT_SEARCH_WINDOW_SECONDS

    if within_recent_window(root_time):
        _paginate(
            adapter, query, False, root_time, responses, absorb, endpoint="tweets/search/recent"
        )
        return True
    start_time = root_time.replace(microsecond=0) if root_time else None
    try:
        _paginate(adapter, query, True, start_time, responses, absorb, endpoint="tweets/search/all")
        return True
    except SearchForbidden as exc:
        warnings.append(f"{exc.detail}; searching the last 7 days only and following reply links")
    if within_recent_window(focal_time):
        # The older part is filled by walking reply links; the recent part is found by search.
        _paginate(adapter, query, False, None, responses, absorb, endpoint="tweets/search/recent")
        return True
    return False


def _paginate(
    adapter: XApiAdapter,
    query: str,
    full_archive: bool,
    start_time: datetime | None,
    responses: list[dict[str, Any]],
    absorb: Callable[[dict[str, Any]], None],
    *,
    endpoint: str,
) -> None:
    next_token: str | None = None
    for _ in range(MAX_SEARCH_PAGES):
        page = adapter.search(
            query, full_archive=full_archive, start_time=start_time, next_token=next_token
        )
        responses.append(_tag(page, endpoint))
        absorb(page)
        next_token = (page.get("meta") or {}).get("next_token")
        if not next_token:
            return


def _parse_time(text: Any) -> datetime | None:
    try:
        return parse_date(text)
    except ValueError:
        return None


def _tag(response: dict[str, Any], endpoint: str) -> dict[str, Any]:
    return tag_response(response, provider="api", endpoint=endpoint)
