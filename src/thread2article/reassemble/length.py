"""Post length as X counts it (twitter-text v3 rules): most characters weigh 1, CJK and other
characters outside the light ranges weigh 2, an emoji sequence weighs 2, and every URL weighs 23."""

from __future__ import annotations

import re
import unicodedata

# twitter-text config v3: code point ranges that weigh 1 (100/100); everything else weighs 2.
_LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
URL_WEIGHT = 23
_URL = re.compile(r"https?://\S+", re.IGNORECASE)
# Parts of an emoji sequence that add nothing to its count: joiners, variation selectors, skin tones,
# keycap, tag characters.
_EMOJI_MODIFIERS = re.compile("[\u200d\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")
_EMOJI_SEQUENCE = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff](?:\u200d?[\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]*"
    "\u200d[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff])*"
)


def char_weight(char: str) -> int:
    point = ord(char)
    for low, high in _LIGHT_RANGES:
        if low <= point <= high:
            return 1
    return 2


def weighted_length(text: str) -> int:
    text = unicodedata.normalize("NFC", text)
    total = 0
    position = 0
    for match in _URL.finditer(text):
        total += _plain_weight(text[position : match.start()]) + URL_WEIGHT
        position = match.end()
    return total + _plain_weight(text[position:])


def _plain_weight(text: str) -> int:
    emoji_count = 0

    def count(match: re.Match) -> str:
        nonlocal emoji_count
        emoji_count += 1
        return ""

    text = _EMOJI_SEQUENCE.sub(count, text)
    text = _EMOJI_MODIFIERS.sub("", text)
    return emoji_count * 2 + sum(char_weight(char) for char in text)
