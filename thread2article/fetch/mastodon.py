"""Fetch a Mastodon thread live, with no account: any instance's public REST API through httpx.

A status URL (`https://host/@user/ID`, `https://host/@user@origin/ID`,
`https://host/users/user/statuses/ID`, `https://host/web/statuses/ID`) names a post by the id
*that instance* gave it. The requests:

1. `GET /api/v1/statuses/:id` — the post. When its author lives on another instance, the post is
   read again from that origin instance (its id is the number ending the post's ActivityPub URI):
   an instance only knows the replies that reached it, the origin knows all of its author's.
2. `GET /api/v1/statuses/:id/context` — ancestors and descendants. For visitors who are not
   signed in Mastodon returns at most 40 ancestors and 60 descendants, 20 levels deep; when the
   author's chain may run past what came back, the context of its last (or first) post is asked
   for too, until the chain ends.
3. `GET /api/v2/instance` — the instance's post length limit (500 unless it says otherwise).

So a thread of N posts costs 3 requests when given its last post (N ≤ 41), and
3 + ceil((N - 20) / 20) when given its first (4 for 25 posts: the first context reaches post 21,
20 levels down, the second the rest), one more when the post is read from its origin, and more
when other people's replies fill the 60 descendants a context returns. Every answer is saved as received with a `__thread2article` tag (provider
`mastodon`, endpoint, id, instance) so `convert FILE` rebuilds the same article offline.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import httpx

from ..errors import FetchError
from .http import PostUnavailable, RequestLog, get_json
from .retry import RetryPolicy
from .tags import TAG_KEY, tag_response

PROVIDER = "mastodon"
# Mastodon's limits for visitors who are not signed in (Api::V1::Statuses::ContextsController).
ANCESTORS_LIMIT = 40
DESCENDANTS_LIMIT = 60
DESCENDANTS_DEPTH_LIMIT = 20
# Upper bound on context requests for one thread: a runaway walk must stop.
MAX_CONTEXT_REQUESTS = 50

_ID = r"(?P<id>\d{1,20})"
_OTHER_ID = r"(?P<id>[0-9A-Za-z]{1,40})"
_PATHS = (
    # /@user/ID, /@user@origin/ID, /web/@user/ID, /deck/@user/ID (and /embed after it)
    re.compile(r"^/(?:web/|deck/)?@(?P<user>[^/@\s]+(?:@[^/\s]+)?)/" + _ID + r"(?:/embed)?/?$"),
    # /users/user/statuses/ID (the ActivityPub id; also /activity after it)
    re.compile(r"^/users/(?P<user>[^/\s]+)/statuses/" + _ID + r"(?:/activity)?/?$"),
    # /web/statuses/ID (the web app's older links)
    re.compile(r"^/web/statuses/" + _ID + r"/?$"),
    # Servers that speak the same API with other ids: GoToSocial (/@user/statuses/<ULID>) and
    # Pleroma or Akkoma (/notice/<flake id>).
    re.compile(r"^/@(?P<user>[^/@\s]+)/statuses/" + _OTHER_ID + r"/?$"),
    re.compile(r"^/notice/" + _OTHER_ID + r"/?$"),
)
# X and its mirrors are never Mastodon instances, whatever the path looks like.
_X_HOSTS = re.compile(
    r"(?:^|\.)(?:x|twitter|fxtwitter|vxtwitter|fixupx|fixvx|nitter)\.(?:com|net)$", re.IGNORECASE
)
_STATUS_URI = re.compile(r"^https?://[^/]+/users/[^/]+/statuses/(?P<id>[0-9A-Za-z]{1,40})/?$")


class MastodonRef(NamedTuple):
    host: str
    id: str


def mastodon_ref(text: str) -> MastodonRef | None:
    """The instance and status id a Mastodon status URL names, or None when it is not one."""
    candidate = (text or "").strip().strip("<>")
    if "://" not in candidate:
        if "/@" not in candidate and "/users/" not in candidate:
            return None
        candidate = "https://" + candidate
    try:
        parts = urlsplit(candidate)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host or _X_HOSTS.search(host):
        return None
    for pattern in _PATHS:
        match = pattern.match(parts.path)
        if match:
            netloc = f"{host}:{port}" if port else host
            return MastodonRef(netloc, match.group("id"))
    return None


class _Instance:
    """Requests to one instance's API, counted in `log`, under the retry policy."""

    def __init__(
        self, host: str, client: httpx.Client, log: RequestLog, policy: RetryPolicy
    ) -> None:
        self.host = host
        self.client = client
        self.log = log
        self.policy = policy

    def get(self, path: str, what: str) -> tuple[int, Any]:
        """GET `https://host/api/…` → (status code, parsed JSON or None)."""
        return get_json(
            self.client, f"https://{self.host}{path}", log=self.log, what=what, policy=self.policy
        )


