"""A tool known to cut at characters (a Chinese or Japanese thread's, or one that cut another
full post of the thread inside a word) cut a post exactly at the limit inside a word even where
both fragments are words too ("…badly maintain" / "ed Linux"); issue 10, item 2. Each rule has
its counter-case: the same cut in a thread whose tool is not known to cut at characters, and
two common words that stay apart."""

from __future__ import annotations

import importlib

import pytest
from builders import make_thread

from thread2article.reassemble import reassemble

words = importlib.import_module("thread2article.reassemble.words")
boundaries = importlib.import_module("thread2article.reassemble.boundaries")


def _decided(posts: list[str]) -> tuple[list[str], str]:
    article = reassemble(make_thread(posts))
    text = " ".join(block.to_dict().get("text", "") for block in article.blocks)
    return [boundary.decision for boundary in article.boundaries], text


def _at_limit(words_at_end: str, filler: str, opening: str = "", limit: int = 280) -> str:
    """A post of exactly `limit` characters opening with `opening` and ending in `words_at_end`."""
    post = opening + (filler * 8)[: limit - len(opening) - len(words_at_end)] + words_at_end
    assert len(post) == limit
    return post


ENGLISH = "The release notes list every change made to the installer since the last version. "
GERMAN = "Die Dokumentation ist nicht mehr ganz aktuell, aber eine gute Fundgrube für alle. "


def test_a_word_whose_parts_are_words_is_joined_where_the_tool_cut_another_word() -> None:
    # The first post was cut inside "Azerbaijan" (the plain frequency test sees it); so the tool
    # counts characters, and "maintain" / "ed" at the limit is one word cut in two.
    decisions, text = _decided(
        [
            _at_limit(" the roads between Turkey and Az", ENGLISH),
            _at_limit(" It was a bug-ridden and badly maintain", ENGLISH, "erbaijan. "),
            "ed Linux distribution at the time.",
        ]
    )
    assert decisions == ["join-word", "join-word"]
    assert "badly maintained Linux" in text


def test_the_same_cut_keeps_its_space_where_no_word_was_cut_elsewhere() -> None:
    # Nothing shows a tool cutting at characters: a post that ends at the limit on "maintain"
    # may as well end there by chance, and "maintain" and "ed" are both listed.
    decisions, text = _decided(
        [
            _at_limit(" It was a bug-ridden and badly maintain", ENGLISH),
            "ed Linux distribution at the time.",
        ]
    )
    assert decisions[0] != "join-word"
    assert "badly maintain ed Linux" in text


def test_two_common_words_stay_apart_though_the_tool_cuts_at_characters() -> None:
    decisions, text = _decided(
        [
            _at_limit(" Die Infor", GERMAN),
            _at_limit(
                " Als Mitglied des QEMU-Teams schrieb er", GERMAN, "mationsquelle kam später. "
            ),
            "den größten Teil der Dokumentation.",
        ]
    )
    assert decisions[0] == "join-word"
    assert decisions[1] != "join-word"
    assert "schrieb er den größten" in text


def test_a_latin_word_cut_at_the_limit_of_a_japanese_thread_is_joined() -> None:
    filler = "これはテスト用の文章です。"
    # X counts a Chinese character or kana as two: 135 of them and " should al" fill 280.
    first = (filler * 20)[:135] + " should al"
    assert boundaries.counted_length(make_thread([first]).posts[0]) == 280
    decisions, text = _decided([first, "ready be met とあります。", "以上です。"])
    assert decisions[0] == "join-word"
    assert "should already be met" in text


def test_a_japanese_post_with_room_keeps_the_space_between_two_latin_words() -> None:
    decisions, text = _decided(["設定は should al", "ready be met とあります。"])
    assert decisions[0] != "join-word"
    assert "should al ready" in text


@pytest.mark.parametrize(
    ("head", "tail", "language", "cut"),
    [
        ("maintain", "ed", "en", True),
        ("Ob", "wohl", "de", True),
        ("из", "бежать", "ru", True),
        ("er", "den", "de", False),  # both common: two words
        ("on", "the", "en", False),
        ("Public", "Interest", "en", False),  # no listed word
    ],
)
def test_a_listed_word_counts_only_where_the_tool_cuts_at_characters(
    head: str, tail: str, language: str, cut: bool
) -> None:
    def lang() -> str:
        return language

    assert words.cut_inside_word(f"x {head}", f"{tail} x", lang, by_characters=True) is cut
    # The plain test alone does not glue two listed words.
    if head in ("maintain", "Ob"):
        assert words.cut_inside_word(f"x {head}", f"{tail} x", lang) is False
