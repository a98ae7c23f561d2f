"""The article's blocks from the posts' text: a post's blank lines part paragraphs, runs of list
lines become lists, and a post's images, videos and quoted post follow its text."""

from __future__ import annotations

import re

from ..model import Block, Image, ListBlock, Paragraph, Quote, Video
from .draft import PostText, built

_BLANK_LINES = re.compile(r"\n[ \t]*\n+")
_LIST_ITEM = re.compile(r"^\s*(?:(?P<number>\d{1,3})[.)]|[-•*–+])\s+(?P<text>\S.*)$")


def chunks(text: str) -> list[str]:
    # Most posts have no line break, so nothing to split.
    pieces = _BLANK_LINES.split(text) if "\n" in text else (text,)
    return [chunk.strip() for chunk in pieces if chunk.strip()]


def _line_kind(line: str) -> str:
    match = _LIST_ITEM.match(line)
    if not match:
        return "prose"
    return "ordered" if match.group("number") is not None else "bullet"


def starts_list(line: str) -> bool:
    """Is the line a list item ("1. …", "2) …", "- …", "• …")?"""
    return _line_kind(line) != "prose"


def ends_in_list(text: str) -> bool:
    if "\n" not in text:  # a list takes two lines
        return False
    pieces = chunks(text)
    lines = [line for line in pieces[-1].split("\n") if line.strip()] if pieces else []
    return len(lines) >= 2 and all(_line_kind(line) != "prose" for line in lines[-2:])


def chunk_blocks(chunk: str) -> list[Block]:
    """A chunk of a post: runs of two or more list lines become a list; all other lines are
    prose, one paragraph per run, keeping the writer's line breaks (posts use them on purpose:
    "Grab it 👇" / a link, a poem, emoji-numbered lines)."""
    if "\n" not in chunk:  # one line, the common case: a lone line is prose
        text = chunk.strip()
        # (Built as draft.py builds its copies, without the frozen dataclass's __init__: one per
        # paragraph of an archive; tests/test_speed_shortcuts.py pins it to the constructor.)
        return [built(Paragraph, {"text": text})] if text else []
    lines = [line.strip() for line in chunk.split("\n") if line.strip()]
    runs: list[tuple[str, list[str]]] = []
    for line in lines:
        kind = _line_kind(line)
        if runs and runs[-1][0] == kind:
            runs[-1][1].append(line)
        else:
            runs.append((kind, [line]))
    # A lone "1." or "-" line is prose that happens to start that way.
    merged: list[tuple[str, list[str]]] = []
    for kind, run in runs:
        if kind != "prose" and len(run) < 2:
            kind = "prose"
        if merged and merged[-1][0] == "prose" and kind == "prose":
            merged[-1][1].extend(run)
        else:
            merged.append((kind, list(run)))
    blocks: list[Block] = []
    for kind, run in merged:
        if kind == "prose":
            blocks.append(Paragraph("\n".join(run)))
            continue
        # Every line of a list run matched _LIST_ITEM (that is what made it a list line).
        matches = [match for line in run if (match := _LIST_ITEM.match(line))]
        start = int(matches[0].group("number")) if kind == "ordered" else 1
        blocks.append(
            ListBlock(
                items=tuple(m.group("text").strip() for m in matches),
                ordered=kind == "ordered",
                start=start,
            )
        )
    return blocks


def attachments(item: PostText) -> list[Block]:
    blocks: list[Block] = []
    post = item.post
    for media in post.media:
        # Always the URL: media copied or downloaded are relinked over the finished article.
        # (Built as draft.py builds its copies, without the frozen dataclass's __init__: one per
        # image of an archive's posts; tests/test_speed_shortcuts.py pins it to the constructor.)
        src = media.url
        if media.kind == "photo":
            blocks.append(built(Image, {"src": src, "alt": media.alt, "post_id": post.id}))
        else:
            blocks.append(
                built(
                    Video,
                    {"src": src, "poster": media.poster, "alt": media.alt, "post_id": post.id},
                )
            )
    if post.quote:
        quote = post.quote
        author = ""
        if quote.author:
            handle = f"@{quote.author.handle}" if quote.author.handle else ""
            author = (
                f"{quote.author.name} ({handle})"
                if quote.author.name and handle
                else (quote.author.name or handle)
            )
        blocks.append(Quote(text=quote.text, url=quote.url, author=author, post_id=quote.id))
    return blocks
