"""The tool's own JSON document read back (round trip): an article, rendered again as it is."""

from __future__ import annotations

from typing import Any

import orjson

from ..errors import InputError
from ..model import ARTICLE_SCHEMA, SCHEMA_VERSION, Article
from . import SourcePosts
from .common import BAD_VALUE_ERRORS, in_json_terms
from .x import in_range

FORMAT_NAME = "thread2article JSON"


def sniff(value: Any) -> bool:
    return isinstance(value, dict) and value.get("schema") == ARTICLE_SCHEMA


def read(value: dict, source: str = "") -> SourcePosts:
    version = value.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise InputError(f"schema_version must be a whole number, not {version!r}", source=source)
    if version > SCHEMA_VERSION:
        raise InputError(
            f"schema_version {version} is newer than this thread2article understands ({SCHEMA_VERSION}); upgrade",
            source=source,
        )
    try:
        article = Article.from_dict(value)
        if article.published is not None:
            in_range(article.published)
        # Every string must be writable text: orjson refuses lone surrogates (which a library
        # caller's values may hold) exactly where the writers would fail later.
        orjson.dumps(article.to_dict())
    except (*BAD_VALUE_ERRORS, orjson.JSONEncodeError) as error:
        reason = str(error) if isinstance(error, ValueError) else in_json_terms(error)
        raise InputError(f"not a valid article document: {reason}", source=source) from None
    return SourcePosts(posts=[], article=article, format_name=FORMAT_NAME)
