"""Decide how each post continues the one before it, then build the article's blocks.

Every boundary between two posts gets one class:
  word            the previous post ends in a hyphen inside a word ("well-" / "known")
  sentence        the cut fell inside a sentence: join with a space (none between CJK characters)
  same-paragraph  a sentence ended at the cut, and the next one continues the paragraph
  new-paragraph   a sentence ended and the writer started a new paragraph
  gap             posts are missing here: a visible note, never a silent join

The paragraph rule at a sentence end, stated so it can be measured: a new paragraph, unless the
writer fills posts to the limit (at least a third of the posts run so full that the next post's
first word would not have fitted) *and* this post is such a full one, or a quotation is still
open. A writer who stopped a post early chose to break there.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from ..model import Block, Boundary, GapNote, Image, ListBlock, Paragraph, Post, Quote, Video
from .draft import Draft, PostText
from .length import weighted_length

_TERMINAL = re.compile(r"(?:[.!?…。！？:;]|\.{3})['\"”’»)\]]*$")
_URL_END = re.compile(r"https?://\S+$")
_HASHTAG_END = re.compile(r"[#@]\w+$")
_HYPHEN_END = re.compile(r"\w-$")
_LIST_ITEM = re.compile(r"^\s*(?:(?P<number>\d{1,3})[.)]|[-•*–+])\s+(?P<text>\S.*)$")
_CONTINUES = re.compile(r"^[,;:)\]%’”]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n+")


def is_cjk(char: str) -> bool:
    if not char:
        return False
    name = unicodedata.name(char, "")
    return name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "FULLWIDTH", "IDEOGRAPHIC")) or char in "、。「」『』（）！？"


def _ends_with_emoji(text: str) -> bool:
    char = text.rstrip("\ufe0f\u200d")[-1:] if text else ""
    return bool(char) and unicodedata.category(char) == "So"


def _starts_lower(text: str) -> bool:
    return bool(text) and text[0].islower()


def _first_word(text: str) -> str:
    parts = text.split(None, 1)
    return parts[0] if parts else ""


def _open_quote(text: str) -> bool:
    if text.count("“") > text.count("”"):
        return True
    return text.count('"') % 2 == 1


@dataclass(frozen=True)
class _ThreadHabits:
    """What the whole thread says about its writer."""

    fills_posts: bool
    writes_lowercase: bool


_REPLY_MENTIONS = re.compile(r"^(?:\s*@\w{1,15})+\s*")


@lru_cache(maxsize=4096)
def counted_length(post: Post) -> int:
    """The post's length as X counted it against the limit: the source text, unescaped, without
    the reply mentions and the media link, which X does not count."""
    text = html.unescape(post.text) if post.escaped else post.text
    if post.reply_to:
        text = _REPLY_MENTIONS.sub("", text, count=1)
    for media in post.media:
        if media.short:
            text = text.replace(media.short, "")
    return weighted_length(text.strip())


def _is_full(item: PostText, next_text: str, limit: int) -> bool:
    if item.post.long_form:
        return False
    return counted_length(item.post) + 1 + weighted_length(_first_word(next_text)) > limit


def _habits(items: list[PostText], limit: int) -> _ThreadHabits:
    texts = [item for item in items if item.text]
    if len(texts) < 2:
        return _ThreadHabits(False, False)
    full = sum(_is_full(item, nxt.text, limit) for item, nxt in zip(texts, texts[1:]))
    lower = sum(_starts_lower(item.text) for item in texts)
    return _ThreadHabits(fills_posts=full * 3 >= len(texts) - 1, writes_lowercase=lower >= 0.8 * len(texts))


def classify(previous: PostText, following: PostText, habits: _ThreadHabits, limit: int, per_post: bool) -> tuple[str, str, tuple[str, ...]]:
    """The class of one boundary, the rule that decided and the signals seen."""
    before, after = previous.text.rstrip(), following.text.lstrip()
    signals = []
    terminal = bool(_TERMINAL.search(before)) or _ends_with_emoji(before) or bool(_URL_END.search(before)) or bool(_HASHTAG_END.search(before))
    if not terminal:
        signals.append("no-terminal-punctuation")
    if _starts_lower(after):
        signals.append("next-starts-lower-case")
    if _CONTINUES.match(after):
        signals.append("next-continues-punctuation")
    if "trailing-ellipsis" in previous.signals or "leading-ellipsis" in following.signals:
        signals.append("ellipsis")
    if _HYPHEN_END.search(before) and after[:1].isalpha():
        signals.append("hyphen-split")
    cjk = is_cjk(before[-1:]) or is_cjk(after[:1])
    if cjk:
        signals.append("cjk")
    full = _is_full(previous, after, limit)
    if full:
        signals.append("filled-to-limit")
    if _open_quote(before):
        signals.append("open-quotation")
    signals = tuple(signals)

    if per_post:
        return "new-paragraph", "--paragraphs post: one paragraph per post", signals
    if "hyphen-split" in signals:
        return "word", "hyphen at the cut: join inside a word", signals
    if "ellipsis" in signals:
        return "sentence", "ellipsis marks the cut", signals
    if not terminal:
        return "sentence", "no terminal punctuation before the cut", signals
    if "next-starts-lower-case" in signals and not habits.writes_lowercase:
        return "sentence", "next post starts lower-case", signals
    if "next-continues-punctuation" in signals:
        return "sentence", "next post starts with continuing punctuation", signals
    if "open-quotation" in signals and not after.startswith(("“", '"')):
        return "same-paragraph", "a quotation is still open", signals
    if full and habits.fills_posts:
        return "same-paragraph", "writer fills posts to the limit and this one is full", signals
    return "new-paragraph", "sentence ends where the writer chose to end the post", signals


def _joiner(before: str, after: str, decision: str) -> str:
    if decision == "word" or (is_cjk(before[-1:]) and is_cjk(after[:1])):
        return ""
    if is_cjk(before[-1:]) and decision != "new-paragraph":
        return ""
    return " "


def _chunks(text: str) -> list[str]:
    return [chunk.strip() for chunk in _BLANK_LINES.split(text) if chunk.strip()]


def _line_kind(line: str) -> str:
    match = _LIST_ITEM.match(line)
    if not match:
        return "prose"
    return "ordered" if match.group("number") is not None else "bullet"


def _chunk_blocks(chunk: str) -> list[Block]:
    """A chunk of a post: runs of two or more list lines become a list; all other lines are
    prose, joined with spaces into one paragraph per run."""
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
            blocks.append(Paragraph(" ".join(run)))
            continue
        matches = [_LIST_ITEM.match(line) for line in run]
        start = int(matches[0].group("number")) if kind == "ordered" else 1
        blocks.append(ListBlock(items=tuple(m.group("text").strip() for m in matches), ordered=kind == "ordered", start=start))
    return blocks


def _attachments(item: PostText) -> list[Block]:
    blocks: list[Block] = []
    post = item.post
    for media in post.media:
        src = media.local_path or media.url
        if media.kind == "photo":
            blocks.append(Image(src=src, alt=media.alt, post_id=post.id))
        else:
            blocks.append(Video(src=src, poster=media.poster, alt=media.alt, post_id=post.id))
    if post.quote:
        quote = post.quote
        author = ""
        if quote.author:
            handle = f"@{quote.author.handle}" if quote.author.handle else ""
            author = f"{quote.author.name} ({handle})" if quote.author.name and handle else (quote.author.name or handle)
        blocks.append(Quote(text=quote.text, url=quote.url, author=author, post_id=quote.id))
    return blocks


def join_posts(draft: Draft) -> Draft:
    if draft.assembled:
        return draft
    limit = draft.options.post_limit
    per_post = draft.options.paragraphs == "post"
    items = list(draft.items)
    habits = _habits(items, limit)
    gaps = draft.thread.gaps

    blocks: list[Block] = []
    pending: list[Block] = []
    open_text: str | None = None  # the paragraph still being written
    boundaries: list[Boundary] = []
    previous: PostText | None = None

    def close() -> None:
        nonlocal open_text
        if open_text is not None:
            blocks.extend(_chunk_blocks(open_text))
            open_text = None
        blocks.extend(pending)
        pending.clear()

    for item in items:
        post = item.post
        gap = gaps.get(post.id)
        if gap is not None:
            close()
            reason = f" ({gap.reason})" if gap.reason else ""
            blocks.append(GapNote(text=f"A post is missing here{reason}.", missing_id=gap.missing_id))
            if previous is not None:
                boundaries.append(Boundary(previous.post.id, post.id, "gap", "posts are missing between these", ()))
            previous = None
        chunks = _chunks(item.text)
        if chunks:
            first, rest = chunks[0], chunks[1:]
            if previous is None or open_text is None:
                close()
                open_text = first
            else:
                decision, rule, signals = classify(previous, replace(item, text=item.text.strip()), habits, limit, per_post)
                excerpt = " ".join(f"…{previous.text.strip()[-40:]} ‖ {item.text.strip()[:40]}…".split())
                boundaries.append(Boundary(previous.post.id, post.id, decision, rule, signals, excerpt))
                if decision in ("word", "sentence", "same-paragraph"):
                    open_text = open_text.rstrip() + _joiner(open_text.rstrip(), first, decision) + first
                else:
                    close()
                    open_text = first
            for chunk in rest:
                close()
                open_text = chunk
            previous = item
        pending.extend(_attachments(item))
    close()
    return replace(draft, blocks=tuple(blocks), boundaries=tuple(boundaries), assembled=True)
