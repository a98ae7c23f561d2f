"""The article's title: the user's, or the thread's first sentence, cut at a word boundary.

Deriving a title never removes text from the body: the first paragraph stays whole.
"""

from __future__ import annotations

import re

from ..model import Block, ListBlock, Paragraph

TITLE_LENGTH = 80
# Where the first sentence ends: group "end", after its punctuation and closing quotes. (The
# punctuation is matched, not looked behind for, so the regex engine skips ahead to it instead
# of trying every position; tests/test_pass_shortcuts.py pins it to the look-behind form.)
_SENTENCE_END = re.compile(r"[.!?。！？](?P<end>['\"”’»)]*(?:\s|$))")


def _collapsed(text: str) -> str:
    """`" ".join(text.split())`: the text with each run of whitespace one space, none at the
    edges. A printable text holds no whitespace but " " (every other kind is a separator or a
    control character, which str.isprintable() refuses), so one without two spaces in a row
    or at an edge is collapsed already (tests/test_pass_shortcuts.py checks every kind)."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def derive_title(blocks: tuple[Block, ...], fallback: str, limit: int = TITLE_LENGTH) -> str:
    text = ""
    for block in blocks:
        if isinstance(block, Paragraph) and block.text.strip():
            text = block.text
            break
        if isinstance(block, ListBlock) and block.items:
            text = block.items[0]
            break
    # The first sentence is found in the text as it is and only it has its spaces collapsed
    # (a first paragraph can be the whole thread): the pattern sees the same characters either
    # way, since collapsing changes only runs of whitespace, and its `\s` is the whitespace
    # str.split() splits at (tests/test_pass_shortcuts.py checks the two orders agree).
    match = _SENTENCE_END.search(text)
    sentence = _collapsed(text[: match.start("end")] if match else text)
    if not sentence:
        return fallback
    # A title does not end in a full stop; "?" and "!" carry meaning and stay.
    sentence = sentence.rstrip(".。").strip() or sentence
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0] if " " in sentence[:limit] else sentence[:limit]
    return cut.rstrip(",;:—–- ") + "…"