def _is_status(body: Any) -> bool:
    return (
        isinstance(body, dict)
        and body.get("id") is not None
        and isinstance(body.get("content"), str)
        and isinstance(body.get("account"), dict)
    )


def _status_problem(host: str, status_code: int, body: Any) -> FetchError | None:
    """Why an answer to `/statuses/:id` is not a post (None when it is one)."""
    if status_code == 200 and _is_status(body):
        return None
    message = str(body.get("error") or "") if isinstance(body, dict) else ""
    if status_code == 404:
        return PostUnavailable(
            f"no such post on {host} (deleted, not public, or a wrong id); check the URL"
        )
    if status_code == 410:
        return PostUnavailable(f"the post was deleted from {host}")
    if status_code in (401, 403):
        return PostUnavailable(
            f"{host} does not show this post to visitors who are not signed in (HTTP "
            f"{status_code}{': ' + message if message else ''}); the instance may require sign-in "
            "or block this kind of access: try the post's URL on the author's own instance"
        )
    if status_code == 200 or body is None:
        return FetchError(
            f"{host} did not answer as a Mastodon instance (HTTP {status_code}, no status JSON); "
            "check the URL"
        )
    return FetchError(
        f"{host} could not return the post (HTTP {status_code}{', ' + message if message else ''}); "
        "try again later"
    )


def _tagged(body: Any, endpoint: str, requested_id: str | None, host: str) -> dict[str, Any]:
    tagged = tag_response(body, provider=PROVIDER, endpoint=endpoint, requested_id=requested_id)
    tagged[TAG_KEY]["instance"] = host
    return tagged


def _origin(status: dict[str, Any], host: str) -> MastodonRef | None:
    """Where a remote author's post lives, when that server speaks Mastodon's API: its
    ActivityPub id is `https://origin/users/<name>/statuses/<id>`."""
    account = status.get("account") or {}
    if "@" not in str(account.get("acct") or ""):
        return None
    match = _STATUS_URI.match(str(status.get("uri") or ""))
    if not match:
        return None
    try:
        parts = urlsplit(str(status["uri"]))
        # An instance on a port of its own is reached on that port.
        origin = (parts.hostname or "").lower()
        if origin and parts.port:
            origin = f"{origin}:{parts.port}"
    except ValueError:
        return None
    if not origin or origin == host:
        return None
    return MastodonRef(origin, match.group("id"))


class _Thread:
    """The statuses gathered so far and the author's chain through them."""

    def __init__(self, focal: dict[str, Any]) -> None:
        self.author = str((focal.get("account") or {}).get("id") or "")
        self.statuses: dict[str, dict[str, Any]] = {str(focal["id"]): focal}

    def add(self, items: Any) -> int:
        added = 0
        for item in items if isinstance(items, list) else []:
            if _is_status(item) and str(item["id"]) not in self.statuses:
                self.statuses[str(item["id"])] = item
                added += 1
        return added

    def _own(self, status: dict[str, Any]) -> bool:
        return str((status.get("account") or {}).get("id") or "") == self.author

    def top(self, start: str) -> tuple[str, bool]:
        """(the earliest post of the chain above `start`, whether its parent is the author's own
        post that is not here yet)."""
        current = self.statuses[start]
        seen = {start}
        while True:
            parent = current.get("in_reply_to_id")
            if parent is None or str(current.get("in_reply_to_account_id")) != self.author:
                return str(current["id"]), False
            parent_status = self.statuses.get(str(parent))
            if parent_status is None:
                return str(current["id"]), True
            if str(parent) in seen:
                return str(current["id"]), False
            seen.add(str(parent))
            current = parent_status

    def bottom(self, start: str) -> tuple[str, int]:
        """(the last post of the chain below `start`, following the earliest self-reply at a
        fork as the reader does, and how many steps down it is)."""
        children: dict[str, list[dict[str, Any]]] = {}
        for status in self.statuses.values():
            parent = status.get("in_reply_to_id")
            if parent is not None and self._own(status):
                children.setdefault(str(parent), []).append(status)
        current, depth, seen = start, 0, {start}
        while True:
            kids = [kid for kid in children.get(current, []) if str(kid["id"]) not in seen]
            if not kids:
                return current, depth
            kids.sort(
                key=lambda kid: (
                    str(kid.get("created_at") or ""),
                    len(str(kid["id"])),
                    str(kid["id"]),
                )
            )
            current = str(kids[0]["id"])
            seen.add(current)
            depth += 1


