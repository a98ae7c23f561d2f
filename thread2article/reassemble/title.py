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


def derive_title(blocks: tuple[Block, ...], fallback: str, limit: int = TITLE_LENGTH) -> str:
    text = ""
    for block in blocks:
        if isinstance(block, Paragraph) and block.text.strip():
            text = block.text
            break
        if isinstance(block, ListBlock) and block.items:
            text = block.items[0]
            break
    text = " ".join(text.split())
    if not text:
        return fallback
    match = _SENTENCE_END.search(text)
    sentence = text[: match.start("end")].strip() if match else text
    # A title does not end in a full stop; "?" and "!" carry meaning and stay.
    sentence = sentence.rstrip(".。").strip() or sentence
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0] if " " in sentence[:limit] else sentence[:limit]
    return cut.rstrip(",;:—–- ") + "…"
