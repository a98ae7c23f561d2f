"""Long posts: the archive truncates them in tweets.js and keeps them whole in note-tweet.js, with
no id linking the two. A note is matched to the truncated post made in the same second whose
text it continues."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime

import msgspec

from ...model import Link
from ..common import reading_record
from ..x import MONTHS, parse_date
from .decode import decode_records
from .records import ArchiveEntry, links_and_media

ELLIPSIS = "…"
_MONTH_NAMES = tuple(MONTHS)


class NoteUrl(msgspec.Struct):
    shortUrl: str | None = None
    expandedUrl: str | None = None


class NoteCore(msgspec.Struct):
    text: str | None = None
    urls: list[NoteUrl] | None = None


class NoteBody(msgspec.Struct):
    createdAt: str | None = None
    core: NoteCore | None = None


class NoteRecord(msgspec.Struct):
    noteTweet: NoteBody | None = None


@dataclass
class NoteTweet:
    text: str  # not HTML-escaped
    links: tuple[Link, ...]
    # Text with short links expanded and whitespace collapsed, to compare with a tweet's prefix.
    comparable: str
    taken: bool = False


def parse_note_time(text: str) -> datetime | None:
    """note-tweet.js `createdAt` (`2023-10-13T14:58:50.000Z`), to the second."""
    moment = parse_date(text, "createdAt")
    return moment.replace(microsecond=0) if moment is not None else None


def _collapse(text: str) -> str:
    return " ".join(text.split())


def read_note_tweets(data: bytes, where: str) -> dict[datetime, list[NoteTweet]]:
    """The notes of a note-tweet.js file by the second they were made."""
    by_second: dict[datetime, list[NoteTweet]] = {}
    for number, record in enumerate(decode_records(data, where, NoteRecord), start=1):
        note = record.noteTweet
        if note is None or note.core is None or note.core.text is None:
            continue
        with reading_record(where, f"(note {number})"):
            moment = parse_note_time(note.createdAt or "")
        if moment is None:
            continue
        text = note.core.text
        links = tuple(
            Link(item.shortUrl, item.expandedUrl or item.shortUrl)
            for item in note.core.urls or ()
            if item.shortUrl
        )
        comparable = text
        for link in links:
            comparable = comparable.replace(link.short, link.expanded)
        by_second.setdefault(moment, []).append(NoteTweet(text, links, _collapse(comparable)))
    return by_second


def _tweet_prefix(full_text: str, links: tuple[Link, ...], media_shorts: set[str]) -> str:
    """What a truncated tweet shows of its note: unescaped, links expanded, `…` tail dropped."""
    text = html.unescape(full_text)
    for short in media_shorts:
        text = text.replace(short, "")
    for link in links:
        text = text.replace(link.short, link.expanded)
    text = text.rstrip()
    # A truncated note ends `…` and may be followed by its quote/media link: cut at the last `…`.
    cut = text.rfind(ELLIPSIS)
    if cut != -1 and cut >= len(text) - 120:
        tail = text[cut + 1 :].strip()
        if not tail or all(word.startswith("http") for word in tail.split()):
            text = text[:cut]
    return _collapse(text)


def match_note(
    notes: list[NoteTweet], full_text: str, links: tuple[Link, ...], media_shorts: set[str]
) -> NoteTweet | None:
    prefix = _tweet_prefix(full_text, links, media_shorts)
    if not prefix:
        return None
    for note in notes:
        if not note.taken and note.comparable.startswith(prefix):
            return note
    # A shorter prefix forgives a differently shortened last word or link.
    short_prefix = prefix[:60]
    if len(short_prefix) >= 20:
        for note in notes:
            if not note.taken and note.comparable.startswith(short_prefix):
                return note
    return None


def match_notes(entries: list[ArchiveEntry], notes: dict[datetime, list[NoteTweet]]) -> None:
    """Give each truncated post its long form (`entry.note`), looking at every post of the archive
    in its order, so that which posts are built afterwards never changes which note a post gets.
    Only posts made in the same second as a note are compared: their `created_at`, in the
    archive's own form, is looked up before any date is parsed."""
    if not notes:
        return
    seconds = {
        f"{_MONTH_NAMES[moment.month - 1]} {moment.day:02d} {moment:%H:%M:%S} +0000 {moment.year}"
        for moment in notes
    }
    for entry in entries:
        stamp = entry.tweet.created_at
        if not stamp or (stamp[4:] not in seconds and "+0000" in stamp):
            continue
        with reading_record(entry.where, entry.id):
            moment = parse_date(stamp)
            candidates = notes.get(moment) if moment is not None else None
            if not candidates:
                continue
            links, media_items = links_and_media(entry.tweet)
            media_shorts = {item.url for item in media_items if item.url}
            note = match_note(candidates, entry.full_text, links, media_shorts)
        if note is not None:
            note.taken = True
            entry.note = note
