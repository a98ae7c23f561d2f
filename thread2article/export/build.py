"""One thread's article built for the export: reassembled, its media relinked, rendered to bytes."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from ..errors import ThreadToArticleError
from ..media import relink_media
from ..model import Article, Thread
from ..options import Options
from ..reassemble import reassemble
from ..writers import render
from .names import article_stem


class BuiltArticle(NamedTuple):
    """What the writing step needs of one article."""

    stem: str
    data: bytes
    title: str
    published: datetime | None


@dataclass
class ArticleBuilder:
    """How the export turns a thread into article bytes: the project's `reassemble` and `render`
    unless a caller (a test injecting a failure) gives others. Adds up the seconds each took."""

    reassemble: Callable[[Thread, Options], Article] = reassemble
    render: Callable[[Article, str, Options], str] = render
    reassembling: float = 0.0
    rendering: float = 0.0

    def build(
        self, thread: Thread, local: Mapping[str, str], fmt: str, options: Options
    ) -> BuiltArticle | str:
        """The thread's article in `fmt`, its media pointed at their copies (`local`: URL ->
        path of the copy), or the reason the reassembler rejected the thread."""
        started = time.perf_counter()
        try:
            article = self.reassemble(thread, options)
        except ThreadToArticleError as error:
            return error.detail
        article = relink_media(article, local)
        reassembled = time.perf_counter()
        data = self.render(article, fmt, options).encode("utf-8")
        self.reassembling += reassembled - started
        self.rendering += time.perf_counter() - reassembled
        return BuiltArticle(
            article_stem(article, thread.root.id), data, article.title, article.published
        )
