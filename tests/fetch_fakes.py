"""Fake X API v2 and provider servers for the fetch tests: no test ever touches the network.

`FakeXApi` answers tweepy's requests (through the `responses` library) from a synthetic thread
whose tweets have the shape of the real v2 samples (`shared/realdata/twitter-v2`): string ids,
`author_id`, `conversation_id`, `referenced_tweets`, `in_reply_to_user_id`, `entities.urls`,
`attachments.media_keys`, `includes.users/tweets/media`, `errors[]` for deleted posts, and
`meta.next_token` for pagination. It records what it served, never the Authorization header.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import responses

TWITTER_EPOCH_MS = 1288834974657
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "fetch"
AUTHOR = {"id": "1500000001", "username": "threadwriter", "name": "Thread Writer"}
OTHER = {"id": "1500000002", "username": "someoneelse", "name": "Someone Else"}


def snowflake(moment_s: float, sequence: int = 0) -> str:
    return str(((int(moment_s * 1000) - TWITTER_EPOCH_MS) << 22) + sequence)


def iso(moment_s: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(moment_s))


@dataclass
class SyntheticThread:
    """N self-replies by AUTHOR, one a second, plus one reply by someone else under the root."""

    size: int
    start_s: float
    deleted: set[int] = field(default_factory=set)  # positions (0-based) that no longer exist
    tweets: list[dict[str, Any]] = field(default_factory=list)
    stranger_reply: dict[str, Any] | None = None
    media: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        ids = [snowflake(self.start_s + i, i) for i in range(self.size)]
        self.root_id = ids[0]
        for i, tweet_id in enumerate(ids):
            tweet: dict[str, Any] = {
                "id": tweet_id,
                "text": f"Part {i + 1} of the thread &amp; more words",
                "author_id": AUTHOR["id"],
                "created_at": iso(self.start_s + i),
                "conversation_id": self.root_id,
                "edit_history_tweet_ids": [tweet_id],
            }
            if i > 0:
                tweet["referenced_tweets"] = [{"type": "replied_to", "id": ids[i - 1]}]
                tweet["in_reply_to_user_id"] = AUTHOR["id"]
            if i == 1:
                key = f"3_{tweet_id}"
                short = "https://t.co/PhotoLink1"
                tweet["text"] += f" {short}"
                tweet["attachments"] = {"media_keys": [key]}
                tweet["entities"] = {
                    "urls": [
                        {
                            "start": 0,
                            "end": 0,
                            "url": short,
                            "expanded_url": f"https://x.com/{AUTHOR['username']}/status/{tweet_id}/photo/1",
                            "display_url": "pic.x.com/PhotoLink1",
                            "media_key": key,
                        }
                    ]
                }
                self.media[key] = {
                    "media_key": key,
                    "type": "photo",
                    "url": "https://pbs.twimg.com/media/FakePhoto1.jpg",
                    "alt_text": "A chart of the results",
                }
            self.tweets.append(tweet)
        self.stranger_reply = {
            "id": snowflake(self.start_s + self.size + 5, 99),
            "text": f"@{AUTHOR['username']} nice thread",
            "author_id": OTHER["id"],
            "created_at": iso(self.start_s + self.size + 5),
            "conversation_id": self.root_id,
            "referenced_tweets": [{"type": "replied_to", "id": self.root_id}],
            "in_reply_to_user_id": AUTHOR["id"],
        }

    @property
    def ids(self) -> list[str]:
        return [tweet["id"] for tweet in self.tweets]

    def alive(self, tweet_id: str) -> dict[str, Any] | None:
        for position, tweet in enumerate(self.tweets):
            if tweet["id"] == tweet_id:
                return None if position in self.deleted else tweet
        if self.stranger_reply and self.stranger_reply["id"] == tweet_id:
            return self.stranger_reply
        return None

    def parent_of(self, tweet: dict[str, Any]) -> str | None:
        for ref in tweet.get("referenced_tweets") or []:
            if ref["type"] == "replied_to":
                return ref["id"]
        return None


def not_found_error(tweet_id: str, parameter: str = "ids") -> dict[str, Any]:
    # The shape of twarc-csv withheld.jsonl's "Could not find tweet" error.
    return {
        "value": tweet_id,
        "detail": f"Could not find tweet with {parameter}: [{tweet_id}].",
        "title": "Not Found Error",
        "resource_type": "tweet",
        "parameter": parameter,
        "resource_id": tweet_id,
        "type": "https://api.twitter.com/2/problems/resource-not-found",
    }


class FakeXApi:
    """Answers tweepy's v2 requests for one SyntheticThread, with configurable misbehaviour."""

    API = "https://api.twitter.com/2"

    def __init__(
        self,
        thread: SyntheticThread,
        token: str,
        *,
        page_size: int = 100,
        search_includes_root: bool = False,
        full_archive_allowed: bool = True,
        rate_limit_first: int = 0,
        server_errors_first: int = 0,
        rate_limit_reset: str | None = None,  # the 429's x-rate-limit-reset (default: now + 37 s)
        now_s: float | None = None,
    ) -> None:
        self.thread = thread
        self.token = token
        self.page_size = page_size
        self.search_includes_root = search_includes_root
        self.full_archive_allowed = full_archive_allowed
        self.rate_limit_first = rate_limit_first
        self.server_errors_first = server_errors_first
        self.rate_limit_reset = rate_limit_reset
        self.now_s = now_s if now_s is not None else time.time()
        self.calls: list[str] = []  # path?query of every request (no headers kept)
        self.bad_auth = 0

    def install(self, mock: responses.RequestsMock) -> None:
        pattern = re.compile(re.escape(self.API) + r"/tweets.*")
        mock.add_callback(responses.GET, pattern, callback=self._answer)

    # --- the server ---------------------------------------------------------------------

    def _answer(self, request) -> tuple[int, dict[str, str], str]:
        parts = urlsplit(request.url)
        self.calls.append(parts.path + "?" + parts.query)
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            self.bad_auth += 1
            return (
                401,
                {"content-type": "application/json"},
                json.dumps(
                    {
                        "title": "Unauthorized",
                        "type": "about:blank",
                        "status": 401,
                        "detail": "Unauthorized",
                    }
                ),
            )
        if self.rate_limit_first > 0:
            self.rate_limit_first -= 1
            headers = {
                "content-type": "application/json",
                "x-rate-limit-limit": "450",
                "x-rate-limit-remaining": "0",
                "x-rate-limit-reset": self.rate_limit_reset or str(int(self.now_s) + 37),
            }
            return (
                429,
                headers,
                json.dumps(
                    {
                        "title": "Too Many Requests",
                        "detail": "Too Many Requests",
                        "type": "about:blank",
                        "status": 429,
                    }
                ),
            )
        if self.server_errors_first > 0:
            self.server_errors_first -= 1
            return (
                503,
                {"content-type": "application/json"},
                json.dumps({"title": "Service Unavailable", "status": 503}),
            )
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        path = parts.path
        if path.startswith("/2/tweets/search/"):
            return self._search(path.endswith("/all"), query)
        if path == "/2/tweets":
            return self._lookup(query["ids"].split(","))
        match = re.fullmatch(r"/2/tweets/(\d+)", path)
        if match:
            return self._single(match.group(1))
        return 404, {"content-type": "application/json"}, json.dumps({"title": "Not Found"})

    def _includes(self, tweets: list[dict[str, Any]]) -> dict[str, Any]:
        users = {AUTHOR["id"]: AUTHOR}
        referenced = []
        media = []
        for tweet in tweets:
            if tweet["author_id"] == OTHER["id"]:
                users[OTHER["id"]] = OTHER
            parent_id = self.thread.parent_of(tweet)
            parent = self.thread.alive(parent_id) if parent_id else None
            if parent:
                referenced.append(parent)
            for key in (tweet.get("attachments") or {}).get("media_keys", []):
                media.append(self.thread.media[key])
        includes: dict[str, Any] = {"users": list(users.values())}
        if referenced:
            includes["tweets"] = referenced
        if media:
            includes["media"] = media
        return includes

    def _reference_errors(self, tweets: list[dict[str, Any]]) -> list[dict[str, Any]]:
        errors = []
        for tweet in tweets:
            parent_id = self.thread.parent_of(tweet)
            if parent_id and self.thread.alive(parent_id) is None:
                errors.append(not_found_error(parent_id, "referenced_tweets.id"))
        return errors

    def _single(self, tweet_id: str):
        tweet = self.thread.alive(tweet_id)
        if tweet is None:
            body: dict[str, Any] = {"errors": [not_found_error(tweet_id, "id")]}
        else:
            body = {"data": tweet, "includes": self._includes([tweet])}
            errors = self._reference_errors([tweet])
            if errors:
                body["errors"] = errors
        return 200, {"content-type": "application/json"}, json.dumps(body)

    def _lookup(self, ids: list[str]):
        assert len(ids) <= 100, "the lookup endpoint takes at most 100 ids"
        found = [tweet for tweet in (self.thread.alive(i) for i in ids) if tweet]
        errors = [not_found_error(i) for i in ids if self.thread.alive(i) is None]
        body: dict[str, Any] = {}
        if found:
            body["data"] = found
            body["includes"] = self._includes(found)
        errors += self._reference_errors(found)
        if errors:
            body["errors"] = errors
        return 200, {"content-type": "application/json"}, json.dumps(body)

    def _search(self, full_archive: bool, query: dict[str, str]):
        if full_archive and not self.full_archive_allowed:
            return (
                403,
                {"content-type": "application/json"},
                json.dumps(
                    {
                        "client_id": "123",
                        "detail": "When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project.",
                        "reason": "client-not-enrolled",
                        "title": "Client Forbidden",
                        "type": "https://api.twitter.com/2/problems/client-forbidden",
                        "required_enrollment": "Appropriate Level of API Access",
                        "registration_url": "https://developer.twitter.com/en/docs/projects/overview",
                    }
                ),
            )
        match = re.fullmatch(r"conversation_id:(\d+) from:(\d+)", query["query"])
        assert match, query["query"]
        conversation, author = match.groups()
        window_start = self.now_s - 7 * 24 * 3600
        hits = []
        for position, tweet in enumerate(self.thread.tweets):
            if (
                position in self.thread.deleted
                or tweet["author_id"] != author
                or tweet["conversation_id"] != conversation
            ):
                continue
            if tweet["id"] == self.thread.root_id and not self.search_includes_root:
                continue
            moment = ((int(tweet["id"]) >> 22) + TWITTER_EPOCH_MS) / 1000
            if not full_archive and moment < window_start:
                continue
            hits.append(tweet)
        hits.sort(key=lambda t: int(t["id"]), reverse=True)  # newest first, as search answers
        offset = int(query.get("next_token", "0") or 0)
        page = hits[offset : offset + self.page_size]
        meta: dict[str, Any] = {"result_count": len(page)}
        if page:
            meta["newest_id"], meta["oldest_id"] = page[0]["id"], page[-1]["id"]
        if offset + self.page_size < len(hits):
            meta["next_token"] = str(offset + self.page_size)
        body: dict[str, Any] = {"meta": meta}
        if page:
            body["data"] = page
            body["includes"] = self._includes(page)
            errors = self._reference_errors(page)
            if errors:
                body["errors"] = errors
        return 200, {"content-type": "application/json"}, json.dumps(body)


class FixtureServer:
    """An httpx.MockTransport handler serving fixture files by URL; counts and records requests."""

    def __init__(self, routes: dict[str, Any]) -> None:
        # routes: "host/path?key=value" (query keys other than those listed are ignored) -> file
        # path under fixtures/fetch, or (status, body) tuple, or a callable(request) -> Response.
        self.routes = routes
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        url = request.url
        candidates = [f"{url.host}{url.path}"]
        if "id" in url.params:
            candidates.insert(0, f"{url.host}{url.path}?id={url.params['id']}")
        for key in candidates:
            if key in self.routes:
                route = self.routes[key]
                if callable(route):
                    return route(request)
                if isinstance(route, tuple):
                    status, body = route
                    return httpx.Response(status, json=body)
                return httpx.Response(
                    200,
                    content=(FIXTURES / route).read_bytes(),
                    headers={"content-type": "application/json"},
                )
        return httpx.Response(404, json={"code": 404, "message": "NOT_FOUND"})

    def client(self) -> httpx.Client:
        from thread2article.fetch.http import build_client

        return build_client(transport=httpx.MockTransport(self))
