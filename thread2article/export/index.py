"""The export's index file: `index.md`, `index.html` (the writers' index page) or `index.json`."""

from __future__ import annotations

import orjson

from ..model import iso_utc
from ..writers.index import IndexEntry, render_index

INDEX_NAMES = {"markdown": "index.md", "html": "index.html", "json": "index.json"}


def index_text(entries: list[IndexEntry], fmt: str, title: str) -> str:
    """The index of `entries` (in the order given) in `fmt`."""
    if fmt != "json":
        return render_index(entries, fmt, title)
    document = {
        "title": title,
        "articles": [
            {
                "path": entry.path,
                "title": entry.title,
                "published": iso_utc(entry.published),
                "post_count": entry.post_count,
            }
            for entry in entries
        ],
    }
    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
