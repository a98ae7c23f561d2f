"""thread2article: turn a social-media thread into a clean article.

import thread2article as t2a
article = t2a.convert("thread.jsonl")          # a file, folder, zip, bytes, or a post URL or id
print(t2a.render(article, "markdown"))
t2a.list_threads("archive.zip", t2a.Selection(min_posts=3))
t2a.export_archive("archive.zip", "articles")

The steps one by one: load(source) -> find_threads -> select_thread -> reassemble -> render.
"""

from __future__ import annotations

__version__ = "0.1.0"  # before the imports: the CLI reads it while the package is loading

from .errors import (
    FetchError,
    InputError,
    OutputError,
    ThreadSelectionError,
    ThreadToArticleError,
    UnknownFormatError,
)
from .export import ExportSummary
from .library import (
    Fetching,
    convert,
    export_archive,
    fetch_thread,
    list_threads,
    read_source,
    save_thread,
    write_article,
)
from .model import SCHEMA_VERSION, Article, Author, Post, Thread
from .options import Options
from .reassemble import reassemble
from .sources import SourcePosts
from .sources.detect import load
from .threads import Selection, ThreadSummary, find_threads, select_thread
from .writers import render

__all__ = [
    "Article",
    "Author",
    "ExportSummary",
    "Fetching",
    "FetchError",
    "InputError",
    "Options",
    "OutputError",
    "Post",
    "SCHEMA_VERSION",
    "Selection",
    "SourcePosts",
    "Thread",
    "ThreadSelectionError",
    "ThreadSummary",
    "ThreadToArticleError",
    "UnknownFormatError",
    "convert",
    "export_archive",
    "fetch_thread",
    "find_threads",
    "list_threads",
    "load",
    "read_source",
    "reassemble",
    "render",
    "save_thread",
    "select_thread",
    "write_article",
]
