"""A fake Mastodon instance for the fetch tests, served through httpx.MockTransport: no test ever
touches the network.

`FakeInstance` holds a synthetic self-thread (and replies by other accounts) in the shape of the
real mastodon.social answers in fixtures/mastodon/realdata, and answers `/api/v1/statuses/:id`,
`/api/v1/statuses/:id/context` and `/api/v2/instance` as Mastodon does for visitors who are not
signed in: at most 40 ancestors (the nearest), 60 descendants, 20 levels deep, depth first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

ANCESTORS_LIMIT = 40
DESCENDANTS_LIMIT = 60
DEPTH_LIMIT = 20
START = datetime(2024, 7, 18, 19, 0, tzinfo=UTC)


def mastodon_id(moment: datetime, sequence: int = 0) -> str:
    return str((int(moment.timestamp() * 1000) << 16) + sequence)


def account(host: str, number: str, username: str, name: str, *, remote_on: str = "") -> dict:
    """An account as `host` shows it (`remote_on`: the instance showing a remote account)."""
    acct = f"{username}@{host}" if remote_on else username
    return {
        "id": number,
        "username": username,
        "acct": acct,
        "display_name": name,
        "url": f"https://{host}/@{username}",
        "uri": f"https://{host}/users/{username}",
        "emojis": [],
        "fields": [],
    }


@dataclass
class FakeInstance:
    """One instance's view of a thread of `size` self-replies by `author`."""

    host: str
    size: int
    author: dict[str, Any]
    origin: str = ""  # the author's own host when they are remote here
    origin_ids: list[str] = field(default_factory=list)  # the posts' ids on the origin
    stranger_replies: int = 0  # replies by another account under every post
    deleted: set[int] = field(default_factory=set)  # thread positions that are gone
    max_characters: int = 500
    statuses: dict[str, dict[str, Any]] = field(default_factory=dict)
    thread_ids: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    # path -> (status code, body, headers) to answer instead, once or always
    overrides: dict[str, list[tuple[int, Any, dict[str, str]]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        stranger = account("elsewhere.example", "777", "reader", "A Reader", remote_on=self.host)
        previous: str | None = None
        for position in range(self.size):
            moment = START + timedelta(minutes=position)
            status_id = mastodon_id(moment, 1)
            self.thread_ids.append(status_id)
            origin_id = self.origin_ids[position] if self.origin_ids else status_id
            home = self.origin or self.host
            self.statuses[status_id] = {
                "id": status_id,
                "created_at": moment.isoformat().replace("+00:00", ".000Z"),
                "in_reply_to_id": previous,
                "in_reply_to_account_id": self.author["id"] if previous else None,
                "sensitive": False,
                "spoiler_text": "",
                "visibility": "public",
                "language": "en",
                "uri": f"https://{home}/users/{self.author['username']}/statuses/{origin_id}",
                "url": f"https://{home}/@{self.author['username']}/{origin_id}",
                "edited_at": None,
                "content": f"<p>Part {position + 1} of the thread, with a few words</p>",
                "reblog": None,
                "account": self.author,
                "media_attachments": [],
                "mentions": [],
                "tags": [],
                "emojis": [],
                "quote": None,
                "card": None,
                "poll": None,
            }
            for number in range(self.stranger_replies):
                reply_id = mastodon_id(moment + timedelta(seconds=30), 100 + number)
                self.statuses[reply_id] = {
                    **self.statuses[status_id],
                    "id": reply_id,
                    "in_reply_to_id": status_id,
                    "in_reply_to_account_id": self.author["id"],
                    "uri": f"https://elsewhere.example/users/reader/statuses/{reply_id}",
                    "url": f"https://elsewhere.example/@reader/{reply_id}",
                    "content": "<p>Nice one</p>",
                    "account": stranger,
                }
            previous = status_id
        for position in self.deleted:
            del self.statuses[self.thread_ids[position]]

    # -- the API ---------------------------------------------------------------------------
    def _children(self, parent: str) -> list[dict[str, Any]]:
        kids = [s for s in self.statuses.values() if s["in_reply_to_id"] == parent]
        return sorted(kids, key=lambda s: int(s["id"]))

    def ancestors(self, status: dict[str, Any]) -> list[dict[str, Any]]:
        chain = []
        parent = status["in_reply_to_id"]
        while parent is not None and parent in self.statuses and len(chain) < ANCESTORS_LIMIT:
            chain.append(self.statuses[parent])
            parent = self.statuses[parent]["in_reply_to_id"]
        return list(reversed(chain))

    def descendants(self, status_id: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []

        def walk(parent: str, depth: int) -> None:
            for kid in self._children(parent):
                if len(found) >= DESCENDANTS_LIMIT:
                    return
                found.append(kid)
                if depth < DEPTH_LIMIT:
                    walk(kid["id"], depth + 1)

        walk(status_id, 1)
        return found

    def answer(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.requests.append(str(request.url))
        queued = self.overrides.get(path)
        if queued:
            code, body, headers = queued[0] if len(queued) == 1 else queued.pop(0)
            return _json(code, body, headers)
        parts = path.strip("/").split("/")
        if path == "/api/v2/instance":
            return _json(
                200,
                {
                    "domain": self.host,
                    "version": "4.3.2",
                    "configuration": {"statuses": {"max_characters": self.max_characters}},
                },
            )
        if parts[:3] == ["api", "v1", "statuses"] and len(parts) in (4, 5):
            status = self.statuses.get(parts[3])
            if status is None:
                return _json(404, {"error": "Record not found"})
            if len(parts) == 4:
                return _json(200, status)
            if parts[4] == "context":
                return _json(
                    200,
                    {
                        "ancestors": self.ancestors(status),
                        "descendants": self.descendants(parts[3]),
                    },
                )
        return _json(404, {"error": "Not Found"})


def _json(code: int, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(
        code,
        content=json.dumps(body).encode(),
        headers={"content-type": "application/json; charset=utf-8", **(headers or {})},
    )


class Network:
    """Routes each request to the fake instance of its host; an unknown host cannot be reached."""

    def __init__(self, *instances: FakeInstance) -> None:
        self.instances = {instance.host: instance for instance in instances}
        self.requests: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(str(request.url))
        instance = self.instances.get(request.url.host)
        if instance is None:
            raise httpx.ConnectError("name or service not known", request=request)
        return instance.answer(request)

    def client(self) -> httpx.Client:
        from thread2article.fetch.http import build_client

        return build_client(transport=httpx.MockTransport(self))
