"""The readers' registries, and `load`: any supported source handed to the reader that knows it.

A source is a file (JSON, JSON Lines, or any format a reader below recognises), a folder or zip
(an account archive), or bytes (standard input, a fetch). No flag is needed: the content decides.

Adding a source format is one module and one line, in one of the two lists below:
- `READERS`: formats recognised as a whole source (a folder, a zip, an HTML page, a binary
  export). `sniff(source: Input) -> bool` is cheap (a path's kind, its name, its first bytes);
  `read(source: Input, thread_posts_only: bool) -> SourcePosts`; `media`, when the posts name
  files inside the source (`Media.local_path`), opens it for `archive` to copy them from.
- `JSON_READERS`: shapes of a parsed JSON value (API responses and saved JSON). Every value of a
  JSON or JSON Lines file goes to the first reader whose `sniff(value) -> bool` accepts it; each
  reader then gets all its values at once: `read(values: list, source: str) -> SourcePosts`.
The first match wins, so a more specific shape comes before a looser one.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, NamedTuple, Protocol

from ..errors import InputError, UnknownFormatError
from . import (
    SourcePosts,
    bluesky,
    fxtwitter,
    html,
    mastodon,
    native,
    syndication,
    twitter_archive,
    twitter_v1,
    twitter_v2,
)
from .common import BAD_VALUE_ERRORS, bad_value
from .jsonfile import parse_json_values
from .mastodon import outbox as mastodon_outbox

ACCEPTED = (
    "accepted: X API v2 responses (object, array, or JSON Lines such as twarc2 output), "
    "API v1.1 statuses (object, array or search result), FxTwitter or syndication responses saved by "
    "`thread2article fetch`, Bluesky getPostThread/getAuthorFeed JSON or repository export (.car), "
    "Mastodon statuses or contexts (API JSON) or account archive (.tar.gz, .zip, folder or "
    "outbox.json), a thread2article JSON document, an X account archive (folder or .zip), "
    "or web pages holding posts (.html, or Markdown with embed code; one page or a folder of them)"
)
# How much of a file `Input.head` gives a reader's sniff.
HEAD_BYTES = 4096


@dataclass
class Input:
    """A source as readers see it: its name for messages, its path when it is a file or folder,
    and its bytes (read once, on demand; given directly for standard input or a fetch)."""

    name: str
    path: Path | None = None
    raw: bytes | None = field(default=None, repr=False)

    def data(self) -> bytes:
        if self.raw is None:
            if self.path is None or not self.path.is_file():
                raise InputError("is not a file", source=self.name)
            try:
                self.raw = self.path.read_bytes()
            except OSError as error:
                raise InputError(f"cannot read: {error.strerror}", source=self.name) from None
        return self.raw

    def head(self) -> bytes:
        """The first bytes of a file (b"" for a folder), without reading the whole file."""
        if self.raw is not None:
            return self.raw[:HEAD_BYTES]
        if self.path is None or not self.path.is_file():
            return b""
        try:
            with open(self.path, "rb") as handle:
                return handle.read(HEAD_BYTES)
        except OSError:
            return b""


class MediaSource(Protocol):
    """Where media files named by `Media.local_path` come from (an open archive)."""

    def open_media(self, local_path: str) -> IO[bytes]: ...


class Reader(NamedTuple):
    name: str
    sniff: Callable[[Input], bool]
    read: Callable[[Input, bool], SourcePosts]
    media: Callable[[Input], AbstractContextManager[MediaSource]] | None = None


class JsonReader(NamedTuple):
    name: str
    sniff: Callable[[Any], bool]
    read: Callable[[list[Any], str], SourcePosts]


def _flatten(values: list) -> list:
    flat = []
    for value in values:
        flat.extend(value if isinstance(value, list) else [value])
    return flat


def _flatten_statuses(values: list) -> list:
    flat = []
    for value in values:
        if isinstance(value, dict) and isinstance(value.get("statuses"), list):
            flat.extend(value["statuses"])
        elif isinstance(value, list):
            flat.extend(value)
        else:
            flat.append(value)
    return flat


def _per_value(read: Callable[[Any, str], SourcePosts]) -> Callable[[list, str], SourcePosts]:
    def read_all(values: list, source: str) -> SourcePosts:
        return merge([read(value, source) for value in values])

    return read_all


def _only_value(values: list, source: str) -> SourcePosts:
    if len(values) > 1:
        raise UnknownFormatError(
            "a thread2article document must be the only value in its file", source=source
        )
    return native.read(values[0], source)


def _is_x_archive(source: Input) -> bool:
    return source.path is not None and twitter_archive.is_archive(source.path)


def _read_x_archive(source: Input, thread_posts_only: bool) -> SourcePosts:
    assert source.path is not None
    return twitter_archive.read_archive(source.path, thread_posts_only=thread_posts_only)


def _open_x_archive(source: Input) -> AbstractContextManager[MediaSource]:
    assert source.path is not None
    return twitter_archive.open_source_archive(source.path)


JSON_READERS: list[JsonReader] = [
    JsonReader("native", native.sniff, _only_value),
    JsonReader("v2", twitter_v2.sniff, lambda values, source: twitter_v2.read(_flatten(values), source)),
    # Before v1.1: a syndication post also has `id_str`, `user` and `text`, and only its own
    # reader keeps its media and alt text.
    JsonReader("fxtwitter", fxtwitter.sniff, _per_value(fxtwitter.read)),
    JsonReader("syndication", syndication.sniff, _per_value(syndication.read)),
    JsonReader("bluesky", bluesky.sniff, _per_value(bluesky.read)),
    JsonReader("mastodon", mastodon.sniff, lambda values, source: mastodon.read(values, source)),
    JsonReader("mastodon-outbox", mastodon_outbox.sniff, _per_value(mastodon_outbox.read)),
    JsonReader("v1", twitter_v1.sniff, lambda values, source: twitter_v1.read(_flatten_statuses(values), source)),
]  # fmt: skip


def _is_json(source: Input) -> bool:
    # Anything that is a file and no zip: JSON is what is left once every other reader declined.
    if source.path is not None and not source.path.is_file():
        return False
    return not source.head().startswith(b"PK\x03\x04")


def _read_json(source: Input, thread_posts_only: bool) -> SourcePosts:
    raw = source.data()
    if not raw.strip():
        raise InputError("the file is empty", source=source.name)
    return read_values(parse_json_values(raw, source.name), source.name)


def _is_bluesky_repo(source: Input) -> bool:
    return bluesky.is_car(source.head())


def _read_bluesky_repo(source: Input, thread_posts_only: bool) -> SourcePosts:
    return bluesky.read_repo(source.data(), source.name)


def _is_mastodon_archive(source: Input) -> bool:
    return source.path is not None and mastodon.is_archive(source.path)


def _read_mastodon_archive(source: Input, thread_posts_only: bool) -> SourcePosts:
    assert source.path is not None
    return mastodon.read_archive(source.path, thread_posts_only=thread_posts_only)


def _open_mastodon_archive(source: Input) -> AbstractContextManager[MediaSource]:
    assert source.path is not None
    return mastodon.open_archive(source.path)


READERS: list[Reader] = [
    Reader("x-archive", _is_x_archive, _read_x_archive, _open_x_archive),
    # A Mastodon account archive: its folder, .tar.gz, .zip, or outbox.json beside its media.
    Reader(
        "mastodon-archive", _is_mastodon_archive, _read_mastodon_archive, _open_mastodon_archive
    ),
    # A Bluesky repository export: a CAR file (binary), known by its header.
    Reader("bluesky-repo", _is_bluesky_repo, _read_bluesky_repo),
    # Web pages (HTML, or Markdown with raw HTML blocks), one or a folder of them.
    Reader("html", html.sniff, html.read),
    Reader("html-folder", html.sniff_folder, html.read_folder),
    # Last: JSON and JSON Lines, read value by value through JSON_READERS.
    Reader("json", _is_json, _read_json),
]


def merge(parts: list[SourcePosts]) -> SourcePosts:
    if len(parts) == 1:
        return parts[0]
    posts: dict[str, Any] = {}
    context: dict[str, Any] = {}
    merged = SourcePosts(posts=[])
    for part in parts:
        for post in part.posts:
            posts.setdefault(post.id, post)
        for post in part.context:
            context.setdefault(post.id, post)
        merged.missing.update(part.missing)
        merged.warnings.extend(part.warnings)
        merged.account = merged.account or part.account
        merged.format_name = merged.format_name or part.format_name
        if part.platform != "x":
            merged.platform = part.platform
            merged.post_limit = merged.post_limit or part.post_limit
    merged.posts = list(posts.values())
    merged.context = [post for key, post in context.items() if key not in posts]
    return merged


def read_values(values: list[Any], source: str) -> SourcePosts:
    """Parsed JSON values (a file's, or a fetch's responses) read by the JSON_READERS."""
    values = [value for value in values if value not in (None, {}, [])] or values
    groups: dict[JsonReader, list] = {}
    for index, value in enumerate(values):
        for reader in JSON_READERS:
            if reader.sniff(value):
                groups.setdefault(reader, []).append(value)
                break
        else:
            where = f" (line {index + 1})" if len(values) > 1 else ""
            raise UnknownFormatError(f"unknown shape{where}; {ACCEPTED}", source=source)
    try:
        result = merge([reader.read(group, source) for reader, group in groups.items()])
    except BAD_VALUE_ERRORS as error:
        # The readers name the post where they can; this catches what lies between posts.
        raise bad_value(error, source) from None
    if not result.posts and result.article is None:
        raise InputError("holds no posts", source=source)
    return result


def as_input(source: str | os.PathLike[str] | bytes | Input, name: str = "") -> Input:
    """A path (str or Path), bytes (named `name`, default "<stdin>") or an Input as an Input."""
    if isinstance(source, Input):
        return source
    if isinstance(source, bytes):
        return Input(name or "<stdin>", raw=source)
    return Input(name or os.fspath(source), path=Path(source))


def reader_for(source: Input) -> Reader:
    """The first reader that recognises the source; InputError when none does."""
    if source.path is not None and not source.path.exists():
        raise InputError("no such file or folder", source=source.name)
    if source.path is not None and not (source.path.is_file() or source.path.is_dir()):
        # A FIFO, socket or device: opening one may wait forever for a writer, and every reader
        # below reads its source more than once. Standard input takes a stream once.
        raise InputError(
            "is not a regular file (a pipe, socket or device); give a file, or pipe it to"
            " standard input (SOURCE -)",
            source=source.name,
        )
    for reader in READERS:
        if reader.sniff(source):
            return reader
    if source.path is not None and source.path.is_dir():
        raise UnknownFormatError(
            f"a folder that is not an X archive (no data/tweets.js or tweet.js); {ACCEPTED}",
            source=source.name,
        )
    if source.path is None:
        raise InputError(
            "a zip archive cannot be read from standard input; give its path", source=source.name
        )
    if zipfile.is_zipfile(source.path):
        raise UnknownFormatError(
            "a zip file that is not an X account archive (no data/tweets.js or data/tweet.js in it)",
            source=source.name,
        )
    raise InputError(
        "looks like a zip file but cannot be opened: damaged or incomplete", source=source.name
    )


def load(
    source: str | os.PathLike[str] | bytes | Input, *, thread_posts_only: bool = False
) -> SourcePosts:
    """Read a file, folder, zip or bytes into posts. Raises an InputError subclass on bad input.

    `thread_posts_only`: an archive may hold 100k+ posts, most of them in no thread; with this,
    its reader builds only the posts that can be in a thread of two or more posts. Other
    sources are small and are read whole."""
    opened = as_input(source)
    return reader_for(opened).read(opened, thread_posts_only)
