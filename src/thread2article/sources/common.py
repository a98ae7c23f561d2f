"""Helpers shared by the X/Twitter readers (v2, v1.1, archive): dates, status URLs, quotes."""

from __future__ import annotations

import html
import re
from datetime import datetime, timezone

from ..model import Link

# Twitter's classic date form, used by v1.1 and the archive: "Wed Sep 04 13:51:55 +0000 2019".
_CLASSIC_DATE = "%a %b %d %H:%M:%S %z %Y"

STATUS_URL = re.compile(
    r"^https?://(?:(?:www|mobile)\.)?(?:twitter|x)\.com/(?P<handle>[A-Za-z0-9_]{1,15}|i/web)/status(?:es)?/(?P<id>\d+)",
    re.IGNORECASE,
)


def parse_twitter_date(value: str | None) -> datetime | None:
    """Parse either the classic form or ISO 8601; None when absent or unreadable."""
    if not value:
        return None
    try:
        return datetime.strptime(value, _CLASSIC_DATE).astimezone(timezone.utc)
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def status_id_of(url: str) -> str | None:
    match = STATUS_URL.match(url or "")
    return match.group("id") if match else None


def handle_of_status_url(url: str) -> str:
    match = STATUS_URL.match(url or "")
    if not match or match.group("handle").lower() == "i/web":
        return ""
    return match.group("handle")


def plain_text(text: str, links: tuple[Link, ...] | list[Link], escaped: bool = True) -> str:
    """Text of a quoted post for display: entities unescaped, short links expanded."""
    if escaped:
        text = html.unescape(text)
    for link in links:
        # The link of attached media says nothing as text.
        media = "/photo/" in link.expanded or "/video/" in link.expanded
        text = text.replace(link.short, "" if media else link.expanded)
    return re.sub(r"[ \t]+", " ", text).strip()


def as_str(value: object) -> str | None:
    """Ids arrive as numbers in some sources; numbers above 2**53 may have lost precision, so the
    callers prefer the *_str fields and use this only as a fallback."""
    if value is None or value == "":
        return None
    return str(value)
