"""X's v1.1-shaped `entities` as checked structs: the one copy the v1.1 reader, the syndication
reader and the account archive decode into (the archive keeps the API's entity shapes)."""

from __future__ import annotations

import msgspec

from ..model import Media
from .x import best_mp4


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


def best_video(item: MediaEntity) -> str:
    """The best MP4 of a video or GIF entity; "" for a photo or a video listing none."""
    if (item.type or "photo") == "photo" or item.video_info is None:
        return ""
    variants = item.video_info.variants or []
    return best_mp4(
        (variant.url or "", variant.content_type or "", bitrate(variant)) for variant in variants
    )


def media_of(item: MediaEntity) -> Media | None:
    """A media entity as the article's media: a video or GIF as its best MP4 with the still as
    its poster, a photo (or a video listing no MP4) as its image; None when it has neither."""
    image = item.media_url_https or item.media_url or ""
    video = best_video(item)
    if not (video or image):
        return None
    return Media(
        kind=item.type or "photo",
        url=video or image,
        alt=item.ext_alt_text or "",
        short=item.url or "",
        poster=image if video else "",
    )
