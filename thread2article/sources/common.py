"""Helpers shared by the X/Twitter readers (v2, v1.1, archive): dates, status URLs, quotes."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from ..errors import InputError
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
        return datetime.strptime(value, _CLASSIC_DATE).astimezone(UTC)
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def status_id_of(url: str) -> str | None:
    match = STATUS_URL.match(url or "")
    return match.group("id") if match else None


def plain_text(text: str, links: tuple[Link, ...] | list[Link], escaped: bool = True) -> str:
    """Text of a quoted post for display: entities unescaped, short links expanded."""
    if escaped:
        text = html.unescape(text)
    for link in links:
        # The link of attached media says nothing as text.
        media = "/photo/" in link.expanded or "/video/" in link.expanded
        text = text.replace(link.short, "" if media else link.expanded)
    return re.sub(r"[ \t]+", " ", text).strip()


def text_of(value: object) -> str:
    """A text field, "" when absent; anything else is a wrong value (see `reading_record`)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(f"expected text, found {type(value).__name__} {value!r}")
    return value


# What a record of the right shape but with a wrong value raises while it is converted.
BAD_VALUE_ERRORS = (TypeError, AttributeError, KeyError, ValueError, IndexError)


@contextmanager
def reading_record(source: str, post_id: object = "") -> Iterator[None]:
    """Turn a wrong value inside one record (a number where text belongs, a string where a list
    belongs) into one line that names the file and the post, instead of a traceback."""
    try:
        yield
    except BAD_VALUE_ERRORS as error:
        raise bad_value(error, source, post_id) from None


def bad_value(error: Exception, source: str, post_id: object = "") -> InputError:
    return InputError(
        f"a field has an unexpected value ({type(error).__name__}: {error})",
        source=source,
        post_id=str(post_id or ""),
    )
