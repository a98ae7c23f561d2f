"""Small facts about text that several passes ask: does it end a sentence, does it start lower-case."""

from __future__ import annotations

import re
import unicodedata

# Punctuation that can close a sentence or a clause, then closing quotes and brackets. ("..."
# needs no alternative of its own: its last "." matches. Starting with one character class lets
# the regex engine skip ahead to the punctuation instead of trying every position.)
TERMINAL = re.compile(r"[.!?…。！？:;]['\"”’»)\]]*+\s*+$")
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
