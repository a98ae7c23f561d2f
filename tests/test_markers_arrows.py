"""Pointing arrows and the counts and words around them (issue 10 item 1; the cases are
fixtures/passes/markers-arrows.yaml, which tests/test_markers.py runs): the first tests of the
pass let none of the new forms by, the new patterns start only where their first characters
stand, and the pass stays linear in the post with them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_linear_passes import LARGE, MAX_RATIO, SMALL, _draft, _seconds
from test_pass_shortcuts import _plain_trailing_ends

from thread2article.reassemble import markers
from thread2article.reassemble.markers import strip_markers

# Post endings the new rules read, with the tokens that may close a post after them.
ENDINGS = [
    "👇 @bob",
    "1/ 👇 @bob",
    "1/3 @bob@example.social",
    "More below 👇",
    "Thread continues ⬇️",
    "mehr 👇",
    "Далее 👇",
    "。続く👇",
    "。下面👇",
    "👇 1/",
    "⬇️ 1/3",
    "1/4:",
    "1/：",
    "(2/4):",
    "3.",
    "3...",
    "。3.",
    "1/4 ⬇️",
    "(1/4)⬇️",
    "🧵⬇️",
    "⬇️🧵",
    "Thread 👇",
    "。下に続く👇",
    "1/ ...",
]
TAILS = ["", " #health", " 🙂", " @bob"]


@pytest.mark.parametrize("ending", ENDINGS)
@pytest.mark.parametrize("tail", TAILS)
def test_no_first_test_calls_a_text_ending_in_a_new_form_quiet(ending: str, tail: str) -> None:
    text = "Sleep well. " + ending + tail
    assert not markers._quiet(text), text
    assert not markers._calm_end(text), text


def test_a_mention_closes_a_post_as_a_hashtag_does() -> None:
    text = "Sleep well. 1/3 @bob @alice@example.social"
    ends = markers._trailing_ends(text)
    assert ends[-1] == len("Sleep well. 1/3")
    # An address or a mention glued to a word is no closing token.
    assert markers._trailing_ends("Write to me@example.org") == [len("Write to me@example.org")]


def test_the_goes_on_phrases_start_only_where_their_heads_stand() -> None:
    # _TRAILING_POINTER and _GOES_ON_LABEL test _GOES_ON_HEADS first at each position: every
    # phrase the pattern reads starts with one of them (in lower case: IGNORECASE folds).
    phrases = ["the thread continues", "Thread continues below", "🧵 continues", "More below"]
    phrases += ["Thread", "a short thread below", "this thread", "Long thread here", "🧵"]
    phrases += ["read more", "See below", "continued", "Continues below", "below", "read on"]
    phrases += ["keep reading", "continue reading", "Mehr dazu", "weiter geht's", "Weiter unten"]
    phrases += ["unten", "geht weiter", "Fortsetzung", "Далее", "дальше", "ещё", "Ниже"]
    phrases += ["продолжение ниже", "подробнее", "читать дальше", "続く", "続きは下", "つづく"]
    phrases += [
        "以下",
        "下へ",
        "下に続く",
        "以下に続く",
        "下面",
        "继续",
        "繼續",
        "续",
        "往下看",
        "见下文",
    ]
    phrases += ["下文"]
    phrase = re.compile(f"(?:{markers._GOES_ON_PHRASES})", re.IGNORECASE)
    for words in phrases:
        assert phrase.fullmatch(words), words
        assert words[0].lower() in markers._GOES_ON_HEADS, words
        assert markers._GOES_ON_LABEL.search("Sleep well. " + words), words
        assert markers._TRAILING_POINTER.search("Sleep well. " + words + " ⬇️"), words


def test_the_pointer_window_holds_the_longest_pointer() -> None:
    longest = "Sleep well. Thread continues below 👇🏽👇🏽👇🏽 (12/15)"
    found = markers._trailing_pointer(longest)
    assert found is not None and longest[found[0] :].startswith("Thread continues below")


# name -> posts of about n characters: runs of the new forms' parts.
LINEAR = {
    "mentions closing a post": lambda n: ["x 1/3" + " @a" * (n // 3), "y 2/3 @a"],
    "mentions glued": lambda n: ["x 1/3 " + "@a" * (n // 2), "y 2/3 @a"],
    "words before a hand": lambda n: ["x." + " more" * (n // 5) + " 👇", "y. more 👇", "z"],
    "stops before a pointer's words": lambda n: ["x" + ". " * (n // 2) + "More ⬇️", "y", "z"],
    "emoji before a pointer's words": lambda n: ["x." + " 🙂" * (n // 2) + " More ⬇️", "y", "z"],
    "quotes before a lone arrow": lambda n: ["x." + '" ' * (n // 2) + "⬇️", "y", "z"],
    "hashtags before a lone arrow": lambda n: ["x." + " #a" * (n // 3) + " ⬇️", "y", "z"],
    "arrows and counts": lambda n: ["x" + " ⬇️ 1/" * (n // 5), "y ⬇️ 2/", "z"],
    "CJK stops before words": lambda n: ["睡眠" + "。続く" * (n // 3) + "👇", "食事。", "z"],
    "numbers after sentences": lambda n: ["x." + " 1." * (n // 3), "y. 2.", "z. 3."],
    "glued numbers after CJK stops": lambda n: ["睡眠" + "。1" * (n // 2) + ".", "食事。2."],
    "colons after counts": lambda n: ["x 1/3" + ":" * n, "y 2/3:", "z"],
    "counts after hashtags": lambda n: ["x." + " #a" * (n // 3) + " 1/3", "y", "z"],
    "bare counts": lambda n: ["x" + " 1/" * (n // 3), "y", "z"],
    "glued counts": lambda n: ["1/" + "a" * n, "2/" + "b" * n, "3/c"],
    "glued counts on digits": lambda n: ["1/" + "1/" * (n // 2), "2/b", "3/c"],
}


@pytest.mark.parametrize("name", LINEAR)
def test_the_pass_is_linear_in_the_post_with_the_arrow_forms(name: str) -> None:
    posts = LINEAR[name]
    small, large = _draft(posts(SMALL)), _draft(posts(LARGE))
    ratio = _seconds(lambda: strip_markers(large)) / _seconds(lambda: strip_markers(small))
    assert ratio < MAX_RATIO, f"{name}: 8x the input took {ratio:.1f}x the time"


# Texts with mentions anywhere: replies open with one ("@name …"), posts close with some.
MENTION_PIECES = ["@bob", "@a@example.org", "x@y.org", " ", "\n", "  ", "word", "1/3", "👇", "🙂"]
MENTION_PIECES += ["#tag", "https://example.org/a", ".", "Fin.", "@", "@@", "\t"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(MENTION_PIECES), max_size=12).map("".join))
def test_the_mention_shortcut_finds_what_the_plain_definitions_find(value: str) -> None:
    # _trailing_ends and _closing_span skip their token readings where no link, hashtag or
    # emoji stands and the last word holds no "@" (_last_word_holds): they find what the plain
    # readings find.
    assert markers._trailing_ends(value) == _plain_trailing_ends(value)
    plain_span = markers._closing_line_start(value)
    if plain_span is not None:
        expected: tuple[int, int] | None = (plain_span, len(value))
    else:
        expected = next(
            (
                (start, end)
                for end in _plain_trailing_ends(value)[1:]
                if (start := markers._closing_line_start(value[:end])) is not None
            ),
            None,
        )
    assert markers._closing_span(value) == expected


POINTER_PIECES = [
    "👇",
    "⬇️",
    "⬇",
    "👉🏽",
    "→",
    "🔻",
    "🧵",
    "1/",
    "(123/456)",
    "(12/345)",
    "[3/n]",
    " ",
    "\t",
    "\n",
]
POINTER_PIECES += ["More", "Thread continues below", "下に続く", ". ", "。", "word", "n", "9", "#a"]
POINTER_PIECES += ["https://example.org/a", "@bob", "🙂", "\ufe0f", "🏽", "（", "）", "/"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(POINTER_PIECES), max_size=10).map("".join))
def test_the_pointer_shortcuts_find_what_the_plain_search_finds(value: str) -> None:
    # _trailing_pointer searches only where a pointer stands within _POINTER_REACH characters of
    # an end, and only in the last _POINTER_WINDOW characters: it finds what a search of the
    # whole text before each end finds.
    plain = None
    for end in _plain_trailing_ends(value):
        found = markers._TRAILING_POINTER.search(value[:end])
        if found:
            plain = (found.start(), found.end("pointer"))
            break
    assert markers._trailing_pointer(value) == plain
