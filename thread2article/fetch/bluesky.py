"""Bluesky, live and without an account: the public AppView (`public.api.bsky.app`) through httpx.

A post is named by its web URL (`https://bsky.app/profile/<handle or did>/post/<rkey>`) or its
AT URI (`at://<handle or did>/app.bsky.feed.post/<rkey>`). Requests:
1. `com.atproto.identity.resolveHandle` when the post is named by handle (a DID needs none);
2. `app.bsky.feed.getPostThread` for the post, with `parentHeight` at the AppView's maximum
   (1000), so a post given from the middle of a thread brings every post above it, up to the
   root, and `depth` 100 below it: a thread of up to 101 posts from its first post in one answer;
3. when the post is not the first of the author's chain: getPostThread again from that first
   post (`parentHeight` 0), since an answer shows the posts above the one asked for only as a
   line of parents, without their other replies; this way any post of a thread gives the same
   article, and its forks are seen;
4. only when an answer was cut below one of the author's thread posts (the node has no
   `replies` although its `replyCount` says there are some): getPostThread again from there.
So a 25-post thread costs 2 requests from a handle URL of its first post (3 from a later post),
and one fewer from a DID URL or an AT URI with a DID.

The answers are kept as received, each with the `__thread2article` tag (provider `bluesky`),
so `thread2article fetch URL -o FILE` and then `convert FILE` give the same article offline.

Time-outs, server errors and rate limits (the AppView's `ratelimit-reset`) are handled by the
one retry policy (`retry.py`). Everything else is one line that says what happened: no such post, no such handle, blocked,
taken down, only for signed-in users, or the AppView unreachable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit

import httpx

from ..errors import FetchError, InputError
from .http import PostUnavailable, RequestLog, get
from .retry import RetryPolicy, about_post
from .tags import tag_response

PROVIDER = "bluesky"
PUBLIC_APPVIEW = "https://public.api.bsky.app"
RESOLVE_HANDLE = "com.atproto.identity.resolveHandle"
GET_POST_THREAD = "app.bsky.feed.getPostThread"
# The lexicon's maxima are 1000 for both; 100 replies deep keeps one answer bounded on a busy
# thread (it carries everybody's replies to that depth) and still holds most threads whole.
PARENT_HEIGHT = 1000
DEPTH = 100
# getPostThread answers one fetch may ask for: a runaway thread must stop somewhere.
MAX_THREAD_REQUESTS = 50

_HOSTS = {"bsky.app", "www.bsky.app", "staging.bsky.app", "main.bsky.dev"}
_WEB_PATH = re.compile(r"^/profile/(?P<actor>[^/]+)/post/(?P<rkey>[^/?#]+)/?$")
_AT_URI = re.compile(r"^at://(?P<actor>[^/]+)/app\.bsky\.feed\.post/(?P<rkey>[^/?#]+)/?$")
_DID = re.compile(r"^did:[a-z]+:[A-Za-z0-9._:%\-]+$")
_HANDLE = re.compile(
    r"^(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?$"
)
_RKEY = re.compile(r"^[A-Za-z0-9._:~\-]{1,512}$")

HELP = (
    "give a Bluesky post URL such as https://bsky.app/profile/<handle>/post/<rkey>, "
    "or an at://<handle or did>/app.bsky.feed.post/<rkey> URI"
)


class BlueskyRef(NamedTuple):
    actor: str  # a handle or a DID
    rkey: str

    @property
    def is_did(self) -> bool:
        return self.actor.startswith("did:")


def is_bluesky_ref(text: str) -> bool:
    """Does this name a Bluesky post (bsky.app URL or AT URI)? Malformed ones count too, so that
    `parse_bluesky_ref` can say what is wrong with them."""
    candidate = (text or "").strip().strip("<>")
    if candidate.startswith("at://"):
        return True
    if "://" not in candidate:
        candidate = "https://" + candidate
    try:
        host = (urlsplit(candidate).hostname or "").lower()
    except ValueError:
        return False
    return host in _HOSTS


def parse_bluesky_ref(text: str) -> BlueskyRef:
    candidate = (text or "").strip().strip("<>")
    if candidate.startswith("at://"):
        match = _AT_URI.match(candidate)
        if not match:
            raise InputError(f"not the AT URI of a post: {HELP}", source=text)
    else:
        if "://" not in candidate:
            candidate = "https://" + candidate
        try:
            parts = urlsplit(candidate)
        except ValueError:
            raise InputError(f"not a Bluesky post URL: {HELP}", source=text) from None
        match = _WEB_PATH.match(parts.path)
        if parts.scheme not in ("http", "https") or not match:
            raise InputError(f"not a Bluesky post URL (no /profile/…/post/…): {HELP}", source=text)
    actor = unquote(match["actor"]).lstrip("@")
    rkey = unquote(match["rkey"])
    if not (_DID.match(actor) or _HANDLE.match(actor)):
        raise InputError(f"{actor!r} is neither a handle nor a DID: {HELP}", source=text)
    if not _RKEY.match(rkey):
        raise InputError(f"{rkey!r} is not a record key: {HELP}", source=text)
    return BlueskyRef(actor.lower() if not actor.startswith("did:") else actor, rkey)


@dataclass
class BlueskyFetch:
    responses: list[dict[str, Any]]
    warnings: list[str]
    post_id: str  # the record key of the post asked for: `convert` selects its thread


def fetch_thread_bluesky(
    text: str,
    client: httpx.Client,
    *,
    log: RequestLog,
    policy: RetryPolicy,
    appview: str = PUBLIC_APPVIEW,
) -> BlueskyFetch:
    ref = parse_bluesky_ref(text)
    api = _AppView(client, appview, log, policy)
    responses: list[dict[str, Any]] = []
    try:
        did = ref.actor
        if not ref.is_did:
            body = api.get(RESOLVE_HANDLE, {"handle": ref.actor}, f"handle @{ref.actor}")
            resolved = body.get("did")
            did = resolved if isinstance(resolved, str) else ""
            if not _DID.match(did):
                raise FetchError(
                    f"Bluesky resolved @{ref.actor} to no DID; try the post's URL again"
                )
            responses.append(
                tag_response(
                    body, provider=PROVIDER, endpoint=RESOLVE_HANDLE, requested_id=ref.actor
                )
            )
        uri = f"at://{did}/app.bsky.feed.post/{ref.rkey}"
        body = api.get(
            GET_POST_THREAD,
            {"uri": uri, "depth": str(DEPTH), "parentHeight": str(PARENT_HEIGHT)},
            f"post {ref.rkey}",
        )
        _check_focal(body)
        responses.append(
            tag_response(body, provider=PROVIDER, endpoint=GET_POST_THREAD, requested_id=uri)
        )
        answers = [body["thread"]]
        # Given from the middle, an answer holds the posts above only as a line of parents,
        # without their other replies: asking again from the thread's first post shows the
        # whole tree, so any post of a thread gives the same article (and forks are seen).
        first = _first_thread_post(body["thread"], did)
        if first != uri:
            answers.append(_ask(api, first, responses))
        warnings = _fetch_cut_branches(api, answers, did, responses)
    except FetchError as error:
        # Every failure names the post it was about, once.
        raise about_post(error, ref.rkey) from None
    return BlueskyFetch(responses, warnings, ref.rkey)


def _check_focal(body: dict[str, Any]) -> None:
    thread = body.get("thread")
    if not isinstance(thread, dict):
        raise FetchError("Bluesky's answer holds no thread; try again later")
    if thread.get("blocked") or thread.get("$type") == "app.bsky.feed.defs#blockedPost":
        raise PostUnavailable(
            "the post is blocked (its author blocks, or is blocked by, the viewer)"
        )
    if thread.get("notFound") or thread.get("$type") == "app.bsky.feed.defs#notFoundPost":
        raise PostUnavailable("no such post (deleted, or a wrong link); check the URL")
    if not isinstance(thread.get("post"), dict):
        raise FetchError("Bluesky's answer holds no post; try again later")


def _ask(api: _AppView, uri: str, responses: list[dict[str, Any]]) -> dict[str, Any]:
    """getPostThread below `uri` (its parents are known already); the answer is kept."""
    body = api.get(
        GET_POST_THREAD,
        {"uri": uri, "depth": str(DEPTH), "parentHeight": "0"},
        f"post {uri.rsplit('/', 1)[-1]}",
    )
    _check_focal(body)
    responses.append(
        tag_response(body, provider=PROVIDER, endpoint=GET_POST_THREAD, requested_id=uri)
    )
    return body["thread"]


def _first_thread_post(focal: dict[str, Any], did: str) -> str:
    """The URI of the first post of the author's chain that leads to `focal` (the topmost
    parent by the same author, with only the author's posts between)."""
    first = focal["post"]["uri"]
    node = focal.get("parent")
    while isinstance(node, dict) and isinstance(node.get("post"), dict):
        if node["post"].get("author", {}).get("did") != did:
            break
        first = node["post"].get("uri", first)
        node = node.get("parent")
    return str(first)


