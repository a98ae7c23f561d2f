"""Recognise a post URL (or a bare post id) and pull out the post id and the author's handle.

Accepted: x.com, twitter.com (also `mobile.`/`www.`), fxtwitter.com, vxtwitter.com, fixupx.com,
fixvx.com and nitter-style mirrors, i.e. any host whose path is `/<user>/status/<id>`
(`statuses/` too), plus `/i/web/status/<id>` and `/i/status/<id>`. Query strings, fragments and
trailing parts such as `/photo/1` are ignored. Anything else is an `InputError`.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import urlsplit

from ..errors import InputError

# Snowflake ids fit in a signed 64-bit integer; very old posts have short ids.
_BARE_ID = re.compile(r"\d{1,19}")
# X handles: letters, digits, underscore, at most 15 characters.
_HANDLE = re.compile(r"[A-Za-z0-9_]{1,15}")
# Path segments: /<user>/status/<id>[/...]
_STATUS_PATH = re.compile(r"^/+(?P<user>[^/]+)/status(?:es)?/(?P<id>\d{1,19})(?:[/?#]|$)")
# /i/web/status/<id> and /i/status/<id>: no handle in the URL.
_ANONYMOUS_PATH = re.compile(r"^/+i/(?:web/)?status(?:es)?/(?P<id>\d{1,19})(?:[/?#]|$)")
# Segments that stand where a handle would but are not one.
_NOT_HANDLES = {"i", "intent", "home", "search", "hashtag", "share"}

HELP = "give a post URL such as https://x.com/<user>/status/<id>, or the numeric post id"


class PostRef(NamedTuple):
    id: str
    handle: str | None


def parse_post_ref(text: str) -> PostRef:
    """Return (post id, handle or None) for a post URL or a bare id; `InputError` otherwise."""
    candidate = (text or "").strip().strip("<>")
    if not candidate:
        raise InputError(f"no post given: {HELP}")
    if _BARE_ID.fullmatch(candidate):
        return PostRef(_checked_id(candidate, text), None)
    if "://" not in candidate:
        # `x.com/user/status/1` typed without a scheme.
        candidate = "https://" + candidate
    try:
        parts = urlsplit(candidate)
    except ValueError:
        raise InputError(f"not a post URL: {HELP}", source=text) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"not a post URL: {HELP}", source=text)
    path = parts.path
    # Old links: https://twitter.com/#!/user/status/123
    if parts.fragment.startswith("!/") and path in ("", "/"):
        path = parts.fragment[1:]
    match = _ANONYMOUS_PATH.match(path)
    if match:
        return PostRef(_checked_id(match["id"], text), None)
    match = _STATUS_PATH.match(path)
    if match:
        user = match["user"].lstrip("@")
        handle = user if _HANDLE.fullmatch(user) and user.lower() not in _NOT_HANDLES else None
        return PostRef(_checked_id(match["id"], text), handle)
    raise InputError(f"not a post URL (no /status/<id> in it): {HELP}", source=text)


def _checked_id(post_id: str, source: str) -> str:
    normalised = post_id.lstrip("0") or "0"
    if int(normalised) == 0 or int(normalised) >= 2**63:
        raise InputError(f"{post_id} is not a valid post id: {HELP}", source=source)
    return normalised
