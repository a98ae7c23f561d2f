"""Post length as X counts it (twitter-text config v3): most characters weigh 1, characters
outside the light ranges (CJK, and also "…" and most symbols) weigh 2, an emoji sequence weighs 2
whatever its code points, and every URL weighs 23, with or without its scheme ("example.com").

Checked against twitter-text-parser (PyPI, a port of the official library) on every post of
bench/reassembly/ and in tests/test_length.py.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import regex  # type: ignore[import-untyped]  # (no stubs; \X, graphemes, which re lacks)

# twitter-text config v3: code point ranges that weigh 1 (100/100); everything else weighs 2.
_LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
URL_WEIGHT = 23
EMOJI_WEIGHT = 2
# A top-level domain that makes a bare "name.tld" a URL: the generic ones people write, and every
# country code (twitter-text lists them; "file.py" and "end.It" count as URLs on X, "node.js" not).
_GENERIC_TLDS = "com|org|net|edu|gov|mil|int|info|biz|name|pro|app|dev|xyz|online|site|blog|news|tech|shop|store"
_COUNTRY_TLDS = (
    "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bv bw by bz ca cc cd cf "
    "cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk fm fo fr ga gb gd ge gf gg "
    "gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp "
    "kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne "
    "nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sj sk "
    "sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn "
    "vu wf ws ye yt za zm zw"
).replace(" ", "|")
# A top-level domain, for other rules that read names (words.name_cut_at_dot).
TOP_LEVEL_DOMAIN = _GENERIC_TLDS + "|" + _COUNTRY_TLDS
# What a URL is made of, as twitter-text reads it: no space, no Chinese or Japanese character
# or full-width punctuation ("https://www.debian.org/doc，包括了" ends before "，"), and no "…";
# and what it may end with: a letter (Latin or Cyrillic), a digit, "=", "_", "#", "/", "+" or
# "-", so a sentence's "." or ")" after it counts as a character of its own
# ("https://wiki.debian.org/systemd." is 23 + 1).
_URL_BODY = "[^\\s\u2026\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]*"
_URL_END = "[a-z0-9\u00c0-\u024f\u0400-\u04ff=_#/+\\-]"
_URL = re.compile(
    f"(?:https?://{_URL_BODY}{_URL_END}"
    r"|(?<![\w@./\-])(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+(?:"
    + _GENERIC_TLDS
    + "|"
    + _COUNTRY_TLDS
    + f")(?![\\w\\-])(?:/(?:{_URL_BODY}{_URL_END})?)?)",
    re.IGNORECASE,
)
_EMOJI_CHARS = "\U0001f000-\U0001f1e5\U0001f200-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2194-\u21aa\u231a-\u23ff\u3030\u303d\u3297\u3299"
# Parts of an emoji that add nothing to its count: variation selectors, skin tones, tag characters
# (a joiner, U+200D, binds the next emoji into the same sequence).
_EMOJI_PARTS = "\ufe0e\ufe0f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f"
_EMOJI_SEQUENCE = re.compile(
    # a flag: two regional indicators
    "[\U0001f1e6-\U0001f1ff]{2}"
    # a keycap: digit, # or * with the enclosing keycap mark
    "|[0-9#*]\ufe0f?\u20e3"
    # an emoji with its modifiers, and further emoji joined to it
    f"|[{_EMOJI_CHARS}\U0001f1e6-\U0001f1ff][{_EMOJI_PARTS}]*(?:\u200d[{_EMOJI_CHARS}][{_EMOJI_PARTS}]*)*"
    # a text character asked to show as emoji ("©️", "‼️")
    "|[^\\s\ufe0f]\ufe0f"
)


# Everything outside the light ranges: one regex count instead of a range test per character
# (the archive export weighs about a million posts' characters).
_HEAVY = re.compile("[^" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _LIGHT_RANGES) + "]")


def char_weight(char: str) -> int:
    point = ord(char)
    for low, high in _LIGHT_RANGES:
        if low <= point <= high:
            return 1
    return 2


def _chars_weight(text: str) -> int:
    if text.isascii():
        return len(text)
    return len(text) + len(_HEAVY.findall(text))


_DOT_LETTER = re.compile(r"\.[A-Za-z]")
# Cheap single searches that spare the full patterns in most posts (tests/test_pass_shortcuts.py
# checks them). Any URL holds a scheme or a dot before a top-level domain's first letter, with
# the URL pattern's own IGNORECASE ("ſ" and "K" fold to "s" and "k"); any emoji sequence holds
# one of these characters.
_MAY_HOLD_URL = re.compile(r"://|\.[a-z]", re.IGNORECASE)
_DOT_LETTER_FOLDED = re.compile(r"\.[a-z]", re.IGNORECASE)
_MAY_HOLD_EMOJI = re.compile(f"[{_EMOJI_CHARS}\U0001f1e6-\U0001f1ff\u20e3\ufe0f]")


def weighted_length(text: str) -> int:
    if text.isascii():
        # The common case: ASCII prose with no scheme and no "name.tld" cannot hold a URL, an
        # emoji or a heavy character, so it weighs its length. (ASCII is in NFC already. A text
        # without "." is told so without the pattern: a word, as the evidence asks of each post's
        # first one.)
        if "://" not in text and ("." not in text or not _DOT_LETTER.search(text)):
            return len(text)
    else:
        text = unicodedata.normalize("NFC", text)
        if "://" not in text and ("." not in text or not _DOT_LETTER_FOLDED.search(text)):
            # No URL (most texts outside ASCII: "über", "東京"): _url_search_start's answer,
            # without the call.
            return _plain_weight(text)
    start = _url_search_start(text)
    if start == len(text):
        # (No scheme, no dot before a letter: no pattern to run.)
        return _plain_weight(text)
    total = 0
    position = 0
    for match in _URL.finditer(text, start):
        total += _plain_weight(text[position : match.start()]) + URL_WEIGHT
        position = match.end()
    return total + _plain_weight(text[position:])


def _url_search_start(text: str) -> int:
    """A position no URL of `text` starts before (len(text) when it holds none), so the URL
    pattern, costly to try at every position, is searched from there (same matches: its
    look-behind still sees the text before). A URL holds a "://" or a dot before its top-level
    domain (_MAY_HOLD_URL), and from its start up to there it holds no space: so no URL starts
    before the last space ahead of the first such mark."""
    # (_MAY_HOLD_URL's first match, found as two cheaper searches: a literal and a pattern the
    # regex engine can skip ahead in to each ".")
    mark = text.find("://")
    dot = _DOT_LETTER_FOLDED.search(text, 0, len(text) if mark < 0 else mark)
    if dot:
        mark = dot.start()
    elif mark < 0:
        return len(text)
    return text.rfind(" ", 0, mark) + 1


def _plain_weight(text: str) -> int:
    if text.isascii():
        return len(text)
    heavy = _HEAVY.findall(text)
    if not heavy:
        # Every emoji, keycap ("1\u20e3") and flag holds a heavy character, so text without one
        # (most Latin, Cyrillic, Greek…) weighs its length.
        return len(text)
    # Every character an emoji sequence can hold is heavy (tests/test_pass_shortcuts.py checks
    # each code point), so the heavy characters alone tell whether one may stand here: a search
    # of a few characters instead of the whole text.
    if not _MAY_HOLD_EMOJI.search("".join(heavy)):
        return len(text) + len(heavy)
    # The emoji sequences one after another (as finditer finds them), each searched for from two
    # characters before the next heavy character: every sequence holds one among its first
    # three (a keycap "1\ufe0f\u20e3" opens with its light digit), and the pattern, which opens
    # with no one class, is tried by the regex engine at every position it is searched from (a
    # post closed by its 🧵 is read from there). tests/test_pass_shortcuts.py pins it to the rule.
    total = 0
    position = 0
    heavy_at = _HEAVY.search(text)
    while heavy_at is not None:
        match = _EMOJI_SEQUENCE.search(text, max(position, heavy_at.start() - 2))
        if match is None:
            break
        total += _chars_weight(text[position : match.start()]) + EMOJI_WEIGHT
        position = match.end()
        heavy_at = _HEAVY.search(text, position)
    return total + _chars_weight(text[position:])


# ---- other platforms ------------------------------------------------------------------------

# Each platform's post limit and way of counting (Thread.platform): X counts weighted characters
# (above); Bluesky counts graphemes (what a reader sees as one character: "👨‍👩‍👧" is one, "é"
# written as e + accent is one); Mastodon counts characters, every link as 23 and a mention
# "@name@server" as "@name", against the instance's limit (500 unless the source says).
PLATFORM_LIMITS = {"x": 280, "bluesky": 300, "mastodon": 500}
MASTODON_URL_WEIGHT = 23
_GRAPHEME = regex.compile(r"\X")
_MASTODON_URL = re.compile(r"https?://\S+")
_MASTODON_MENTION_SERVER = re.compile(r"(@[\w.]+)@[\w.-]+\w")


def grapheme_length(text: str) -> int:
    if text.isascii():
        return len(text)
    return len(_GRAPHEME.findall(text))


def mastodon_length(text: str) -> int:
    text = _MASTODON_MENTION_SERVER.sub(r"\1", text)
    total = 0
    position = 0
    for match in _MASTODON_URL.finditer(text):
        total += len(text[position : match.start()]) + MASTODON_URL_WEIGHT
        position = match.end()
    return total + len(text[position:])


@dataclass(frozen=True)
class Counting:
    """How a thread's platform counts a post against its limit."""

    platform: str
    limit: int
    measure: Callable[[str], int]


@functools.cache
def counting_for(platform: str, post_limit: int | None, x_limit: int) -> Counting:
    """The limit the thread was written against: the source's own (a Mastodon instance's), else
    the platform's; `x_limit` is X's (Options.post_limit). (Asked once per thread, with a few
    distinct answers in a whole archive, each a frozen value: made once each.)"""
    if platform == "bluesky":
        return Counting(platform, post_limit or PLATFORM_LIMITS["bluesky"], grapheme_length)
    if platform == "mastodon":
        return Counting(platform, post_limit or PLATFORM_LIMITS["mastodon"], mastodon_length)
    return Counting("x", post_limit or x_limit, weighted_length)
