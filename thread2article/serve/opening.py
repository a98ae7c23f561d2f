"""What the review page can open: the bytes of an uploaded file, or a post URL or id to fetch.

An upload is read from memory with the same readers the CLI uses: JSON or JSON Lines (API pages,
saved fetches, v1.1 statuses, Bluesky and Mastodon answers), a saved web page, a Bluesky
repository export, a lone `tweets.js`, or an X account archive `.zip`, which is opened
in memory under the archive safety rules (no absolute or `..` entry names, no absurd declared
size, no zip bomb) and never extracted. A Mastodon account archive (.tar.gz, .zip) is not read
from an upload: its media stay with the file, so the page says to name it on the command line.
Errors name the file as the browser named it, so no
path of this machine ever reaches the page.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..errors import InputError, UnknownFormatError
from ..model import Thread
from ..sources import SourcePosts
from ..sources.archive_container import ZipArchive, _zip_data_prefix, check_zip_entries
from ..sources.detect import as_input, load
from ..threads import candidate_threads, find_threads

# How a post URL or id becomes saved responses: (source) -> (responses, post id, warnings).
Fetcher = Callable[[str], "Fetched"]


@dataclass(frozen=True)
class Fetched:
    responses: list
    post_id: str
    warnings: tuple[str, ...] = ()
    provider: str = ""


@dataclass
class Opened:
    """A source read for the page: its threads (what `convert` would choose among) and where the
    thread to show first is, when the source says (a fetched post)."""

    label: str
    threads: list[Thread]
    warnings: list[str]
    focus: str = ""


def fetch_live(source: str) -> Fetched:
    """`convert`'s fetch path (the library's `fetch_thread`): the API when a token is in the
    environment, else the key-free providers; never waits out a rate limit (the page would
    hang), says so instead."""
    from ..library import Fetching, fetch_thread

    result = fetch_thread(source, Fetching(no_wait=True))
    return Fetched(
        responses=result.responses,
        post_id=result.post_id,
        warnings=tuple(result.warnings),
        provider=result.provider,
    )


def is_post_reference(text: str) -> bool:
    """A post URL (X, Bluesky), a Bluesky AT URI or a bare id; anything else (a path of this
    machine above all) is refused before the fetch path sees it."""
    text = text.strip()
    return text.isdigit() or text.startswith(("http://", "https://", "at://"))


def read_upload_bytes(data: bytes, filename: str) -> SourcePosts:
    label = filename or "upload"
    if not data.strip():
        raise InputError("the file is empty", source=label)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _read_zip(data, label)
    if data.startswith(_COMPRESSED_MAGIC) or data[257:262] == b"ustar":
        # A Mastodon account archive (.tar.gz) is read from its file, where its media are.
        raise UnknownFormatError(
            f"a compressed or tar file: if it is a Mastodon account archive, {COMMAND_LINE}",
            source=label,
        )
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"window.YTD."):
        from ..sources import twitter_archive

        return twitter_archive.read(data, label)
    # Everything else the CLI reads from bytes: JSON and JSON Lines of every platform, web
    # pages, a Bluesky repository export.
    try:
        return load(as_input(data, label))
    except UnknownFormatError as error:
        # The CLI's list names folders and archives an upload cannot be: list what it can.
        if "unknown shape" not in str(error):
            raise
        raise UnknownFormatError(UPLOAD_SHAPES, source=label) from None


# gzip, bzip2, xz: what a Mastodon archive is compressed with.
_COMPRESSED_MAGIC = (b"\x1f\x8b", b"BZh", b"\xfd7zXZ")
COMMAND_LINE = "name it on the command line instead: thread2article serve FILE"
UPLOAD_SHAPES = (
    "unknown shape; an upload can be: X API v2 or v1.1 JSON, FxTwitter or syndication responses "
    "saved by `thread2article fetch`, Bluesky thread JSON or a repository export (.car), Mastodon "
    "statuses or contexts (API JSON) or an archive's outbox.json, a thread2article JSON document, "
    "an X account archive .zip or its tweets.js, or a saved web page (.html). A folder or a "
    f"Mastodon archive (.tar.gz, .zip): {COMMAND_LINE}"
)


def _read_zip(data: bytes, label: str) -> SourcePosts:
    from ..sources import twitter_archive

    try:
        zip_file = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as error:
        raise InputError(f"not a readable zip archive: {error}", source=label) from None
    with zip_file:
        infos = zip_file.infolist()
        check_zip_entries(infos, label)
        prefix = _zip_data_prefix([info.filename for info in infos])
        if prefix is None:
            names = [info.filename.replace("\\", "/").removeprefix("./") for info in infos]
            if any(name == "outbox.json" or name.endswith("/outbox.json") for name in names):
                raise UnknownFormatError(
                    f"a Mastodon account archive: {COMMAND_LINE}", source=label
                )
            raise UnknownFormatError(
                "a zip file that is not an X account archive (no data/tweets.js or data/tweet.js in it)",
                source=label,
            )
        with ZipArchive(zip_file, prefix, label) as container:
            return twitter_archive.read_container(container)


def _without_local_media(thread: Thread) -> Thread:
    """Archive media paths point into the archive, which the page does not keep: link the
    originals, as `convert` does."""
    if not any(media.local_path for post in thread.posts for media in post.media):
        return thread
    posts = tuple(
        replace(post, media=tuple(replace(media, local_path="") for media in post.media))
        for post in thread.posts
    )
    return replace(thread, posts=posts)


def _starts_as_reply_to_other(thread: Thread) -> bool:
    root = thread.root
    return bool(root.reply_to_user) and root.reply_to_user != root.author.id and bool(root.reply_to)


def _newest_first(thread: Thread) -> float:
    created = thread.root.created_at
    return -created.timestamp() if created else 0.0


def threads_of(loaded: SourcePosts, label: str, focus: str = "") -> Opened:
    if loaded.article is not None:
        raise InputError(
            "is a thread2article article document, which is already reassembled: open the "
            "thread's source (saved responses or the archive) to review its decisions",
            source=label,
        )
    # As `convert` chooses: chains that start as a reply to another account only when nothing
    # else is there, or when the post asked for (a fetched URL) is in one.
    found = find_threads(loaded, include_replies=True)
    if not focus:
        found = [thread for thread in found if not _starts_as_reply_to_other(thread)] or found
    found = candidate_threads(found)
    if not found:
        raise InputError("holds no thread", source=label)
    threads = [_without_local_media(thread) for thread in found]
    # Newest first, as a writer looks for what they posted lately.
    threads.sort(key=_newest_first)
    return Opened(label=label, threads=threads, warnings=list(loaded.warnings), focus=focus)
