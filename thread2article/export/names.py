"""An article's file name stem: `YYYY-MM-DD-slug`, from its date and title.

(Media file names follow the project's one file-name rule, `thread2article/filenames.py`; the
collisions between article names are settled where they are written, `files.ArticleFiles`.)
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

from ..model import Article

SLUG_LENGTH = 60

_SLUG_DROP = re.compile(r"[^a-z0-9]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Han characters (Chinese, Japanese kanji): one syllable each, see slugify.
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]")


def _symbol_as_space(match: re.Match[str]) -> str:
    char = match.group()
    return " " if unicodedata.category(char)[0] == "S" else char


def slugify(title: str, limit: int = SLUG_LENGTH) -> str:
    """Lower-case ASCII words joined by `-`, at most `limit` characters, cut at a word.

    Every script keeps its words: anyascii transliterates (Straße -> strasse, Москва -> moskva,
    Αθήνα -> athina); each Chinese character or Japanese kanji is a syllable of its own
    (東京の春 -> dong-jing-no-chun), as its reading runs together otherwise. The same title
    always gives the same slug."""
    if title.isascii():
        # The common case, and a shortcut: anyascii keeps ASCII as it is, and an ASCII symbol
        # becomes a `-` below like any other character that is no letter or digit.
        spaced = title
    else:
        # Symbols (emoji, 🧵, ©) are no words: anyascii would spell them out (":thread:").
        words = _NON_ASCII.sub(_symbol_as_space, title)
        spaced = anyascii(_IDEOGRAPH.sub(lambda match: f" {match.group()} ", words))
    slug = _SLUG_DROP.sub("-", spaced.lower()).strip("-")
    if len(slug) > limit:
        cut = slug.rfind("-", 0, limit + 1)
        slug = slug[: cut if cut > limit // 2 else limit].strip("-")
    return slug


def article_stem(article: Article, root_id: str) -> str:
    """`YYYY-MM-DD-slug`; the root id stands in for a title with no letters or digits at all."""
    published = article.published
    if published is None:
        date = "undated"
    elif published.year >= 1000:
        # What strftime("%Y-%m-%d") writes, without its cost (some 20 µs a call on this
        # machine's C library, once per article); strftime pads no year below 1000.
        date = published.date().isoformat()
    else:
        date = published.strftime("%Y-%m-%d")
    slug = slugify(article.title) or f"thread-{root_id}"
    return f"{date}-{slug}"
