"""Threads kept as web pages: an `.html`/`.htm` page or a Markdown file with raw HTML blocks.

Each page kind has its module and is recognised by its markup, never by the file's name:
`embed` (blockquote.twitter-tweet), `xdom` (pages saved from x.com after rendering), `legacy`
(server-rendered twitter.com before 2020), `nitter`, `threadreader` (Thread Reader App). Kinds
that carry the conversation's structure (legacy, Nitter, Thread Reader) link replies from it;
for the others `grouping` states how posts are told to be one thread. Post text is built from
chosen nodes by `..htmltext`; a post's time comes from its snowflake id (`page.snowflake_time`).

`sniff(source)` and `read(source, thread_posts_only)` make the page reader of `READERS`;
`sniff_folder`/`read_folder` read a folder of pages (for `archive`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import InputError
from .. import SourcePosts
from ..common import checked_posts
from . import embed, grouping, legacy, nitter, threadreader, xdom
from .page import Found, index_page, parse

if TYPE_CHECKING:
    from ..detect import Input

FORMAT_NAME = "web page"
KINDS = (embed.KIND, xdom.KIND, legacy.KIND, nitter.KIND, threadreader.KIND)
ACCEPTED = "an HTML or Markdown page is read when it holds " + "; ".join(KINDS)

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".md", ".markdown", ".mdown", ".mkd")
# How far into a file the sniff looks for markup: front matter and a long <head> come first.
_SNIFF_BYTES = 1 << 16
_MARKUP = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|blockquote|div|article|p|section|main)[\s>/]",
    re.IGNORECASE,
)


def looks_like_page(head: bytes) -> bool:
    """HTML, or Markdown with raw HTML blocks: markup near the start and no JSON opening."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text or text[:1] in (b"{", b"[") or text.startswith(b"PK\x03\x04"):
        return False
    if b"\x00" in text[:1024]:
        # Binary (a zip, a CAR export, UTF-16 text): not a page this reader can read.
        return False
    return bool(_MARKUP.search(text[:_SNIFF_BYTES]))


def sniff(source: Input) -> bool:
    path = source.path
    if path is not None and not path.is_file():
        return False
    if source.raw is not None:
        return looks_like_page(source.raw[:_SNIFF_BYTES])
    assert path is not None
    try:
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return False
    return looks_like_page(head)


def read(source: Input, thread_posts_only: bool = False) -> SourcePosts:
    return read_page(source.data(), source.name)


def _pages(folder: Path) -> list[Path]:
    """The pages of a folder and its subfolders, in name order (hidden files left out)."""
    pages = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.suffix.lower() in PAGE_SUFFIXES and path.is_file():
            pages.append(path)
    return pages


def sniff_folder(source: Input) -> bool:
    """A folder that holds web pages (checked by their content, the first few only)."""
    if source.path is None or not source.path.is_dir():
        return False
    for path in _pages(source.path)[:50]:
        try:
            with open(path, "rb") as handle:
                if looks_like_page(handle.read(_SNIFF_BYTES)):
                    return True
        except OSError:
            continue
    return False


def read_folder(source: Input, thread_posts_only: bool = False) -> SourcePosts:
    """Every page of the folder; a page without posts is named in a warning, not an error."""
    from ..detect import merge

    assert source.path is not None
    parts = []
    skipped = []
    for path in _pages(source.path):
        name = str(path)
        try:
            raw = path.read_bytes()
        except OSError as error:
            skipped.append(f"{name}: cannot read: {error.strerror}")
            continue
        if not looks_like_page(raw[:_SNIFF_BYTES]):
            continue
        try:
            parts.append(read_page(raw, name))
        except InputError as error:
            skipped.append(error.one_line())
    if not parts:
        raise InputError(f"no page in the folder holds posts; {ACCEPTED}", source=source.name)
    merged = merge(parts)
    merged.warnings.extend(f"skipped {line}" for line in skipped)
    merged.format_name = f"{FORMAT_NAME}s ({len(parts)})"
    return merged


def read_page(markup: bytes | str, name: str) -> SourcePosts:
    """The posts of one page. InputError names the page when it holds none."""
    soup = parse(markup)
    index = index_page(soup)
    warnings: list[str] = []
    stem = Path(name).stem if name else ""
    found: list[Found] = []
    kinds = []
    readers = (
        ("legacy", lambda: legacy.find(index, warnings)),
        ("nitter", lambda: nitter.find(soup, index, warnings)),
        ("x.com", lambda: xdom.find(soup, index, warnings)),
        ("embed", lambda: embed.find(index, warnings)),
        # Last: an unroll's ids are often made up, and its source link may be another kind's post.
        ("threadreader", lambda: threadreader.find(soup, index, warnings, stem, _ids(found))),
    )
    for kind, find in readers:
        items = find()
        if items:
            kinds.append(kind)
            found.extend(items)
    found = _unique(found)
    if not found:
        raise InputError(f"no posts found; {ACCEPTED}", source=name)
    posts, context = grouping.link(found)
    unexpanded = sorted({url for item in found for url in item.unexpanded})
    if unexpanded:
        warnings.append(
            f"{len(unexpanded)} t.co link{'s' if len(unexpanded) != 1 else ''} kept as "
            f"{'they are' if len(unexpanded) != 1 else 'it is'}: the page does not say where "
            f"{'they lead' if len(unexpanded) != 1 else 'it leads'} ({', '.join(unexpanded[:5])}"
            f"{', …' if len(unexpanded) > 5 else ''})"
        )
    return SourcePosts(
        posts=checked_posts(posts, name),
        context=checked_posts(context, name),
        warnings=list(dict.fromkeys(warnings)),
        format_name=f"{FORMAT_NAME} ({', '.join(kinds)})",
    )


def _ids(found: list[Found]) -> set[str]:
    return {item.post.id for item in found}


def _unique(found: list[Found]) -> list[Found]:
    """One post once: a status page may show a post twice (focal and in a quote or a reply).
    The first reading wins, unless a later one has more text: a quoted or reply rendering may
    be cut short ("Show more"), and markup around real posts may carry another element under
    the same id (tests/test_html_properties.py: a made-up x.com article after an embed)."""
    chosen: dict[str, int] = {}
    unique: list[Found] = []
    for item in found:
        index = chosen.get(item.post.id)
        if index is None:
            chosen[item.post.id] = len(unique)
            unique.append(item)
        elif len(item.post.text) > len(unique[index].post.text):
            unique[index] = item
    return unique
