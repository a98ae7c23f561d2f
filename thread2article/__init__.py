"""thread2article: turn a social-media thread into a clean article.

import thread2article as t2a
source = t2a.load("thread.jsonl")              # any supported file, folder or zip
thread = t2a.select_thread(t2a.find_threads(source))
article = t2a.reassemble(thread, t2a.Options(title="My thread"))
print(t2a.render(article, "markdown"))
"""

from __future__ import annotations

from .errors import (
    FetchError,
    InputError,
    OutputError,
    ThreadSelectionError,
    ThreadToArticleError,
    UnknownFormatError,
)
from .model import SCHEMA_VERSION, Article, Author, Post, Thread
from .options import Options
from .reassemble import reassemble
from .sources import SourcePosts
from .sources.detect import load
from .threads import find_threads, select_thread
from .writers import render

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Author",
    "FetchError",
    "InputError",
    "Options",
    "OutputError",
    "Post",
    "SCHEMA_VERSION",
    "SourcePosts",
    "Thread",
    "ThreadSelectionError",
    "ThreadToArticleError",
    "UnknownFormatError",
    "find_threads",
    "load",
    "reassemble",
    "render",
    "select_thread",
]
