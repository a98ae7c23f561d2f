"""The tool's own JSON documents read back: a saved thread, or an article (round trip)."""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from ..model import ARTICLE_SCHEMA, SCHEMA_VERSION, THREAD_SCHEMA, Article, Post
from . import SourcePosts

FORMAT_NAME = "thread2article JSON"


def sniff(value: Any) -> bool:
    return isinstance(value, dict) and value.get("schema") in (THREAD_SCHEMA, ARTICLE_SCHEMA)


def read(value: dict, source: str = "") -> SourcePosts:
    version = value.get("schema_version")
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise InputError(
            f"schema_version {version!r} is newer than this thread2article understands ({SCHEMA_VERSION}); upgrade",
            source=source,
        )
    try:
        if value["schema"] == ARTICLE_SCHEMA:
            return SourcePosts(posts=[], article=Article.from_dict(value), format_name=FORMAT_NAME)
        posts = [Post.from_dict(item) for item in value.get("posts", [])]
        gaps = value.get("gaps") or {}
        missing = {gap["missing_id"]: gap.get("reason", "missing") for gap in gaps.values()}
    except (KeyError, TypeError, ValueError) as error:
        raise InputError(f"not a valid {value['schema']} document ({error})", source=source) from None
    return SourcePosts(posts=posts, missing=missing, warnings=list(value.get("warnings", [])), format_name=FORMAT_NAME)