def fetch_thread_mastodon(
    ref: MastodonRef,
    client: httpx.Client,
    *,
    log: RequestLog,
    policy: RetryPolicy,
) -> tuple[list[dict[str, Any]], list[str], str]:
    """(the tagged answers, warnings, the post's id on the instance the thread was read from)."""
    warnings: list[str] = []
    instance = _Instance(ref.host, client, log, policy)
    code, body = instance.get(f"/api/v1/statuses/{ref.id}", f"post {ref.id}")
    problem = _status_problem(ref.host, code, body)
    if problem is not None:
        raise problem
    post_id = ref.id
    if isinstance(body.get("reblog"), dict) and _is_status(body["reblog"]):
        # A boost's URL: the thread is the boosted post's.
        body = body["reblog"]
        post_id = str(body["id"])
    origin = _origin(body, ref.host)
    if origin is not None:
        remote = _Instance(origin.host, client, log, policy)
        try:
            origin_code, origin_body = remote.get(
                f"/api/v1/statuses/{origin.id}", f"post {origin.id}"
            )
            origin_problem = _status_problem(origin.host, origin_code, origin_body)
        except FetchError as error:
            origin_problem = error
        if origin_problem is None:
            instance, body, post_id = remote, origin_body, origin.id
        else:
            warnings.append(
                f"the author's own instance could not be read ({origin_problem.detail}); the thread "
                f"is as {ref.host} knows it, which may miss posts that never reached it"
            )
    elif "@" in str((body.get("account") or {}).get("acct") or ""):
        warnings.append(
            f"the author's server does not speak Mastodon's API; the thread is as {ref.host} "
            "knows it, which may miss posts that never reached it"
        )
    responses = [_tagged(body, "statuses/:id", post_id, instance.host)]
    thread = _Thread(body)

    def context(status_id: str) -> dict[str, Any]:
        status_code, answer = instance.get(
            f"/api/v1/statuses/{status_id}/context", f"context of post {status_id}"
        )
        if (
            status_code != 200
            or not isinstance(answer, dict)
            or not isinstance(answer.get("ancestors"), list)
            or not isinstance(answer.get("descendants"), list)
        ):
            raise FetchError(
                f"{instance.host} did not return the conversation of post {status_id} "
                f"(HTTP {status_code}); try again later"
            )
        responses.append(_tagged(answer, "statuses/:id/context", status_id, instance.host))
        thread.add(answer["ancestors"])
        thread.add(answer["descendants"])
        return answer

    first = context(post_id)
    requests = 1
    # Upward: 40 ancestors at most; ask again from the earliest one while the chain goes on.
    top, more_above = thread.top(post_id)
    cut_above = len(first["ancestors"]) >= ANCESTORS_LIMIT
    while more_above and cut_above and requests < MAX_CONTEXT_REQUESTS:
        answer = context(top)
        requests += 1
        cut_above = len(answer["ancestors"]) >= ANCESTORS_LIMIT
        new_top, more_above = thread.top(top)
        if new_top == top:
            break
        top = new_top
    if more_above:
        # The author's own parent that no context returned: ask for it once, so the gap says
        # why (Mastodon answers 404 for a deleted or non-public post) offline as well.
        parent = str(thread.statuses[top].get("in_reply_to_id"))
        parent_code, parent_body = instance.get(f"/api/v1/statuses/{parent}", f"post {parent}")
        if _is_status(parent_body):
            responses.append(_tagged(parent_body, "statuses/:id", parent, instance.host))
        else:
            refusal = parent_body if isinstance(parent_body, dict) else {}
            answer = {"error": str(refusal.get("error") or f"HTTP {parent_code}")}
            tagged = _tagged(answer, "statuses/:id", parent, instance.host)
            tagged[TAG_KEY]["status"] = parent_code
            responses.append(tagged)
            warnings.append(
                f"post {parent} of the thread could not be read (HTTP {parent_code}: deleted or "
                "not public); the posts above it cannot be reached through it"
            )
    # Downward: 60 descendants, 20 levels at most; ask again from the chain's last post while
    # the answer may have been cut there.
    asked, answer = post_id, first
    while requests < MAX_CONTEXT_REQUESTS:
        bottom, depth = thread.bottom(asked)
        maybe_cut = (
            len(answer["descendants"]) >= DESCENDANTS_LIMIT or depth >= DESCENDANTS_DEPTH_LIMIT
        )
        if bottom == asked or not maybe_cut:
            break
        asked, answer = bottom, context(bottom)
        requests += 1
    if requests >= MAX_CONTEXT_REQUESTS:
        warnings.append(
            f"stopped after {requests} context requests; the thread may go on beyond what was read"
        )
    try:
        limit_code, limit_body = instance.get("/api/v2/instance", "instance information")
    except FetchError:
        limit_code, limit_body = 0, None  # the thread is read; the default limit will do
    if limit_code == 200 and isinstance(limit_body, dict):
        responses.append(_tagged(limit_body, "instance", None, instance.host))
    return responses, warnings, post_id