def _fetch_cut_branches(
    api: _AppView, answers: list[dict[str, Any]], did: str, responses: list[dict[str, Any]]
) -> list[str]:
    """Ask again below every thread post of the author where the answers stopped at `depth`."""
    warnings: list[str] = []
    loaded: set[str] = set()
    cut: list[str] = []
    for answer in answers:
        found, seen = _cut_thread_posts(answer, did)
        cut.extend(found)
        loaded |= seen
    requests = len(answers)
    while cut:
        uri = cut.pop(0)
        if uri in loaded:
            continue
        if requests >= MAX_THREAD_REQUESTS:
            warnings.append(
                f"the thread goes on below {uri.rsplit('/', 1)[-1]}, but {MAX_THREAD_REQUESTS} "
                "requests is as far as a fetch goes; a gap may show there"
            )
            break
        requests += 1
        loaded.add(uri)
        try:
            answer = _ask(api, uri, responses)
        except FetchError as error:
            warnings.append(
                f"the posts below {uri.rsplit('/', 1)[-1]} could not be fetched ({error.detail})"
            )
            continue
        found, seen = _cut_thread_posts(answer, did)
        cut.extend(found)
        loaded |= seen
    return warnings


def _cut_thread_posts(focal: dict[str, Any], did: str) -> tuple[list[str], set[str]]:
    """(URIs of the author's thread posts whose replies the answer left out, because `depth`
    was reached; URIs of the posts whose replies it holds).

    A thread post is the author's, and its parent is a thread post too (or it is the post asked
    for): the author answering somebody else deep in the replies is a conversation, not the
    thread, and is not chased. Parents come without `replies` in an answer, so only the post
    asked for and what lies below it can have been cut."""
    cut: list[str] = []
    loaded: set[str] = set()
    mine = focal["post"].get("author", {}).get("did") == did
    stack: list[tuple[dict[str, Any], bool]] = [(focal, mine)]
    while stack:
        node, is_thread_post = stack.pop()
        post = node.get("post")
        if not isinstance(post, dict) or not isinstance(post.get("uri"), str):
            continue
        if "replies" in node:
            loaded.add(post["uri"])
        elif is_thread_post and (post.get("replyCount") or 0) > 0:
            cut.append(post["uri"])
        for reply in node.get("replies") or []:
            if isinstance(reply, dict) and isinstance(reply.get("post"), dict):
                child_mine = reply["post"].get("author", {}).get("did") == did
                stack.append((reply, is_thread_post and child_mine))
    return cut, loaded


