"""Open any supported source and hand it to the reader whose `sniff` recognises it.

A source is a JSON file, a JSON Lines file (one response or status a line, as twarc2 writes), an
account archive (folder or zip), or a string of JSON. No flag is needed: the shape decides.
"""

from __future__ import annotations

import importlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from ..errors import InputError, UnknownFormatError
from . import SourcePosts, mastodon, native, twitter_v1, twitter_v2
from .common import BAD_VALUE_ERRORS, bad_value
from .mastodon import outbox as mastodon_outbox

ACCEPTED = (
    "accepted: X API v2 responses (object, array, or JSON Lines such as twarc2 output), "
    "API v1.1 statuses (object, array or search result), FxTwitter or syndication responses saved by "
    "`thread2article fetch`, a thread2article JSON document, an X account archive (folder or .zip), "
    "Mastodon statuses or contexts (API JSON), or a Mastodon archive (.tar.gz, .zip, folder or "
    "outbox.json)"
)


def _optional_reader(name: str):
    """Readers owned by optional parts (fetch providers, archive) are looked up lazily."""
    try:
        return importlib.import_module(f"{__package__}.{name}")
    except ModuleNotFoundError:
        return None


def _json_readers() -> list[tuple[str, Callable[[Any], bool], Callable[[list, str], SourcePosts]]]:
    readers = [
        ("native", native.sniff, lambda values, source: native.read(values[0], source)),
        ("v2", twitter_v2.sniff, lambda values, source: twitter_v2.read(_flatten(values), source)),
        ("mastodon", mastodon.sniff, lambda values, source: mastodon.read(values, source)),
        ("mastodon-outbox", mastodon_outbox.sniff, _per_value(mastodon_outbox.read)),
    ]
    # Before v1.1: a syndication post also has `id_str`, `user` and `text`, and only its own
    # reader keeps its media and alt text.
    for name in ("fxtwitter", "syndication"):
        module = _optional_reader(name)
        if module is not None:
            readers.append((name, module.sniff, _per_value(module.read)))
    readers.append(
        (
            "v1",
            twitter_v1.sniff,
            lambda values, source: twitter_v1.read(_flatten_statuses(values), source),
        )
    )
    return readers


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


def parse_json_values(raw: bytes, source: str) -> list[Any]:
    """One JSON document, or JSON Lines. Errors carry the line and column."""
    try:
        return [orjson.loads(raw)]
    except orjson.JSONDecodeError:
        pass
    text = raw.decode("utf-8", errors="replace")
    try:
        return [json.loads(text)]
    except json.JSONDecodeError as error:
        if error.msg != "Extra data":
            raise InputError(
                f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}",
                source=source,
            ) from None
    values = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            values.append(json.loads(line))
        except json.JSONDecodeError as error:
            raise InputError(
                f"invalid JSON Lines at line {number}, column {error.colno}: {error.msg}",
                source=source,
            ) from None
    return values


def read_values(values: list[Any], source: str) -> SourcePosts:
    values = [value for value in values if value not in (None, {}, [])] or values
    readers = _json_readers()
    groups: dict[str, list] = {}
    for index, value in enumerate(values):
        for name, sniff, _ in readers:
            if sniff(value):
                groups.setdefault(name, []).append(value)
                break
        else:
            where = f" (line {index + 1})" if len(values) > 1 else ""
            raise UnknownFormatError(f"unknown shape{where}; {ACCEPTED}", source=source)
    if "native" in groups and len(values) > 1:
        raise UnknownFormatError(
            "a thread2article document must be the only value in its file", source=source
        )
    by_name = {name: read for name, _, read in readers}
    try:
        result = merge([by_name[name](group, source) for name, group in groups.items()])
    except BAD_VALUE_ERRORS as error:
        # The readers name the post where they can; this catches what lies between posts.
        raise bad_value(error, source) from None
    if not result.posts and result.article is None:
        raise InputError("holds no posts", source=source)
    return result


def load(source: str | Path, *, thread_posts_only: bool = False) -> SourcePosts:
    """Read a file, folder or zip into posts. Raises an InputError subclass on bad input.

    `thread_posts_only`: an archive may hold 100k+ posts, most of them in no thread; with this,
    its reader builds only the posts that can be in a thread of two or more posts. Other
    sources are small and are read whole."""
    path = Path(source)
    name = str(source)
    archive = _optional_reader("twitter_archive")
    if archive is not None and path.exists() and archive.is_archive(path):
        return archive.read_archive(path, thread_posts_only=thread_posts_only)
    if path.exists() and mastodon.is_archive(path):
        return mastodon.read_archive(path)
    if not path.exists():
        raise InputError("no such file or folder", source=name)
    if path.is_file() and zipfile.is_zipfile(path):
        raise UnknownFormatError(
            "a zip file that is not an X account archive (no data/tweets.js or data/tweet.js in it)",
            source=name,
        )
    if path.is_dir():
        raise UnknownFormatError(
            f"a folder that is not an X archive (no data/tweets.js or tweet.js); {ACCEPTED}",
            source=name,
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", source=name) from None
    if not raw.strip():
        raise InputError("the file is empty", source=name)
    if raw.startswith(b"PK\x03\x04"):
        raise InputError(
            "looks like a zip file but cannot be opened: damaged or incomplete", source=name
        )
    return read_values(parse_json_values(raw, name), name)
