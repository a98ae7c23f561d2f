"""Export many threads at once: one article file per thread, their media, and an index.

`export_source` is what `thread2article archive SOURCE --out DIR` runs. The output is stable:
file names come from the date and title (`2024-02-05-el-proceso-entero.md`), collisions are
resolved with the root post id, media files keep their archive names (made safe by the
project's one file-name rule, `thread2article/filenames.py`), and every file is written
atomically, so running the export twice gives byte-identical files.

The parts: `names` (an article's stem from its date and title), `files` (the output folder,
article names and their collisions, atomic writes), `media` (the media plan and the copies),
`build` (a thread reassembled and rendered), `index` (the index file), `run` (the steps in
order). This package does file I/O but no terminal output: `progress` is a plain callable the
CLI can connect to a progress bar.
"""

from __future__ import annotations

from .build import ArticleBuilder, BuiltArticle
from .files import MEDIA_FOLDER, ArticleFiles, prepare_out_dir
from .index import INDEX_NAMES, index_text
from .media import MediaCopier, MediaSource, PlannedCopy, copies_by_url, plan_media
from .names import SLUG_LENGTH, article_stem, slugify
from .run import export_source, export_threads
from .summary import ExportSummary

__all__ = [
    "INDEX_NAMES",
    "MEDIA_FOLDER",
    "SLUG_LENGTH",
    "ArticleBuilder",
    "ArticleFiles",
    "BuiltArticle",
    "ExportSummary",
    "MediaCopier",
    "MediaSource",
    "PlannedCopy",
    "article_stem",
    "copies_by_url",
    "export_source",
    "export_threads",
    "index_text",
    "plan_media",
    "prepare_out_dir",
    "slugify",
]