class _AppView:
    """XRPC queries to one AppView, each under the retry policy."""

    def __init__(
        self, client: httpx.Client, base: str, log: RequestLog, policy: RetryPolicy
    ) -> None:
        self.client = client
        self.base = base.rstrip("/")
        self.log = log
        self.policy = policy

    def get(self, method: str, params: dict[str, str], what: str) -> dict[str, Any]:
        """The JSON object a method answers; FetchError (one line) for anything else."""
        url = f"{self.base}/xrpc/{method}"
        response = get(self.client, url, params=params, log=self.log, what=what, policy=self.policy)
        body = _json_object(response)
        if response.status_code == 200 and body is not None:
            return body
        host = urlsplit(self.base).hostname or self.base
        raise _error(response.status_code, body or {}, what, host)


def _json_object(response: httpx.Response) -> dict[str, Any] | None:
    try:
        body = response.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def _error(status: int, body: dict[str, Any], what: str, host: str) -> FetchError:
    """XRPC errors are `{error, message}` (`NotFound`, `InvalidRequest`, `BlockedActor`…)."""
    name = str(body.get("error") or "")
    message = str(body.get("message") or "")
    lowered = f"{name} {message}".lower()
    if "resolve handle" in lowered or (what.startswith("handle") and status == 400):
        return PostUnavailable(
            f"no Bluesky account has the {what} (renamed or deleted?); check the URL"
        )
    if name == "NotFound" or "not found" in lowered:
        return PostUnavailable("no such post (deleted, or a wrong link); check the URL")
    if "takedown" in lowered or "suspended" in lowered:
        return PostUnavailable("the account that posted it is taken down (suspended)")
    if "deactivated" in lowered:
        return PostUnavailable("the account that posted it is deactivated")
    if "block" in lowered:
        return PostUnavailable(
            "the post is blocked (its author blocks, or is blocked by, the viewer)"
        )
    if status in (401, 403) or "auth" in lowered:
        return PostUnavailable(
            "its author shows posts to signed-in users only; it cannot be fetched without an account"
        )
    detail = f": {name}{' — ' + message if message else ''}" if name or message else ""
    return FetchError(f"Bluesky ({host}) answered HTTP {status}{detail} ({what}); try again later")
