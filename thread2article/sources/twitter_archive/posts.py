"""Archive entries -> `Post`s: text (or its note's long form), links, media with the archive's
own file for each, and the quoted post (the archive has only its link)."""

from __future__ import annotations

from ...model import Author, Link, Media, Post, QuotedPost
from ..common import BAD_VALUE_ERRORS, bad_value
from ..x import parse_date, status_parts
from ..x_entities import MediaEntity, best_video
from .records import ArchiveEntry, links_and_media


def _file_name_of(url: str) -> str:
    return url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]


class TweetConverter:
    """Turns archive entries into `Post`s; one instance per archive read."""

    def __init__(self, author: Author, media_files: dict[str, str]) -> None:
        self.author = author
        self.media_files = media_files

    def convert(self, entry: ArchiveEntry) -> Post:
        # No `check_post` here (it would cost a third of the reading): every value comes from
        # the typed structs of `decode` (msgspec refuses a wrong type and a lone surrogate while
        # decoding), ids and dates through the rules of x.py.
        try:
            return self._convert(entry)
        except BAD_VALUE_ERRORS as error:
            raise bad_value(error, entry.where, entry.id) from None

    def _convert(self, entry: ArchiveEntry) -> Post:
        tweet = entry.tweet
        tweet_id = entry.id
        full_text = entry.full_text
        links, media_items = links_and_media(tweet)
        quote = None
        quote_short = ""
        media: tuple[Media, ...] = ()
        media_shorts: set[str] = set()
        if media_items:
            # An edited post's media file may carry the id of another version.
            owner_ids = (tweet_id,) + tuple(
                other for other in entry.edit_group if other != tweet_id
            )
            media = tuple(self._media(owner_ids, item) for item in media_items)
            media_shorts = {item.short for item in media if item.short}

        if links:
            quote, quote_short = self._quote(full_text, links, media_shorts)

        text = full_text
        escaped = True
        long_form = False
        note = entry.note
        if note is not None:
            text = note.text
            escaped = False
            long_form = True
            quote_link = tuple(link for link in links if link.short == quote_short)
            links = note.links + quote_link

        return Post(
            id=tweet_id,
            author=self.author,
            text=text,
            created_at=parse_date(tweet.created_at),
            reply_to=entry.reply_to,
            reply_to_user=entry.reply_to_user,
            links=links,
            media=media,
            quote=quote,
            quote_short=quote_short,
            escaped=escaped,
            is_repost=entry.is_repost,
            deleted=entry.deleted,
            long_form=long_form,
        )

    def _media(self, owner_ids: tuple[str, ...], item: MediaEntity) -> Media:
        kind = item.type or "photo"
        image = item.media_url_https or item.media_url or ""
        candidates = [image]
        url = image
        poster = ""
        best = best_video(item)
        if best:
            url, poster = best, image
            # The archive keeps one mp4 per video, usually the best; try that one first.
            variants = (item.video_info.variants or []) if item.video_info else []
            candidates = [best] + [variant.url or "" for variant in variants] + [image]
        local_path = ""
        if self.media_files:
            names = [_file_name_of(candidate) for candidate in candidates if candidate]
            local_path = next(
                (
                    self.media_files[key]
                    for owner in owner_ids
                    for name in names
                    if (key := f"{owner}-{name}") in self.media_files
                ),
                "",
            )
        return Media(
            kind=kind,
            url=url,
            alt=item.ext_alt_text or "",
            short=item.url or "",
            poster=poster,
            local_path=local_path,
        )

    @staticmethod
    def _quote(
        full_text: str, links: tuple[Link, ...], media_shorts: set[str]
    ) -> tuple[QuotedPost | None, str]:
        """A status link at the very end of the text is the quoted post (the archive has no other sign)."""
        tail = full_text.rstrip()
        stripped = True
        while stripped:
            stripped = False
            for short in media_shorts:
                if tail.endswith(short):
                    tail = tail[: -len(short)].rstrip()
                    stripped = True
        for link in reversed(links):
            if "/status" not in link.expanded or not tail.endswith(link.short):
                continue
            parts = status_parts(link.expanded, whole=True)
            if parts and parts[0]:
                handle, status_id = parts
                author = Author(id="", handle=handle)
                return QuotedPost(id=status_id, url=link.expanded, author=author), link.short
        return None, ""
