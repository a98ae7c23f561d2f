"""X's weighted length (twitter-text config v3): weights 1 and 2 by code point range, emoji
sequences 2, URLs 23 with or without a scheme. Expected values follow the published rules and
agree with twitter-text-parser, the port of the official library, where it is installed."""

from __future__ import annotations

import pytest

from thread2article.reassemble.length import URL_WEIGHT, char_weight, weighted_length

CASES = [
    # (text, weight, why)
    ("hello", 5, "ASCII weighs 1"),
    ("Grüße, Привет", 13, "Latin-1, Latin Extended and Cyrillic sit below U+10FF: weight 1"),
    ("日本語", 6, "CJK weighs 2"),
    ("한국어", 6, "Hangul syllables weigh 2"),
    ("a—b", 3, "an em dash (U+2014) is in the light range U+2010–U+201F"),
    ("“x”", 3, "curly quotes are in the light range"),
    ("…", 2, "the ellipsis U+2026 is outside every light range"),
    ("😷", 2, "one emoji weighs 2"),
    ("👍🏽", 2, "a skin tone adds nothing"),
    ("👨\u200d👩\u200d👧", 2, "a ZWJ family is one sequence"),
    ("🏳️\u200d🌈", 2, "a flag built with ZWJ and a variation selector is one sequence"),
    ("🇺🇦", 2, "two regional indicators are one flag"),
    ("1️⃣", 2, "a keycap is one emoji"),
    ("©️", 2, "a text symbol asked to show as emoji"),
    (
        "https://example.com/a/very/long/path?with=query",
        URL_WEIGHT,
        "a URL weighs 23 whatever its length",
    ),
    ("see example.com now", 8 + URL_WEIGHT, "a bare domain is a URL too"),
    ("www.example.org/path?q=1", URL_WEIGHT, "a bare domain with a path"),
    ("node.js", 7, "js is no top-level domain"),
    ("3.14 and v1.2.3", 15, "numbers with dots are not domains"),
    ("a@b.com", 7, "an e-mail address is not a URL"),
    ("x" * 280, 280, "the limit itself"),
    (
        "see https://wiki.debian.org/systemd.",
        4 + URL_WEIGHT + 1,
        "a full stop after a URL is not in it",
    ),
    ("(https://example.com/a/b)", URL_WEIGHT + 2, "nor a closing bracket"),
    ("see example.com/doc.", 4 + URL_WEIGHT + 1, "nor after a bare domain's path"),
    ("见 https://www.debian.org/doc，包括了", 3 + URL_WEIGHT + 8, "a URL ends before Chinese"),
]


@pytest.mark.parametrize("text, expected, why", CASES, ids=[case[2] for case in CASES])
def test_weighted_length_follows_the_published_rules(text: str, expected: int, why: str) -> None:
    assert weighted_length(text) == expected, why


def test_character_weights_at_the_range_edges() -> None:
    assert [
        char_weight(chr(point))
        for point in (
            0x10FF,
            0x1100,
            0x2000,
            0x200D,
            0x200E,
            0x2010,
            0x201F,
            0x2020,
            0x2032,
            0x2037,
            0x2038,
        )
    ] == [
        1,
        2,
        1,
        1,
        2,
        1,
        1,
        2,
        1,
        1,
        2,
    ]


def test_length_is_counted_on_the_nfc_form() -> None:
    # "e" + combining acute is one character once composed.
    assert weighted_length("e\u0301") == weighted_length("é") == 1


def test_several_urls_each_weigh_23() -> None:
    text = "http://t.co/abc https://x.com/a/status/1"
    assert weighted_length(text) == 2 * URL_WEIGHT + 1


def test_agrees_with_twitter_text_parser() -> None:
    # A test dependency (pyproject's [test] extra), so this check always runs.
    import twitter_text

    for text, _, why in CASES:
        assert weighted_length(text) == twitter_text.parse_tweet(text).weightedLength, why
