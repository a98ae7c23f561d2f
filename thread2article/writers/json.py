"""JSON writer: the article's versioned document (`Article.to_dict()`, see docs/json-schema.md)."""

from __future__ import annotations

import json

from ..model import Article
from ..options import Options


def render_json(article: Article, options: Options | None = None) -> str:
    # Key order is the order `to_dict` builds, so documents diff cleanly between runs.
    return json.dumps(article.to_dict(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
