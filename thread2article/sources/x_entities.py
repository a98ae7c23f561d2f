"""X's v1.1-shaped `entities` as checked structs: the one copy the v1.1 reader, the syndication
reader and the account archive decode into (the archive keeps the API's entity shapes)."""

from __future__ import annotations

import msgspec


class UrlEntity(msgspec.Struct):
    url: str | None = None
    expanded_url: str | None = None


class Variant(msgspec.Struct):
    url: str | None = None
    content_type: str | None = None
    # The archive writes numbers as strings ("2176000"); the APIs write numbers.
    bitrate: str | int | float | None = None


class VideoInfo(msgspec.Struct):
    variants: list[Variant] | None = None


class MediaEntity(msgspec.Struct):
    type: str | None = None
    url: str | None = None
    expanded_url: str | None = None
    media_url_https: str | None = None
    media_url: str | None = None
    ext_alt_text: str | None = None
    video_info: VideoInfo | None = None


class Entities(msgspec.Struct):
    urls: list[UrlEntity] | None = None
    media: list[MediaEntity] | None = None


def bitrate(variant: Variant) -> float:
    """A variant's bit rate as a number (0 when absent or not a plain number)."""
    rate = variant.bitrate
    if isinstance(rate, str):
        return float(rate) if rate.isascii() and rate.isdigit() and len(rate) <= 15 else 0.0
    return float(rate) if rate is not None else 0.0
