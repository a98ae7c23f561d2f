"""Small facts about text that several passes ask: does it end a sentence, does it start lower-case."""

from __future__ import annotations

import re
import unicodedata

# Punctuation that can close a sentence or a clause, then closing quotes and brackets. ("..."
# needs no alternative of its own: its last "." matches. Starting with one character class lets
# the regex engine skip ahead to the punctuation instead of trying every position.)
TERMINAL = re.compile(r"[.!?…。！？:;]['\"”’»)\]]*+\s*+$")
_TERMINAL_MARKS = ".!?…。！？:;"
_CLOSERS = "'\"”’»)]"


def ends_with_terminal(text: str) -> bool:
    """bool(TERMINAL.search(text)), read from the end of the text: the pattern is tried at every
    stop in it, and the evidence asks at every boundary (about 1% of the 100k archive export's
    reassembly time). tests/test_pass_shortcuts.py pins the two to each other."""
    last = text.rstrip().rstrip(_CLOSERS)[-1:]
    return bool(last) and last in _TERMINAL_MARKS


_OPENERS = "\"'“‘("


def starts_lower(text: str, *, past_openers: bool = False) -> bool:
    """Does the text start with a lower-case letter (after opening quotes, if asked)?"""
    if past_openers:
        text = text.lstrip(_OPENERS)
    return bool(text) and text[0].islower()


_CJK_NAMES = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "FULLWIDTH", "IDEOGRAPHIC")
_CJK_PUNCTUATION = "、。「」『』（）！？"
# None of these comes before Hangul Jamo (U+1100), and most characters asked about (Latin,
# punctuation) do: they skip the name lookup (tests/test_pass_shortcuts.py checks the bound).
_FIRST_CJK = "\u1100"


def is_cjk(char: str) -> bool:
    if char < _FIRST_CJK:
        return False
    return unicodedata.name(char, "").startswith(_CJK_NAMES) or char in _CJK_PUNCTUATION
