"""X's weighted length takes shortcuts (reassemble/length.py): the archive export weighs every
post and the pieces of text the boundary rules try. Each must give what the plain definition
gives: every character by its range, each emoji sequence 2 and each URL 23, the URL and emoji
patterns searched from the start of the text. And where no URL, emoji or heavy character can
stand, twitter-text-parser (the port of the official library, a test dependency) must count
what the shortcut returns: the text's length."""

from __future__ import annotations

import string
import unicodedata

import twitter_text
from hypothesis import example, given, settings
from hypothesis import strategies as st

from thread2article.reassemble import length


def _plain_weight(value: str) -> int:
    """The documented rule with no shortcut: URLs 23, emoji sequences 2, other characters by
    range, every pattern searched over the whole (NFC) text."""
    value = unicodedata.normalize("NFC", value)

    def characters(piece: str) -> int:
        return sum(length.char_weight(char) for char in piece)

    def without_urls(piece: str) -> int:
        total, position = 0, 0
        for match in length._EMOJI_SEQUENCE.finditer(piece):
            total += characters(piece[position : match.start()]) + length.EMOJI_WEIGHT
            position = match.end()
        return total + characters(piece[position:])

    total, position = 0, 0
    for match in length._URL.finditer(value):
        total += without_urls(value[position : match.start()]) + length.URL_WEIGHT
        position = match.end()
    return total + without_urls(value[position:])


# Pieces that put the shortcuts' edges in reach: URLs with and without a scheme, their marks
# alone ("://", a dot before a letter), the letters IGNORECASE folds onto ASCII ("ſ" s, "K" k,
# "İ"), spaces of several kinds before a URL, heavy characters of every kind (CJK, "…", emoji
# and their parts, keycaps, flags) and light ones outside ASCII (Latin, Cyrillic, "—", "“").
PIECES = [
    *[" ", "  ", "\t", "\n", "\u00a0", "\u3000", "a", "Z", "word", "e.g", "i.e", "v1.2", "3.14"],
    *["é", "e\u0301", "ß", "Привет", "—", "“", "”", "ſ", "\u212a", "İ", "ı", ".", "..", ":"],
    *["/", "//", "://", "-", "_", "@", "#", "(", ")", ",", "?", "=", "&"],
    *["https://", "http://", "HTTPS://", "t.co/x", "example.com", "EXAMPLE.COM", "file.py"],
    *["node.js", "www.", ".com", ".ſt", ".\u212ar", "a.b", "x.co/", "/path.", "end.It"],
    *["東京", "データ", "，", "。", "한", "…", "😷", "🏽", "\u200d", "\ufe0f", "\u20e3", "1"],
    *["🇺", "🇦", "©", "‼", "\U0001f3f3"],
]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=2000, deadline=None)
@given(texts)
@example("see https://example.com/a now")
@example("Café über. https://t.co/0000000001")
@example("x\u00a0example.com")
@example("naïve e.g. 東京 https://x.co/a 😷 and www.example.org/b.")
@example("ſ.\u212ar a.st")
@example("")
def test_weighted_length_is_the_plain_rule(value: str) -> None:
    assert length.weighted_length(value) == _plain_weight(value)


@settings(max_examples=2000, deadline=None)
@given(texts)
@example("a b.c https://x")
@example("e.g.https://t.co/x")
@example("ſ.com")
def test_no_url_starts_before_the_search_start(value: str) -> None:
    value = unicodedata.normalize("NFC", value)
    start = length._url_search_start(value)
    whole = [match.span() for match in length._URL.finditer(value)]
    assert all(begin >= start for begin, _ in whole)
    assert [match.span() for match in length._URL.finditer(value, start)] == whole
    # The two searches find where _MAY_HOLD_URL's single search does.
    assert (start == len(value)) == (length._MAY_HOLD_URL.search(value) is None)


# ---- where the shortcuts return the length: the plain rule and twitter-text agree ------------
# ASCII without a scheme and without a dot before a letter: no URL, emoji or heavy character.
_ASCII = [char for char in string.printable if char not in ".:\x0b\x0c\r"]
ascii_texts = st.lists(
    st.one_of(
        st.sampled_from(_ASCII), st.sampled_from([". ", ".1", ": ", ".\n", ":1", "a. B", "...\t"])
    ),
    max_size=60,
).map("".join)
# Light characters outside ASCII (Latin-1 letters, Latin Extended, Cyrillic, Greek, the dashes
# and quotes of U+2010–U+201F), no dot or colon: no URL and nothing heavy.
_LIGHT = [
    chr(point)
    for point in [*range(0xC0, 0x250), *range(0x391, 0x3CA), *range(0x400, 0x460)]
    if unicodedata.category(chr(point)).startswith("L")
] + ["—", "–", "“", "”", "‘", "’", " ", ",", "!", "?", "a", "1"]
light_texts = st.lists(st.sampled_from(_LIGHT), max_size=60).map("".join)


@settings(max_examples=1000, deadline=None)
@given(ascii_texts)
@example("It ends. Then it goes on: 3.14, 1.5 and v2")
def test_ascii_without_a_url_mark_weighs_its_length(value: str) -> None:
    assert "://" not in value and not length._DOT_LETTER.search(value)
    assert length.weighted_length(value) == len(value) == _plain_weight(value)
    assert twitter_text.parse_tweet(value).weightedLength == len(value)


@settings(max_examples=1000, deadline=None)
@given(light_texts)
@example("Grüße — “Привет”, naïve Ελληνικά")
def test_light_text_without_a_url_weighs_its_length(value: str) -> None:
    value = unicodedata.normalize("NFC", value)
    assert length.weighted_length(value) == len(value) == _plain_weight(value)
    assert twitter_text.parse_tweet(value).weightedLength == len(value)


def test_the_counting_of_a_thread_is_made_once_and_is_what_its_rule_says() -> None:
    # counting_for is cached (one Counting per platform and limits); each is frozen, so the
    # shared value is the one the rule builds.
    for platform, post_limit, x_limit, expected in [
        ("x", None, 280, length.Counting("x", 280, length.weighted_length)),
        ("x", 140, 280, length.Counting("x", 140, length.weighted_length)),
        ("x", None, 500, length.Counting("x", 500, length.weighted_length)),
        ("bluesky", None, 280, length.Counting("bluesky", 300, length.grapheme_length)),
        ("mastodon", 1000, 280, length.Counting("mastodon", 1000, length.mastodon_length)),
        ("mastodon", None, 280, length.Counting("mastodon", 500, length.mastodon_length)),
    ]:
        assert length.counting_for(platform, post_limit, x_limit) == expected
        assert length.counting_for(platform, post_limit, x_limit) is length.counting_for(
            platform, post_limit, x_limit
        )
