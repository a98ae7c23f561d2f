"""The one copy of what every X/Twitter reader (and `fetch`) needs to know about X's data:
dates, post ids, status URLs, the best video variant, a quoted post's URL, the fetch tag.

Each rule here raises ValueError for a value that cannot be what X writes; the readers turn
that into one InputError naming the file and the post (`common.reading_record`)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from ..model import Link, parse_iso

# The key `thread2article fetch` adds to every saved response (in the manner of twarc's `__twarc`):
# `{"provider": "api"|"fxtwitter"|"syndication", "endpoint", "id", "retrieved_at"}`.
FETCH_TAG = "__thread2article"

# -- post ids ------------------------------------------------------------------------------------

# X ids are unsigned 64-bit numbers: 1 to 20 ASCII digits. (`str.isdigit()` also takes "²" and
# "٣", and a value of thousands of digits is no id either.)
_POST_ID = re.compile(r"[0-9]{1,20}")
_MAX_ID = 2**64


def post_id(value: object, what: str = "id") -> str:
    """An X id (post, user) as text, from a string of digits or an integer."""
    if isinstance(value, str):
        if _POST_ID.fullmatch(value) is not None:
            return value
    elif isinstance(value, int) and not isinstance(value, bool) and 0 <= value < _MAX_ID:
        return str(value)
    raise ValueError(f"{what} is not an X id: {_shown(value)}")


def optional_id(value: object, what: str = "id") -> str | None:
    """`post_id`, with None, "" (and 0, which X writes for "none") meaning no id."""
    if value is None or value == "" or value == 0:
        return None
    return post_id(value, what)


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


# -- dates ---------------------------------------------------------------------------------------

# Dates a post can carry: from the Unix epoch to 2200. Anything else is a damaged value (year 1
# or 9999 with an offset, a timestamp of 1e300), and would overflow later arithmetic.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)
MONTHS = {
    name: number
    for number, name in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)
}
_CLASSIC = re.compile(
    r"[A-Z][a-z]{2} (?P<month>[A-Z][a-z]{2}) (?P<day>[0-9]{2}) (?P<hour>[0-9]{2}):(?P<minute>[0-9]{2}):"
    r"(?P<second>[0-9]{2}) (?P<sign>[+-])(?P<zh>[0-9]{2})(?P<zm>[0-9]{2}) (?P<year>[0-9]{4})"
)
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9:.,]+)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?")


def in_range(moment: datetime) -> datetime:
    if not EARLIEST <= moment < LATEST:
        raise ValueError(f"date out of range: {moment.isoformat()}")
    return moment


def parse_date(value: object, what: str = "created_at") -> datetime | None:
    """A post date in UTC from X's classic form (`Wed Sep 04 13:51:55 +0000 2019`, v1.1 and the
    archive) or ISO 8601 (v2, note tweets); None when absent."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"{what} is not a date: {_shown(value)}")
    try:
        classic = _CLASSIC.fullmatch(value)
        if classic is not None:
            moment = datetime(
                int(classic["year"]),
                MONTHS[classic["month"]],
                int(classic["day"]),
                int(classic["hour"]),
                int(classic["minute"]),
                int(classic["second"]),
                tzinfo=UTC,
            )
            offset = timedelta(hours=int(classic["zh"]), minutes=int(classic["zm"]))
            moment = moment - offset if classic["sign"] == "+" else moment + offset
        elif _ISO.fullmatch(value) is not None and (iso := parse_iso(value)) is not None:
            moment = iso
        else:
            raise ValueError
    except (ValueError, KeyError, OverflowError):
        raise ValueError(f"{what} is not a date: {_shown(value)}") from None
    return in_range(moment)


def date_from_timestamp(value: object, what: str = "created_timestamp") -> datetime:
    """A date from seconds since the epoch (FxTwitter's `created_timestamp`)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{what} is not a number of seconds: {_shown(value)}")
    try:
        return in_range(datetime.fromtimestamp(value, UTC))
    except (ValueError, OverflowError, OSError):
        raise ValueError(f"{what} is out of range: {_shown(value)}") from None


# -- status URLs ---------------------------------------------------------------------------------

# A post's own URL on X, in any case (`https://Twitter.com/…` is as good): the handle (1-15 word
# characters, or `i/web` for links that name no one) and the id.
STATUS_URL = re.compile(
    r"https?://(?:(?:www|mobile)\.)?(?:twitter|x)\.com/(?P<handle>[A-Za-z0-9_]{1,15}|i/web|i)"
    r"/status(?:es)?/(?P<id>[0-9]{1,20})(?![0-9])",
    re.IGNORECASE,
)


_URL_REST = re.compile(r"/?(?:[?#].*)?", re.DOTALL)


def status_parts(url: str, *, whole: bool = False) -> tuple[str, str] | None:
    """(handle, id) of a status URL at the start of `url`; handle "" for `/i/web/status/`.
    `whole`: the URL must be the post itself (a query or fragment may follow), not one of its
    photos (`…/status/1/photo/1`)."""
    match = STATUS_URL.match(url)
    if match is None or (whole and _URL_REST.fullmatch(url, match.end()) is None):
        return None
    handle = match.group("handle")
    return ("" if handle.lower() in ("i", "i/web") else handle), match.group("id")


def status_id_of(url: str) -> str | None:
    parts = status_parts(url)
    return parts[1] if parts else None


def status_url(handle: str, status_id: str) -> str:
    """A post's URL from its author's handle and its id; `i/web` when the handle is unknown
    (so never `https://x.com//status/5`)."""
    return f"https://x.com/{handle or 'i/web'}/status/{status_id}"


# -- media ---------------------------------------------------------------------------------------


def best_mp4(variants: Iterable[tuple[str, str, float]]) -> str:
    """The URL of the best MP4 among (url, content type, bit rate) variants: the highest bit
    rate, the first listed on a tie; "" when there is none (HLS playlists are not videos a page
    can play everywhere). A variant without a content type is taken as MP4 (the archive omits
    it for some)."""
    best_url = ""
    best_rate = -1.0
    for url, content_type, rate in variants:
        if not url or content_type not in ("video/mp4", "mp4", ""):
            continue
        if rate > best_rate:
            best_url, best_rate = url, rate
    return best_url


# -- quoted posts --------------------------------------------------------------------------------


def plain_text(text: str, links: Iterable[Link], escaped: bool = True) -> str:
    """Text of a quoted post for display: entities unescaped, short links expanded, the link of
    attached media dropped."""
    if escaped:
        text = html.unescape(text)
    for link in links:
        media = "/photo/" in link.expanded or "/video/" in link.expanded
        text = text.replace(link.short, "" if media else link.expanded)
    return re.sub(r"[ \t]+", " ", text).strip()
